/*
 * ramdisk.c - RAM disks (see ramdisk.h).
 *
 * The contents live in single pages from the page allocator (a large disk
 * needs no contiguous memory), found through an array of their physical
 * addresses; sector s is at byte (s % 8) * 512 of page s / 8. Requests are
 * done at once, inside submit: the block layer sends one at a time per disk,
 * so the pages need no lock of their own.
 */
#include <arch/i386/memlayout.h>
#include <drivers/block/ramdisk.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <string.h>
#include <uapi/errno.h>

#define SECTORS_PER_PAGE (PAGE_SIZE / RAMDISK_SECTOR_SIZE)

struct ramdisk {
    struct block_device dev;
    uint32_t npages;
    uintptr_t *pages;   /* physical addresses; read-only after creation */
    uint64_t bad_lba;   /* RAMDISK_NO_ERROR or the sector that fails (requests are serial) */
};

static void ramdisk_submit(struct block_device *dev, struct block_request *req);

static const struct block_driver_ops ramdisk_ops = {.submit = ramdisk_submit};

static void ramdisk_submit(struct block_device *dev, struct block_request *req)
{
    struct ramdisk *rd = dev->driver_data;
    uint8_t *buf = req->buf;

    if (req->op == BLOCK_FLUSH) {
        block_request_done(req, 0);
        return;
    }
    if (rd->bad_lba >= req->lba && rd->bad_lba - req->lba < req->count) {
        block_request_done(req, -EIO);
        return;
    }
    for (uint32_t i = 0; i < req->count; i++) {
        uint64_t s = req->lba + i;
        uint8_t *sector = (uint8_t *)P2V(rd->pages[s / SECTORS_PER_PAGE]) +
                          (s % SECTORS_PER_PAGE) * RAMDISK_SECTOR_SIZE;
        if (req->op == BLOCK_READ)
            memcpy(buf, sector, RAMDISK_SECTOR_SIZE);
        else
            memcpy(sector, buf, RAMDISK_SECTOR_SIZE);
        buf += RAMDISK_SECTOR_SIZE;
    }
    block_request_done(req, 0);
}

static void free_ramdisk(struct ramdisk *rd)
{
    for (uint32_t i = 0; i < rd->npages; i++)
        if (rd->pages[i])
            pmm_free_page(rd->pages[i]);
    kfree(rd->pages);
    kfree(rd);
}

struct block_device *ramdisk_create(const char *name, uint64_t bytes)
{
    struct ramdisk *rd;
    uint64_t npages;
    int err;

    if (!name || !*name || strlen(name) >= BLOCKDEV_NAME_MAX || bytes == 0 ||
        bytes % RAMDISK_SECTOR_SIZE)
        return NULL;
    npages = (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
    if (npages > UINT32_MAX / sizeof(uintptr_t))
        return NULL;
    rd = kzalloc(sizeof *rd);
    if (!rd)
        return NULL;
    rd->pages = kzalloc((size_t)npages * sizeof(uintptr_t));
    if (!rd->pages) {
        kfree(rd);
        return NULL;
    }
    rd->npages = (uint32_t)npages;
    for (uint32_t i = 0; i < rd->npages; i++) {
        rd->pages[i] = pmm_alloc_page();
        if (!rd->pages[i]) {
            kprintf("ramdisk: %s: out of memory for %llu bytes\n", name,
                    (unsigned long long)bytes);
            free_ramdisk(rd);
            return NULL;
        }
        memset(P2V(rd->pages[i]), 0, PAGE_SIZE);
    }
    strlcpy(rd->dev.name, name, sizeof rd->dev.name);
    rd->dev.sector_size = RAMDISK_SECTOR_SIZE;
    rd->dev.sectors = bytes / RAMDISK_SECTOR_SIZE;
    rd->dev.ops = &ramdisk_ops;
    rd->dev.driver_data = rd;
    rd->bad_lba = RAMDISK_NO_ERROR;
    err = blockdev_register(&rd->dev);
    if (err < 0) {
        free_ramdisk(rd);
        return NULL;
    }
    return &rd->dev;
}

static struct ramdisk *as_ramdisk(struct block_device *dev)
{
    return dev && dev->ops == &ramdisk_ops ? dev->driver_data : NULL;
}

int ramdisk_destroy(struct block_device *dev)
{
    struct ramdisk *rd = as_ramdisk(dev);
    int err;

    if (!rd)
        return -ENODEV;
    err = blockdev_unregister(dev);
    if (err < 0)
        return err;
    free_ramdisk(rd);
    return 0;
}

int ramdisk_inject_error(struct block_device *dev, uint64_t lba)
{
    struct ramdisk *rd = as_ramdisk(dev);

    if (!rd)
        return -ENODEV;
    rd->bad_lba = lba;
    return 0;
}
