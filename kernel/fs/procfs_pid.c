/*
 * procfs_pid.c - the files of /proc/<pid>/: stat, status and cmdline, in
 * Linux's formats (proc(5)), made from one snapshot of the process
 * (proc/proc_info.h). Fields AdventOS does not keep (page-fault counts,
 * signal masks, code addresses ...) are 0, so that the field positions stay
 * those every ps expects.
 */
#include <drivers/clock/pit.h>
#include <fs/procfs.h>
#include <mm/kmalloc.h>
#include <proc/proc_info.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include <uapi/time.h>

#define NS_PER_CLOCK_TICK (1000000000ull / CLK_TCK)

/* Timer ticks (PIT_HZ per second) to clock ticks (CLK_TCK per second, as times() counts). */
static unsigned long long clock_ticks(uint64_t ticks)
{
    return (unsigned long long)(ticks * CLK_TCK / PIT_HZ);
}

/* A device number as Linux's tty_nr: major in bits 8-15, minor in 0-7 and 20-31. */
static unsigned linux_dev(uint32_t rdev)
{
    uint32_t ma = major(rdev), mi = minor(rdev);

    return (ma & 0xff) << 8 | (mi & 0xff) | (mi & ~0xffu) << 12;
}

static const char *state_name(char state)
{
    switch (state) {
    case 'R': return "R (running)";
    case 'S': return "S (sleeping)";
    case 'D': return "D (disk sleep)";
    case 'T': return "T (stopped)";
    default: return "Z (zombie)";
    }
}

/* A snapshot of pid in a new buffer (kfree it), or NULL with *err set. */
static struct proc_info *snapshot(int pid, int with_cmdline, int *err)
{
    struct proc_info *info = kmalloc(sizeof *info);

    if (!info) {
        *err = -ENOMEM;
        return NULL;
    }
    if (proc_info_get(pid, info, with_cmdline) < 0) {
        kfree(info);
        *err = -ENOENT;
        return NULL;
    }
    return info;
}

int procfs_pid_stat(struct proc_text *t, int pid)
{
    int err;
    struct proc_info *i = snapshot(pid, 0, &err);

    if (!i)
        return err;
    /* Fields 1-13: pid (comm) state ppid pgrp session tty_nr tpgid flags and 4 fault counts. */
    proc_text_printf(t, "%d (%s) %c %d %d %d %u %d 0 0 0 0 0 ", i->pid, i->name, i->state,
                     i->ppid, i->pgid, i->sid, linux_dev(i->tty_rdev), i->tty_pgrp);
    /* 14-17: utime stime cutime cstime; 18-21: priority nice num_threads itrealvalue. */
    proc_text_printf(t, "%llu %llu %llu %llu %d %d 1 0 ", clock_ticks(i->utime),
                     clock_ticks(i->stime), clock_ticks(i->child_utime),
                     clock_ticks(i->child_stime), 20 + i->nice, i->nice);
    /* 22-25: starttime vsize rss rsslim; 26-44: addresses, signals, wchan, CPU ... as 0. */
    proc_text_printf(t, "%llu %u %u 4294967295", (unsigned long long)(i->start_ns / NS_PER_CLOCK_TICK),
                     i->vm_bytes, i->rss_pages);
    for (int field = 26; field <= 44; field++)
        proc_text_printf(t, " %d", field == 38 ? 17 /* exit_signal: SIGCHLD */ : 0);
    proc_text_write(t, "\n", 1);
    kfree(i);
    return 0;
}

int procfs_pid_status(struct proc_text *t, int pid)
{
    int err;
    struct proc_info *i = snapshot(pid, 0, &err);

    if (!i)
        return err;
    proc_text_printf(t, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\n", i->name,
                     state_name(i->state), i->pid, i->pid, i->ppid);
    proc_text_printf(t, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", i->uid, i->euid,
                     i->euid, i->euid, i->gid, i->egid, i->egid, i->egid);
    if (i->state != 'Z')
        proc_text_printf(t, "VmSize:\t%8u kB\nVmRSS:\t%8u kB\n", i->vm_bytes / 1024,
                         i->rss_pages * 4);
    proc_text_printf(t, "Threads:\t1\n");
    kfree(i);
    return 0;
}

int procfs_pid_cmdline(struct proc_text *t, int pid)
{
    int err;
    struct proc_info *i = snapshot(pid, 1, &err);

    if (!i)
        return err;
    proc_text_write(t, i->cmdline, i->cmdline_len);
    kfree(i);
    return 0;
}
