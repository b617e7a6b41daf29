/*
 * mutex.h - a lock that may be held across blocking operations (disk I/O).
 *
 * Unlike a spinlock it leaves interrupts on. Until the scheduler exists a
 * waiter spins; the process work makes waiters sleep, without changing this
 * interface. Taking a mutex the same CPU holds panics (it would never be freed).
 */
#ifndef PROC_MUTEX_H
#define PROC_MUTEX_H

#include <stdbool.h>

struct mutex {
    volatile unsigned locked;
    const char *name;
    int holder_cpu; /* -1 when free */
};

#define MUTEX_INIT(n) {0, (n), -1}

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_held(struct mutex *m);

#endif
