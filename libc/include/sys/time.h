/*
 * sys/time.h - struct timeval, gettimeofday() and utimes(). gettimeofday is
 * computed from clock_gettime(CLOCK_REALTIME); utimes passes the kernel
 * struct timespec64 values.
 */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>

struct timeval {
    time_t tv_sec;
    suseconds_t tv_usec;
};

struct timezone {
    int tz_minuteswest;
    int tz_dsttime;
};

/* tz, when not NULL, is set to UTC. */
int gettimeofday(struct timeval *restrict tv, void *restrict tz);
/* times NULL: set both times to now. */
int utimes(const char *path, const struct timeval times[2]);

#endif
