/*
 * devfs.c - see devfs.h. The root directory is inode 1; device node i is
 * inode i + 2. Nodes are only added (drivers register at boot), so readers
 * need no lock beyond devfs_lock around the table's growth.
 */
#include <arch/i386/spinlock.h>
#include <fs/devfs.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#define DEVFS_MAX 64
#define DEVFS_ROOT_INO 1

struct devfs_node {
    char name[32];
    uint32_t mode, rdev;
    const struct file_ops *fops;
    void *private_data;
};

static struct spinlock devfs_lock = SPINLOCK_INIT("devfs");
static struct devfs_node nodes[DEVFS_MAX];
static int nnodes;
static struct timespec64 boot_time;

static const struct inode_ops devfs_dir_iops;
static const struct inode_ops devfs_node_iops; /* device nodes: no name operations */
static const struct file_ops devfs_dir_fops;

int devfs_register(const char *name, uint32_t mode, uint32_t rdev, const struct file_ops *fops,
                   void *private_data)
{
    int err = 0;

    if (strlen(name) >= sizeof nodes[0].name)
        return -ENAMETOOLONG;
    spin_lock(&devfs_lock);
    for (int i = 0; i < nnodes; i++)
        if (strcmp(nodes[i].name, name) == 0)
            err = -EEXIST;
    if (!err && nnodes == DEVFS_MAX)
        err = -ENOSPC;
    if (!err) {
        struct devfs_node *n = &nodes[nnodes];
        strlcpy(n->name, name, sizeof n->name);
        n->mode = mode;
        n->rdev = rdev;
        n->fops = fops;
        n->private_data = private_data;
        __atomic_store_n(&nnodes, nnodes + 1, __ATOMIC_RELEASE);
    }
    spin_unlock(&devfs_lock);
    return err;
}

void *devfs_private(struct inode *inode)
{
    uint32_t i = inode->ino - 2;

    return inode->ino >= 2 && i < (uint32_t)nnodes ? nodes[i].private_data : NULL;
}

uint32_t devfs_rdev_of(const void *private_data)
{
    int n = __atomic_load_n(&nnodes, __ATOMIC_ACQUIRE);

    for (int i = 0; i < n; i++)
        if (private_data && nodes[i].private_data == private_data)
            return nodes[i].rdev;
    return 0;
}

static int devfs_read_inode(struct inode *inode)
{
    inode->atime = inode->mtime = inode->ctime = boot_time;
    if (inode->ino == DEVFS_ROOT_INO) {
        inode->mode = S_IFDIR | 0755;
        inode->nlink = 2;
        inode->ops = &devfs_dir_iops;
        inode->fops = &devfs_dir_fops;
        return 0;
    }
    if (inode->ino < 2 || inode->ino - 2 >= (uint32_t)nnodes)
        return -ENOENT;
    inode->mode = nodes[inode->ino - 2].mode;
    inode->rdev = nodes[inode->ino - 2].rdev;
    inode->nlink = 1;
    inode->ops = &devfs_node_iops;
    inode->fops = nodes[inode->ino - 2].fops;
    return 0;
}

static int devfs_lookup(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    int err;

    if (len == 2 && name[0] == '.' && name[1] == '.') {
        iref(dir);
        *out = dir;
        return 0;
    }
    for (int i = 0; i < nnodes; i++) {
        if (strlen(nodes[i].name) == len && memcmp(nodes[i].name, name, len) == 0) {
            *out = iget(dir->sb, (uint32_t)i + 2, &err);
            return *out ? 0 : err;
        }
    }
    return -ENOENT;
}

static int devfs_readdir(struct file *file, uint64_t *pos, void *ctx,
                         int (*emit)(void *, const char *, size_t, uint32_t, unsigned, uint64_t))
{
    (void)file;
    while (*pos < (uint64_t)nnodes + 2) {
        uint64_t p = *pos;
        int full;
        if (p == 0)
            full = emit(ctx, ".", 1, DEVFS_ROOT_INO, DT_DIR, 1);
        else if (p == 1)
            full = emit(ctx, "..", 2, DEVFS_ROOT_INO, DT_DIR, 2);
        else
            full = emit(ctx, nodes[p - 2].name, strlen(nodes[p - 2].name), (uint32_t)p,
                        S_ISBLK(nodes[p - 2].mode) ? DT_BLK : DT_CHR, p + 1);
        if (full)
            break;
        (*pos)++;
    }
    return 0;
}

static const struct inode_ops devfs_dir_iops = {.lookup = devfs_lookup};
static const struct inode_ops devfs_node_iops = {0};
static const struct file_ops devfs_dir_fops = {.readdir = devfs_readdir};
static const struct super_ops devfs_sops = {.read_inode = devfs_read_inode};

static int devfs_mount(struct super_block *sb, struct block_device *dev, int flags)
{
    int err;

    (void)dev;
    (void)flags;
    sb->ops = &devfs_sops;
    sb->root = iget(sb, DEVFS_ROOT_INO, &err);
    return sb->root ? 0 : err;
}

static struct fs_type devfs_type = {
    .name = "devfs", .magic = DEVFS_SUPER_MAGIC, .mount = devfs_mount};

void devfs_init(void)
{
    boot_time = vfs_now();
    vfs_register_fs(&devfs_type);
}
