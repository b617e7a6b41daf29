/*
 * ps.h - the parts of ps(1): what it knows of a process (read from
 * /proc/<pid>/ by proc.c) and the output columns (columns.c).
 */
#ifndef PS_H
#define PS_H

#include <sys/types.h>
#include <time.h>

#define PS_NAME_MAX 64
#define PS_ARGS_MAX 4096

struct ps_proc {
    int pid, ppid, pgid, sid, tpgid;
    unsigned tty_nr;        /* Linux's encoding: major in bits 8-15 */
    char state;
    char comm[PS_NAME_MAX];
    char args[PS_ARGS_MAX]; /* argv joined by spaces; "[comm]" when there is none */
    uid_t uid, euid;
    gid_t gid, egid;
    long nice, priority;
    unsigned long long utime, stime; /* clock ticks */
    unsigned long long start;        /* clock ticks after boot */
    unsigned long vsize;             /* bytes */
    unsigned long rss;               /* pages */
};

/* Read /proc/<pid>; 0, or -1 when it is gone or unreadable. */
int ps_read(int pid, struct ps_proc *p);

/* The system's facts the columns need. */
struct ps_system {
    long clock_ticks;      /* per second */
    double uptime;         /* seconds */
    time_t now, boot;
    unsigned long long mem_kb;
};
extern struct ps_system ps_sys;

/* The name of the terminal tty_nr ("console", "ttyS0"), "?" for none. */
const char *ps_tty_name(unsigned tty_nr);

/* A column: its header, its alignment and how to print a process in it. */
struct ps_column {
    const char *name;   /* as -o names it */
    const char *header;
    int width;          /* at least; the last column is never padded */
    int left;           /* left-aligned */
    void (*format)(const struct ps_proc *p, char *buf, size_t size);
};

/* The column -o calls name, or NULL. */
const struct ps_column *ps_column(const char *name);

#endif
