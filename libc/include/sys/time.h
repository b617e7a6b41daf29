/*
 * sys/time.h - struct timeval (uapi/time.h: 64-bit seconds, 32-bit
 * microseconds, padding), gettimeofday() and utimes(). utimes passes the
 * kernel struct timespec64 values.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <uapi/time.h>

struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};

/* tz, when not NULL, is set to UTC. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz);
/* Set the wall clock (root only); tz is ignored. */
int settimeofday(const struct timeval *tv, const void *tz);
/* times NULL: set both times to now. */
int utimes(const char *path, const struct timeval times[2]);

#endif
