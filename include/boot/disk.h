/*
 * disk.h - the layout of an AdventOS boot disk, shared by the bootloader, the
 * image builder (tools/mkimage.c) and the kernel. See docs/boot.md.
 *
 *   LBA 0                   MBR: stage 1 code and the partition table
 *   LBA 1 .. 63             stage 2 (at most STAGE2_MAX_SECTORS), loaded at 0x8000
 *   partition 1 (type 0xDA) boot partition: sector 0 is struct boot_config, the
 *                           kernel ELF file follows at boot_config.kernel_offset
 *   partition 2 (type 0x7F) the AdventFS root file system
 */
#ifndef BOOT_DISK_H
#define BOOT_DISK_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

#define SECTOR_SIZE 512
#define STAGE2_LBA 1
#define STAGE2_MAX_SECTORS 63
#define STAGE2_LOAD_ADDR 0x8000

#define MBR_PART_TABLE_OFFSET 446
#define MBR_SIGNATURE_OFFSET 510
#define MBR_SIGNATURE 0xAA55
#define MBR_PART_COUNT 4

#define PART_TYPE_BOOT 0xDA     /* "non-file-system data": the kernel partition */
#define PART_TYPE_ADVENTFS 0x7F /* the AdventFS root */

/* The first partition starts at 1 MiB, as partitioning tools align it. */
#define BOOT_PART_LBA 2048

#ifndef __ASSEMBLY__
struct mbr_partition {
    uint8_t status; /* 0x80 = active */
    uint8_t chs_first[3];
    uint8_t type;
    uint8_t chs_last[3];
    uint32_t lba_first;
    uint32_t sectors;
} __attribute__((packed));
#endif

#define BOOT_CONFIG_MAGIC "ADVBOOT1"
#define BOOT_CONFIG_VERSION 1

#ifndef __ASSEMBLY__
/* Sector 0 of the boot partition. */
struct boot_config {
    char magic[8]; /* BOOT_CONFIG_MAGIC, not NUL-terminated */
    uint32_t version;
    uint32_t kernel_offset; /* in sectors from the start of the partition */
    uint32_t kernel_size;   /* in bytes */
    uint32_t reserved[4];
    char cmdline[256]; /* default kernel command line, NUL-terminated */
} __attribute__((packed));
#endif

#endif
