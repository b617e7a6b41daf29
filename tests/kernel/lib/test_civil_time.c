/*
 * test_civil_time.c - the calendar conversion of kernel/lib/civil_time.c
 * against the host's gmtime_r and timegm over a wide range of instants.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <time.h>

#include "check.h"
#include <lib/civil_time.h>

static uint64_t rng = 0x2545f4914f6cdd1dull;

static int64_t random_instant(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    /* About 1653 to 2286: wide enough for every calendar rule. */
    return (int64_t)(rng % 20000000000ull) - 10000000000ll;
}

TEST(to_civil_matches_gmtime)
{
    int bad = 0;

    for (int i = 0; i < 100000; i++) {
        int64_t t = random_instant();
        time_t tt = (time_t)t;
        struct tm tm;
        struct civil_time c;
        gmtime_r(&tt, &tm);
        time_to_civil(t, &c);
        if (c.year != tm.tm_year + 1900 || c.month != tm.tm_mon + 1 || c.day != tm.tm_mday ||
            c.hour != tm.tm_hour || c.min != tm.tm_min || c.sec != tm.tm_sec) {
            if (!bad++)
                CHECK_MSG(0, "t=%lld: got %d-%d-%d %d:%d:%d", (long long)t, c.year, c.month,
                          c.day, c.hour, c.min, c.sec);
        }
    }
    CHECK_EQ(bad, 0);
}

TEST(from_civil_matches_timegm)
{
    int bad = 0;

    for (int i = 0; i < 100000; i++) {
        time_t tt = (time_t)random_instant();
        struct tm tm;
        gmtime_r(&tt, &tm);
        if (time_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                            tm.tm_min, tm.tm_sec) != (int64_t)timegm(&tm))
            bad++;
    }
    CHECK_EQ(bad, 0);
}
