/*
 * file.c - open files and the operations on them and on inode attributes.
 *
 * A struct file is what a descriptor will point to: the inode, the access
 * mode, the offset (guarded by pos_lock) and the driver's or file system's
 * file_ops. Regular-file reads and writes take the inode's lock, so a write
 * and a read of the same file never interleave mid-way.
 */
#include <fs/vfs.h>
#include <fs/vfs_internal.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

struct file *file_open_inode(struct inode *inode, int flags, int *err)
{
    struct file *f = kzalloc(sizeof *f);

    if (!f) {
        *err = -ENOMEM;
        return NULL;
    }
    f->inode = inode;
    f->ops = inode->fops;
    /* O_NOCTTY stays for the open op (a terminal looks at it), then goes. */
    f->flags = (uint32_t)flags & ~(uint32_t)(O_CREAT | O_EXCL | O_TRUNC);
    f->refcount = 1;
    mutex_init(&f->pos_lock, "file_pos");
    iref(inode);
    if (f->ops && f->ops->open && (*err = f->ops->open(inode, f)) < 0) {
        iput(inode);
        kfree(f);
        return NULL;
    }
    f->flags &= ~(uint32_t)O_NOCTTY;
    *err = 0;
    return f;
}

void file_ref(struct file *f)
{
    __atomic_add_fetch(&f->refcount, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
    if (__atomic_sub_fetch(&f->refcount, 1, __ATOMIC_ACQ_REL) > 0)
        return;
    if (f->ops && f->ops->release)
        f->ops->release(f);
    iput(f->inode);
    kfree(f);
}

static int access_mask(int flags)
{
    switch (flags & O_ACCMODE) {
    case O_RDONLY: return MAY_READ;
    case O_WRONLY: return MAY_WRITE;
    default: return MAY_READ | MAY_WRITE;
    }
}

int vfs_open(const char *path, int flags, uint32_t mode, const struct path_ctx *ctx,
             struct file **out)
{
    struct nameidata nd;
    struct inode *inode;
    int err;

    if ((flags & O_ACCMODE) == O_ACCMODE)
        return -EINVAL;
    if (flags & O_CREAT) {
        if ((err = vfs_walk_parent(path, ctx, &nd)) < 0)
            return err;
        if (nd.inode && (flags & O_EXCL)) {
            vfs_nd_release(&nd);
            return -EEXIST;
        }
        if (nd.inode && S_ISLNK(nd.inode->mode) && !(flags & O_NOFOLLOW)) {
            vfs_nd_release(&nd); /* an existing symlink: open what it names */
            if ((err = vfs_lookup(path, ctx, 1, &inode)) < 0)
                return err;
        } else if (nd.inode) {
            inode = nd.inode;
            nd.inode = NULL;
            vfs_nd_release(&nd);
        } else {
            if (nd.last_is_dots || nd.trailing_slash) {
                vfs_nd_release(&nd);
                return -EISDIR;
            }
            if ((err = vfs_permission(nd.parent, ctx->cred, MAY_WRITE | MAY_EXEC)) < 0 ||
                ((nd.parent->sb->flags & MS_RDONLY) && (err = -EROFS)) ||
                (!nd.parent->ops->create && (err = -EACCES))) {
                vfs_nd_release(&nd);
                return err;
            }
            mutex_lock(&nd.parent->lock);
            err = nd.parent->ops->create(nd.parent, nd.last, nd.last_len,
                                         S_IFREG | (mode & 07777), 0, ctx->cred, &inode);
            mutex_unlock(&nd.parent->lock);
            vfs_nd_release(&nd);
            if (err < 0)
                return err;
            /* A file just created may be opened for writing even if its mode says not. */
            goto opened_new;
        }
    } else if ((err = vfs_lookup(path, ctx, !(flags & O_NOFOLLOW), &inode)) < 0) {
        return err;
    }

    if (S_ISLNK(inode->mode))
        err = -ELOOP;
    else if ((flags & O_DIRECTORY) && !S_ISDIR(inode->mode))
        err = -ENOTDIR;
    else if (S_ISDIR(inode->mode) && (access_mask(flags) & MAY_WRITE))
        err = -EISDIR;
    else if ((access_mask(flags) & MAY_WRITE) && (inode->sb->flags & MS_RDONLY))
        err = -EROFS;
    else
        err = vfs_permission(inode, ctx->cred, access_mask(flags));
    if (err == 0 && (flags & O_TRUNC) && S_ISREG(inode->mode) &&
        (access_mask(flags) & MAY_WRITE))
        err = vfs_truncate(inode, 0, &cred_root); /* permission was checked above */
    if (err < 0) {
        iput(inode);
        return err;
    }
opened_new:
    *out = file_open_inode(inode, flags, &err);
    iput(inode);
    return err;
}

static long do_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    long n;

    if ((f->flags & O_ACCMODE) == O_WRONLY)
        return -EBADF;
    if (S_ISDIR(f->inode->mode))
        return -EISDIR;
    if (!f->ops || !f->ops->read)
        return -EINVAL;
    if (S_ISREG(f->inode->mode))
        mutex_lock(&f->inode->lock);
    n = f->ops->read(f, buf, len, pos);
    if (S_ISREG(f->inode->mode))
        mutex_unlock(&f->inode->lock);
    return n;
}

static long do_write(struct file *f, const void *buf, size_t len, uint64_t *pos, int append)
{
    long n;

    if ((f->flags & O_ACCMODE) == O_RDONLY)
        return -EBADF;
    if (!f->ops || !f->ops->write)
        return -EINVAL;
    if (S_ISREG(f->inode->mode)) {
        mutex_lock(&f->inode->lock);
        if (append)
            *pos = f->inode->size;
    }
    n = f->ops->write(f, buf, len, pos);
    if (S_ISREG(f->inode->mode))
        mutex_unlock(&f->inode->lock);
    return n;
}

long vfs_read(struct file *f, void *buf, size_t len)
{
    long n;

    mutex_lock(&f->pos_lock);
    n = do_read(f, buf, len, &f->pos);
    mutex_unlock(&f->pos_lock);
    return n;
}

long vfs_write(struct file *f, const void *buf, size_t len)
{
    long n;

    mutex_lock(&f->pos_lock);
    n = do_write(f, buf, len, &f->pos, (f->flags & O_APPEND) != 0);
    mutex_unlock(&f->pos_lock);
    return n;
}

long vfs_pread(struct file *f, void *buf, size_t len, uint64_t pos)
{
    if (!S_ISREG(f->inode->mode) && !S_ISBLK(f->inode->mode))
        return -ESPIPE;
    return do_read(f, buf, len, &pos);
}

long vfs_pwrite(struct file *f, const void *buf, size_t len, uint64_t pos)
{
    if (!S_ISREG(f->inode->mode) && !S_ISBLK(f->inode->mode))
        return -ESPIPE;
    return do_write(f, buf, len, &pos, 0);
}

int64_t vfs_lseek(struct file *f, int64_t off, int whence)
{
    int64_t base;

    if (S_ISFIFO(f->inode->mode) || S_ISSOCK(f->inode->mode))
        return -ESPIPE;
    mutex_lock(&f->pos_lock);
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = (int64_t)f->pos; break;
    case SEEK_END: base = (int64_t)f->inode->size; break;
    default:
        mutex_unlock(&f->pos_lock);
        return -EINVAL;
    }
    if (base + off < 0) {
        mutex_unlock(&f->pos_lock);
        return -EINVAL;
    }
    f->pos = (uint64_t)(base + off);
    mutex_unlock(&f->pos_lock);
    return (int64_t)f->pos;
}

struct getdents_ctx {
    uint8_t *buf;
    size_t len, used;
};

static int emit_dirent(void *opaque, const char *name, size_t len, uint32_t ino, unsigned type,
                       uint64_t next_pos)
{
    struct getdents_ctx *ctx = opaque;
    size_t reclen = (sizeof(struct dirent64) + len + 1 + 7) & ~(size_t)7;
    struct dirent64 *d;

    if (ctx->used + reclen > ctx->len)
        return 1;
    d = (struct dirent64 *)(ctx->buf + ctx->used);
    d->d_ino = ino;
    d->d_off = (int64_t)next_pos;
    d->d_reclen = (uint16_t)reclen;
    d->d_type = (uint8_t)type;
    memcpy(d->d_name, name, len);
    memset(d->d_name + len, 0, reclen - sizeof(struct dirent64) - len);
    ctx->used += reclen;
    return 0;
}

long vfs_getdents(struct file *f, void *buf, size_t len)
{
    struct getdents_ctx ctx = {buf, len, 0};
    int err;

    if (!S_ISDIR(f->inode->mode))
        return -ENOTDIR;
    if (!f->ops || !f->ops->readdir)
        return -EINVAL;
    mutex_lock(&f->pos_lock);
    mutex_lock(&f->inode->lock);
    err = f->ops->readdir(f, &f->pos, &ctx, emit_dirent);
    mutex_unlock(&f->inode->lock);
    mutex_unlock(&f->pos_lock);
    if (err < 0)
        return err;
    if (ctx.used == 0 && err == 0 && len < sizeof(struct dirent64) + NAME_MAX + 1 &&
        f->pos != UINT64_MAX)
        return -EINVAL; /* the buffer cannot hold even one more entry */
    return (long)ctx.used;
}

void vfs_fill_stat(struct inode *inode, struct stat *st)
{
    memset(st, 0, sizeof *st);
    st->st_dev = inode->sb->dev_id;
    st->st_ino = inode->ino;
    st->st_mode = inode->mode;
    st->st_nlink = inode->nlink;
    st->st_uid = inode->uid;
    st->st_gid = inode->gid;
    st->st_rdev = inode->rdev;
    st->st_blksize = 4096;
    st->st_size = inode->size;
    st->st_blocks = inode->blocks;
    st->st_atim = inode->atime;
    st->st_mtim = inode->mtime;
    st->st_ctim = inode->ctime;
}

int vfs_stat(const char *path, struct stat *st, int follow, const struct path_ctx *ctx)
{
    struct inode *inode;
    int err = vfs_lookup(path, ctx, follow, &inode);

    if (err < 0)
        return err;
    mutex_lock(&inode->lock);
    vfs_fill_stat(inode, st);
    mutex_unlock(&inode->lock);
    iput(inode);
    return 0;
}

int vfs_truncate(struct inode *inode, uint64_t size, const struct cred *cred)
{
    int err;

    if (S_ISDIR(inode->mode))
        return -EISDIR;
    if (!S_ISREG(inode->mode))
        return -EINVAL;
    if (inode->sb->flags & MS_RDONLY)
        return -EROFS;
    if ((err = vfs_permission(inode, cred, MAY_WRITE)) < 0)
        return err;
    if (!inode->ops || !inode->ops->truncate)
        return -EPERM;
    mutex_lock(&inode->lock);
    err = inode->ops->truncate(inode, size);
    if (err == 0) {
        inode->mtime = inode->ctime = vfs_now();
        inode_mark_dirty(inode);
    }
    mutex_unlock(&inode->lock);
    return err;
}

/* Look up path and check that cred owns it (or is root) and that it is writable. */
static int owner_lookup(const char *path, int follow, const struct path_ctx *ctx,
                        struct inode **out)
{
    int err = vfs_lookup(path, ctx, follow, out);

    if (err < 0)
        return err;
    if ((*out)->sb->flags & MS_RDONLY)
        err = -EROFS;
    else if (ctx->cred->uid != 0 && ctx->cred->uid != (*out)->uid)
        err = -EPERM;
    if (err < 0)
        iput(*out);
    return err;
}

static void write_attrs(struct inode *inode)
{
    inode->ctime = vfs_now();
    inode_mark_dirty(inode);
    if (inode->sb->ops->write_inode)
        inode->sb->ops->write_inode(inode);
}

int vfs_chmod(const char *path, uint32_t mode, const struct path_ctx *ctx)
{
    struct inode *inode;
    int err = owner_lookup(path, 1, ctx, &inode);

    if (err < 0)
        return err;
    mutex_lock(&inode->lock);
    mode &= 07777;
    /* A non-root owner outside the file's group cannot set the setgid bit. */
    if (ctx->cred->uid != 0 && ctx->cred->gid != inode->gid)
        mode &= ~(uint32_t)S_ISGID;
    inode->mode = (inode->mode & S_IFMT) | mode;
    write_attrs(inode);
    mutex_unlock(&inode->lock);
    iput(inode);
    return 0;
}

int vfs_chown(const char *path, uint32_t uid, uint32_t gid, int follow,
              const struct path_ctx *ctx)
{
    struct inode *inode;
    int err = vfs_lookup(path, ctx, follow, &inode);

    if (err < 0)
        return err;
    mutex_lock(&inode->lock);
    if (inode->sb->flags & MS_RDONLY)
        err = -EROFS;
    /* Only root changes the owner; the owner may change the group to one of theirs. */
    else if (ctx->cred->uid != 0 &&
             ((uid != (uint32_t)-1 && uid != inode->uid) || ctx->cred->uid != inode->uid ||
              (gid != (uint32_t)-1 && gid != ctx->cred->gid)))
        err = -EPERM;
    else {
        if (uid != (uint32_t)-1)
            inode->uid = uid;
        if (gid != (uint32_t)-1)
            inode->gid = gid;
        if (ctx->cred->uid != 0 && !S_ISDIR(inode->mode))
            inode->mode &= ~(uint32_t)(S_ISUID | S_ISGID);
        write_attrs(inode);
    }
    mutex_unlock(&inode->lock);
    iput(inode);
    return err;
}

int vfs_utimes(const char *path, const struct timespec64 *atime, const struct timespec64 *mtime,
               const struct path_ctx *ctx)
{
    struct inode *inode;
    int err = vfs_lookup(path, ctx, 1, &inode);

    if (err < 0)
        return err;
    /* Setting explicit times needs ownership; "now" also needs only write access. */
    if (inode->sb->flags & MS_RDONLY)
        err = -EROFS;
    else if (ctx->cred->uid != 0 && ctx->cred->uid != inode->uid)
        err = (atime || mtime) ? -EPERM : vfs_permission(inode, ctx->cred, MAY_WRITE);
    if (err == 0) {
        struct timespec64 now = vfs_now();
        mutex_lock(&inode->lock);
        inode->atime = atime ? *atime : now;
        inode->mtime = mtime ? *mtime : now;
        write_attrs(inode);
        mutex_unlock(&inode->lock);
    }
    iput(inode);
    return err;
}
