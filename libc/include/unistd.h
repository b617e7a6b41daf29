/*
 * unistd.h - the POSIX system interface: files, processes, identities.
 * Each function is a thin wrapper around one system call (libc/sys/), except
 * the exec variants, sleep and sbrk, which build on the others.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <uapi/fcntl.h> /* SEEK_SET, SEEK_CUR, SEEK_END */

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

/* access() modes */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

extern char **environ;

/* Files and descriptors. */
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
off_t lseek(int fd, off_t offset, int whence);
int close(int fd);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fds[2]);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
void sync(void);

/* Terminals (libc/sys/tty.c). */
/* 1 if fd is a terminal; 0 with errno ENOTTY (or EBADF) otherwise. */
int isatty(int fd);
/* Read a password from /dev/tty with echo off (libc/unistd/getpass.c). */
char *getpass(const char *prompt);
/* The /dev path of the terminal open on fd (a static buffer), or NULL with errno. */
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t size);

/* Names. */
int rmdir(const char *path);
int unlink(const char *path);
int link(const char *old_path, const char *new_path);
int symlink(const char *target, const char *link_path);
ssize_t readlink(const char *path, char *buf, size_t size);
int chdir(const char *path);
int fchdir(int fd);
/* With buf NULL, a buffer of size bytes (PATH_MAX when size is 0) is malloc'ed. */
char *getcwd(char *buf, size_t size);
int access(const char *path, int mode);
int chown(const char *path, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);

/* Processes. */
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
/* Searches PATH (default "/bin") when file has no '/'. */
int execvp(const char *file, char *const argv[]);
int execl(const char *path, const char *arg0, ...);
int execlp(const char *file, const char *arg0, ...);
void _exit(int status) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
pid_t getpgrp(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);
pid_t getsid(pid_t pid);
int nice(int increment);
unsigned int alarm(unsigned int seconds);
int pause(void);

/* System limits and constants. */
#define _SC_CLK_TCK 2
#define _SC_OPEN_MAX 4
#define _SC_PAGESIZE 30
#define _SC_PAGE_SIZE _SC_PAGESIZE
long sysconf(int name);
int getpagesize(void);
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

/* Identities. */
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int setreuid(uid_t ruid, uid_t euid);
int setregid(gid_t rgid, gid_t egid);
int getgroups(int size, gid_t list[]);
/* The host name (uname's nodename); sethostname is root's (libc/unistd/hostname.c). */
int gethostname(char *name, size_t len);
int sethostname(const char *name, size_t len);
int setgroups(size_t size, const gid_t *list);

/* Options (libc/unistd/getopt.c; getopt_long is in <getopt.h>). */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);

/*
 * File modes as chmod(1) writes them, BSD's interface (libc/misc/setmode.c):
 * setmode compiles an octal or symbolic mode ("755", "u+x,go-w") into a
 * malloc'ed set (NULL with errno EINVAL when it does not parse; free() it);
 * getmode applies the set to a mode and returns the new one.
 */
void *setmode(const char *mode_str);
mode_t getmode(const void *set, mode_t mode);

/* Memory: the program break (the end of the heap). */
int brk(void *addr);
void *sbrk(intptr_t increment);

#endif
