/*
 * mkimage.c - build the AdventOS boot disk image (layout in include/boot/disk.h
 * and docs/boot.md).
 *
 *   mkimage -o os.img --mbr mbr.bin --stage2 stage2.bin --kernel kernel.elf
 *           [--cmdline "..."] [--root-size MB] [--root-image fs.img]
 *
 * Writes the MBR with a partition table (1: boot partition holding the boot
 * configuration sector and the kernel ELF; 2: the AdventFS root), stage 2 after
 * the MBR, and the partitions' contents. The root partition is zero-filled, or
 * holds --root-image when given.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <boot/disk.h>

#define MIB (1024u * 1024u)

static const char *prog = "mkimage";

static void die(const char *what, const char *reason)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, reason);
    exit(1);
}

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *buf;
    long size;

    if (!fp)
        die(path, strerror(errno));
    if (fseek(fp, 0, SEEK_END) != 0 || (size = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0)
        die(path, "cannot determine the size");
    buf = calloc(1, (size_t)size + 1);
    if (!buf)
        die(path, "out of memory");
    if (fread(buf, 1, (size_t)size, fp) != (size_t)size)
        die(path, "short read");
    fclose(fp);
    *len = (size_t)size;
    return buf;
}

static void write_at(FILE *fp, const char *path, uint64_t offset, const void *data, size_t len)
{
    if (fseeko(fp, (off_t)offset, SEEK_SET) != 0 || fwrite(data, 1, len, fp) != len)
        die(path, strerror(errno));
}

static void set_partition(uint8_t *mbr, int index, uint8_t type, int active, uint32_t lba,
                          uint32_t sectors)
{
    struct mbr_partition p = {0};

    p.status = active ? 0x80 : 0;
    /* CHS fields say "use LBA": the conventional 1023/254/63 maximum. */
    p.chs_first[0] = p.chs_last[0] = 0xfe;
    p.chs_first[1] = p.chs_last[1] = 0xff;
    p.chs_first[2] = p.chs_last[2] = 0xff;
    p.type = type;
    p.lba_first = lba;
    p.sectors = sectors;
    memcpy(mbr + MBR_PART_TABLE_OFFSET + index * sizeof p, &p, sizeof p);
}

static void usage(void)
{
    fprintf(stderr, "usage: %s -o IMAGE --mbr MBR --stage2 STAGE2 --kernel ELF "
                    "[--cmdline TEXT] [--root-size MB] [--root-image FILE]\n", prog);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *out = NULL, *mbr_path = NULL, *stage2_path = NULL, *kernel_path = NULL;
    const char *cmdline = "", *root_image = NULL;
    unsigned long root_mb = 64;
    uint8_t *mbr, *stage2, *kernel, *root = NULL;
    size_t mbr_len, stage2_len, kernel_len, root_len = 0;
    struct boot_config cfg;
    uint32_t boot_sectors, root_lba, root_sectors;
    FILE *fp;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!v)
            usage();
        if (!strcmp(a, "-o"))
            out = v;
        else if (!strcmp(a, "--mbr"))
            mbr_path = v;
        else if (!strcmp(a, "--stage2"))
            stage2_path = v;
        else if (!strcmp(a, "--kernel"))
            kernel_path = v;
        else if (!strcmp(a, "--cmdline"))
            cmdline = v;
        else if (!strcmp(a, "--root-size"))
            root_mb = strtoul(v, NULL, 10);
        else if (!strcmp(a, "--root-image"))
            root_image = v;
        else
            usage();
        i++;
    }
    if (!out || !mbr_path || !stage2_path || !kernel_path)
        usage();

    mbr = read_file(mbr_path, &mbr_len);
    if (mbr_len != SECTOR_SIZE)
        die(mbr_path, "the MBR must be exactly 512 bytes");
    stage2 = read_file(stage2_path, &stage2_len);
    if (stage2_len > STAGE2_MAX_SECTORS * SECTOR_SIZE)
        die(stage2_path, "stage 2 is larger than its 63 sectors");
    kernel = read_file(kernel_path, &kernel_len);
    if (kernel_len < 4 || memcmp(kernel, "\177ELF", 4) != 0)
        die(kernel_path, "not an ELF file");
    if (strlen(cmdline) >= sizeof cfg.cmdline)
        die("--cmdline", "longer than 255 characters");
    if (root_image) {
        root = read_file(root_image, &root_len);
        if (root_len % SECTOR_SIZE)
            die(root_image, "size is not a multiple of 512");
        root_mb = (root_len + MIB - 1) / MIB;
    }

    /* Boot partition: config sector, kernel at 4 KiB, rounded up to whole MiB. */
    memset(&cfg, 0, sizeof cfg);
    memcpy(cfg.magic, BOOT_CONFIG_MAGIC, sizeof cfg.magic);
    cfg.version = BOOT_CONFIG_VERSION;
    cfg.kernel_offset = 8;
    cfg.kernel_size = (uint32_t)kernel_len;
    strcpy(cfg.cmdline, cmdline);
    boot_sectors = (uint32_t)(((cfg.kernel_offset * SECTOR_SIZE + kernel_len + MIB - 1) / MIB) *
                              (MIB / SECTOR_SIZE));
    root_lba = BOOT_PART_LBA + boot_sectors;
    root_sectors = (uint32_t)(root_mb * (MIB / SECTOR_SIZE));

    set_partition(mbr, 0, PART_TYPE_BOOT, 1, BOOT_PART_LBA, boot_sectors);
    set_partition(mbr, 1, PART_TYPE_ADVENTFS, 0, root_lba, root_sectors);
    memset(mbr + MBR_PART_TABLE_OFFSET + 2 * sizeof(struct mbr_partition), 0,
           2 * sizeof(struct mbr_partition));

    fp = fopen(out, "wb");
    if (!fp)
        die(out, strerror(errno));
    write_at(fp, out, 0, mbr, SECTOR_SIZE);
    write_at(fp, out, (uint64_t)STAGE2_LBA * SECTOR_SIZE, stage2, stage2_len);
    write_at(fp, out, (uint64_t)BOOT_PART_LBA * SECTOR_SIZE, &cfg, sizeof cfg);
    write_at(fp, out, ((uint64_t)BOOT_PART_LBA + cfg.kernel_offset) * SECTOR_SIZE, kernel,
             kernel_len);
    if (root)
        write_at(fp, out, (uint64_t)root_lba * SECTOR_SIZE, root, root_len);
    /* Extend the file to the end of the root partition (sparse where possible). */
    if (ftruncate(fileno(fp), (off_t)((uint64_t)(root_lba + root_sectors) * SECTOR_SIZE)) != 0)
        die(out, strerror(errno));
    if (fclose(fp) != 0)
        die(out, strerror(errno));
    free(mbr);
    free(stage2);
    free(kernel);
    free(root);
    return 0;
}
