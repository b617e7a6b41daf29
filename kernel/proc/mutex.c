/*
 * mutex.c - see mutex.h. A holder is identified by its task once the
 * scheduler runs (it may sleep and wake on another CPU); before that only the
 * boot CPU runs, and the holder is NULL.
 */
#include <lib/panic.h>
#include <proc/mutex.h>
#include <proc/task.h>

void mutex_init(struct mutex *m, const char *name)
{
    *m = (struct mutex)MUTEX_INIT(name);
}

bool mutex_held(struct mutex *m)
{
    return m->locked && m->holder == current_task();
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
    spin_unlock(&m->guard);
}

bool mutex_trylock(struct mutex *m)
{
    bool taken = false;

    spin_lock(&m->guard);
    if (!m->locked) {
        m->locked = 1;
        m->holder = current_task();
        taken = true;
    }
    spin_unlock(&m->guard);
    return taken;
}

void mutex_unlock(struct mutex *m)
{
    if (!mutex_held(m))
        panic("mutex %s: released but not held", m->name);
    spin_lock(&m->guard);
    m->locked = 0;
    m->holder = NULL;
    spin_unlock(&m->guard);
    wait_wake_one(&m->waiters);
}
