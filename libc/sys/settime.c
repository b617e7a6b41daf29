/*
 * settime.c - setting the wall clock (root only): settimeofday and
 * clock_settime(CLOCK_REALTIME).
 */
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

int settimeofday(const struct timeval *tv, const void *tz)
{
    return __syscall_ret(__syscall2(SYS_settimeofday, (long)tv, (long)tz));
}

int clock_settime(clockid_t clock, const struct timespec *ts)
{
    return __syscall_ret(__syscall2(SYS_clock_settime, clock, (long)ts));
}
