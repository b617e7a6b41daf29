/*
 * proc_info.c - see proc_info.h.
 *
 * Under proc_lock a process's task, address space and terminal stay in
 * place: exit clears p->task and p->vm under it before they are freed, and
 * terminals are never freed. The address-space size needs the space's
 * region list, guarded by its mutex, which cannot be waited for under a
 * spinlock: it is tried, and when the process is busy changing its
 * mappings the snapshot is retried a few times after a yield, then taken
 * with the size of the pages present instead.
 */
#include <arch/i386/memlayout.h>
#include <drivers/char/tty.h>
#include <fs/devfs.h>
#include <mm/vm.h>
#include <proc/proc_info.h>
#include <proc/proc_internal.h>
#include <proc/task.h>
#include <string.h>
#include <uapi/errno.h>

#define VM_TRIES 5

static char state_of(const struct process *p)
{
    if (p->state == PROC_ZOMBIE)
        return 'Z';
    if (p->stopped)
        return 'T';
    if (!p->task || p->task->state == TASK_RUNNABLE)
        return 'R';
    return p->task->interruptible ? 'S' : 'D';
}

/* The mapped bytes of vm, or -1 if its lock is taken; proc_lock held. */
static int64_t vm_size_locked(struct vm_space *vm)
{
    uint32_t bytes = 0;

    if (!mutex_trylock(&vm->lock))
        return -1;
    for (struct vm_region *r = vm->regions; r; r = r->next)
        bytes += r->end - r->start;
    mutex_unlock(&vm->lock);
    return bytes;
}

/* Copy p into info; proc_lock held. Returns 0, or -EAGAIN when the vm size must be retried. */
static int fill_locked(const struct process *p, struct proc_info *info, int with_cmdline,
                       int must_finish)
{
    int64_t vm_bytes = 0;

    if (p->vm) {
        vm_bytes = vm_size_locked(p->vm);
        if (vm_bytes < 0 && !must_finish)
            return -EAGAIN;
        if (vm_bytes < 0)
            vm_bytes = (int64_t)p->vm->pages * PAGE_SIZE;
    }
    info->vm_bytes = (uint32_t)vm_bytes;
    info->rss_pages = p->vm ? p->vm->pages : 0;
    info->pid = p->pid;
    info->ppid = p->parent && p->parent != p ? p->parent->pid : 0;
    info->pgid = p->pgid;
    info->sid = p->sid;
    info->state = state_of(p);
    memcpy(info->name, p->name, sizeof info->name);
    info->uid = p->cred.uid;
    info->euid = p->euid;
    info->gid = p->cred.gid;
    info->egid = p->egid;
    /* The foreground group is the terminal's (under its own lock): a plain read of one int. */
    info->tty_rdev = p->ctty ? devfs_rdev_of(p->ctty) : 0;
    info->tty_pgrp = p->ctty ? __atomic_load_n(&p->ctty->pgrp, __ATOMIC_RELAXED) : -1;
    if (p->task) {
        info->nice = p->task->nice;
        info->utime = p->task->user_ticks;
        info->stime = p->task->ticks - p->task->user_ticks;
    } else {
        info->nice = 0;
        info->utime = p->utime;
        info->stime = p->stime;
    }
    info->child_utime = p->child_utime;
    info->child_stime = p->child_stime;
    info->start_ns = p->start_ns;
    info->cmdline_len = 0;
    if (with_cmdline && p->cmdline && p->state == PROC_ALIVE) {
        info->cmdline_len = p->cmdline_len;
        memcpy(info->cmdline, p->cmdline, p->cmdline_len);
    }
    return 0;
}

int proc_info_get(int pid, struct proc_info *info, int with_cmdline)
{
    for (int tries = 0;; tries++) {
        struct process *p;
        int err = -ESRCH;

        spin_lock(&proc_lock);
        for (p = all_procs; p && p->pid != pid; p = p->next)
            ;
        if (p)
            err = fill_locked(p, info, with_cmdline, tries >= VM_TRIES);
        spin_unlock(&proc_lock);
        if (err != -EAGAIN)
            return err;
        sched_yield();
    }
}

int proc_info_ids(int pid, uint32_t *uid, uint32_t *gid)
{
    int err = -ESRCH;

    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next) {
        if (p->pid == pid) {
            *uid = p->euid;
            *gid = p->egid;
            err = 0;
            break;
        }
    }
    spin_unlock(&proc_lock);
    return err;
}

int proc_info_pids(int *pids, int max)
{
    int n = 0;

    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next) {
        if (n < max) { /* insertion sort: the list is short */
            int i = n;
            while (i > 0 && pids[i - 1] > p->pid) {
                pids[i] = pids[i - 1];
                i--;
            }
            pids[i] = p->pid;
        }
        n++;
    }
    spin_unlock(&proc_lock);
    return n;
}

int proc_info_last_pid(void)
{
    uint64_t newest = 0;
    int pid = 0;

    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next) {
        if (p->start_ns >= newest) {
            newest = p->start_ns;
            pid = p->pid;
        }
    }
    spin_unlock(&proc_lock);
    return pid;
}
