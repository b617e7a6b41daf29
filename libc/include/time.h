/*
 * time.h - clocks and sleeping. struct timespec has exactly the layout of the
 * kernel's struct timespec64 (uapi/stat.h: 64-bit seconds, 32-bit
 * nanoseconds, 32 bits of padding), so libc passes it to the kernel as it is.
 * Calendar conversions (struct tm, gmtime, strftime) come with the full libc.
 */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <stdint.h>
#include <uapi/time.h>

typedef int64_t time_t;
typedef int clockid_t;

struct timespec {
    time_t tv_sec;
    long tv_nsec;
    long __pad; /* keeps the kernel's layout: see above */
};

time_t time(time_t *t);
int clock_gettime(clockid_t clock, struct timespec *ts);
/* Sleeps at least *req; on EINTR, *rem (when not NULL) holds what was left. */
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif
