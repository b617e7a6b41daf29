/*
 * uapi/stat.h - file types, permission bits and struct stat, shared by the
 * kernel and libc. The mode bits are POSIX's; struct stat is AdventOS's own
 * layout with 64-bit sizes and times.
 */
#ifndef UAPI_STAT_H
#define UAPI_STAT_H

#include <stdint.h>

#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000

#define S_ISUID 04000
#define S_ISGID 02000
#define S_ISVTX 01000
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001

#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m) (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m) (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

struct timespec64 {
    int64_t tv_sec;
    int32_t tv_nsec;
    int32_t pad;
};

struct stat {
    uint32_t st_dev;
    uint32_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint32_t st_rdev;
    uint32_t st_blksize;
    uint64_t st_size;
    uint64_t st_blocks; /* 512-byte units */
    struct timespec64 st_atim;
    struct timespec64 st_mtim;
    struct timespec64 st_ctim;
};

/* Device numbers: 12-bit major, 20-bit minor. */
#define makedev(ma, mi) ((uint32_t)(((ma) << 20) | ((mi) & 0xfffff)))
#define major(d) ((uint32_t)(d) >> 20)
#define minor(d) ((uint32_t)(d) & 0xfffff)

#endif
