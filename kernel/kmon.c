/*
 * kmon.c - the kernel monitor (see kmon.h). Reads a line from the console
 * (echoing it, with backspace), runs the command, repeats. Waits for input
 * with the CPU halted until the next interrupt.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/percpu.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <drivers/char/console.h>
#include <fs/bcache.h>
#include <kmon.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <power.h>
#include <proc/task.h>
#include <string.h>

#define LINE_MAX 128

static void read_line(char *line, size_t size)
{
    size_t n = 0;

    for (;;) {
        int c = console_getc();
        if (c < 0) {
            bcache_periodic(); /* idle: write back old dirty buffers */
            sti_hlt();
            continue;
        }
        if (c == '\r' || c == '\n') {
            kprintf("\n");
            break;
        }
        if ((c == '\b' || c == 0x7f) && n > 0) {
            n--;
            kprintf("\b \b");
        } else if (c >= ' ' && c < 0x7f && n + 1 < size) {
            line[n++] = (char)c;
            kprintf("%c", c);
        }
    }
    line[n] = '\0';
}

static void cmd_help(const char *arg)
{
    (void)arg;
    kprintf("commands: help, mem, uptime, date, irqs, cpus, echo TEXT, poweroff, reboot\n");
}

static void cmd_mem(const char *arg)
{
    struct pmm_stats st;
    struct kmalloc_stats ks;

    (void)arg;
    pmm_get_stats(&st);
    kmalloc_get_stats(&ks);
    kprintf("mem: %llu KiB usable (E820), %lu KiB managed, %lu KiB free\n",
            (unsigned long long)(st.e820_usable_bytes >> 10),
            (unsigned long)st.managed_pages * (PAGE_SIZE / 1024),
            (unsigned long)st.free_pages * (PAGE_SIZE / 1024));
    kprintf("kmalloc: %lu blocks, %lu bytes in use, %lu slabs\n",
            (unsigned long)ks.blocks_in_use, (unsigned long)ks.bytes_in_use,
            (unsigned long)ks.slabs);
}

static void cmd_uptime(const char *arg)
{
    (void)arg;
    kprintf("uptime: %llu ms\n", (unsigned long long)(clock_monotonic_ns() / NSEC_PER_MSEC));
}

static void cmd_date(const char *arg)
{
    struct civil_time t;

    (void)arg;
    time_to_civil(clock_realtime_ns() / (int64_t)NSEC_PER_SEC, &t);
    kprintf("%04d-%02d-%02d %02d:%02d:%02d UTC\n", t.year, t.month, t.day, t.hour, t.min,
            t.sec);
}

static void cmd_irqs(const char *arg)
{
    (void)arg;
    for (int irq = 0; irq < IRQ_COUNT; irq++) {
        uint64_t n = trap_count(IRQ_BASE + irq);
        if (n)
            kprintf("irq %2d: %llu\n", irq, (unsigned long long)n);
    }
}

/* Per CPU: interrupts of each kind taken there, and context switches. */
static void cmd_cpus(const char *arg)
{
    (void)arg;
    for (int cpu = 0; cpu < ncpus; cpu++) {
        uint64_t irqs = 0, timer = trap_count_cpu(cpu, VECTOR_LAPIC_TIMER);
        for (int irq = 0; irq < IRQ_COUNT; irq++)
            irqs += trap_count_cpu(cpu, IRQ_BASE + irq);
        kprintf("cpu %d: apic %u, %s, %llu device irqs, %llu apic timer, %llu ipis, "
                "%llu context switches\n", cpu, (unsigned)cpus[cpu].apic_id,
                cpus[cpu].online ? "online" : "offline", (unsigned long long)irqs,
                (unsigned long long)timer,
                (unsigned long long)(trap_count_cpu(cpu, VECTOR_IPI_RESCHEDULE) +
                                     trap_count_cpu(cpu, VECTOR_IPI_TLB)),
                (unsigned long long)sched_switches(cpu));
    }
}

static void cmd_echo(const char *arg)
{
    kprintf("%s\n", arg);
}

static void cmd_poweroff(const char *arg)
{
    (void)arg;
    kprintf("powering off\n");
    power_off(0);
}

static void cmd_reboot(const char *arg)
{
    (void)arg;
    kprintf("rebooting\n");
    power_reboot();
}

static const struct {
    const char *name;
    void (*fn)(const char *arg);
} commands[] = {
    {"help", cmd_help},     {"mem", cmd_mem},   {"uptime", cmd_uptime},
    {"date", cmd_date},     {"irqs", cmd_irqs}, {"echo", cmd_echo},
    {"poweroff", cmd_poweroff}, {"reboot", cmd_reboot}, {"cpus", cmd_cpus},
};

void kmon_run(void)
{
    char line[LINE_MAX];

    kprintf("kernel monitor: type 'help' for commands\n");
    for (;;) {
        char *arg;
        size_t i;

        kprintf("kmon> ");
        read_line(line, sizeof line);
        arg = strchr(line, ' ');
        if (arg)
            *arg++ = '\0';
        else
            arg = line + strlen(line);
        if (!line[0])
            continue;
        for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (strcmp(line, commands[i].name) == 0) {
                commands[i].fn(arg);
                break;
            }
        }
        if (i == sizeof commands / sizeof commands[0])
            kprintf("kmon: %s: unknown command (try 'help')\n", line);
    }
}
