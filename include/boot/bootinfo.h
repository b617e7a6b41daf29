/*
 * bootinfo.h - the boot protocol from stage 2 to the kernel.
 *
 * Stage 2 enters the kernel in 32-bit protected mode, paging off, flat segments,
 * interrupts disabled, with EAX = BOOTINFO_MAGIC and EBX = the physical address
 * of one struct bootinfo (below 1 MiB). The kernel copies the struct before it
 * touches low memory. Everything here is plain data with fixed widths so that the
 * 16-bit stage 2 and the kernel agree on the layout. See docs/boot.md.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#define BOOTINFO_MAGIC 0xAD7E0B00u
#define BOOTINFO_VERSION 1
#define BOOTINFO_MMAP_MAX 64
#define BOOTINFO_CMDLINE_MAX 256

#ifndef __ASSEMBLY__
#include <stdint.h>

/* One E820 entry, exactly as INT 15h AX=E820h returns it. */
struct bootinfo_mmap_entry {
    uint64_t base;
    uint64_t length;
    uint32_t type; /* E820_USABLE, E820_RESERVED, ... */
    uint32_t acpi_attr;
} __attribute__((packed));

#endif

#define E820_USABLE 1
#define E820_RESERVED 2
#define E820_ACPI_RECLAIM 3
#define E820_ACPI_NVS 4
#define E820_BAD 5

#ifndef __ASSEMBLY__
struct bootinfo {
    uint32_t magic;   /* BOOTINFO_MAGIC */
    uint32_t version; /* BOOTINFO_VERSION */
    uint32_t boot_drive; /* BIOS drive number (0x80 = first hard disk) */
    uint32_t mmap_count;
    struct bootinfo_mmap_entry mmap[BOOTINFO_MMAP_MAX];
    /* Physical memory the loaded kernel occupies, symbol tables included. */
    uint32_t kernel_phys_start;
    uint32_t kernel_phys_end;
    /* The kernel's ELF .symtab and .strtab, copied after the image (0 when absent). */
    uint32_t symtab_phys;
    uint32_t symtab_size;
    uint32_t strtab_phys;
    uint32_t strtab_size;
    /* The partition that holds the root file system, from the MBR (0 when none). */
    uint32_t root_lba;
    uint32_t root_sectors;
    /* The command line from the boot configuration on disk, NUL-terminated. */
    char cmdline[BOOTINFO_CMDLINE_MAX];
} __attribute__((packed));

#endif /* __ASSEMBLY__ */

#endif
