/*
 * oom.c - what happens when a user page fault finds no free memory.
 *
 * The process that uses the most memory (mapped user pages, init excepted)
 * is killed with SIGKILL and a message on the console; that is usually the
 * one that ran the system out, but not always the one that faulted. A
 * faulting process that is not the victim waits a moment for the victim's
 * memory to come back and retries.
 */
#include <lib/kprintf.h>
#include <mm/vm.h>
#include <proc/oom.h>
#include <proc/proc_internal.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <string.h>
#include <uapi/errno.h>

#define OOM_RETRY_WAIT_NS 20000000ull /* 20 ms */

int oom_user_fault(void)
{
    struct process *self = current_process(), *victim = self;
    uint32_t most = 0, pages;
    char name[PROC_NAME_MAX];
    int pid, already;

    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next) {
        if (p->state != PROC_ALIVE || !p->vm || p->pid == 1)
            continue;
        if (p->vm->pages > most) {
            most = p->vm->pages;
            victim = p;
        }
    }
    pid = victim->pid;
    pages = victim->vm ? victim->vm->pages : 0;
    already = (victim->sig.pending & SIGBIT(SIGKILL)) != 0;
    memcpy(name, victim->name, sizeof name);
    spin_unlock(&proc_lock);

    if (!already)
        kprintf("out of memory: killed process %d (%s), which used %u KiB\n", pid, name,
                pages * 4);
    signal_send(pid, SIGKILL, NULL);
    if (victim == self)
        return 0;
    task_sleep_ns(OOM_RETRY_WAIT_NS);
    return 1;
}
