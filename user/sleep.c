/*
 * sleep.c - wait for an amount of time:
 *
 *     sleep NUMBER[SUFFIX]...
 *
 * Each NUMBER may have a fraction and a suffix: s seconds (the default),
 * m minutes, h hours, d days; the program waits for the sum. The wait is
 * one nanosleep(2), resumed with the remaining time when a signal that does
 * not kill the process interrupts it.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* About 68 years: any longer wait is as good as forever and still fits a timespec. */
#define SLEEP_MAX_SECONDS 2147483647.0

int main(int argc, char **argv)
{
    double total = 0;
    struct timespec req, rem;
    int bad = 0;

    if (argc < 2) {
        warnx("missing operand");
        fprintf(stderr, "usage: sleep NUMBER[smhd]...\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        char *end;
        double v;

        errno = 0;
        v = strtod(argv[i], &end);
        if (end == argv[i] || v < 0 || v != v) {
            warnx("invalid time interval '%s'", argv[i]);
            bad = 1;
            continue;
        }
        if (*end == 'm')
            v *= 60;
        else if (*end == 'h')
            v *= 60 * 60;
        else if (*end == 'd')
            v *= 24 * 60 * 60;
        if (*end && (!strchr("smhd", *end) || end[1])) {
            warnx("invalid time interval '%s'", argv[i]);
            bad = 1;
            continue;
        }
        total += v;
    }
    if (bad) {
        fprintf(stderr, "usage: sleep NUMBER[smhd]...\n");
        return 1;
    }
    if (total > SLEEP_MAX_SECONDS)
        total = SLEEP_MAX_SECONDS;
    req.tv_sec = (time_t)total;
    req.tv_nsec = (long)((total - (double)req.tv_sec) * 1e9);
    while (nanosleep(&req, &rem) < 0) {
        if (errno != EINTR)
            err(1, "cannot sleep");
        req = rem;
    }
    return 0;
}
