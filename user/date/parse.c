/*
 * parse.c - the date strings of -d and -s (see date.h): a small, strict
 * subset of what GNU date reads. A calendar date must exist (2001-02-29
 * does not); hours, minutes and seconds must be in range.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"

#define NS_PER_SEC 1000000000L

/* Read exactly n digits (n > 0) or, with n == 0, one or more; the value, -1 if none. */
static long digits(const char **s, int n)
{
    long v = 0;
    int got = 0;

    while (isdigit((unsigned char)**s) && (n == 0 || got < n) && got < 18) {
        v = v * 10 + (**s - '0');
        (*s)++;
        got++;
    }
    return got == 0 || (n && got != n) ? -1 : v;
}

/* ".123" after seconds: nanoseconds (extra digits are dropped); 0 without it. */
static long fraction(const char **s)
{
    long ns = 0, scale = NS_PER_SEC / 10;

    if (**s != '.' && **s != ',')
        return 0;
    (*s)++;
    if (!isdigit((unsigned char)**s))
        return -1;
    for (; isdigit((unsigned char)**s); (*s)++, scale /= 10)
        ns += (**s - '0') * scale;
    return ns;
}

static void skip_spaces(const char **s)
{
    while (isspace((unsigned char)**s))
        (*s)++;
}

/* "@[-]SECONDS[.FRACTION]": the fraction of a negative time counts towards the past. */
static int parse_epoch(const char *s, time_t *t, long *ns)
{
    int neg = 0;
    long long sec = 0;
    long frac;

    if (*s == '-' || *s == '+')
        neg = *s++ == '-';
    if (!isdigit((unsigned char)*s))
        return -1;
    while (isdigit((unsigned char)*s)) {
        if (sec > (long long)1e15)
            return -1;
        sec = sec * 10 + (*s++ - '0');
    }
    if ((frac = fraction(&s)) < 0)
        return -1;
    skip_spaces(&s);
    if (*s)
        return -1;
    if (neg && frac) {
        sec++;
        frac = NS_PER_SEC - frac;
    }
    *t = (time_t)(neg ? -sec : sec);
    *ns = frac;
    return 0;
}

/* A trailing "UTC", "UT", "GMT" or "Z" (case-insensitive): 1 if there is one, -1 for junk. */
static int zone_suffix(const char *s)
{
    static const char *const names[] = {"UTC", "UT", "GMT", "Z"};

    skip_spaces(&s);
    if (!*s)
        return 0;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        size_t n = strlen(names[i]);
        if (strncasecmp(s, names[i], n) == 0) {
            s += n;
            skip_spaces(&s);
            return *s ? -1 : 1;
        }
    }
    return -1;
}

/* "HH:MM[:SS[.FRACTION]]" into tm; the rest of the string in *rest. */
static int parse_clock(const char *s, struct tm *tm, long *ns, const char **rest)
{
    long h, m, sec = 0;

    if ((h = digits(&s, 0)) < 0 || h > 23 || *s++ != ':' || (m = digits(&s, 2)) < 0 || m > 59)
        return -1;
    *ns = 0;
    if (*s == ':') {
        s++;
        if ((sec = digits(&s, 2)) < 0 || sec > 60 || (*ns = fraction(&s)) < 0)
            return -1;
    }
    tm->tm_hour = (int)h;
    tm->tm_min = (int)m;
    tm->tm_sec = (int)sec;
    *rest = s;
    return 0;
}

int date_parse(const char *s, int utc, time_t *t, long *ns)
{
    struct tm tm = {0}, want;
    const char *rest;
    long y, mo, d;
    int zone;

    skip_spaces(&s);
    if (*s == '@')
        return parse_epoch(s + 1, t, ns);
    *ns = 0;
    if (strcasecmp(s, "now") == 0 || *s == '\0') {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        *t = now.tv_sec;
        *ns = now.tv_nsec;
        return 0;
    }
    rest = s;
    y = digits(&rest, 0);
    if (y >= 0 && *rest == '-') {
        /* YYYY-MM-DD [HH:MM[:SS]] */
        rest++;
        if ((mo = digits(&rest, 0)) < 1 || mo > 12 || *rest++ != '-' ||
            (d = digits(&rest, 0)) < 1 || d > 31)
            return -1;
        tm.tm_year = (int)y - 1900;
        tm.tm_mon = (int)mo - 1;
        tm.tm_mday = (int)d;
        if (*rest == 'T' || *rest == 't' || *rest == ' ') {
            const char *c = rest + 1;
            skip_spaces(&c);
            if (isdigit((unsigned char)*c) && parse_clock(c, &tm, ns, &rest) < 0)
                return -1;
        }
    } else {
        /* HH:MM[:SS]: today */
        time_t now = time(NULL);
        if (utc)
            gmtime_r(&now, &tm);
        else
            localtime_r(&now, &tm);
        if (parse_clock(s, &tm, ns, &rest) < 0)
            return -1;
    }
    if ((zone = zone_suffix(rest)) < 0)
        return -1;
    tm.tm_isdst = -1;
    want = tm;
    *t = utc || zone ? timegm(&tm) : mktime(&tm);
    /* The date must exist: normalizing must not have moved it. */
    if (tm.tm_year != want.tm_year || tm.tm_mon != want.tm_mon || tm.tm_mday != want.tm_mday)
        return -1;
    return 0;
}
