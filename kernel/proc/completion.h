/*
 * completion.h - waiting for one event, such as a disk transfer's interrupt.
 *
 * complete() may be called from an interrupt handler. Until the scheduler
 * exists, completion_wait_timeout() waits with the CPU halted between
 * interrupts; the process work replaces that with sleeping on a wait queue,
 * without changing this interface.
 */
#ifndef PROC_COMPLETION_H
#define PROC_COMPLETION_H

#include <stdint.h>

struct completion {
    volatile int done;
};

void completion_init(struct completion *c);
void complete(struct completion *c);
/* 0 once complete() was called, -ETIMEDOUT after timeout_ms milliseconds. */
int completion_wait_timeout(struct completion *c, uint32_t timeout_ms);

#endif
