/*
 * date.c - print or set the date and time.
 *
 *   date [-u] [-d STRING | -r FILE] [+FORMAT | -I[TIMESPEC] | -R]
 *   date [-u] -s STRING        set the clock (root only), then print it
 *
 * The default format is "%a %b %e %H:%M:%S %Z %Y". -u uses UTC for output
 * and for reading dates. -I prints ISO 8601 (date, hours, minutes, seconds
 * or ns), -R RFC 5322 (mail), --rfc-3339=date|seconds|ns RFC 3339. Date
 * strings: see date.h. Exit status 1 for an invalid date or a failure.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "date.h"

#define DEFAULT_FORMAT "%a %b %e %H:%M:%S %Z %Y"
#define RFC_EMAIL_FORMAT "%a, %d %b %Y %H:%M:%S %z"

enum { OPT_RFC3339 = 256 };

/* The format of -I with TIMESPEC (NULL: date) or --rfc-3339, or NULL for a bad one. */
static const char *iso_format(const char *spec, int rfc3339)
{
    if (!spec || strcmp(spec, "date") == 0)
        return "%Y-%m-%d";
    if (!rfc3339 && strcmp(spec, "hours") == 0)
        return "%Y-%m-%dT%H%:z";
    if (!rfc3339 && strcmp(spec, "minutes") == 0)
        return "%Y-%m-%dT%H:%M%:z";
    if (strcmp(spec, "seconds") == 0)
        return rfc3339 ? "%Y-%m-%d %H:%M:%S%:z" : "%Y-%m-%dT%H:%M:%S%:z";
    if (strcmp(spec, "ns") == 0)
        return rfc3339 ? "%Y-%m-%d %H:%M:%S.%N%:z" : "%Y-%m-%dT%H:%M:%S,%N%:z";
    return NULL;
}

static void usage(void)
{
    fprintf(stderr, "usage: date [-u] [-d STRING | -r FILE | -s STRING] [+FORMAT | -I[SPEC] | -R]\n");
    exit(1);
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"date", required_argument, NULL, 'd'},
        {"set", required_argument, NULL, 's'},
        {"reference", required_argument, NULL, 'r'},
        {"utc", no_argument, NULL, 'u'},
        {"universal", no_argument, NULL, 'u'},
        {"iso-8601", optional_argument, NULL, 'I'},
        {"rfc-email", no_argument, NULL, 'R'},
        {"rfc-3339", required_argument, NULL, OPT_RFC3339},
        {NULL, 0, NULL, 0},
    };
    const char *date_str = NULL, *set_str = NULL, *ref = NULL, *format = NULL;
    int utc = 0, c, status = 0;
    struct timespec now;
    struct tm tm;
    time_t t;
    long ns;

    while ((c = getopt_long(argc, argv, "d:s:r:uI::R", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': date_str = optarg; break;
        case 's': set_str = optarg; break;
        case 'r': ref = optarg; break;
        case 'u': utc = 1; break;
        case 'R':
            if (format)
                errx(1, "multiple output formats specified");
            format = RFC_EMAIL_FORMAT;
            break;
        case 'I':
            if (format)
                errx(1, "multiple output formats specified");
            if (!(format = iso_format(optarg, 0)))
                errx(1, "invalid argument '%s' for '--iso-8601'", optarg);
            break;
        case OPT_RFC3339:
            if (format)
                errx(1, "multiple output formats specified");
            if (!(format = iso_format(optarg, 1)))
                errx(1, "invalid argument '%s' for '--rfc-3339'", optarg);
            break;
        default: usage();
        }
    }
    if (optind < argc) {
        if (argv[optind][0] != '+' || optind + 1 < argc)
            errx(1, "invalid date '%s'", argv[optind]);
        if (format)
            errx(1, "multiple output formats specified");
        format = argv[optind] + 1;
    }
    if (!!date_str + !!set_str + !!ref > 1)
        errx(1, "the options to specify dates for printing are mutually exclusive");
    if (utc && setenv("TZ", "UTC0", 1) < 0)
        err(1, "setenv");
    tzset();

    if (date_str || set_str) {
        const char *s = date_str ? date_str : set_str;
        if (date_parse(s, utc, &t, &ns) < 0)
            errx(1, "invalid date '%s'", s);
    } else if (ref) {
        struct stat st;
        if (stat(ref, &st) < 0)
            err(1, "%s", ref);
        t = st.st_mtim.tv_sec;
        ns = st.st_mtim.tv_nsec;
    } else {
        clock_gettime(CLOCK_REALTIME, &now);
        t = now.tv_sec;
        ns = now.tv_nsec;
    }
    if (set_str) {
        struct timespec ts = {.tv_sec = t, .tv_nsec = ns};
        if (clock_settime(CLOCK_REALTIME, &ts) < 0) {
            warn("cannot set date");
            status = 1; /* the date is still printed, as GNU date does */
        }
    }
    if (!localtime_r(&t, &tm))
        errx(1, "time %lld is out of range", (long long)t);
    if (date_format(stdout, format ? format : DEFAULT_FORMAT, t, ns, &tm) < 0 ||
        putchar('\n') == EOF || fflush(stdout) == EOF)
        err(1, "write error");
    return status;
}
