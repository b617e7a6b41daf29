/*
 * sys_clock.c - setting the wall clock: settimeofday(tv, tz) and
 * clock_settime(CLOCK_REALTIME, ts). Only root may (EPERM otherwise), as in
 * POSIX; the monotonic clock cannot be set (EINVAL). The new time lives in
 * the kernel only: the RTC is left as it is.
 */
#include <clock.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/time.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e

struct user_timespec {
    int64_t tv_sec;
    int32_t tv_nsec;
    int32_t pad;
};

/* Set the clock to sec + nsec after the epoch; nsec is checked here. */
static long set_realtime(int64_t sec, int64_t nsec)
{
    if (current_process()->euid != 0)
        return -EPERM;
    if (sec < 0 || nsec < 0 || nsec >= (int64_t)NSEC_PER_SEC ||
        sec > INT64_MAX / (int64_t)NSEC_PER_SEC - 1)
        return -EINVAL;
    clock_set_realtime_ns(sec * (int64_t)NSEC_PER_SEC + nsec);
    return 0;
}

/* settimeofday(const struct timeval *tv, tz): tz, obsolete, is ignored; tv NULL changes nothing. */
SYSCALL_DECL(settimeofday)
{
    struct timeval tv;

    UNUSED_ARGS;
    if (current_process()->euid != 0)
        return -EPERM;
    if (!a)
        return 0;
    if (copy_from_user(&tv, (const void *)a, sizeof tv) < 0)
        return -EFAULT;
    return set_realtime(tv.tv_sec, (int64_t)tv.tv_usec * 1000);
}

/* clock_settime(clock, const struct timespec64 *ts): CLOCK_REALTIME only. */
SYSCALL_DECL(clock_settime)
{
    struct user_timespec ts;

    UNUSED_ARGS;
    if (a != CLOCK_REALTIME)
        return -EINVAL;
    if (current_process()->euid != 0)
        return -EPERM;
    if (copy_from_user(&ts, (const void *)b, sizeof ts) < 0)
        return -EFAULT;
    return set_realtime(ts.tv_sec, ts.tv_nsec);
}
