/*
 * smp.c - bringing up the other CPUs and the interrupts between CPUs
 * (docs/smp.md).
 *
 * At boot the kernel reads the ACPI MADT (or the MP table) (acpi.c). With
 * one CPU, or none of those tables, or `smp=1` on the command line, nothing
 * changes: the 8259 and the PIT drive one CPU. With two or more, the local
 * APIC of each CPU and the I/O APIC take over: device IRQs go through the
 * I/O APIC to the boot CPU, each CPU gets a 1000 Hz local APIC timer for
 * its scheduler tick, and every other CPU is started with INIT-SIPI-SIPI
 * through the real-mode trampoline (ap_trampoline.S).
 *
 * IPIs: reschedule (an idle CPU got work), TLB shootdown (a mapping changed
 * in an address space another CPU has loaded), and an NMI that stops the
 * other CPUs when one panics.
 */
#include <arch/i386/acpi.h>
#include <arch/i386/cpu.h>
#include <arch/i386/ioapic.h>
#include <arch/i386/lapic.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/percpu.h>
#include <arch/i386/pic.h>
#include <arch/i386/smp.h>
#include <arch/i386/smp_trampoline.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <cmdline.h>
#include <drivers/clock/pit.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <lib/symbols.h>
#include <mm/pmm.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <proc/timer.h>
#include <string.h>

#define AP_START_TIMEOUT_NS 1000000000ull /* 1 s */
#define PDE_LARGE_IDENTITY 0x083          /* present, writable, 4 MiB page at 0 */

extern const char ap_trampoline_start[], ap_trampoline_end[];
extern uint32_t ap_tramp_cr3, ap_tramp_stack, ap_tramp_entry;

static struct smp_config config;
static volatile int ap_booting; /* the cpus[] index of the CPU being started */
static int apics_on;            /* the local and I/O APICs are in charge */

/* ---- interrupts through the I/O APIC ---- */

static void route_irq(int irq)
{
    if (ioapic_route_isa_irq(irq, IRQ_BASE + irq, cpus[0].apic_id) < 0) {
        kprintf("smp: ISA IRQ %d is not connected to an I/O APIC; its device stays silent\n",
                irq);
        return;
    }
    ioapic_unmask_isa_irq(irq);
}

static void lapic_timer_tick(struct trap_frame *tf)
{
    sched_tick((tf->cs & 3) == 3);
    timer_run_expired();
}

/* ---- reschedule ---- */

static void kick(int cpu)
{
    lapic_send_ipi(cpus[cpu].apic_id, VECTOR_IPI_RESCHEDULE);
}

static void reschedule_ipi(struct trap_frame *tf)
{
    (void)tf;
    sched_ipi_reschedule();
}

/* ---- TLB shootdown ---- */

/*
 * One request at a time: the sender owns it through tlb_owner (a raw flag,
 * not a spinlock, so that a CPU waiting for it can still answer a request
 * aimed at itself, see shootdown_lock), fills in the address, and waits
 * until every target has cleared its bit in tlb_pending.
 */
static volatile uint32_t tlb_owner;
static volatile uintptr_t tlb_va;
static volatile uint32_t tlb_pending;

static void flush_here(uintptr_t va)
{
    if (va == SMP_TLB_ALL)
        write_cr3(read_cr3());
    else
        invlpg(va);
}

/* Answer a request aimed at this CPU, if there is one (interrupts off). */
static void answer_shootdown(void)
{
    uint32_t bit = 1u << this_cpu()->id;

    if (__atomic_load_n(&tlb_pending, __ATOMIC_ACQUIRE) & bit) {
        flush_here(tlb_va);
        __atomic_fetch_and(&tlb_pending, ~bit, __ATOMIC_RELEASE);
    }
}

static void tlb_ipi(struct trap_frame *tf)
{
    (void)tf;
    answer_shootdown();
}

void smp_tlb_shootdown(uint32_t cpu_mask, uintptr_t va)
{
    uint32_t flags = read_eflags(), self;

    if (ncpus < 2)
        return;
    cli(); /* stay on this CPU while the mask is worked out */
    self = 1u << this_cpu()->id;
    cpu_mask &= ~self & ((1u << ncpus) - 1);
    for (int i = 0; i < ncpus; i++)
        if (!cpus[i].online)
            cpu_mask &= ~(1u << i);
    if (cpu_mask) {
        while (__atomic_exchange_n(&tlb_owner, 1, __ATOMIC_ACQUIRE)) {
            answer_shootdown(); /* the owner may be waiting for us */
            __asm__ volatile("pause");
        }
        tlb_va = va;
        __atomic_store_n(&tlb_pending, cpu_mask, __ATOMIC_RELEASE);
        for (int i = 0; i < ncpus; i++)
            if (cpu_mask & (1u << i))
                lapic_send_ipi(cpus[i].apic_id, VECTOR_IPI_TLB);
        while (__atomic_load_n(&tlb_pending, __ATOMIC_ACQUIRE))
            __asm__ volatile("pause");
        __atomic_store_n(&tlb_owner, 0, __ATOMIC_RELEASE);
    }
    if (flags & EFLAGS_IF)
        sti();
}

/* ---- stop (panic) ---- */

/* An NMI, so that it gets through even to a CPU spinning with interrupts off. */
int smp_stop_others(void)
{
    int sent = 0;

    if (ncpus < 2 || !apics_on)
        return 0;
    for (int i = 0; i < ncpus; i++) {
        if (cpus[i].online && &cpus[i] != this_cpu()) {
            lapic_send_nmi(cpus[i].apic_id);
            sent++;
        }
    }
    return sent;
}

/* ---- starting the other CPUs ---- */

/* The first C code of another CPU, on its idle task's stack. */
static void ap_entry(void)
{
    struct cpu *c = &cpus[ap_booting];

    write_cr3(V2P(paging_kernel_pgdir())); /* leave the trampoline's directory */
    gdt_init(c); /* before anything that takes a lock: this_cpu() needs %gs */
    idt_init();
    fpu_cpu_init();
    lapic_enable_this_cpu();
    lapic_timer_start_periodic(PIT_HZ, VECTOR_LAPIC_TIMER);
    kprintf("smp: cpu %d (local APIC %u) running\n", c->id, (unsigned)c->apic_id);
    sched_run_ap(); /* marks it online; the idle loop from here on */
}

/* A directory for the trampoline: the kernel's, plus the first 4 MiB at 0. */
static pde_t *trampoline_pgdir(void)
{
    uintptr_t pa = pmm_alloc_page();
    pde_t *pgdir;

    if (!pa)
        return NULL;
    pgdir = P2V(pa);
    memcpy(pgdir, paging_kernel_pgdir(), PAGE_SIZE);
    pgdir[0] = PDE_LARGE_IDENTITY;
    return pgdir;
}

static int start_cpu(int id, uint32_t apic_id, pde_t *pgdir)
{
    uint8_t *tramp = P2V(TRAMPOLINE_PHYS);
    size_t size = (size_t)(ap_trampoline_end - ap_trampoline_start);
    struct task *idle = sched_prepare_cpu(id);
    uint64_t deadline;

    cpus[id].id = id;
    cpus[id].apic_id = apic_id;
    memcpy(tramp, ap_trampoline_start, size);
    *(uint32_t *)(tramp + ((const char *)&ap_tramp_cr3 - ap_trampoline_start)) = V2P(pgdir);
    *(uint32_t *)(tramp + ((const char *)&ap_tramp_stack - ap_trampoline_start)) =
        (uint32_t)task_stack_top(idle);
    *(uint32_t *)(tramp + ((const char *)&ap_tramp_entry - ap_trampoline_start)) =
        (uint32_t)ap_entry;
    ap_booting = id;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    lapic_start_ap(apic_id, TRAMPOLINE_PHYS);
    deadline = clock_monotonic_ns() + AP_START_TIMEOUT_NS;
    while (!__atomic_load_n(&cpus[id].online, __ATOMIC_ACQUIRE)) {
        if (clock_monotonic_ns() > deadline)
            return -1;
        __asm__ volatile("pause");
    }
    return 0;
}

void smp_init(void)
{
    const char *opt = cmdline_get("smp");
    int want = opt && opt[0] >= '1' && opt[0] <= '9' && !opt[1] ? opt[0] - '0' : MAX_CPUS;
    pde_t *pgdir;

    if (want < 2)
        return; /* smp=1: one CPU, the 8259, as without APICs */
    if (smp_config_discover(&config) < 0) {
        kprintf("smp: no ACPI MADT or MP table; one CPU\n");
        return;
    }
    smp_config_print(&config);
    if (config.ncpus < 2) {
        kprintf("smp: one CPU; keeping the 8259 and the PIT\n");
        return;
    }
    if (config.nioapics == 0 || lapic_init(config.lapic_phys) < 0 || ioapic_init(&config) < 0) {
        kprintf("smp: no usable I/O APIC or local APIC; one CPU\n");
        return;
    }
    /*
     * Device interrupts: from the 8259 to the I/O APIC, all to this CPU. The
     * 8259's lines are masked first, so that its output is low before the
     * local APIC stops listening to it: a request raised and then left
     * without a source would reach the CPU as an interrupt with no vector
     * (QEMU turns that into a general protection fault).
     */
    cli();
    for (int irq = 0; irq < IRQ_COUNT; irq++)
        pic_mask(irq);
    lapic_enable_this_cpu();
    cpus[0].apic_id = lapic_id();
    apics_on = 1;
    irq_switch_to_apic(route_irq, lapic_eoi);
    apic_vector_register(VECTOR_LAPIC_TIMER, lapic_timer_tick);
    apic_vector_register(VECTOR_IPI_RESCHEDULE, reschedule_ipi);
    apic_vector_register(VECTOR_IPI_TLB, tlb_ipi);
    sti();

    /* The scheduler tick moves from the PIT to each CPU's own timer. */
    lapic_timer_calibrate();
    pit_stop_scheduler_tick();
    lapic_timer_start_periodic(PIT_HZ, VECTOR_LAPIC_TIMER);
    sched_set_kick(kick);

    pgdir = trampoline_pgdir();
    if (!pgdir) {
        kprintf("smp: out of memory; one CPU\n");
        return;
    }
    for (int i = 1; i < config.ncpus && i < MAX_CPUS && i < want; i++) {
        ncpus = i + 1; /* counted before it runs; it takes work once online */
        if (start_cpu(i, config.cpus[i].apic_id, pgdir) < 0) {
            kprintf("smp: cpu %d (local APIC %u) did not start\n", i,
                    (unsigned)config.cpus[i].apic_id);
            ncpus = i;
            break;
        }
    }
    pmm_free_page(V2P(pgdir));
    kprintf("smp: %d CPUs running\n", ncpus);
}
