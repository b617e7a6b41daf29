/*
 * uapi/syscall.h - system-call numbers: the one list shared by the kernel's
 * dispatch table and libc's stubs. The calling convention (int $0x80, number
 * in eax, arguments in ebx, ecx, edx, esi, edi, ebp, result in eax, -errno on
 * failure) is in docs/syscalls.md. The numbers are AdventOS's own; they never
 * change once assigned (new calls get new numbers).
 */
#ifndef UAPI_SYSCALL_H
#define UAPI_SYSCALL_H

#define SYS_exit 1
#define SYS_fork 2
#define SYS_read 3
#define SYS_write 4
#define SYS_open 5
#define SYS_close 6
#define SYS_waitpid 7
#define SYS_execve 8
#define SYS_getpid 9
#define SYS_getppid 10
#define SYS_lseek 11
#define SYS_brk 12
#define SYS_dup 13
#define SYS_dup2 14
#define SYS_pipe 15
#define SYS_mkdir 16
#define SYS_rmdir 17
#define SYS_unlink 18
#define SYS_rename 19
#define SYS_link 20
#define SYS_symlink 21
#define SYS_readlink 22
#define SYS_stat 23
#define SYS_lstat 24
#define SYS_fstat 25
#define SYS_chdir 26
#define SYS_fchdir 27
#define SYS_getcwd 28
#define SYS_getdents 29
#define SYS_umask 30
#define SYS_chmod 31
#define SYS_chown 32
#define SYS_utimes 33
#define SYS_fcntl 34
#define SYS_ioctl 35
#define SYS_pread 36
#define SYS_pwrite 37
#define SYS_mmap 38
#define SYS_munmap 39
#define SYS_mprotect 40
#define SYS_nanosleep 41
#define SYS_clock_gettime 42
#define SYS_gettimeofday 43
#define SYS_time 44
#define SYS_times 45
#define SYS_getuid 46
#define SYS_geteuid 47
#define SYS_getgid 48
#define SYS_getegid 49
#define SYS_setuid 50
#define SYS_setgid 51
#define SYS_setpgid 52
#define SYS_getpgrp 53
#define SYS_setsid 54
#define SYS_getsid 55
#define SYS_kill 56
#define SYS_sigaction 57
#define SYS_sigprocmask 58
#define SYS_sigpending 59
#define SYS_sigsuspend 60
#define SYS_sigreturn 61
#define SYS_alarm 62
#define SYS_poll 63
#define SYS_select 64
#define SYS_sync 65
#define SYS_truncate 66
#define SYS_ftruncate 67
#define SYS_nice 68
#define SYS_sched_yield 69
#define SYS_uname 70
#define SYS_getrandom 71
#define SYS_wait4 72
#define SYS_access 73
#define SYS_mknod 74
#define SYS_reboot 75
#define SYS_setreuid 76
#define SYS_setregid 77
#define SYS_getgroups 78
#define SYS_setgroups 79
#define SYS_mount 80
#define SYS_umount 81
#define SYS_statfs 82
#define SYS_fstatfs 83
#define SYS_settimeofday 84
#define SYS_clock_settime 85
#define SYS_sethostname 86
#define SYS_lchown 87

#define SYSCALL_COUNT 88

#endif
