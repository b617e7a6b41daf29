/*
 * ps.c - report a snapshot of the processes, read from /proc.
 *
 *   ps                  the caller's processes on its terminal: PID TTY TIME CMD
 *   ps -e | -A          every process
 *   ps -f               full format: UID PID PPID C STIME TTY TIME CMD (CMD with arguments)
 *   ps -o COL[,COL...]  chosen columns (procps names: pid ppid pgid sid user uid
 *                       group gid stat s comm args cmd tty tname time etime ni
 *                       pri rss vsz pcpu pmem c stime start); COL=HEADER renames
 *                       a column, COL= leaves its header empty (no header line
 *                       when all are)
 *   ps -p PID[,PID...]  those processes;  ps -u USER[,...] those of the users
 *   ps aux, ps ax ...   BSD syntax: a (every user's terminal processes), x (also
 *                       those without one), u (USER PID %CPU %MEM VSZ RSS TTY
 *                       STAT START TIME COMMAND)
 *
 * Selections add up (-p 1 -u root shows both). Processes come in pid order.
 */
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ps.h"

#define COLUMNS_MAX 32
#define LIST_MAX 64
#define PIDS_MAX 1024

static struct {
    const struct ps_column *col;
    const char *header;
} out[COLUMNS_MAX];
static int nout;
static int any_header;

static int sel_all, sel_tty_all, sel_no_tty;
static int pids[LIST_MAX], npids;
static uid_t uids[LIST_MAX];
static int nuids;

static void usage(void)
{
    fprintf(stderr, "usage: ps [-eAf] [-o FORMAT] [-p PIDS] [-u USERS]\n"
                    "       ps [aux]\n");
    exit(1);
}

/* Add the columns of a -o list ("pid,user=OWNER,args"): COL=HEADER renames, COL= hides. */
static void add_columns(char *list)
{
    for (char *s = strtok(list, ", "); s; s = strtok(NULL, ", ")) {
        char *eq = strchr(s, '=');
        const struct ps_column *c;
        if (eq)
            *eq = '\0';
        if (!(c = ps_column(s)))
            errx(1, "unknown user-defined format specifier \"%s\"", s);
        if (nout == COLUMNS_MAX)
            errx(1, "too many columns");
        out[nout].col = c;
        out[nout].header = eq ? eq + 1 : c->header;
        any_header |= *out[nout].header != '\0';
        nout++;
    }
}

/* A built-in format: its header texts must outlive the call, so it is copied. */
static void add_format(const char *fmt)
{
    char *copy = strdup(fmt);

    if (!copy)
        err(1, "out of memory");
    add_columns(copy);
}

static void add_pids(char *list)
{
    for (char *s = strtok(list, ", "); s; s = strtok(NULL, ", ")) {
        char *end;
        long pid = strtol(s, &end, 10);
        if (*end || pid <= 0)
            errx(1, "process ID list syntax error: '%s'", s);
        if (npids < LIST_MAX)
            pids[npids++] = (int)pid;
    }
}

static void add_users(char *list)
{
    for (char *s = strtok(list, ", "); s; s = strtok(NULL, ", ")) {
        struct passwd *pw = getpwnam(s);
        char *end;
        long uid = strtol(s, &end, 10);
        if (pw)
            uid = pw->pw_uid;
        else if (*end || end == s)
            errx(1, "user name does not exist: %s", s);
        if (nuids < LIST_MAX)
            uids[nuids++] = (uid_t)uid;
    }
}

/* BSD options ("aux"): 1 if arg was one. */
static int bsd_options(const char *arg, int *user_format)
{
    if (!*arg || strspn(arg, "auxw") != strlen(arg))
        return 0;
    for (; *arg; arg++) {
        if (*arg == 'a')
            sel_tty_all = 1;
        else if (*arg == 'x')
            sel_no_tty = 1;
        else if (*arg == 'u')
            *user_format = 1;
    }
    return 1;
}

static void read_system(void)
{
    FILE *f;
    char line[128];

    ps_sys.clock_ticks = sysconf(_SC_CLK_TCK);
    ps_sys.now = time(NULL);
    if ((f = fopen("/proc/uptime", "r")) && fgets(line, sizeof line, f))
        ps_sys.uptime = strtod(line, NULL);
    if (f)
        fclose(f);
    ps_sys.boot = ps_sys.now - (time_t)ps_sys.uptime;
    if ((f = fopen("/proc/meminfo", "r"))) {
        while (fgets(line, sizeof line, f))
            if (strncmp(line, "MemTotal:", 9) == 0)
                ps_sys.mem_kb = strtoull(line + 9, NULL, 10);
        fclose(f);
    }
}

static int selected(const struct ps_proc *p, unsigned my_tty, uid_t me, int explicit)
{
    for (int i = 0; i < npids; i++)
        if (p->pid == pids[i])
            return 1;
    for (int i = 0; i < nuids; i++)
        if (p->euid == uids[i])
            return 1;
    if (sel_all)
        return 1;
    if (sel_tty_all || sel_no_tty) {
        /* BSD: a drops the "only mine", x the "only with a terminal" */
        if (!sel_tty_all && p->euid != me)
            return 0;
        return p->tty_nr != 0 || sel_no_tty;
    }
    return !explicit && p->euid == me && p->tty_nr == my_tty;
}

static void print_row(const struct ps_proc *p)
{
    for (int i = 0; i < nout; i++) {
        char buf[PS_ARGS_MAX];
        const struct ps_column *c = out[i].col;
        int last = i == nout - 1;
        if (p)
            c->format(p, buf, sizeof buf);
        else
            snprintf(buf, sizeof buf, "%s", out[i].header);
        if (c->left)
            printf("%-*s", last ? 0 : c->width, buf);
        else
            printf("%*s", c->width, buf);
        putchar(last ? '\n' : ' ');
    }
}

static int cmp_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

int main(int argc, char **argv)
{
    int full = 0, user_format = 0, bsd = 0, explicit = 0, n = 0;
    static int all_pids[PIDS_MAX];
    struct ps_proc self, p;
    struct dirent *e;
    DIR *d;
    char *fmt_lists[COLUMNS_MAX];
    int nfmt = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-') {
            if (!bsd_options(a, &user_format))
                usage();
            bsd = 1;
            continue;
        }
        for (const char *o = a + 1; *o; o++) {
            char *arg;
            int took_rest = 0;
            switch (*o) {
            case 'e': case 'A': sel_all = 1; break;
            case 'f': full = 1; break;
            case 'a': case 'x': case 'w': break; /* accepted: procps habits */
            case 'o': case 'p': case 'u':
                arg = o[1] ? (char *)o + 1 : (i + 1 < argc ? argv[++i] : NULL);
                if (!arg)
                    usage();
                if (*o == 'o' && nfmt < COLUMNS_MAX)
                    fmt_lists[nfmt++] = arg;
                else if (*o == 'p')
                    add_pids(arg), explicit = 1;
                else if (*o == 'u')
                    add_users(arg), explicit = 1;
                took_rest = 1; /* the rest of the word, or the next one, was the argument */
                break;
            default: usage();
            }
            if (took_rest)
                break;
        }
    }
    if (nfmt) {
        for (int i = 0; i < nfmt; i++)
            add_columns(fmt_lists[i]);
    } else if (bsd && user_format) {
        add_format("user,pid,pcpu,pmem,vsz,rss,tname=TTY,stat,start,bsdtime,args");
    } else if (bsd) {
        add_format("pid,tname=TTY,stat,bsdtime,args");
    } else if (full) {
        add_format("user=UID,pid,ppid,c,stime,tname,time,args=CMD");
    } else {
        add_format("pid,tname,time,comm=CMD");
    }

    read_system();
    if (ps_read(getpid(), &self) < 0)
        self.tty_nr = 0;
    if (!(d = opendir("/proc")))
        err(1, "/proc");
    while ((e = readdir(d)) != NULL && n < PIDS_MAX)
        if (isdigit((unsigned char)e->d_name[0]))
            all_pids[n++] = atoi(e->d_name);
    closedir(d);
    qsort(all_pids, (size_t)n, sizeof all_pids[0], cmp_int);

    if (any_header)
        print_row(NULL);
    for (int i = 0; i < n; i++)
        if (ps_read(all_pids[i], &p) == 0 && selected(&p, self.tty_nr, geteuid(), explicit))
            print_row(&p);
    return fflush(stdout) == 0 ? 0 : 1;
}
