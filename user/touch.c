/*
 * touch.c - change file times (POSIX touch: -a, -m, -c, -r FILE, -t STAMP,
 * -d DATE).
 *
 * A missing file is created (unless -c). Without a time the files get the
 * current time. -t takes [[CC]YY]MMDDhhmm[.ss]; -d takes
 * "YYYY-MM-DD[ T]HH:MM[:SS[.frac]]", "YYYY-MM-DD" or "@SECONDS", in local
 * time. -a or -m alone keeps the other time as it was.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* Read exactly n decimal digits. */
static int
digits(const char **s, int n, int *out)
{
    int v = 0;

    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)**s))
            return -1;
        v = v * 10 + (*(*s)++ - '0');
    }
    *out = v;
    return 0;
}

static time_t
local_time(struct tm *tm)
{
    tm->tm_isdst = -1;
    return mktime(tm);
}

/* -t [[CC]YY]MMDDhhmm[.ss] */
static int
parse_stamp(const char *s, struct timeval *tv)
{
    const char *dot = strchr(s, '.');
    size_t len = dot ? (size_t)(dot - s) : strlen(s);
    struct tm tm = {0};
    int cc = -1, yy = -1;

    if (len == 12 && (digits(&s, 2, &cc) < 0 || digits(&s, 2, &yy) < 0))
        return -1;
    if (len == 10 && digits(&s, 2, &yy) < 0)
        return -1;
    if (len != 8 && len != 10 && len != 12)
        return -1;
    if (digits(&s, 2, &tm.tm_mon) < 0 || digits(&s, 2, &tm.tm_mday) < 0 ||
        digits(&s, 2, &tm.tm_hour) < 0 || digits(&s, 2, &tm.tm_min) < 0)
        return -1;
    if (*s == '.' && (s++, digits(&s, 2, &tm.tm_sec) < 0))
        return -1;
    if (*s)
        return -1;
    if (yy < 0) {
        time_t now = time(NULL);
        struct tm cur;
        localtime_r(&now, &cur);
        tm.tm_year = cur.tm_year;
    } else if (cc < 0) {
        tm.tm_year = yy < 69 ? yy + 100 : yy; /* POSIX: 69-99 are 19xx, 00-68 are 20xx */
    } else {
        tm.tm_year = cc * 100 + yy - 1900;
    }
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    tm.tm_mon--;
    tv->tv_sec = local_time(&tm);
    tv->tv_usec = 0;
    return 0;
}

/* -d: @SECONDS, YYYY-MM-DD, YYYY-MM-DD[ T]HH:MM[:SS[.frac]]. */
static int
parse_date(const char *s, struct timeval *tv)
{
    struct tm tm = {0};
    char *end;

    while (isspace((unsigned char)*s))
        s++;
    if (*s == '@') {
        long long v = strtoll(s + 1, &end, 10);
        if (end == s + 1 || *end)
            return -1;
        tv->tv_sec = (time_t)v;
        tv->tv_usec = 0;
        return 0;
    }
    tm.tm_year = (int)strtol(s, &end, 10) - 1900;
    if (end == s || *end != '-')
        return -1;
    s = end + 1;
    if (digits(&s, 2, &tm.tm_mon) < 0 || *s++ != '-' || digits(&s, 2, &tm.tm_mday) < 0)
        return -1;
    tv->tv_usec = 0;
    if (*s == ' ' || *s == 'T') {
        s++;
        if (digits(&s, 2, &tm.tm_hour) < 0 || *s++ != ':' || digits(&s, 2, &tm.tm_min) < 0)
            return -1;
        if (*s == ':') {
            s++;
            if (digits(&s, 2, &tm.tm_sec) < 0)
                return -1;
            if (*s == '.' || *s == ',') {
                long scale = 100000;
                for (s++; isdigit((unsigned char)*s); s++, scale /= 10)
                    tv->tv_usec += (*s - '0') * scale;
            }
        }
    }
    while (isspace((unsigned char)*s))
        s++;
    if (*s || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return -1;
    tm.tm_mon--;
    tv->tv_sec = local_time(&tm);
    return 0;
}

int
main(int argc, char **argv)
{
    int only_a = 0, only_m = 0, no_create = 0, have_time = 0, status = 0, c;
    struct timeval times[2];
    struct stat st;

    while ((c = getopt(argc, argv, "acmr:t:d:f")) != -1) {
        switch (c) {
        case 'a': only_a = 1; break;
        case 'm': only_m = 1; break;
        case 'c': no_create = 1; break;
        case 'f': break; /* accepted for compatibility */
        case 'r':
            if (stat(optarg, &st) < 0)
                err(1, "failed to get attributes of '%s'", optarg);
            times[0].tv_sec = st.st_atim.tv_sec;
            times[0].tv_usec = st.st_atim.tv_nsec / 1000;
            times[1].tv_sec = st.st_mtim.tv_sec;
            times[1].tv_usec = st.st_mtim.tv_nsec / 1000;
            have_time = 1;
            break;
        case 't':
            if (parse_stamp(optarg, &times[0]) < 0)
                errx(1, "invalid date format '%s'", optarg);
            times[1] = times[0];
            have_time = 1;
            break;
        case 'd':
            if (parse_date(optarg, &times[0]) < 0)
                errx(1, "invalid date format '%s'", optarg);
            times[1] = times[0];
            have_time = 1;
            break;
        default:
            fprintf(stderr, "usage: touch [-acm] [-r FILE|-t STAMP|-d DATE] FILE...\n");
            return 1;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "touch: missing file operand\n");
        return 1;
    }
    for (int i = optind; i < argc; i++) {
        const char *path = argv[i];
        struct timeval t[2];

        if (stat(path, &st) < 0) {
            int fd;
            if (no_create)
                continue;
            fd = open(path, O_WRONLY | O_CREAT, 0666);
            if (fd < 0) {
                warn("cannot touch '%s'", path);
                status = 1;
                continue;
            }
            close(fd);
            if (stat(path, &st) < 0) {
                warn("cannot touch '%s'", path);
                status = 1;
                continue;
            }
        }
        /* Now (NULL) needs only write access; anything else needs ownership. */
        if (!have_time && only_a == only_m) {
            if (utimes(path, NULL) < 0) {
                warn("setting times of '%s'", path);
                status = 1;
            }
            continue;
        }
        if (have_time) {
            t[0] = times[0];
            t[1] = times[1];
        } else {
            gettimeofday(&t[0], NULL);
            t[1] = t[0];
        }
        /* -a or -m alone: the other time stays. */
        if (only_m && !only_a) {
            t[0].tv_sec = st.st_atim.tv_sec;
            t[0].tv_usec = st.st_atim.tv_nsec / 1000;
        }
        if (only_a && !only_m) {
            t[1].tv_sec = st.st_mtim.tv_sec;
            t[1].tv_usec = st.st_mtim.tv_nsec / 1000;
        }
        if (utimes(path, t) < 0) {
            warn("setting times of '%s'", path);
            status = 1;
        }
    }
    return status;
}
