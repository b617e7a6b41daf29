/*
 * ops.c - the VFS operations of AdventFS: names (lookup, create, mkdir,
 * unlink, rmdir, link, symlink, rename), symlink targets, and file data.
 *
 * Each operation that changes the file system takes fs->op_lock and runs in
 * one transaction, so it is all or nothing after a crash. Writes are split
 * into transactions of WRITE_CHUNK blocks; file data is not journaled.
 */
#include <fs/adventfs/adventfs.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

#define WRITE_CHUNK 16
#define WRITE_RESERVE (4 * WRITE_CHUNK + 8)
#define LINK_MAX_COUNT 65000

void advfs_set_ops(struct inode *inode)
{
    switch (inode->mode & S_IFMT) {
    case S_IFDIR:
        inode->ops = &advfs_dir_iops;
        inode->fops = &advfs_dir_fops;
        break;
    case S_IFREG:
        inode->ops = &advfs_file_iops;
        inode->fops = &advfs_file_fops;
        break;
    case S_IFLNK:
        inode->ops = &advfs_symlink_iops;
        inode->fops = NULL;
        break;
    default: /* device nodes, FIFOs, sockets: their drivers supply file_ops later */
        inode->ops = &advfs_special_iops;
        inode->fops = NULL;
        break;
    }
}

static int advfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    uint32_t ino;
    int err;

    mutex_lock(&fs->op_lock);
    err = advfs_dir_find(dir, name, len, &ino);
    mutex_unlock(&fs->op_lock);
    if (err < 0)
        return err;
    if (ino == 0 || ino >= fs->disk.inodes_count) {
        kprintf("adventfs: directory %lu names inode %lu; run fsck\n", (unsigned long)dir->ino,
                (unsigned long)ino);
        return -EIO;
    }
    *out = iget(dir->sb, ino, &err);
    return *out ? 0 : err;
}

/* Create an inode and its entry in dir; the caller holds op_lock and a transaction. */
static struct inode *make_node(struct inode *dir, const char *name, size_t len, uint32_t mode,
                               const struct cred *cred, int *err)
{
    struct inode *inode = advfs_new_inode(dir, mode, cred, err);

    if (!inode)
        return NULL;
    *err = advfs_dir_add(dir, name, len, inode->ino, mode);
    if (*err < 0) {
        /* No room for the name: give the inode back. */
        advfs_release_inode(advfs_of(dir->sb), inode->ino);
        kfree(inode->fs_data);
        kfree(inode);
        return NULL;
    }
    return inode;
}

static int advfs_create(struct inode *dir, const char *name, size_t len, uint32_t mode,
                        uint32_t rdev, const struct cred *cred, struct inode **out)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    struct inode *inode;
    int err;

    if ((mode & S_IFMT) == 0)
        mode |= S_IFREG;
    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, ADVFS_OP_RESERVE);
    inode = make_node(dir, name, len, mode, cred, &err);
    if (inode && (S_ISCHR(mode) || S_ISBLK(mode))) {
        advfs_raw(inode)->direct[0] = rdev;
        inode->rdev = rdev;
        advfs_write_raw_inode(inode);
    }
    advfs_txn_end(fs, ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    *out = inode;
    return inode ? 0 : err;
}

static int advfs_mkdir(struct inode *dir, const char *name, size_t len, uint32_t mode,
                       const struct cred *cred)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    struct inode *inode;
    int err;

    if (dir->nlink >= LINK_MAX_COUNT)
        return -EMLINK;
    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, ADVFS_OP_RESERVE);
    inode = advfs_new_inode(dir, S_IFDIR | mode, cred, &err);
    if (inode) {
        inode->nlink = 2; /* its entry in dir and its own "." */
        if ((err = advfs_dir_init(inode, dir->ino)) == 0 &&
            (err = advfs_dir_add(dir, name, len, inode->ino, S_IFDIR)) == 0) {
            dir->nlink++; /* the new directory's ".." */
            advfs_write_raw_inode(dir);
        } else {
            inode->nlink = 0; /* freed by the iput below */
            advfs_write_raw_inode(inode);
        }
    }
    advfs_txn_end(fs, ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    iput(inode);
    return err;
}

static int advfs_symlink(struct inode *dir, const char *name, size_t len, const char *target,
                         const struct cred *cred)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    size_t tlen = strlen(target);
    struct inode *inode;
    int err = 0;

    if (tlen >= fs->bs || tlen > 4095)
        return -ENAMETOOLONG;
    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, ADVFS_OP_RESERVE);
    inode = make_node(dir, name, len, S_IFLNK | 0777, cred, &err);
    if (inode) {
        inode->size = tlen;
        if (tlen <= ADVFS_INLINE_SYMLINK_MAX) {
            memcpy(advfs_raw(inode)->direct, target, tlen);
        } else {
            uint32_t blk;
            if ((err = advfs_bmap(inode, 0, 1, &blk, NULL)) == 0) {
                struct buf *b = bget_nofill(fs->dev, blk, fs->bs);
                memset(b->data, 0, fs->bs);
                memcpy(b->data, target, tlen);
                advfs_txn_log(fs, b);
                brelse(b);
            } else {
                /* No block for the target (a full disk): take the name back, in
                   the same transaction; the last iput frees the inode. */
                advfs_dir_remove(dir, name, len);
                inode->nlink = 0;
                inode->size = 0;
            }
        }
        advfs_write_raw_inode(inode);
    }
    advfs_txn_end(fs, ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    iput(inode);
    return err;
}

static int advfs_readlink(struct inode *inode, char *buf, size_t size)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    size_t n = inode->size < size ? (size_t)inode->size : size;
    uint32_t blk;
    int err = 0;

    if (inode->size > 4095)
        return -EIO;
    if (inode->size <= ADVFS_INLINE_SYMLINK_MAX) {
        memcpy(buf, advfs_raw(inode)->direct, n);
        return (int)n;
    }
    mutex_lock(&fs->op_lock);
    if ((err = advfs_bmap(inode, 0, 0, &blk, NULL)) == 0 && blk) {
        struct buf *b = advfs_bread(fs, blk);
        if (b) {
            memcpy(buf, b->data, n);
            brelse(b);
        } else {
            err = -EIO;
        }
    } else if (err == 0) {
        err = -EIO;
    }
    mutex_unlock(&fs->op_lock);
    return err < 0 ? err : (int)n;
}

static int advfs_link(struct inode *dir, const char *name, size_t len, struct inode *target)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    int err;

    if (target->nlink >= LINK_MAX_COUNT)
        return -EMLINK;
    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, ADVFS_OP_RESERVE);
    if ((err = advfs_dir_add(dir, name, len, target->ino, target->mode)) == 0) {
        mutex_lock(&target->lock);
        target->nlink++;
        target->ctime = vfs_now();
        advfs_write_raw_inode(target);
        mutex_unlock(&target->lock);
    }
    advfs_txn_end(fs, ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    return err;
}

/*
 * Remove a name (in the caller's transaction, op_lock held). The inode it
 * named goes to *victim, referenced, even on failure (or NULL): the caller
 * drops it with iput only after ending the transaction and releasing
 * op_lock, since the last reference frees the inode's blocks in a
 * transaction of its own, and no commit may find this one half done.
 */
static int drop_name(struct inode *dir, const char *name, size_t len, int want_dir,
                     struct inode **victim_out)
{
    struct inode *victim;
    uint32_t ino;
    int err;

    *victim_out = NULL;
    if ((err = advfs_dir_find(dir, name, len, &ino)) < 0)
        return err;
    /* iget may read the inode table; fine under op_lock (no transaction change). */
    if (!(victim = iget(dir->sb, ino, &err)))
        return err;
    *victim_out = victim;
    if (want_dir) {
        if (!S_ISDIR(victim->mode))
            err = -ENOTDIR;
        else if ((err = advfs_dir_is_empty(victim)) == 0)
            err = -ENOTEMPTY;
        else if (err > 0)
            err = 0;
    }
    if (err == 0)
        err = advfs_dir_remove(dir, name, len);
    if (err == 0) {
        if (want_dir) {
            victim->nlink = 0; /* its entry and its "." are gone */
            if (dir->nlink > 2)
                dir->nlink--; /* its ".." */
            advfs_write_raw_inode(dir);
        } else if (victim->nlink) {
            victim->nlink--;
        }
        victim->ctime = vfs_now();
        advfs_write_raw_inode(victim);
    }
    /* The blocks are freed when the last reference goes (maybe an open file). */
    return err;
}

static int advfs_unlink(struct inode *dir, const char *name, size_t len)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    int err;

    struct inode *victim;

    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, ADVFS_OP_RESERVE);
    err = drop_name(dir, name, len, 0, &victim);
    advfs_txn_end(fs, ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    iput(victim);
    return err;
}

static int advfs_rmdir(struct inode *dir, const char *name, size_t len)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    int err;

    struct inode *victim;

    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, ADVFS_OP_RESERVE);
    err = drop_name(dir, name, len, 1, &victim);
    advfs_txn_end(fs, ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    iput(victim);
    return err;
}

static int advfs_rename(struct inode *old_dir, const char *old_name, size_t old_len,
                        struct inode *new_dir, const char *new_name, size_t new_len)
{
    struct advfs_fs *fs = advfs_of(old_dir->sb);
    struct inode *moving = NULL, *replaced = NULL;
    uint32_t ino, existing;
    int err;

    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, 2 * ADVFS_OP_RESERVE);
    if ((err = advfs_dir_find(old_dir, old_name, old_len, &ino)) < 0)
        goto out;
    if (!(moving = iget(old_dir->sb, ino, &err)))
        goto out;
    if (advfs_dir_find(new_dir, new_name, new_len, &existing) == 0) {
        /* Replace the target: drop its name first (the VFS checked the types). */
        if ((err = drop_name(new_dir, new_name, new_len, S_ISDIR(moving->mode), &replaced)) < 0)
            goto out;
    }
    if ((err = advfs_dir_add(new_dir, new_name, new_len, moving->ino, moving->mode)) < 0)
        goto out;
    if ((err = advfs_dir_remove(old_dir, old_name, old_len)) < 0)
        goto out;
    if (S_ISDIR(moving->mode) && old_dir != new_dir) {
        if ((err = advfs_dir_set_parent(moving, new_dir->ino)) < 0)
            goto out;
        old_dir->nlink--;
        new_dir->nlink++;
        advfs_write_raw_inode(old_dir);
        advfs_write_raw_inode(new_dir);
    }
    moving->ctime = vfs_now();
    advfs_write_raw_inode(moving);
out:
    advfs_txn_end(fs, 2 * ADVFS_OP_RESERVE);
    mutex_unlock(&fs->op_lock);
    iput(replaced);
    iput(moving);
    return err;
}

static long advfs_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    struct inode *inode = f->inode;
    struct advfs_fs *fs = advfs_of(inode->sb);
    size_t done = 0;
    int err = 0;

    if (*pos >= inode->size)
        return 0;
    if (len > inode->size - *pos)
        len = (size_t)(inode->size - *pos);
    mutex_lock(&fs->op_lock);
    while (done < len) {
        uint64_t at = *pos + done;
        uint32_t off = (uint32_t)(at % fs->bs), blk;
        size_t n = fs->bs - off < len - done ? fs->bs - off : len - done;
        if ((err = advfs_bmap(inode, at / fs->bs, 0, &blk, NULL)) < 0)
            break;
        if (blk == 0) {
            memset((uint8_t *)buf + done, 0, n); /* a hole */
        } else {
            struct buf *b = advfs_bread(fs, blk);
            if (!b) {
                err = -EIO;
                break;
            }
            memcpy((uint8_t *)buf + done, b->data + off, n);
            brelse(b);
        }
        done += n;
    }
    mutex_unlock(&fs->op_lock);
    *pos += done;
    return done ? (long)done : err;
}

static long advfs_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    struct inode *inode = f->inode;
    struct advfs_fs *fs = advfs_of(inode->sb);
    size_t done = 0;
    int err = 0;

    if (*pos + len < *pos)
        return -EFBIG;
    while (done < len && !err) {
        mutex_lock(&fs->op_lock);
        advfs_txn_begin(fs, WRITE_RESERVE);
        for (int i = 0; i < WRITE_CHUNK && done < len; i++) {
            uint64_t at = *pos + done;
            uint32_t off = (uint32_t)(at % fs->bs), blk;
            size_t n = fs->bs - off < len - done ? fs->bs - off : len - done;
            int fresh;
            struct buf *b;
            if ((err = advfs_bmap(inode, at / fs->bs, 1, &blk, &fresh)) < 0)
                break;
            if (fresh || n == fs->bs) {
                b = bget_nofill(fs->dev, blk, fs->bs);
                if (fresh && n != fs->bs)
                    memset(b->data, 0, fs->bs); /* new block, partly written: rest is zeros */
            } else if (!(b = advfs_bread(fs, blk))) {
                err = -EIO;
                break;
            }
            memcpy(b->data + off, (const uint8_t *)buf + done, n);
            bdirty(b);
            brelse(b);
            done += n;
            if (*pos + done > inode->size)
                inode->size = *pos + done;
        }
        inode->mtime = inode->ctime = vfs_now();
        advfs_write_raw_inode(inode);
        advfs_txn_end(fs, WRITE_RESERVE);
        mutex_unlock(&fs->op_lock);
    }
    *pos += done;
    return done ? (long)done : err;
}

static int advfs_truncate_op(struct inode *inode, uint64_t size)
{
    return advfs_truncate(inode, size);
}

const struct inode_ops advfs_dir_iops = {
    .lookup = advfs_lookup,
    .create = advfs_create,
    .mkdir = advfs_mkdir,
    .unlink = advfs_unlink,
    .rmdir = advfs_rmdir,
    .link = advfs_link,
    .symlink = advfs_symlink,
    .rename = advfs_rename,
};
const struct inode_ops advfs_file_iops = {.truncate = advfs_truncate_op};
const struct inode_ops advfs_symlink_iops = {.readlink = advfs_readlink};
const struct inode_ops advfs_special_iops = {0};
const struct file_ops advfs_dir_fops = {.readdir = advfs_readdir};
const struct file_ops advfs_file_fops = {.read = advfs_read, .write = advfs_write};
