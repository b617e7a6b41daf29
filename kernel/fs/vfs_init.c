/*
 * vfs_init.c - bringing up the file systems at boot: the buffer cache, the
 * file-system types (procfs is mounted by init, from /etc/fstab), the root
 * file system (root= on the command line, else hda2) and devfs on /dev.
 */
#include <cmdline.h>
#include <drivers/block/blockdev.h>
#include <drivers/block/blockdev_file.h>
#include <drivers/char/console_tty.h>
#include <drivers/char/mem.h>
#include <fs/bcache.h>
#include <fs/devfs.h>
#include <fs/procfs.h>
#include <fs/vfs.h>
#include <lib/kprintf.h>
#include <mm/pmm.h>
#include <uapi/errno.h>

#define BCACHE_MAX (16u << 20)

void adventfs_init(void);

static const struct path_ctx boot_ctx = {NULL, NULL, &cred_root};

void vfs_init(void)
{
    struct pmm_stats st;
    uint32_t cache;

    pmm_get_stats(&st);
    cache = st.managed_pages / 8 * 4096u; /* an eighth of memory, at most 16 MiB */
    bcache_init(cache < BCACHE_MAX ? cache : BCACHE_MAX);
    devfs_init();
    procfs_init();
    adventfs_init();
    mem_devices_init();
    console_tty_init();
    blockdev_publish_all();
}

/* Mount the root file system and /dev. Returns 0, or -errno (the kernel goes on). */
int vfs_mount_boot_root(void)
{
    const char *name = cmdline_get("root");
    struct block_device *dev;
    int err;

    if (!name || !*name)
        name = "hda2";
    dev = blockdev_find(name);
    if (!dev) {
        kprintf("vfs: no root device '%s'; running without a root file system\n", name);
        return -ENODEV;
    }
    err = vfs_mount_root("adventfs", dev, 0);
    if (err < 0) {
        kprintf("vfs: cannot mount %s as the root file system (error %d)\n", name, err);
        return err;
    }
    err = vfs_mkdir("/dev", 0755, &boot_ctx);
    if (err < 0 && err != -EEXIST)
        kprintf("vfs: cannot create /dev (error %d)\n", err);
    err = vfs_mount("devfs", NULL, "/dev", &boot_ctx, 0);
    if (err < 0)
        kprintf("vfs: cannot mount devfs on /dev (error %d)\n", err);
    kprintf("vfs: root file system on %s\n", name);
    return 0;
}
