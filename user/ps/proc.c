/*
 * proc.c - reading one process from /proc/<pid>/: stat for the numbers
 * (proc(5)'s field order), status for the user and group ids, cmdline for
 * the arguments. A process that exits while it is read is skipped.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ps.h"

struct ps_system ps_sys;

/* Read a whole small file into buf (NUL-terminated); its length or -1. */
static long slurp(int pid, const char *name, char *buf, size_t size)
{
    char path[64];
    long n, total = 0;
    int fd;

    snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    if ((fd = open(path, O_RDONLY)) < 0)
        return -1;
    while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
        total += n;
    close(fd);
    buf[total] = '\0';
    return total;
}

/* The next number of a stat line (fields are separated by one space). */
static unsigned long long next(char **p)
{
    return strtoull(*p, p, 10);
}

static int parse_stat(char *line, struct ps_proc *p)
{
    char *open = strchr(line, '('), *close = strrchr(line, ')'), *s;
    size_t n;

    if (!open || !close || close < open || !close[1])
        return -1;
    p->pid = atoi(line);
    n = (size_t)(close - open - 1);
    if (n >= sizeof p->comm)
        n = sizeof p->comm - 1;
    memcpy(p->comm, open + 1, n);
    p->comm[n] = '\0';
    p->state = close[2];
    s = close + 3;
    p->ppid = (int)strtol(s, &s, 10);
    p->pgid = (int)strtol(s, &s, 10);
    p->sid = (int)strtol(s, &s, 10);
    p->tty_nr = (unsigned)next(&s);
    p->tpgid = (int)strtol(s, &s, 10);
    for (int field = 9; field <= 13; field++) /* flags and fault counts */
        next(&s);
    p->utime = next(&s);
    p->stime = next(&s);
    next(&s); /* cutime */
    next(&s); /* cstime */
    p->priority = strtol(s, &s, 10);
    p->nice = strtol(s, &s, 10);
    next(&s); /* num_threads */
    next(&s); /* itrealvalue */
    p->start = next(&s);
    p->vsize = (unsigned long)next(&s);
    p->rss = (unsigned long)next(&s);
    return 0;
}

/* "Uid:\tR\tE..." of status into *real and *eff. */
static void parse_ids(const char *status, const char *key, unsigned *real, unsigned *eff)
{
    const char *at = strstr(status, key);
    char *s;

    if (!at)
        return;
    *real = (unsigned)strtoul(at + strlen(key), &s, 10);
    *eff = (unsigned)strtoul(s, NULL, 10);
}

int ps_read(int pid, struct ps_proc *p)
{
    char buf[1024];
    long n;

    memset(p, 0, sizeof *p);
    if (slurp(pid, "stat", buf, sizeof buf) <= 0 || parse_stat(buf, p) < 0)
        return -1;
    if (slurp(pid, "status", buf, sizeof buf) > 0) {
        unsigned r = 0, e = 0;
        parse_ids(buf, "\nUid:", &r, &e);
        p->uid = r, p->euid = e;
        r = e = 0;
        parse_ids(buf, "\nGid:", &r, &e);
        p->gid = r, p->egid = e;
    }
    n = slurp(pid, "cmdline", p->args, sizeof p->args);
    if (n <= 0) {
        snprintf(p->args, sizeof p->args, "[%s]%s", p->comm, p->state == 'Z' ? " <defunct>" : "");
    } else {
        while (n > 0 && p->args[n - 1] == '\0') /* the last NUL ends the list */
            n--;
        for (long i = 0; i < n; i++)
            if (p->args[i] == '\0')
                p->args[i] = ' ';
    }
    return 0;
}

/* Terminal names by device number: the character devices of /dev, looked up once. */
#define TTYS_MAX 32
static struct {
    dev_t rdev;
    char name[32];
} ttys[TTYS_MAX];
static int nttys = -1;

static void scan_ttys(void)
{
    DIR *d = opendir("/dev");
    struct dirent *e;

    nttys = 0;
    if (!d)
        return;
    while ((e = readdir(d)) != NULL && nttys < TTYS_MAX) {
        char path[300];
        struct stat st;
        snprintf(path, sizeof path, "/dev/%s", e->d_name);
        /* "tty" is whichever terminal the reader has: never a process's name for one. */
        if (strcmp(e->d_name, "tty") == 0 || stat(path, &st) < 0 || !S_ISCHR(st.st_mode))
            continue;
        ttys[nttys].rdev = st.st_rdev;
        snprintf(ttys[nttys].name, sizeof ttys[nttys].name, "%s", e->d_name);
        nttys++;
    }
    closedir(d);
}

const char *ps_tty_name(unsigned tty_nr)
{
    unsigned ma = (tty_nr >> 8) & 0xfff, mi = (tty_nr & 0xff) | ((tty_nr >> 12) & 0xfff00);

    if (tty_nr == 0)
        return "?";
    if (nttys < 0)
        scan_ttys();
    for (int i = 0; i < nttys; i++)
        if (major(ttys[i].rdev) == ma && minor(ttys[i].rdev) == mi)
            return ttys[i].name;
    return "?";
}
