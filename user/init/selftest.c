/*
 * selftest.c - init's test mode: "selftest" (or "selftest=PATTERN") on the
 * kernel command line.
 *
 * init runs every executable in /tests (or those whose names contain
 * PATTERN), in name order, one at a time, each in a child (fork, execve,
 * waitpid) whose stdout and stderr are a pipe. init copies everything the
 * program prints to its own stdout, line by line, and counts the result
 * lines (tests/user/utest.h):
 *     RESULT PASS user.<suite>.<case>
 *     RESULT FAIL user.<suite>.<case>: <reason>
 * When a program ends in a way its own lines do not account for (killed by
 * a signal, an unexpected exit status, no result at all), init adds one line
 * "RESULT FAIL user.<suite>: <what happened>", the suite being the file name
 * without its "test_" prefix. At the end it prints
 *     SELFTEST DONE <p> passed, <f> failed
 * with the totals of those lines (so the summary always agrees with them, as
 * tests/system/test_selftest.py checks; finding no test program at all is
 * itself a failed line) and powers the machine off with status 0 when
 * something passed and nothing failed, 1 otherwise (reboot(REBOOT_POWER_OFF,
 * status), uapi/reboot.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "init.h"

#define TESTS_DIR "/tests"
#define MAX_TESTS 256

static char *const child_env[] = {"PATH=/bin", "HOME=/", NULL};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the executables in TESTS_DIR that contain pattern, sorted; count in *n. */
static char **list_tests(const char *pattern, int *n)
{
    static char *names[MAX_TESTS];
    DIR *dir = opendir(TESTS_DIR);
    struct dirent *e;

    *n = 0;
    if (!dir) {
        printf("init: cannot open %s: %s\n", TESTS_DIR, strerror(errno));
        return names;
    }
    while ((e = readdir(dir)) && *n < MAX_TESTS) {
        char path[300];
        struct stat st;

        if (e->d_name[0] == '.' || (pattern && !strstr(e->d_name, pattern)))
            continue;
        snprintf(path, sizeof path, "%s/%s", TESTS_DIR, e->d_name);
        if (stat(path, &st) < 0 || !S_ISREG(st.st_mode) || !(st.st_mode & 0111))
            continue;
        names[*n] = strdup(e->d_name);
        if (names[*n])
            (*n)++;
    }
    closedir(dir);
    qsort(names, (size_t)*n, sizeof names[0], by_name);
    return names;
}

/* The result-line name of a test program: "test_basic" -> "basic". */
static const char *suite_of(const char *name)
{
    return strncmp(name, "test_", 5) == 0 ? name + 5 : name;
}

/* Reap any children that ended meanwhile (orphans the tests left to us). */
static void reap_zombies(void)
{
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
}

struct tally {
    int passed, failed; /* result lines seen, all programs together */
};

/* Count a line of a test program's output (from its start) if it is a result line. */
static void count_line(const char *line, size_t len, struct tally *t, int *fails_here)
{
    if (len >= 12 && strncmp(line, "RESULT PASS ", 12) == 0) {
        t->passed++;
    } else if (len >= 12 && strncmp(line, "RESULT FAIL ", 12) == 0) {
        t->failed++;
        (*fails_here)++;
    }
}

/*
 * Copy the program's output from fd to stdout, counting result lines, until
 * every writer has closed the pipe. A line longer than the buffer is passed
 * on in pieces (only its first piece can make it a result line); output that
 * ends inside a line gets its newline, so init's own lines start on a line.
 */
static void relay(int fd, struct tally *t, int *fails_here)
{
    char buf[1024], *start, *nl;
    size_t len = 0;
    int mid_line = 0; /* the current line's start was already counted and passed on */

    for (;;) {
        ssize_t n = read(fd, buf + len, sizeof buf - len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        len += (size_t)n;
        start = buf;
        while ((nl = memchr(start, '\n', (size_t)(buf + len - start)))) {
            if (!mid_line)
                count_line(start, (size_t)(nl - start), t, fails_here);
            fwrite(start, 1, (size_t)(nl - start + 1), stdout);
            mid_line = 0;
            start = nl + 1;
        }
        len = (size_t)(buf + len - start);
        memmove(buf, start, len);
        if (len == sizeof buf) {
            if (!mid_line)
                count_line(buf, len, t, fails_here);
            fwrite(buf, 1, len, stdout);
            mid_line = 1;
            len = 0;
        }
    }
    if (len > 0) {
        if (!mid_line)
            count_line(buf, len, t, fails_here);
        fwrite(buf, 1, len, stdout);
        mid_line = 1;
    }
    if (mid_line)
        fputc('\n', stdout);
    fflush(stdout);
}

/* A result line of init's own about the whole program. */
static void program_failed(const char *name, struct tally *t, const char *what, int value)
{
    printf("RESULT FAIL user.%s: %s", suite_of(name), what);
    if (value >= 0)
        printf(" %d", value);
    printf("\n");
    fflush(stdout);
    t->failed++;
}

/* Run one test program to its end, relaying and counting what it prints. */
static void run_test(const char *name, struct tally *t)
{
    char path[300];
    char *argv[2];
    int fds[2], status, fails_here = 0, lines_before = t->passed + t->failed;
    pid_t pid, got;

    snprintf(path, sizeof path, "%s/%s", TESTS_DIR, name);
    argv[0] = path;
    argv[1] = NULL;
    printf("SELFTEST RUN %s\n", path);
    fflush(stdout); /* nothing buffered may be duplicated into the child */
    if (pipe(fds) < 0) {
        program_failed(name, t, strerror(errno), -1);
        return;
    }
    pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        program_failed(name, t, "fork failed:", errno);
        return;
    }
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        if (fds[1] > 2)
            close(fds[1]);
        execve(path, argv, child_env);
        dprintf(1, "RESULT FAIL user.%s: execve %s: %s\n", suite_of(name), path,
                strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    relay(fds[0], t, &fails_here);
    close(fds[0]);
    do
        got = waitpid(pid, &status, 0);
    while (got < 0 && errno == EINTR);
    reap_zombies();
    if (got != pid)
        program_failed(name, t, "waitpid failed: errno", errno);
    else if (WIFSIGNALED(status))
        program_failed(name, t, "killed by signal", WTERMSIG(status));
    else if (!WIFEXITED(status))
        program_failed(name, t, "ended with wait status", status);
    else if (WEXITSTATUS(status) == 0 && t->passed + t->failed == lines_before)
        program_failed(name, t, "printed no result", -1);
    else if (WEXITSTATUS(status) != 0 && fails_here == 0)
        program_failed(name, t, "exited with status", WEXITSTATUS(status));
    /* Otherwise its own lines tell: exit 0 with results, or failed cases it reported. */
}

/*
 * Reap children forever: orphans are reparented to init, and wait() collects
 * them. With no child at all there is nothing to wait for, so sleep rather
 * than spin.
 */
void wait_forever(void)
{
    const struct timespec second = {.tv_sec = 1};

    for (;;)
        if (wait(NULL) < 0 && errno == ECHILD && nanosleep(&second, NULL) < 0)
            sched_yield();
}

void selftest(const char *pattern)
{
    struct tally t = {0, 0};
    int count;
    char **names = list_tests(pattern, &count);

    for (int i = 0; i < count; i++)
        run_test(names[i], &t);
    if (count == 0) {
        /* A run that tested nothing must not look like a clean one. */
        printf("RESULT FAIL user.selftest: no test program in %s%s%s\n", TESTS_DIR,
               pattern ? " matches " : "", pattern ? pattern : "");
        t.failed++;
    }
    printf("SELFTEST DONE %d passed, %d failed\n", t.passed, t.failed);
    fflush(stdout);
    sync();
    reboot(REBOOT_POWER_OFF, t.passed > 0 && t.failed == 0 ? 0 : 1);
    printf("init: power off failed: %s\n", strerror(errno));
    fflush(stdout);
    wait_forever();
}
