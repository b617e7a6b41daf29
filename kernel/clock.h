/*
 * clock.h - kernel time: a monotonic clock from the timer tick, and wall-clock
 * time as the RTC's reading at boot plus the monotonic time since.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_MSEC 1000000ull

struct civil_time {
    int year, month, day; /* month 1-12, day 1-31 */
    int hour, min, sec;
};

/* Read the RTC and start the timer. */
void clock_init(void);
/* Nanoseconds since clock_init(); never goes backwards. */
uint64_t clock_monotonic_ns(void);
/* Nanoseconds since 1970-01-01 00:00:00 UTC. */
int64_t clock_realtime_ns(void);

/* Proleptic Gregorian calendar <-> seconds since the epoch (UTC, no leap seconds). */
int64_t time_from_civil(int year, int month, int day, int hour, int min, int sec);
void time_to_civil(int64_t epoch_seconds, struct civil_time *out);

#endif
