/*
 * strftime.c - formatting of broken-down time in the C locale.
 *
 * The conversions of C99 and POSIX, with the E and O modifiers accepted and
 * ignored where glibc accepts them (the C locale has no alternative forms);
 * an unknown conversion, or a modifier where glibc takes none, is copied as
 * it is. Names of out-of-range months and weekdays print as "?",
 * and years are printed in full, unpadded (%Y of year 5 is "5", %C is the
 * floored century, %y the year modulo 100), all as glibc does.
 */
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "time_impl.h"

static const char *const day_names[7] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                         "Thursday", "Friday", "Saturday"};
static const char *const month_names[12] = {"January",   "February", "March",    "April",
                                            "May",       "June",     "July",     "August",
                                            "September", "October",  "November", "December"};

struct out {
    char *buf;
    size_t max, len; /* len may pass max: the result then does not fit */
};

static void put_char(struct out *o, char c)
{
    if (o->len < o->max)
        o->buf[o->len] = c;
    o->len++;
}

static void put_str(struct out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++)
        put_char(o, s[i]);
}

/* v in decimal, zero-padded to digits (after any '-'); pad ' ' pads with
 * spaces. */
static void put_num(struct out *o, int64_t v, int digits, char pad)
{
    char tmp[24];
    int n = 0;
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (pad == ' ') {
        if (v < 0)
            tmp[n++] = '-';
        while (n < digits)
            tmp[n++] = ' ';
    } else {
        while (n < digits)
            tmp[n++] = '0';
        if (v < 0)
            tmp[n++] = '-';
    }
    while (n)
        put_char(o, tmp[--n]);
}

static const char *name_of(const char *const *names, int index, int count)
{
    return index >= 0 && index < count ? names[index] : "?";
}

static int year_days(int64_t year)
{
    return 365 + tm_is_leap(year);
}

/* The ISO 8601 week (1..53) of tm, and in *iso_year the year it belongs to. */
static int iso_week(const struct tm *tm, int64_t *iso_year)
{
    int64_t year = (int64_t)tm->tm_year + 1900;
    int monday_based = (tm->tm_wday + 6) % 7;
    int thursday = tm->tm_yday - monday_based + 3; /* day of year of this week's Thursday */

    if (thursday < 0) {
        year--;
        thursday += year_days(year);
    } else if (thursday >= year_days(year)) {
        thursday -= year_days(year);
        year++;
    }
    *iso_year = year;
    return thursday / 7 + 1;
}

static void format(struct out *o, const char *f, const struct tm *tm);

static void convert(struct out *o, char c, const struct tm *tm)
{
    int64_t year = (int64_t)tm->tm_year + 1900, iso_year;
    int hour12 = tm->tm_hour > 12 ? tm->tm_hour - 12 : tm->tm_hour == 0 ? 12 : tm->tm_hour;

    switch (c) {
    case 'a':
        put_str(o, name_of(day_names, tm->tm_wday, 7), 3);
        break;
    case 'A':
        put_str(o, name_of(day_names, tm->tm_wday, 7), SIZE_MAX);
        break;
    case 'b':
    case 'h':
        put_str(o, name_of(month_names, tm->tm_mon, 12), 3);
        break;
    case 'B':
        put_str(o, name_of(month_names, tm->tm_mon, 12), SIZE_MAX);
        break;
    case 'c':
        format(o, "%a %b %e %H:%M:%S %Y", tm);
        break;
    case 'C':
        put_num(o, tm_floor_div(year, 100), 1, '0');
        break;
    case 'd':
        put_num(o, tm->tm_mday, 2, '0');
        break;
    case 'D':
    case 'x':
        format(o, "%m/%d/%y", tm);
        break;
    case 'e':
        put_num(o, tm->tm_mday, 2, ' ');
        break;
    case 'F':
        format(o, "%Y-%m-%d", tm);
        break;
    case 'g':
        iso_week(tm, &iso_year);
        put_num(o, tm_floor_mod(iso_year, 100), 2, '0');
        break;
    case 'G':
        iso_week(tm, &iso_year);
        put_num(o, iso_year, 1, '0');
        break;
    case 'H':
        put_num(o, tm->tm_hour, 2, '0');
        break;
    case 'I':
        put_num(o, hour12, 2, '0');
        break;
    case 'j':
        put_num(o, tm->tm_yday + 1, 3, '0');
        break;
    case 'm':
        put_num(o, tm->tm_mon + 1, 2, '0');
        break;
    case 'M':
        put_num(o, tm->tm_min, 2, '0');
        break;
    case 'n':
        put_char(o, '\n');
        break;
    case 'p':
        put_str(o, tm->tm_hour > 11 ? "PM" : "AM", 2);
        break;
    case 'r':
        format(o, "%I:%M:%S %p", tm);
        break;
    case 'R':
        format(o, "%H:%M", tm);
        break;
    case 'S':
        put_num(o, tm->tm_sec, 2, '0');
        break;
    case 't':
        put_char(o, '\t');
        break;
    case 'T':
    case 'X':
        format(o, "%H:%M:%S", tm);
        break;
    case 'u':
        put_num(o, (tm->tm_wday + 6) % 7 + 1, 1, '0');
        break;
    case 'U':
        put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0');
        break;
    case 'V':
        put_num(o, iso_week(tm, &iso_year), 2, '0');
        break;
    case 'w':
        put_num(o, tm->tm_wday, 1, '0');
        break;
    case 'W':
        put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0');
        break;
    case 'y':
        put_num(o, tm_floor_mod(year, 100), 2, '0');
        break;
    case 'Y':
        put_num(o, year, 1, '0');
        break;
    case 'z': {
        long minutes = tm->tm_gmtoff / 60; /* seconds are dropped, as in glibc */
        put_char(o, tm->tm_gmtoff < 0 ? '-' : '+');
        if (minutes < 0)
            minutes = -minutes;
        put_num(o, minutes / 60 * 100 + minutes % 60, 4, '0');
        break;
    }
    case 'Z':
        if (tm->tm_zone)
            put_str(o, tm->tm_zone, SIZE_MAX);
        break;
    case '%':
        put_char(o, '%');
        break;
    }
}

static void format(struct out *o, const char *f, const struct tm *tm)
{
    for (; *f; f++) {
        const char *start = f;

        if (*f != '%') {
            put_char(o, *f);
            continue;
        }
        char modifier = 0;
        if (f[1] == 'E' || f[1] == 'O')
            modifier = *++f;
        /* The conversions glibc refuses each modifier on (printed as written). */
        if (f[1] && strchr("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%", f[1]) &&
            !(modifier == 'E' && strchr("aAbBdDeFgGhHIjmMSUVwW", f[1])) &&
            !(modifier == 'O' && strchr("aAcDFxXY", f[1]))) {
            convert(o, *++f, tm);
        } else {
            /* Unknown: copy the sequence as written. */
            f = start;
            put_char(o, '%');
        }
    }
}

size_t strftime(char *restrict s, size_t max, const char *restrict format_string,
                const struct tm *restrict tm)
{
    struct out o = {s, max, 0};

    format(&o, format_string, tm);
    if (o.len >= max)
        return 0;
    s[o.len] = '\0';
    return o.len;
}
