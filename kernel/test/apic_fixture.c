/*
 * apic_fixture.c - see apic_fixture.h.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/ioapic.h>
#include <arch/i386/lapic.h>
#include <clock.h>
#include <stddef.h>
#include <test/apic_fixture.h>
#include <uapi/errno.h>

volatile uint32_t apic_test_hits;
static void (*test_hook)(void);

static struct smp_config cfg;
static int state; /* 0: not tried, 1: ready, -1: failed */
static const char *failure;
static bool kernel_on_apic;

/* The kernel still runs on the 8259: enable the boot CPU's local APIC beside it. */
static int enable_lapic_beside_8259(void)
{
    uint32_t flags = read_eflags();
    int err;

    cli();
    err = lapic_init(cfg.lapic_phys);
    if (err == 0) {
        lapic_enable_this_cpu();
        lapic_set_virtual_wire(true);
    }
    if (flags & EFLAGS_IF)
        sti();
    if (err)
        return err;
    lapic_timer_calibrate();
    return 0;
}

static int set_up(void)
{
    int err;

    if (smp_config_discover(&cfg) < 0) {
        failure = "no ACPI MADT or MP table found";
        return -ENODEV;
    }
    smp_config_print(&cfg);
    err = ioapic_init(&cfg);
    if (err == -EBUSY) {
        kernel_on_apic = true; /* smp_init did it all */
        return lapic_init(cfg.lapic_phys);
    }
    if (err) {
        failure = "ioapic_init failed";
        return err;
    }
    err = enable_lapic_beside_8259();
    if (err)
        failure = "lapic_init failed";
    return err;
}

const struct smp_config *apic_fixture(const char **why)
{
    if (state == 0)
        state = set_up() == 0 ? 1 : -1;
    *why = failure;
    return state == 1 ? &cfg : NULL;
}

bool apic_fixture_kernel_on_apic(void)
{
    return kernel_on_apic;
}

static void test_vector_handler(struct trap_frame *tf)
{
    (void)tf;
    if (test_hook)
        test_hook();
    apic_test_hits++;
    if (!kernel_on_apic)
        lapic_eoi(); /* on the APICs, the dispatcher sends it */
}

void apic_test_vector_claim(void (*hook)(void))
{
    test_hook = hook;
    apic_test_hits = 0;
    apic_vector_register(APIC_TEST_VECTOR, test_vector_handler);
}

void apic_test_vector_release(void)
{
    apic_vector_register(APIC_TEST_VECTOR, NULL);
    test_hook = NULL;
}

bool apic_test_wait_hits(uint32_t want, uint32_t ms)
{
    uint64_t end = clock_monotonic_ns() + (uint64_t)ms * NSEC_PER_MSEC;

    while (apic_test_hits < want && clock_monotonic_ns() < end)
        sti_hlt(); /* a timer tick wakes us at least every millisecond */
    return apic_test_hits >= want;
}
