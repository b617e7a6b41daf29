/*
 * test_ioapic.c - the I/O APIC on QEMU: ISA IRQ 0 arrives on GSI 2 (QEMU's
 * interrupt source override), redirection entries read back as programmed
 * (vector, destination, trigger, polarity, mask), and an RTC periodic
 * interrupt travels through the I/O APIC to the local APIC.
 * Whether the kernel already routes its IRQs through the I/O APIC or not,
 * see apic_fixture.h: entries in use are only read, never reprogrammed.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/io.h>
#include <arch/i386/ioapic.h>
#include <arch/i386/lapic.h>
#include <stddef.h>
#include <test/apic_fixture.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define QEMU_IRQ0_GSI 2
#define PCI_TEST_GSI 23 /* QEMU's I/O APIC has 24 pins; the PC's PCI lines use ISA IRQs */
#define RTC_IRQ 8

/* The MC146818 RTC's periodic interrupt (its datasheet; CMOS ports as in rtc.c). */
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define CMOS_NMI_DISABLE 0x80
#define RTC_STATUS_B 0x0b
#define RTC_STATUS_C 0x0c /* reading it acknowledges the interrupt */
#define STATUS_B_PIE 0x40

#define FIXTURE(cfg)                                                                       \
    const char *why_;                                                                      \
    const struct smp_config *cfg = apic_fixture(&why_);                                    \
    if (!cfg) {                                                                            \
        ktest_fail(__FILE__, __LINE__, "APIC set-up: %s", why_);                            \
        return;                                                                            \
    }

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, CMOS_NMI_DISABLE | reg);
    return inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
    outb(CMOS_INDEX, CMOS_NMI_DISABLE | reg);
    outb(CMOS_DATA, v);
}

/* True when GSI gsi is free to program: masked, so nothing in the kernel uses it. */
static bool unused(uint32_t gsi)
{
    struct ioapic_route r;

    return ioapic_read_route(gsi, &r) == 0 && r.masked;
}

KTEST(ioapic_isa_irq0_arrives_on_gsi_2)
{
    FIXTURE(cfg);
    KT_ASSERT_EQ(cfg->isa_irqs[0].gsi, QEMU_IRQ0_GSI);
    KT_ASSERT_EQ(ioapic_isa_gsi(0), QEMU_IRQ0_GSI);
    KT_ASSERT(ioapic_isa_gsi(2) != QEMU_IRQ0_GSI); /* the override took GSI 2 from IRQ 2 */
    KT_ASSERT_EQ(ioapic_isa_gsi(RTC_IRQ), RTC_IRQ);
    KT_ASSERT_EQ(ioapic_isa_gsi(-1), -ENODEV);
    KT_ASSERT_EQ(ioapic_isa_gsi(16), -ENODEV);
    KT_ASSERT_EQ(ioapic_route_isa_irq(16, APIC_TEST_VECTOR, 0), -EINVAL);
    KT_ASSERT_EQ(ioapic_route_gsi(1000, APIC_TEST_VECTOR, 0, 0), -ENODEV);
    KT_ASSERT_EQ(ioapic_route_gsi(QEMU_IRQ0_GSI, 5, 0, 0), -EINVAL); /* an exception vector */
}

/* With the kernel on the I/O APIC: IRQ 0 (the PIT) is routed, unmasked, to the boot CPU. */
static void check_live_timer_entry(const struct smp_config *cfg)
{
    struct ioapic_route r;

    KT_ASSERT_EQ(ioapic_read_route(QEMU_IRQ0_GSI, &r), 0);
    KT_ASSERT_EQ(r.vector, IRQ_BASE + IRQ_TIMER);
    KT_ASSERT_EQ(r.dest, cfg->cpus[0].apic_id);
    KT_ASSERT(!r.masked);
    KT_ASSERT(!r.level);
    KT_ASSERT(!r.active_low);
}

/* Program IRQ 0's entry (unused while the 8259 delivers it) and read it back. */
static void check_programmed_timer_entry(const struct smp_config *cfg)
{
    struct ioapic_route r;
    uint32_t dest = cfg->cpus[cfg->ncpus - 1].apic_id;

    KT_ASSERT(unused(QEMU_IRQ0_GSI));
    apic_test_vector_claim(NULL); /* a PIT edge during the unmasked moment lands here */
    KT_ASSERT_EQ(ioapic_route_isa_irq(0, APIC_TEST_VECTOR, dest), 0);
    KT_ASSERT_EQ(ioapic_read_route(QEMU_IRQ0_GSI, &r), 0);
    KT_ASSERT_EQ(r.vector, APIC_TEST_VECTOR);
    KT_ASSERT_EQ(r.dest, dest);
    KT_ASSERT(r.masked);
    KT_ASSERT(!r.level && !r.active_low); /* ISA: edge, active high */
    cli();
    ioapic_unmask_isa_irq(0);
    ioapic_read_route(QEMU_IRQ0_GSI, &r);
    ioapic_mask_isa_irq(0);
    apic_test_wait_hits(UINT32_MAX, 20); /* let an interrupt raised meanwhile arrive */
    apic_test_vector_release();
    KT_ASSERT(!r.masked);
    KT_ASSERT_EQ(ioapic_read_route(QEMU_IRQ0_GSI, &r), 0);
    KT_ASSERT(r.masked);
}

KTEST(ioapic_entries_read_back_as_programmed)
{
    struct ioapic_route r;
    uint32_t gsi9;

    FIXTURE(cfg);
    if (apic_fixture_kernel_on_apic())
        check_live_timer_entry(cfg);
    else
        check_programmed_timer_entry(cfg);
    /* An override's trigger and polarity reach the hardware (QEMU: IRQ 9 level, high). */
    gsi9 = cfg->isa_irqs[9].gsi;
    if (gsi9 != SMP_GSI_NONE && unused(gsi9)) {
        KT_ASSERT_EQ(ioapic_route_isa_irq(9, APIC_TEST_VECTOR, cfg->cpus[0].apic_id), 0);
        KT_ASSERT_EQ(ioapic_read_route(gsi9, &r), 0);
        KT_ASSERT_EQ(r.level, (cfg->isa_irqs[9].flags & SMP_IRQ_LEVEL) != 0);
        KT_ASSERT_EQ(r.active_low, (cfg->isa_irqs[9].flags & SMP_IRQ_ACTIVE_LOW) != 0);
        KT_ASSERT(r.masked);
    }
    /* A PCI line: level-triggered, active low. */
    KT_ASSERT(unused(PCI_TEST_GSI));
    KT_ASSERT_EQ(ioapic_route_gsi(PCI_TEST_GSI, APIC_TEST_VECTOR, cfg->cpus[0].apic_id,
                                  IOAPIC_PCI_FLAGS), 0);
    KT_ASSERT_EQ(ioapic_read_route(PCI_TEST_GSI, &r), 0);
    KT_ASSERT_EQ(r.vector, APIC_TEST_VECTOR);
    KT_ASSERT(r.level && r.active_low && r.masked);
}

static void rtc_ack(void)
{
    cmos_read(RTC_STATUS_C);
}

KTEST(ioapic_delivers_an_rtc_interrupt)
{
    uint64_t via_8259 = trap_count(IRQ_BASE + RTC_IRQ);
    uint8_t status_b;
    bool got;

    FIXTURE(cfg);
    KT_ASSERT(ioapic_isa_gsi(RTC_IRQ) >= 0 && unused((uint32_t)ioapic_isa_gsi(RTC_IRQ)));
    apic_test_vector_claim(rtc_ack);
    KT_ASSERT_EQ(ioapic_route_isa_irq(RTC_IRQ, APIC_TEST_VECTOR, cfg->cpus[0].apic_id), 0);
    cli();
    status_b = cmos_read(RTC_STATUS_B);
    cmos_write(RTC_STATUS_B, status_b | STATUS_B_PIE); /* 1024 Hz, the BIOS's rate */
    rtc_ack();
    ioapic_unmask_isa_irq(RTC_IRQ);
    got = apic_test_wait_hits(3, 2000); /* with interrupts on */
    cli();
    ioapic_mask_isa_irq(RTC_IRQ);
    cmos_write(RTC_STATUS_B, status_b);
    rtc_ack();
    apic_test_wait_hits(UINT32_MAX, 20); /* one may still be on its way */
    apic_test_vector_release();
    KT_ASSERT(got);
    KT_ASSERT_EQ(trap_count(IRQ_BASE + RTC_IRQ), via_8259); /* it came the I/O APIC's way */
}
