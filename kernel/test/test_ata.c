/*
 * test_ata.c - the ATA driver on the disks QEMU gives the machine: IDENTIFY
 * against the image's partition table, the boot partition's first sector,
 * bounds, PIO and DMA with LBA28 and LBA48 agreeing with each other, DMA into
 * a buffer that crosses a 64 KiB boundary, recovery from a command that
 * times out, and writes of known patterns (ata_rw_patterns).
 *
 * The boot disk is the first ATA disk with an AdventOS boot partition: hda,
 * or hdc in a boot from the secondary channel. Writes on it touch only the
 * unused sectors between stage 2 and the first partition, and are undone.
 *
 * A scratch disk is an ATA disk whose sector 0 starts with SCRATCH_MAGIC; the
 * system test (tests/system/test_storage_drivers.py) attaches such disks,
 * boots with ktest=ata_rw and afterwards checks, from the host, every pattern
 * the "ata_rw: <disk>: <kind> lba <n> count <n> tag <n>" lines announce. On a
 * scratch disk the patterns go near the 28-bit boundary (a disk larger than
 * 2^28 sectors is needed for that) and at the disk's end. A line "bad=<lba>"
 * in the scratch header names a sector the host made unreadable: reads that
 * touch it must fail with -EIO, and the disk must go on working.
 */
#include <arch/i386/memlayout.h>
#include <arch/i386/trap.h>
#include <boot/disk.h>
#include <cmdline.h>
#include <drivers/block/ata.h>
#include <drivers/block/blockdev.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <stdbool.h>
#include <string.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define SECTOR 512
#define LBA28_END 0x0FFFFFFFull   /* LBA28 commands reach the sectors below this */
#define LBA28_MAX_COUNT 256
#define REQUEST_SECTORS 2048       /* the block layer's and the driver's request size */
#define UNUSED_FIRST (STAGE2_LBA + STAGE2_MAX_SECTORS)
#define UNUSED_END BOOT_PART_LBA
#define SCRATCH_MAGIC "ADVENTOS-ATA-SCRATCH\n"
#define SCRATCH_BAD "bad="
#define PATTERN_MAGIC "ATAPATT1"
#define PATTERN_MUL_LBA 2654435761u
#define PATTERN_MUL_WORD 40503u
#define PATTERN_MUL_TAG 97u
#define PATTERN_FIRST_WORD 5       /* after the magic, the LBA and the tag */
#define CROSS_ORDER 5              /* a 128 KiB block, so that its middle is a 64 KiB boundary */
#define CROSS_BEFORE (3 * SECTOR)  /* bytes of the buffer before the boundary */
#define TIMEOUT_TEST_MS 100
#define MAX_REGIONS 16

/* For helpers that return int: record a failure and return -1. */
#define CHECK(cond)                                                                        \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            ktest_fail(__FILE__, __LINE__, "%s", #cond);                                   \
            return -1;                                                                     \
        }                                                                                  \
        ktest_pass_check();                                                                \
    } while (0)
#define CHECK_EQ(got, want)                                                                \
    do {                                                                                   \
        long long c_g_ = (long long)(got), c_w_ = (long long)(want);                       \
        if (c_g_ != c_w_) {                                                                \
            ktest_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #got, c_g_, c_w_); \
            return -1;                                                                     \
        }                                                                                  \
        ktest_pass_check();                                                                \
    } while (0)

static const char *const ata_names[] = {"hda", "hdb", "hdc", "hdd", "hde", "hdf", "hdg", "hdh"};

static void read_mbr_entries(const uint8_t *mbr, struct mbr_partition *pe)
{
    memcpy(pe, mbr + MBR_PART_TABLE_OFFSET, MBR_PART_COUNT * sizeof *pe);
}

/* Does dev's partition table have an AdventOS boot partition (type 0xDA)? */
static bool has_boot_partition(struct block_device *dev, uint8_t *sector)
{
    struct mbr_partition pe[MBR_PART_COUNT];

    if (blockdev_read(dev, 0, 1, sector) < 0)
        return false;
    read_mbr_entries(sector, pe);
    for (int i = 0; i < MBR_PART_COUNT; i++)
        if (pe[i].type == PART_TYPE_BOOT)
            return true;
    return false;
}

/* The first ATA disk (hda, hdb, ...) laid out as an AdventOS boot disk, or NULL. */
static struct block_device *boot_disk(void)
{
    struct block_device *found = NULL;
    uint8_t *sector = kmalloc(SECTOR);
    struct ata_info info;

    for (unsigned i = 0; sector && !found && i < sizeof ata_names / sizeof ata_names[0]; i++) {
        struct block_device *dev = blockdev_find(ata_names[i]);
        if (dev && ata_get_info(dev, &info) == 0 && has_boot_partition(dev, sector))
            found = dev;
    }
    kfree(sector);
    return found;
}

KTEST(ata_identify_matches_image)
{
    struct block_device *dev = boot_disk();
    struct mbr_partition pe[MBR_PART_COUNT];
    struct ata_info info;
    uint8_t *mbr = kmalloc(SECTOR);
    uint64_t end = 0;

    KT_ASSERT(dev != NULL);
    KT_ASSERT(mbr != NULL);
    KT_ASSERT_EQ(ata_get_info(dev, &info), 0);
    KT_ASSERT(info.model[0] != '\0');
    KT_ASSERT_EQ(info.sectors, dev->sectors);
    KT_ASSERT_EQ(dev->sector_size, SECTOR);
    KT_ASSERT_EQ(blockdev_read(dev, 0, 1, mbr), 0);
    KT_ASSERT_EQ(mbr[MBR_SIGNATURE_OFFSET], MBR_SIGNATURE & 0xFF);
    KT_ASSERT_EQ(mbr[MBR_SIGNATURE_OFFSET + 1], MBR_SIGNATURE >> 8);
    /* The image ends where its last partition ends (tools/mkimage.c). */
    read_mbr_entries(mbr, pe);
    for (int i = 0; i < MBR_PART_COUNT; i++)
        if (pe[i].type && (uint64_t)pe[i].lba_first + pe[i].sectors > end)
            end = (uint64_t)pe[i].lba_first + pe[i].sectors;
    kfree(mbr);
    KT_ASSERT_EQ(info.sectors, end);
}

KTEST(ata_boot_partition_says_advboot1)
{
    struct block_device *dev = boot_disk(), *part = NULL;
    struct mbr_partition pe[MBR_PART_COUNT];
    uint8_t *mbr = kmalloc(SECTOR), *a = kmalloc(SECTOR), *b = kmalloc(SECTOR);
    char name[BLOCKDEV_NAME_MAX];
    int boot = -1;

    KT_ASSERT(dev && mbr && a && b);
    KT_ASSERT_EQ(blockdev_read(dev, 0, 1, mbr), 0);
    read_mbr_entries(mbr, pe);
    for (int i = 0; i < MBR_PART_COUNT; i++)
        if (pe[i].type == PART_TYPE_BOOT)
            boot = i;
    KT_ASSERT(boot >= 0);
    strlcpy(name, dev->name, sizeof name);
    name[strlen(name) + 1] = '\0';
    name[strlen(name)] = (char)('1' + boot);
    part = blockdev_find(name);
    KT_ASSERT(part != NULL);
    KT_ASSERT(part->parent == dev);
    KT_ASSERT_EQ(part->start, pe[boot].lba_first);
    KT_ASSERT_EQ(part->sectors, pe[boot].sectors);
    /* Through the partition and through the disk at the partition's start: the same sector. */
    KT_ASSERT_EQ(blockdev_read(part, 0, 1, a), 0);
    KT_ASSERT_EQ(blockdev_read(dev, pe[boot].lba_first, 1, b), 0);
    KT_ASSERT(memcmp(a, BOOT_CONFIG_MAGIC, strlen(BOOT_CONFIG_MAGIC)) == 0);
    KT_ASSERT(memcmp(a, b, SECTOR) == 0);
    kfree(mbr);
    kfree(a);
    kfree(b);
}

KTEST(ata_last_sector_and_past_the_end)
{
    struct block_device *dev = boot_disk();
    uint8_t *buf = kmalloc(2 * SECTOR);

    KT_ASSERT(dev && buf);
    KT_ASSERT_EQ(blockdev_read(dev, dev->sectors - 1, 1, buf), 0);
    KT_ASSERT_EQ(blockdev_read(dev, dev->sectors, 1, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_read(dev, dev->sectors - 1, 2, buf), -EINVAL);
    KT_ASSERT_EQ(blockdev_write(dev, dev->sectors, 1, buf), -EINVAL);
    kfree(buf);
}

/* Read count sectors at lba with the given flags into buf; checks the kind of command used. */
static int read_as(struct block_device *dev, uint32_t flags, enum ata_xfer kind, uint64_t lba,
                   uint32_t count, void *buf)
{
    struct ata_info before, after;

    CHECK_EQ(ata_set_flags(dev, flags), 0);
    CHECK_EQ(ata_get_info(dev, &before), 0);
    CHECK_EQ(blockdev_read(dev, lba, count, buf), 0);
    CHECK_EQ(ata_get_info(dev, &after), 0);
    CHECK_EQ(after.stats.reads[kind] - before.stats.reads[kind], 1);
    return 0;
}

static int reads_agree(struct block_device *dev, const struct ata_info *info, uint8_t *bufs[4])
{
    static const uint32_t flags[4] = {ATA_FORCE_PIO, ATA_FORCE_PIO | ATA_FORCE_LBA48, 0,
                                      ATA_FORCE_LBA48};
    const uint32_t count = 8;
    uint64_t irqs = trap_count(IRQ_BASE + info->irq);

    for (int k = 0; k < ATA_XFER_KINDS; k++) {
        memset(bufs[k], 0xEE, count * SECTOR);
        if (read_as(dev, flags[k], (enum ata_xfer)k, BOOT_PART_LBA, count, bufs[k]) < 0)
            return -1;
        CHECK(memcmp(bufs[k], BOOT_CONFIG_MAGIC, strlen(BOOT_CONFIG_MAGIC)) == 0);
        CHECK(memcmp(bufs[k], bufs[0], count * SECTOR) == 0);
    }
    /* PIO interrupts once per sector, DMA once per command. */
    CHECK(trap_count(IRQ_BASE + info->irq) - irqs >= 2 * count + 2);
    return 0;
}

KTEST(ata_pio_and_dma_reads_agree)
{
    struct block_device *dev = boot_disk();
    struct ata_info info;
    uint8_t *bufs[4];

    KT_ASSERT(dev != NULL);
    KT_ASSERT_EQ(ata_get_info(dev, &info), 0);
    KT_ASSERT(info.dma && info.lba48); /* what QEMU's PIIX3 IDE disk offers */
    for (int k = 0; k < 4; k++) {
        bufs[k] = kmalloc(8 * SECTOR);
        KT_ASSERT(bufs[k] != NULL);
    }
    reads_agree(dev, &info, bufs); /* on failure, CHECK has recorded why */
    ata_set_flags(dev, info.flags);
    for (int k = 0; k < 4; k++)
        kfree(bufs[k]);
}

KTEST(ata_dma_buffer_across_64k_and_unaligned_buffer)
{
    struct block_device *dev = boot_disk();
    struct ata_info info, before, after;
    uintptr_t block = pmm_alloc_pages(CROSS_ORDER);
    uint8_t *ref = kmalloc(16 * SECTOR), *raw = kmalloc(16 * SECTOR + 1), *cross;

    KT_ASSERT(dev && block && ref && raw);
    KT_ASSERT_EQ(ata_get_info(dev, &info), 0);
    cross = (uint8_t *)P2V(block) + (PAGE_SIZE << CROSS_ORDER) / 2 - CROSS_BEFORE;
    KT_ASSERT(((V2P(cross) + CROSS_BEFORE) & 0xFFFF) == 0); /* it does cross 64 KiB */
    KT_ASSERT_EQ(read_as(dev, ATA_FORCE_PIO, ATA_XFER_PIO28, BOOT_PART_LBA, 16, ref), 0);
    memset(cross, 0, 16 * SECTOR);
    KT_ASSERT_EQ(read_as(dev, 0, ATA_XFER_DMA28, BOOT_PART_LBA, 16, cross), 0);
    KT_ASSERT(memcmp(cross, ref, 16 * SECTOR) == 0);

    /* An odd address cannot be given to the bus master: the driver falls back to PIO. */
    KT_ASSERT_EQ(ata_get_info(dev, &before), 0);
    KT_ASSERT_EQ(blockdev_read(dev, BOOT_PART_LBA, 16, raw + 1), 0);
    KT_ASSERT_EQ(ata_get_info(dev, &after), 0);
    KT_ASSERT_EQ(after.stats.reads[ATA_XFER_PIO28] - before.stats.reads[ATA_XFER_PIO28], 1);
    KT_ASSERT(memcmp(raw + 1, ref, 16 * SECTOR) == 0);
    ata_set_flags(dev, info.flags);
    pmm_free_pages(block, CROSS_ORDER);
    kfree(ref);
    kfree(raw);
}

static int timeouts_recover(struct block_device *dev, const struct ata_info *info, uint8_t *buf)
{
    struct ata_info after;
    uint32_t old = ata_set_timeout(dev, TIMEOUT_TEST_MS);
    int err1, err2;

    ata_set_flags(dev, ATA_TEST_IRQ_MASKED | ATA_FORCE_PIO);
    err1 = blockdev_read(dev, BOOT_PART_LBA, 1, buf);
    ata_set_flags(dev, ATA_TEST_IRQ_MASKED);
    err2 = blockdev_read(dev, BOOT_PART_LBA, 1, buf);
    ata_set_timeout(dev, old); /* the normal timeout again, before anything can fail */
    CHECK_EQ(err1, -ETIMEDOUT);
    CHECK_EQ(err2, -ETIMEDOUT);
    CHECK_EQ(ata_get_info(dev, &after), 0);
    CHECK_EQ(after.stats.timeouts - info->stats.timeouts, 2);
    /* After the channel reset the disk works again, both ways. */
    for (int pio = 0; pio < 2; pio++) {
        CHECK_EQ(ata_set_flags(dev, pio ? ATA_FORCE_PIO : 0), 0);
        memset(buf, 0, SECTOR);
        CHECK_EQ(blockdev_read(dev, BOOT_PART_LBA, 1, buf), 0);
        CHECK(memcmp(buf, BOOT_CONFIG_MAGIC, strlen(BOOT_CONFIG_MAGIC)) == 0);
    }
    return 0;
}

KTEST(ata_timeout_resets_and_recovers)
{
    struct block_device *dev = boot_disk();
    struct ata_info info;
    uint8_t *buf = kmalloc(SECTOR);

    KT_ASSERT(dev && buf);
    KT_ASSERT_EQ(ata_get_info(dev, &info), 0);
    /* The reset hits the whole channel: first make the other drive's writes durable. */
    for (unsigned i = 0; i < sizeof ata_names / sizeof ata_names[0]; i++) {
        struct block_device *other = blockdev_find(ata_names[i]);
        struct ata_info oi;
        if (other && ata_get_info(other, &oi) == 0 && oi.channel == info.channel)
            KT_ASSERT_EQ(blockdev_flush(other), 0);
    }
    timeouts_recover(dev, &info, buf); /* on failure, CHECK has recorded why */
    ata_set_flags(dev, info.flags);
    kfree(buf);
}

/* ---- patterns (ata_rw) ---- */

struct region {
    uint64_t lba;
    uint32_t count;
    uint32_t flags; /* for the write; the read back goes the other way (PIO <-> DMA) */
    bool cross;     /* DMA through a buffer that crosses a 64 KiB boundary */
};

static void fill_pattern(uint8_t *buf, uint64_t lba, uint32_t count, uint32_t tag)
{
    for (uint32_t s = 0; s < count; s++) {
        uint8_t *p = buf + (size_t)s * SECTOR;
        uint64_t l = lba + s;
        uint32_t w;

        memcpy(p, PATTERN_MAGIC, 8);
        memcpy(p + 8, &l, sizeof l);
        memcpy(p + 16, &tag, sizeof tag);
        for (uint32_t k = PATTERN_FIRST_WORD; k < SECTOR / 4; k++) {
            w = (uint32_t)l * PATTERN_MUL_LBA + k * PATTERN_MUL_WORD + tag * PATTERN_MUL_TAG;
            memcpy(p + 4 * k, &w, sizeof w);
        }
    }
}

static enum ata_xfer expected_kind(const struct ata_info *info, uint64_t lba, uint32_t count,
                                   uint32_t flags)
{
    bool dma = info->dma && !(flags & ATA_FORCE_PIO);
    bool lba48 = info->lba48 && ((flags & ATA_FORCE_LBA48) || count > LBA28_MAX_COUNT ||
                                 lba + count > LBA28_END);

    return dma ? (lba48 ? ATA_XFER_DMA48 : ATA_XFER_DMA28)
               : (lba48 ? ATA_XFER_PIO48 : ATA_XFER_PIO28);
}

/* Commands of each kind a transfer takes: one per request of at most REQUEST_SECTORS. */
static uint32_t commands(uint32_t count)
{
    return (count + REQUEST_SECTORS - 1) / REQUEST_SECTORS;
}

struct buffers {
    uint8_t *data, *check, *cross;
};

static int write_region(struct block_device *dev, const struct ata_info *info,
                        const struct region *r, uint32_t tag, struct buffers *b)
{
    uint32_t rflags = info->dma ? r->flags ^ ATA_FORCE_PIO : r->flags;
    enum ata_xfer wk = expected_kind(info, r->lba, r->count, r->flags);
    enum ata_xfer rk = expected_kind(info, r->lba, r->count, rflags);
    size_t bytes = (size_t)r->count * SECTOR;
    uint8_t *src = r->cross ? b->cross : b->data;
    struct ata_info s0, s1, s2;

    CHECK(r->lba + r->count <= dev->sectors);
    CHECK_EQ(ata_set_flags(dev, r->flags), 0);
    fill_pattern(src, r->lba, r->count, tag);
    CHECK_EQ(ata_get_info(dev, &s0), 0);
    CHECK_EQ(blockdev_write(dev, r->lba, r->count, src), 0);
    CHECK_EQ(ata_get_info(dev, &s1), 0);
    CHECK_EQ(s1.stats.writes[wk] - s0.stats.writes[wk], commands(r->count));

    memset(b->check, 0, bytes);
    CHECK_EQ(ata_set_flags(dev, rflags), 0);
    CHECK_EQ(blockdev_read(dev, r->lba, r->count, b->check), 0);
    CHECK_EQ(ata_get_info(dev, &s2), 0);
    CHECK_EQ(s2.stats.reads[rk] - s1.stats.reads[rk], commands(r->count));
    CHECK(memcmp(b->check, src, bytes) == 0);
    if (r->cross) { /* and DMA into the crossing buffer */
        memset(b->cross, 0, bytes);
        CHECK_EQ(ata_set_flags(dev, r->flags), 0);
        CHECK_EQ(blockdev_read(dev, r->lba, r->count, b->cross), 0);
        CHECK(memcmp(b->cross, b->check, bytes) == 0);
    }
    kprintf("ata_rw: %s: %s lba %llu count %lu tag %lu\n", dev->name, ata_xfer_name(wk),
            (unsigned long long)r->lba, (unsigned long)r->count, (unsigned long)tag);
    return 0;
}

/*
 * The regions for a scratch disk of s sectors. On a disk larger than 2^28
 * sectors: LBA28 just below the boundary, DMA across it, PIO just past it and
 * further out, and the disk's last sectors; on a small one the last sectors
 * with LBA28 and forced LBA48 further down. Then multi-command and
 * large-count transfers, and DMA through a buffer crossing 64 KiB.
 */
static int scratch_regions(uint64_t s, struct region *r)
{
    int n = 0;

    if (s > LBA28_END + 4096) {
        r[n++] = (struct region){LBA28_END - 16, 8, ATA_FORCE_PIO, false};
        r[n++] = (struct region){LBA28_END - 48, 16, 0, false};
        r[n++] = (struct region){LBA28_END - 4, 8, 0, false};
        r[n++] = (struct region){LBA28_END + 8, 8, ATA_FORCE_PIO, false};
        r[n++] = (struct region){LBA28_END + 1000003, 4, ATA_FORCE_PIO, false};
        r[n++] = (struct region){s - 16, 16, 0, false};
    } else {
        r[n++] = (struct region){s - 8, 8, ATA_FORCE_PIO, false};
        r[n++] = (struct region){s - 40, 16, 0, false};
        r[n++] = (struct region){1000, 8, ATA_FORCE_PIO | ATA_FORCE_LBA48, false};
        r[n++] = (struct region){2000, 16, ATA_FORCE_LBA48, false};
    }
    r[n++] = (struct region){4096, 600, 0, false};
    r[n++] = (struct region){8192, 300, ATA_FORCE_PIO, false};
    r[n++] = (struct region){12288, 16, 0, true};
    r[n++] = (struct region){16384, 2500, 0, false};
    return n;
}

/* The boot disk's regions: all in the unused sectors before the first partition. */
static int boot_regions(struct region *r)
{
    int n = 0;

    r[n++] = (struct region){100, 8, ATA_FORCE_PIO, false};
    r[n++] = (struct region){200, 8, ATA_FORCE_PIO | ATA_FORCE_LBA48, false};
    r[n++] = (struct region){300, 16, 0, false};
    r[n++] = (struct region){400, 16, ATA_FORCE_LBA48, false};
    r[n++] = (struct region){500, 600, 0, false};
    r[n++] = (struct region){1200, 300, ATA_FORCE_PIO, false};
    r[n++] = (struct region){1600, 16, 0, true};
    return n;
}

/* Reads that touch the unreadable sector fail with -EIO; the disk goes on working. */
static int check_bad_sector(struct block_device *dev, uint64_t bad, struct buffers *b)
{
    struct ata_info before, after;

    CHECK(bad >= 2 && bad + 8 < dev->sectors);
    CHECK_EQ(ata_get_info(dev, &before), 0);
    for (int pio = 0; pio < 2; pio++) {
        CHECK_EQ(ata_set_flags(dev, pio ? ATA_FORCE_PIO : 0), 0);
        CHECK_EQ(blockdev_read(dev, bad - 2, 4, b->check), -EIO);
        CHECK_EQ(blockdev_read(dev, bad + 4, 4, b->check), 0);
    }
    CHECK_EQ(ata_get_info(dev, &after), 0);
    CHECK_EQ(after.stats.errors - before.stats.errors, 2);
    kprintf("ata_rw: %s: reads of bad sector %llu failed with -EIO, as they should\n", dev->name,
            (unsigned long long)bad);
    return 0;
}

static uint64_t parse_u64(const char *s)
{
    uint64_t v = 0;

    while (*s >= '0' && *s <= '9')
        v = v * 10 + (uint64_t)(*s++ - '0');
    return v;
}

/* Run the regions on dev; the boot disk's old contents are put back afterwards. */
static int pattern_disk(struct block_device *dev, bool scratch, uint32_t *tag, struct buffers *b)
{
    struct region r[MAX_REGIONS];
    struct ata_info info;
    uint8_t *saved = NULL;
    int n, err = 0;
    const char *badp;

    CHECK_EQ(ata_get_info(dev, &info), 0);
    n = scratch ? scratch_regions(dev->sectors, r) : boot_regions(r);
    if (!scratch) {
        saved = kmalloc((UNUSED_END - UNUSED_FIRST) * SECTOR);
        CHECK(saved != NULL);
        CHECK_EQ(blockdev_read(dev, UNUSED_FIRST, UNUSED_END - UNUSED_FIRST, saved), 0);
    }
    for (int i = 0; i < n && !err; i++)
        err = write_region(dev, &info, &r[i], (*tag)++, b);
    if (!err) {
        struct ata_info s0, s1;
        CHECK_EQ(ata_get_info(dev, &s0), 0);
        CHECK_EQ(blockdev_flush(dev), 0);
        CHECK_EQ(ata_get_info(dev, &s1), 0);
        CHECK_EQ(s1.stats.flushes - s0.stats.flushes, 1);
    }
    if (!err && scratch) {
        CHECK_EQ(blockdev_read(dev, 0, 1, b->check), 0);
        badp = strstr((const char *)b->check, "\n" SCRATCH_BAD);
        if (badp)
            err = check_bad_sector(dev, parse_u64(badp + strlen("\n" SCRATCH_BAD)), b);
    }
    ata_set_flags(dev, info.flags);
    if (saved) {
        CHECK_EQ(blockdev_write(dev, UNUSED_FIRST, UNUSED_END - UNUSED_FIRST, saved), 0);
        CHECK_EQ(blockdev_read(dev, UNUSED_FIRST, 1, b->check), 0);
        CHECK(memcmp(b->check, saved, SECTOR) == 0);
        kfree(saved);
    }
    return err;
}

static bool is_scratch(struct block_device *dev, uint8_t *buf)
{
    return blockdev_read(dev, 0, 1, buf) == 0 &&
           memcmp(buf, SCRATCH_MAGIC, strlen(SCRATCH_MAGIC)) == 0;
}

static int run_patterns(struct buffers *b)
{
    struct block_device *boot = boot_disk();
    const char *pattern = cmdline_get("ktest");
    uint32_t tag = 1;
    int scratch_disks = 0;

    CHECK(boot != NULL);
    if (pattern_disk(boot, false, &tag, b) < 0)
        return -1;
    for (unsigned i = 0; i < sizeof ata_names / sizeof ata_names[0]; i++) {
        struct block_device *dev = blockdev_find(ata_names[i]);
        struct ata_info info;
        if (!dev || ata_get_info(dev, &info) < 0 || !is_scratch(dev, b->check))
            continue;
        scratch_disks++;
        tag = 100 * (i + 1);
        if (pattern_disk(dev, true, &tag, b) < 0)
            return -1;
    }
    /* Run on its own (ktest=ata_rw), as the system test does, it insists on scratch disks. */
    if (pattern && strcmp(pattern, "ata_rw") == 0)
        CHECK(scratch_disks > 0);
    kprintf("ata_rw: %d scratch disks\n", scratch_disks);
    return 0;
}

KTEST(ata_rw_patterns)
{
    struct buffers b;
    uintptr_t block = pmm_alloc_pages(CROSS_ORDER);

    b.data = kmalloc(2500 * SECTOR);
    b.check = kmalloc(2500 * SECTOR);
    KT_ASSERT(block && b.data && b.check);
    b.cross = (uint8_t *)P2V(block) + (PAGE_SIZE << CROSS_ORDER) / 2 - CROSS_BEFORE;
    run_patterns(&b); /* on failure, CHECK has recorded why */
    kfree(b.data);
    kfree(b.check);
    pmm_free_pages(block, CROSS_ORDER);
}
