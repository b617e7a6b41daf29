/*
 * tz.c - the time zone of the TZ environment variable: tzset, tzname,
 * timezone, daylight, and the offset in effect at a given time.
 *
 * TZ is read in the POSIX rule form
 *     std offset [dst [offset] [,start[/time],end[/time]]]
 * where a name is three or more letters or <...> quoted (letters, digits,
 * '+', '-'), an offset is [+-]hh[:mm[:ss]] west of UTC (EST5 is UTC-5), the
 * summer offset defaults to one hour east of standard time, and a rule is
 * Jn (day 1..365, February 29th never counted), n (day 0..365, counted) or
 * Mm.w.d (weekday d of week w of month m, week 5 the last) at time (default
 * 02:00:00, may be negative or up to 167 hours). Summer time without rules
 * uses the US ones, M3.2.0,M11.1.0.
 *
 * Unset or empty TZ is UTC. There are no zoneinfo files: a TZ that names one
 * (":Europe/Paris", "Europe/Paris") or does not parse is also UTC, named "UTC".
 *
 * As in glibc, the transitions are computed for the UTC year of the time
 * asked about; summer time is in effect from the start (given in standard
 * time) until the end (given in summer time), wrapping over the new year
 * when the end comes first (the southern hemisphere).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "time_impl.h"

#define TZ_NAME_MAX 15
#define TZ_STRING_MAX 127

struct tz_rule {
    char kind; /* 'J', 'D' (the zero-based n form) or 'M' */
    int day, week, month;
    long secs; /* the local time of the change */
};

struct tz_zone {
    char std_name[TZ_NAME_MAX + 1], dst_name[TZ_NAME_MAX + 1];
    long std_off, dst_off; /* seconds east of UTC */
    int has_dst;
    struct tz_rule start, end;
};

static struct tz_zone zone = {.std_name = "UTC", .dst_name = "UTC"};
static char loaded[TZ_STRING_MAX + 1];
static int loaded_valid; /* loaded holds the TZ zone was built from */
static int loaded_unset;

char *tzname[2] = {zone.std_name, zone.dst_name};
long timezone;
int daylight;

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* A zone name into out; NULL when there is none. */
static const char *parse_name(const char *s, char *out)
{
    size_t n = 0;

    if (*s == '<') {
        for (s++; is_alpha(*s) || is_digit(*s) || *s == '+' || *s == '-'; s++)
            if (n < TZ_NAME_MAX)
                out[n++] = *s;
        if (*s++ != '>')
            return NULL;
    } else {
        for (; is_alpha(*s); s++)
            if (n < TZ_NAME_MAX)
                out[n++] = *s;
    }
    out[n] = '\0';
    return n >= 3 ? s : NULL;
}

/* An unsigned number of at most max_digits digits; NULL when there is none. */
static const char *parse_num(const char *s, int max_digits, long *out)
{
    long v = 0;
    int n = 0;

    while (is_digit(*s) && n < max_digits) {
        v = v * 10 + (*s++ - '0');
        n++;
    }
    *out = v;
    return n ? s : NULL;
}

/* [+-]hh[:mm[:ss]] as signed seconds, hours clamped to max_hours. */
static const char *parse_hms(const char *s, long max_hours, long *out)
{
    long sign = 1, h, m = 0, sec = 0;

    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    if (!(s = parse_num(s, 3, &h)))
        return NULL;
    if (*s == ':' && is_digit(s[1])) {
        s = parse_num(s + 1, 2, &m);
        if (*s == ':' && is_digit(s[1]))
            s = parse_num(s + 1, 2, &sec);
    }
    if (h > max_hours)
        h = max_hours;
    if (m > 59)
        m = 59;
    if (sec > 59)
        sec = 59;
    *out = sign * (h * 3600 + m * 60 + sec);
    return s;
}

static const char *parse_rule(const char *s, struct tz_rule *r)
{
    long a, b, c;

    if (*s == 'J') {
        if (!(s = parse_num(s + 1, 3, &a)) || a < 1 || a > 365)
            return NULL;
        r->kind = 'J';
        r->day = (int)a;
    } else if (*s == 'M') {
        if (!(s = parse_num(s + 1, 2, &a)) || *s++ != '.' || !(s = parse_num(s, 1, &b)) ||
            *s++ != '.' || !(s = parse_num(s, 1, &c)))
            return NULL;
        if (a < 1 || a > 12 || b < 1 || b > 5 || c > 6)
            return NULL;
        r->kind = 'M';
        r->month = (int)a;
        r->week = (int)b;
        r->day = (int)c;
    } else {
        if (!(s = parse_num(s, 3, &a)) || a > 365)
            return NULL;
        r->kind = 'D';
        r->day = (int)a;
    }
    r->secs = 2 * 3600;
    if (*s == '/')
        s = parse_hms(s + 1, 167, &r->secs);
    return s;
}

/* Parse a TZ string into *z; 0 when it is not a POSIX rule string. */
static int parse_tz(const char *s, struct tz_zone *z)
{
    long off;

    if (!(s = parse_name(s, z->std_name)) || !(s = parse_hms(s, 24, &off)))
        return 0;
    z->std_off = z->dst_off = -off;
    strcpy(z->dst_name, z->std_name);
    z->has_dst = 0;
    if (*s == '\0')
        return 1;
    if (!(s = parse_name(s, z->dst_name)))
        return 0;
    z->dst_off = z->std_off + 3600;
    if (*s && *s != ',') {
        if (!(s = parse_hms(s, 24, &off)))
            return 0;
        z->dst_off = -off;
    }
    z->has_dst = 1;
    if (*s == '\0') {
        z->start = (struct tz_rule){'M', 0, 2, 3, 2 * 3600};
        z->end = (struct tz_rule){'M', 0, 1, 11, 2 * 3600};
        return 1;
    }
    if (*s++ != ',' || !(s = parse_rule(s, &z->start)) || *s++ != ',' ||
        !(s = parse_rule(s, &z->end)))
        return 0;
    return *s == '\0';
}

void tzset(void)
{
    const char *tz = getenv("TZ");

    if (loaded_valid && (tz ? !loaded_unset && strcmp(tz, loaded) == 0 : loaded_unset))
        return;
    if (tz && strlen(tz) > TZ_STRING_MAX)
        tz = "";
    loaded_unset = !tz;
    strcpy(loaded, tz ? tz : "");
    loaded_valid = 1;

    if (!tz || !parse_tz(tz, &zone)) {
        strcpy(zone.std_name, "UTC");
        strcpy(zone.dst_name, "UTC");
        zone.std_off = zone.dst_off = 0;
        zone.has_dst = 0;
    }
    tzname[0] = zone.std_name;
    tzname[1] = zone.dst_name;
    timezone = -zone.std_off;
    daylight = zone.has_dst;
}

/* UTC time of a rule's change in the given year, the rule's time read at
 * gmtoff. */
static int64_t rule_change(const struct tz_rule *r, int64_t year, long gmtoff)
{
    int64_t day;

    if (r->kind == 'J') {
        day = tm_days_from_civil(year, 1, 1) + r->day - 1 + (tm_is_leap(year) && r->day >= 60);
    } else if (r->kind == 'D') {
        day = tm_days_from_civil(year, 1, 1) + r->day;
    } else {
        int64_t first = tm_days_from_civil(year, r->month, 1);
        int64_t offset = tm_floor_mod(r->day - (first + 4), 7) + (r->week - 1) * 7;

        while (offset >= tm_month_days(year, r->month))
            offset -= 7;
        day = first + offset;
    }
    return day * TM_SECS_PER_DAY + r->secs - gmtoff;
}

int tz_at_utc(time_t t, long *gmtoff, const char **name)
{
    int dst = 0;

    tzset();
    if (zone.has_dst) {
        struct tm tm;
        int64_t year = 1970, start, end;

        if (tm_break_down(t, 0, &tm))
            year = (int64_t)tm.tm_year + 1900;
        else
            year = t < 0 ? (int64_t)INT32_MIN + 1900 : (int64_t)INT32_MAX + 1900;
        start = rule_change(&zone.start, year, zone.std_off);
        end = rule_change(&zone.end, year, zone.dst_off);
        dst = start > end ? t < end || t >= start : t >= start && t < end;
    }
    *gmtoff = dst ? zone.dst_off : zone.std_off;
    *name = dst ? zone.dst_name : zone.std_name;
    return dst;
}

int tz_has_dst(void)
{
    tzset();
    return zone.has_dst;
}

void tz_offsets(long *std_off, long *dst_off)
{
    tzset();
    *std_off = zone.std_off;
    *dst_off = zone.dst_off;
}
