/*
 * test_tty.c - the terminal calls that need no typing: ioctl on files that
 * are not terminals, isatty and ttyname, the console's attributes and their
 * round trip, /dev/tty and controlling terminals, the foreground process
 * group, job control against background groups (SIGTTIN, SIGTTOU with
 * TOSTOP), the window size and SIGWINCH, raw-mode reads that must not wait,
 * and bad arguments. What needs input typed on the serial line is in
 * tests/system/test_tty.py.
 *
 * init runs this program in its own session's foreground group, with the
 * console as controlling terminal; every case puts back what it changes.
 * Children report through their exit status and end with _exit (utest.h).
 * What they write on the console is a lone carriage return, which the test
 * harness drops, so that nothing lands in the middle of init's result lines.
 */
#define UTEST_SUITE "tty"
#include "utest.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>

#define BAD_POINTER ((void *)0xC0000000) /* kernel memory: never the user's */

static int open_console(void)
{
    return open("/dev/console", O_RDWR | O_NOCTTY);
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Wait for pid with WUNTRACED; its status or -1. */
static int wait_stopped(pid_t pid)
{
    int status;
    pid_t got;

    do
        got = waitpid(pid, &status, WUNTRACED);
    while (got < 0 && errno == EINTR);
    return got == pid ? status : -1;
}

static volatile sig_atomic_t caught;

static void on_signal(int sig)
{
    caught = sig;
}

UTEST(ioctl_on_files_that_are_not_terminals_is_enotty)
{
    struct termios t;
    int fds[2], fd;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_ERRNO(ioctl(fds[0], TCGETS, &t), ENOTTY);
    UT_ASSERT_ERRNO(tcgetattr(fds[1], &t), ENOTTY);
    close(fds[0]);
    close(fds[1]);
    fd = open("/dev/null", O_RDWR);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_ERRNO(ioctl(fd, TIOCGWINSZ, &t), ENOTTY);
    close(fd);
    fd = open("/tests/test_tty", O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_ERRNO(ioctl(fd, FIONREAD, &t), ENOTTY);
    close(fd);
}

UTEST(ioctl_on_a_bad_descriptor_is_ebadf)
{
    struct termios t;

    UT_ASSERT_ERRNO(ioctl(-1, TCGETS, &t), EBADF);
    UT_ASSERT_ERRNO(ioctl(63, TCGETS, &t), EBADF);
    UT_ASSERT_ERRNO(ioctl(1000, TCGETS, &t), EBADF);
}

UTEST(isatty_tells_terminals_apart)
{
    int fds[2], fd = open_console();

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(isatty(fd), 1);
    close(fd);
    UT_ASSERT_EQ(pipe(fds), 0);
    errno = 0;
    UT_ASSERT_EQ(isatty(fds[0]), 0);
    UT_ASSERT_EQ(errno, ENOTTY);
    close(fds[0]);
    close(fds[1]);
    errno = 0;
    UT_ASSERT_EQ(isatty(fds[0]), 0);
    UT_ASSERT_EQ(errno, EBADF);
}

UTEST(ttyname_names_the_node_that_was_opened)
{
    int fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY), fds[2];

    UT_ASSERT(fd >= 0);
    UT_ASSERT_STR(ttyname(fd), "/dev/ttyS0");
    close(fd);
    fd = open_console();
    UT_ASSERT(fd >= 0);
    UT_ASSERT_STR(ttyname(fd), "/dev/console");
    close(fd);
    UT_ASSERT_EQ(pipe(fds), 0);
    errno = 0;
    UT_ASSERT(ttyname(fds[0]) == NULL);
    UT_ASSERT_EQ(errno, ENOTTY);
    close(fds[0]);
    close(fds[1]);
}

UTEST(console_starts_canonical_with_echo_and_signals)
{
    /* The POSIX/Linux defaults of a terminal nobody has configured. */
    struct termios t;
    int fd = open_console();

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &t), 0);
    UT_ASSERT(t.c_lflag & ICANON);
    UT_ASSERT(t.c_lflag & ECHO);
    UT_ASSERT(t.c_lflag & ISIG);
    UT_ASSERT(t.c_iflag & ICRNL);
    UT_ASSERT((t.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR));
    UT_ASSERT_EQ(t.c_cc[VINTR], 0x03);
    UT_ASSERT_EQ(t.c_cc[VQUIT], 0x1c);
    UT_ASSERT_EQ(t.c_cc[VERASE], 0x7f);
    UT_ASSERT_EQ(t.c_cc[VKILL], 0x15);
    UT_ASSERT_EQ(t.c_cc[VEOF], 0x04);
    UT_ASSERT_EQ(t.c_cc[VSUSP], 0x1a);
    UT_ASSERT_EQ(t.c_cc[VMIN], 1);
    UT_ASSERT_EQ(t.c_cc[VTIME], 0);
    UT_ASSERT_EQ(sizeof t, 36); /* Linux's i386 kernel termios */
    close(fd);
}

UTEST(tcsetattr_round_trip)
{
    struct termios saved, t, back;
    int fd = open_console();

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &saved), 0);
    t = saved;
    t.c_cc[VERASE] = '\b';
    t.c_cc[VKILL] = 0x18;
    t.c_lflag &= ~(tcflag_t)ECHOCTL;
    UT_ASSERT_EQ(cfsetospeed(&t, B9600), 0);
    UT_ASSERT_EQ(tcsetattr(fd, TCSANOW, &t), 0);
    UT_ASSERT_EQ(tcgetattr(fd, &back), 0);
    tcsetattr(fd, TCSANOW, &saved);
    UT_ASSERT_EQ(back.c_cc[VERASE], '\b');
    UT_ASSERT_EQ(back.c_cc[VKILL], 0x18);
    UT_ASSERT(!(back.c_lflag & ECHOCTL));
    UT_ASSERT_EQ(cfgetospeed(&back), B9600);
    UT_ASSERT_EQ(memcmp(&back, &t, sizeof t), 0);
    /* TCSADRAIN and TCSAFLUSH set them too. */
    UT_ASSERT_EQ(tcsetattr(fd, TCSADRAIN, &t), 0);
    UT_ASSERT_EQ(tcsetattr(fd, TCSAFLUSH, &saved), 0);
    UT_ASSERT_EQ(tcgetattr(fd, &back), 0);
    UT_ASSERT_EQ(memcmp(&back, &saved, sizeof saved), 0);
    close(fd);
}

UTEST(bad_arguments_are_rejected)
{
    struct termios t;
    int fd = open_console();

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &t), 0);
    UT_ASSERT_ERRNO(tcsetattr(fd, 7, &t), EINVAL);
    UT_ASSERT_ERRNO(tcflush(fd, 3), EINVAL);
    UT_ASSERT_ERRNO(tcgetattr(fd, BAD_POINTER), EFAULT);
    UT_ASSERT_ERRNO(ioctl(fd, TCSETS, BAD_POINTER), EFAULT);
    UT_ASSERT_ERRNO(ioctl(fd, TIOCGWINSZ, (void *)0x10), EFAULT);
    UT_ASSERT_ERRNO(ioctl(fd, 0x5499, &t), ENOTTY); /* not a request the terminal knows */
    UT_ASSERT_ERRNO(cfsetospeed(&t, 0x7fffffff), EINVAL);
    close(fd);
}

UTEST(cfmakeraw_turns_off_the_line_discipline)
{
    struct termios t;
    int fd = open_console();

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &t), 0);
    cfmakeraw(&t);
    UT_ASSERT(!(t.c_lflag & (ICANON | ECHO | ISIG | IEXTEN)));
    UT_ASSERT(!(t.c_iflag & (ICRNL | INLCR | IGNCR)));
    UT_ASSERT(!(t.c_oflag & OPOST));
    UT_ASSERT_EQ(t.c_cflag & CSIZE, CS8);
    UT_ASSERT_EQ(t.c_cc[VMIN], 1);
    UT_ASSERT_EQ(t.c_cc[VTIME], 0);
    close(fd);
}

UTEST(raw_read_with_min_0_time_0_does_not_wait)
{
    struct termios saved, t;
    char buf[8];
    int fd = open_console();
    long n;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &saved), 0);
    t = saved;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    UT_ASSERT_EQ(tcsetattr(fd, TCSAFLUSH, &t), 0);
    n = read(fd, buf, sizeof buf);
    tcsetattr(fd, TCSANOW, &saved);
    UT_ASSERT_EQ(n, 0);
    close(fd);
}

UTEST(raw_read_with_min_0_gives_up_after_time)
{
    struct termios saved, t;
    char buf[8];
    int fd = open_console();
    long long start;
    long n;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &saved), 0);
    t = saved;
    t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 2; /* 0.2 s */
    UT_ASSERT_EQ(tcsetattr(fd, TCSAFLUSH, &t), 0);
    start = now_ms();
    n = read(fd, buf, sizeof buf);
    start = now_ms() - start;
    tcsetattr(fd, TCSANOW, &saved);
    UT_ASSERT_EQ(n, 0);
    UT_ASSERT_MSG(start >= 200, "read returned after %lld ms of VTIME 0.2 s", start);
    close(fd);
}

UTEST(nonblocking_read_without_a_line_is_eagain)
{
    int fd = open("/dev/console", O_RDWR | O_NOCTTY | O_NONBLOCK);
    char buf[8];
    int on = 0;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcflush(fd, TCIFLUSH), 0);
    UT_ASSERT_ERRNO(read(fd, buf, sizeof buf), EAGAIN);
    /* FIONBIO turns O_NONBLOCK off again. */
    UT_ASSERT_EQ(ioctl(fd, FIONBIO, &on), 0);
    UT_ASSERT_EQ(fcntl(fd, F_GETFL) & O_NONBLOCK, 0);
    close(fd);
}

UTEST(fionread_counts_nothing_after_a_flush)
{
    int fd = open_console(), n = -1;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcflush(fd, TCIOFLUSH), 0);
    UT_ASSERT_EQ(ioctl(fd, FIONREAD, &n), 0);
    UT_ASSERT_EQ(n, 0);
    close(fd);
}

UTEST(console_polls_writable_but_not_readable)
{
    int fd = open_console();
    struct pollfd p;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcflush(fd, TCIFLUSH), 0);
    p.fd = fd;
    p.events = POLLIN | POLLOUT;
    UT_ASSERT_EQ(poll(&p, 1, 0), 1);
    UT_ASSERT_EQ(p.revents, POLLOUT);
    p.events = POLLIN;
    UT_ASSERT_EQ(poll(&p, 1, 50), 0);
    close(fd);
}

UTEST(window_size_round_trip_sends_sigwinch)
{
    struct winsize saved, ws = {.ws_row = 50, .ws_col = 132}, back;
    struct sigaction sa, old;
    int fd = open_console();

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(ioctl(fd, TIOCGWINSZ, &saved), 0);
    if (saved.ws_row == ws.ws_row && saved.ws_col == ws.ws_col)
        ws.ws_row++; /* must be a change */
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    UT_ASSERT_EQ(sigaction(SIGWINCH, &sa, &old), 0);
    caught = 0;
    /* This process is in the console's foreground group: it gets the signal. */
    UT_ASSERT_EQ(ioctl(fd, TIOCSWINSZ, &ws), 0);
    UT_ASSERT_EQ(caught, SIGWINCH);
    UT_ASSERT_EQ(ioctl(fd, TIOCGWINSZ, &back), 0);
    caught = 0;
    ioctl(fd, TIOCSWINSZ, &saved);
    sigaction(SIGWINCH, &old, NULL);
    UT_ASSERT_EQ(back.ws_row, ws.ws_row);
    UT_ASSERT_EQ(back.ws_col, ws.ws_col);
    UT_ASSERT_EQ(caught, SIGWINCH);
    close(fd);
}

UTEST(dev_tty_is_the_controlling_terminal)
{
    int fd = open("/dev/tty", O_RDWR);

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(isatty(fd), 1);
    UT_ASSERT_EQ(tcgetpgrp(fd), getpgrp());
    UT_ASSERT_EQ(tcgetsid(fd), getsid(0));
    UT_ASSERT_EQ(write(fd, "", 0), 0);
    close(fd);
}

UTEST(new_session_has_no_controlling_terminal)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        int fd;
        if (setsid() < 0)
            _exit(1);
        if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
            _exit(2);
        /* The console belongs to init's session: opening it does not take it. */
        fd = open("/dev/console", O_RDWR);
        if (fd < 0)
            _exit(3);
        if (tcgetpgrp(fd) != -1 || errno != ENOTTY)
            _exit(4);
        if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
            _exit(5);
        /* Nor may it be taken without force (and this is not its session). */
        if (ioctl(fd, TIOCSCTTY, 0) != -1 || errno != EPERM)
            _exit(6);
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(tiocsctty_needs_a_session_leader)
{
    int fd = open_console();

    UT_ASSERT(fd >= 0);
    /* This process leads no session (init does). */
    UT_ASSERT_ERRNO(ioctl(fd, TIOCSCTTY, 0), EPERM);
    close(fd);
}

UTEST(tiocnotty_drops_the_terminal_of_one_process)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        int fd = open("/dev/tty", O_RDWR);
        if (fd < 0)
            _exit(1);
        if (ioctl(fd, TIOCNOTTY) != 0)
            _exit(2);
        if (open("/dev/tty", O_RDWR) != -1 || errno != ENXIO)
            _exit(3);
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
    /* The parent (and the session) keep it. */
    UT_ASSERT_EQ(tcgetpgrp(0), getpgrp());
}

UTEST(tcsetpgrp_moves_the_foreground)
{
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    int fd = open("/dev/tty", O_RDWR), pipefd[2];
    pid_t pid, fg;
    char c;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(pipe(pipefd), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        setpgid(0, 0);
        read(pipefd[0], &c, 1); /* wait until the parent is done */
        _exit(0);
    }
    setpgid(pid, pid);
    /* Handing the terminal away and back from the background needs SIGTTOU ignored, as in a shell. */
    UT_ASSERT_EQ(sigaction(SIGTTOU, &ign, &old), 0);
    UT_ASSERT_EQ(tcsetpgrp(fd, pid), 0);
    fg = tcgetpgrp(fd);
    UT_ASSERT_EQ(tcsetpgrp(fd, getpgrp()), 0);
    sigaction(SIGTTOU, &old, NULL);
    write(pipefd[1], "x", 1);
    UT_ASSERT_EQ(fg, pid);
    UT_ASSERT_EQ(tcgetpgrp(fd), getpgrp());
    UT_ASSERT_CHILD_EXIT(pid, 0);
    /* A group that does not exist (any more) in the session: EPERM; a negative one: EINVAL. */
    UT_ASSERT_ERRNO(tcsetpgrp(fd, pid), EPERM);
    UT_ASSERT_ERRNO(tcsetpgrp(fd, -5), EINVAL);
    close(fd);
    close(pipefd[0]);
    close(pipefd[1]);
}

UTEST(background_read_stops_with_sigttin)
{
    pid_t pid = fork();
    int status;

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        char c;
        int fd = open("/dev/tty", O_RDONLY);
        setpgid(0, 0); /* a background group: the console's foreground is init's */
        read(fd, &c, 1);
        _exit(9); /* only if the read was let through */
    }
    status = wait_stopped(pid);
    kill(pid, SIGKILL);
    utest_wait(pid);
    UT_ASSERT_MSG(status != -1 && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTIN,
                  "child %s, expected stopped by SIGTTIN", utest_status_text(status));
}

UTEST(background_read_ignoring_sigttin_is_eio)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        char c;
        int fd = open("/dev/tty", O_RDONLY);
        setpgid(0, 0);
        signal(SIGTTIN, SIG_IGN);
        if (read(fd, &c, 1) != -1 || errno != EIO)
            _exit(1);
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(background_write_is_allowed_without_tostop)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        int fd = open("/dev/tty", O_WRONLY);
        setpgid(0, 0);
        _exit(write(fd, "\r", 1) == 1 ? 0 : 1);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(background_write_with_tostop_stops_with_sigttou)
{
    struct termios saved, t;
    int fd = open("/dev/tty", O_RDWR), status;
    pid_t pid, pid2;

    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(tcgetattr(fd, &saved), 0);
    t = saved;
    t.c_lflag |= TOSTOP;
    UT_ASSERT_EQ(tcsetattr(fd, TCSANOW, &t), 0);
    pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        write(fd, "\r", 1);
        _exit(9);
    }
    /* The same, ignoring SIGTTOU: the write goes through. */
    pid2 = fork();
    if (pid2 == 0) {
        setpgid(0, 0);
        signal(SIGTTOU, SIG_IGN);
        _exit(write(fd, "\r", 1) == 1 ? 0 : 1);
    }
    status = pid > 0 ? wait_stopped(pid) : -1;
    tcsetattr(fd, TCSANOW, &saved);
    if (pid > 0) {
        kill(pid, SIGKILL);
        utest_wait(pid);
    }
    UT_ASSERT(pid > 0 && pid2 > 0);
    UT_ASSERT_MSG(status != -1 && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU,
                  "child %s, expected stopped by SIGTTOU", utest_status_text(status));
    UT_ASSERT_CHILD_EXIT(pid2, 0);
    close(fd);
}

UTEST(background_tcsetattr_stops_with_sigttou)
{
    pid_t pid = fork();
    int status;

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        struct termios t;
        int fd = open("/dev/tty", O_RDWR);
        setpgid(0, 0);
        tcgetattr(fd, &t); /* reading the attributes is allowed */
        tcsetattr(fd, TCSANOW, &t);
        _exit(9);
    }
    status = wait_stopped(pid);
    kill(pid, SIGKILL);
    utest_wait(pid);
    UT_ASSERT_MSG(status != -1 && WIFSTOPPED(status) && WSTOPSIG(status) == SIGTTOU,
                  "child %s, expected stopped by SIGTTOU", utest_status_text(status));
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
