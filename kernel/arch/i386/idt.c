/*
 * idt.c - the interrupt descriptor table and trap dispatch.
 *
 * Every vector's stub (trap_entry.S) ends in trap_dispatch(). A page fault
 * goes to the address-space code first (vm_page_fault), which resolves faults
 * on user memory. Every other CPU exception taken in kernel mode is fatal: the
 * kernel prints the exception, the registers and a symbolized backtrace and
 * stops (panic_trap). IRQs go to the handler a driver registered, then get
 * their end-of-interrupt.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/percpu.h>
#include <arch/i386/pic.h>
#include <arch/i386/trap.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <proc/process.h>
#include <syscall.h>
#include <uapi/signal.h>
#include <uapi/wait.h>
#include <mm/vm.h>
#include <proc/task.h>
#include <stdint.h>

#define IDT_ENTRIES 256
#define GATE_INTERRUPT32 0x8e /* present, DPL 0, 32-bit interrupt gate */
#define GATE_DPL3 0x60

extern const uint32_t trap_vectors[IRQ_BASE + IRQ_COUNT];
extern const uint32_t trap_vector_syscall;

static uint64_t idt[IDT_ENTRIES];
static irq_handler_t irq_handlers[IRQ_COUNT];
static uint64_t counts[IDT_ENTRIES]; /* updated with interrupts off, per vector */

static const char *const exception_names[32] = {
    "Divide error", "Debug", "Non-maskable interrupt", "Breakpoint", "Overflow",
    "Bound range exceeded", "Invalid opcode", "Device not available", "Double fault",
    "Coprocessor segment overrun", "Invalid TSS", "Segment not present",
    "Stack-segment fault", "General protection fault", "Page fault", "Reserved",
    "x87 floating-point error", "Alignment check", "Machine check", "SIMD floating-point error",
    "Virtualization exception", "Control protection exception", "Reserved", "Reserved",
    "Reserved", "Reserved", "Reserved", "Reserved", "Hypervisor injection",
    "VMM communication", "Security exception", "Reserved",
};

static uint64_t gate(uint32_t handler, uint8_t type)
{
    return (uint64_t)(handler & 0xffff) | ((uint64_t)SEL_KERNEL_CODE << 16) |
           ((uint64_t)type << 40) | ((uint64_t)(handler >> 16) << 48);
}

void idt_init(void)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) idtr = {sizeof idt - 1, (uint32_t)idt};

    for (int v = 0; v < IRQ_BASE + IRQ_COUNT; v++)
        idt[v] = gate(trap_vectors[v], GATE_INTERRUPT32);
    idt[0x80] = gate(trap_vector_syscall, GATE_INTERRUPT32 | GATE_DPL3);
    __asm__ volatile("lidt %0" : : "m"(idtr));
    pic_init(IRQ_BASE);
}

void irq_register(int irq, irq_handler_t handler)
{
    irq_handlers[irq] = handler;
    pic_unmask(irq);
}

uint64_t trap_count(int vector)
{
    uint32_t flags = read_eflags();
    uint64_t n;

    cli();
    n = counts[vector & 0xff];
    if (flags & EFLAGS_IF)
        sti();
    return n;
}

const char *trap_name(int vector)
{
    if (vector < 32)
        return exception_names[vector];
    if (vector < IRQ_BASE + IRQ_COUNT)
        return "IRQ";
    return vector == 0x80 ? "System call" : "Unknown vector";
}

static void handle_irq(struct trap_frame *tf)
{
    int irq = (int)tf->vector - IRQ_BASE;

    if ((irq == 7 || irq == 15) && pic_spurious(irq))
        return;
    this_cpu()->irq_nesting++;
    if (irq_handlers[irq])
        irq_handlers[irq](tf);
    this_cpu()->irq_nesting--;
    pic_eoi(irq);
}

static int from_user(const struct trap_frame *tf)
{
    return (tf->cs & 3) == 3;
}

/* The signal a CPU exception in user mode stands for (POSIX numbers). */
static int exception_signal(uint32_t vector)
{
    switch (vector) {
    case T_DIVIDE: case 16: case 19: return SIGFPE; /* divide, x87 and SIMD errors */
    case 1: case 3: return SIGTRAP;                 /* debug, breakpoint */
    case T_INVALID_OPCODE: return SIGILL;
    case 17: return SIGBUS;                         /* alignment check */
    default: return SIGSEGV;
    }
}

/*
 * A user program faulted and nothing can resolve it: report it and end the
 * process as killed by the matching signal (signal handlers arrive with the
 * signal work; until then every such fault is fatal to the process).
 */
static void __attribute__((noreturn)) user_fault(struct trap_frame *tf)
{
    struct process *p = current_process();

    sti();
    kprintf("pid %d (%s): %s at eip %#lx%s; killed\n", p ? p->pid : -1, p ? p->name : "?",
            trap_name((int)tf->vector), (unsigned long)tf->eip,
            tf->vector == T_PAGE_FAULT ? " (bad memory access)" : "");
    process_exit(W_EXITCODE(0, exception_signal(tf->vector)));
}

void trap_dispatch(struct trap_frame *tf);
void trap_dispatch(struct trap_frame *tf)
{
    counts[tf->vector & 0xff]++;
    if (tf->vector >= IRQ_BASE && tf->vector < IRQ_BASE + IRQ_COUNT) {
        handle_irq(tf);
        /* Preempt only code that ran with interrupts on (it holds no spinlock). */
        if (tf->eflags & EFLAGS_IF)
            sched_preempt_point();
        return;
    }
    if (tf->vector == T_SYSCALL && from_user(tf)) {
        sti(); /* system calls may sleep; the gate turned interrupts off */
        syscall_dispatch(tf);
        sched_preempt_point();
        return;
    }
    /* Page faults of user memory (from user mode or a user copy) are resolved by mm/vm. */
    if (tf->vector == T_PAGE_FAULT && vm_page_fault(tf) == 0)
        return;
    if (from_user(tf))
        user_fault(tf); /* the process dies; the kernel goes on */
    /* Any other exception in the kernel, or a stray vector, is a kernel bug. */
    panic_trap(tf);
}
