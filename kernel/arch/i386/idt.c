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
#include <proc/oom.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <syscall.h>
#include <uapi/errno.h>
#include <uapi/signal.h>
#include <uapi/syscall.h>
#include <uapi/wait.h>
#include <mm/vm.h>
#include <proc/task.h>
#include <stdint.h>

#define IDT_ENTRIES 256
#define GATE_INTERRUPT32 0x8e /* present, DPL 0, 32-bit interrupt gate */
#define GATE_DPL3 0x60

#define APIC_VECTORS (IDT_ENTRIES - APIC_VECTOR_FIRST)

extern const uint32_t trap_vectors[IRQ_BASE + IRQ_COUNT];
extern const uint32_t trap_vector_syscall;
extern const uint32_t trap_vectors_apic[APIC_VECTORS];

static uint64_t idt[IDT_ENTRIES];
static irq_handler_t irq_handlers[IRQ_COUNT];
static irq_handler_t apic_handlers[APIC_VECTORS];
/* Set once at boot, before a second CPU runs: IRQs through the I/O APIC. */
static void (*apic_route)(int irq);
static void (*apic_eoi)(void);
/* Per CPU and vector; each CPU updates its own row with interrupts off. */
static uint64_t counts[MAX_CPUS][IDT_ENTRIES];

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

    static int built;

    if (!built) { /* one table for every CPU; the others only load it */
        for (int v = 0; v < IRQ_BASE + IRQ_COUNT; v++)
            idt[v] = gate(trap_vectors[v], GATE_INTERRUPT32);
        idt[0x80] = gate(trap_vector_syscall, GATE_INTERRUPT32 | GATE_DPL3);
        for (int v = 0; v < APIC_VECTORS; v++)
            idt[APIC_VECTOR_FIRST + v] = gate(trap_vectors_apic[v], GATE_INTERRUPT32);
        pic_init(IRQ_BASE);
        built = 1;
    }
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

void irq_register(int irq, irq_handler_t handler)
{
    irq_handlers[irq] = handler;
    if (apic_route)
        apic_route(irq);
    else
        pic_unmask(irq);
}

void apic_vector_register(int vector, irq_handler_t handler)
{
    if (vector >= APIC_VECTOR_FIRST && vector < IDT_ENTRIES - 1)
        apic_handlers[vector - APIC_VECTOR_FIRST] = handler;
}

void irq_switch_to_apic(void (*route)(int irq), void (*eoi)(void))
{
    apic_eoi = eoi;
    apic_route = route;
    for (int irq = 0; irq < IRQ_COUNT; irq++) {
        if (irq_handlers[irq]) {
            pic_mask(irq);
            route(irq);
        }
    }
}

uint64_t trap_count_cpu(int cpu, int vector)
{
    uint32_t flags = read_eflags();
    uint64_t n;

    cli(); /* a 64-bit read is two loads; the owner updates it with interrupts off */
    n = counts[cpu][vector & 0xff];
    if (flags & EFLAGS_IF)
        sti();
    return n;
}

uint64_t trap_count(int vector)
{
    uint64_t n = 0;

    for (int cpu = 0; cpu < ncpus; cpu++)
        n += trap_count_cpu(cpu, vector);
    return n;
}

const char *trap_name(int vector)
{
    if (vector < 32)
        return exception_names[vector];
    if (vector < IRQ_BASE + IRQ_COUNT)
        return "IRQ";
    if (vector >= APIC_VECTOR_FIRST)
        return "Local APIC";
    return vector == 0x80 ? "System call" : "Unknown vector";
}

static void handle_irq(struct trap_frame *tf)
{
    int irq = (int)tf->vector - IRQ_BASE;

    if (!apic_eoi && (irq == 7 || irq == 15) && pic_spurious(irq))
        return;
    this_cpu()->irq_nesting++;
    if (irq_handlers[irq])
        irq_handlers[irq](tf);
    this_cpu()->irq_nesting--;
    if (apic_eoi)
        apic_eoi();
    else
        pic_eoi(irq);
}

static void handle_apic_vector(struct trap_frame *tf)
{
    irq_handler_t h = apic_handlers[tf->vector - APIC_VECTOR_FIRST];

    if (tf->vector == VECTOR_SPURIOUS)
        return; /* no EOI for the spurious vector (Intel SDM vol. 3, 10.9) */
    this_cpu()->irq_nesting++;
    if (h)
        h(tf);
    this_cpu()->irq_nesting--;
    if (apic_eoi)
        apic_eoi();
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

/* The si_code that goes with a fault's signal. */
static int exception_code(const struct trap_frame *tf, int sig)
{
    switch (sig) {
    case SIGSEGV: return (tf->vector == T_PAGE_FAULT && (tf->error & 1)) ? SEGV_ACCERR : SEGV_MAPERR;
    case SIGFPE: return tf->vector == T_DIVIDE ? FPE_INTDIV : FPE_FLTINV;
    case SIGILL: return ILL_ILLOPC;
    case SIGBUS: return BUS_ADRALN;
    default: return TRAP_BRKPT;
    }
}

/*
 * A user program faulted and nothing can resolve it: it gets the matching
 * signal. When that will kill it (no handler), the console says why.
 * Running out of memory goes to the out-of-memory killer instead.
 */
static void user_fault(struct trap_frame *tf, int err)
{
    struct process *p = current_process();
    int sig = exception_signal(tf->vector);
    uint32_t addr = tf->vector == T_PAGE_FAULT ? read_cr2() : tf->eip;

    sti();
    if (tf->vector == T_PAGE_FAULT && err == -ENOMEM) {
        oom_user_fault(); /* kills someone; the fault is retried or this process dies */
        return;
    }
    if (signal_fault_is_fatal(sig))
        kprintf("pid %d (%s): %s at eip %#lx%s; killed\n", p->pid, p->name,
                trap_name((int)tf->vector), (unsigned long)tf->eip,
                tf->vector == T_PAGE_FAULT ? " (bad memory access)" : "");
    signal_fault(sig, exception_code(tf, sig), addr);
}

/* Back to user mode: deliver signals first, then return with interrupts off so none slips past. */
static void return_to_user(struct trap_frame *tf, int syscall_nr)
{
    signal_deliver(tf, syscall_nr);
    cli();
}

void trap_dispatch(struct trap_frame *tf);
void trap_dispatch(struct trap_frame *tf)
{
    int err;

    counts[this_cpu()->id][tf->vector & 0xff]++;
    if (tf->vector == T_NMI) {
        if (panic_in_progress()) /* another CPU panicked and stops this one */
            panic_stopped_cpu(tf);
        kprintf("cpu %d: NMI ignored\n", this_cpu()->id);
        return;
    }
    if ((tf->vector >= IRQ_BASE && tf->vector < IRQ_BASE + IRQ_COUNT) ||
        tf->vector >= APIC_VECTOR_FIRST) {
        if (tf->vector >= APIC_VECTOR_FIRST)
            handle_apic_vector(tf);
        else
            handle_irq(tf);
        /* Preempt only code that ran with interrupts on (it holds no spinlock). */
        if (tf->eflags & EFLAGS_IF)
            sched_preempt_point();
        if (from_user(tf)) {
            sti();
            return_to_user(tf, -1);
        }
        return;
    }
    if (tf->vector == T_SYSCALL && from_user(tf)) {
        int nr = (int)tf->eax;
        sti(); /* system calls may sleep; the gate turned interrupts off */
        syscall_dispatch(tf);
        sched_preempt_point();
        /* sigreturn's eax is the interrupted code's, never a restart request. */
        return_to_user(tf, nr == SYS_sigreturn ? -1 : nr);
        return;
    }
    /* Page faults of user memory (from user mode or a user copy) are resolved by mm/vm. */
    err = tf->vector == T_PAGE_FAULT ? vm_page_fault(tf) : -EFAULT;
    if (err == 0) {
        if (from_user(tf)) {
            sti();
            return_to_user(tf, -1);
        }
        return;
    }
    if (from_user(tf)) {
        user_fault(tf, err); /* a signal, usually the end of the process; the kernel goes on */
        return_to_user(tf, -1);
        return;
    }
    /* Any other exception in the kernel, or a stray vector, is a kernel bug. */
    panic_trap(tf);
}
