/*
 * timer.h - one-shot kernel timers: fn(arg) runs from the timer interrupt
 * once the monotonic clock reaches the expiry time (alarm() uses them).
 *
 * Lock: timer_lock (timer.c) guards the list and every timer's link and
 * armed flag. Callbacks run in interrupt context without it, so they may
 * arm timers and send signals, but must not sleep.
 */
#ifndef PROC_TIMER_H
#define PROC_TIMER_H

#include <stdint.h>

struct ktimer {
    uint64_t expires_ns;  /* monotonic */
    void (*fn)(void *arg);
    void *arg;
    int armed;
    struct ktimer *next;
};

/* (Re)arm t to fire at expires_ns. */
void timer_arm(struct ktimer *t, uint64_t expires_ns);
/* Disarm t; returns the nanoseconds it had left, 0 if it was not armed. */
uint64_t timer_cancel(struct ktimer *t);
/* Run the timers whose time has come (the timer interrupt calls it). */
void timer_run_expired(void);

#endif
