/*
 * inode.c - the inode cache and permission checks.
 *
 * In-memory inodes are shared: iget() returns the one for (super block, inode
 * number) with a reference, reading it from the file system the first time.
 * The last iput() writes back changed attributes, lets the file system free an
 * inode that has no links left, and frees the memory. icache_lock guards the
 * hash table and every refcount.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <clock.h>
#include <fs/vfs.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

#define ICACHE_HASH 512

const struct cred cred_root = {0, 0, 0, {0}};

static struct spinlock icache_lock = SPINLOCK_INIT_RANKED("icache", RANK_CACHE);
static struct inode *icache[ICACHE_HASH];

static unsigned hash_of(struct super_block *sb, uint32_t ino)
{
    return ((uintptr_t)sb / 16 + ino * 7) % ICACHE_HASH;
}

struct timespec64 vfs_now(void)
{
    int64_t ns = clock_realtime_ns();
    struct timespec64 t = {ns / (int64_t)NSEC_PER_SEC, (int32_t)(ns % (int64_t)NSEC_PER_SEC), 0};
    return t;
}

struct inode *inode_new(struct super_block *sb, uint32_t ino)
{
    struct inode *inode = kzalloc(sizeof *inode);

    if (!inode)
        return NULL;
    inode->sb = sb;
    inode->ino = ino;
    inode->refcount = 1;
    mutex_init(&inode->lock, "inode");
    return inode;
}

/* Put a new inode in the cache, unless one for the same number got there first. */
static struct inode *icache_insert(struct inode *inode)
{
    unsigned h = hash_of(inode->sb, inode->ino);

    spin_lock(&icache_lock);
    for (struct inode *i = icache[h]; i; i = i->hash_next) {
        if (i->sb == inode->sb && i->ino == inode->ino) {
            i->refcount++;
            spin_unlock(&icache_lock);
            return i;
        }
    }
    inode->hash_next = icache[h];
    icache[h] = inode;
    spin_unlock(&icache_lock);
    return inode;
}

struct inode *iget(struct super_block *sb, uint32_t ino, int *err)
{
    unsigned h = hash_of(sb, ino);
    struct inode *inode, *cached;
    int e;

    spin_lock(&icache_lock);
    for (inode = icache[h]; inode; inode = inode->hash_next) {
        if (inode->sb == sb && inode->ino == ino) {
            inode->refcount++;
            spin_unlock(&icache_lock);
            return inode;
        }
    }
    spin_unlock(&icache_lock);

    inode = inode_new(sb, ino);
    if (!inode) {
        *err = -ENOMEM;
        return NULL;
    }
    e = sb->ops->read_inode(inode);
    if (e < 0) {
        kfree(inode);
        *err = e;
        return NULL;
    }
    cached = icache_insert(inode);
    if (cached != inode)
        kfree(inode);
    return cached;
}

void iref(struct inode *inode)
{
    spin_lock(&icache_lock);
    inode->refcount++;
    spin_unlock(&icache_lock);
}

void inode_mark_dirty(struct inode *inode)
{
    inode->dirty = 1;
}

void iput(struct inode *inode)
{
    struct inode **p;

    if (!inode)
        return;
    spin_lock(&icache_lock);
    if (inode->refcount <= 0)
        panic("iput: inode %lu has no references", (unsigned long)inode->ino);
    if (--inode->refcount > 0) {
        spin_unlock(&icache_lock);
        return;
    }
    /* Last reference: unhash first so no one finds it while it is written or freed. */
    for (p = &icache[hash_of(inode->sb, inode->ino)]; *p && *p != inode; p = &(*p)->hash_next)
        ;
    if (*p)
        *p = inode->hash_next;
    spin_unlock(&icache_lock);

    mutex_lock(&inode->lock);
    if (inode->nlink == 0 && inode->sb->ops->evict_inode)
        inode->sb->ops->evict_inode(inode);
    else if (inode->dirty && inode->sb->ops->write_inode)
        inode->sb->ops->write_inode(inode);
    mutex_unlock(&inode->lock);
    kfree(inode->fs_data);
    kfree(inode);
}

static int in_group(const struct cred *cred, uint32_t gid)
{
    if (cred->gid == gid)
        return 1;
    for (uint32_t i = 0; i < cred->ngroups && i < 16; i++)
        if (cred->groups[i] == gid)
            return 1;
    return 0;
}

/*
 * May cred access inode as mask (MAY_*) says? Owner bits for the owner, group
 * bits for a member of the group, other bits for the rest. Root may do
 * anything, except execute a file that has no execute bit at all.
 */
int vfs_permission(struct inode *inode, const struct cred *cred, int mask)
{
    uint32_t bits;

    if (cred->uid == 0) {
        if ((mask & MAY_EXEC) && !S_ISDIR(inode->mode) && !(inode->mode & 0111))
            return -EACCES;
        return 0;
    }
    if (cred->uid == inode->uid)
        bits = (inode->mode >> 6) & 7;
    else if (in_group(cred, inode->gid))
        bits = (inode->mode >> 3) & 7;
    else
        bits = inode->mode & 7;
    return (bits & (uint32_t)mask) == (uint32_t)mask ? 0 : -EACCES;
}
