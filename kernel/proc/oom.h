/*
 * oom.h - the out-of-memory killer (oom.c).
 */
#ifndef PROC_OOM_H
#define PROC_OOM_H

/*
 * A user page fault of the current process could not get memory. Kills the
 * biggest process; returns 1 when the fault should simply be retried (another
 * process was killed), 0 when the current process is the one killed.
 */
int oom_user_fault(void);

#endif
