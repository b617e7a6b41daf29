/*
 * terminals.c - a login on every terminal, started again when it ends.
 *
 * /etc/ttys lists the terminals, one device name of /dev per line ("#"
 * starts a comment): by default ttyS0 (the serial port) and tty1 (the screen
 * and keyboard). Each gets its own session: the child calls setsid(), opens
 * the terminal (which so becomes its controlling terminal), resets the line
 * discipline to sane settings that an earlier program may have changed, and
 * runs /bin/login on it. A terminal whose login keeps dying at once (an
 * absent device, a broken login) is given up after FAST_DEATHS_MAX tries,
 * with a message, instead of being restarted forever.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define TTYS "/etc/ttys"
#define MAX_TERMINALS 8
#define FAST_DEATH_SECONDS 2
#define FAST_DEATHS_MAX 5

struct terminal {
    char dev[32];     /* "/dev/ttyS0" */
    pid_t pid;        /* its login or shell, 0 when none runs */
    time_t started;
    int fast_deaths;  /* consecutive deaths within FAST_DEATH_SECONDS */
    int disabled;
};

static struct terminal terminals[MAX_TERMINALS];
static int nterminals;

static void add_terminal(const char *name)
{
    if (nterminals == MAX_TERMINALS)
        return;
    snprintf(terminals[nterminals].dev, sizeof terminals[0].dev, "/dev/%s", name);
    nterminals++;
}

static void read_ttys(void)
{
    FILE *f = fopen(TTYS, "r");
    char line[128], *name;

    if (!f) {
        add_terminal("ttyS0");
        add_terminal("tty1");
        return;
    }
    while (fgets(line, sizeof line, f))
        if (split_fields(line, &name, 1) == 1)
            add_terminal(name);
    fclose(f);
}

/* In the child: the terminal as controlling terminal and 0-2, then login. */
static void __attribute__((noreturn)) run_login(const char *dev)
{
    sigset_t none;
    struct termios t;
    int fd;

    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    signal(SIGINT, SIG_DFL);
    signal(SIGHUP, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    setsid();
    fd = open(dev, O_RDWR);
    if (fd < 0) {
        fprintf(stderr, "init: %s: %s\n", dev, strerror(errno));
        _exit(1);
    }
    for (int i = 0; i < 3; i++)
        if (fd != i)
            dup2(fd, i);
    if (fd > 2)
        close(fd);
    if (tcgetattr(0, &t) == 0) {
        t.c_iflag |= ICRNL;
        t.c_iflag &= ~(tcflag_t)(INLCR | IGNCR);
        t.c_oflag |= OPOST | ONLCR;
        t.c_lflag |= ICANON | ECHO | ECHOE | ECHOK | ISIG | IEXTEN;
        tcsetattr(0, TCSAFLUSH, &t);
    }
    char *argv[] = {"login", NULL};
    char *envp[] = {"TERM=vt100", "PATH=/bin:/usr/bin", NULL};
    execve("/bin/login", argv, envp);
    fprintf(stderr, "init: /bin/login: %s\n", strerror(errno));
    _exit(127);
}

static void start(struct terminal *t)
{
    fflush(stdout);
    pid_t pid = fork();

    if (pid == 0)
        run_login(t->dev);
    if (pid < 0) {
        printf("init: %s: cannot start a login: %s\n", t->dev, strerror(errno));
        t->pid = 0;
        return;
    }
    t->pid = pid;
    t->started = time(NULL);
}

void terminals_start(void)
{
    read_ttys();
    for (int i = 0; i < nterminals; i++) {
        if (access(terminals[i].dev, F_OK) < 0) {
            terminals[i].disabled = 1; /* not in this machine: no message */
            continue;
        }
        start(&terminals[i]);
    }
}

void terminals_child_ended(int pid)
{
    for (int i = 0; i < nterminals; i++) {
        struct terminal *t = &terminals[i];
        if (t->pid != pid || t->disabled)
            continue;
        t->pid = 0;
        if (time(NULL) - t->started < FAST_DEATH_SECONDS) {
            if (++t->fast_deaths >= FAST_DEATHS_MAX) {
                printf("init: %s: login keeps failing; not started again\n", t->dev);
                t->disabled = 1;
                return;
            }
        } else {
            t->fast_deaths = 0;
        }
        start(t);
        return;
    }
}
