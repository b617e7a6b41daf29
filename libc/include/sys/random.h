/*
 * sys/random.h - getrandom(): bytes from the kernel's random generator;
 * flags from uapi/random.h.
 */
#ifndef _SYS_RANDOM_H
#define _SYS_RANDOM_H

#include <sys/types.h>
#include <uapi/random.h>

ssize_t getrandom(void *buf, size_t length, unsigned int flags);

#endif
