/*
 * test_timeconv.c - calendar time and option parsing in the guest's libc
 * (libc/time/, libc/unistd/getopt.c): the same code the host tests compare
 * with glibc (tests/libc/time, tests/libc/unistd), here built with the
 * guest's compiler flags and 64-bit time_t on i386.
 */
#define UTEST_SUITE "timeconv"
#include "utest.h"

#include <getopt.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void use_zone(char *setting)
{
    static char *env[2];

    env[0] = setting;
    environ = env;
    tzset();
}

UTEST(gmtime_far_past_and_future)
{
    time_t t = 253402300799; /* 9999-12-31 23:59:59 */
    struct tm tm;

    UT_ASSERT(gmtime_r(&t, &tm) != NULL);
    UT_ASSERT_EQ(tm.tm_year, 9999 - 1900);
    UT_ASSERT_EQ(tm.tm_yday, 364);
    UT_ASSERT_EQ(tm.tm_wday, 5);
    t = -62135596800; /* 0001-01-01 00:00:00, a Monday */
    UT_ASSERT(gmtime_r(&t, &tm) != NULL);
    UT_ASSERT_EQ(tm.tm_year, 1 - 1900);
    UT_ASSERT_EQ(tm.tm_wday, 1);
    UT_ASSERT_EQ(timegm(&tm), -62135596800);
}

UTEST(localtime_follows_tz_rules)
{
    time_t summer = 1719835200, winter = 1704110400; /* 2024-07-01, 2024-01-01 12:00 UTC */
    struct tm tm;

    use_zone("TZ=CET-1CEST,M3.5.0,M10.5.0/3");
    UT_ASSERT_STR(tzname[0], "CET");
    UT_ASSERT_STR(tzname[1], "CEST");
    UT_ASSERT_EQ(timezone, -3600);
    UT_ASSERT_EQ(daylight, 1);
    UT_ASSERT(localtime_r(&summer, &tm) != NULL);
    UT_ASSERT_EQ(tm.tm_hour, 14);
    UT_ASSERT_EQ(tm.tm_isdst, 1);
    UT_ASSERT_STR(tm.tm_zone, "CEST");
    UT_ASSERT(localtime_r(&winter, &tm) != NULL);
    UT_ASSERT_EQ(tm.tm_hour, 13);
    UT_ASSERT_EQ(tm.tm_isdst, 0);
    tm.tm_isdst = -1;
    tm.tm_mon += 6; /* 2024-07-01 13:00 local: summer time */
    UT_ASSERT_EQ(mktime(&tm), summer - 3600);
    UT_ASSERT_EQ(tm.tm_isdst, 1);
    use_zone("TZ=");
    UT_ASSERT(localtime_r(&summer, &tm) != NULL);
    UT_ASSERT_EQ(tm.tm_hour, 12);
}

UTEST(strftime_and_asctime)
{
    time_t t = 1700000000; /* 2023-11-14 22:13:20 UTC, a Tuesday */
    struct tm tm;
    char buf[128];

    use_zone("TZ=<+0330>-3:30");
    UT_ASSERT(localtime_r(&t, &tm) != NULL);
    UT_ASSERT_EQ(strftime(buf, sizeof buf, "%a %F %T %z %Z %j %V %G %U %W %u %p", &tm), 58);
    UT_ASSERT_STR(buf, "Wed 2023-11-15 01:43:20 +0330 +0330 319 46 2023 46 46 3 AM");
    UT_ASSERT_STR(asctime(&tm), "Wed Nov 15 01:43:20 2023\n");
    UT_ASSERT_EQ(strftime(buf, 5, "%Y-%m", &tm), 0);
}

UTEST(getopt_permutes_like_glibc)
{
    char *argv[] = {"prog", "file", "-a", "-b", "val", "other", "--", "-c", NULL};

    optind = 0;
    opterr = 0;
    UT_ASSERT_EQ(getopt(8, argv, "ab:c"), 'a');
    UT_ASSERT_EQ(getopt(8, argv, "ab:c"), 'b');
    UT_ASSERT_STR(optarg, "val");
    UT_ASSERT_EQ(getopt(8, argv, "ab:c"), -1);
    UT_ASSERT_EQ(optind, 5);
    UT_ASSERT_STR(argv[5], "file");
    UT_ASSERT_STR(argv[6], "other");
    UT_ASSERT_STR(argv[7], "-c");
}

UTEST(getopt_long_abbreviations_and_flags)
{
    static int verbose;
    static const struct option opts[] = {
        {"verbose", no_argument, &verbose, 1},
        {"output", required_argument, NULL, 'o'},
        {NULL, 0, NULL, 0},
    };
    char *argv[] = {"prog", "--verb", "--out=x", "--output", "y", NULL};
    int index = -1;

    optind = 0;
    UT_ASSERT_EQ(getopt_long(5, argv, "o:", opts, &index), 0);
    UT_ASSERT_EQ(verbose, 1);
    UT_ASSERT_EQ(index, 0);
    UT_ASSERT_EQ(getopt_long(5, argv, "o:", opts, &index), 'o');
    UT_ASSERT_STR(optarg, "x");
    UT_ASSERT_EQ(getopt_long(5, argv, "o:", opts, &index), 'o');
    UT_ASSERT_STR(optarg, "y");
    UT_ASSERT_EQ(getopt_long(5, argv, "o:", opts, &index), -1);
    UT_ASSERT_EQ(optind, 5);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
