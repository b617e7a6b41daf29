/*
 * sys_proc.c - system calls about processes, time and the machine:
 * exit, fork, execve, wait, ids, brk, sleeping, clocks, randomness, reboot.
 * Arguments are raw 32-bit values; pointers go through the user-copy helpers.
 */
#include <clock.h>
#include <drivers/char/random.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <power.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <proc/task.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define GETRANDOM_MAX (1 << 20)
#define REBOOT_POWER_OFF 1
#define REBOOT_RESTART 2

struct user_timespec {
    int64_t tv_sec;
    int32_t tv_nsec;
    int32_t pad;
};

SYSCALL_DECL(exit)
{
    UNUSED_ARGS;
    process_exit((int)((a & 0xff) << 8));
}

SYSCALL_DECL(fork)
{
    UNUSED_ARGS;
    return process_fork(tf);
}

SYSCALL_DECL(execve)
{
    UNUSED_ARGS;
    return exec_user((const char *)a, (const char *const *)b, (const char *const *)c);
}

static long do_wait(int pid, uint32_t ustatus, int options)
{
    int status = 0, r;

    if (options & ~(WNOHANG | WUNTRACED))
        return -EINVAL;
    r = process_wait(pid, &status, options);
    if (r > 0 && ustatus && copy_to_user((void *)ustatus, &status, sizeof status) < 0)
        return -EFAULT;
    return r;
}

SYSCALL_DECL(waitpid)
{
    UNUSED_ARGS;
    return do_wait((int)a, b, (int)c);
}

SYSCALL_DECL(wait4)
{
    UNUSED_ARGS;
    return do_wait((int)a, b, (int)c); /* rusage (d) is not filled in yet */
}

SYSCALL_DECL(getpid)
{
    UNUSED_ARGS;
    return current_process()->pid;
}

SYSCALL_DECL(getppid)
{
    struct process *p = current_process();

    UNUSED_ARGS;
    return p->parent ? p->parent->pid : 0;
}

SYSCALL_DECL(getuid)
{
    UNUSED_ARGS;
    return current_process()->cred.uid;
}

SYSCALL_DECL(getgid)
{
    UNUSED_ARGS;
    return current_process()->cred.gid;
}

SYSCALL_DECL(brk)
{
    UNUSED_ARGS;
    return (long)vm_brk(current_process()->vm, a);
}

SYSCALL_DECL(sched_yield)
{
    UNUSED_ARGS;
    sched_yield();
    return 0;
}

SYSCALL_DECL(nanosleep)
{
    struct user_timespec ts;

    UNUSED_ARGS;
    if (copy_from_user(&ts, (const void *)a, sizeof ts) < 0)
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
        return -EINVAL;
    task_sleep_ns((uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec);
    return 0;
}

SYSCALL_DECL(clock_gettime)
{
    struct user_timespec ts = {0};
    int64_t ns;

    UNUSED_ARGS;
    if (a == CLOCK_REALTIME)
        ns = clock_realtime_ns();
    else if (a == CLOCK_MONOTONIC)
        ns = (int64_t)clock_monotonic_ns();
    else
        return -EINVAL;
    ts.tv_sec = ns / (int64_t)NSEC_PER_SEC;
    ts.tv_nsec = (int32_t)(ns % (int64_t)NSEC_PER_SEC);
    return copy_to_user((void *)b, &ts, sizeof ts) < 0 ? -EFAULT : 0;
}

SYSCALL_DECL(time)
{
    int64_t now = clock_realtime_ns() / (int64_t)NSEC_PER_SEC;
    int32_t t32 = (int32_t)now;

    UNUSED_ARGS;
    if (a && copy_to_user((void *)a, &t32, sizeof t32) < 0)
        return -EFAULT;
    return t32;
}

SYSCALL_DECL(getrandom)
{
    uint8_t chunk[256];
    uint32_t done = 0;

    UNUSED_ARGS;
    if (b > GETRANDOM_MAX)
        b = GETRANDOM_MAX;
    while (done < b) {
        uint32_t n = b - done < sizeof chunk ? b - done : sizeof chunk;
        random_bytes(chunk, n);
        if (copy_to_user((uint8_t *)a + done, chunk, n) < 0)
            return done ? (long)done : -EFAULT;
        done += n;
    }
    return (long)done;
}

/* reboot(cmd, status): 1 = power off with status (QEMU's exit code), 2 = restart. Root only. */
SYSCALL_DECL(reboot)
{
    UNUSED_ARGS;
    if (current_process()->euid != 0)
        return -EPERM;
    vfs_sync();
    if (a == REBOOT_POWER_OFF)
        power_off((int)b);
    if (a == REBOOT_RESTART)
        power_reboot();
    return -EINVAL;
}
