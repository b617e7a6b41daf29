/*
 * proc_info.h - consistent snapshots of processes for listings (/proc, see
 * docs/procfs.md): every field of a struct proc_info is copied under
 * proc_lock at one moment, so a reader formats them at leisure, with no lock
 * held, and a process that exits meanwhile changes nothing.
 */
#ifndef PROC_PROC_INFO_H
#define PROC_PROC_INFO_H

#include <proc/process.h>
#include <stdint.h>

struct proc_info {
    int pid, ppid, pgid, sid;
    char state;                 /* R running, S sleeping, D uninterruptible, T stopped, Z zombie */
    char name[PROC_NAME_MAX];
    uint32_t uid, euid, gid, egid;
    uint32_t tty_rdev;          /* the controlling terminal's device number, 0 for none */
    int tty_pgrp;               /* its foreground process group, -1 without a terminal */
    int nice;
    /* CPU time in timer ticks (PIT_HZ per second): own, and of waited-for children. */
    uint64_t utime, stime, child_utime, child_stime;
    uint64_t start_ns;          /* monotonic time of the fork */
    uint32_t vm_bytes;          /* mapped user address space */
    uint32_t rss_pages;         /* user pages present */
    uint32_t cmdline_len;
    char cmdline[PROC_CMDLINE_MAX]; /* argv, NUL-separated (only if asked for) */
};

/* Fill *info for process pid (zombies too); with_cmdline copies the argument list. 0 or -ESRCH. */
int proc_info_get(int pid, struct proc_info *info, int with_cmdline);
/* The effective ids of process pid (zombies too): 0, or -ESRCH when there is none. */
int proc_info_ids(int pid, uint32_t *uid, uint32_t *gid);
/* Up to max pids of all processes, ascending; returns how many there are in all. */
int proc_info_pids(int *pids, int max);
/* The pid of the newest process (the last one fork handed out). */
int proc_info_last_pid(void);

#endif
