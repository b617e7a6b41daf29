/*
 * super.c - mounting AdventFS, the superblock, and reading and writing inodes.
 *
 * Mount reads block 0, checks every field docs/adventfs.md says a reader must
 * check (a damaged or foreign image is refused with a message, never
 * trusted), replays the journal, and marks the file system dirty until a
 * clean unmount.
 */
#include <clock.h>
#include <fs/adventfs/adventfs.h>
#include <lib/crc32c.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

struct buf *advfs_bread(struct advfs_fs *fs, uint32_t blockno)
{
    if (blockno >= fs->disk.blocks_count) {
        kprintf("adventfs: %s: block %lu is beyond the file system\n", fs->dev->name,
                (unsigned long)blockno);
        return NULL;
    }
    return bread(fs->dev, blockno, fs->bs);
}

static uint32_t sb_checksum(const struct advfs_superblock *s)
{
    return crc32c(0, s, offsetof(struct advfs_superblock, checksum));
}

/* Log the superblock (free counts, state) in the open transaction. */
void advfs_write_super(struct advfs_fs *fs)
{
    struct buf *b = advfs_bread(fs, ADVFS_SUPERBLOCK_BLOCK);

    if (!b)
        return;
    fs->disk.write_time = clock_realtime_ns() / (int64_t)NSEC_PER_SEC;
    fs->disk.checksum = sb_checksum(&fs->disk);
    memcpy(b->data, &fs->disk, sizeof fs->disk);
    advfs_txn_log(fs, b);
    brelse(b);
}

/* Why a superblock cannot be used, or NULL when it can. */
static const char *check_super(const struct advfs_superblock *s, uint64_t dev_bytes)
{
    uint64_t bs = s->block_size;

    if (s->magic != ADVFS_MAGIC)
        return "no AdventFS magic";
    if (s->checksum != sb_checksum(s))
        return "superblock checksum mismatch";
    if (s->version != ADVFS_VERSION)
        return "unknown version";
    if (bs != 1024 && bs != 2048 && bs != 4096)
        return "invalid block size";
    if (s->features_incompat & ~ADVFS_FEATURE_INCOMPAT_KNOWN)
        return "unknown incompatible features";
    if ((uint64_t)s->blocks_count * bs > dev_bytes)
        return "larger than its device";
    if (s->inodes_count < 2 || s->root_ino != ADVFS_ROOT_INO)
        return "invalid inode count or root";
    if (s->journal_start < 1 || s->journal_blocks < 8 ||
        s->inode_bitmap_start != s->journal_start + s->journal_blocks ||
        (uint64_t)s->inode_bitmap_blocks * bs * 8 < s->inodes_count ||
        s->block_bitmap_start != s->inode_bitmap_start + s->inode_bitmap_blocks ||
        (uint64_t)s->block_bitmap_blocks * bs * 8 < s->blocks_count ||
        s->inode_table_start != s->block_bitmap_start + s->block_bitmap_blocks ||
        (uint64_t)s->inode_table_blocks * bs < (uint64_t)s->inodes_count * ADVFS_INODE_SIZE ||
        s->data_start != s->inode_table_start + s->inode_table_blocks ||
        s->data_start >= s->blocks_count)
        return "regions out of place";
    return NULL;
}

/* Where inode ino lives: its inode-table block and byte offset. */
static int locate(struct advfs_fs *fs, uint32_t ino, uint32_t *block, uint32_t *off)
{
    if (ino == 0 || ino >= fs->disk.inodes_count)
        return -EINVAL;
    *block = fs->disk.inode_table_start + ino / fs->inodes_per_block;
    *off = (ino % fs->inodes_per_block) * ADVFS_INODE_SIZE;
    return 0;
}

static void to_vfs(struct inode *inode, const struct advfs_inode *raw, uint32_t bs)
{
    inode->mode = raw->mode;
    inode->nlink = raw->nlink;
    inode->uid = raw->uid;
    inode->gid = raw->gid;
    inode->size = raw->size;
    inode->blocks = (uint64_t)raw->blocks * (bs / 512);
    inode->atime = (struct timespec64){raw->atime, (int32_t)raw->atime_nsec, 0};
    inode->mtime = (struct timespec64){raw->mtime, (int32_t)raw->mtime_nsec, 0};
    inode->ctime = (struct timespec64){raw->ctime, (int32_t)raw->ctime_nsec, 0};
    inode->rdev = (S_ISCHR(raw->mode) || S_ISBLK(raw->mode)) ? raw->direct[0] : 0;
}

static int advfs_read_inode(struct inode *inode)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    struct advfs_inode_info *info;
    uint32_t block, off;
    struct buf *b;
    int err = locate(fs, inode->ino, &block, &off);

    if (err < 0)
        return err;
    if (!(b = advfs_bread(fs, block)))
        return -EIO;
    info = kmalloc(sizeof *info);
    if (!info) {
        brelse(b);
        return -ENOMEM;
    }
    memcpy(&info->raw, b->data + off, sizeof info->raw);
    brelse(b);
    if (info->raw.mode == 0 || info->raw.nlink == 0) {
        kprintf("adventfs: %s: inode %lu is not in use\n", fs->dev->name,
                (unsigned long)inode->ino);
        kfree(info);
        return -EIO;
    }
    inode->fs_data = info;
    to_vfs(inode, &info->raw, fs->bs);
    advfs_set_ops(inode);
    return 0;
}

/* Copy the VFS attributes into the raw inode and log its inode-table block. */
int advfs_write_raw_inode(struct inode *inode)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    struct advfs_inode *raw = advfs_raw(inode);
    uint32_t block, off;
    struct buf *b;

    if (locate(fs, inode->ino, &block, &off) < 0 || !(b = advfs_bread(fs, block)))
        return -EIO;
    raw->mode = (uint16_t)inode->mode;
    raw->nlink = (uint16_t)inode->nlink;
    raw->uid = inode->uid;
    raw->gid = inode->gid;
    raw->size = inode->size;
    raw->atime = inode->atime.tv_sec;
    raw->atime_nsec = (uint32_t)inode->atime.tv_nsec;
    raw->mtime = inode->mtime.tv_sec;
    raw->mtime_nsec = (uint32_t)inode->mtime.tv_nsec;
    raw->ctime = inode->ctime.tv_sec;
    raw->ctime_nsec = (uint32_t)inode->ctime.tv_nsec;
    inode->blocks = (uint64_t)raw->blocks * (fs->bs / 512);
    memcpy(b->data + off, raw, sizeof *raw);
    advfs_txn_log(fs, b);
    brelse(b);
    inode->dirty = 0;
    return 0;
}

static int advfs_write_inode(struct inode *inode)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    int err;

    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, 2);
    err = advfs_write_raw_inode(inode);
    advfs_txn_end(fs, 2);
    mutex_unlock(&fs->op_lock);
    return err;
}

/* No links and no references left: free the blocks, then the inode. */
static void advfs_evict_inode(struct inode *inode)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    struct advfs_inode *raw = advfs_raw(inode);

    if (!(S_ISLNK(inode->mode) && inode->size <= ADVFS_INLINE_SYMLINK_MAX) &&
        !S_ISCHR(inode->mode) && !S_ISBLK(inode->mode))
        advfs_free_from(inode, 0); /* takes op_lock per step */
    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, 4);
    memset(raw, 0, sizeof *raw);
    advfs_release_inode(fs, inode->ino);
    advfs_txn_end(fs, 4);
    mutex_unlock(&fs->op_lock);
}

/* Zero inode ino on disk and clear its bitmap bit (a free inode is all zeros). */
void advfs_release_inode(struct advfs_fs *fs, uint32_t ino)
{
    uint32_t block, off;
    struct buf *b;

    if (locate(fs, ino, &block, &off) == 0 && (b = advfs_bread(fs, block))) {
        memset(b->data + off, 0, ADVFS_INODE_SIZE);
        advfs_txn_log(fs, b);
        brelse(b);
    }
    advfs_free_inode(fs, ino);
}

/* A new inode of the given type and permissions in dir's file system, in use and logged. */
struct inode *advfs_new_inode(struct inode *dir, uint32_t mode, const struct cred *cred,
                              int *err)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    struct advfs_inode_info *info;
    struct inode *inode;
    uint32_t ino;

    if ((*err = advfs_alloc_inode(fs, &ino)) < 0)
        return NULL;
    inode = inode_new(dir->sb, ino);
    info = kzalloc(sizeof *info);
    if (!inode || !info) {
        kfree(inode);
        kfree(info);
        advfs_release_inode(fs, ino);
        *err = -ENOMEM;
        return NULL;
    }
    inode->fs_data = info;
    info->raw.generation = ++fs->next_generation;
    inode->mode = mode;
    inode->nlink = 1;
    inode->uid = cred->uid;
    /* In a setgid directory new files take the directory's group (and dirs the bit). */
    inode->gid = (dir->mode & S_ISGID) ? dir->gid : cred->gid;
    if ((dir->mode & S_ISGID) && S_ISDIR(mode))
        inode->mode |= S_ISGID;
    inode->atime = inode->mtime = inode->ctime = vfs_now();
    advfs_set_ops(inode);
    *err = advfs_write_raw_inode(inode);
    if (*err < 0) {
        advfs_release_inode(fs, ino);
        kfree(info);
        kfree(inode);
        return NULL;
    }
    return inode;
}

static int advfs_sync(struct super_block *sb)
{
    struct advfs_fs *fs = advfs_of(sb);
    int err;

    mutex_lock(&fs->op_lock);
    err = advfs_commit(fs);
    mutex_unlock(&fs->op_lock);
    if (!err)
        err = bcache_sync(fs->dev);
    return err;
}

static void advfs_put_super(struct super_block *sb)
{
    struct advfs_fs *fs = advfs_of(sb);

    mutex_lock(&fs->op_lock);
    if (!(sb->flags & MS_RDONLY)) {
        advfs_txn_begin(fs, 1);
        fs->disk.state = ADVFS_STATE_CLEAN;
        advfs_write_super(fs);
        advfs_txn_end(fs, 1);
        advfs_commit(fs);
    }
    mutex_unlock(&fs->op_lock);
    bcache_sync(fs->dev);
    advfs_journal_free(fs);
    kfree(fs);
}

static int advfs_statfs(struct super_block *sb, uint64_t *blocks, uint64_t *free_blocks,
                        uint64_t *files, uint64_t *free_files, uint32_t *block_size)
{
    struct advfs_fs *fs = advfs_of(sb);

    *blocks = fs->disk.blocks_count;
    *free_blocks = fs->disk.free_blocks;
    *files = fs->disk.inodes_count - 1;
    *free_files = fs->disk.free_inodes;
    *block_size = fs->bs;
    return 0;
}

static const struct super_ops advfs_sops = {
    .read_inode = advfs_read_inode,
    .write_inode = advfs_write_inode,
    .evict_inode = advfs_evict_inode,
    .sync = advfs_sync,
    .put_super = advfs_put_super,
    .statfs = advfs_statfs,
};

static int advfs_mount(struct super_block *sb, struct block_device *dev, int flags)
{
    struct advfs_fs *fs;
    struct advfs_superblock *s;
    const char *why;
    uint8_t *first;
    int err;

    if (!dev)
        return -ENODEV;
    fs = kzalloc(sizeof *fs);
    first = kmalloc(1024);
    if (!fs || !first) {
        kfree(fs);
        kfree(first);
        return -ENOMEM;
    }
    /* The first 1024 bytes hold the superblock whatever the block size. */
    if (blockdev_read(dev, 0, 1024 / dev->sector_size, first) < 0) {
        kfree(fs);
        kfree(first);
        return -EIO;
    }
    s = (struct advfs_superblock *)first;
    why = check_super(s, dev->sectors * dev->sector_size);
    if (why) {
        kprintf("adventfs: %s: cannot mount: %s\n", dev->name, why);
        kfree(fs);
        kfree(first);
        return -EINVAL;
    }
    memcpy(&fs->disk, s, sizeof fs->disk);
    kfree(first);
    if ((fs->disk.features_ro_compat & ~ADVFS_FEATURE_RO_COMPAT_KNOWN) && !(flags & MS_RDONLY)) {
        kprintf("adventfs: %s: unknown read-only features: mount read-only\n", dev->name);
        kfree(fs);
        return -EROFS;
    }
    fs->vfs = sb;
    fs->dev = dev;
    fs->bs = fs->disk.block_size;
    fs->ptrs_per_block = fs->bs / 4;
    fs->inodes_per_block = fs->bs / ADVFS_INODE_SIZE;
    fs->block_hint = fs->disk.data_start;
    fs->inode_hint = ADVFS_ROOT_INO + 1;
    fs->next_generation = (uint32_t)(clock_realtime_ns() / (int64_t)NSEC_PER_SEC);
    mutex_init(&fs->op_lock, "adventfs");
    sb->fs_data = fs;
    sb->ops = &advfs_sops;
    if ((err = advfs_journal_init(fs)) < 0)
        goto fail;
    if ((err = advfs_journal_recover(fs)) < 0)
        goto fail;
    if (!(flags & MS_RDONLY)) {
        /* Re-read: the journal may have replayed the superblock itself. */
        struct buf *b = advfs_bread(fs, ADVFS_SUPERBLOCK_BLOCK);
        if (!b) {
            err = -EIO;
            goto fail;
        }
        memcpy(&fs->disk, b->data, sizeof fs->disk);
        brelse(b);
        mutex_lock(&fs->op_lock);
        advfs_txn_begin(fs, 1);
        fs->disk.state = ADVFS_STATE_DIRTY;
        fs->disk.mount_count++;
        fs->disk.mount_time = clock_realtime_ns() / (int64_t)NSEC_PER_SEC;
        advfs_write_super(fs);
        advfs_txn_end(fs, 1);
        err = advfs_commit(fs);
        mutex_unlock(&fs->op_lock);
        if (err < 0)
            goto fail;
    }
    sb->root = iget(sb, ADVFS_ROOT_INO, &err);
    if (!sb->root)
        goto fail;
    if (!S_ISDIR(sb->root->mode)) {
        kprintf("adventfs: %s: the root inode is not a directory\n", dev->name);
        iput(sb->root);
        err = -EINVAL;
        goto fail;
    }
    kprintf("adventfs: %s: mounted (%lu blocks of %lu bytes, %lu free; %lu inodes, %lu free)\n",
            dev->name, (unsigned long)fs->disk.blocks_count, (unsigned long)fs->bs,
            (unsigned long)fs->disk.free_blocks, (unsigned long)fs->disk.inodes_count - 1,
            (unsigned long)fs->disk.free_inodes);
    return 0;
fail:
    bcache_invalidate(dev);
    advfs_journal_free(fs);
    kfree(fs);
    return err;
}

static struct fs_type advfs_type = {
    .name = "adventfs", .needs_device = 1, .magic = ADVFS_MAGIC, .mount = advfs_mount};

void adventfs_init(void)
{
    vfs_register_fs(&advfs_type);
}
