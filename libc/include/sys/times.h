/*
 * sys/times.h - times(): CPU time of the process and its waited-for
 * children, in clock ticks of CLK_TCK (sysconf(_SC_CLK_TCK)) per second.
 * struct tms comes from uapi/time.h.
 */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <sys/types.h>
#include <uapi/time.h>

clock_t times(struct tms *buf);

#endif
