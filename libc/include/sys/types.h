/*
 * sys/types.h - the POSIX system data types. Sizes and times are 64-bit
 * (off_t, time_t, blkcnt_t), as in the kernel's struct stat; ids and modes are
 * 32-bit. Other headers repeat the typedefs they need (C11 allows identical
 * typedefs), so that each can be included alone.
 */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef __PTRDIFF_TYPE__ ssize_t; /* the signed type of size_t's width */
typedef int pid_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t mode_t;
typedef uint32_t dev_t;
typedef uint32_t ino_t;
typedef uint32_t nlink_t;
typedef int64_t off_t;
typedef int64_t time_t;
typedef int32_t suseconds_t;
typedef uint32_t useconds_t;
typedef int clockid_t;
typedef int32_t blksize_t;
typedef int64_t blkcnt_t;
typedef long clock_t;

#endif
