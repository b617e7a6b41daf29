/*
 * limits.h - the C limits of the integer types come from the compiler's own
 * <limits.h> (which looks for a C library's one unless _LIBC_LIMITS_H_ says
 * this is it); the POSIX limits of AdventOS are added here.
 */
#ifndef _LIMITS_H
#define _LIMITS_H

#define _LIBC_LIMITS_H_
#include_next <limits.h>

#define PATH_MAX 4096    /* bytes in a path, the NUL included */
#define NAME_MAX 255     /* bytes in a file name (AdventFS) */
#define PIPE_BUF 4096    /* writes to a pipe up to this size are atomic */
#define ARG_MAX 131072   /* bytes of arguments and environment for execve */
#define OPEN_MAX 64      /* descriptors per process */
#define NGROUPS_MAX 16   /* supplementary groups per process (setgroups) */
#define SSIZE_MAX INT_MAX

#endif
