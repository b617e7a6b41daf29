/*
 * adventfs.h - the on-disk format of AdventFS, the project's own file system.
 * Shared by the kernel (kernel/fs/adventfs/) and the host tools (mkfs.adventfs,
 * fsck.adventfs). The format is described in docs/adventfs.md; every structure
 * here is little-endian on disk and has a fixed size checked at compile time.
 * The superblock and the inode are laid out so that every field is naturally
 * aligned (the same layout on i386 and x86-64 without packing).
 */
#ifndef ADVENTFS_H
#define ADVENTFS_H

#include <stdint.h>

#define ADVFS_MAGIC 0x53465644u /* "DVFS" little-endian: bytes 'D' 'V' 'F' 'S' */
#define ADVFS_VERSION 1
#define ADVFS_MIN_BLOCK_SIZE 1024
#define ADVFS_MAX_BLOCK_SIZE 4096
#define ADVFS_DEFAULT_BLOCK_SIZE 4096

#define ADVFS_SUPERBLOCK_BLOCK 0 /* the superblock is the first block's first bytes */
#define ADVFS_ROOT_INO 1         /* inode 0 does not exist: 0 means "no inode" */
#define ADVFS_INODE_SIZE 128
#define ADVFS_NAME_MAX 255
#define ADVFS_NDIRECT 12
#define ADVFS_INLINE_SYMLINK_MAX 60 /* a shorter symlink target lives in the block pointers */

/* Superblock state. */
#define ADVFS_STATE_CLEAN 1 /* unmounted cleanly */
#define ADVFS_STATE_DIRTY 2 /* mounted, or not unmounted cleanly: replay the journal */

/* Feature flags. A kernel or tool must refuse a file system with an unknown
 * incompat flag, and refuse to write one with an unknown ro_compat flag. */
#define ADVFS_FEATURE_INCOMPAT_JOURNAL 0x1
#define ADVFS_FEATURE_INCOMPAT_KNOWN (ADVFS_FEATURE_INCOMPAT_JOURNAL)
#define ADVFS_FEATURE_RO_COMPAT_KNOWN 0u

struct advfs_superblock {
    uint32_t magic;
    uint32_t version;
    uint32_t block_size;
    uint32_t blocks_count;       /* blocks in the file system, all of them */
    uint32_t inodes_count;       /* inodes, including the unused inode 0 */
    uint32_t free_blocks;        /* hints: the bitmaps are the truth */
    uint32_t free_inodes;
    uint32_t journal_start;      /* first block of the journal area */
    uint32_t journal_blocks;
    uint32_t inode_bitmap_start;
    uint32_t inode_bitmap_blocks;
    uint32_t block_bitmap_start;
    uint32_t block_bitmap_blocks;
    uint32_t inode_table_start;
    uint32_t inode_table_blocks;
    uint32_t data_start;         /* first block that may hold file data */
    uint32_t root_ino;           /* ADVFS_ROOT_INO */
    uint32_t features_compat;
    uint32_t features_incompat;
    uint32_t features_ro_compat;
    uint32_t state;              /* ADVFS_STATE_* */
    uint32_t mount_count;
    int64_t mkfs_time;           /* seconds since the epoch */
    int64_t mount_time;
    int64_t write_time;
    uint8_t uuid[16];
    char label[32];
    uint8_t reserved[860];
    uint32_t checksum;           /* CRC32C of the bytes before this field */
};

/* File types in i_mode (the values of POSIX's S_IF*). */
#define ADVFS_S_IFMT 0170000
#define ADVFS_S_IFSOCK 0140000
#define ADVFS_S_IFLNK 0120000
#define ADVFS_S_IFREG 0100000
#define ADVFS_S_IFBLK 0060000
#define ADVFS_S_IFDIR 0040000
#define ADVFS_S_IFCHR 0020000
#define ADVFS_S_IFIFO 0010000

struct advfs_inode {
    uint16_t mode;        /* type and permission bits; 0 = free */
    uint16_t nlink;
    uint32_t uid;
    uint32_t gid;
    uint32_t flags;       /* none defined yet; must be 0 */
    uint64_t size;        /* bytes */
    int64_t atime, mtime, ctime; /* seconds since the epoch */
    uint32_t atime_nsec, mtime_nsec, ctime_nsec;
    uint32_t blocks;      /* data and indirect blocks allocated to this inode */
    uint32_t direct[ADVFS_NDIRECT]; /* block numbers; 0 = a hole */
    uint32_t indirect;    /* a block of block numbers */
    uint32_t double_indirect;
    uint32_t triple_indirect;
    uint32_t generation;  /* changes each time the inode number is reused */
};
/* A character or block special file keeps its device number in direct[0]. */

/* A directory entry. Entries never cross a block; rec_len covers the entry and
 * any free space after it, so the last entry of a block ends at the block's
 * end. An entry with inode 0 is free space. */
struct advfs_dirent {
    uint32_t inode;
    uint16_t rec_len;   /* multiple of 4, at least ADVFS_DIRENT_SIZE(name_len) */
    uint8_t name_len;
    uint8_t file_type;  /* ADVFS_FT_* (a copy of the inode's type, for readdir) */
    char name[];        /* name_len bytes, not NUL-terminated */
} __attribute__((packed));

#define ADVFS_DIRENT_HEADER 8
#define ADVFS_DIRENT_SIZE(name_len) ((ADVFS_DIRENT_HEADER + (name_len) + 3u) & ~3u)

#define ADVFS_FT_UNKNOWN 0
#define ADVFS_FT_REG 1
#define ADVFS_FT_DIR 2
#define ADVFS_FT_CHR 3
#define ADVFS_FT_BLK 4
#define ADVFS_FT_FIFO 5
#define ADVFS_FT_SOCK 6
#define ADVFS_FT_LNK 7

/* The journal (docs/adventfs.md, "Journal"). */
#define ADVFS_JOURNAL_MAGIC 0x4c4e524au /* "JRNL" */
#define ADVFS_JBLOCK_SUPER 1
#define ADVFS_JBLOCK_DESCRIPTOR 2
#define ADVFS_JBLOCK_COMMIT 3

/* The journal area's first block. */
struct advfs_journal_super {
    uint32_t magic;
    uint32_t type;       /* ADVFS_JBLOCK_SUPER */
    uint32_t block_size;
    uint32_t blocks;     /* size of the journal area, this block included */
    uint32_t sequence;   /* sequence number of the first transaction to replay */
    uint32_t start;      /* offset in the area of that transaction; 0 = nothing to replay */
    uint32_t checksum;   /* CRC32C of the fields above */
} __attribute__((packed));

/* Header of a descriptor block, followed by `count` target block numbers. The
 * `count` journal blocks after it are copies of those blocks, in order. */
struct advfs_journal_header {
    uint32_t magic;
    uint32_t type;       /* ADVFS_JBLOCK_DESCRIPTOR or ADVFS_JBLOCK_COMMIT */
    uint32_t sequence;
    uint32_t count;      /* descriptor: number of blocks; commit: same count */
    uint32_t checksum;   /* commit: CRC32C over the descriptor and data blocks */
} __attribute__((packed));

_Static_assert(sizeof(struct advfs_superblock) == 1024, "superblock size");
_Static_assert(sizeof(struct advfs_inode) == ADVFS_INODE_SIZE, "inode size");
_Static_assert(sizeof(struct advfs_dirent) == ADVFS_DIRENT_HEADER, "dirent header size");

#endif
