/*
 * signal.h - signals: numbers, sigset_t, struct sigaction, siginfo_t and
 * ucontext_t come from uapi/signal.h (the kernel's definitions); the calls
 * and the set operations are here. Semantics: docs/signals.md.
 */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <sys/types.h>
#include <uapi/signal.h>

typedef int sig_atomic_t;

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
/* signal() installs a handler with SA_RESTART, as BSD and glibc do. */
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);

int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/* The name of a signal ("Interrupt"), and the short name without "SIG" ("INT"). */
char *strsignal(int sig);
const char *sig_abbrev(int sig);
void psignal(int sig, const char *msg);

/*
 * Signal names without "SIG" (libc/signal/signame.c, POSIX 2024): sig2str
 * writes the name of signum into str (room for SIG2STR_MAX bytes); str2sig
 * takes a name or a decimal number. Both return 0, or -1 when there is no
 * such signal.
 */
#define SIG2STR_MAX 32
int sig2str(int signum, char *str);
int str2sig(const char *restrict str, int *restrict pnum);

#endif
