/*
 * completion.h - waiting for one event, such as a disk transfer's interrupt.
 *
 * complete() may be called from an interrupt handler. The waiter sleeps on a
 * wait queue (before the scheduler starts, it halts the CPU between
 * interrupts instead). lock guards done.
 */
#ifndef PROC_COMPLETION_H
#define PROC_COMPLETION_H

#include <arch/i386/spinlock.h>
#include <proc/wait.h>
#include <stdint.h>

struct completion {
    volatile int done;
    struct spinlock lock;
    struct wait_queue waiters;
};

void completion_init(struct completion *c);
void complete(struct completion *c);
/* 0 once complete() was called, -ETIMEDOUT after timeout_ms milliseconds. */
int completion_wait_timeout(struct completion *c, uint32_t timeout_ms);

#endif
