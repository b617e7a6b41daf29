/*
 * time.c - clocks and sleeping. Everything is built on SYS_clock_gettime and
 * SYS_nanosleep, which take struct timespec (laid out as the kernel's struct
 * timespec64): gettimeofday and time are conversions of CLOCK_REALTIME.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <uapi/stat.h>
#include <unistd.h>

_Static_assert(sizeof(struct timespec) == sizeof(struct timespec64) &&
                   offsetof(struct timespec, tv_sec) == offsetof(struct timespec64, tv_sec) &&
                   offsetof(struct timespec, tv_nsec) == offsetof(struct timespec64, tv_nsec),
               "struct timespec must have the kernel's layout");

int clock_gettime(clockid_t clock, struct timespec *ts)
{
    return __syscall_ret(__syscall2(SYS_clock_gettime, clock, (long)ts));
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
    return __syscall_ret(__syscall2(SYS_nanosleep, (long)req, (long)rem));
}

time_t time(time_t *t)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
        return (time_t)-1;
    if (t)
        *t = ts.tv_sec;
    return ts.tv_sec;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
    if (__syscall_ret(__syscall2(SYS_gettimeofday, (long)tv, 0)) < 0)
        return -1;
    if (tz) {
        struct timezone *z = tz;
        z->tz_minuteswest = 0;
        z->tz_dsttime = 0;
    }
    return 0;
}

unsigned int sleep(unsigned int seconds)
{
    struct timespec req = {.tv_sec = seconds}, rem = {0};

    if (nanosleep(&req, &rem) < 0 && errno == EINTR)
        return (unsigned int)rem.tv_sec + (rem.tv_nsec > 0); /* whole seconds not slept */
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec req = {.tv_sec = usec / 1000000, .tv_nsec = (long)(usec % 1000000) * 1000};

    return nanosleep(&req, NULL);
}

clock_t times(struct tms *buf)
{
    return (clock_t)__syscall_ret(__syscall1(SYS_times, (long)buf));
}
