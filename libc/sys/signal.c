/*
 * signal.c - the signal calls (thin wrappers of the kernel's) and the
 * sigset_t operations, which are plain bit operations on uapi's 32-bit set.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "../internal.h"

int kill(pid_t pid, int sig)
{
    return __syscall_ret(__syscall2(SYS_kill, pid, sig));
}

int killpg(pid_t pgrp, int sig)
{
    if (pgrp <= 1) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}

int raise(int sig)
{
    return kill(getpid(), sig);
}

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old)
{
    return __syscall_ret(__syscall3(SYS_sigaction, sig, (long)act, (long)old));
}

sighandler_t signal(int sig, sighandler_t handler)
{
    struct sigaction act = {.sa_handler = handler, .sa_flags = SA_RESTART}, old;

    if (sigaction(sig, &act, &old) < 0)
        return SIG_ERR;
    return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
    return __syscall_ret(__syscall3(SYS_sigprocmask, how, (long)set, (long)old));
}

int sigpending(sigset_t *set)
{
    return __syscall_ret(__syscall1(SYS_sigpending, (long)set));
}

int sigsuspend(const sigset_t *mask)
{
    return __syscall_ret(__syscall1(SYS_sigsuspend, (long)mask));
}

int pause(void)
{
    sigset_t now;

    sigprocmask(SIG_BLOCK, NULL, &now);
    return sigsuspend(&now);
}

unsigned int alarm(unsigned int seconds)
{
    return (unsigned int)__syscall1(SYS_alarm, (long)seconds);
}

static int valid(int sig)
{
    if (sig > 0 && sig < NSIG)
        return 1;
    errno = EINVAL;
    return 0;
}

int sigemptyset(sigset_t *set)
{
    *set = 0;
    return 0;
}

int sigfillset(sigset_t *set)
{
    *set = ~(sigset_t)0;
    return 0;
}

int sigaddset(sigset_t *set, int sig)
{
    if (!valid(sig))
        return -1;
    *set |= (sigset_t)1 << (sig - 1);
    return 0;
}

int sigdelset(sigset_t *set, int sig)
{
    if (!valid(sig))
        return -1;
    *set &= ~((sigset_t)1 << (sig - 1));
    return 0;
}

int sigismember(const sigset_t *set, int sig)
{
    if (!valid(sig))
        return -1;
    return (*set >> (sig - 1)) & 1;
}

static const struct {
    const char *abbrev, *name;
} signals[NSIG] = {
    [SIGHUP] = {"HUP", "Hangup"},
    [SIGINT] = {"INT", "Interrupt"},
    [SIGQUIT] = {"QUIT", "Quit"},
    [SIGILL] = {"ILL", "Illegal instruction"},
    [SIGTRAP] = {"TRAP", "Trace/breakpoint trap"},
    [SIGABRT] = {"ABRT", "Aborted"},
    [SIGBUS] = {"BUS", "Bus error"},
    [SIGFPE] = {"FPE", "Floating point exception"},
    [SIGKILL] = {"KILL", "Killed"},
    [SIGUSR1] = {"USR1", "User defined signal 1"},
    [SIGSEGV] = {"SEGV", "Segmentation fault"},
    [SIGUSR2] = {"USR2", "User defined signal 2"},
    [SIGPIPE] = {"PIPE", "Broken pipe"},
    [SIGALRM] = {"ALRM", "Alarm clock"},
    [SIGTERM] = {"TERM", "Terminated"},
    [SIGSTKFLT] = {"STKFLT", "Stack fault"},
    [SIGCHLD] = {"CHLD", "Child exited"},
    [SIGCONT] = {"CONT", "Continued"},
    [SIGSTOP] = {"STOP", "Stopped (signal)"},
    [SIGTSTP] = {"TSTP", "Stopped"},
    [SIGTTIN] = {"TTIN", "Stopped (tty input)"},
    [SIGTTOU] = {"TTOU", "Stopped (tty output)"},
    [SIGURG] = {"URG", "Urgent I/O condition"},
    [SIGXCPU] = {"XCPU", "CPU time limit exceeded"},
    [SIGXFSZ] = {"XFSZ", "File size limit exceeded"},
    [SIGVTALRM] = {"VTALRM", "Virtual timer expired"},
    [SIGPROF] = {"PROF", "Profiling timer expired"},
    [SIGWINCH] = {"WINCH", "Window changed"},
    [SIGIO] = {"IO", "I/O possible"},
    [SIGPWR] = {"PWR", "Power failure"},
    [SIGSYS] = {"SYS", "Bad system call"},
};

char *strsignal(int sig)
{
    static char unknown[32];

    if (sig > 0 && sig < NSIG && signals[sig].name)
        return (char *)signals[sig].name;
    snprintf(unknown, sizeof unknown, "Unknown signal %d", sig);
    return unknown;
}

const char *sig_abbrev(int sig)
{
    return sig > 0 && sig < NSIG ? signals[sig].abbrev : NULL;
}

void psignal(int sig, const char *msg)
{
    if (msg && *msg)
        fprintf(stderr, "%s: %s\n", msg, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}
