/*
 * uapi/statfs.h - what statfs() and fstatfs() report about a mounted file
 * system, shared by the kernel and libc. Sizes are in f_bsize units; the
 * counts are 64-bit so that large disks fit. f_type is the file system's
 * magic number (the values below; Linux's where Linux has the same kind of
 * file system).
 */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H

#include <stdint.h>

#define ADVENTFS_SUPER_MAGIC 0x53465644u /* the on-disk magic, "DVFS" */
#define DEVFS_SUPER_MAGIC 0x1373u
#define PROC_SUPER_MAGIC 0x9fa0u
#define PIPEFS_MAGIC 0x50495045u

#define ST_RDONLY 1 /* f_flags: mounted read-only */

struct statfs {
    uint32_t f_type;    /* magic number of the file system */
    uint32_t f_bsize;   /* block size in bytes */
    uint64_t f_blocks;  /* total data blocks */
    uint64_t f_bfree;   /* free blocks */
    uint64_t f_bavail;  /* free blocks an unprivileged user may use */
    uint64_t f_files;   /* total inodes */
    uint64_t f_ffree;   /* free inodes */
    uint32_t f_fsid[2]; /* the mount's device number, then 0 */
    uint32_t f_namelen; /* longest file name */
    uint32_t f_frsize;  /* fragment size (the block size) */
    uint32_t f_flags;   /* ST_RDONLY */
    uint32_t f_spare[5];
};

#endif
