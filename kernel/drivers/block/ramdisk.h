/*
 * ramdisk.h - disks in memory: block devices of 512-byte sectors backed by
 * pages from the page allocator, zero-filled at creation. The block layer
 * tests and the file system tests use them as disks they may scribble on.
 */
#ifndef DRIVERS_BLOCK_RAMDISK_H
#define DRIVERS_BLOCK_RAMDISK_H

#include <drivers/block/blockdev.h>
#include <stdint.h>

#define RAMDISK_SECTOR_SIZE 512

/*
 * Create and register a RAM disk of bytes (a multiple of 512) named name; its
 * MBR, all zeros, has no partitions. NULL when out of memory, when the size or
 * the name is bad, or when the name is taken.
 */
struct block_device *ramdisk_create(const char *name, uint64_t bytes);
/* Unregister it (and its partitions) and give its memory back. 0 or -errno. */
int ramdisk_destroy(struct block_device *dev);
/*
 * Make every request that touches sector lba fail with -EIO, as a disk with a
 * bad sector would (lba = RAMDISK_NO_ERROR clears it). 0, or -ENODEV when dev is
 * not a RAM disk.
 */
#define RAMDISK_NO_ERROR UINT64_MAX
int ramdisk_inject_error(struct block_device *dev, uint64_t lba);

#endif
