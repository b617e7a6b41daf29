/*
 * time_impl.h - what the files of libc/time/ share: day arithmetic on the
 * proleptic Gregorian calendar (time_conv.c) and the zone read from TZ
 * (tz.c). Not a public header.
 */
#ifndef LIBC_TIME_IMPL_H
#define LIBC_TIME_IMPL_H

#include <stdint.h>
#include <time.h>

#define TM_SECS_PER_DAY 86400

/* Floor division and remainder (the remainder has the divisor's sign). */
int64_t tm_floor_div(int64_t a, int64_t b);
int64_t tm_floor_mod(int64_t a, int64_t b);
/* Days since 1970-01-01 of a date; month 1..12, day may be out of range. */
int64_t tm_days_from_civil(int64_t year, int month, int day);
int tm_is_leap(int64_t year);
int tm_month_days(int64_t year, int month);
/*
 * Fill *out from t shifted by gmtoff seconds (fields, wday, yday, gmtoff);
 * NULL when the year does not fit tm_year. tm_isdst and tm_zone are left alone.
 */
struct tm *tm_break_down(time_t t, long gmtoff, struct tm *out);

/*
 * The zone in effect (TZ, re-read when it changed). tz_at_utc returns whether
 * summer time applies at UTC time t and its offset and name;
 * tz_offsets gives the standard and summer offsets (equal without rules).
 */
int tz_at_utc(time_t t, long *gmtoff, const char **name);
int tz_has_dst(void);
void tz_offsets(long *std_off, long *dst_off);

#endif
