/*
 * clock.c - see clock.h.
 *
 * The PIT ticks at PIT_DIVISOR input clocks per tick, so the exact elapsed
 * time is ticks * divisor / 1193182 s; we convert in two steps (whole seconds,
 * then the rest) so the 64-bit intermediate never overflows.
 */
#include <clock.h>
#include <drivers/clock/pit.h>
#include <drivers/clock/rtc.h>

#define PIT_DIVISOR ((PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ)

static int64_t boot_epoch_seconds;

void clock_init(void)
{
    boot_epoch_seconds = rtc_read_epoch();
    pit_init();
}

uint64_t clock_monotonic_ns(void)
{
    uint64_t input_clocks = pit_ticks() * PIT_DIVISOR;

    return input_clocks / PIT_INPUT_HZ * NSEC_PER_SEC +
           input_clocks % PIT_INPUT_HZ * NSEC_PER_SEC / PIT_INPUT_HZ;
}

int64_t clock_realtime_ns(void)
{
    return boot_epoch_seconds * (int64_t)NSEC_PER_SEC + (int64_t)clock_monotonic_ns();
}
