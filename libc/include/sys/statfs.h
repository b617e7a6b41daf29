/*
 * sys/statfs.h - statfs() and fstatfs(): the size, free space and type of
 * the file system a file is on (struct statfs and the magic numbers:
 * uapi/statfs.h). The portable interface is statvfs (<sys/statvfs.h>).
 */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H

#include <uapi/statfs.h>

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);

#endif
