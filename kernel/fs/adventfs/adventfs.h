/*
 * adventfs.h - the kernel's AdventFS driver: what its files share. The disk
 * format is include/adventfs.h (spec: docs/adventfs.md).
 *
 * Every change to metadata happens inside a transaction (journal.c):
 *
 *     advfs_txn_begin(fs, reserve);      at most `reserve` blocks will be logged
 *     ... b = bread(...); change b->data; advfs_txn_log(fs, b); brelse(b); ...
 *     advfs_txn_end(fs, reserve);
 *
 * File data blocks are not logged; they are written out before the transaction
 * that points to them commits (ordered mode).
 *
 * Locks: fs->op_lock serializes every operation that changes the file system
 * (names, allocation, inode writes, the journal); it is taken after the VFS's
 * inode locks and before any buffer lock.
 */
#ifndef FS_ADVENTFS_ADVENTFS_H
#define FS_ADVENTFS_ADVENTFS_H

#include <adventfs.h>
#include <fs/bcache.h>
#include <fs/vfs.h>

#define ADVFS_MAX_TXN 256 /* blocks one transaction may change (fits any cache) */
#define ADVFS_OP_RESERVE 24 /* blocks a name operation may change */

struct advfs_journal {
    uint32_t area;          /* first block of the journal area */
    uint32_t blocks;        /* size of the area */
    uint32_t max;           /* blocks per transaction */
    uint32_t sequence;      /* of the next transaction */
    int outstanding;        /* operations inside the open transaction */
    uint32_t reserved;      /* blocks they may still log */
    uint32_t count;         /* blocks logged so far */
    uint32_t logged[ADVFS_MAX_TXN];
    uint8_t *scratch;       /* one block for building descriptor and commit blocks */
};

struct advfs_fs {
    struct super_block *vfs;
    struct block_device *dev;
    struct advfs_superblock disk; /* the superblock as it will be written */
    uint32_t bs;
    uint32_t ptrs_per_block;
    uint32_t inodes_per_block;
    uint32_t block_hint, inode_hint;
    uint32_t next_generation;
    struct mutex op_lock;
    struct advfs_journal journal;
};

/* The on-disk inode kept with each VFS inode (inode->fs_data). */
struct advfs_inode_info {
    struct advfs_inode raw;
};

static inline struct advfs_fs *advfs_of(struct super_block *sb)
{
    return sb->fs_data;
}

static inline struct advfs_inode *advfs_raw(struct inode *inode)
{
    return &((struct advfs_inode_info *)inode->fs_data)->raw;
}

/* journal.c */
int advfs_journal_recover(struct advfs_fs *fs);
int advfs_journal_init(struct advfs_fs *fs);
void advfs_journal_free(struct advfs_fs *fs);
void advfs_txn_begin(struct advfs_fs *fs, uint32_t reserve);
void advfs_txn_log(struct advfs_fs *fs, struct buf *b);
void advfs_txn_end(struct advfs_fs *fs, uint32_t reserve);
int advfs_commit(struct advfs_fs *fs);

/* super.c */
struct buf *advfs_bread(struct advfs_fs *fs, uint32_t blockno);
void advfs_write_super(struct advfs_fs *fs);
int advfs_write_raw_inode(struct inode *inode);
void advfs_release_inode(struct advfs_fs *fs, uint32_t ino);
struct inode *advfs_new_inode(struct inode *dir, uint32_t mode, const struct cred *cred,
                              int *err);

/* alloc.c */
int advfs_alloc_block(struct advfs_fs *fs, uint32_t *out);
void advfs_free_block(struct advfs_fs *fs, uint32_t blockno);
int advfs_alloc_inode(struct advfs_fs *fs, uint32_t *out);
void advfs_free_inode(struct advfs_fs *fs, uint32_t ino);
/* Disk block of file block n (0 = hole); with create, allocate it (and *fresh = 1). */
int advfs_bmap(struct inode *inode, uint64_t n, int create, uint32_t *out, int *fresh);
/* Free the blocks of file blocks >= first; does not change size. */
int advfs_free_from(struct inode *inode, uint64_t first);
int advfs_truncate(struct inode *inode, uint64_t size);

/* dir.c */
int advfs_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino);
int advfs_dir_add(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode);
int advfs_dir_remove(struct inode *dir, const char *name, size_t len);
int advfs_dir_is_empty(struct inode *dir);
int advfs_dir_set_parent(struct inode *dir, uint32_t parent);
int advfs_dir_init(struct inode *dir, uint32_t parent);
int advfs_readdir(struct file *file, uint64_t *pos, void *ctx,
                  int (*emit)(void *, const char *, size_t, uint32_t, unsigned, uint64_t));

/* ops.c */
extern const struct inode_ops advfs_dir_iops, advfs_file_iops, advfs_symlink_iops,
    advfs_special_iops;
extern const struct file_ops advfs_dir_fops, advfs_file_fops;
void advfs_set_ops(struct inode *inode);

#endif
