/*
 * test_time.c - libc/time/ (compiled with libc_ names) against the host's
 * glibc: gmtime, localtime under POSIX TZ rule strings, mktime and timegm of
 * random and out-of-range fields, strftime with every conversion, asctime,
 * ctime and difftime, on random values. The seed is printed; LIBC_TIME_SEED
 * overrides it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "hostutil.h"

/* Our struct tm has glibc's layout, so the host's type serves for both. */
struct tm *libc_gmtime_r(const int64_t *t, struct tm *out);
struct tm *libc_localtime_r(const int64_t *t, struct tm *out);
struct tm *libc_gmtime(const int64_t *t);
struct tm *libc_localtime(const int64_t *t);
int64_t libc_mktime(struct tm *tm);
int64_t libc_timegm(struct tm *tm);
double libc_difftime(int64_t end, int64_t start);
char *libc_asctime(const struct tm *tm);
char *libc_asctime_r(const struct tm *tm, char *buf);
char *libc_ctime(const int64_t *t);
char *libc_ctime_r(const int64_t *t, char *buf);
size_t libc_strftime(char *s, size_t max, const char *format, const struct tm *tm);
void libc_tzset(void);
extern char *libc_tzname[2];
extern long libc_timezone;
extern int libc_daylight;
int libc_errno;

_Static_assert(sizeof(time_t) == sizeof(int64_t), "the host's time_t must be 64-bit");

static uint64_t rng;

static uint64_t next(void)
{
    return host_xorshift64(&rng);
}

__attribute__((constructor)) static void seed(void)
{
    rng = host_seed("LIBC_TIME_SEED", 0x6a09e667f3bcc908ull);
}

static int64_t range(int64_t lo, int64_t hi)
{
    return lo + (int64_t)(next() % (uint64_t)(hi - lo + 1));
}

/* A random time: mostly near now, some over millennia, some far out. */
static int64_t random_time(void)
{
    switch (next() % 4) {
    case 0:
        return range(-(1ll << 31), 1ll << 32);
    case 1:
        return range(-100000000000ll, 100000000000ll); /* about +-3000 years */
    case 2:
        return range(-(1ll << 50), 1ll << 50);
    default:
        return range(-67767976233532800ll, 67767976233532799ll); /* tm_year near INT_MAX/MIN */
    }
}

/*
 * A random time for localtime in a zone. glibc computes summer-time changes
 * for years before 1970 from 1970's first day (so northern zones never have
 * summer time before 1970, southern ones always), and overflows an int for
 * years past about 5.8 million; we apply the rules to every year. In zones
 * with summer time the comparison therefore stays within 1970 .. 4,000,000.
 */
static int64_t zone_time(int has_dst)
{
    if (!has_dst)
        return random_time();
    switch (next() % 3) {
    case 0:
        return range(0, 1ll << 32);
    case 1:
        return range(0, 100000000000ll);
    default:
        return range(0, 126000000000000ll);
    }
}

static const char *const zones[] = {
    "UTC0",
    "",
    "EST5EDT,M3.2.0,M11.1.0",
    "CET-1CEST,M3.5.0,M10.5.0/3",
    "<+0330>-3:30",
    "AEST-10AEDT,M10.1.0/2,M4.1.0/3",
    "NZST-12NZDT,M9.5.0,M4.1.0/3",
    "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
    "IST-2IDT,M3.4.4/26,M10.5.0",
    "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
    "ABC3DEF,J60,J300/1:30",
    "GHI-5:45JKL-6:15:30,100/3:30,250/-1",
    "PST8PDT7,M3.2.0/2:00:00,M11.1.0/2:00:00",
    "<UTC+12>+12",
};

static void set_zone(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
    libc_tzset();
}

static int same_tm(const struct tm *a, const struct tm *b)
{
    return a->tm_sec == b->tm_sec && a->tm_min == b->tm_min && a->tm_hour == b->tm_hour &&
           a->tm_mday == b->tm_mday && a->tm_mon == b->tm_mon && a->tm_year == b->tm_year &&
           a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday && a->tm_isdst == b->tm_isdst &&
           a->tm_gmtoff == b->tm_gmtoff &&
           (a->tm_zone && b->tm_zone ? strcmp(a->tm_zone, b->tm_zone) == 0
                                     : a->tm_zone == b->tm_zone);
}

static const char *show(const struct tm *t)
{
    static char buf[4][160];
    static int which;

    which = (which + 1) % 4;
    snprintf(buf[which], sizeof buf[which], "%d-%d-%d %d:%d:%d wd%d yd%d dst%d off%ld %s",
             t->tm_year, t->tm_mon, t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec, t->tm_wday,
             t->tm_yday, t->tm_isdst, t->tm_gmtoff, t->tm_zone ? t->tm_zone : "(null)");
    return buf[which];
}

TEST(gmtime_matches_glibc)
{
    int bad = 0;

    for (int i = 0; i < 20000; i++) {
        time_t t = random_time();
        struct tm want, got;
        struct tm *w = gmtime_r(&t, &want), *g = libc_gmtime_r(&t, &got);

        if (!w || !g) {
            if (!w != !g && bad++ < 5)
                CHECK_MSG(0, "gmtime(%lld): %s", (long long)t, w ? "we failed" : "glibc failed");
            continue;
        }
        got.tm_zone = want.tm_zone; /* glibc says "GMT" too, but only tm_zone's text counts */
        if (!same_tm(&got, &want) && bad++ < 5)
            CHECK_MSG(0, "gmtime(%lld): %s, glibc %s", (long long)t, show(&got), show(&want));
    }
    CHECK_EQ(bad, 0);
    time_t edge[] = {0,
                     -1,
                     86399,
                     86400,
                     -86400,
                     951782400,
                     951868800,
                     4107542399ll,
                     -62135596800ll,
                     253402300799ll,
                     67767976233532799ll,
                     67767976233532800ll,
                     -67768040609740800ll,
                     -67768040609740801ll,
                     INT64_MAX,
                     INT64_MIN};
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        struct tm want, got;
        struct tm *w = gmtime_r(&edge[i], &want), *g = libc_gmtime_r(&edge[i], &got);
        CHECK_MSG(!w == !g, "gmtime(%lld) succeeds in only one", (long long)edge[i]);
        if (w && g) {
            CHECK_STR(got.tm_zone, "GMT");
            got.tm_zone = want.tm_zone;
            CHECK_MSG(same_tm(&got, &want), "gmtime(%lld): %s, glibc %s", (long long)edge[i],
                      show(&got), show(&want));
        }
    }
}

TEST(localtime_matches_glibc_under_posix_zones)
{
    int bad = 0, cases = 0;

    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        set_zone(zones[z]);
        CHECK_MSG(strcmp(libc_tzname[0], tzname[0]) == 0 && strcmp(libc_tzname[1], tzname[1]) == 0,
                  "TZ=%s: tzname %s/%s, glibc %s/%s", zones[z], libc_tzname[0], libc_tzname[1],
                  tzname[0], tzname[1]);
        CHECK_MSG(libc_timezone == timezone && libc_daylight == daylight,
                  "TZ=%s: timezone %ld daylight %d, glibc %ld %d", zones[z], libc_timezone,
                  libc_daylight, timezone, daylight);
        for (int i = 0; i < 3000; i++, cases++) {
            time_t t = zone_time(daylight);
            struct tm want, got;
            struct tm *w, *g;

            w = localtime_r(&t, &want);
            g = libc_localtime_r(&t, &got);
            if (!w || !g) {
                if (!w != !g && bad++ < 5)
                    CHECK_MSG(0, "TZ=%s localtime(%lld): only %s failed", zones[z], (long long)t,
                              w ? "we" : "glibc");
                continue;
            }
            if (!same_tm(&got, &want) && bad++ < 5)
                CHECK_MSG(0, "TZ=%s localtime(%lld): %s, glibc %s", zones[z], (long long)t,
                          show(&got), show(&want));
        }
    }
    CHECK_EQ(bad, 0);
    CHECK(cases >= 20000);
}

/* Random fields: mostly in range, some far out of it; tm_isdst -1, 0 or 1. */
static void random_fields(struct tm *t)
{
    int wide = next() % 4 == 0;

    memset(t, 0, sizeof *t);
    t->tm_year = (int)range(-2000, 1200);
    t->tm_mon = wide ? (int)range(-200, 200) : (int)range(0, 11);
    t->tm_mday = wide ? (int)range(-2000, 2000) : (int)range(1, 31);
    t->tm_hour = wide ? (int)range(-500, 500) : (int)range(0, 23);
    t->tm_min = wide ? (int)range(-50000, 50000) : (int)range(0, 59);
    t->tm_sec = wide ? (int)range(-5000000, 5000000) : (int)range(0, 60);
    t->tm_isdst = (int)range(-1, 1);
    t->tm_wday = 99; /* ignored on input */
    t->tm_yday = 999;
}

TEST(mktime_and_timegm_match_glibc)
{
    int bad = 0, cases = 0;

    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        set_zone(zones[z]);
        for (int i = 0; i < 2000; i++, cases++) {
            struct tm in, want, got;
            random_fields(&in);
            if (daylight) /* see zone_time */
                in.tm_year = (int)range(100, 1200);
            if (i % 4 == 0) { /* around 02:00 in spring and autumn: the gaps and overlaps */
                in.tm_year = (int)range(70, 140);
                in.tm_mon = "\x02\x03\x08\x09\x0a"[next() % 5];
                in.tm_mday = (int)range(1, 31);
                in.tm_hour = (int)range(0, 3);
            }
            want = got = in;
            time_t w = mktime(&want), g = libc_mktime(&got);
            if ((w != g || (w != -1 && !same_tm(&got, &want))) && bad++ < 8)
                CHECK_MSG(0, "TZ=%s mktime(%s): %lld %s, glibc %lld %s", zones[z], show(&in),
                          (long long)g, show(&got), (long long)w, show(&want));
        }
    }
    for (int i = 0; i < 5000; i++, cases++) {
        struct tm in, want, got;
        random_fields(&in);
        want = got = in;
        time_t w = timegm(&want), g = libc_timegm(&got);
        got.tm_zone = want.tm_zone;
        if ((w != g || !same_tm(&got, &want)) && bad++ < 8)
            CHECK_MSG(0, "timegm(%s): %lld %s, glibc %lld %s", show(&in), (long long)g, show(&got),
                      (long long)w, show(&want));
    }
    CHECK_EQ(bad, 0);
    CHECK(cases >= 20000);
}

TEST(mktime_fails_when_the_year_overflows)
{
    struct tm t = {.tm_year = 2147483647, .tm_mon = 12, .tm_mday = 1, .tm_isdst = 0};

    set_zone("UTC0");
    CHECK_EQ(libc_mktime(&t), -1);
    CHECK_EQ(libc_errno, EOVERFLOW);
}

TEST(strftime_matches_glibc)
{
    static const char conv[] = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
    int bad = 0, cases = 0;
    char fmt[64], want[256], got[256];

    for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
        set_zone(zones[z]);
        for (int i = 0; i < 2000; i++) {
            time_t t = zone_time(daylight);
            struct tm tm;
            if (!localtime_r(&t, &tm))
                continue;
            /* Every conversion alone, then a random mix with text and modifiers. */
            for (size_t c = 0; c <= sizeof conv - 1; c++, cases++) {
                if (c < sizeof conv - 1) {
                    snprintf(fmt, sizeof fmt, "<%%%c>", conv[c]);
                } else {
                    size_t n = 0;
                    for (int k = 0; k < 6; k++) {
                        fmt[n++] = '%';
                        if (next() % 8 == 0)
                            fmt[n++] = next() % 2 ? 'E' : 'O';
                        fmt[n++] = conv[next() % (sizeof conv - 1)];
                        fmt[n++] = " -:x"[next() % 4];
                    }
                    fmt[n] = '\0';
                }
                size_t wn = strftime(want, sizeof want, fmt, &tm);
                size_t gn = libc_strftime(got, sizeof got, fmt, &tm);
                if ((wn != gn || strcmp(got, want) != 0) && bad++ < 8)
                    CHECK_MSG(0, "TZ=%s strftime(\"%s\", %s): \"%s\", glibc \"%s\"", zones[z], fmt,
                              show(&tm), got, want);
            }
        }
    }
    CHECK_EQ(bad, 0);
    CHECK(cases >= 20000);
}

TEST(strftime_reports_a_result_that_does_not_fit)
{
    struct tm tm = {.tm_year = 124, .tm_mday = 5, .tm_wday = 5};
    char buf[16];

    CHECK_EQ(libc_strftime(buf, sizeof buf, "%Y-%m-%d", &tm), 10);
    CHECK_STR(buf, "2024-01-05");
    CHECK_EQ(libc_strftime(buf, 10, "%Y-%m-%d", &tm), 0);
    CHECK_EQ(libc_strftime(buf, 11, "%Y-%m-%d", &tm), 10);
    CHECK_EQ(libc_strftime(buf, sizeof buf, "%A", &tm), 6);
    CHECK_EQ(libc_strftime(buf, sizeof buf, "", &tm), 0);
}

TEST(asctime_ctime_difftime_match_glibc)
{
    int bad = 0;
    char want[128], got[128];

    set_zone("CET-1CEST,M3.5.0,M10.5.0/3");
    for (int i = 0; i < 20000; i++) {
        time_t t = zone_time(1), u = random_time();
        struct tm tm;
        char *w, *g;

        if (gmtime_r(&t, &tm)) {
            w = asctime(&tm);
            g = libc_asctime(&tm);
            if (strcmp(g, w) != 0 && bad++ < 5)
                CHECK_MSG(0, "asctime(%s): %s, glibc %s", show(&tm), g, w);
            w = asctime_r(&tm, want);
            g = libc_asctime_r(&tm, got);
            if ((!w != !g || (w && strcmp(g, w) != 0)) && bad++ < 5)
                CHECK_MSG(0, "asctime_r(%s): %s, glibc %s", show(&tm), g ? g : "NULL",
                          w ? w : "NULL");
        }
        w = ctime_r(&t, want);
        g = libc_ctime_r(&t, got);
        if ((!w != !g || (w && strcmp(g, w) != 0)) && bad++ < 5)
            CHECK_MSG(0, "ctime_r(%lld): %s, glibc %s", (long long)t, g ? g : "NULL",
                      w ? w : "NULL");
        if (libc_difftime(t, u) != difftime(t, u) && bad++ < 5)
            CHECK_MSG(0, "difftime(%lld, %lld)", (long long)t, (long long)u);
    }
    CHECK_EQ(bad, 0);
    CHECK_STR(libc_ctime(&(int64_t){0}), "Thu Jan  1 01:00:00 1970\n");
}

/* Where glibc is no reference (see zone_time): rules apply to every year. */
TEST(summer_time_rules_apply_before_1970_and_far_ahead)
{
    struct tm tm;
    int64_t t;

    set_zone("CET-1CEST,M3.5.0,M10.5.0/3");
    t = -583243200; /* 1951-07-11 12:00 UTC */
    REQUIRE(libc_localtime_r(&t, &tm));
    CHECK_EQ(tm.tm_isdst, 1);
    CHECK_EQ(tm.tm_hour, 14);
    CHECK_STR(tm.tm_zone, "CEST");
    t = -583243200 - 180 * 86400ll; /* in January */
    REQUIRE(libc_localtime_r(&t, &tm));
    CHECK_EQ(tm.tm_isdst, 0);
    set_zone("AEST-10AEDT,M10.1.0/2,M4.1.0/3");
    t = -583243200; /* July: winter in the south */
    REQUIRE(libc_localtime_r(&t, &tm));
    CHECK_EQ(tm.tm_isdst, 0);
    CHECK_EQ(tm.tm_gmtoff, 36000);
    /* Year 10,000,000, June 15th at noon: summer in Europe. */
    struct tm in = {
        .tm_year = 10000000 - 1900, .tm_mon = 5, .tm_mday = 15, .tm_hour = 12, .tm_isdst = -1};
    set_zone("CET-1CEST,M3.5.0,M10.5.0/3");
    t = libc_mktime(&in);
    CHECK_EQ(in.tm_isdst, 1);
    CHECK_EQ(in.tm_hour, 12);
    CHECK_EQ(t, libc_timegm(&(struct tm){
                    .tm_year = 10000000 - 1900, .tm_mon = 5, .tm_mday = 15, .tm_hour = 10}));
}
