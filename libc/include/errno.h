/*
 * errno.h - error numbers (uapi/errno.h) and errno. System-call wrappers set
 * errno from the kernel's negative return value. Processes are single-threaded
 * for now, so errno is a plain global; it becomes per-thread with threads.
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

extern int errno;

#endif
