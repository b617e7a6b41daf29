/*
 * blockdev_file.c - block devices as files in /dev (hda, hda1, ...): byte
 * reads and writes at any offset, through a one-sector bounce buffer for the
 * unaligned head and tail and whole-sector transfers in between. The file's
 * size is the device's.
 */
#include <drivers/block/blockdev.h>
#include <drivers/block/blockdev_file.h>
#include <fs/devfs.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

#define BLOCK_MAJOR 3
#define MAX_RUN 64 /* sectors per direct transfer */

static int open_blockdev(struct inode *inode, struct file *file)
{
    struct block_device *dev = devfs_private(inode);

    if (!dev)
        return -ENXIO;
    file->private_data = dev;
    inode->size = dev->sectors * dev->sector_size;
    return 0;
}

static long transfer(struct file *f, void *buf, size_t len, uint64_t *pos, int write)
{
    struct block_device *dev = f->private_data;
    uint32_t ss = dev->sector_size;
    uint64_t size = dev->sectors * ss;
    uint8_t *bounce, *p = buf;
    size_t done = 0;
    int err = 0;

    if (*pos >= size)
        return write && len ? -ENOSPC : 0;
    if (len > size - *pos)
        len = (size_t)(size - *pos);
    bounce = kmalloc(ss * MAX_RUN);
    if (!bounce)
        return -ENOMEM;
    while (done < len && !err) {
        uint64_t lba = (*pos + done) / ss;
        uint32_t off = (uint32_t)((*pos + done) % ss);
        size_t n;
        if (off == 0 && len - done >= ss) { /* whole sectors straight through the bounce */
            uint32_t count = (uint32_t)((len - done) / ss);
            if (count > MAX_RUN)
                count = MAX_RUN;
            n = (size_t)count * ss;
            if (write) {
                memcpy(bounce, p + done, n);
                err = blockdev_write(dev, lba, count, bounce);
            } else if ((err = blockdev_read(dev, lba, count, bounce)) == 0) {
                memcpy(p + done, bounce, n);
            }
        } else { /* a partial sector: read, modify, write */
            n = ss - off < len - done ? ss - off : len - done;
            if ((err = blockdev_read(dev, lba, 1, bounce)) == 0) {
                if (write) {
                    memcpy(bounce + off, p + done, n);
                    err = blockdev_write(dev, lba, 1, bounce);
                } else {
                    memcpy(p + done, bounce + off, n);
                }
            }
        }
        if (!err)
            done += n;
    }
    kfree(bounce);
    *pos += done;
    return done ? (long)done : err;
}

static long read_blockdev(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    return transfer(f, buf, len, pos, 0);
}

static long write_blockdev(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    return transfer(f, (void *)buf, len, pos, 1);
}

static const struct file_ops blockdev_fops = {
    .open = open_blockdev, .read = read_blockdev, .write = write_blockdev};

void blockdev_publish_all(void)
{
    struct block_device *dev;

    for (int i = 0; (dev = blockdev_get(i)) != NULL; i++)
        devfs_register(dev->name, S_IFBLK | 0660, makedev(BLOCK_MAJOR, (uint32_t)i),
                       &blockdev_fops, dev);
}
