/*
 * clock.h - kernel time: a monotonic clock from the timer tick, and wall-clock
 * time as the RTC's reading at boot plus the monotonic time since.
 */
#ifndef CLOCK_H
#define CLOCK_H

#include <lib/civil_time.h>
#include <stdint.h>

#define NSEC_PER_SEC 1000000000ull
#define NSEC_PER_MSEC 1000000ull

/* Read the RTC and start the timer. */
void clock_init(void);
/* Nanoseconds since clock_init(); never goes backwards. */
uint64_t clock_monotonic_ns(void);
/* Nanoseconds since 1970-01-01 00:00:00 UTC. */
int64_t clock_realtime_ns(void);
/* Set the wall-clock time (settimeofday); the monotonic clock is not affected. */
void clock_set_realtime_ns(int64_t ns);

#endif
