/*
 * test_tools_text1.c - the behaviour of the text tools that the differential
 * tests (tests/difftest/text1.cases) cannot compare with GNU's: what
 * depends on time or never ends by itself. sleep must wait at least as long
 * as asked (no upper bound is checked: machines are noisy); yes must go on
 * until its reader leaves and then die of SIGPIPE; tail -f must print what
 * is appended to a file, start over when the file is truncated, say which
 * file the output comes from when it follows several, and not follow a pipe.
 *
 * The tools run as /bin/<name> in children whose output comes back through
 * a pipe, read with poll() and a generous timeout so that a tool that hangs
 * fails the case instead of the whole run.
 */
#define UTEST_SUITE "tools_text1"
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>

#define WAIT_MS 20000 /* longest wait for output that should come */

/*
 * Start /bin/argv[0] with stdout (and stderr when err_too) on a new pipe,
 * stdin on stdin_fd (or /dev/null when -1); returns the pid and the pipe's
 * read end in *out.
 */
static pid_t start_tool(char *const argv[], int stdin_fd, int err_too, int *out)
{
    char path[64];
    int fds[2];
    pid_t pid;

    if (pipe(fds) < 0)
        return -1;
    snprintf(path, sizeof path, "/bin/%s", argv[0]);
    pid = fork();
    if (pid == 0) {
        int in = stdin_fd >= 0 ? stdin_fd : open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0 || dup2(fds[1], 1) < 0)
            _exit(126);
        if (err_too && dup2(fds[1], 2) < 0)
            _exit(126);
        close(fds[0]);
        close(fds[1]);
        execv(path, argv);
        _exit(127);
    }
    close(fds[1]);
    *out = fds[0];
    return pid;
}

/*
 * Read from fd into buf (NUL-terminated, at most size - 1 bytes) until it
 * holds want bytes, the writer closes, or WAIT_MS pass; returns the count.
 */
static size_t read_some(int fd, char *buf, size_t size, size_t want)
{
    size_t got = 0;

    while (got < want && got + 1 < size) {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        ssize_t n;

        if (poll(&p, 1, WAIT_MS) <= 0)
            break;
        n = read(fd, buf + got, size - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    buf[got] = '\0';
    return got;
}

static int write_file(const char *path, const char *text, int flags)
{
    int fd = open(path, O_WRONLY | O_CREAT | flags, 0644);
    ssize_t n;

    if (fd < 0)
        return -1;
    n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run /bin/sleep with argv and return the seconds it took; *status gets its wait status. */
static double time_sleep(char *const argv[], int *status)
{
    double start = now();
    pid_t pid = fork();

    if (pid == 0) {
        execv("/bin/sleep", argv);
        _exit(127);
    }
    *status = utest_wait(pid);
    return now() - start;
}

UTEST(sleep_waits_at_least_a_fraction_of_a_second)
{
    char *const argv[] = { "sleep", "0.3", NULL };
    int status;
    double took = time_sleep(argv, &status);

    UT_ASSERT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sleep %s",
                  utest_status_text(status));
    UT_ASSERT_MSG(took >= 0.3, "sleep 0.3 took %d ms", (int)(took * 1000));
}

UTEST(sleep_adds_its_arguments_and_suffixes)
{
    /* 0.1 s + 0.003 min (0.18 s) = 0.28 s. */
    char *const argv[] = { "sleep", "0.1s", "0.003m", NULL };
    int status;
    double took = time_sleep(argv, &status);

    UT_ASSERT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 0, "sleep %s",
                  utest_status_text(status));
    UT_ASSERT_MSG(took >= 0.28, "sleep 0.1s 0.003m took %d ms", (int)(took * 1000));
}

UTEST(sleep_rejects_a_bad_interval)
{
    char *const bad_suffix[] = { "sleep", "1x", NULL };
    char *const none[] = { "sleep", NULL };
    int status;

    time_sleep(bad_suffix, &status);
    UT_ASSERT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 1, "sleep 1x %s",
                  utest_status_text(status));
    time_sleep(none, &status);
    UT_ASSERT_MSG(WIFEXITED(status) && WEXITSTATUS(status) == 1, "sleep %s",
                  utest_status_text(status));
}

UTEST(yes_repeats_until_the_reader_leaves)
{
    char *const argv[] = { "yes", "ab", "c", NULL };
    static char buf[30001];
    int out;
    pid_t pid = start_tool(argv, -1, 0, &out);

    UT_ASSERT(pid > 0);
    /* Far more than one write's worth: the lines must keep coming, whole. */
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, 30000), 30000);
    for (size_t i = 0; i < 30000; i++)
        UT_ASSERT_MSG(buf[i] == "ab c\n"[i % 5], "byte %u is %#x", (unsigned)i, buf[i]);
    close(out);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGPIPE);
}

UTEST(tail_f_prints_what_is_appended)
{
    const char *path = "/tmp/text1.follow";
    char *const argv[] = { "tail", "-s", "0.1", "-n", "1", "-f", "/tmp/text1.follow", NULL };
    char buf[256];
    int out;
    pid_t pid;

    UT_ASSERT_EQ(write_file(path, "zero\none\n", O_TRUNC), 0);
    pid = start_tool(argv, -1, 0, &out);
    UT_ASSERT(pid > 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, 4), 4);
    UT_ASSERT_STR(buf, "one\n");
    UT_ASSERT_EQ(write_file(path, "two\n", O_APPEND), 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, 4), 4);
    UT_ASSERT_STR(buf, "two\n");
    UT_ASSERT_EQ(write_file(path, "three\nfour\n", O_APPEND), 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, 11), 11);
    UT_ASSERT_STR(buf, "three\nfour\n");
    kill(pid, SIGTERM);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGTERM);
    close(out);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(tail_f_starts_over_after_truncation)
{
    const char *path = "/tmp/text1.trunc";
    char *const argv[] = { "tail", "-s", "0.1", "-f", "/tmp/text1.trunc", NULL };
    char buf[256];
    int out;
    pid_t pid;

    UT_ASSERT_EQ(write_file(path, "a long first line\n", O_TRUNC), 0);
    pid = start_tool(argv, -1, 0, &out);
    UT_ASSERT(pid > 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, 18), 18);
    UT_ASSERT_STR(buf, "a long first line\n");
    /* Shorter than before: tail must notice and read from the start. */
    UT_ASSERT_EQ(write_file(path, "new\n", O_TRUNC), 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, 4), 4);
    UT_ASSERT_STR(buf, "new\n");
    kill(pid, SIGTERM);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGTERM);
    close(out);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(tail_f_names_the_file_it_follows)
{
    char *const argv[] = { "tail", "-s", "0.1", "-n", "1", "-f", "/tmp/text1.a", "/tmp/text1.b",
                           NULL };
    static const char first[] = "==> /tmp/text1.a <==\nA\n\n==> /tmp/text1.b <==\nB\n";
    static const char second[] = "\n==> /tmp/text1.a <==\nmore A\n";
    char buf[256];
    int out;
    pid_t pid;

    UT_ASSERT_EQ(write_file("/tmp/text1.a", "A\n", O_TRUNC), 0);
    UT_ASSERT_EQ(write_file("/tmp/text1.b", "B\n", O_TRUNC), 0);
    pid = start_tool(argv, -1, 0, &out);
    UT_ASSERT(pid > 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, sizeof first - 1), sizeof first - 1);
    UT_ASSERT_STR(buf, first);
    UT_ASSERT_EQ(write_file("/tmp/text1.a", "more A\n", O_APPEND), 0);
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, sizeof second - 1), sizeof second - 1);
    UT_ASSERT_STR(buf, second);
    kill(pid, SIGTERM);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGTERM);
    close(out);
    UT_ASSERT_EQ(unlink("/tmp/text1.a"), 0);
    UT_ASSERT_EQ(unlink("/tmp/text1.b"), 0);
}

UTEST(tail_f_does_not_follow_a_pipe)
{
    char *const argv[] = { "tail", "-f", NULL };
    char buf[64];
    int in[2], out;
    pid_t pid;

    UT_ASSERT_EQ(pipe(in), 0);
    /* tail must not inherit the write end, or the pipe would never end for it. */
    UT_ASSERT_EQ(fcntl(in[1], F_SETFD, FD_CLOEXEC), 0);
    pid = start_tool(argv, in[0], 0, &out);
    UT_ASSERT(pid > 0);
    close(in[0]);
    UT_ASSERT_EQ(write(in[1], "x\ny\n", 4), 4);
    close(in[1]);
    /* Everything read, nothing to follow: tail ends by itself. */
    UT_ASSERT_EQ(read_some(out, buf, sizeof buf, sizeof buf), 4);
    UT_ASSERT_STR(buf, "x\ny\n");
    UT_ASSERT_CHILD_EXIT(pid, 0);
    close(out);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
