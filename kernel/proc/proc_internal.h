/*
 * proc_internal.h - the process list and its lock, shared by the files of
 * kernel/proc that walk it (process.c, signal.c). Nothing outside kernel/proc
 * includes this.
 */
#ifndef PROC_PROC_INTERNAL_H
#define PROC_PROC_INTERNAL_H

#include <arch/i386/spinlock.h>

struct process;

/* proc_lock guards the process list and everything process.h says it guards. */
extern struct spinlock proc_lock;
extern struct process *all_procs;

/* The live process with this pid, or NULL; proc_lock held. */
struct process *process_find_locked(int pid);

#endif
