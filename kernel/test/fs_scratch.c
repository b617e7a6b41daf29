/*
 * fs_scratch.c - see fs_scratch.h.
 */
#include <drivers/block/blockdev.h>
#include <fs/vfs.h>
#include <lib/format.h>
#include <string.h>
#include <test/fs_scratch.h>
#include <uapi/errno.h>

#define SCRATCH_DISK "hdb"

const struct path_ctx kt_root_ctx = {NULL, NULL, &cred_root};

static int state; /* 0 untried, 1 mounted on /mnt/kt, 2 mounted as root, -1 failed */
static const char *failure = "not tried";

const char *fs_scratch_dir(const char **why)
{
    struct block_device *dev;
    struct inode *root;
    int err;

    if (state == 0) {
        dev = blockdev_find(SCRATCH_DISK);
        state = -1;
        if (!dev) {
            failure = "no scratch disk hdb (the harness attaches one)";
        } else if (vfs_lookup("/", &kt_root_ctx, 1, &root) < 0) {
            err = vfs_mount_root("adventfs", dev, 0);
            failure = "hdb does not hold an AdventFS file system";
            if (err == 0)
                state = 2;
        } else {
            iput(root);
            vfs_mkdir("/mnt", 0755, &kt_root_ctx);
            vfs_mkdir("/mnt/kt", 0755, &kt_root_ctx);
            err = vfs_mount("adventfs", dev, "/mnt/kt", &kt_root_ctx, 0);
            failure = "hdb does not hold an AdventFS file system";
            if (err == 0)
                state = 1;
        }
    }
    if (why)
        *why = failure;
    return state == 1 ? "/mnt/kt" : state == 2 ? "" : NULL;
}

const char *fs_scratch_path(char *buf, size_t size, const char *name)
{
    const char *dir = fs_scratch_dir(NULL);

    snprintf(buf, size, "%s/%s", dir ? dir : "/nonexistent", name);
    return buf;
}

void fs_scratch_release(void)
{
    vfs_sync();
    if (state == 1 && vfs_umount("/mnt/kt", &kt_root_ctx) == 0)
        state = 0;
}
