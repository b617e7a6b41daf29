/*
 * mutex.c - see mutex.h.
 */
#include <arch/i386/percpu.h>
#include <lib/panic.h>
#include <proc/mutex.h>

void mutex_init(struct mutex *m, const char *name)
{
    m->locked = 0;
    m->name = name;
    m->holder_cpu = -1;
}

bool mutex_held(struct mutex *m)
{
    return m->locked && m->holder_cpu == this_cpu()->id;
}

void mutex_lock(struct mutex *m)
{
    if (mutex_held(m))
        panic("mutex %s: taken twice", m->name);
    while (__atomic_exchange_n(&m->locked, 1, __ATOMIC_ACQUIRE))
        __asm__ volatile("pause");
    m->holder_cpu = this_cpu()->id;
}

void mutex_unlock(struct mutex *m)
{
    if (!mutex_held(m))
        panic("mutex %s: released but not held", m->name);
    m->holder_cpu = -1;
    __atomic_store_n(&m->locked, 0, __ATOMIC_RELEASE);
}
