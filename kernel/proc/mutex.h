/*
 * mutex.h - a lock that may be held across blocking operations (disk I/O).
 *
 * Unlike a spinlock it leaves interrupts on, and a task that finds it taken
 * sleeps until it is released. Taking a mutex its holder already holds
 * panics (it would never be freed). guard protects locked, holder and the
 * waiters.
 */
#ifndef PROC_MUTEX_H
#define PROC_MUTEX_H

#include <arch/i386/spinlock.h>
#include <proc/wait.h>
#include <stdbool.h>
#include <stddef.h>

struct task;

struct mutex {
    volatile unsigned locked;
    const char *name;
    struct task *holder;  /* NULL when free (or held before the scheduler runs) */
    struct spinlock guard;
    struct wait_queue waiters;
};

#define MUTEX_INIT(n) {0, (n), NULL, SPINLOCK_INIT("mutex"), WAIT_QUEUE_INIT}

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
/* Take m if it is free, without sleeping (usable with a spinlock held); true if taken. */
bool mutex_trylock(struct mutex *m);
bool mutex_held(struct mutex *m);

#endif
