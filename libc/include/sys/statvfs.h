/*
 * sys/statvfs.h - POSIX statvfs() and fstatvfs(), made from the kernel's
 * statfs (uapi/statfs.h).
 */
#ifndef _SYS_STATVFS_H
#define _SYS_STATVFS_H

#include <sys/types.h>
#include <uapi/statfs.h>

typedef uint64_t fsblkcnt_t;
typedef uint64_t fsfilcnt_t;

struct statvfs {
    unsigned long f_bsize;   /* file system block size */
    unsigned long f_frsize;  /* fragment size: the unit of the counts below */
    fsblkcnt_t f_blocks;     /* size in f_frsize units */
    fsblkcnt_t f_bfree;      /* free blocks */
    fsblkcnt_t f_bavail;     /* free blocks for unprivileged users */
    fsfilcnt_t f_files;      /* inodes */
    fsfilcnt_t f_ffree;      /* free inodes */
    fsfilcnt_t f_favail;     /* free inodes for unprivileged users */
    unsigned long f_fsid;    /* file system id */
    unsigned long f_flag;    /* ST_RDONLY, ST_NOSUID */
    unsigned long f_namemax; /* longest file name */
};

#define ST_NOSUID 2

int statvfs(const char *restrict path, struct statvfs *restrict buf);
int fstatvfs(int fd, struct statvfs *buf);

#endif
