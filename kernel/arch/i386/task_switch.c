/*
 * task_switch.c - the per-task CPU state that context_switch does not carry:
 * the TSS's esp0 (the kernel stack for interrupts from user mode), the
 * address space, and the x87/SSE registers.
 *
 * FPU state is switched eagerly: a task with an FPU area (every user
 * process) has its registers saved with FXSAVE when it leaves the CPU and
 * restored with FXRSTOR when it comes back (FSAVE/FRSTOR on CPUs without
 * FXSR). The kernel itself never uses the FPU (it is built with
 * -mgeneral-regs-only), so kernel threads need no area.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/percpu.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <string.h>
#include <uapi/errno.h>

#define CR0_MP 0x00000002
#define CR0_EM 0x00000004
#define CR0_TS 0x00000008
#define CR0_NE 0x00000020
#define CR4_OSFXSR 0x00000200
#define CR4_OSXMMEXCPT 0x00000400
#define CPUID_1_EDX_FXSR (1u << 24)
#define CPUID_1_EDX_SSE (1u << 25)
#define FPU_AREA 512
#define MXCSR_DEFAULT 0x1f80

static int has_fxsr;
static uint8_t initial_state[FPU_AREA] __attribute__((aligned(16)));

static inline void write_cr0(uint32_t v)
{
    __asm__ volatile("movl %0, %%cr0" : : "r"(v) : "memory");
}

static inline void write_cr4(uint32_t v)
{
    __asm__ volatile("movl %0, %%cr4" : : "r"(v) : "memory");
}

static void fpu_save(uint8_t *area)
{
    if (has_fxsr)
        __asm__ volatile("fxsave (%0)" : : "r"(area) : "memory");
    else
        __asm__ volatile("fnsave (%0); fwait" : : "r"(area) : "memory");
}

static void fpu_restore(const uint8_t *area)
{
    if (has_fxsr)
        __asm__ volatile("fxrstor (%0)" : : "r"(area) : "memory");
    else
        __asm__ volatile("frstor (%0)" : : "r"(area) : "memory");
}

void fpu_init(void)
{
    uint32_t a, b, c, d;

    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    has_fxsr = (d & CPUID_1_EDX_FXSR) != 0;
    write_cr0((read_cr0() & ~(uint32_t)(CR0_EM | CR0_TS)) | CR0_MP | CR0_NE);
    if (has_fxsr)
        write_cr4(read_cr4() | CR4_OSFXSR | ((d & CPUID_1_EDX_SSE) ? CR4_OSXMMEXCPT : 0));
    __asm__ volatile("fninit");
    if (has_fxsr && (d & CPUID_1_EDX_SSE)) {
        uint32_t mxcsr = MXCSR_DEFAULT;
        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    }
    fpu_save(initial_state); /* the state every new process starts from */
    kprintf("fpu: x87%s, state saved with %s\n", (d & CPUID_1_EDX_SSE) ? " and SSE" : "",
            has_fxsr ? "FXSAVE" : "FSAVE");
}

int fpu_task_init(struct task *t)
{
    if (!t->fpu_state) {
        t->fpu_state = kmalloc(FPU_AREA); /* kmalloc blocks are 16-byte aligned */
        if (!t->fpu_state)
            return -ENOMEM;
    }
    memcpy(t->fpu_state, initial_state, FPU_AREA);
    return 0;
}

void arch_switch_to(struct task *prev, struct task *next)
{
    this_cpu()->tss.esp0 = (uint32_t)task_stack_top(next);
    if (prev->fpu_state)
        fpu_save(prev->fpu_state);
    if (next->fpu_state)
        fpu_restore(next->fpu_state);
    if (next->proc && next->proc->vm)
        vm_activate(next->proc->vm);
}

void fpu_reset_current(struct task *t)
{
    if (fpu_task_init(t) == 0)
        fpu_restore(t->fpu_state);
}

void fpu_copy_current(struct task *t)
{
    fpu_save(t->fpu_state); /* the live registers are the current task's */
}
