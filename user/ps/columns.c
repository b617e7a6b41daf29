/*
 * columns.c - the columns of ps's output, by the names -o takes (procps's
 * names and headers): each formats one field of a process as text.
 */
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>

#include "ps.h"

static double cpu_seconds(const struct ps_proc *p)
{
    return (double)(p->utime + p->stime) / (double)ps_sys.clock_ticks;
}

static double run_seconds(const struct ps_proc *p)
{
    double s = ps_sys.uptime - (double)p->start / (double)ps_sys.clock_ticks;

    return s > 0 ? s : 0;
}

static void fmt_pid(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%d", p->pid); }
static void fmt_ppid(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%d", p->ppid); }
static void fmt_pgid(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%d", p->pgid); }
static void fmt_sid(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%d", p->sid); }
static void fmt_uid(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%u", (unsigned)p->euid); }
static void fmt_gid(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%u", (unsigned)p->egid); }
static void fmt_nice(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%ld", p->nice); }
static void fmt_pri(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%ld", p->priority); }
static void fmt_comm(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%s", p->comm); }
static void fmt_args(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%s", p->args); }
static void fmt_tty(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%s", ps_tty_name(p->tty_nr)); }
static void fmt_rss(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%lu", p->rss * 4); }
static void fmt_vsz(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%lu", p->vsize / 1024); }
static void fmt_state(const struct ps_proc *p, char *b, size_t n) { snprintf(b, n, "%c", p->state); }

static void fmt_user(const struct ps_proc *p, char *b, size_t n)
{
    struct passwd *pw = getpwuid(p->euid);

    if (pw && strlen(pw->pw_name) <= 8)
        snprintf(b, n, "%s", pw->pw_name);
    else
        snprintf(b, n, "%u", (unsigned)p->euid); /* procps prints long names as numbers */
}

static void fmt_group(const struct ps_proc *p, char *b, size_t n)
{
    struct group *gr = getgrgid(p->egid);

    if (gr)
        snprintf(b, n, "%s", gr->gr_name);
    else
        snprintf(b, n, "%u", (unsigned)p->egid);
}

/* BSD's STAT: the state, then < (high priority), N (low), s (session leader), + (foreground). */
static void fmt_stat(const struct ps_proc *p, char *b, size_t n)
{
    snprintf(b, n, "%c%s%s%s", p->state, p->nice < 0 ? "<" : p->nice > 0 ? "N" : "",
             p->pid == p->sid ? "s" : "", p->tty_nr && p->pgid == p->tpgid ? "+" : "");
}

/* CPU time as [DD-]HH:MM:SS. */
static void fmt_time(const struct ps_proc *p, char *b, size_t n)
{
    unsigned long s = (unsigned long)cpu_seconds(p);

    if (s >= 86400)
        snprintf(b, n, "%lu-%02lu:%02lu:%02lu", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
    else
        snprintf(b, n, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
}

/* CPU time as M:SS (BSD's TIME). */
static void fmt_bsdtime(const struct ps_proc *p, char *b, size_t n)
{
    unsigned long s = (unsigned long)cpu_seconds(p);

    snprintf(b, n, "%lu:%02lu", s / 60, s % 60);
}

/* Time since the start as [[DD-]HH:]MM:SS. */
static void fmt_etime(const struct ps_proc *p, char *b, size_t n)
{
    unsigned long s = (unsigned long)run_seconds(p);

    if (s >= 86400)
        snprintf(b, n, "%lu-%02lu:%02lu:%02lu", s / 86400, s / 3600 % 24, s / 60 % 60, s % 60);
    else if (s >= 3600)
        snprintf(b, n, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(b, n, "%02lu:%02lu", s / 60, s % 60);
}

/*
 * CPU use over the process's life, in percent. Like procps, over whole
 * seconds: a process younger than one second shows 0 rather than a
 * meaningless ratio of two tiny numbers.
 */
static double cpu_percent(const struct ps_proc *p)
{
    long run = (long)run_seconds(p);
    double pct = run > 0 ? cpu_seconds(p) * 100 / (double)run : 0;

    return pct > 999.9 ? 999.9 : pct;
}

static void fmt_pcpu(const struct ps_proc *p, char *b, size_t n)
{
    snprintf(b, n, "%.1f", cpu_percent(p));
}

static void fmt_c(const struct ps_proc *p, char *b, size_t n)
{
    snprintf(b, n, "%d", (int)cpu_percent(p));
}

static void fmt_pmem(const struct ps_proc *p, char *b, size_t n)
{
    double pct = ps_sys.mem_kb ? (double)(p->rss * 4) * 100 / (double)ps_sys.mem_kb : 0;

    snprintf(b, n, "%.1f", pct);
}

/* The start time: HH:MM today, MonDD this year, the year before that. */
static void fmt_stime(const struct ps_proc *p, char *b, size_t n)
{
    time_t start = ps_sys.boot + (time_t)(p->start / (unsigned long long)ps_sys.clock_ticks);
    struct tm now, then;

    localtime_r(&ps_sys.now, &now);
    localtime_r(&start, &then);
    if (then.tm_year != now.tm_year)
        strftime(b, n, "%Y", &then);
    else if (then.tm_yday != now.tm_yday)
        strftime(b, n, "%b%d", &then);
    else
        strftime(b, n, "%H:%M", &then);
}

static const struct ps_column columns[] = {
    {"pid", "PID", 5, 0, fmt_pid},
    {"ppid", "PPID", 5, 0, fmt_ppid},
    {"pgid", "PGID", 5, 0, fmt_pgid},
    {"pgrp", "PGRP", 5, 0, fmt_pgid},
    {"sid", "SID", 5, 0, fmt_sid},
    {"sess", "SESS", 5, 0, fmt_sid},
    {"user", "USER", 8, 1, fmt_user},
    {"euser", "EUSER", 8, 1, fmt_user},
    {"uid", "UID", 5, 0, fmt_uid},
    {"euid", "EUID", 5, 0, fmt_uid},
    {"group", "GROUP", 8, 1, fmt_group},
    {"gid", "GID", 5, 0, fmt_gid},
    {"stat", "STAT", 4, 1, fmt_stat},
    {"s", "S", 1, 1, fmt_state},
    {"state", "S", 1, 1, fmt_state},
    {"comm", "COMMAND", 15, 1, fmt_comm},
    {"ucomm", "COMMAND", 15, 1, fmt_comm},
    {"args", "COMMAND", 27, 1, fmt_args},
    {"command", "COMMAND", 27, 1, fmt_args},
    {"cmd", "CMD", 27, 1, fmt_args},
    {"tty", "TT", 8, 1, fmt_tty},
    {"tt", "TT", 8, 1, fmt_tty},
    {"tname", "TTY", 8, 1, fmt_tty},
    {"time", "TIME", 8, 0, fmt_time},
    {"cputime", "TIME", 8, 0, fmt_time},
    {"bsdtime", "TIME", 6, 0, fmt_bsdtime},
    {"etime", "ELAPSED", 11, 0, fmt_etime},
    {"ni", "NI", 3, 0, fmt_nice},
    {"nice", "NI", 3, 0, fmt_nice},
    {"pri", "PRI", 3, 0, fmt_pri},
    {"rss", "RSS", 5, 0, fmt_rss},
    {"rssize", "RSS", 5, 0, fmt_rss},
    {"vsz", "VSZ", 6, 0, fmt_vsz},
    {"vsize", "VSZ", 6, 0, fmt_vsz},
    {"pcpu", "%CPU", 4, 0, fmt_pcpu},
    {"%cpu", "%CPU", 4, 0, fmt_pcpu},
    {"pmem", "%MEM", 4, 0, fmt_pmem},
    {"%mem", "%MEM", 4, 0, fmt_pmem},
    {"c", "C", 2, 0, fmt_c},
    {"stime", "STIME", 5, 0, fmt_stime},
    {"start", "START", 5, 0, fmt_stime},
};

const struct ps_column *ps_column(const char *name)
{
    for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
        if (strcmp(columns[i].name, name) == 0)
            return &columns[i];
    return NULL;
}
