/*
 * sys_signal.c - the signal system calls: kill, sigaction, sigprocmask,
 * sigpending, sigsuspend, sigreturn, alarm. They copy the user's structures
 * and leave the work to signal.c.
 */
#include <mm/vm.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e

SYSCALL_DECL(kill)
{
    UNUSED_ARGS;
    return signal_kill((int)a, (int)b);
}

/* sigaction(sig, act, oldact): either pointer may be NULL. */
SYSCALL_DECL(sigaction)
{
    struct sigaction act, old;
    int err;

    UNUSED_ARGS;
    if (b && copy_from_user(&act, (const void *)b, sizeof act) < 0)
        return -EFAULT;
    err = signal_action((int)a, b ? &act : NULL, &old);
    if (err == 0 && c && copy_to_user((void *)c, &old, sizeof old) < 0)
        return -EFAULT;
    return err;
}

/* sigprocmask(how, set, oldset): either pointer may be NULL. */
SYSCALL_DECL(sigprocmask)
{
    sigset_t set, old;
    int err;

    UNUSED_ARGS;
    if (b && copy_from_user(&set, (const void *)b, sizeof set) < 0)
        return -EFAULT;
    if (b && a != SIG_BLOCK && a != SIG_UNBLOCK && a != SIG_SETMASK)
        return -EINVAL;
    err = signal_procmask((int)a, b ? &set : NULL, &old);
    if (err == 0 && c && copy_to_user((void *)c, &old, sizeof old) < 0)
        return -EFAULT;
    return err;
}

SYSCALL_DECL(sigpending)
{
    sigset_t set = signal_pending_set();

    UNUSED_ARGS;
    return copy_to_user((void *)a, &set, sizeof set) < 0 ? -EFAULT : 0;
}

SYSCALL_DECL(sigsuspend)
{
    sigset_t mask;

    UNUSED_ARGS;
    if (copy_from_user(&mask, (const void *)a, sizeof mask) < 0)
        return -EFAULT;
    return signal_suspend(mask);
}

SYSCALL_DECL(sigreturn)
{
    UNUSED_ARGS;
    return signal_return(tf);
}

SYSCALL_DECL(alarm)
{
    UNUSED_ARGS;
    return (long)signal_alarm(a);
}
