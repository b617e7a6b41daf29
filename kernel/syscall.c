/*
 * syscall.c - the system-call table and dispatcher.
 *
 * `int $0x80` from user mode arrives here with the number in eax and up to
 * six arguments in ebx, ecx, edx, esi, edi, ebp. Each handler gets them as
 * plain 32-bit values and checks them itself (user pointers only through
 * copy_from_user/copy_to_user); it returns a value or -errno, which goes back
 * in eax. An unknown number returns -ENOSYS.
 */
#include <arch/i386/trap.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <syscall.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>

static const syscall_fn table[SYSCALL_COUNT] = {
    [SYS_exit] = sys_exit,
    [SYS_fork] = sys_fork,
    [SYS_read] = sys_read,
    [SYS_write] = sys_write,
    [SYS_open] = sys_open,
    [SYS_close] = sys_close,
    [SYS_waitpid] = sys_waitpid,
    [SYS_wait4] = sys_wait4,
    [SYS_execve] = sys_execve,
    [SYS_getpid] = sys_getpid,
    [SYS_getppid] = sys_getppid,
    [SYS_lseek] = sys_lseek,
    [SYS_brk] = sys_brk,
    [SYS_dup] = sys_dup,
    [SYS_dup2] = sys_dup2,
    [SYS_mkdir] = sys_mkdir,
    [SYS_rmdir] = sys_rmdir,
    [SYS_unlink] = sys_unlink,
    [SYS_rename] = sys_rename,
    [SYS_link] = sys_link,
    [SYS_symlink] = sys_symlink,
    [SYS_readlink] = sys_readlink,
    [SYS_stat] = sys_stat,
    [SYS_lstat] = sys_lstat,
    [SYS_fstat] = sys_fstat,
    [SYS_chdir] = sys_chdir,
    [SYS_fchdir] = sys_fchdir,
    [SYS_getcwd] = sys_getcwd,
    [SYS_getdents] = sys_getdents,
    [SYS_umask] = sys_umask,
    [SYS_chmod] = sys_chmod,
    [SYS_chown] = sys_chown,
    [SYS_fcntl] = sys_fcntl,
    [SYS_pread] = sys_pread,
    [SYS_pwrite] = sys_pwrite,
    [SYS_nanosleep] = sys_nanosleep,
    [SYS_clock_gettime] = sys_clock_gettime,
    [SYS_time] = sys_time,
    [SYS_getuid] = sys_getuid,
    [SYS_geteuid] = sys_geteuid,
    [SYS_getgid] = sys_getgid,
    [SYS_getegid] = sys_getegid,
    [SYS_sync] = sys_sync,
    [SYS_truncate] = sys_truncate,
    [SYS_ftruncate] = sys_ftruncate,
    [SYS_sched_yield] = sys_sched_yield,
    [SYS_getrandom] = sys_getrandom,
    [SYS_access] = sys_access,
    [SYS_reboot] = sys_reboot,
    [SYS_pipe] = sys_pipe,
    [SYS_mmap] = sys_mmap,
    [SYS_munmap] = sys_munmap,
    [SYS_mprotect] = sys_mprotect,
    [SYS_uname] = sys_uname,
    [SYS_nice] = sys_nice,
    [SYS_getpgrp] = sys_getpgrp,
    [SYS_getsid] = sys_getsid,
    [SYS_setsid] = sys_setsid,
    [SYS_setpgid] = sys_setpgid,
    [SYS_setuid] = sys_setuid,
    [SYS_setgid] = sys_setgid,
    [SYS_setreuid] = sys_setreuid,
    [SYS_setregid] = sys_setregid,
    [SYS_utimes] = sys_utimes,
    [SYS_kill] = sys_kill,
    [SYS_sigaction] = sys_sigaction,
    [SYS_sigprocmask] = sys_sigprocmask,
    [SYS_sigpending] = sys_sigpending,
    [SYS_sigsuspend] = sys_sigsuspend,
    [SYS_sigreturn] = sys_sigreturn,
    [SYS_alarm] = sys_alarm,
    [SYS_times] = sys_times,
    [SYS_gettimeofday] = sys_gettimeofday,
    [SYS_ioctl] = sys_ioctl,
    [SYS_poll] = sys_poll,
    [SYS_select] = sys_select,
    [SYS_getgroups] = sys_getgroups,
    [SYS_setgroups] = sys_setgroups,
    [SYS_mount] = sys_mount,
    [SYS_umount] = sys_umount,
    [SYS_statfs] = sys_statfs,
    [SYS_fstatfs] = sys_fstatfs,
    [SYS_settimeofday] = sys_settimeofday,
    [SYS_clock_settime] = sys_clock_settime,
    [SYS_sethostname] = sys_sethostname,
    [SYS_lchown] = sys_lchown,
};

char *syscall_get_path(const char *upath, int *err)
{
    char *path = kmalloc(PATH_MAX);
    long n;

    if (!path) {
        *err = -ENOMEM;
        return NULL;
    }
    n = strncpy_from_user(path, upath, PATH_MAX);
    if (n < 0) {
        kfree(path);
        *err = (int)n;
        return NULL;
    }
    return path;
}

void syscall_dispatch(struct trap_frame *tf)
{
    uint32_t nr = tf->eax;
    long ret = -ENOSYS;

    if (nr < SYSCALL_COUNT && table[nr])
        ret = table[nr](tf, tf->ebx, tf->ecx, tf->edx, tf->esi, tf->edi);
    tf->eax = (uint32_t)ret;
}
