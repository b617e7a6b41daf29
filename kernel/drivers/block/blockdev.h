/*
 * blockdev.h - the block layer: disks and partitions registered by name
 * ("hda", "hda1", "ram0"), and the one request interface every disk driver
 * implements (ATA now; AHCI, NVMe, virtio-blk and USB storage later).
 *
 * A driver fills in a struct block_device and registers it; the layer scans
 * its MBR and registers each partition as a block device of its own whose
 * requests are bounds-checked and offset onto the parent. Requests are
 * asynchronous at the driver interface (submit, then the driver calls
 * block_request_done, possibly from its interrupt handler) and synchronous
 * for callers (blockdev_read/write/flush wait for completion).
 */
#ifndef DRIVERS_BLOCK_BLOCKDEV_H
#define DRIVERS_BLOCK_BLOCKDEV_H

#include <proc/completion.h>
#include <stdint.h>

#define BLOCKDEV_NAME_MAX 16

enum block_op { BLOCK_READ, BLOCK_WRITE, BLOCK_FLUSH };

struct block_request {
    enum block_op op;
    uint64_t lba;        /* in the device's sectors */
    uint32_t count;      /* sectors */
    void *buf;           /* kernel memory (direct map), count * sector_size bytes */
    int status;          /* 0 or -errno, set by the driver */
    struct completion done;
};

struct block_device;

struct block_driver_ops {
    /*
     * Start req on dev. The driver calls block_request_done(req, status) when it
     * finishes (maybe before submit returns). Requests arrive one at a time per
     * device (the layer serializes them) and are within the device's bounds.
     */
    void (*submit)(struct block_device *dev, struct block_request *req);
};

struct block_device {
    char name[BLOCKDEV_NAME_MAX];
    uint32_t sector_size;        /* bytes, usually 512 */
    uint64_t sectors;
    const struct block_driver_ops *ops; /* NULL for a partition */
    void *driver_data;
    struct block_device *parent; /* the disk, for a partition */
    uint64_t start;              /* first sector on the parent, for a partition */
    int readonly;
};

/*
 * Register a disk (and its MBR partitions, named <name>1..4, or <name>p1..p4
 * when the name ends in a digit). 0 or -errno.
 */
int blockdev_register(struct block_device *dev);
/*
 * Remove a disk and its partitions (for RAM disks and tests; nobody may still
 * use them). The partitions' structures are freed. 0 or -errno.
 */
int blockdev_unregister(struct block_device *dev);
struct block_device *blockdev_find(const char *name);
/* The i-th registered device, or NULL past the end (for listing). */
struct block_device *blockdev_get(int i);

/* Synchronous transfers in sectors. -EINVAL out of bounds, -EIO on device error. */
int blockdev_read(struct block_device *dev, uint64_t lba, uint32_t count, void *buf);
int blockdev_write(struct block_device *dev, uint64_t lba, uint32_t count, const void *buf);
/* Make every completed write durable (the disk's write cache flushed). */
int blockdev_flush(struct block_device *dev);

/* Called by drivers when a request finishes. */
void block_request_done(struct block_request *req, int status);

#endif
