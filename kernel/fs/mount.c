/*
 * mount.c - file-system types and the mount table.
 *
 * A mount joins a file system's root to a directory (its mount point); the
 * mount point's inode records it in covered_by, which path lookup follows
 * downwards, and the mount records its mount point, which ".." follows
 * upwards. mount_lock guards the type list and the mount list.
 */
#include <drivers/block/blockdev.h>
#include <fs/bcache.h>
#include <fs/vfs.h>
#include <fs/vfs_internal.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

static struct mutex mount_lock = MUTEX_INIT("mount");
static struct fs_type *types;
static struct mount *mounts;
static struct mount *root_mount;
static uint32_t next_dev_id = 1;

int vfs_register_fs(struct fs_type *type)
{
    mutex_lock(&mount_lock);
    type->next = types;
    types = type;
    mutex_unlock(&mount_lock);
    return 0;
}

static struct fs_type *find_type(const char *name)
{
    for (struct fs_type *t = types; t; t = t->next)
        if (strcmp(t->name, name) == 0)
            return t;
    return NULL;
}

const struct fs_type *vfs_find_fs(const char *name)
{
    const struct fs_type *type;

    mutex_lock(&mount_lock);
    type = find_type(name);
    mutex_unlock(&mount_lock);
    return type;
}

struct inode *vfs_root_inode(void)
{
    return root_mount ? root_mount->sb->root : NULL;
}

struct inode *vfs_root_inode_ref(void)
{
    struct inode *root = vfs_root_inode();

    if (root)
        iref(root);
    return root;
}

/* The mount whose root is inode, or NULL. */
struct mount *vfs_mount_of_root(struct inode *inode)
{
    struct mount *found = NULL;

    mutex_lock(&mount_lock);
    for (struct mount *m = mounts; m; m = m->next)
        if (m->sb->root == inode)
            found = m;
    mutex_unlock(&mount_lock);
    return found;
}

static int make_super(const char *fs_name, struct block_device *dev, int flags,
                      struct super_block **out)
{
    struct fs_type *type;
    struct super_block *sb;
    int err;

    mutex_lock(&mount_lock);
    type = find_type(fs_name);
    mutex_unlock(&mount_lock);
    if (!type)
        return -ENODEV;
    sb = kzalloc(sizeof *sb);
    if (!sb)
        return -ENOMEM;
    sb->type = type;
    sb->dev = dev;
    sb->flags = flags;
    sb->dev_id = __atomic_fetch_add(&next_dev_id, 1, __ATOMIC_RELAXED);
    err = type->mount(sb, dev, flags);
    if (err < 0) {
        kfree(sb);
        return err;
    }
    *out = sb;
    return 0;
}

int vfs_mount_root(const char *fs_name, struct block_device *dev, int flags)
{
    struct super_block *sb;
    struct mount *m;
    int err;

    if (root_mount)
        return -EBUSY;
    err = make_super(fs_name, dev, flags, &sb);
    if (err < 0)
        return err;
    m = kzalloc(sizeof *m);
    if (!m)
        return -ENOMEM;
    m->sb = sb;
    mutex_lock(&mount_lock);
    m->next = mounts;
    mounts = m;
    root_mount = m;
    mutex_unlock(&mount_lock);
    return 0;
}

int vfs_mount(const char *fs_name, struct block_device *dev, const char *target,
              const struct path_ctx *ctx, int flags)
{
    struct inode *dir;
    struct super_block *sb;
    struct mount *m;
    int err;

    if (ctx->cred->uid != 0)
        return -EPERM;
    err = vfs_lookup(target, ctx, 1, &dir);
    if (err < 0)
        return err;
    if (!S_ISDIR(dir->mode)) {
        iput(dir);
        return -ENOTDIR;
    }
    if (dir->covered_by) {
        iput(dir);
        return -EBUSY;
    }
    if (dev) {
        mutex_lock(&mount_lock);
        for (m = mounts; m; m = m->next) {
            if (m->sb->dev == dev) {
                mutex_unlock(&mount_lock);
                iput(dir);
                return -EBUSY;
            }
        }
        mutex_unlock(&mount_lock);
    }
    err = make_super(fs_name, dev, flags, &sb);
    if (err < 0) {
        iput(dir);
        return err;
    }
    m = kzalloc(sizeof *m);
    if (!m) {
        iput(dir);
        return -ENOMEM;
    }
    m->sb = sb;
    m->mountpoint = dir; /* keeps the reference */
    m->parent = root_mount;
    mutex_lock(&mount_lock);
    dir->covered_by = m;
    m->next = mounts;
    mounts = m;
    mutex_unlock(&mount_lock);
    return 0;
}

int vfs_umount(const char *target, const struct path_ctx *ctx)
{
    struct inode *root;
    struct mount *m, **p;
    int err;

    if (ctx->cred->uid != 0)
        return -EPERM;
    err = vfs_lookup(target, ctx, 1, &root);
    if (err < 0)
        return err;
    mutex_lock(&mount_lock);
    for (p = &mounts; *p && (*p)->sb->root != root; p = &(*p)->next)
        ;
    m = *p;
    if (!m || !m->mountpoint) {
        mutex_unlock(&mount_lock);
        iput(root);
        return -EINVAL; /* not a mount point (or the root) */
    }
    /* Busy when anything but the mount itself and our lookup holds the root. */
    if (root->refcount > 2) {
        mutex_unlock(&mount_lock);
        iput(root);
        return -EBUSY;
    }
    *p = m->next;
    m->mountpoint->covered_by = NULL;
    mutex_unlock(&mount_lock);
    iput(root);

    if (m->sb->ops->sync)
        m->sb->ops->sync(m->sb);
    iput(m->sb->root);
    if (m->sb->ops->put_super)
        m->sb->ops->put_super(m->sb);
    if (m->sb->dev)
        bcache_invalidate(m->sb->dev);
    iput(m->mountpoint);
    kfree(m->sb);
    kfree(m);
    return 0;
}

int vfs_mount_list(struct vfs_mount_info *info, int max)
{
    int n = 0, total = 0;

    mutex_lock(&mount_lock);
    for (struct mount *m = mounts; m; m = m->next)
        total++;
    /* The list is newest first; fill info from its end so the oldest mount comes first. */
    for (struct mount *m = mounts; m; m = m->next) {
        int i = total - 1 - n++;
        if (i >= max)
            continue;
        if (m->sb->dev)
            snprintf(info[i].device, sizeof info[i].device, "/dev/%s", m->sb->dev->name);
        else
            strlcpy(info[i].device, m->sb->type->name, sizeof info[i].device);
        strlcpy(info[i].type, m->sb->type->name, sizeof info[i].type);
        info[i].flags = m->sb->flags;
        info[i].root = m->sb->root;
        iref(info[i].root);
    }
    mutex_unlock(&mount_lock);
    return total < max ? total : max;
}

int vfs_sync(void)
{
    int err = 0;

    mutex_lock(&mount_lock);
    for (struct mount *m = mounts; m; m = m->next) {
        if (m->sb->ops->sync) {
            int e = m->sb->ops->sync(m->sb);
            if (e < 0)
                err = e;
        }
    }
    mutex_unlock(&mount_lock);
    bcache_sync(NULL);
    return err;
}
