/*
 * kbdtest.c - the guest side of tests/system/test_keyboard.py
 * (/tests/bin/kbdtest, booted as process 1 with init=/tests/bin/kbdtest).
 *
 * Process 1 keeps the console (the serial line) for talking to the host and
 * starts a child that makes a new session and opens /dev/tty1, the screen
 * and keyboard terminal, which becomes its controlling terminal with the
 * child's group in the foreground. The child then takes commands from the
 * serial line, one per line, and answers there; the host presses keys
 * through QEMU's monitor and reads the screen from video memory, so it knows
 * what went in and decides whether what came out is right. Commands:
 *
 *     raw <step>     put tty1 in raw mode, read bytes until a '.' arrives
 *     line <step>    read one line in canonical mode (the default attributes)
 *     intr <step>    a grandchild in its own foreground group reads a line;
 *                    report how it ended
 *     write <hex>    write these bytes to tty1
 *     quit           power off
 *
 * Answers (all start with "KB "):
 *
 *     KB NODES tty1=<major>,<minor> console=.. ttyS0=.. tty1size=<rows>x<cols>
 *              consolesize=<rows>x<cols>
 *                                 once at the start: the device numbers and
 *                                 window sizes of the terminals
 *     KB MENU                     waiting for a command
 *     KB READY <step>             about to read: the host presses its keys now
 *     KB GOT <step> n=<r> hex=<bytes read> [errno=<e>]
 *     KB STATUS <step> exited N | signaled N
 *     KB WROTE <n>
 *     KB ERROR <what>             a call that should not fail did
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define COMMAND_MAX 2048

static int tty = -1; /* /dev/tty1 */

static void say(const char *fmt, ...)
{
    char line[COMMAND_MAX + 64];
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

static void report(const char *step, const char *buf, long n, int err)
{
    char hex[2 * COMMAND_MAX + 1] = "";

    for (long i = 0; i < n && i < COMMAND_MAX; i++)
        snprintf(hex + 2 * i, 3, "%02x", (unsigned char)buf[i]);
    if (n < 0)
        say("KB GOT %s n=%ld hex= errno=%d", step, n, err);
    else
        say("KB GOT %s n=%ld hex=%s", step, n, hex);
}

/* Raw mode: collect bytes one read at a time until the host's '.' ends the step. */
static void cmd_raw(const char *step)
{
    struct termios saved, t;
    char buf[256];
    long n = 0, r = 0;

    if (tcgetattr(tty, &saved) < 0) {
        say("KB ERROR tcgetattr: %s", strerror(errno));
        return;
    }
    t = saved;
    cfmakeraw(&t);
    if (tcsetattr(tty, TCSAFLUSH, &t) < 0)
        say("KB ERROR tcsetattr: %s", strerror(errno));
    say("KB READY %s", step);
    while (n < (long)sizeof buf && (n == 0 || buf[n - 1] != '.')) {
        r = read(tty, buf + n, sizeof buf - (size_t)n);
        if (r <= 0)
            break;
        n += r;
    }
    report(step, buf, r < 0 ? r : n, errno);
    if (tcsetattr(tty, TCSAFLUSH, &saved) < 0)
        say("KB ERROR tcsetattr (restore): %s", strerror(errno));
}

static void cmd_line(const char *step)
{
    char buf[256];
    long n;

    say("KB READY %s", step);
    n = read(tty, buf, sizeof buf);
    report(step, buf, n, errno);
}

/* A grandchild reads in its own group, made the foreground one; ^C should kill it. */
static void cmd_intr(const char *step)
{
    int sync[2], status;
    pid_t pid;
    char c;

    if (pipe(sync) < 0) {
        say("KB ERROR pipe: %s", strerror(errno));
        return;
    }
    pid = fork();
    if (pid == 0) {
        close(sync[1]);
        setpgid(0, 0);
        read(sync[0], &c, 1); /* until the terminal is ours */
        cmd_line(step);
        _exit(0);
    }
    close(sync[0]);
    if (pid < 0) {
        say("KB ERROR fork: %s", strerror(errno));
        close(sync[1]);
        return;
    }
    setpgid(pid, pid);
    if (tcsetpgrp(tty, pid) < 0)
        say("KB ERROR tcsetpgrp: %s", strerror(errno));
    write(sync[1], "g", 1);
    close(sync[1]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFSIGNALED(status))
        say("KB STATUS %s signaled %d", step, WTERMSIG(status));
    else
        say("KB STATUS %s exited %d", step, WEXITSTATUS(status));
    if (tcsetpgrp(tty, getpgrp()) < 0)
        say("KB ERROR tcsetpgrp (back): %s", strerror(errno));
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

static void cmd_write(const char *hex)
{
    char buf[COMMAND_MAX / 2];
    size_t n = 0;

    while (hex[0] && hex[1] && n < sizeof buf) {
        int hi = hex_value(hex[0]), lo = hex_value(hex[1]);
        if (hi < 0 || lo < 0) {
            say("KB ERROR bad hex");
            return;
        }
        buf[n++] = (char)(hi << 4 | lo);
        hex += 2;
    }
    if (write(tty, buf, n) != (long)n)
        say("KB ERROR write: %s", strerror(errno));
    say("KB WROTE %zu", n);
}

/* Say what the terminals' device nodes are and how big their windows are. */
static void report_nodes(void)
{
    struct stat tty1, console, serial;
    struct winsize tty1_size = {0}, console_size = {0};

    if (fstat(tty, &tty1) < 0 || stat("/dev/console", &console) < 0 ||
        stat("/dev/ttyS0", &serial) < 0 || ioctl(tty, TIOCGWINSZ, &tty1_size) < 0 ||
        ioctl(0, TIOCGWINSZ, &console_size) < 0) {
        say("KB ERROR stat or TIOCGWINSZ: %s", strerror(errno));
        return;
    }
    say("KB NODES tty1=%u,%u console=%u,%u ttyS0=%u,%u tty1size=%ux%u consolesize=%ux%u",
        major(tty1.st_rdev), minor(tty1.st_rdev), major(console.st_rdev),
        minor(console.st_rdev), major(serial.st_rdev), minor(serial.st_rdev), tty1_size.ws_row,
        tty1_size.ws_col, console_size.ws_row, console_size.ws_col);
}

/* The child: a session of its own on tty1, commands from the serial line. */
static int serve(void)
{
    static char line[COMMAND_MAX];

    signal(SIGTTOU, SIG_IGN); /* as a shell: tcsetpgrp from the background */
    if (setsid() < 0) {
        say("KB ERROR setsid: %s", strerror(errno));
        return 1;
    }
    tty = open("/dev/tty1", O_RDWR);
    if (tty < 0) {
        say("KB ERROR open /dev/tty1: %s", strerror(errno));
        return 1;
    }
    report_nodes();
    for (;;) {
        long n;
        char *arg;
        say("KB MENU");
        n = read(0, line, sizeof line - 1);
        if (n <= 0)
            continue;
        line[n] = '\0';
        line[strcspn(line, "\n")] = '\0';
        arg = strchr(line, ' ');
        arg = arg ? arg + 1 : line + strlen(line);
        if (strncmp(line, "raw ", 4) == 0)
            cmd_raw(arg);
        else if (strncmp(line, "line ", 5) == 0)
            cmd_line(arg);
        else if (strncmp(line, "intr ", 5) == 0)
            cmd_intr(arg);
        else if (strncmp(line, "write ", 6) == 0)
            cmd_write(arg);
        else if (strcmp(line, "quit") == 0)
            return 0;
        else
            say("KB ERROR no command '%s'", line);
    }
}

int main(void)
{
    int status = 0;
    pid_t pid = fork();

    if (pid == 0)
        _exit(serve());
    if (pid < 0)
        say("KB ERROR fork: %s", strerror(errno));
    else
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
    reboot(REBOOT_POWER_OFF, pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1);
    return 0;
}
