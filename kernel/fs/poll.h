/*
 * poll.h - waking poll() and select() (fs/poll.c, docs/tty.md "poll and
 * select").
 *
 * A task sleeps on one wait queue at a time, so a poll over many files
 * cannot queue itself on each file's own queue. Instead every poller sleeps
 * on one global queue, and every pollable object calls poll_notify() after
 * each change of its readiness (data arrived, room appeared, an end closed).
 * A generation counter bumped by poll_notify() and checked before sleeping
 * makes sure no change between a poller's scan and its sleep is missed.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

/*
 * Something's readiness changed: wake every task in poll or select so that it
 * looks again. Call it after the change is visible (after releasing the
 * object's lock is fine). Interrupt-safe; cheap when nobody polls.
 */
void poll_notify(void);

#endif
