/*
 * loadavg.h - the load average: the number of tasks running or waiting to
 * run, averaged exponentially over 1, 5 and 15 minutes, sampled every 5
 * seconds (the classic Unix definition). Shown in /proc/loadavg.
 */
#ifndef PROC_LOADAVG_H
#define PROC_LOADAVG_H

#include <stdint.h>

#define LOADAVG_SHIFT 11                 /* fixed point: 11 fraction bits */
#define LOADAVG_ONE (1u << LOADAVG_SHIFT)

/* Start sampling (once the scheduler and the timers run). */
void loadavg_start(void);
/* The three averages in fixed point (LOADAVG_ONE = 1.0). */
void loadavg_get(uint32_t avg[3]);

#endif
