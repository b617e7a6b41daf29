/*
 * test_lapic.c - the local APIC on QEMU: discovery puts the boot CPU first,
 * the APIC is enabled with the spurious vector 0xff, the timer's rate is
 * QEMU's (1 GHz / 16), a self-IPI and the periodic timer interrupt arrive,
 * and (run by name, with -smp 2 and smp=1, from
 * tests/system/test_smp_discovery.py) a second CPU starts at a given page.
 * Whether the kernel already runs on the APICs or not, see apic_fixture.h.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/lapic.h>
#include <arch/i386/memlayout.h>
#include <clock.h>
#include <lib/kprintf.h>
#include <string.h>
#include <test/apic_fixture.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define PROBE_PHYS 0x7000 /* free low memory once the boot stages are done (docs/boot.md) */
#define PROBE_COUNT 4     /* ap_probe.S's data */
#define PROBE_ID 8

extern const uint8_t ap_probe_start[];
extern const uint32_t ap_probe_size;

#define FIXTURE(cfg)                                                                       \
    const char *why_;                                                                      \
    const struct smp_config *cfg = apic_fixture(&why_);                                    \
    if (!cfg) {                                                                            \
        ktest_fail(__FILE__, __LINE__, "APIC set-up: %s", why_);                            \
        return;                                                                            \
    }

KTEST(smp_apic_discovery_finds_the_boot_cpu_first)
{
    uint32_t flags, id;
    bool bsp;
    int found = -1;

    FIXTURE(cfg);
    KT_ASSERT(cfg->ncpus >= 1);
    KT_ASSERT(cfg->nioapics >= 1);
    KT_ASSERT_EQ(cfg->lapic_phys, 0xfee00000u); /* the architectural default, as QEMU has it */
    /* With the other CPUs running, this task may move: ask one CPU everything at once. */
    flags = read_eflags();
    cli();
    id = lapic_id();
    bsp = lapic_is_bsp();
    if (flags & EFLAGS_IF)
        sti();
    for (int i = 0; i < cfg->ncpus; i++)
        if (cfg->cpus[i].apic_id == id)
            found = i;
    KT_ASSERT(found >= 0);
    KT_ASSERT_EQ(found == 0, bsp); /* the boot processor, and only it, comes first */
    KT_ASSERT_EQ(lapic_bsp_id(), cfg->cpus[0].apic_id);
    for (int i = 1; i < cfg->ncpus; i++)
        KT_ASSERT(cfg->cpus[i].apic_id != cfg->cpus[0].apic_id);
}

KTEST(lapic_is_enabled_with_spurious_vector_ff)
{
    uint32_t svr;

    FIXTURE(cfg);
    (void)cfg;
    svr = lapic_read(LAPIC_SVR);
    KT_ASSERT(svr & LAPIC_SVR_ENABLE);
    KT_ASSERT_EQ(svr & 0xff, LAPIC_SPURIOUS_VECTOR);
    KT_ASSERT_EQ(lapic_read(LAPIC_TPR) & 0xff, 0);
    /* LINT0: the 8259 through the virtual wire, or nothing once the I/O APIC routes IRQs. */
    if (apic_fixture_kernel_on_apic())
        KT_ASSERT(lapic_read(LAPIC_LVT_LINT0) & LAPIC_LVT_MASKED);
    else
        KT_ASSERT(!(lapic_read(LAPIC_LVT_LINT0) & LAPIC_LVT_MASKED));
}

KTEST(lapic_timer_rate_is_plausible)
{
    uint32_t hz;

    FIXTURE(cfg);
    (void)cfg;
    hz = lapic_timer_rate();
    /*
     * Not a timing assertion (a busy host skews the measurement, and tests
     * never check speed): a calibration that works gives a bus-clock rate
     * in the range of real and emulated machines; a broken one gives 0 or
     * something absurd.
     */
    KT_ASSERT(hz != 0);
    KT_ASSERT(hz > 1000000u && hz < 1000000000u);
}

KTEST(lapic_self_ipi_is_received)
{
    bool got;

    FIXTURE(cfg);
    (void)cfg;
    apic_test_vector_claim(NULL);
    cli(); /* the IPI and its delivery on this CPU, whichever it is */
    lapic_send_ipi(lapic_id(), APIC_TEST_VECTOR);
    got = apic_test_wait_hits(1, 1000);
    apic_test_vector_release();
    KT_ASSERT(got);
    KT_ASSERT_EQ(apic_test_hits, 1);
    KT_ASSERT_EQ(lapic_read(LAPIC_ISR + (APIC_TEST_VECTOR / 32) * 0x10) &
                     (1u << (APIC_TEST_VECTOR % 32)),
                 0); /* the EOI cleared its in-service bit */
}

/* The kernel's own APIC timer (the scheduler tick) is programmed and ticking. */
static void check_kernel_timer(void)
{
    uint32_t lvt = lapic_read(LAPIC_LVT_TIMER);
    uint64_t start = trap_count(VECTOR_LAPIC_TIMER), end = clock_monotonic_ns() + NSEC_PER_SEC;

    KT_ASSERT(!(lvt & LAPIC_LVT_MASKED));
    KT_ASSERT(lvt & LAPIC_TIMER_PERIODIC);
    KT_ASSERT_EQ(lvt & 0xff, VECTOR_LAPIC_TIMER);
    while (trap_count(VECTOR_LAPIC_TIMER) < start + 5 && clock_monotonic_ns() < end)
        sti_hlt();
    KT_ASSERT(trap_count(VECTOR_LAPIC_TIMER) >= start + 5);
}

KTEST(lapic_timer_periodic_interrupts_arrive_and_stop)
{
    uint32_t after_stop;
    bool got;

    FIXTURE(cfg);
    (void)cfg;
    if (apic_fixture_kernel_on_apic()) {
        check_kernel_timer();
        return;
    }
    apic_test_vector_claim(NULL);
    KT_ASSERT_EQ(lapic_timer_start_periodic(0, APIC_TEST_VECTOR), -EINVAL);
    KT_ASSERT_EQ(lapic_timer_start_periodic(100, APIC_TEST_VECTOR), 0);
    got = apic_test_wait_hits(5, 5000);
    lapic_timer_stop();
    after_stop = apic_test_hits;
    apic_test_wait_hits(after_stop + 2, 100); /* ten periods: none may come */
    apic_test_vector_release();
    KT_ASSERT(got);
    KT_ASSERT(apic_test_hits <= after_stop + 1); /* one may have been in flight */
    KT_ASSERT(lapic_read(LAPIC_LVT_TIMER) & LAPIC_LVT_MASKED);
}

KTEST(lapic_start_ap_rejects_bad_trampolines)
{
    FIXTURE(cfg);
    KT_ASSERT_EQ(lapic_start_ap(cfg->cpus[0].apic_id, 0x7001), -EINVAL);     /* unaligned */
    KT_ASSERT_EQ(lapic_start_ap(cfg->cpus[0].apic_id, 0x100000), -EINVAL);   /* above 1 MiB */
    KT_ASSERT_EQ(lapic_start_ap(cfg->cpus[0].apic_id, 0xa0000), -EINVAL);    /* reserved vector */
}

/*
 * Start the second CPU at the probe page and see it run there once, although
 * it gets two STARTUP IPIs. Destructive for that CPU (it stays halted), hence
 * run only by name, on a machine with -smp 2.
 */
KTEST(manual_smp_ap_startup)
{
    volatile uint32_t *count = (volatile uint32_t *)((uint8_t *)P2V(PROBE_PHYS) + PROBE_COUNT);
    volatile uint32_t *id = (volatile uint32_t *)((uint8_t *)P2V(PROBE_PHYS) + PROBE_ID);
    uint64_t end;

    FIXTURE(cfg);
    if (cfg->ncpus < 2 || apic_fixture_kernel_on_apic()) {
        ktest_fail(__FILE__, __LINE__, "needs a second CPU the kernel leaves alone (-smp 2 and "
                   "smp=1); found %d CPUs, kernel on the APICs: %d", cfg->ncpus,
                   apic_fixture_kernel_on_apic());
        return;
    }
    memcpy(P2V(PROBE_PHYS), ap_probe_start, ap_probe_size);
    *id = 0xffffffff;
    KT_ASSERT_EQ(lapic_start_ap(cfg->cpus[1].apic_id, PROBE_PHYS), 0);
    end = clock_monotonic_ns() + NSEC_PER_SEC;
    while (*count == 0 && clock_monotonic_ns() < end)
        ;
    KT_ASSERT_EQ(*count, 1);
    KT_ASSERT_EQ(*id, cfg->cpus[1].apic_id);
    kprintf("smp: CPU with APIC ID %lu started at %#x\n", (unsigned long)*id, PROBE_PHYS);
}
