/*
 * time_conv.c - conversions between time_t and struct tm: gmtime, localtime,
 * timegm, mktime, asctime, ctime, difftime.
 *
 * Days are counted with the era method (400-year eras of years that start on
 * March 1st, so the leap day ends a year): exact for every 64-bit time and
 * every int year, with no loop. A result whose year does not fit tm_year is
 * an error (NULL, or -1 from mktime), as in glibc.
 *
 * mktime first normalizes the fields into seconds of local wall time, then
 * picks the UTC offset: the one tm_isdst asks for when it is 0 or 1 and the
 * zone has summer time (a wall time given with the "wrong" flag is read in
 * that flag's offset, as glibc does), else the one in effect at that time.
 * Where glibc's answer depends on its search (a wall time skipped or
 * repeated at a change), the same answer is given; see mktime.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <time.h>

#include "time_impl.h"

int64_t tm_floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t tm_floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;

    return r != 0 && (r < 0) != (b < 0) ? r + b : r;
}

int tm_is_leap(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int tm_month_days(int64_t year, int month)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    return days[month - 1] + (month == 2 && tm_is_leap(year));
}

int64_t tm_days_from_civil(int64_t year, int month, int day)
{
    int64_t y = year - (month <= 2); /* years start in March */
    int64_t era = tm_floor_div(y, 400);
    int64_t year_of_era = y - era * 400;
    int64_t month_index = (month + 9) % 12; /* March = 0 */
    int64_t day_of_year = (153 * month_index + 2) / 5 + day - 1;
    int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    return era * 146097 + day_of_era - 719468; /* 719468: 0000-03-01 to 1970-01-01 */
}

struct tm *tm_break_down(time_t t, long gmtoff, struct tm *out)
{
    /* Split before adding the offset so that no sum can overflow. */
    int64_t days = tm_floor_div(t, TM_SECS_PER_DAY);
    int64_t secs = tm_floor_mod(t, TM_SECS_PER_DAY) + gmtoff;

    days += tm_floor_div(secs, TM_SECS_PER_DAY);
    secs = tm_floor_mod(secs, TM_SECS_PER_DAY);

    int64_t z = days + 719468;
    int64_t era = tm_floor_div(z, 146097);
    int64_t day_of_era = z - era * 146097;
    int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int64_t month_index = (5 * day_of_year + 2) / 153;
    int month = (int)(month_index < 10 ? month_index + 3 : month_index - 9);
    int64_t year = year_of_era + era * 400 + (month <= 2);

    if (year - 1900 > INT_MAX || year - 1900 < INT_MIN) {
        errno = EOVERFLOW;
        return NULL;
    }
    out->tm_year = (int)(year - 1900);
    out->tm_mon = month - 1;
    out->tm_mday = (int)(day_of_year - (153 * month_index + 2) / 5 + 1);
    out->tm_hour = (int)(secs / 3600);
    out->tm_min = (int)(secs % 3600 / 60);
    out->tm_sec = (int)(secs % 60);
    out->tm_wday = (int)tm_floor_mod(days + 4, 7); /* 1970-01-01 was a Thursday */
    out->tm_yday = (int)(days - tm_days_from_civil(year, 1, 1));
    out->tm_gmtoff = gmtoff;
    return out;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict out)
{
    if (!tm_break_down(*t, 0, out))
        return NULL;
    out->tm_isdst = 0;
    out->tm_zone = "GMT";
    return out;
}

struct tm *gmtime(const time_t *t)
{
    static struct tm result;

    return gmtime_r(t, &result);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict out)
{
    long gmtoff;
    const char *name;
    int isdst = tz_at_utc(*t, &gmtoff, &name);

    if (!tm_break_down(*t, gmtoff, out))
        return NULL;
    out->tm_isdst = isdst;
    out->tm_zone = name;
    return out;
}

struct tm *localtime(const time_t *t)
{
    static struct tm result;

    return localtime_r(t, &result);
}

/* The fields of *tm as seconds since the epoch of the same wall time in UTC. */
static int64_t wall_seconds(const struct tm *tm)
{
    int64_t mon = tm->tm_mon;
    int64_t year = (int64_t)tm->tm_year + 1900 + tm_floor_div(mon, 12);
    int64_t days = tm_days_from_civil(year, (int)tm_floor_mod(mon, 12) + 1, 1) + tm->tm_mday - 1;

    return days * TM_SECS_PER_DAY + (int64_t)tm->tm_hour * 3600 + (int64_t)tm->tm_min * 60 +
           tm->tm_sec;
}

time_t timegm(struct tm *tm)
{
    time_t t = wall_seconds(tm);

    if (!gmtime_r(&t, tm))
        return -1;
    return t;
}

/* The UTC offset the last call of mktime read its wall time with. */
static long last_off;

time_t mktime(struct tm *tm)
{
    int64_t wall = wall_seconds(tm);
    long std_off, dst_off;
    time_t t;

    /*
     * Which offset applies is decided at the wall time with tm_sec clamped
     * to 0..59, and the seconds beyond are added afterwards, as glibc does.
     */
    int64_t extra_secs = tm->tm_sec < 0 ? tm->tm_sec : tm->tm_sec > 59 ? tm->tm_sec - 59 : 0;
    wall -= extra_secs;

    tz_offsets(&std_off, &dst_off);
    if (!tz_has_dst()) {
        /* Summer time asked for in a zone without it: an hour ahead, as glibc. */
        t = wall - std_off - (tm->tm_isdst > 0 ? 3600 : 0);
    } else if (tm->tm_isdst == 0) {
        t = wall - std_off;
    } else if (tm->tm_isdst > 0) {
        t = wall - dst_off;
    } else {
        time_t as_std = wall - std_off, as_dst = wall - dst_off;
        long off;
        int std_ok = !tz_at_utc(as_std, &off, &(const char *){0});
        int dst_ok = tz_at_utc(as_dst, &off, &(const char *){0});

        /*
         * A wall time that exists once has one consistent reading. One
         * skipped when clocks go forward is read as standard time, landing
         * after the jump. One repeated when they go back takes the offset
         * the previous call used if it is one of the two, else the offset
         * in effect at the wall time read with that previous offset: the
         * first guess of glibc's search, whose answers this reproduces.
         */
        if (std_ok && dst_ok) {
            if (last_off != std_off && last_off != dst_off)
                tz_at_utc(wall - last_off, &off, &(const char *){0});
            else
                off = last_off;
            t = wall - off;
        } else if (dst_ok) {
            t = as_dst;
        } else {
            t = as_std;
        }
    }
    last_off = (long)(wall - t);
    t += extra_secs;
    if (!localtime_r(&t, tm))
        return -1;
    return t;
}

double difftime(time_t end, time_t start)
{
    /* The exact difference always fits 64 unsigned bits: round it once. */
    if (end >= start)
        return (double)((uint64_t)end - (uint64_t)start);
    return -(double)((uint64_t)start - (uint64_t)end);
}

/* v in decimal, at least min_digits digits, right-aligned in width. */
static char *put_int(char *p, long long v, int min_digits, int width)
{
    char digits[24];
    int n = 0;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

    do {
        digits[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    while (n < min_digits)
        digits[n++] = '0';
    if (v < 0)
        digits[n++] = '-';
    for (int pad = width - n; pad > 0; pad--)
        *p++ = ' ';
    while (n)
        *p++ = digits[--n];
    return p;
}

static char *put_name(char *p, const char *names, int index, int count)
{
    if (index < 0 || index >= count) {
        *p++ = '?';
        *p++ = '?';
        *p++ = '?';
        return p;
    }
    for (int i = 0; i < 3; i++)
        *p++ = names[index * 3 + i];
    return p;
}

/* asctime's format into buf of size bytes; NULL (EOVERFLOW) when it does not
 * fit. */
static char *format_asctime(const struct tm *tm, char *buf, size_t size)
{
    char tmp[96], *p = tmp;

    p = put_name(p, "SunMonTueWedThuFriSat", tm->tm_wday, 7);
    *p++ = ' ';
    p = put_name(p, "JanFebMarAprMayJunJulAugSepOctNovDec", tm->tm_mon, 12);
    p = put_int(p, tm->tm_mday, 1, 3);
    *p++ = ' ';
    p = put_int(p, tm->tm_hour, 2, 0);
    *p++ = ':';
    p = put_int(p, tm->tm_min, 2, 0);
    *p++ = ':';
    p = put_int(p, tm->tm_sec, 2, 0);
    *p++ = ' ';
    p = put_int(p, (long long)tm->tm_year + 1900, 1, 0);
    *p++ = '\n';
    if ((size_t)(p - tmp) + 1 > size) {
        errno = EOVERFLOW;
        return NULL;
    }
    for (char *q = tmp; q < p; q++)
        *buf++ = *q;
    *buf = '\0';
    return buf - (p - tmp);
}

/* POSIX gives asctime_r a 26-byte buffer, so a year beyond 9999 fails there. */
char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
    return format_asctime(tm, buf, 26);
}

char *asctime(const struct tm *tm)
{
    static char result[96];

    return format_asctime(tm, result, sizeof result);
}

char *ctime_r(const time_t *t, char *buf)
{
    struct tm tm;

    return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
    struct tm *tm = localtime(t);

    return tm ? asctime(tm) : NULL;
}
