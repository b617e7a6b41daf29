/*
 * syscalls.h - the system-call handlers (sys_proc.c, sys_fs.c), in the form the
 * table in syscall.c takes: the trap frame and the first five arguments.
 */
#ifndef SYSCALLS_H
#define SYSCALLS_H

#include <syscall.h>

#define SYSCALL_DECL(name)                                                                 \
    long sys_##name(struct trap_frame *tf, uint32_t a, uint32_t b, uint32_t c, uint32_t d,  \
                    uint32_t e)

SYSCALL_DECL(exit);
SYSCALL_DECL(fork);
SYSCALL_DECL(read);
SYSCALL_DECL(write);
SYSCALL_DECL(open);
SYSCALL_DECL(close);
SYSCALL_DECL(waitpid);
SYSCALL_DECL(wait4);
SYSCALL_DECL(execve);
SYSCALL_DECL(getpid);
SYSCALL_DECL(getppid);
SYSCALL_DECL(lseek);
SYSCALL_DECL(brk);
SYSCALL_DECL(dup);
SYSCALL_DECL(dup2);
SYSCALL_DECL(mkdir);
SYSCALL_DECL(rmdir);
SYSCALL_DECL(unlink);
SYSCALL_DECL(rename);
SYSCALL_DECL(link);
SYSCALL_DECL(symlink);
SYSCALL_DECL(readlink);
SYSCALL_DECL(stat);
SYSCALL_DECL(lstat);
SYSCALL_DECL(fstat);
SYSCALL_DECL(chdir);
SYSCALL_DECL(fchdir);
SYSCALL_DECL(getcwd);
SYSCALL_DECL(getdents);
SYSCALL_DECL(umask);
SYSCALL_DECL(chmod);
SYSCALL_DECL(chown);
SYSCALL_DECL(fcntl);
SYSCALL_DECL(pread);
SYSCALL_DECL(pwrite);
SYSCALL_DECL(nanosleep);
SYSCALL_DECL(clock_gettime);
SYSCALL_DECL(time);
SYSCALL_DECL(getuid);
SYSCALL_DECL(getgid);
SYSCALL_DECL(sync);
SYSCALL_DECL(truncate);
SYSCALL_DECL(ftruncate);
SYSCALL_DECL(sched_yield);
SYSCALL_DECL(getrandom);
SYSCALL_DECL(access);
SYSCALL_DECL(reboot);
SYSCALL_DECL(pipe);
SYSCALL_DECL(mmap);
SYSCALL_DECL(munmap);
SYSCALL_DECL(mprotect);
SYSCALL_DECL(uname);
SYSCALL_DECL(nice);
SYSCALL_DECL(geteuid);
SYSCALL_DECL(getegid);
SYSCALL_DECL(getpgrp);
SYSCALL_DECL(getsid);
SYSCALL_DECL(setsid);
SYSCALL_DECL(setpgid);
SYSCALL_DECL(setuid);
SYSCALL_DECL(setgid);
SYSCALL_DECL(setreuid);
SYSCALL_DECL(setregid);
SYSCALL_DECL(utimes);
SYSCALL_DECL(kill);
SYSCALL_DECL(sigaction);
SYSCALL_DECL(sigprocmask);
SYSCALL_DECL(sigpending);
SYSCALL_DECL(sigsuspend);
SYSCALL_DECL(sigreturn);
SYSCALL_DECL(alarm);
SYSCALL_DECL(times);
SYSCALL_DECL(gettimeofday);
SYSCALL_DECL(ioctl);
SYSCALL_DECL(poll);
SYSCALL_DECL(select);
SYSCALL_DECL(getgroups);
SYSCALL_DECL(setgroups);
SYSCALL_DECL(mount);
SYSCALL_DECL(umount);
SYSCALL_DECL(statfs);
SYSCALL_DECL(fstatfs);
SYSCALL_DECL(settimeofday);
SYSCALL_DECL(clock_settime);
SYSCALL_DECL(sethostname);
SYSCALL_DECL(lchown);

#endif
