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
#include <proc/signal.h>
#include <proc/timer.h>
#include <proc/wait.h>
#include <stdint.h>
#include <uapi/wait.h>

#define FD_MAX 64
#define PROC_NAME_MAX 16
#define PROC_CMDLINE_MAX 4096 /* bytes of argv kept for /proc/<pid>/cmdline */

struct vm_space;
struct task;
struct tty;

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
    /*
     * The controlling terminal of the process's session (drivers/char/tty.c
     * sets it when a session leader opens a terminal; fork copies it, setsid
     * clears it). Guarded by proc_lock.
     */
    struct tty *ctty;

    /* Signals (proc/signal.c); proc_lock guards them. */
    struct signal_state sig;
    int stopped;              /* stopped by a signal; its task sleeps on stop_wq */
    int stop_sig;             /* the signal that stopped it */
    int stop_report;          /* a stop that wait4(WUNTRACED) has not reported yet */
    int cont_report;          /* a continue that wait4(WCONTINUED) has not reported yet */
    struct wait_queue stop_wq;
    struct ktimer alarm;      /* alarm(): sends SIGALRM */

    /* CPU time in timer ticks: its own once it exited, and its waited-for children's. */
    uint64_t utime, stime, child_utime, child_stime;

    /*
     * The argument strings of the last exec, each with its NUL, at most
     * PROC_CMDLINE_MAX bytes (longer lists are cut): /proc/<pid>/cmdline.
     * A kmalloc'd copy (NULL: none), replaced by exec and freed with the
     * process. proc_lock guards the pointer and the length.
     */
    char *cmdline;
    uint32_t cmdline_len;
};

struct process *current_process(void);
/* Replace p's address space (exec, exit); the caller destroys the old one. */
void process_set_vm(struct process *p, struct vm_space *vm);
/* The path context (root, cwd, credentials) of the current process. */
void process_path_ctx(struct process *p, struct path_ctx *ctx, struct cred *cred);

/* Give p the argument list (cmdline, len bytes, kmalloc'd); the old one is freed. */
void process_set_cmdline(struct process *p, char *cmdline, uint32_t len);

/* Start /bin/init (or path) as process 1 in a new kernel thread. */
int process_start_init(const char *path, const char *arg);
/* True once process 1 has exited. */
int process_init_exited(void);
int process_fork(struct trap_frame *tf);
void process_exit(int status) __attribute__((noreturn));
/* wait4: pid -1 any child, > 0 that child, 0 same group, < -1 group -pid. */
int process_wait(int pid, int *status, int options);

int process_getsid(int pid);
/* Does some live process of session sid belong to group pgid? (tcsetpgrp) */
int process_pgrp_in_session(int pgid, int sid);
/*
 * Make tty the controlling terminal of p's session, if p leads its session
 * and the session has none; 1 if it did. Every process of the session gets it.
 */
int process_acquire_ctty(struct process *p, struct tty *tty);
/* p alone gives up its controlling terminal (TIOCNOTTY by a process that does not lead). */
void process_drop_ctty(struct process *p);
/* No session has tty as its controlling terminal any more (the tty went away). */
void process_release_ctty(struct tty *tty);
int process_setsid(void);
int process_setpgid(int pid, int pgid);

/* File descriptors of the current process. */
int fd_install(struct process *p, struct file *f, int min_fd, int cloexec);
struct file *fd_get(struct process *p, int fd); /* referenced, NULL if not open */
int fd_close(struct process *p, int fd);
void fd_close_on_exec(struct process *p);

#endif
