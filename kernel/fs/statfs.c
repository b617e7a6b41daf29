/*
 * statfs.c - statfs(path, buf) and fstatfs(fd, buf): the size and free space
 * of the file system a file lives on. A file system that keeps counts
 * (AdventFS: its allocator's free block and inode counts) reports them
 * through super_ops.statfs; the others (devfs, procfs) have nothing to
 * allocate and report zero blocks, which is also how df recognizes them.
 * A pipe belongs to no mounted file system and reports PIPEFS_MAGIC.
 */
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e
#define DEFAULT_BLOCK_SIZE 4096

int vfs_statfs(struct inode *inode, struct statfs *st)
{
    struct super_block *sb = inode->sb;
    uint64_t blocks = 0, free_blocks = 0, files = 0, free_files = 0;
    uint32_t block_size = DEFAULT_BLOCK_SIZE;
    int err;

    memset(st, 0, sizeof *st);
    if (sb->ops && sb->ops->statfs &&
        (err = sb->ops->statfs(sb, &blocks, &free_blocks, &files, &free_files, &block_size)) < 0)
        return err;
    st->f_type = sb->type ? sb->type->magic : PIPEFS_MAGIC;
    st->f_bsize = st->f_frsize = block_size;
    st->f_blocks = blocks;
    st->f_bfree = st->f_bavail = free_blocks; /* no blocks are reserved for root */
    st->f_files = files;
    st->f_ffree = free_files;
    st->f_fsid[0] = sb->dev_id;
    st->f_namelen = NAME_MAX;
    st->f_flags = (sb->flags & MS_RDONLY) ? ST_RDONLY : 0;
    return 0;
}

static long copy_statfs_out(struct inode *inode, uint32_t ubuf)
{
    struct statfs st;
    int err = vfs_statfs(inode, &st);

    if (err < 0)
        return err;
    return copy_to_user((void *)ubuf, &st, sizeof st) < 0 ? -EFAULT : 0;
}

SYSCALL_DECL(statfs)
{
    struct process *p = current_process();
    struct inode *inode;
    struct path_ctx ctx;
    struct cred cred;
    char *path;
    long err = 0;
    int perr;

    UNUSED_ARGS;
    if (!(path = syscall_get_path((const char *)a, &perr)))
        return perr;
    process_path_ctx(p, &ctx, &cred);
    err = vfs_lookup(path, &ctx, 1, &inode);
    kfree(path);
    if (err < 0)
        return err;
    err = copy_statfs_out(inode, b);
    iput(inode);
    return err;
}

SYSCALL_DECL(fstatfs)
{
    struct file *f = fd_get(current_process(), (int)a);
    long err;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    err = copy_statfs_out(f->inode, b);
    file_put(f);
    return err;
}
