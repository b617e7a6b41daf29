/*
 * test_signals.c - signals: sigaction and handlers (with siginfo), default
 * actions, masks and pending signals, sigsuspend, kill to processes and
 * groups with its permission rules, SIGCHLD, SIGPIPE, stop and continue,
 * SIGKILL, alarm, EINTR and SA_RESTART on blocking calls, faults caught by
 * handlers, the registers and FPU state a handler must not disturb, what
 * exec keeps, and times().
 *
 * Most cases run in a child so that a signal that goes wrong kills the child,
 * not the suite; children report through their exit status.
 */
#define UTEST_SUITE "signals"
#include "utest.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static volatile sig_atomic_t hits;
static volatile int last_sig, last_code, last_pid;
static volatile uintptr_t last_addr;
static volatile sigset_t mask_in_handler;

static void count_handler(int sig)
{
    hits++;
    last_sig = sig;
    sigprocmask(SIG_BLOCK, NULL, (sigset_t *)&mask_in_handler);
}

static void info_handler(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    hits++;
    last_sig = sig;
    last_code = info->si_code;
    last_pid = info->si_pid;
    last_addr = (uintptr_t)info->si_addr;
}

static int install(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa = {.sa_handler = fn, .sa_flags = (uint32_t)flags};

    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

static int install_info(int sig, int flags)
{
    struct sigaction sa = {.sa_sigaction = info_handler, .sa_flags = SA_SIGINFO | (uint32_t)flags};

    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};

    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

/* A child that sleeps until killed; returns its pid. */
static pid_t sleeper(void)
{
    pid_t pid = fork();

    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

UTEST(handler_runs_with_siginfo_of_the_sender)
{
    hits = 0;
    UT_ASSERT_EQ(install_info(SIGUSR1, 0), 0);
    UT_ASSERT_EQ(kill(getpid(), SIGUSR1), 0);
    UT_ASSERT_EQ(hits, 1);
    UT_ASSERT_EQ(last_sig, SIGUSR1);
    UT_ASSERT_EQ(last_code, SI_USER);
    UT_ASSERT_EQ(last_pid, getpid());
    UT_ASSERT(signal(SIGUSR1, SIG_DFL) != SIG_ERR);
}

UTEST(signal_is_blocked_inside_its_handler_and_mask_restored)
{
    sigset_t now;

    hits = 0;
    UT_ASSERT_EQ(install(SIGUSR2, count_handler, 0), 0);
    raise(SIGUSR2);
    UT_ASSERT_EQ(hits, 1);
    UT_ASSERT(sigismember((sigset_t *)&mask_in_handler, SIGUSR2) == 1);
    sigprocmask(SIG_BLOCK, NULL, &now);
    UT_ASSERT(sigismember(&now, SIGUSR2) == 0);
    /* SA_NODEFER: not blocked while it runs. */
    UT_ASSERT_EQ(install(SIGUSR2, count_handler, SA_NODEFER), 0);
    raise(SIGUSR2);
    UT_ASSERT_EQ(hits, 2);
    UT_ASSERT(sigismember((sigset_t *)&mask_in_handler, SIGUSR2) == 0);
    signal(SIGUSR2, SIG_DFL);
}

UTEST(ignored_signal_is_discarded)
{
    pid_t pid = fork();

    if (pid == 0) {
        signal(SIGTERM, SIG_IGN);
        raise(SIGTERM);
        _exit(7);
    }
    UT_ASSERT_CHILD_EXIT(pid, 7);
}

UTEST(default_action_terminates)
{
    pid_t pid = fork();

    if (pid == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGTERM);
}

UTEST(default_ignored_signals_do_not_kill)
{
    pid_t pid = fork();

    if (pid == 0) {
        raise(SIGCHLD);
        raise(SIGWINCH);
        raise(SIGURG);
        raise(SIGCONT);
        _exit(3);
    }
    UT_ASSERT_CHILD_EXIT(pid, 3);
}

UTEST(blocked_signal_stays_pending_until_unblocked)
{
    sigset_t set, pending;

    hits = 0;
    install(SIGUSR1, count_handler, 0);
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    UT_ASSERT_EQ(sigprocmask(SIG_BLOCK, &set, NULL), 0);
    raise(SIGUSR1);
    raise(SIGUSR1); /* standard signals do not queue: one delivery */
    UT_ASSERT_EQ(hits, 0);
    UT_ASSERT_EQ(sigpending(&pending), 0);
    UT_ASSERT(sigismember(&pending, SIGUSR1) == 1);
    UT_ASSERT_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
    UT_ASSERT_EQ(hits, 1);
    sigpending(&pending);
    UT_ASSERT(sigismember(&pending, SIGUSR1) == 0);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(ignoring_a_pending_signal_discards_it)
{
    sigset_t set, pending;

    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    raise(SIGUSR1);
    signal(SIGUSR1, SIG_IGN);
    sigpending(&pending);
    UT_ASSERT(sigismember(&pending, SIGUSR1) == 0);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(sigkill_and_sigstop_cannot_be_caught_or_blocked)
{
    struct sigaction sa = {.sa_handler = count_handler};
    sigset_t all, now;
    pid_t pid;

    UT_ASSERT_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
    UT_ASSERT_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
    UT_ASSERT_ERRNO(sigaction(0, &sa, NULL), EINVAL);
    UT_ASSERT_ERRNO(sigaction(NSIG, &sa, NULL), EINVAL);
    UT_ASSERT_ERRNO(sigaction(SIGUSR1, (void *)8, NULL), EFAULT);
    UT_ASSERT_ERRNO(sigprocmask(99, &all, NULL), EINVAL);
    sigfillset(&all);
    pid = fork();
    if (pid == 0) {
        sigprocmask(SIG_SETMASK, &all, NULL);
        sigprocmask(SIG_BLOCK, NULL, &now);
        if (sigismember(&now, SIGKILL) || sigismember(&now, SIGSTOP))
            _exit(1);
        raise(SIGKILL);
        _exit(2);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
}

UTEST(kill_errors)
{
    pid_t pid;

    UT_ASSERT_ERRNO(kill(getpid(), 99), EINVAL);
    UT_ASSERT_ERRNO(kill(getpid(), -1), EINVAL);
    UT_ASSERT_ERRNO(kill(32000, SIGTERM), ESRCH);
    UT_ASSERT_EQ(kill(getpid(), 0), 0);
    pid = fork();
    if (pid == 0) {
        /* An ordinary user may not signal root's processes. */
        if (setuid(1000) < 0)
            _exit(1);
        if (kill(1, SIGTERM) != -1 || errno != EPERM)
            _exit(2);
        if (kill(1, 0) != -1 || errno != EPERM)
            _exit(3);
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(kill_reaches_a_whole_process_group)
{
    pid_t leader, member;
    int fds[2];
    char c;

    UT_ASSERT_EQ(pipe(fds), 0);
    leader = fork();
    if (leader == 0) {
        setpgid(0, 0);
        close(fds[0]);
        close(fds[1]);
        for (;;)
            pause();
    }
    setpgid(leader, leader); /* either side may win the race; both set it */
    member = fork();
    if (member == 0) {
        setpgid(0, leader);
        close(fds[0]);
        write(fds[1], "r", 1);
        for (;;)
            pause();
    }
    close(fds[1]);
    UT_ASSERT_EQ(read(fds[0], &c, 1), 1);
    close(fds[0]);
    UT_ASSERT_EQ(kill(-leader, SIGTERM), 0);
    UT_ASSERT_CHILD_SIGNAL(leader, SIGTERM);
    UT_ASSERT_CHILD_SIGNAL(member, SIGTERM);
    UT_ASSERT_ERRNO(kill(-leader, SIGTERM), ESRCH);
}

UTEST(sigchld_reports_the_exit)
{
    pid_t pid;

    hits = 0;
    install_info(SIGCHLD, 0);
    pid = fork();
    if (pid == 0)
        _exit(5);
    UT_ASSERT_CHILD_EXIT(pid, 5);
    UT_ASSERT_EQ(hits, 1);
    UT_ASSERT_EQ(last_sig, SIGCHLD);
    UT_ASSERT_EQ(last_code, CLD_EXITED);
    UT_ASSERT_EQ(last_pid, pid);
    signal(SIGCHLD, SIG_DFL);
}

UTEST(ignoring_sigchld_leaves_no_zombies)
{
    pid_t pid = fork();

    if (pid == 0) {
        signal(SIGCHLD, SIG_IGN);
        for (int i = 0; i < 5; i++)
            if (fork() == 0)
                _exit(0);
        sleep_ms(200);
        /* Every child went away by itself: nothing left to wait for. */
        if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD)
            _exit(1);
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(sigpipe_kills_a_writer_without_readers)
{
    int fds[2];
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    close(fds[0]);
    pid = fork();
    if (pid == 0) {
        write(fds[1], "x", 1);
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGPIPE);
    /* Ignored, the write fails with EPIPE instead. */
    signal(SIGPIPE, SIG_IGN);
    UT_ASSERT_ERRNO(write(fds[1], "x", 1), EPIPE);
    signal(SIGPIPE, SIG_DFL);
    close(fds[1]);
}

UTEST(stop_continue_and_kill_are_reported_by_waitpid)
{
    pid_t pid = sleeper();
    int status;

    UT_ASSERT(pid > 0);
    UT_ASSERT_EQ(kill(pid, SIGSTOP), 0);
    UT_ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
    UT_ASSERT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP);
    UT_ASSERT_EQ(kill(pid, SIGCONT), 0);
    UT_ASSERT_EQ(waitpid(pid, &status, WCONTINUED), pid);
    UT_ASSERT(WIFCONTINUED(status));
    /* Stopped again, SIGKILL still ends it. */
    UT_ASSERT_EQ(kill(pid, SIGTSTP), 0);
    UT_ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
    UT_ASSERT(WIFSTOPPED(status) && WSTOPSIG(status) == SIGTSTP);
    UT_ASSERT_EQ(kill(pid, SIGKILL), 0);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
}

UTEST(stopped_child_sends_sigchld_unless_nocldstop)
{
    pid_t pid;
    int status;

    hits = 0;
    install_info(SIGCHLD, SA_RESTART); /* else the handler would interrupt waitpid */
    pid = sleeper();
    kill(pid, SIGSTOP);
    UT_ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
    UT_ASSERT_EQ(hits, 1);
    UT_ASSERT_EQ(last_code, CLD_STOPPED);
    install_info(SIGCHLD, SA_NOCLDSTOP | SA_RESTART);
    kill(pid, SIGCONT);
    UT_ASSERT_EQ(waitpid(pid, &status, WCONTINUED), pid);
    UT_ASSERT_EQ(hits, 1);
    kill(pid, SIGKILL);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
    signal(SIGCHLD, SIG_DFL);
}

UTEST(alarm_interrupts_pause)
{
    pid_t pid = fork();

    if (pid == 0) {
        hits = 0;
        install(SIGALRM, count_handler, 0);
        if (alarm(1) != 0)
            _exit(1);
        if (pause() != -1 || errno != EINTR)
            _exit(2);
        if (hits != 1 || last_sig != SIGALRM)
            _exit(3);
        /* A new alarm returns what was left of the old one. */
        alarm(10);
        {
            unsigned left = alarm(0);
            if (left < 9 || left > 10)
                _exit(4);
        }
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(alarm_without_handler_kills)
{
    pid_t pid = fork();

    if (pid == 0) {
        alarm(1);
        for (;;)
            pause();
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGALRM);
}

/*
 * A child that sends sig to the caller every interval_ms until killed. A
 * blocking call of the caller is certain to be interrupted by one of them,
 * whatever the timing: those that come before it blocks are handled first.
 */
static pid_t pester(int sig, long interval_ms)
{
    pid_t parent = getpid(), pid = fork();

    if (pid == 0) {
        for (;;) {
            sleep_ms(interval_ms);
            if (kill(parent, sig) < 0)
                _exit(1);
        }
    }
    return pid;
}

#define UT_STOP_PESTER(pid)                                                                \
    do {                                                                                   \
        kill((pid), SIGKILL);                                                              \
        UT_ASSERT_CHILD_SIGNAL((pid), SIGKILL);                                            \
    } while (0)

UTEST(blocking_read_fails_with_eintr_without_sa_restart)
{
    int fds[2];
    char c;
    pid_t pid;

    hits = 0;
    UT_ASSERT_EQ(pipe(fds), 0);
    install(SIGUSR1, count_handler, 0);
    pid = pester(SIGUSR1, 50);
    UT_ASSERT_ERRNO(read(fds[0], &c, 1), EINTR);
    UT_ASSERT(hits >= 1);
    UT_STOP_PESTER(pid);
    close(fds[0]);
    close(fds[1]);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(blocking_read_restarts_with_sa_restart)
{
    int fds[2];
    char c = 0;
    pid_t pid, writer;

    hits = 0;
    UT_ASSERT_EQ(pipe(fds), 0);
    install(SIGUSR1, count_handler, SA_RESTART);
    pid = pester(SIGUSR1, 30);
    writer = fork();
    if (writer == 0) {
        sleep_ms(300); /* several signals first */
        write(fds[1], "z", 1);
        _exit(0);
    }
    UT_ASSERT_EQ(read(fds[0], &c, 1), 1);
    UT_ASSERT_EQ(c, 'z');
    UT_ASSERT(hits >= 1);
    UT_STOP_PESTER(pid);
    UT_ASSERT_CHILD_EXIT(writer, 0);
    close(fds[0]);
    close(fds[1]);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(blocking_write_to_a_full_pipe_is_interrupted)
{
    static char chunk[4096];
    int fds[2];
    long written = 0, r;
    pid_t pid;

    hits = 0;
    UT_ASSERT_EQ(pipe(fds), 0);
    install(SIGUSR1, count_handler, 0);
    pid = pester(SIGUSR1, 50);
    /* Fill the pipe; the write that blocks is interrupted with nothing written. */
    while ((r = write(fds[1], chunk, sizeof chunk)) > 0)
        written += r;
    UT_ASSERT_EQ(errno, EINTR);
    UT_ASSERT(written >= 4096);
    UT_ASSERT(hits >= 1);
    UT_STOP_PESTER(pid);
    close(fds[0]);
    close(fds[1]);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(stopped_and_continued_reader_restarts_its_read)
{
    int fds[2];
    pid_t reader;
    int status;

    UT_ASSERT_EQ(pipe(fds), 0);
    reader = fork();
    if (reader == 0) {
        char c = 0;
        close(fds[1]);
        /* No handler: a stop and continue must not show up as EINTR. */
        _exit(read(fds[0], &c, 1) == 1 && c == 'q' ? 0 : 1);
    }
    close(fds[0]);
    sleep_ms(50);
    kill(reader, SIGSTOP);
    UT_ASSERT_EQ(waitpid(reader, &status, WUNTRACED), reader);
    kill(reader, SIGCONT);
    sleep_ms(50);
    UT_ASSERT_EQ(write(fds[1], "q", 1), 1);
    UT_ASSERT_CHILD_EXIT(reader, 0);
    close(fds[1]);
}

UTEST(nanosleep_interrupted_reports_time_left)
{
    struct timespec req = {.tv_sec = 5}, rem = {0};
    pid_t pid;

    hits = 0;
    install(SIGUSR1, count_handler, 0);
    pid = pester(SIGUSR1, 50);
    UT_ASSERT_ERRNO(nanosleep(&req, &rem), EINTR);
    UT_ASSERT(rem.tv_sec >= 3 && rem.tv_sec <= 5);
    UT_ASSERT(hits >= 1);
    UT_STOP_PESTER(pid);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(waitpid_interrupted_by_a_handler)
{
    pid_t pid;

    hits = 0;
    install(SIGUSR1, count_handler, 0);
    pid = pester(SIGUSR1, 50);
    UT_ASSERT_ERRNO(waitpid(pid, NULL, 0), EINTR);
    UT_ASSERT(hits >= 1);
    UT_STOP_PESTER(pid);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(sigsuspend_waits_with_a_temporary_mask)
{
    sigset_t block, empty, now;
    pid_t pid;

    hits = 0;
    install(SIGUSR1, count_handler, 0);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    pid = pester(SIGUSR1, 50); /* blocked: the first stays pending until sigsuspend */
    sigemptyset(&empty);
    UT_ASSERT_ERRNO(sigsuspend(&empty), EINTR);
    UT_ASSERT_EQ(hits, 1);
    /* The handler ran with SIGUSR1 blocked, and the old mask is back. */
    UT_ASSERT(sigismember((sigset_t *)&mask_in_handler, SIGUSR1) == 1);
    sigprocmask(SIG_BLOCK, NULL, &now);
    UT_ASSERT(sigismember(&now, SIGUSR1) == 1);
    UT_STOP_PESTER(pid);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    signal(SIGUSR1, SIG_DFL);
}

UTEST(sa_resethand_handles_once)
{
    pid_t pid = fork();

    if (pid == 0) {
        hits = 0;
        install(SIGUSR1, count_handler, SA_RESETHAND);
        raise(SIGUSR1);
        if (hits != 1)
            _exit(1);
        raise(SIGUSR1); /* the default action now: terminate */
        _exit(2);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGUSR1);
}

static void segv_exit_handler(int sig, siginfo_t *info, void *uc)
{
    (void)uc;
    /* Exit 42 when the handler saw the right signal and the faulting address. */
    _exit(sig == SIGSEGV && (uintptr_t)info->si_addr == 0x1234 && info->si_code == SEGV_MAPERR
              ? 42 : 1);
}

UTEST(segfault_handler_sees_the_address)
{
    pid_t pid = fork();

    if (pid == 0) {
        struct sigaction sa = {.sa_sigaction = segv_exit_handler, .sa_flags = SA_SIGINFO};
        sigaction(SIGSEGV, &sa, NULL);
        *(volatile int *)0x1234 = 1;
        _exit(2);
    }
    UT_ASSERT_CHILD_EXIT(pid, 42);
}

UTEST(blocked_fault_signal_still_kills)
{
    pid_t pid = fork();

    if (pid == 0) {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGSEGV);
        sigprocmask(SIG_BLOCK, &set, NULL);
        signal(SIGSEGV, SIG_IGN);
        *(volatile int *)0x10 = 1;
        _exit(2);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
}

static void fpu_noise_handler(int sig)
{
    volatile double x = 3.25;

    (void)sig;
    hits++;
    /* Use the FPU and SSE registers so that a missing save would show. */
    for (int i = 0; i < 50; i++)
        x = x * 1.0001 + 0.5;
}

UTEST(handlers_leave_registers_and_fpu_intact)
{
    pid_t worker, signaller;
    int fds[2];
    char c;

    UT_ASSERT_EQ(pipe(fds), 0);
    worker = fork();
    if (worker == 0) {
        /* Busy computing while another process signals it many times. */
        volatile double acc = 0;
        uint32_t check = 0;
        hits = 0;
        install(SIGUSR1, fpu_noise_handler, SA_RESTART);
        close(fds[0]);
        write(fds[1], "g", 1);
        /* At least 40 rounds, and on until a signal has come: the signaller
         * may start only after a fast worker would otherwise be done. */
        int round;
        for (round = 0; round < 40 || (hits == 0 && round < 1000000); round++) {
            double sum = 0;
            uint32_t h = 2166136261u;
            for (int i = 1; i <= 20000; i++) {
                sum += (double)i * 0.5;
                h = (h ^ (uint32_t)i) * 16777619u;
            }
            /* sum of i/2 for i = 1..20000 is exactly 100005000. */
            if (sum != 100005000.0)
                _exit(10);
            if (round == 0)
                check = h;
            else if (h != check)
                _exit(11);
            acc += sum;
        }
        _exit(hits > 0 && acc == round * 100005000.0 ? 0 : 12);
    }
    close(fds[1]);
    UT_ASSERT_EQ(read(fds[0], &c, 1), 1);
    close(fds[0]);
    signaller = fork();
    if (signaller == 0) {
        for (int i = 0; i < 200; i++) {
            if (kill(worker, SIGUSR1) < 0)
                _exit(0);
            sched_yield();
        }
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(worker, 0);
    UT_ASSERT_CHILD_EXIT(signaller, 0);
}

UTEST(exec_resets_handlers_and_keeps_ignored_and_mask)
{
    pid_t pid = fork();

    if (pid == 0) {
        sigset_t set;
        char *argv[] = {"test_signals", "--report-dispositions", NULL};
        install(SIGUSR1, count_handler, 0);
        signal(SIGUSR2, SIG_IGN);
        sigemptyset(&set);
        sigaddset(&set, SIGHUP);
        sigprocmask(SIG_BLOCK, &set, NULL);
        execve("/tests/test_signals", argv, NULL);
        _exit(99);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

/* Run after exec by the case above: exit 0 when the dispositions are as POSIX says. */
static int report_dispositions(void)
{
    struct sigaction usr1, usr2;
    sigset_t mask;

    sigaction(SIGUSR1, NULL, &usr1);
    sigaction(SIGUSR2, NULL, &usr2);
    sigprocmask(SIG_BLOCK, NULL, &mask);
    if (usr1.sa_handler != SIG_DFL)
        return 1;
    if (usr2.sa_handler != SIG_IGN)
        return 2;
    if (sigismember(&mask, SIGHUP) != 1)
        return 3;
    return 0;
}

UTEST(times_counts_cpu_of_waited_children)
{
    struct tms before, after;
    clock_t t0, t1;
    pid_t pid;

    t0 = times(&before);
    UT_ASSERT(t0 != (clock_t)-1);
    pid = fork();
    if (pid == 0) {
        /* Burn 300 ms of CPU time, as the child's own times() counts it: the
           wall time it takes does not matter (the machine may be busy). */
        struct tms self;
        volatile uint32_t x = 0;
        do {
            for (int i = 0; i < 100000; i++)
                x += (uint32_t)i;
            times(&self);
        } while (self.tms_utime + self.tms_stime < 30);
        _exit(0);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
    t1 = times(&after);
    UT_ASSERT(t1 >= t0 + 29); /* at least the 300 ms the child ran (less rounding), in 1/100 s */
    UT_ASSERT(after.tms_cutime + after.tms_cstime - before.tms_cutime - before.tms_cstime >= 30);
    UT_ASSERT(after.tms_cutime > before.tms_cutime);
    UT_ASSERT_EQ(sysconf(_SC_CLK_TCK), 100);
    UT_ASSERT_ERRNO(times((struct tms *)0xc0000000), EFAULT);
}

UTEST(gettimeofday_agrees_with_clock_gettime)
{
    struct timeval tv;
    struct timespec ts;

    UT_ASSERT_EQ(gettimeofday(&tv, NULL), 0);
    UT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
    UT_ASSERT(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    UT_ASSERT(ts.tv_sec - tv.tv_sec >= 0 && ts.tv_sec - tv.tv_sec <= 1);
    UT_ASSERT(tv.tv_sec > 1600000000); /* the RTC gave a real date */
    UT_ASSERT_ERRNO(gettimeofday((struct timeval *)4, NULL), EFAULT);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--report-dispositions") == 0)
        return report_dispositions();
    return utest_main(argc, argv);
}
