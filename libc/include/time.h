/*
 * time.h - clocks and sleeping. struct timespec has exactly the layout of the
 * kernel's struct timespec64 (uapi/stat.h: 64-bit seconds, 32-bit
 * nanoseconds, 32 bits of padding), so libc passes it to the kernel as it is.
 * Calendar time (libc/time/): struct tm, the conversions between time_t and
 * broken-down time in UTC or in the zone of the TZ environment variable (the
 * POSIX rule form only, see libc/time/tz.c), and formatting with strftime.
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

/* Broken-down time. tm_gmtoff and tm_zone are the BSD/glibc extensions. */
struct tm {
    int tm_sec;          /* 0..60 */
    int tm_min;          /* 0..59 */
    int tm_hour;         /* 0..23 */
    int tm_mday;         /* 1..31 */
    int tm_mon;          /* 0..11 */
    int tm_year;         /* years since 1900 */
    int tm_wday;         /* 0..6, Sunday = 0 */
    int tm_yday;         /* 0..365 */
    int tm_isdst;        /* > 0 summer time, 0 not, < 0 unknown (mktime) */
    long tm_gmtoff;      /* seconds east of UTC */
    const char *tm_zone; /* the zone's abbreviation */
};

time_t time(time_t *t);

/* Conversions (libc/time/time_conv.c). The non-_r forms share one static result. */
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict out);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict out);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
double difftime(time_t end, time_t start);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
size_t strftime(char *restrict s, size_t max, const char *restrict format,
                const struct tm *restrict tm);

/* The zone (libc/time/tz.c): tzset reads TZ into these. */
extern char *tzname[2];
extern long timezone; /* seconds west of UTC of standard time */
extern int daylight;  /* 1 when the zone has summer time rules */
void tzset(void);
int clock_gettime(clockid_t clock, struct timespec *ts);
/* CLOCK_REALTIME only, root only. */
int clock_settime(clockid_t clock, const struct timespec *ts);
/* Sleeps at least *req; on EINTR, *rem (when not NULL) holds what was left. */
int nanosleep(const struct timespec *req, struct timespec *rem);

#endif
