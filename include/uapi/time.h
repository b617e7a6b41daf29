/*
 * uapi/time.h - clock identifiers of clock_gettime(), shared by the kernel
 * and libc (values as on Linux). The time values themselves cross the
 * boundary as struct timespec64 (uapi/stat.h): 64-bit seconds, 32-bit
 * nanoseconds, 32 bits of padding.
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#define CLOCK_REALTIME 0  /* wall-clock time, seconds since 1970-01-01 00:00 UTC */
#define CLOCK_MONOTONIC 1 /* time since boot; never goes back */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* gettimeofday() and select(): laid out like struct timespec64, with microseconds. */
struct timeval {
    int64_t tv_sec;
    int32_t tv_usec;
    int32_t __pad;
};

/* times(): CPU time in clock ticks of CLK_TCK per second (also its return value's unit). */
#define CLK_TCK 100
struct tms {
    int32_t tms_utime;  /* user time of the process */
    int32_t tms_stime;  /* system time of the process */
    int32_t tms_cutime; /* user time of its waited-for children (and theirs) */
    int32_t tms_cstime; /* system time of its waited-for children */
};
#endif

#endif
