/*
 * blockdev.c - the block layer (see blockdev.h): the table of registered
 * devices, MBR partitions, bounds checks, and the synchronous transfers.
 *
 * Every disk has a struct disk_state of the layer's own: a mutex that lets
 * one request at a time reach the driver, and the request itself, which lives
 * as long as the disk (so a driver that completes late never writes into a
 * caller's stack). A partition shares its disk's state; its requests are
 * checked against the partition's bounds, then shifted by its start.
 *
 * A transfer is cut into requests of at most BLOCKDEV_MAX_REQUEST sectors.
 * The caller waits for each one with a generous timeout: drivers have their
 * own, shorter, timeouts and always finish a request, so this one is a last
 * line of defence. If it strikes, the disk is marked broken and every later
 * request fails with -EIO at once.
 *
 * MBR partitions (the classic table at byte 446 of sector 0, 0x55AA at 510)
 * are registered as <disk>1..<disk>4, or <disk>p1..p4 when the disk's name
 * ends in a digit (ram0p1). Empty slots (type 0) are skipped; extended
 * partitions and GPT protective entries are reported and ignored, and so is
 * an entry that lies outside the disk or overlaps an earlier one.
 */
#include <arch/i386/spinlock.h>
#include <boot/disk.h>
#include <drivers/block/blockdev.h>
#include <lib/format.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <proc/mutex.h>
#include <stdbool.h>
#include <string.h>
#include <uapi/errno.h>

#define BLOCKDEV_MAX 64
#define BLOCKDEV_MAX_REQUEST 2048     /* sectors per request to a driver */
#define BLOCKDEV_TIMEOUT_MS 120000    /* backstop; drivers time out long before */
#define MBR_MIN_SECTOR_SIZE 512

/* Partition types that are not data partitions (the usual MBR type list). */
#define PART_TYPE_EMPTY 0x00
#define PART_TYPE_EXTENDED_CHS 0x05
#define PART_TYPE_EXTENDED_LBA 0x0F
#define PART_TYPE_EXTENDED_LINUX 0x85
#define PART_TYPE_GPT_PROTECTIVE 0xEE
#define PART_STATUS_ACTIVE 0x80

struct disk_state {
    struct mutex lock;         /* one request at a time; held across the wait */
    struct block_request req;  /* the request in flight (lock) */
    bool broken;               /* a request never finished (lock) */
};

struct entry {
    struct block_device *dev;
    struct disk_state *disk; /* the disk's own, or its parent's for a partition */
    bool owned;              /* a partition the layer allocated */
};

/* The registered devices, in registration order (blockdev_lock). */
static struct spinlock blockdev_lock = SPINLOCK_INIT("blockdev_lock");
static struct entry table[BLOCKDEV_MAX];
static int table_count;

static int find_index(const struct block_device *dev)
{
    for (int i = 0; i < table_count; i++)
        if (table[i].dev == dev)
            return i;
    return -1;
}

static int find_name(const char *name)
{
    for (int i = 0; i < table_count; i++)
        if (strcmp(table[i].dev->name, name) == 0)
            return i;
    return -1;
}

static int add_entry(struct block_device *dev, struct disk_state *disk, bool owned)
{
    int err = 0;

    spin_lock(&blockdev_lock);
    if (find_name(dev->name) >= 0 || find_index(dev) >= 0)
        err = -EEXIST;
    else if (table_count == BLOCKDEV_MAX)
        err = -ENOSPC;
    else
        table[table_count++] = (struct entry){dev, disk, owned};
    spin_unlock(&blockdev_lock);
    return err;
}

/* The state that serializes dev's requests, or NULL when dev is not registered. */
static struct disk_state *disk_of(const struct block_device *dev)
{
    struct disk_state *ds = NULL;
    int i;

    spin_lock(&blockdev_lock);
    i = find_index(dev);
    if (i >= 0)
        ds = table[i].disk;
    spin_unlock(&blockdev_lock);
    return ds;
}

struct block_device *blockdev_find(const char *name)
{
    struct block_device *dev = NULL;
    int i;

    if (!name)
        return NULL;
    spin_lock(&blockdev_lock);
    i = find_name(name);
    if (i >= 0)
        dev = table[i].dev;
    spin_unlock(&blockdev_lock);
    return dev;
}

struct block_device *blockdev_get(int i)
{
    struct block_device *dev = NULL;

    spin_lock(&blockdev_lock);
    if (i >= 0 && i < table_count)
        dev = table[i].dev;
    spin_unlock(&blockdev_lock);
    return dev;
}

void block_request_done(struct block_request *req, int status)
{
    req->status = status;
    complete(&req->done);
}

/* One request to the disk itself (never a partition), within its bounds. */
static int disk_request(struct block_device *disk, struct disk_state *ds, enum block_op op,
                        uint64_t lba, uint32_t count, void *buf)
{
    int err;

    mutex_lock(&ds->lock);
    if (ds->broken) {
        mutex_unlock(&ds->lock);
        return -EIO;
    }
    ds->req.op = op;
    ds->req.lba = lba;
    ds->req.count = count;
    ds->req.buf = buf;
    ds->req.status = -EIO;
    completion_init(&ds->req.done);
    disk->ops->submit(disk, &ds->req);
    err = completion_wait_timeout(&ds->req.done, BLOCKDEV_TIMEOUT_MS);
    if (err < 0) {
        ds->broken = true;
        kprintf("blockdev: %s: request (op %d, lba %llu, %lu sectors) never finished; "
                "the disk is out of service\n",
                disk->name, op, (unsigned long long)lba, (unsigned long)count);
    } else {
        err = ds->req.status;
    }
    mutex_unlock(&ds->lock);
    return err;
}

static int transfer(struct block_device *dev, enum block_op op, uint64_t lba, uint32_t count,
                    void *buf)
{
    struct disk_state *ds;
    struct block_device *disk = dev;
    uint8_t *p = buf;
    int err = 0;

    if (!dev || !buf)
        return -EINVAL;
    ds = disk_of(dev);
    if (!ds)
        return -ENODEV;
    if (lba > dev->sectors || count > dev->sectors - lba)
        return -EINVAL;
    if (op == BLOCK_WRITE && dev->readonly)
        return -EROFS;
    if (dev->parent) {
        disk = dev->parent;
        lba += dev->start;
    }
    while (count && !err) {
        uint32_t n = count < BLOCKDEV_MAX_REQUEST ? count : BLOCKDEV_MAX_REQUEST;
        err = disk_request(disk, ds, op, lba, n, p);
        lba += n;
        count -= n;
        p += (size_t)n * disk->sector_size;
    }
    return err;
}

int blockdev_read(struct block_device *dev, uint64_t lba, uint32_t count, void *buf)
{
    return transfer(dev, BLOCK_READ, lba, count, buf);
}

int blockdev_write(struct block_device *dev, uint64_t lba, uint32_t count, const void *buf)
{
    return transfer(dev, BLOCK_WRITE, lba, count, (void *)buf);
}

int blockdev_flush(struct block_device *dev)
{
    struct disk_state *ds;

    if (!dev)
        return -EINVAL;
    ds = disk_of(dev);
    if (!ds)
        return -ENODEV;
    return disk_request(dev->parent ? dev->parent : dev, ds, BLOCK_FLUSH, 0, 0, NULL);
}

static bool is_extended(uint8_t type)
{
    return type == PART_TYPE_EXTENDED_CHS || type == PART_TYPE_EXTENDED_LBA ||
           type == PART_TYPE_EXTENDED_LINUX;
}

static void partition_name(char *out, size_t size, const struct block_device *disk, int n)
{
    size_t len = strlen(disk->name);
    bool digit = len && disk->name[len - 1] >= '0' && disk->name[len - 1] <= '9';

    snprintf(out, size, "%s%s%d", disk->name, digit ? "p" : "", n);
}

static void register_partition(struct block_device *disk, struct disk_state *ds, int n,
                               const struct mbr_partition *pe)
{
    char name[BLOCKDEV_NAME_MAX + 8];
    struct block_device *part;
    int err;

    partition_name(name, sizeof name, disk, n);
    if (strlen(name) >= BLOCKDEV_NAME_MAX) {
        kprintf("blockdev: %s: partition %d: the name %s is too long; ignored\n", disk->name, n,
                name);
        return;
    }
    part = kzalloc(sizeof *part);
    if (!part) {
        kprintf("blockdev: %s: out of memory for partition %d\n", disk->name, n);
        return;
    }
    strlcpy(part->name, name, sizeof part->name);
    part->sector_size = disk->sector_size;
    part->sectors = pe->sectors;
    part->parent = disk;
    part->start = pe->lba_first;
    part->readonly = disk->readonly;
    err = add_entry(part, ds, true);
    if (err < 0) {
        kprintf("blockdev: %s: cannot register %s (%d)\n", disk->name, part->name, err);
        kfree(part);
        return;
    }
    kprintf("blockdev: %s: type 0x%02x%s, sectors %lu-%llu (%llu KiB)\n", part->name, pe->type,
            pe->status == PART_STATUS_ACTIVE ? " active" : "", (unsigned long)pe->lba_first,
            (unsigned long long)pe->lba_first + pe->sectors - 1,
            (unsigned long long)pe->sectors * disk->sector_size / 1024);
}

/* Read disk's MBR and register its partitions. Returns how many were registered. */
static int scan_partitions(struct block_device *disk, struct disk_state *ds)
{
    struct mbr_partition pe[MBR_PART_COUNT];
    uint8_t *sector;
    uint16_t sig;
    int err, found = 0;

    if (disk->sector_size < MBR_MIN_SECTOR_SIZE)
        return 0;
    sector = kmalloc(disk->sector_size);
    if (!sector)
        return 0;
    err = disk_request(disk, ds, BLOCK_READ, 0, 1, sector);
    if (err < 0) {
        kprintf("blockdev: %s: cannot read the partition table (%d)\n", disk->name, err);
        kfree(sector);
        return 0;
    }
    sig = (uint16_t)(sector[MBR_SIGNATURE_OFFSET] | sector[MBR_SIGNATURE_OFFSET + 1] << 8);
    memcpy(pe, sector + MBR_PART_TABLE_OFFSET, sizeof pe);
    kfree(sector);
    if (sig != MBR_SIGNATURE)
        return 0;
    /* A boot sector of some other kind can end in 0x55AA too: every status must be 0 or 0x80. */
    for (int i = 0; i < MBR_PART_COUNT; i++)
        if (pe[i].status != 0 && pe[i].status != PART_STATUS_ACTIVE)
            return 0;

    for (int i = 0; i < MBR_PART_COUNT; i++) {
        uint64_t first = pe[i].lba_first, end = first + pe[i].sectors;
        bool overlap = false;

        if (pe[i].type == PART_TYPE_EMPTY)
            continue;
        if (is_extended(pe[i].type)) {
            kprintf("blockdev: %s: partition %d is extended (type 0x%02x); logical partitions "
                    "are not supported, ignored\n", disk->name, i + 1, pe[i].type);
            continue;
        }
        if (pe[i].type == PART_TYPE_GPT_PROTECTIVE) {
            kprintf("blockdev: %s: GPT protective entry; GPT is not supported, ignored\n",
                    disk->name);
            continue;
        }
        if (pe[i].sectors == 0 || first == 0 || end > disk->sectors) {
            kprintf("blockdev: %s: partition %d (sectors %llu+%lu) lies outside the disk "
                    "(%llu sectors); ignored\n", disk->name, i + 1, (unsigned long long)first,
                    (unsigned long)pe[i].sectors, (unsigned long long)disk->sectors);
            continue;
        }
        for (int j = 0; j < i; j++) {
            uint64_t f2 = pe[j].lba_first, e2 = f2 + pe[j].sectors;
            if (pe[j].type != PART_TYPE_EMPTY && !is_extended(pe[j].type) &&
                pe[j].type != PART_TYPE_GPT_PROTECTIVE && first < e2 && f2 < end &&
                e2 <= disk->sectors && pe[j].sectors)
                overlap = true;
        }
        if (overlap) {
            kprintf("blockdev: %s: partition %d overlaps an earlier one; ignored\n", disk->name,
                    i + 1);
            continue;
        }
        register_partition(disk, ds, i + 1, &pe[i]);
        found++;
    }
    return found;
}

int blockdev_register(struct block_device *dev)
{
    struct disk_state *ds;
    int err;

    if (!dev || !dev->ops || !dev->ops->submit || dev->parent || !dev->sector_size ||
        !memchr(dev->name, '\0', BLOCKDEV_NAME_MAX) || !dev->name[0])
        return -EINVAL;
    ds = kzalloc(sizeof *ds);
    if (!ds)
        return -ENOMEM;
    mutex_init(&ds->lock, "blockdev disk");
    err = add_entry(dev, ds, false);
    if (err < 0) {
        kfree(ds);
        return err;
    }
    kprintf("blockdev: %s: %llu sectors of %lu bytes (%llu MiB)%s\n", dev->name,
            (unsigned long long)dev->sectors, (unsigned long)dev->sector_size,
            (unsigned long long)(dev->sectors * dev->sector_size >> 20),
            dev->readonly ? ", read-only" : "");
    scan_partitions(dev, ds);
    return 0;
}

int blockdev_unregister(struct block_device *dev)
{
    struct disk_state *ds;
    struct block_device *parts[BLOCKDEV_MAX];
    int nparts = 0, i;

    if (!dev || dev->parent)
        return -EINVAL;
    ds = disk_of(dev);
    if (!ds)
        return -ENODEV;
    mutex_lock(&ds->lock); /* wait for a request in flight */
    spin_lock(&blockdev_lock);
    for (i = 0; i < table_count;) {
        if (table[i].dev == dev || table[i].dev->parent == dev) {
            if (table[i].owned)
                parts[nparts++] = table[i].dev;
            memmove(&table[i], &table[i + 1], (size_t)(table_count - i - 1) * sizeof table[0]);
            table_count--;
        } else {
            i++;
        }
    }
    spin_unlock(&blockdev_lock);
    mutex_unlock(&ds->lock);
    for (i = 0; i < nparts; i++)
        kfree(parts[i]);
    if (!ds->broken) /* a broken disk's request may still be written to: keep it */
        kfree(ds);
    return 0;
}
