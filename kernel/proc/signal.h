/*
 * signal.h - POSIX signals: sending, the per-process dispositions and masks,
 * and delivery on the way back to user mode. See docs/signals.md.
 *
 * Lock: proc_lock (process.c) guards every process's pending set, mask,
 * actions and stop state. Signals may be sent from interrupt handlers (a tty's
 * ^C, an alarm): proc_lock is a spinlock, so that is safe.
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include <stdint.h>
#include <uapi/signal.h>

struct process;
struct trap_frame;

/*
 * Kernel-internal return values of a system call interrupted by a signal
 * (never seen by user space). ERESTARTSYS: restart it if the signal is
 * ignored, stops the process, or has an SA_RESTART handler; otherwise it
 * fails with EINTR. ERESTARTNOHAND: restart it only if no handler runs.
 */
#define ERESTARTSYS 512
#define ERESTARTNOHAND 514

#define SIGBIT(sig) (1u << ((sig) - 1))

/* One process's signal state; proc_lock guards it. */
struct signal_state {
    sigset_t pending;
    sigset_t blocked;
    sigset_t saved_blocked;   /* the mask sigsuspend replaced, restored after delivery */
    int restore_saved;        /* saved_blocked is valid */
    struct sigaction actions[NSIG];
    siginfo_t info[NSIG];     /* why each pending signal was sent */
};

/* Send sig to process pid with the given origin; 0 or -ESRCH/-EINVAL. Sender checks are the caller's. */
int signal_send(int pid, int sig, const siginfo_t *info);
/* Send sig from the kernel to every process of group pgid; 0 or -ESRCH. Interrupt-safe. */
int signal_send_group(int pgid, int sig);
/* True if p (the caller, usually) ignores or blocks sig: a tty read then fails with EIO instead. */
int signal_ignored_or_blocked(struct process *p, int sig);
/* True if the current task has a signal waiting for delivery (an interruptible sleep ends). */
int signal_pending_current(void);

/* kill(): checks the caller's right to signal each target. */
int signal_kill(int pid, int sig);

/* Deliver pending signals on the way back to user mode; syscall_nr is -1 unless a system call returns. */
void signal_deliver(struct trap_frame *tf, int syscall_nr);
/* sigreturn: restore what the handler's frame saved; returns the interrupted eax. */
long signal_return(struct trap_frame *tf);
/* A CPU exception in user mode: queue sig (forced, even if blocked or ignored). */
void signal_fault(int sig, int code, uint32_t addr);
/* Will sig kill the current process (no handler)? */
int signal_fault_is_fatal(int sig);

/* The calls on the current process's own state (kernel copies of user structures). */
int signal_action(int sig, const struct sigaction *act, struct sigaction *old);
int signal_procmask(int how, const sigset_t *set, sigset_t *old);
sigset_t signal_pending_set(void);
int signal_suspend(sigset_t mask); /* sleeps until a signal; returns -ERESTARTNOHAND */
unsigned signal_alarm(unsigned seconds);

/* Process life: a new process's state on fork (from the parent) and on exec. */
void signal_fork(struct process *child, const struct process *parent);
void signal_exec(struct process *p);
/* p is exiting with status (proc_lock held): cancel its alarm, tell the parent. */
void signal_process_exit(struct process *p, int status);
/* Does parent ask for no zombies (SIGCHLD ignored, or SA_NOCLDWAIT)? proc_lock held. */
int signal_parent_reaps_nothing(const struct process *parent);

#endif
