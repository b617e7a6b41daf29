/*
 * mutex.c - see mutex.h. A holder is identified by its task once the
 * scheduler runs (two tasks on one CPU are different holders), by its CPU
 * before that.
 */
#include <arch/i386/percpu.h>
#include <lib/panic.h>
#include <proc/mutex.h>
#include <proc/task.h>

void mutex_init(struct mutex *m, const char *name)
{
    *m = (struct mutex)MUTEX_INIT(name);
}

bool mutex_held(struct mutex *m)
{
    return m->locked && m->holder == current_task() && m->holder_cpu == this_cpu()->id;
}

void mutex_lock(struct mutex *m)
{
    if (mutex_held(m))
        panic("mutex %s: taken twice", m->name);
    spin_lock(&m->guard);
    while (m->locked)
        wait_sleep(&m->waiters, &m->guard, 0);
    m->locked = 1;
    m->holder = current_task();
    m->holder_cpu = this_cpu()->id;
    spin_unlock(&m->guard);
}

void mutex_unlock(struct mutex *m)
{
    if (!mutex_held(m))
        panic("mutex %s: released but not held", m->name);
    spin_lock(&m->guard);
    m->locked = 0;
    m->holder = NULL;
    m->holder_cpu = -1;
    spin_unlock(&m->guard);
    wait_wake_one(&m->waiters);
}
