/*
 * panic.c - the kernel's last words: the reason, the registers (for a CPU
 * exception), and a backtrace with function names, then power_panic_stop().
 *
 * The backtrace follows the chain of saved frame pointers (the kernel is built
 * with -fno-omit-frame-pointer): [ebp] is the caller's ebp, [ebp+4] the return
 * address. The chain ends at ebp 0 (set at kernel entry) or at anything that
 * does not look like a kernel stack address.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/percpu.h>
#include <arch/i386/smp.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <drivers/char/console.h>
#include <lib/format.h>
#include <lib/panic.h>
#include <lib/symbols.h>
#include <power.h>

#define BACKTRACE_MAX 32

static volatile int panicking;
static volatile int cpus_stopped; /* other CPUs that printed where they were */

#define STOP_WAIT_NS 200000000ull /* how long to wait for the other CPUs' reports */

/* Print through the console without its lock: the panicking code may hold it. */
static void __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    console_write_unlocked(buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void print_frame(int index, uintptr_t addr, uintptr_t lookup)
{
    uintptr_t off;
    const char *name = ksym_lookup(lookup, &off);

    if (name)
        say("  #%d 0x%08lx %s+0x%lx\n", index, (unsigned long)addr, name,
            (unsigned long)(off + (addr - lookup)));
    else
        say("  #%d 0x%08lx ?\n", index, (unsigned long)addr);
}

static void walk(int first, uintptr_t ebp)
{
    for (int i = first; i < BACKTRACE_MAX && ebp >= KERNEL_BASE && !(ebp & 3); i++) {
        uintptr_t ret = ((uintptr_t *)ebp)[1];
        if (ret < KERNEL_BASE)
            break;
        /* Look up ret - 1: the call instruction, in case the call ends a function. */
        print_frame(i, ret, ret - 1);
        ebp = ((uintptr_t *)ebp)[0];
    }
}

void backtrace_print(unsigned long ebp)
{
    say("backtrace:\n");
    walk(0, ebp);
}

static void enter_panic(void)
{
    cli();
    /* A panic while panicking, on this CPU or another: stop now, print nothing more. */
    if (__atomic_fetch_add(&panicking, 1, __ATOMIC_SEQ_CST))
        for (;;)
            hlt();
}

/* After this CPU's report: stop the others, let each print where it was, then stop. */
static void __attribute__((noreturn)) finish_panic(void)
{
    int asked = smp_stop_others();
    uint64_t deadline = clock_monotonic_ns() + STOP_WAIT_NS;

    while (__atomic_load_n(&cpus_stopped, __ATOMIC_ACQUIRE) < asked &&
           clock_monotonic_ns() < deadline)
        __asm__ volatile("pause");
    power_panic_stop();
}

int panic_in_progress(void)
{
    return panicking != 0;
}

void panic_stopped_cpu(struct trap_frame *tf)
{
    say("cpu %d stopped at eip 0x%08lx (%s mode)\n", this_cpu()->id, (unsigned long)tf->eip,
        (tf->cs & 3) ? "user" : "kernel");
    if (!(tf->cs & 3)) {
        say("backtrace:\n");
        print_frame(0, tf->eip, tf->eip);
        walk(1, tf->ebp);
    }
    __atomic_fetch_add(&cpus_stopped, 1, __ATOMIC_RELEASE);
    for (;;) {
        cli();
        hlt();
    }
}

void panic(const char *fmt, ...)
{
    char buf[256];
    va_list ap;

    enter_panic();
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    say("\nPANIC (cpu %d): %s\n", this_cpu()->id, buf);
    backtrace_print(read_ebp());
    finish_panic();
}

void panic_trap(struct trap_frame *tf)
{
    enter_panic();
    say("\nPANIC (cpu %d): %s (vector %lu, error 0x%lx) in kernel mode\n", this_cpu()->id,
        trap_name((int)tf->vector), (unsigned long)tf->vector, (unsigned long)tf->error);
    if (tf->vector == T_PAGE_FAULT)
        say("fault address (cr2): 0x%08lx (%s, %s)\n", (unsigned long)read_cr2(),
            tf->error & 1 ? "protection violation" : "page not present",
            tf->error & 2 ? "write" : "read");
    say("eax=%08lx ebx=%08lx ecx=%08lx edx=%08lx\n", (unsigned long)tf->eax,
        (unsigned long)tf->ebx, (unsigned long)tf->ecx, (unsigned long)tf->edx);
    say("esi=%08lx edi=%08lx ebp=%08lx esp=%08lx\n", (unsigned long)tf->esi,
        (unsigned long)tf->edi, (unsigned long)tf->ebp, (unsigned long)tf->esp_at_pusha + 20);
    say("eip=%08lx cs=%04lx eflags=%08lx ds=%04lx cr0=%08lx cr3=%08lx cr4=%08lx\n",
        (unsigned long)tf->eip, (unsigned long)tf->cs, (unsigned long)tf->eflags,
        (unsigned long)tf->ds, (unsigned long)read_cr0(), (unsigned long)read_cr3(),
        (unsigned long)read_cr4());
    say("backtrace:\n");
    print_frame(0, tf->eip, tf->eip);
    walk(1, tf->ebp);
    finish_panic();
}
