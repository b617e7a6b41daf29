/*
 * test_blockdev.c - the block layer on RAM disks: data read back as written
 * (also across the layer's request size), bounds checks, names, MBR
 * partitions from a hand-made table (offsets, bounds, what is ignored),
 * device errors reaching the caller, read-only devices, flush.
 */
#include <boot/disk.h>
#include <drivers/block/blockdev.h>
#include <drivers/block/ramdisk.h>
#include <mm/kmalloc.h>
#include <stdbool.h>
#include <string.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define SECTOR RAMDISK_SECTOR_SIZE
#define MIB (1024 * 1024)
#define BIG_TRANSFER 4500 /* sectors: more than two of the layer's requests */

static void fill(uint8_t *buf, uint32_t sectors, uint32_t seed)
{
    for (uint32_t i = 0; i < sectors * SECTOR; i++)
        buf[i] = (uint8_t)(i * 7 + (i >> 9) * 13 + seed);
}

static bool all_zero(const uint8_t *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (buf[i])
            return false;
    return true;
}

KTEST(blockdev_ramdisk_reads_back_what_was_written)
{
    struct block_device *dev = ramdisk_create("rdt0", 4 * MIB);
    uint8_t *out = kmalloc(BIG_TRANSFER * SECTOR), *in = kmalloc(BIG_TRANSFER * SECTOR);

    KT_ASSERT(dev && out && in);
    KT_ASSERT_EQ(dev->sectors, 4 * MIB / SECTOR);
    KT_ASSERT_EQ(dev->sector_size, SECTOR);
    /* A new disk reads as zeros. */
    KT_ASSERT_EQ(blockdev_read(dev, 0, 16, in), 0);
    KT_ASSERT(all_zero(in, 16 * SECTOR));

    fill(out, 3, 1);
    KT_ASSERT_EQ(blockdev_write(dev, 10, 3, out), 0);
    memset(in, 0xAA, 5 * SECTOR);
    KT_ASSERT_EQ(blockdev_read(dev, 9, 5, in), 0);
    KT_ASSERT(all_zero(in, SECTOR));                   /* sector 9 untouched */
    KT_ASSERT(memcmp(in + SECTOR, out, 3 * SECTOR) == 0);
    KT_ASSERT(all_zero(in + 4 * SECTOR, SECTOR));      /* sector 13 untouched */

    /* Larger than the layer's request size: split, and still in order. */
    fill(out, BIG_TRANSFER, 2);
    KT_ASSERT_EQ(blockdev_write(dev, 100, BIG_TRANSFER, out), 0);
    memset(in, 0, BIG_TRANSFER * SECTOR);
    KT_ASSERT_EQ(blockdev_read(dev, 100, BIG_TRANSFER, in), 0);
    KT_ASSERT(memcmp(in, out, BIG_TRANSFER * SECTOR) == 0);
    /* The last sector of the disk. */
    fill(out, 1, 3);
    KT_ASSERT_EQ(blockdev_write(dev, dev->sectors - 1, 1, out), 0);
    KT_ASSERT_EQ(blockdev_read(dev, dev->sectors - 1, 1, in), 0);
    KT_ASSERT(memcmp(in, out, SECTOR) == 0);
    KT_ASSERT_EQ(blockdev_flush(dev), 0);
    KT_ASSERT_EQ(ramdisk_destroy(dev), 0);
    kfree(out);
    kfree(in);
}

KTEST(blockdev_bounds_give_einval)
{
    struct block_device *dev = ramdisk_create("rdt1", 64 * SECTOR);
    uint8_t *buf = kmalloc(4 * SECTOR);

    KT_ASSERT(dev && buf);
    KT_ASSERT_EQ(blockdev_read(dev, 64, 1, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(dev, 63, 2, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_write(dev, 64, 1, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(dev, UINT64_MAX, 2, buf), -EINVAL); /* no wrap-around */
    KT_ASSERT_EQ(blockdev_read(dev, 1, UINT32_MAX, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(dev, 0, 1, NULL), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(NULL, 0, 1, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(dev, 63, 1, buf), 0);
    KT_ASSERT_EQ(blockdev_read(dev, 64, 0, buf), 0); /* nothing, at the end: fine */
    KT_ASSERT_EQ(ramdisk_destroy(dev), 0);
    /* Gone: no longer found, and its requests are refused. */
    KT_ASSERT(blockdev_find("rdt1") == NULL);
    kfree(buf);
}

KTEST(blockdev_names_find_get_and_duplicates)
{
    struct block_device *a = ramdisk_create("rdt2", 8 * SECTOR), *dup;
    int seen = 0;

    KT_ASSERT(a != NULL);
    KT_ASSERT(blockdev_find("rdt2") == a);
    KT_ASSERT(blockdev_find("rdt") == NULL);
    for (int i = 0; blockdev_get(i); i++)
        seen += blockdev_get(i) == a;
    KT_ASSERT_EQ(seen, 1);
    KT_ASSERT(blockdev_get(-1) == NULL);
    dup = ramdisk_create("rdt2", 8 * SECTOR);
    KT_ASSERT(dup == NULL);                        /* the name is taken */
    KT_ASSERT_EQ(blockdev_register(a), -EEXIST);   /* and so is the device */
    KT_ASSERT(ramdisk_create("rdt3", 100) == NULL); /* not whole sectors */
    KT_ASSERT(ramdisk_create("", SECTOR) == NULL);
    KT_ASSERT_EQ(ramdisk_destroy(a), 0);
    KT_ASSERT_EQ(ramdisk_destroy(a), -ENODEV);
}

static void set_entry(uint8_t *mbr, int i, uint8_t status, uint8_t type, uint32_t first,
                      uint32_t sectors)
{
    struct mbr_partition p = {0};

    p.status = status;
    p.type = type;
    p.lba_first = first;
    p.sectors = sectors;
    memcpy(mbr + MBR_PART_TABLE_OFFSET + i * sizeof p, &p, sizeof p);
}

static void set_signature(uint8_t *mbr)
{
    mbr[MBR_SIGNATURE_OFFSET] = MBR_SIGNATURE & 0xFF;
    mbr[MBR_SIGNATURE_OFFSET + 1] = MBR_SIGNATURE >> 8;
}

KTEST(blockdev_mbr_partitions)
{
    struct block_device *disk = ramdisk_create("rdt4", 1024 * SECTOR), *p1, *p4;
    uint8_t *mbr = kzalloc(SECTOR), *buf = kmalloc(2 * SECTOR), *raw = kmalloc(SECTOR);

    KT_ASSERT(disk && mbr && buf && raw);
    KT_ASSERT(blockdev_find("rdt4p1") == NULL); /* zeros: no table */
    set_entry(mbr, 0, 0x80, 0x83, 64, 100);    /* 1: fine, active */
    set_entry(mbr, 1, 0, 0x05, 300, 100);      /* 2: extended: ignored */
    set_entry(mbr, 2, 0, 0x83, 1000, 100);     /* 3: past the end of the disk: ignored */
    set_entry(mbr, 3, 0, 0x7F, 200, 50);       /* 4: fine */
    set_signature(mbr);
    KT_ASSERT_EQ(blockdev_write(disk, 0, 1, mbr), 0);
    KT_ASSERT_EQ(blockdev_unregister(disk), 0);
    KT_ASSERT_EQ(blockdev_register(disk), 0);

    p1 = blockdev_find("rdt4p1");
    p4 = blockdev_find("rdt4p4");
    KT_ASSERT(p1 && p4);
    KT_ASSERT(blockdev_find("rdt4p2") == NULL);
    KT_ASSERT(blockdev_find("rdt4p3") == NULL);
    KT_ASSERT(p1->parent == disk && p4->parent == disk);
    KT_ASSERT_EQ(p1->start, 64);
    KT_ASSERT_EQ(p1->sectors, 100);
    KT_ASSERT_EQ(p4->start, 200);
    KT_ASSERT_EQ(p4->sectors, 50);

    /* A partition's sector n is the disk's start + n. */
    fill(buf, 1, 9);
    KT_ASSERT_EQ(blockdev_write(p1, 0, 1, buf), 0);
    KT_ASSERT_EQ(blockdev_read(disk, 64, 1, raw), 0);
    KT_ASSERT(memcmp(raw, buf, SECTOR) == 0);
    fill(buf, 1, 10);
    KT_ASSERT_EQ(blockdev_write(disk, 249, 1, buf), 0);
    KT_ASSERT_EQ(blockdev_read(p4, 49, 1, raw), 0); /* p4's last sector */
    KT_ASSERT(memcmp(raw, buf, SECTOR) == 0);
    /* Its own bounds, though the disk goes on. */
    KT_ASSERT_EQ(blockdev_read(p4, 50, 1, raw), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(p4, 49, 2, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_write(p1, 100, 1, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_flush(p1), 0);

    /* A table whose status bytes are not 0 or 0x80 is not an MBR: no partitions. */
    mbr[MBR_PART_TABLE_OFFSET] = 0x12;
    KT_ASSERT_EQ(blockdev_write(disk, 0, 1, mbr), 0);
    KT_ASSERT_EQ(blockdev_unregister(disk), 0);
    KT_ASSERT(blockdev_find("rdt4p1") == NULL); /* partitions go with their disk */
    KT_ASSERT_EQ(blockdev_register(disk), 0);
    KT_ASSERT(blockdev_find("rdt4p1") == NULL);
    KT_ASSERT(blockdev_find("rdt4p4") == NULL);
    KT_ASSERT_EQ(ramdisk_destroy(disk), 0);
    kfree(mbr);
    kfree(buf);
    kfree(raw);
}

KTEST(blockdev_partition_names_without_p)
{
    struct block_device *disk = ramdisk_create("rdtx", 256 * SECTOR), *p;
    uint8_t *mbr = kzalloc(SECTOR);

    KT_ASSERT(disk && mbr);
    set_entry(mbr, 1, 0, 0x83, 8, 8);
    set_entry(mbr, 2, 0, 0x83, 12, 8); /* overlaps partition 2: ignored */
    set_signature(mbr);
    KT_ASSERT_EQ(blockdev_write(disk, 0, 1, mbr), 0);
    KT_ASSERT_EQ(blockdev_unregister(disk), 0);
    KT_ASSERT_EQ(blockdev_register(disk), 0);
    p = blockdev_find("rdtx2");
    KT_ASSERT(p != NULL);
    KT_ASSERT_EQ(p->start, 8);
    KT_ASSERT(blockdev_find("rdtx3") == NULL);
    KT_ASSERT(blockdev_find("rdtx1") == NULL);
    KT_ASSERT_EQ(ramdisk_destroy(disk), 0);
    KT_ASSERT(blockdev_find("rdtx2") == NULL);
    kfree(mbr);
}

KTEST(blockdev_device_errors_reach_the_caller)
{
    struct block_device *disk = ramdisk_create("rdt5", 256 * SECTOR), *p1;
    uint8_t *mbr = kzalloc(SECTOR), *buf = kmalloc(8 * SECTOR);

    KT_ASSERT(disk && mbr && buf);
    set_entry(mbr, 0, 0, 0x83, 32, 64);
    set_signature(mbr);
    KT_ASSERT_EQ(blockdev_write(disk, 0, 1, mbr), 0);
    KT_ASSERT_EQ(blockdev_unregister(disk), 0);
    KT_ASSERT_EQ(blockdev_register(disk), 0);
    p1 = blockdev_find("rdt5p1");
    KT_ASSERT(p1 != NULL);

    KT_ASSERT_EQ(ramdisk_inject_error(disk, 40), 0);
    KT_ASSERT_EQ(blockdev_read(disk, 36, 8, buf), -EIO);
    KT_ASSERT_EQ(blockdev_write(disk, 40, 1, buf), -EIO);
    KT_ASSERT_EQ(blockdev_read(p1, 8, 1, buf), -EIO); /* disk sector 40, through the partition */
    KT_ASSERT_EQ(blockdev_read(p1, 9, 4, buf), 0);
    KT_ASSERT_EQ(ramdisk_inject_error(disk, RAMDISK_NO_ERROR), 0);
    KT_ASSERT_EQ(blockdev_read(p1, 8, 1, buf), 0);
    KT_ASSERT_EQ(ramdisk_inject_error(p1, 3), -ENODEV); /* a partition is not a RAM disk */
    KT_ASSERT_EQ(ramdisk_destroy(disk), 0);
    kfree(mbr);
    kfree(buf);
}

KTEST(blockdev_readonly_refuses_writes)
{
    struct block_device *disk = ramdisk_create("rdt6", 64 * SECTOR);
    uint8_t *buf = kzalloc(SECTOR);

    KT_ASSERT(disk && buf);
    disk->readonly = 1;
    KT_ASSERT_EQ(blockdev_write(disk, 0, 1, buf), -EROFS);
    KT_ASSERT_EQ(blockdev_read(disk, 0, 1, buf), 0);
    disk->readonly = 0;
    KT_ASSERT_EQ(blockdev_write(disk, 0, 1, buf), 0);
    KT_ASSERT_EQ(ramdisk_destroy(disk), 0);
    kfree(buf);
}
