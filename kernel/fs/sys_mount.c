/*
 * sys_mount.c - mount and umount (root only, docs/vfs.md).
 *
 * mount(source, target, fstype, flags, data): source names a block device
 * ("hdb1" or "/dev/hdb1"; ignored for a file system without one, such as
 * devfs), fstype a registered file system. Flags: MS_RDONLY; data is unused.
 * As on Linux, mounting on a mount point stacks the new file system on top.
 * umount(target): the root of a mounted file system, which must not be busy.
 */
#include <drivers/block/blockdev.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e
#define FSTYPE_MAX 32

SYSCALL_DECL(mount)
{
    struct process *p = current_process();
    struct block_device *dev = NULL;
    const struct fs_type *type;
    char fstype[FSTYPE_MAX];
    struct path_ctx ctx;
    struct cred cred;
    char *source = NULL, *target;
    long n;
    int err = 0;

    UNUSED_ARGS;
    if (p->euid != 0)
        return -EPERM;
    if (d & ~(uint32_t)MS_RDONLY)
        return -EINVAL;
    n = strncpy_from_user(fstype, (const char *)c, sizeof fstype);
    if (n < 0)
        return n == -ENAMETOOLONG ? -ENODEV : n;
    if (!(type = vfs_find_fs(fstype)))
        return -ENODEV;
    if (!(target = syscall_get_path((const char *)b, &err)))
        return err;
    if (type->needs_device) {
        const char *name;
        if (!(source = syscall_get_path((const char *)a, &err))) {
            kfree(target);
            return err;
        }
        name = strncmp(source, "/dev/", 5) == 0 ? source + 5 : source;
        dev = blockdev_find(name);
        if (!dev)
            err = -ENOENT;
    }
    if (!err) {
        process_path_ctx(p, &ctx, &cred);
        err = vfs_mount(fstype, dev, target, &ctx, (d & MS_RDONLY) ? MS_RDONLY : 0);
    }
    kfree(source);
    kfree(target);
    return err;
}

SYSCALL_DECL(umount)
{
    struct process *p = current_process();
    struct path_ctx ctx;
    struct cred cred;
    char *target;
    int err = 0;

    UNUSED_ARGS;
    if (p->euid != 0)
        return -EPERM;
    if (!(target = syscall_get_path((const char *)a, &err)))
        return err;
    process_path_ctx(p, &ctx, &cred);
    err = vfs_umount(target, &ctx);
    kfree(target);
    return err;
}
