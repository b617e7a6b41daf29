/*
 * sys_proc.c - system calls about processes, time and the machine:
 * exit, fork, execve, wait, ids, brk, sleeping, clocks, randomness, reboot.
 * Arguments are raw 32-bit values; pointers go through the user-copy helpers.
 */
#include <arch/i386/memlayout.h>
#include <clock.h>
#include <drivers/char/random.h>
#include <drivers/clock/pit.h>
#include <fs/vfs.h>
#include <hostname.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <power.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <proc/task.h>
#include <syscalls.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include <uapi/reboot.h>
#include <uapi/time.h>
#include <uapi/utsname.h>
#include <uapi/wait.h>
#include <version.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e
#define GETRANDOM_MAX (1 << 20)

struct user_timespec {
    int64_t tv_sec;
    int32_t tv_nsec;
    int32_t pad;
};

SYSCALL_DECL(exit)
{
    UNUSED_ARGS;
    process_exit(W_EXITCODE(a, 0));
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

    if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
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

SYSCALL_DECL(geteuid)
{
    UNUSED_ARGS;
    return current_process()->euid;
}

SYSCALL_DECL(getegid)
{
    UNUSED_ARGS;
    return current_process()->egid;
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
    uint64_t left;

    UNUSED_ARGS;
    if (copy_from_user(&ts, (const void *)a, sizeof ts) < 0)
        return -EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
        return -EINVAL;
    if (task_sleep_ns_intr((uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec, &left) == 0)
        return 0;
    /* A signal woke it: tell the caller how much was left (b: rem, may be NULL). */
    ts.tv_sec = (int64_t)(left / NSEC_PER_SEC);
    ts.tv_nsec = (int32_t)(left % NSEC_PER_SEC);
    if (b && copy_to_user((void *)b, &ts, sizeof ts) < 0)
        return -EFAULT;
    return -EINTR;
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

SYSCALL_DECL(gettimeofday)
{
    int64_t ns = clock_realtime_ns();
    struct timeval tv = {.tv_sec = ns / (int64_t)NSEC_PER_SEC,
                         .tv_usec = (int32_t)(ns % (int64_t)NSEC_PER_SEC / 1000)};

    UNUSED_ARGS;
    /* b, the time zone, is obsolete: always UTC. */
    if (a && copy_to_user((void *)a, &tv, sizeof tv) < 0)
        return -EFAULT;
    return 0;
}

/* Timer ticks (PIT_HZ per second) to times()'s clock ticks (CLK_TCK per second). */
static int32_t to_clock_ticks(uint64_t ticks)
{
    return (int32_t)(ticks * CLK_TCK / PIT_HZ);
}

/* times(buf): CPU times of the caller and its waited-for children; returns clock ticks since boot. */
SYSCALL_DECL(times)
{
    struct process *p = current_process();
    struct task *t = current_task();
    struct tms tms = {
        .tms_utime = to_clock_ticks(t->user_ticks),
        .tms_stime = to_clock_ticks(t->ticks - t->user_ticks),
        .tms_cutime = to_clock_ticks(p->child_utime),
        .tms_cstime = to_clock_ticks(p->child_stime),
    };

    UNUSED_ARGS;
    if (a && copy_to_user((void *)a, &tms, sizeof tms) < 0)
        return -EFAULT;
    return (long)(uint32_t)(clock_monotonic_ns() / (NSEC_PER_SEC / CLK_TCK));
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

/* reboot(cmd, status): 1 = power off with status (QEMU's exit code), 2 = restart, 3 = halt.
 * Root only. */
SYSCALL_DECL(reboot)
{
    UNUSED_ARGS;
    if (current_process()->euid != 0)
        return -EPERM;
    vfs_sync();
    if (a == REBOOT_POWER_OFF)
        power_off(b ? 1 : 0); /* 0: success, anything else: failure */
    if (a == REBOOT_RESTART)
        power_reboot();
    if (a == REBOOT_HALT)
        power_halt();
    return -EINVAL;
}

/*
 * mmap(addr, length, prot, flags, fd, page offset in ebp): private mappings,
 * anonymous or of a file open for reading. Without MAP_FIXED the address is
 * the kernel's choice (the hint is ignored); with it, what was there is
 * unmapped first. Shared mappings are not supported yet (ENODEV).
 */
SYSCALL_DECL(mmap)
{
    struct process *p = current_process();
    uint32_t len = PAGE_ALIGN_UP(b), pgoff = tf->ebp;
    unsigned vmflags = VM_PRIVATE;
    struct file *f = NULL;
    uintptr_t addr;
    uint64_t file_size = 0;
    int err;

    UNUSED_ARGS;
    if (b == 0 || len < b || (c & ~(uint32_t)(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    if ((d & (MAP_SHARED | MAP_PRIVATE)) != MAP_PRIVATE)
        return (d & MAP_SHARED) && !(d & MAP_PRIVATE) ? -ENODEV : -EINVAL;
    vmflags |= (c & PROT_READ ? VM_READ : 0) | (c & PROT_WRITE ? VM_WRITE : 0) |
               (c & PROT_EXEC ? VM_EXEC : 0);
    if (!(d & MAP_ANONYMOUS)) {
        f = fd_get(p, (int)e);
        if (!f)
            return -EBADF;
        if ((f->flags & O_ACCMODE) == O_WRONLY || !S_ISREG(f->inode->mode)) {
            file_put(f);
            return -EACCES;
        }
        if ((uint64_t)pgoff * PAGE_SIZE < f->inode->size)
            file_size = f->inode->size - (uint64_t)pgoff * PAGE_SIZE;
    }
    if (d & MAP_FIXED) {
        addr = a;
        if ((addr & (PAGE_SIZE - 1)) || addr < PAGE_SIZE || addr + len > USER_TOP ||
            addr + len < addr) {
            if (f)
                file_put(f);
            return -EINVAL;
        }
        vm_unmap(p->vm, addr, len);
    } else {
        addr = vm_find_free(p->vm, len);
        if (!addr) {
            if (f)
                file_put(f);
            return -ENOMEM;
        }
    }
    err = vm_map(p->vm, addr, len, vmflags, file_size ? f : NULL,
                 (uint64_t)pgoff * PAGE_SIZE, file_size);
    if (f)
        file_put(f); /* the mapping holds its own reference */
    return err < 0 ? err : (long)addr;
}

SYSCALL_DECL(munmap)
{
    UNUSED_ARGS;
    if ((a & (PAGE_SIZE - 1)) || b == 0)
        return -EINVAL;
    return vm_unmap(current_process()->vm, a, PAGE_ALIGN_UP(b));
}

SYSCALL_DECL(mprotect)
{
    unsigned flags = 0; /* protection bits only */

    UNUSED_ARGS;
    if ((a & (PAGE_SIZE - 1)) || (c & ~(uint32_t)(PROT_READ | PROT_WRITE | PROT_EXEC)))
        return -EINVAL;
    flags |= (c & PROT_READ ? VM_READ : 0) | (c & PROT_WRITE ? VM_WRITE : 0) |
             (c & PROT_EXEC ? VM_EXEC : 0);
    return vm_protect(current_process()->vm, a, PAGE_ALIGN_UP(b), flags);
}

SYSCALL_DECL(uname)
{
    struct utsname u;

    UNUSED_ARGS;
    memset(&u, 0, sizeof u);
    strlcpy(u.sysname, ADVENTOS_SYSNAME, sizeof u.sysname);
    hostname_get(u.nodename, sizeof u.nodename);
    strlcpy(u.release, ADVENTOS_RELEASE, sizeof u.release);
    strlcpy(u.version, ADVENTOS_VERSION, sizeof u.version);
    strlcpy(u.machine, ADVENTOS_MACHINE, sizeof u.machine);
    return copy_to_user((void *)a, &u, sizeof u) < 0 ? -EFAULT : 0;
}

/* nice(increment): the new nice value plus 20 (0..39), so it never looks like an error. */
SYSCALL_DECL(nice)
{
    struct task *t = current_task();
    int inc = (int)a;

    UNUSED_ARGS;
    if (inc < 0 && current_process()->euid != 0)
        return -EPERM; /* only root raises priority */
    if (inc > 40)
        inc = 40;
    if (inc < -40)
        inc = -40;
    task_set_nice(t, t->nice + inc);
    return t->nice + 20;
}

SYSCALL_DECL(getpgrp)
{
    UNUSED_ARGS;
    return current_process()->pgid;
}

SYSCALL_DECL(getsid)
{
    UNUSED_ARGS;
    return process_getsid((int)a);
}

SYSCALL_DECL(setsid)
{
    UNUSED_ARGS;
    return process_setsid();
}

SYSCALL_DECL(setpgid)
{
    UNUSED_ARGS;
    return process_setpgid((int)a, (int)b);
}

/*
 * setuid(uid): root sets the real and effective ids; anyone else may only set
 * the effective id back to the real one. setgid alike.
 */
SYSCALL_DECL(setuid)
{
    struct process *p = current_process();

    UNUSED_ARGS;
    if (p->euid == 0)
        p->cred.uid = p->euid = a;
    else if (a == p->cred.uid)
        p->euid = a;
    else
        return -EPERM;
    return 0;
}

SYSCALL_DECL(setgid)
{
    struct process *p = current_process();

    UNUSED_ARGS;
    if (p->euid == 0)
        p->cred.gid = p->egid = a;
    else if (a == p->cred.gid)
        p->egid = a;
    else
        return -EPERM;
    return 0;
}

/* getgroups(size, list): the supplementary groups; size 0 asks only how many. */
SYSCALL_DECL(getgroups)
{
    struct cred *cred = &current_process()->cred;

    UNUSED_ARGS;
    if ((int)a < 0)
        return -EINVAL;
    if (a == 0)
        return (long)cred->ngroups;
    if (a < cred->ngroups)
        return -EINVAL;
    if (cred->ngroups &&
        copy_to_user((void *)b, cred->groups, cred->ngroups * sizeof cred->groups[0]) < 0)
        return -EFAULT;
    return (long)cred->ngroups;
}

/* setgroups(size, list): root only; at most NGROUPS_MAX (the size of cred.groups). */
SYSCALL_DECL(setgroups)
{
    struct process *p = current_process();
    uint32_t groups[sizeof p->cred.groups / sizeof p->cred.groups[0]];

    UNUSED_ARGS;
    if (p->euid != 0)
        return -EPERM;
    if (a > sizeof groups / sizeof groups[0])
        return -EINVAL;
    if (a && copy_from_user(groups, (const void *)b, a * sizeof groups[0]) < 0)
        return -EFAULT;
    memcpy(p->cred.groups, groups, a * sizeof groups[0]);
    p->cred.ngroups = a;
    return 0;
}

/* setreuid(ruid, euid), -1 keeps one: without root, each may only be the current real or effective id. */
SYSCALL_DECL(setreuid)
{
    struct process *p = current_process();

    UNUSED_ARGS;
    if (p->euid != 0 && ((a != (uint32_t)-1 && a != p->cred.uid && a != p->euid) ||
                         (b != (uint32_t)-1 && b != p->cred.uid && b != p->euid)))
        return -EPERM;
    if (a != (uint32_t)-1)
        p->cred.uid = a;
    if (b != (uint32_t)-1)
        p->euid = b;
    return 0;
}

SYSCALL_DECL(setregid)
{
    struct process *p = current_process();

    UNUSED_ARGS;
    if (p->euid != 0 && ((a != (uint32_t)-1 && a != p->cred.gid && a != p->egid) ||
                         (b != (uint32_t)-1 && b != p->cred.gid && b != p->egid)))
        return -EPERM;
    if (a != (uint32_t)-1)
        p->cred.gid = a;
    if (b != (uint32_t)-1)
        p->egid = b;
    return 0;
}
