/*
 * wait.h - wait queues: tasks sleeping until an event.
 *
 *     spin_lock(&obj->lock);
 *     while (!condition)
 *         wait_sleep(&obj->waiters, &obj->lock, 0);   (drops and retakes the lock)
 *     spin_unlock(&obj->lock);
 *
 * and, where the condition becomes true (also from interrupt handlers):
 *     wait_wake_all(&obj->waiters);
 *
 * The caller's lock makes "check, then sleep" atomic against the wakeup:
 * the task is queued before the lock is dropped. Lists are guarded by
 * sched_lock (task.h).
 */
#ifndef PROC_WAIT_H
#define PROC_WAIT_H

#include <arch/i386/spinlock.h>
#include <stddef.h>
#include <stdint.h>

struct task;

struct wait_queue {
    struct task *head;
};

#define WAIT_QUEUE_INIT {NULL}

/*
 * Sleep on wq, releasing lk (held, taken with spin_lock) while asleep and
 * taking it again before returning. timeout_ns 0 = no timeout. Returns 0 when
 * woken, -ETIMEDOUT when the time ran out. Before the scheduler runs, waits
 * with the CPU halted instead.
 */
int wait_sleep(struct wait_queue *wq, struct spinlock *lk, uint64_t timeout_ns);
/*
 * The same, but a signal for the task also ends the sleep: -EINTR (also when
 * one is already waiting before it sleeps). The caller usually turns that
 * into -ERESTARTSYS (proc/signal.h). For sleeps on user-visible events: pipes,
 * ttys, wait4, poll.
 */
int wait_sleep_intr(struct wait_queue *wq, struct spinlock *lk, uint64_t timeout_ns);
void wait_wake_all(struct wait_queue *wq);
void wait_wake_one(struct wait_queue *wq);

#endif
