/*
 * process.c - system-call wrappers for processes: creation, exec, exit,
 * waiting, process groups and sessions, identities, signals, scheduling and
 * power.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

pid_t fork(void)
{
    return __syscall_ret(__syscall0(SYS_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    return __syscall_ret(__syscall3(SYS_execve, (long)path, (long)argv, (long)envp));
}

void _exit(int status)
{
    for (;;) /* SYS_exit does not return; should it ever, try again rather than run on */
        __syscall1(SYS_exit, status);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return __syscall_ret(__syscall3(SYS_waitpid, pid, (long)status, options));
}

pid_t wait(int *status)
{
    return waitpid(-1, status, 0);
}

pid_t getpid(void)
{
    return __syscall0(SYS_getpid);
}

pid_t getppid(void)
{
    return __syscall0(SYS_getppid);
}

pid_t getpgrp(void)
{
    return __syscall0(SYS_getpgrp);
}

int setpgid(pid_t pid, pid_t pgid)
{
    return __syscall_ret(__syscall2(SYS_setpgid, pid, pgid));
}

pid_t setsid(void)
{
    return __syscall_ret(__syscall0(SYS_setsid));
}

pid_t getsid(pid_t pid)
{
    return __syscall_ret(__syscall1(SYS_getsid, pid));
}

uid_t getuid(void)
{
    return (uid_t)__syscall0(SYS_getuid);
}

uid_t geteuid(void)
{
    return (uid_t)__syscall0(SYS_geteuid);
}

gid_t getgid(void)
{
    return (gid_t)__syscall0(SYS_getgid);
}

gid_t getegid(void)
{
    return (gid_t)__syscall0(SYS_getegid);
}

int setuid(uid_t uid)
{
    return __syscall_ret(__syscall1(SYS_setuid, (long)uid));
}

int setgid(gid_t gid)
{
    return __syscall_ret(__syscall1(SYS_setgid, (long)gid));
}

int setreuid(uid_t ruid, uid_t euid)
{
    return __syscall_ret(__syscall2(SYS_setreuid, (long)ruid, (long)euid));
}

int setregid(gid_t rgid, gid_t egid)
{
    return __syscall_ret(__syscall2(SYS_setregid, (long)rgid, (long)egid));
}

int getgroups(int size, gid_t list[])
{
    return __syscall_ret(__syscall2(SYS_getgroups, size, (long)list));
}

int setgroups(size_t size, const gid_t *list)
{
    return __syscall_ret(__syscall2(SYS_setgroups, (long)size, (long)list));
}

int sched_yield(void)
{
    return __syscall_ret(__syscall0(SYS_sched_yield));
}

int nice(int increment)
{
    /* The kernel returns the new nice value plus 20 (0..39): a nice value
       itself may be negative and would read as an error. */
    long r = __syscall_ret(__syscall1(SYS_nice, increment));

    return r < 0 ? -1 : (int)r - 20;
}

int reboot(int cmd, int status)
{
    return __syscall_ret(__syscall2(SYS_reboot, cmd, status));
}
