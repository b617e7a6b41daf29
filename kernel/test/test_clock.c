/*
 * test_clock.c - the timer tick advances, the monotonic clock never goes back,
 * the wall clock is plausible, and the calendar conversion matches known dates.
 */
#include <arch/i386/cpu.h>
#include <clock.h>
#include <drivers/clock/pit.h>
#include <test/ktest.h>

KTEST(timer_ticks_advance)
{
    uint64_t start = pit_ticks();
    uint64_t spins = 0;

    /* Wait for 20 ticks with the CPU halted between interrupts (bounded). */
    while (pit_ticks() < start + 20 && spins < 100000) {
        sti_hlt();
        spins++;
    }
    KT_ASSERT(pit_ticks() >= start + 20);
}

KTEST(monotonic_clock_never_goes_back)
{
    uint64_t prev = clock_monotonic_ns();
    uint64_t first = prev;

    for (int i = 0; i < 20000; i++) {
        uint64_t now = clock_monotonic_ns();
        KT_ASSERT(now >= prev);
        prev = now;
        if ((i & 255) == 0)
            sti_hlt();
    }
    KT_ASSERT(prev > first); /* and it did move while we halted */
}

KTEST(realtime_clock_is_plausible)
{
    int64_t s = clock_realtime_ns() / (int64_t)NSEC_PER_SEC;

    /* After 2020-01-01 and before 2100-01-01: the RTC was read and converted. */
    KT_ASSERT(s > 1577836800);
    KT_ASSERT(s < 4102444800LL);
}

/* Known instants (POSIX seconds since the epoch, per the date(1) definition). */
KTEST(civil_time_conversion)
{
    struct civil_time t;

    KT_ASSERT_EQ(time_from_civil(1970, 1, 1, 0, 0, 0), 0);
    KT_ASSERT_EQ(time_from_civil(2000, 3, 1, 0, 0, 0), 951868800);
    KT_ASSERT_EQ(time_from_civil(2038, 1, 19, 3, 14, 8), 2147483648LL);
    KT_ASSERT_EQ(time_from_civil(1969, 12, 31, 23, 59, 59), -1);
    KT_ASSERT_EQ(time_from_civil(2024, 2, 29, 12, 0, 0), 1709208000);
    time_to_civil(1709208000, &t);
    KT_ASSERT(t.year == 2024 && t.month == 2 && t.day == 29 && t.hour == 12);
    time_to_civil(-1, &t);
    KT_ASSERT(t.year == 1969 && t.month == 12 && t.day == 31 && t.sec == 59);
    /* Round trip over a range of days, including leap years and century rules. */
    for (int64_t s = -86400LL * 400; s < 86400LL * 365 * 140; s += 86400 * 7 + 3661) {
        time_to_civil(s, &t);
        KT_ASSERT_EQ(time_from_civil(t.year, t.month, t.day, t.hour, t.min, t.sec), s);
    }
}
