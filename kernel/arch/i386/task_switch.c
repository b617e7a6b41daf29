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

/* Turn on the FPU and SSE on the calling CPU (each CPU has its own CR0 and CR4). */
void fpu_cpu_init(void)
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
}

void fpu_init(void)
{
    uint32_t a, b, c, d;

    fpu_cpu_init();
    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
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
    /*
     * A task's space follows it to whatever CPU runs it. A kernel thread
     * without one only touches kernel memory, which every space maps: on one
     * CPU it keeps whatever is loaded; with more, the kernel's own directory,
     * so that no CPU holds a space whose task runs elsewhere (docs/smp.md).
     */
    if (next->vm || ncpus > 1)
        vm_load(next->vm);
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

void fpu_save_current(uint8_t *area)
{
    fpu_save(area);
}

void fpu_load_current(struct task *t, uint8_t *area)
{
    uint32_t flags = read_eflags();

    if (has_fxsr) {
        /* FXRSTOR faults on reserved MXCSR bits: keep only those the CPU supports. */
        uint32_t mask, mxcsr;
        memcpy(&mask, initial_state + 28, 4);
        memcpy(&mxcsr, area + 24, 4);
        mxcsr &= mask ? mask : 0xffbf;
        memcpy(area + 24, &mxcsr, 4);
    }
    /* No switch in between: it would save the old registers over the new area. */
    cli();
    memcpy(t->fpu_state, area, FPU_AREA);
    fpu_restore(t->fpu_state);
    if (flags & EFLAGS_IF)
        sti();
}
