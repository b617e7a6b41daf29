/*
 * completion.c - see completion.h.
 */
#include <clock.h>
#include <proc/completion.h>
#include <uapi/errno.h>

void completion_init(struct completion *c)
{
    c->done = 0;
    c->lock = (struct spinlock)SPINLOCK_INIT("completion");
    c->waiters = (struct wait_queue)WAIT_QUEUE_INIT;
}

void complete(struct completion *c)
{
    spin_lock(&c->lock);
    c->done = 1;
    spin_unlock(&c->lock);
    wait_wake_all(&c->waiters);
}

int completion_wait_timeout(struct completion *c, uint32_t timeout_ms)
{
    uint64_t deadline = clock_monotonic_ns() + (uint64_t)timeout_ms * NSEC_PER_MSEC;
    int done;

    spin_lock(&c->lock);
    while (!c->done) {
        uint64_t now = clock_monotonic_ns();
        if (now >= deadline)
            break;
        wait_sleep(&c->waiters, &c->lock, deadline - now);
    }
    done = c->done;
    spin_unlock(&c->lock);
    return done ? 0 : -ETIMEDOUT;
}
