/*
 * lapic.c - the local APIC (Intel SDM vol. 3, chapter 10), xAPIC mode.
 *
 * Every CPU's APIC answers at the same physical address (each CPU sees its
 * own), so one uncached mapping made by lapic_init serves all of them. The
 * registers are 32 bits wide, 16-byte aligned, and must be accessed with
 * aligned 32-bit loads and stores (SDM 10.4.1).
 *
 * Waits (the INIT/STARTUP protocol, IPI delivery, timer calibration) poll:
 * they run before the scheduler and with interrupts off. Time comes from the
 * TSC clock (clock_monotonic_ns), which runs without interrupts.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/io.h>
#include <arch/i386/lapic.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <clock.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <uapi/errno.h>

/* IA32_APIC_BASE MSR (SDM 10.4.4). */
#define IA32_APIC_BASE 0x1b
#define APIC_BASE_BSP (1u << 8)
#define APIC_BASE_ENABLE (1u << 11)
#define APIC_BASE_ADDR_MASK 0xfffff000u

/* CPUID leaf 1. */
#define CPUID_1_EDX_MSR (1u << 5)
#define CPUID_1_EBX_APIC_ID_SHIFT 24

#define LAPIC_LVT_CMCI 0x2f0
#define LAPIC_ISR_REGS 8
#define VERSION_INTEGRATED 0x10 /* lower versions are the discrete 82489DX */
#define VERSION_MAX_LVT(v) (((v) >> 16) & 0xff)
#define MAX_LVT_PERF 4          /* the performance-counter LVT exists from this max-LVT value */
#define MAX_LVT_THERMAL 5
#define MAX_LVT_CMCI 6

/* LVT and ICR fields (SDM 10.5.1, 10.6.1). */
#define DM_FIXED (0u << 8)
#define DM_NMI (4u << 8)
#define DM_INIT (5u << 8)
#define DM_STARTUP (6u << 8)
#define DM_EXTINT (7u << 8)
#define ICR_PENDING (1u << 12)
#define ICR_ASSERT (1u << 14)
#define TRIGGER_LEVEL (1u << 15)
#define ICR_ALL_INCL_SELF (2u << 18)
#define ICR_ALL_BUT_SELF (3u << 18)
#define ICR_DEST_SHIFT 24
#define TIMER_DIVIDE_16 0x3 /* divide configuration register (SDM 10.5.4) */

#define STARTUP_MAX_PHYS 0x100000u
#define STARTUP_BAD_FIRST 0xa0 /* STARTUP vectors 0xa0-0xbf are reserved (SDM 8.4.4.1) */
#define STARTUP_BAD_LAST 0xbf
#define INIT_WAIT_NS (10 * NSEC_PER_MSEC)
#define STARTUP_WAIT_NS 200000ull
#define CALIBRATION_NS (20 * NSEC_PER_MSEC)
#define ICR_SPINS 1000000      /* an IPI leaves within microseconds; this is ~0.1 s or more */
#define CLOCK_STALL_SPINS 1000000

static volatile uint32_t *regs; /* set once by lapic_init, then read-only */
static uint32_t timer_hz;       /* set once by lapic_timer_calibrate */
static int bsp_apic_id = -1;    /* set on the BSP, by lapic_bsp_id or lapic_enable_this_cpu */

static uint32_t rd(uint32_t reg)
{
    return regs[reg / 4];
}

static void wr(uint32_t reg, uint32_t v)
{
    regs[reg / 4] = v;
}

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

/* CPUID leaf 1's EBX and EDX (the kernel requires an i686, which has CPUID). */
static void cpuid_1(uint32_t *ebx, uint32_t *edx)
{
    uint32_t a, c;

    __asm__ volatile("cpuid" : "=a"(a), "=b"(*ebx), "=c"(c), "=d"(*edx) : "a"(1), "c"(0));
}

static bool has_msr(void)
{
    uint32_t b, d;

    cpuid_1(&b, &d);
    return (d & CPUID_1_EDX_MSR) != 0;
}

static void pause(void)
{
    __asm__ volatile("pause");
}

/*
 * Busy-wait ns nanoseconds. Should the clock stand still (no usable TSC and
 * interrupts off, so no timer ticks either), port 0x80 writes take over:
 * about a microsecond each on PC hardware.
 */
static void delay_ns(uint64_t ns)
{
    uint64_t start = clock_monotonic_ns(), now;
    uint32_t still = 0;

    while ((now = clock_monotonic_ns()) - start < ns) {
        if (now == start && ++still == CLOCK_STALL_SPINS) {
            for (uint64_t us = ns / 1000 + 1; us > 0; us--)
                io_wait();
            return;
        }
        pause();
    }
}

int lapic_init(uint32_t phys)
{
    uint32_t base = phys;

    if (regs)
        return 0;
    if (has_msr()) {
        uint64_t msr = rdmsr(IA32_APIC_BASE);
        if ((msr >> 32) != 0) {
            kprintf("lapic: registers above 4 GiB (%#llx)\n", (unsigned long long)msr);
            return -EINVAL;
        }
        base = (uint32_t)msr & APIC_BASE_ADDR_MASK;
        if (base != phys)
            kprintf("lapic: firmware tables say %#lx, IA32_APIC_BASE says %#lx; using the latter\n",
                    (unsigned long)phys, (unsigned long)base);
    }
    if (base == 0 || (base & (PAGE_SIZE - 1)))
        return -EINVAL;
    regs = ioremap(base, PAGE_SIZE);
    return regs ? 0 : -ENOMEM;
}

/* Set the global enable in IA32_APIC_BASE if the firmware left it off. */
static void enable_globally(void)
{
    uint64_t msr;

    if (!has_msr())
        return;
    msr = rdmsr(IA32_APIC_BASE);
    if (!(msr & APIC_BASE_ENABLE))
        wrmsr(IA32_APIC_BASE, msr | APIC_BASE_ENABLE);
}

static bool any_in_service(void)
{
    for (uint32_t i = 0; i < LAPIC_ISR_REGS; i++)
        if (rd(LAPIC_ISR + i * 0x10))
            return true;
    return false;
}

void lapic_enable_this_cpu(void)
{
    bool bsp = lapic_is_bsp();
    uint32_t max_lvt;

    if (!regs)
        panic("lapic_enable_this_cpu before lapic_init");
    enable_globally();
    if (bsp)
        bsp_apic_id = (int)lapic_id();
    max_lvt = VERSION_MAX_LVT(rd(LAPIC_VERSION));
    /* Software-enable first: while disabled, the LVT mask bits cannot be cleared (SDM 10.4.7.2). */
    wr(LAPIC_SVR, LAPIC_SVR_ENABLE | LAPIC_SPURIOUS_VECTOR);
    wr(LAPIC_TPR, 0);
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    if (max_lvt >= MAX_LVT_PERF)
        wr(LAPIC_LVT_PERF, LAPIC_LVT_MASKED);
    if (max_lvt >= MAX_LVT_THERMAL)
        wr(LAPIC_LVT_THERMAL, LAPIC_LVT_MASKED);
    if (max_lvt >= MAX_LVT_CMCI)
        wr(LAPIC_LVT_CMCI, LAPIC_LVT_MASKED);
    /* PC wiring (MP spec 3.6.2): LINT0 carries the 8259, LINT1 the NMI, to the BSP only. */
    wr(LAPIC_LVT_LINT0, LAPIC_LVT_MASKED);
    wr(LAPIC_LVT_LINT1, bsp ? DM_NMI : LAPIC_LVT_MASKED);
    wr(LAPIC_LVT_ERROR, LAPIC_LVT_MASKED);
    /* The ESR latches errors on a write; two writes leave it clear (SDM 10.5.3). */
    wr(LAPIC_ESR, 0);
    wr(LAPIC_ESR, 0);
    /* An interrupt the firmware took and never ended would block its priority class. */
    for (int i = 0; i < 256 && any_in_service(); i++)
        lapic_eoi();
}

void lapic_set_virtual_wire(bool on)
{
    /* ExtINT is always level-sensitive (SDM 10.5.1); the 8259 supplies the vector. */
    wr(LAPIC_LVT_LINT0, on ? DM_EXTINT | TRIGGER_LEVEL : LAPIC_LVT_MASKED);
}

uint32_t lapic_id(void)
{
    return rd(LAPIC_ID) >> 24;
}

/* The calling CPU's APIC ID, also before lapic_init. */
static uint32_t early_id(void)
{
    uint32_t b, d, id;
    uint64_t msr;
    volatile uint32_t *r;

    if (regs)
        return lapic_id();
    cpuid_1(&b, &d);
    if (!(d & CPUID_1_EDX_MSR))
        return b >> CPUID_1_EBX_APIC_ID_SHIFT;
    msr = rdmsr(IA32_APIC_BASE);
    if (!(msr & APIC_BASE_ENABLE) || (msr >> 32) != 0)
        return b >> CPUID_1_EBX_APIC_ID_SHIFT; /* the initial ID; the register is not reachable */
    r = ioremap((uint32_t)msr & APIC_BASE_ADDR_MASK, PAGE_SIZE);
    if (!r)
        return b >> CPUID_1_EBX_APIC_ID_SHIFT;
    id = r[LAPIC_ID / 4] >> 24;
    vmap_free(PAGE_ALIGN_DOWN((uintptr_t)r), 1);
    return id;
}

uint32_t lapic_bsp_id(void)
{
    if (bsp_apic_id < 0)
        bsp_apic_id = (int)early_id();
    return (uint32_t)bsp_apic_id;
}

bool lapic_is_bsp(void)
{
    return has_msr() && (rdmsr(IA32_APIC_BASE) & APIC_BASE_BSP);
}

void lapic_eoi(void)
{
    wr(LAPIC_EOI, 0);
}

uint32_t lapic_read(uint32_t reg)
{
    return rd(reg);
}

static bool wait_icr_idle(void)
{
    for (uint32_t spins = 0; rd(LAPIC_ICR_LOW) & ICR_PENDING; spins++) {
        if (spins == ICR_SPINS)
            return false;
        pause();
    }
    return true;
}

/*
 * Send one IPI. Interrupts are off while the two ICR halves are written, so
 * that no interrupt handler's IPI mixes in.
 */
static int send_icr(uint32_t dest, uint32_t low)
{
    uint32_t flags = read_eflags();
    bool ok;

    cli();
    ok = wait_icr_idle();
    if (ok) {
        wr(LAPIC_ICR_HIGH, dest << ICR_DEST_SHIFT);
        wr(LAPIC_ICR_LOW, low);
        ok = wait_icr_idle();
    }
    if (flags & EFLAGS_IF)
        sti();
    if (!ok) {
        kprintf("lapic: IPI %#lx to APIC ID %lu still pending\n", (unsigned long)low,
                (unsigned long)dest);
        return -EIO;
    }
    return 0;
}

void lapic_send_ipi(uint32_t apic_id, int vector)
{
    send_icr(apic_id, DM_FIXED | ICR_ASSERT | ((uint32_t)vector & 0xff));
}

void lapic_send_ipi_all_but_self(int vector)
{
    send_icr(0, DM_FIXED | ICR_ASSERT | ICR_ALL_BUT_SELF | ((uint32_t)vector & 0xff));
}

void lapic_send_nmi(uint32_t apic_id)
{
    send_icr(apic_id, DM_NMI | ICR_ASSERT);
}

int lapic_start_ap(uint32_t apic_id, uint32_t trampoline_phys)
{
    uint32_t vector = trampoline_phys >> PAGE_SHIFT;

    if (!regs)
        panic("lapic_start_ap before lapic_init");
    if ((trampoline_phys & (PAGE_SIZE - 1)) || trampoline_phys >= STARTUP_MAX_PHYS ||
        (vector >= STARTUP_BAD_FIRST && vector <= STARTUP_BAD_LAST))
        return -EINVAL;
    if ((rd(LAPIC_VERSION) & 0xff) < VERSION_INTEGRATED)
        return -ENODEV;
    wr(LAPIC_ESR, 0);
    if (send_icr(apic_id, DM_INIT | ICR_ASSERT | TRIGGER_LEVEL) < 0)
        return -EIO;
    /* The deassert goes to everyone by definition (SDM 10.6.1: "INIT level de-assert"). */
    if (send_icr(0, DM_INIT | TRIGGER_LEVEL | ICR_ALL_INCL_SELF) < 0)
        return -EIO;
    delay_ns(INIT_WAIT_NS);
    /* Two STARTUPs: a CPU that took the first ignores the second (SDM 8.4.4.1). */
    for (int i = 0; i < 2; i++) {
        wr(LAPIC_ESR, 0);
        if (send_icr(apic_id, DM_STARTUP | ICR_ASSERT | vector) < 0)
            return -EIO;
        delay_ns(STARTUP_WAIT_NS);
    }
    return 0;
}

/*
 * The timer's current count and the clock at the same moment: the clock read
 * bracketed by two count reads, the tightest of three tries, so that a
 * stall between the reads (an emulator's host thread descheduled) does not
 * skew the calibration.
 */
static void sample(uint32_t *count, uint64_t *ns)
{
    uint32_t best = UINT32_MAX;

    *count = 0;
    *ns = 0;
    for (int i = 0; i < 3; i++) {
        uint32_t before = rd(LAPIC_TIMER_CURRENT);
        uint64_t t = clock_monotonic_ns();
        uint32_t after = rd(LAPIC_TIMER_CURRENT);
        if (before - after <= best) {
            best = before - after;
            *count = before - best / 2;
            *ns = t;
        }
    }
}

void lapic_timer_calibrate(void)
{
    uint32_t flags = read_eflags(), c0, c1;
    uint64_t t0, t1;
    uint32_t spins = 0;

    if (!regs)
        panic("lapic_timer_calibrate before lapic_init");
    cli();
    wr(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED); /* one-shot, no interrupt */
    wr(LAPIC_TIMER_INITIAL, UINT32_MAX);
    sample(&c0, &t0);
    do {
        pause();
        sample(&c1, &t1);
    } while (t1 - t0 < CALIBRATION_NS && ++spins < CLOCK_STALL_SPINS);
    wr(LAPIC_TIMER_INITIAL, 0);
    if (flags & EFLAGS_IF)
        sti();
    if (t1 - t0 < CALIBRATION_NS || c1 >= c0) {
        kprintf("lapic: cannot calibrate the timer (the clock or the timer stood still)\n");
        timer_hz = 0;
        return;
    }
    timer_hz = (uint32_t)((uint64_t)(c0 - c1) * NSEC_PER_SEC / (t1 - t0));
    kprintf("lapic: timer %lu kHz (bus clock / 16)\n", (unsigned long)(timer_hz / 1000));
}

uint32_t lapic_timer_rate(void)
{
    return timer_hz;
}

int lapic_timer_start_periodic(int hz, int vector)
{
    uint32_t initial;

    if (!timer_hz || hz <= 0 || (uint32_t)hz > timer_hz || vector < 32 || vector > 0xff)
        return -EINVAL;
    initial = timer_hz / (uint32_t)hz;
    wr(LAPIC_TIMER_DIVIDE, TIMER_DIVIDE_16);
    wr(LAPIC_LVT_TIMER, LAPIC_TIMER_PERIODIC | (uint32_t)vector);
    wr(LAPIC_TIMER_INITIAL, initial); /* writing the initial count starts it */
    return 0;
}

void lapic_timer_stop(void)
{
    wr(LAPIC_LVT_TIMER, LAPIC_LVT_MASKED);
    wr(LAPIC_TIMER_INITIAL, 0);
}
