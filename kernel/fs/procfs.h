/*
 * procfs.h - the process file system mounted at /proc (docs/procfs.md): text
 * files generated from kernel state when they are opened. procfs.c is the
 * file system (directories, lookup, open/read); procfs_pid.c makes the files
 * of /proc/<pid>/, procfs_sys.c the system-wide ones.
 */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

#include <fs/vfs.h>
#include <stdarg.h>
#include <stddef.h>

/* Register the "proc" file system type and start what its files report (the load average). */
void procfs_init(void);

/* The text of one open file: built at open, read from then on, freed at release. */
struct proc_text {
    char *data;
    size_t len, cap;
    int err; /* -ENOMEM once an append did not fit and the buffer could not grow */
};

void proc_text_write(struct proc_text *t, const void *s, size_t len);
void proc_text_printf(struct proc_text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Generators: append the file's text to t. 0 or -errno (-ENOENT: the process
 * is gone). A pid generator gets the process; the system ones the caller's
 * root (for the paths of /proc/mounts).
 */
typedef int (*proc_pid_show_fn)(struct proc_text *t, int pid);
typedef int (*proc_sys_show_fn)(struct proc_text *t, struct inode *root);

int procfs_pid_stat(struct proc_text *t, int pid);
int procfs_pid_status(struct proc_text *t, int pid);
int procfs_pid_cmdline(struct proc_text *t, int pid);

int procfs_uptime(struct proc_text *t, struct inode *root);
int procfs_meminfo(struct proc_text *t, struct inode *root);
int procfs_loadavg(struct proc_text *t, struct inode *root);
int procfs_mounts(struct proc_text *t, struct inode *root);
int procfs_cpuinfo(struct proc_text *t, struct inode *root);
int procfs_version(struct proc_text *t, struct inode *root);
int procfs_dmesg(struct proc_text *t, struct inode *root);

#endif
