/*
 * uptime.c - how long the system has been running, in procps's format:
 *
 *    10:01:02 up  1:05,  1 user,  load average: 0.00, 0.00, 0.00
 *
 * -p prints only the time up in words, -s the time the system came up.
 * There is no login record (utmp), so "users" counts the terminals that
 * have a session on them (a login, or a shell started on the console):
 * the distinct non-zero tty_nr of the processes in /proc.
 */
#include <dirent.h>
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TTYS_MAX 64

static double read_uptime(void)
{
    FILE *f = fopen("/proc/uptime", "r");
    char line[128];

    if (!f || !fgets(line, sizeof line, f))
        err(1, "/proc/uptime");
    fclose(f);
    return strtod(line, NULL);
}

/* The field after ") " that is the 5th (tty_nr) of a /proc/<pid>/stat line; 0 if unreadable. */
static long tty_of(const char *pid)
{
    char path[64], line[512], *p;
    long tty = 0;
    FILE *f;

    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    if (!(f = fopen(path, "r")))
        return 0; /* it exited meanwhile */
    if (fgets(line, sizeof line, f) && (p = strrchr(line, ')')) != NULL && p[1] && p[2]) {
        /* ") S ppid pgrp session tty_nr" */
        p += 3;
        for (int field = 0; field < 3; field++)
            strtol(p, &p, 10);
        tty = strtol(p, NULL, 10);
    }
    fclose(f);
    return tty;
}

static int count_users(void)
{
    long ttys[TTYS_MAX];
    int n = 0;
    DIR *d = opendir("/proc");
    struct dirent *e;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        long tty;
        int seen = 0;
        if (e->d_name[0] < '1' || e->d_name[0] > '9' || (tty = tty_of(e->d_name)) == 0)
            continue;
        for (int i = 0; i < n; i++)
            seen |= ttys[i] == tty;
        if (!seen && n < TTYS_MAX)
            ttys[n++] = tty;
    }
    closedir(d);
    return n;
}

static void print_pretty(long up)
{
    long weeks = up / 604800, days = up / 86400 % 7, hours = up / 3600 % 24, mins = up / 60 % 60;
    const char *sep = "";

    fputs("up ", stdout);
    if (weeks) {
        printf("%ld week%s", weeks, weeks == 1 ? "" : "s");
        sep = ", ";
    }
    if (days) {
        printf("%s%ld day%s", sep, days, days == 1 ? "" : "s");
        sep = ", ";
    }
    if (hours) {
        printf("%s%ld hour%s", sep, hours, hours == 1 ? "" : "s");
        sep = ", ";
    }
    if (mins || !*sep)
        printf("%s%ld minute%s", sep, mins, mins == 1 ? "" : "s");
    putchar('\n');
}

int main(int argc, char **argv)
{
    long up = (long)read_uptime(), days = up / 86400, hours = up / 3600 % 24, mins = up / 60 % 60;
    time_t now = time(NULL);
    double avg[3] = {0, 0, 0};
    char line[128], *p;
    struct tm tm;
    FILE *f;
    int users;

    if (argc == 2 && strcmp(argv[1], "-p") == 0) {
        print_pretty(up);
        return 0;
    }
    if (argc == 2 && strcmp(argv[1], "-s") == 0) {
        time_t boot = now - up;
        char buf[32];
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", localtime_r(&boot, &tm));
        puts(buf);
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "usage: uptime [-p | -s]\n");
        return 1;
    }
    if (!(f = fopen("/proc/loadavg", "r")) || !fgets(line, sizeof line, f))
        err(1, "/proc/loadavg");
    fclose(f);
    p = line;
    for (int i = 0; i < 3; i++)
        avg[i] = strtod(p, &p);
    localtime_r(&now, &tm);
    printf(" %02d:%02d:%02d up ", tm.tm_hour, tm.tm_min, tm.tm_sec);
    if (days)
        printf("%ld day%s, ", days, days == 1 ? "" : "s");
    if (hours)
        printf("%2ld:%02ld, ", hours, mins);
    else
        printf("%ld min, ", mins);
    users = count_users();
    printf("%2d user%s,  load average: %.2f, %.2f, %.2f\n", users, users > 1 ? "s" : "", avg[0],
           avg[1], avg[2]);
    return 0;
}
