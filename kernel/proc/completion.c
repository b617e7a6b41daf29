/*
 * completion.c - see completion.h. The flag is set by complete() and read
 * with interrupts enabled; halting until the next interrupt cannot miss the
 * event because the timer interrupt wakes the CPU at least every millisecond.
 */
#include <arch/i386/cpu.h>
#include <clock.h>
#include <proc/completion.h>
#include <uapi/errno.h>

void completion_init(struct completion *c)
{
    c->done = 0;
}

void complete(struct completion *c)
{
    c->done = 1;
}

int completion_wait_timeout(struct completion *c, uint32_t timeout_ms)
{
    uint64_t deadline = clock_monotonic_ns() + (uint64_t)timeout_ms * NSEC_PER_MSEC;
    uint32_t flags = read_eflags();

    while (!c->done) {
        if (clock_monotonic_ns() >= deadline)
            break;
        sti_hlt();
    }
    if (!(flags & EFLAGS_IF))
        cli();
    return c->done ? 0 : -ETIMEDOUT;
}
