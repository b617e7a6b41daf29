/*
 * fcntl.h - open() and fcntl(): the flag and command values are the kernel's
 * (uapi/fcntl.h).
 */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <sys/types.h>
#include <uapi/fcntl.h>

/* mode (the permission bits of a created file) is read only with O_CREAT. */
int open(const char *path, int flags, ...);
int creat(const char *path, mode_t mode);
int fcntl(int fd, int cmd, ...);

#endif
