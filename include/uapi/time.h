/*
 * uapi/time.h - clock identifiers of clock_gettime(), shared by the kernel
 * and libc (values as on Linux). The time values themselves cross the
 * boundary as struct timespec64 (uapi/stat.h): 64-bit seconds, 32-bit
 * nanoseconds, 32 bits of padding.
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

#define CLOCK_REALTIME 0  /* wall-clock time, seconds since 1970-01-01 00:00 UTC */
#define CLOCK_MONOTONIC 1 /* time since boot; never goes back */

#endif
