/*
 * test_poll.c - poll() and select() on pipes (and regular files): readiness
 * to read and write, POLLHUP and POLLERR when the other end closes, waiting
 * until data arrives, timeouts, interruption by a signal, and the errors
 * (POLLNVAL, EBADF, EFAULT, EINVAL).
 *
 * Children report through their exit status and end with _exit (utest.h).
 */
#define UTEST_SUITE "poll"
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/select.h>
#include <time.h>

#define PIPE_BUF_BYTES 4096
#define BAD_POINTER ((void *)0xC0000000) /* kernel memory: never the user's */

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Fill the pipe's write end until it would block; the bytes written. */
static long fill_pipe(int wfd)
{
    static char chunk[PIPE_BUF_BYTES];
    long total = 0, n;
    int flags = fcntl(wfd, F_GETFL);

    fcntl(wfd, F_SETFL, flags | O_NONBLOCK);
    while ((n = write(wfd, chunk, sizeof chunk)) > 0)
        total += n;
    while ((n = write(wfd, chunk, 1)) > 0)
        total += n;
    fcntl(wfd, F_SETFL, flags);
    return total;
}

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* A child that sends SIGUSR1 to the parent after delay_ms; its pid. */
static pid_t signal_me_later(int delay_ms)
{
    pid_t parent = getpid(), pid = fork();

    if (pid == 0) {
        usleep((useconds_t)delay_ms * 1000);
        kill(parent, SIGUSR1);
        _exit(0);
    }
    return pid;
}

static int catch_sigusr1(void)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    got_signal = 0;
    return sigaction(SIGUSR1, &sa, NULL); /* no SA_RESTART: a system call it interrupts fails */
}

UTEST(empty_pipe_is_not_readable)
{
    int fds[2];
    struct pollfd p;

    UT_ASSERT_EQ(pipe(fds), 0);
    p.fd = fds[0];
    p.events = POLLIN;
    p.revents = -1;
    UT_ASSERT_EQ(poll(&p, 1, 0), 0);
    UT_ASSERT_EQ(p.revents, 0);
    close(fds[0]);
    close(fds[1]);
}

UTEST(pipe_with_data_is_readable)
{
    int fds[2];
    struct pollfd p;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(write(fds[1], "x", 1), 1);
    p.fd = fds[0];
    p.events = POLLIN;
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLIN);
    close(fds[0]);
    close(fds[1]);
}

UTEST(only_requested_events_are_reported)
{
    int fds[2];
    struct pollfd p[2];

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(write(fds[1], "x", 1), 1);
    p[0].fd = fds[0];
    p[0].events = POLLOUT; /* readable, but reading was not asked about */
    p[1].fd = fds[1];
    p[1].events = POLLIN; /* writable, but writing was not asked about */
    UT_ASSERT_EQ(poll(p, 2, 0), 0);
    UT_ASSERT_EQ(p[0].revents, 0);
    UT_ASSERT_EQ(p[1].revents, 0);
    close(fds[0]);
    close(fds[1]);
}

UTEST(pipe_write_end_is_writable_until_full)
{
    int fds[2];
    struct pollfd p;
    char buf[PIPE_BUF_BYTES];

    UT_ASSERT_EQ(pipe(fds), 0);
    p.fd = fds[1];
    p.events = POLLOUT;
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLOUT);
    UT_ASSERT(fill_pipe(fds[1]) > 0);
    UT_ASSERT_EQ(poll(&p, 1, 0), 0);
    UT_ASSERT_EQ(p.revents, 0);
    /* Room for PIPE_BUF bytes again: writable again. */
    UT_ASSERT_EQ(read(fds[0], buf, sizeof buf), (long)sizeof buf);
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLOUT);
    close(fds[0]);
    close(fds[1]);
}

UTEST(pollhup_after_the_writer_closes)
{
    int fds[2];
    struct pollfd p;
    char c;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(write(fds[1], "y", 1), 1);
    close(fds[1]);
    p.fd = fds[0];
    p.events = POLLIN;
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLIN | POLLHUP); /* the byte is still there */
    UT_ASSERT_EQ(read(fds[0], &c, 1), 1);
    p.events = 0; /* POLLHUP is reported even when not asked for */
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLHUP);
    close(fds[0]);
}

UTEST(pollerr_after_the_reader_closes)
{
    int fds[2];
    struct pollfd p;

    UT_ASSERT_EQ(pipe(fds), 0);
    close(fds[0]);
    p.fd = fds[1];
    p.events = POLLOUT;
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT(p.revents & POLLERR);
    close(fds[1]);
}

UTEST(closed_descriptor_gives_pollnval)
{
    int fds[2];
    struct pollfd p[2];

    UT_ASSERT_EQ(pipe(fds), 0);
    close(fds[1]);
    close(fds[0]);
    p[0].fd = fds[0];
    p[0].events = POLLIN;
    p[1].fd = 63; /* the last descriptor; not open */
    p[1].events = POLLIN;
    UT_ASSERT_EQ(poll(p, 2, 0), 2);
    UT_ASSERT_EQ(p[0].revents, POLLNVAL);
    UT_ASSERT_EQ(p[1].revents, POLLNVAL);
}

UTEST(negative_descriptor_is_ignored)
{
    struct pollfd p = {.fd = -1, .events = POLLIN | POLLOUT, .revents = 7};

    UT_ASSERT_EQ(poll(&p, 1, 0), 0);
    UT_ASSERT_EQ(p.revents, 0);
}

UTEST(regular_file_is_always_ready)
{
    const char *path = "/tmp/poll-regular";
    struct pollfd p;
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);

    UT_ASSERT(fd >= 0);
    unlink(path);
    p.fd = fd;
    p.events = POLLIN | POLLOUT;
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLIN | POLLOUT);
    close(fd);
}

UTEST(short_timeout_expires)
{
    int fds[2];
    struct pollfd p;
    long long start;

    UT_ASSERT_EQ(pipe(fds), 0);
    p.fd = fds[0];
    p.events = POLLIN;
    start = now_ms();
    UT_ASSERT_EQ(poll(&p, 1, 60), 0);
    /* A lower bound only: the call must not give up before its timeout. */
    UT_ASSERT_MSG(now_ms() - start >= 60, "poll returned after %lld ms of a 60 ms timeout",
                  now_ms() - start);
    UT_ASSERT_EQ(p.revents, 0);
    close(fds[0]);
    close(fds[1]);
}

UTEST(no_descriptors_just_waits)
{
    long long start = now_ms();

    UT_ASSERT_EQ(poll(NULL, 0, 30), 0);
    UT_ASSERT(now_ms() - start >= 30);
}

UTEST(sleeping_poll_wakes_when_data_arrives)
{
    int fds[2];
    struct pollfd p;
    pid_t pid;
    char c;

    UT_ASSERT_EQ(pipe(fds), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        usleep(100 * 1000);
        _exit(write(fds[1], "w", 1) == 1 ? 0 : 1);
    }
    p.fd = fds[0];
    p.events = POLLIN;
    UT_ASSERT_EQ(poll(&p, 1, -1), 1);
    UT_ASSERT_EQ(p.revents, POLLIN);
    UT_ASSERT_EQ(read(fds[0], &c, 1), 1);
    UT_ASSERT_EQ(c, 'w');
    UT_ASSERT_CHILD_EXIT(pid, 0);
    close(fds[0]);
    close(fds[1]);
}

UTEST(sleeping_poll_wakes_when_the_writer_exits)
{
    int fds[2];
    struct pollfd p;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        usleep(50 * 1000);
        _exit(0); /* closes the last write end */
    }
    close(fds[1]);
    p.fd = fds[0];
    p.events = POLLIN;
    UT_ASSERT_EQ(poll(&p, 1, 10000), 1);
    UT_ASSERT_EQ(p.revents, POLLHUP);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    close(fds[0]);
}

UTEST(one_ready_among_many)
{
    int a[2], b[2];
    struct pollfd p[3];

    UT_ASSERT_EQ(pipe(a), 0);
    UT_ASSERT_EQ(pipe(b), 0);
    UT_ASSERT_EQ(write(b[1], "z", 1), 1);
    p[0] = (struct pollfd){.fd = a[0], .events = POLLIN};
    p[1] = (struct pollfd){.fd = b[0], .events = POLLIN};
    p[2] = (struct pollfd){.fd = a[0], .events = POLLIN}; /* the same descriptor twice */
    UT_ASSERT_EQ(poll(p, 3, 1000), 1);
    UT_ASSERT_EQ(p[0].revents, 0);
    UT_ASSERT_EQ(p[1].revents, POLLIN);
    UT_ASSERT_EQ(p[2].revents, 0);
    close(a[0]);
    close(a[1]);
    close(b[0]);
    close(b[1]);
}

UTEST(signal_interrupts_poll_with_eintr)
{
    int fds[2];
    struct pollfd p;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(catch_sigusr1(), 0);
    pid = signal_me_later(50);
    UT_ASSERT(pid >= 0);
    p.fd = fds[0];
    p.events = POLLIN;
    UT_ASSERT_ERRNO(poll(&p, 1, 20000), EINTR);
    UT_ASSERT_EQ(got_signal, SIGUSR1);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    signal(SIGUSR1, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
}

UTEST(bad_pollfd_pointer_is_efault)
{
    /* revents cannot be written back into read-only memory. */
    static const struct pollfd readonly = {.fd = -1};

    UT_ASSERT_ERRNO(poll(BAD_POINTER, 1, 0), EFAULT);
    UT_ASSERT_ERRNO(poll((struct pollfd *)0x10, 1, 0), EFAULT);
    UT_ASSERT_ERRNO(poll((struct pollfd *)&readonly, 1, 0), EFAULT);
}

UTEST(too_many_entries_is_einval)
{
    struct pollfd p = {.fd = -1};

    UT_ASSERT_ERRNO(poll(&p, 1u << 20, 0), EINVAL);
    UT_ASSERT_ERRNO(poll(&p, (nfds_t)-1, 0), EINVAL);
}

/* ---- select ---- */

UTEST(select_reports_readable_and_writable)
{
    int fds[2];
    fd_set rd, wr;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 0};

    UT_ASSERT_EQ(pipe(fds), 0);
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(fds[0], &rd);
    FD_SET(fds[1], &wr);
    /* Only the write end is ready: the read end's bit is cleared. */
    UT_ASSERT_EQ(select(fds[1] + 1, &rd, &wr, NULL, &tv), 1);
    UT_ASSERT(!FD_ISSET(fds[0], &rd));
    UT_ASSERT(FD_ISSET(fds[1], &wr));
    UT_ASSERT_EQ(write(fds[1], "r", 1), 1);
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(fds[0], &rd);
    FD_SET(fds[1], &wr);
    UT_ASSERT_EQ(select(fds[1] + 1, &rd, &wr, NULL, &tv), 2);
    UT_ASSERT(FD_ISSET(fds[0], &rd));
    UT_ASSERT(FD_ISSET(fds[1], &wr));
    close(fds[0]);
    close(fds[1]);
}

UTEST(select_sees_end_of_file_as_readable)
{
    int fds[2];
    fd_set rd;
    struct timeval tv = {.tv_sec = 1, .tv_usec = 0};

    UT_ASSERT_EQ(pipe(fds), 0);
    close(fds[1]);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    UT_ASSERT_EQ(select(fds[0] + 1, &rd, NULL, NULL, &tv), 1);
    UT_ASSERT(FD_ISSET(fds[0], &rd));
    close(fds[0]);
}

UTEST(select_timeout_expires_and_clears_the_sets)
{
    int fds[2];
    fd_set rd;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 50000};
    long long start;

    UT_ASSERT_EQ(pipe(fds), 0);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    start = now_ms();
    UT_ASSERT_EQ(select(fds[0] + 1, &rd, NULL, NULL, &tv), 0);
    UT_ASSERT(now_ms() - start >= 50);
    UT_ASSERT(!FD_ISSET(fds[0], &rd));
    /* The kernel writes back the time left: none. */
    UT_ASSERT_EQ(tv.tv_sec, 0);
    UT_ASSERT_EQ(tv.tv_usec, 0);
    close(fds[0]);
    close(fds[1]);
}

UTEST(select_leaves_the_time_left_in_the_timeout)
{
    int fds[2];
    fd_set rd;
    struct timeval tv = {.tv_sec = 100, .tv_usec = 0};

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(write(fds[1], "t", 1), 1);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    UT_ASSERT_EQ(select(fds[0] + 1, &rd, NULL, NULL, &tv), 1);
    /* Ready at once: some time may have passed, never more than was given. */
    UT_ASSERT(tv.tv_sec >= 0 && tv.tv_sec <= 100);
    UT_ASSERT(tv.tv_sec * 1000000LL + tv.tv_usec <= 100 * 1000000LL);
    UT_ASSERT(tv.tv_sec >= 90);
    close(fds[0]);
    close(fds[1]);
}

UTEST(select_wakes_when_data_arrives)
{
    int fds[2];
    fd_set rd;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        usleep(80 * 1000);
        _exit(write(fds[1], "s", 1) == 1 ? 0 : 1);
    }
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    UT_ASSERT_EQ(select(fds[0] + 1, &rd, NULL, NULL, NULL), 1);
    UT_ASSERT(FD_ISSET(fds[0], &rd));
    UT_ASSERT_CHILD_EXIT(pid, 0);
    close(fds[0]);
    close(fds[1]);
}

UTEST(select_on_a_closed_descriptor_is_ebadf)
{
    int fds[2];
    fd_set rd;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 0};

    UT_ASSERT_EQ(pipe(fds), 0);
    close(fds[0]);
    close(fds[1]);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    UT_ASSERT_ERRNO(select(fds[0] + 1, &rd, NULL, NULL, &tv), EBADF);
    FD_ZERO(&rd);
    FD_SET(200, &rd); /* beyond the descriptor table */
    UT_ASSERT_ERRNO(select(201, &rd, NULL, NULL, &tv), EBADF);
}

UTEST(select_ignores_bits_past_nfds)
{
    int fds[2];
    fd_set rd;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 0};

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(write(fds[1], "n", 1), 1);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    FD_SET(60, &rd); /* not open, but past nfds: never looked at */
    UT_ASSERT_EQ(select(fds[0] + 1, &rd, NULL, NULL, &tv), 1);
    UT_ASSERT(FD_ISSET(fds[0], &rd));
    close(fds[0]);
    close(fds[1]);
}

UTEST(select_bad_arguments_are_einval)
{
    fd_set rd;
    struct timeval tv = {.tv_sec = 0, .tv_usec = 0};

    FD_ZERO(&rd);
    UT_ASSERT_ERRNO(select(-1, &rd, NULL, NULL, &tv), EINVAL);
    UT_ASSERT_ERRNO(select(FD_SETSIZE + 1, &rd, NULL, NULL, &tv), EINVAL);
    tv.tv_usec = 1000000;
    UT_ASSERT_ERRNO(select(0, NULL, NULL, NULL, &tv), EINVAL);
    tv.tv_sec = -1;
    tv.tv_usec = 0;
    UT_ASSERT_ERRNO(select(0, NULL, NULL, NULL, &tv), EINVAL);
}

UTEST(select_bad_pointers_are_efault)
{
    struct timeval tv = {.tv_sec = 0, .tv_usec = 0};

    UT_ASSERT_ERRNO(select(1, BAD_POINTER, NULL, NULL, &tv), EFAULT);
    UT_ASSERT_ERRNO(select(0, NULL, NULL, NULL, BAD_POINTER), EFAULT);
}

UTEST(select_without_sets_sleeps)
{
    struct timeval tv = {.tv_sec = 0, .tv_usec = 40000};
    long long start = now_ms();

    UT_ASSERT_EQ(select(0, NULL, NULL, NULL, &tv), 0);
    UT_ASSERT(now_ms() - start >= 40);
}

UTEST(signal_interrupts_select_with_eintr)
{
    int fds[2];
    fd_set rd;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(catch_sigusr1(), 0);
    pid = signal_me_later(50);
    UT_ASSERT(pid >= 0);
    FD_ZERO(&rd);
    FD_SET(fds[0], &rd);
    UT_ASSERT_ERRNO(select(fds[0] + 1, &rd, NULL, NULL, NULL), EINTR);
    UT_ASSERT_EQ(got_signal, SIGUSR1);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    signal(SIGUSR1, SIG_DFL);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
