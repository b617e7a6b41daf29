/*
 * process.h - processes: an address space, open files, a working directory,
 * credentials, and a place in the process tree, run by one task.
 * See docs/processes.md.
 *
 * Lock: proc_lock (process.c) guards the process list, parent/child links,
 * states, exit statuses, process groups and sessions. A process's fd table
 * has its own spinlock; its vm has its own mutex.
 */
#ifndef PROC_PROCESS_H
#define PROC_PROCESS_H

#include <arch/i386/spinlock.h>
#include <fs/vfs.h>
#include <proc/wait.h>
#include <stdint.h>
#include <uapi/wait.h>

#define FD_MAX 64
#define PROC_NAME_MAX 16

struct vm_space;
struct task;

struct fd_table {
    struct spinlock lock;
    struct file *files[FD_MAX];
    uint8_t cloexec[FD_MAX];
};

enum proc_state { PROC_ALIVE, PROC_ZOMBIE };

struct process {
    int pid, pgid, sid;
    char name[PROC_NAME_MAX];
    enum proc_state state;
    int exit_status;          /* wait status encoding (bits 8-15 code, 0-6 signal) */
    struct process *parent;
    struct process *children; /* first child; siblings linked by next_sibling */
    struct process *next_sibling;
    struct process *next;     /* all processes */
    struct task *task;
    struct vm_space *vm;
    struct fd_table fds;
    struct inode *cwd, *root;
    struct cred cred;         /* real ids; uid/gid are also the effective ids for now */
    uint32_t euid, egid;
    uint32_t umask;
    struct wait_queue child_exit; /* the parent sleeps here in wait4 */
    uint64_t start_ns;
};

struct process *current_process(void);
/* The path context (root, cwd, credentials) of the current process. */
void process_path_ctx(struct process *p, struct path_ctx *ctx, struct cred *cred);

/* Start /bin/init (or path) as process 1 in a new kernel thread. */
int process_start_init(const char *path, const char *arg);
/* True once process 1 has exited. */
int process_init_exited(void);
int process_fork(struct trap_frame *tf);
void process_exit(int status) __attribute__((noreturn));
/* wait4: pid -1 any child, > 0 that child, 0 same group, < -1 group -pid. */
int process_wait(int pid, int *status, int options);

int process_getsid(int pid);
int process_setsid(void);
int process_setpgid(int pid, int pgid);

/* File descriptors of the current process. */
int fd_install(struct process *p, struct file *f, int min_fd, int cloexec);
struct file *fd_get(struct process *p, int fd); /* referenced, NULL if not open */
int fd_close(struct process *p, int fd);
void fd_close_on_exec(struct process *p);

#endif
