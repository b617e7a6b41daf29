/*
 * timer.c - one-shot kernel timers (timer.h), kept in a list sorted by
 * expiry, so each tick looks only at the head.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <clock.h>
#include <proc/timer.h>
#include <stddef.h>

static struct spinlock timer_lock = SPINLOCK_INIT_RANKED("timer", RANK_TIMER);
static struct ktimer *timers; /* soonest first */

/* Take t off the list; timer_lock held. */
static void unlink_timer(struct ktimer *t)
{
    struct ktimer **p = &timers;

    while (*p && *p != t)
        p = &(*p)->next;
    if (*p)
        *p = t->next;
    t->next = NULL;
    t->armed = 0;
}

void timer_arm(struct ktimer *t, uint64_t expires_ns)
{
    struct ktimer **p;

    spin_lock(&timer_lock);
    if (t->armed)
        unlink_timer(t);
    t->expires_ns = expires_ns;
    for (p = &timers; *p && (*p)->expires_ns <= expires_ns; p = &(*p)->next)
        ;
    t->next = *p;
    *p = t;
    t->armed = 1;
    spin_unlock(&timer_lock);
}

uint64_t timer_cancel(struct ktimer *t)
{
    uint64_t left = 0, now = clock_monotonic_ns();

    spin_lock(&timer_lock);
    if (t->armed) {
        left = t->expires_ns > now ? t->expires_ns - now : 1;
        unlink_timer(t);
    }
    spin_unlock(&timer_lock);
    return left;
}

void timer_run_expired(void)
{
    uint64_t now;

    if (!timers) /* a racy peek: the common case costs no lock */
        return;
    now = clock_monotonic_ns();
    for (;;) {
        struct ktimer *t;
        void (*fn)(void *);
        void *arg;

        spin_lock(&timer_lock);
        t = timers;
        if (!t || t->expires_ns > now) {
            spin_unlock(&timer_lock);
            return;
        }
        unlink_timer(t);
        fn = t->fn;
        arg = t->arg;
        spin_unlock(&timer_lock);
        fn(arg);
    }
}
