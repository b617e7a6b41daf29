/*
 * clock.c - see clock.h.
 *
 * The monotonic clock counts CPU timestamp-counter cycles, at a rate measured
 * at boot against the PIT's channel 2 (a one-shot of a known number of
 * 1193182 Hz input clocks, polled, no interrupts). Counting timer interrupts
 * instead would lose time whenever an interrupt is late or dropped, which an
 * emulated machine on a busy host does. Without a usable TSC the clock falls
 * back to the tick count: ticks * divisor / 1193182 s.
 *
 * Conversions go in two steps (whole seconds, then the rest) so the 64-bit
 * intermediates never overflow.
 *
 * Wall-clock time is the monotonic time plus an offset (the RTC's reading at
 * boot, until settimeofday changes it). The 64-bit offset cannot be read in
 * one instruction on i386, so it is published under a sequence count:
 * readers retry while a writer is in the middle (odd count) or came by.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/spinlock.h>
#include <arch/i386/io.h>
#include <clock.h>
#include <drivers/clock/pit.h>
#include <drivers/clock/rtc.h>
#include <lib/kprintf.h>

#define PIT_DIVISOR ((PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ)

/* PIT channel 2 and its gate (8254 datasheet; the PC's port 0x61 wiring). */
#define PIT_CHANNEL2 0x42
#define PIT_COMMAND 0x43
#define PIT_CMD_CH2_LOHI_MODE0 0xb0 /* channel 2, low then high byte, one-shot */
#define PORT_B 0x61
#define PORT_B_GATE2 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_OUT2 0x20
#define CALIBRATION_CLOCKS 59659u /* 50 ms of PIT input clocks */

static uint64_t tsc_hz, tsc_base;

/* realtime_lock serializes writers of realtime_offset_ns; readers use realtime_seq. */
static struct spinlock realtime_lock = SPINLOCK_INIT("realtime");
static volatile uint32_t realtime_seq;
static volatile int64_t realtime_offset_ns;

/* Cycles of the TSC per second, or 0 when it cannot be measured. */
static uint64_t measure_tsc_hz(void)
{
    uint8_t b = inb(PORT_B);
    uint64_t start, end;
    uint32_t spins = 0;

    outb(PORT_B, (uint8_t)((b & ~PORT_B_SPEAKER) | PORT_B_GATE2));
    outb(PIT_COMMAND, PIT_CMD_CH2_LOHI_MODE0);
    outb(PIT_CHANNEL2, CALIBRATION_CLOCKS & 0xff);
    outb(PIT_CHANNEL2, CALIBRATION_CLOCKS >> 8);
    start = rdtsc();
    while (!(inb(PORT_B) & PORT_B_OUT2) && ++spins < 100000000)
        ;
    end = rdtsc();
    outb(PORT_B, b);
    if (spins >= 100000000 || end <= start)
        return 0;
    return (end - start) * PIT_INPUT_HZ / CALIBRATION_CLOCKS;
}

void clock_init(void)
{
    realtime_offset_ns = rtc_read_epoch() * (int64_t)NSEC_PER_SEC;
    tsc_hz = measure_tsc_hz();
    tsc_base = rdtsc();
    if (tsc_hz < 1000000) /* implausible: use the timer tick instead */
        tsc_hz = 0;
    pit_init();
    kprintf("tsc: %llu kHz%s\n", (unsigned long long)(tsc_hz / 1000),
            tsc_hz ? "" : " (unusable; counting timer ticks)");
}

uint64_t clock_monotonic_ns(void)
{
    uint64_t input_clocks, cycles;

    if (tsc_hz) {
        cycles = rdtsc() - tsc_base;
        return cycles / tsc_hz * NSEC_PER_SEC + cycles % tsc_hz * NSEC_PER_SEC / tsc_hz;
    }
    input_clocks = pit_ticks() * PIT_DIVISOR;
    return input_clocks / PIT_INPUT_HZ * NSEC_PER_SEC +
           input_clocks % PIT_INPUT_HZ * NSEC_PER_SEC / PIT_INPUT_HZ;
}

int64_t clock_realtime_ns(void)
{
    uint32_t seq;
    int64_t offset;

    do {
        seq = __atomic_load_n(&realtime_seq, __ATOMIC_ACQUIRE);
        offset = realtime_offset_ns;
        __atomic_thread_fence(__ATOMIC_ACQUIRE);
    } while ((seq & 1) || seq != __atomic_load_n(&realtime_seq, __ATOMIC_RELAXED));
    return offset + (int64_t)clock_monotonic_ns();
}

void clock_set_realtime_ns(int64_t ns)
{
    spin_lock(&realtime_lock);
    __atomic_store_n(&realtime_seq, realtime_seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    realtime_offset_ns = ns - (int64_t)clock_monotonic_ns();
    __atomic_store_n(&realtime_seq, realtime_seq + 1, __ATOMIC_RELEASE);
    spin_unlock(&realtime_lock);
}
