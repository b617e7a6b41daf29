/*
 * ttytest.c - the guest side of tests/system/test_tty.py (/tests/bin/ttytest,
 * booted as process 1 with init=/tests/bin/ttytest, so that the console is
 * its controlling terminal and its group the foreground one).
 *
 * It reads the name of a scenario from the console, runs it, and asks for
 * the next one. In each scenario it says when it is ready for input, the
 * host types, and it reports what the kernel delivered: the bytes read, or
 * what happened to a child (its wait status). The host knows what it typed
 * and decides whether that is right. Lines (all start with "TT "):
 *
 *     TT MENU                      waiting for a scenario name
 *     TT READY <step>              about to read (the host types what the step
 *                                  needs, or nothing when the input is already there)
 *     TT GOT <step> n=<r> hex=<bytes read, in hex> [errno=<e>]
 *     TT STATUS <step> <exited N | signaled N | stopped N | failed ...>
 *     TT WINSZ rows=<r> cols=<c> sigwinch=<signal caught or 0>
 *     TT DONE <scenario>
 *     TT ERROR <what>              a call that should not fail did
 *
 * Scenarios: canon, echo, raw, eof, sigint, tstp, ttin, winsz; "quit"
 * powers off.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define TTY 0 /* the console, opened by the kernel for process 1 */

static struct termios saved;
static volatile sig_atomic_t caught;

static void say(const char *fmt, ...)
{
    char line[600];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n > (int)sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    write(1, line, (size_t)n);
}

static void on_signal(int sig)
{
    caught = sig;
}

static void catch(int sig)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: the interrupted read fails with EINTR */
    sigaction(sig, &sa, NULL);
}

/* Say READY, read once, report the bytes. */
static long read_step(const char *step, size_t size)
{
    char buf[256], hex[2 * sizeof buf + 1] = "";
    long n;
    int err;

    if (size > sizeof buf)
        size = sizeof buf;
    say("TT READY %s", step);
    n = read(TTY, buf, size);
    err = errno;
    for (long i = 0; i < n; i++)
        snprintf(hex + 2 * i, 3, "%02x", (unsigned char)buf[i]);
    if (n < 0)
        say("TT GOT %s n=%ld hex= errno=%d", step, n, err);
    else
        say("TT GOT %s n=%ld hex=%s", step, n, hex);
    return n;
}

/* Change the console's attributes: clear and set c_lflag bits, set VMIN and VTIME. */
static void set_mode(tcflag_t lclear, tcflag_t lset, int vmin, int vtime)
{
    struct termios t = saved;

    t.c_lflag = (t.c_lflag & ~lclear) | lset;
    t.c_cc[VMIN] = (cc_t)vmin;
    t.c_cc[VTIME] = (cc_t)vtime;
    if (tcsetattr(TTY, TCSAFLUSH, &t) < 0)
        say("TT ERROR tcsetattr: %s", strerror(errno));
}

static void restore(void)
{
    if (tcsetattr(TTY, TCSAFLUSH, &saved) < 0)
        say("TT ERROR tcsetattr (restore): %s", strerror(errno));
}

static void report_status(const char *step, int status)
{
    if (WIFEXITED(status))
        say("TT STATUS %s exited %d", step, WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        say("TT STATUS %s signaled %d", step, WTERMSIG(status));
    else if (WIFSTOPPED(status))
        say("TT STATUS %s stopped %d", step, WSTOPSIG(status));
    else
        say("TT STATUS %s failed: status %#x", step, (unsigned)status);
}

/* waitpid with WUNTRACED, reported under step; the status (or -1). */
static int wait_report(pid_t pid, const char *step)
{
    int status;
    pid_t got;

    do
        got = waitpid(pid, &status, WUNTRACED);
    while (got < 0 && errno == EINTR);
    if (got != pid) {
        say("TT STATUS %s failed: waitpid: %s", step, strerror(errno));
        return -1;
    }
    report_status(step, status);
    return status;
}

/* ---- scenarios ---- */

static void scenario_canon(void)
{
    struct termios t = saved;

    read_step("erase", 100);
    read_step("kill", 100);
    read_step("werase", 100);
    t.c_cc[VERASE] = '\b';
    if (tcsetattr(TTY, TCSANOW, &t) < 0)
        say("TT ERROR tcsetattr: %s", strerror(errno));
    read_step("backspace", 100);
    restore();
    /* A line longer than the buffer comes in pieces; two lines typed at once, one per read. */
    read_step("short1", 3);
    read_step("short2", 100);
    read_step("lines1", 100);
    read_step("lines2", 100);
}

static void scenario_echo(void)
{
    set_mode(ECHO, 0, 1, 0);
    read_step("off", 100);
    restore();
    read_step("on", 100);
}

static void scenario_raw(void)
{
    struct termios t = saved;

    set_mode(ICANON | ECHO, 0, 1, 0);
    read_step("min1", 100);
    read_step("icrnl", 100);
    set_mode(ICANON | ECHO, 0, 3, 0);
    read_step("min3", 100);
    set_mode(ICANON | ECHO, 0, 0, 5);
    read_step("time0", 100);
    set_mode(ICANON | ECHO, 0, 0, 200); /* 20 s: ample for the host to type */
    read_step("time1", 100);
    set_mode(ICANON | ECHO, 0, 2, 3);
    read_step("interbyte", 100);
    cfmakeraw(&t);
    if (tcsetattr(TTY, TCSAFLUSH, &t) < 0)
        say("TT ERROR tcsetattr: %s", strerror(errno));
    read_step("makeraw-intr", 100);
    read_step("makeraw-cr", 100);
    restore();
}

static void scenario_eof(void)
{
    read_step("alone", 100);
    read_step("after", 100);
    read_step("next", 100);
}

/*
 * Run child() in a new process group made the foreground one; the child
 * starts only once that is done. Returns its pid.
 */
static pid_t foreground_child(void (*child)(void))
{
    int sync[2];
    pid_t pid;
    char c;

    if (pipe(sync) < 0) {
        say("TT ERROR pipe: %s", strerror(errno));
        return -1;
    }
    pid = fork();
    if (pid == 0) {
        close(sync[1]);
        setpgid(0, 0);
        read(sync[0], &c, 1);
        close(sync[0]);
        child();
        _exit(0);
    }
    close(sync[0]);
    if (pid < 0) {
        say("TT ERROR fork: %s", strerror(errno));
        close(sync[1]);
        return -1;
    }
    setpgid(pid, pid);
    if (tcsetpgrp(TTY, pid) < 0)
        say("TT ERROR tcsetpgrp: %s", strerror(errno));
    write(sync[1], "g", 1);
    close(sync[1]);
    return pid;
}

static void take_back_terminal(void)
{
    if (tcsetpgrp(TTY, getpgrp()) < 0)
        say("TT ERROR tcsetpgrp (back): %s", strerror(errno));
}

static void child_catches_sigint(void)
{
    long n;

    catch(SIGINT);
    n = read_step("interrupted", 100);
    say("TT STATUS handler caught %d", (int)caught);
    if (n >= 0)
        _exit(1);
    read_step("after", 100);
    _exit(42);
}

static void child_reads(void)
{
    read_step("victim", 100);
    _exit(0);
}

static void scenario_sigint(void)
{
    pid_t pid;

    if ((pid = foreground_child(child_catches_sigint)) > 0)
        wait_report(pid, "caught");
    if ((pid = foreground_child(child_reads)) > 0)
        wait_report(pid, "intr");
    if ((pid = foreground_child(child_reads)) > 0)
        wait_report(pid, "quit");
    take_back_terminal();
}

static void child_reads_after_stop(void)
{
    long n = read_step("stopme", 100);

    _exit(n == 3 ? 7 : 1);
}

static void scenario_tstp(void)
{
    pid_t pid = foreground_child(child_reads_after_stop);
    int status;

    if (pid <= 0)
        return;
    status = wait_report(pid, "stop");
    if (status != -1 && WIFSTOPPED(status)) {
        kill(-pid, SIGCONT);
        say("TT READY cont");
        wait_report(pid, "end");
    } else {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    take_back_terminal();
}

static void scenario_ttin(void)
{
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        long n;
        setpgid(0, 0); /* a background group: the terminal stays with process 1 */
        n = read_step("background", 100);
        _exit(n == 3 ? 5 : 1);
    }
    if (pid < 0) {
        say("TT ERROR fork: %s", strerror(errno));
        return;
    }
    setpgid(pid, pid);
    status = wait_report(pid, "stop");
    if (status != -1 && WIFSTOPPED(status)) {
        /* What a shell's fg does: give it the terminal, then continue it. */
        if (tcsetpgrp(TTY, pid) < 0)
            say("TT ERROR tcsetpgrp: %s", strerror(errno));
        kill(-pid, SIGCONT);
        wait_report(pid, "end");
    } else {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
    }
    take_back_terminal();
}

static void scenario_winsz(void)
{
    char line[64];
    struct winsize ws = {0}, back = {0};
    unsigned rows = 0, cols = 0;
    long n;
    int fd;

    say("TT READY size");
    n = read(TTY, line, sizeof line - 1);
    line[n > 0 ? n : 0] = '\0';
    rows = (unsigned)strtoul(line, NULL, 10);
    cols = (unsigned)strtoul(strchr(line, ' ') ? strchr(line, ' ') : "0", NULL, 10);
    ws.ws_row = (unsigned short)rows;
    ws.ws_col = (unsigned short)cols;
    catch(SIGWINCH);
    caught = 0;
    if (ioctl(TTY, TIOCSWINSZ, &ws) < 0)
        say("TT ERROR TIOCSWINSZ: %s", strerror(errno));
    /* Read it back through another node of the same terminal. */
    fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY);
    if (fd < 0 || ioctl(fd, TIOCGWINSZ, &back) < 0)
        say("TT ERROR TIOCGWINSZ: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    say("TT WINSZ rows=%u cols=%u sigwinch=%d", back.ws_row, back.ws_col, (int)caught);
    signal(SIGWINCH, SIG_DFL);
}

static const struct {
    const char *name;
    void (*run)(void);
} scenarios[] = {
    {"canon", scenario_canon}, {"echo", scenario_echo}, {"raw", scenario_raw},
    {"eof", scenario_eof},     {"sigint", scenario_sigint}, {"tstp", scenario_tstp},
    {"ttin", scenario_ttin},   {"winsz", scenario_winsz},
};

int main(void)
{
    char name[64];

    signal(SIGTTOU, SIG_IGN); /* as a shell: tcsetpgrp from the background */
    if (tcgetattr(TTY, &saved) < 0) {
        say("TT ERROR tcgetattr: %s", strerror(errno));
        reboot(REBOOT_POWER_OFF, 1);
        return 1;
    }
    for (;;) {
        long n;
        size_t i;
        say("TT MENU");
        n = read(TTY, name, sizeof name - 1);
        if (n <= 0)
            continue;
        name[n] = '\0';
        name[strcspn(name, "\n")] = '\0';
        if (strcmp(name, "quit") == 0)
            break;
        for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++)
            if (strcmp(name, scenarios[i].name) == 0)
                break;
        if (i == sizeof scenarios / sizeof scenarios[0]) {
            say("TT ERROR no scenario '%s'", name);
            continue;
        }
        scenarios[i].run();
        say("TT DONE %s", name);
    }
    reboot(REBOOT_POWER_OFF, 0);
    return 0;
}
