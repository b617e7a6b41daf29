/*
 * stage2.c - the second boot stage: from the MBR's jump to the kernel's entry.
 *
 * Runs in real mode (built with -m16) with flat 4 GiB data segments ("unreal
 * mode", see entry.S), so it can call the BIOS and still write above 1 MiB.
 * Steps: serial port on, unreal mode, A20 on, E820 memory map, find the boot
 * partition in the MBR, read its boot configuration, load the kernel's ELF
 * program headers' segments to their physical addresses, copy the symbol and
 * string tables after the image, fill struct bootinfo and enter the kernel in
 * 32-bit protected mode. Any failure prints a clear message on the screen and
 * COM1 and halts. The disk layout is in docs/boot.md.
 */
#include <boot/bootinfo.h>
#include <boot/disk.h>
#include <elf.h>
#include <stddef.h>
#include <stdint.h>

struct biosregs {
    uint32_t eax, ebx, ecx, edx, esi, edi, ebp, eflags;
};

void bios_call(uint32_t vector, struct biosregs *regs);
void enter_unreal(void);
void enter_kernel(uint32_t entry, uint32_t bootinfo) __attribute__((noreturn));
void stage2_main(uint32_t drive) __attribute__((noreturn));

#define EFLAGS_CF 0x1
#define BOUNCE_ADDR 0x20000u /* disk reads land here (below 1 MiB), then are copied */
#define BOUNCE_SECTORS 64
#define KERNEL_MIN_ADDR 0x100000u
#define KERNEL_HEADROOM (2u << 20) /* free memory the kernel needs after its image */
#define PAGE_ALIGN(x) (((x) + 0xfffu) & ~0xfffu)

/* COM1, 16550 registers (offsets from the base port). */
#define COM1 0x3f8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_LCR_DLAB 0x80
#define UART_LCR_8N1 0x03
#define UART_LSR_THRE 0x20

static struct bootinfo bootinfo;
static uint32_t boot_drive, kernel_lba, kernel_size;
static uint8_t header[4096];

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

/*
 * A pointer to a physical address. Hiding the constant from the optimizer keeps
 * the access register-based: with -m16 the assembler would truncate an absolute
 * 32-bit displacement to 16 bits.
 */
static inline void *phys(uint32_t addr)
{
    __asm__("" : "+r"(addr));
    return (void *)addr;
}

/*
 * memcpy and memset are in entry.S: in 16-bit code a string instruction needs
 * an explicit address-size prefix to use ESI/EDI, which gcc does not emit.
 */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

static void serial_init(void)
{
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, UART_LCR_DLAB);
    outb(COM1 + UART_DATA, 1); /* divisor 1: 115200 baud */
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, UART_LCR_8N1);
    outb(COM1 + UART_FCR, 0xc7); /* FIFOs on and cleared */
    outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
}

static void putc_both(char c)
{
    struct biosregs r = {.eax = 0x0e00 | (uint8_t)c, .ebx = 7};

    bios_call(0x10, &r); /* teletype output */
    for (int spin = 0; spin < 100000; spin++)
        if (inb(COM1 + UART_LSR) & UART_LSR_THRE)
            break;
    outb(COM1 + UART_DATA, (uint8_t)c);
}

static void say(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n')
            putc_both('\r');
        putc_both(*s);
    }
}

static void say_dec(uint32_t v)
{
    char buf[11];
    int i = 10;

    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    say(buf + i);
}

static void __attribute__((noreturn)) fail(const char *what)
{
    say("\nAdventOS boot error: ");
    say(what);
    say("\nSystem halted.\n");
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* Run a BIOS interrupt, then restore unreal mode in case the BIOS reset a limit. */
static void bios(uint32_t vector, struct biosregs *r)
{
    bios_call(vector, r);
    enter_unreal();
}

/* A20 is on when writing at 1 MiB + x does not change x. */
static int a20_enabled(void)
{
    volatile uint32_t *low = phys(0x500);
    volatile uint32_t *high = phys(0x100500);
    uint32_t saved_low = *low, saved_high = *high;
    int on;

    *low = 0x12345678;
    *high = 0x87654321;
    on = *low == 0x12345678;
    *high = saved_high;
    *low = saved_low;
    return on;
}

static void kbc_wait(void)
{
    for (int spin = 0; spin < 100000 && (inb(0x64) & 2); spin++)
        ;
}

static void enable_a20(void)
{
    struct biosregs r = {.eax = 0x2401};

    if (a20_enabled())
        return;
    bios(0x15, &r);
    if (a20_enabled())
        return;
    outb(0x92, (uint8_t)((inb(0x92) | 2) & ~1)); /* "fast A20"; bit 0 would reset */
    if (a20_enabled())
        return;
    kbc_wait();
    outb(0x64, 0xd1); /* keyboard controller: write output port */
    kbc_wait();
    outb(0x60, 0xdf); /* ... with the A20 bit set */
    kbc_wait();
    if (!a20_enabled())
        fail("cannot enable the A20 line");
}

static void read_e820(void)
{
    static struct bootinfo_mmap_entry entry; /* ES:DI must be below 64 KiB */
    struct biosregs r;
    uint32_t cont = 0;

    do {
        entry.acpi_attr = 1; /* valid unless the BIOS says otherwise (ACPI 3) */
        r = (struct biosregs){.eax = 0xe820, .ebx = cont, .ecx = 24, .edx = 0x534d4150,
                              .edi = (uint32_t)&entry};
        bios(0x15, &r);
        if ((r.eflags & EFLAGS_CF) || r.eax != 0x534d4150)
            break;
        if (r.ecx < 24)
            entry.acpi_attr = 1;
        if (entry.length && (entry.acpi_attr & 1))
            bootinfo.mmap[bootinfo.mmap_count++] = entry;
        cont = r.ebx;
    } while (cont && bootinfo.mmap_count < BOOTINFO_MMAP_MAX);
    if (bootinfo.mmap_count == 0)
        fail("the BIOS gave no E820 memory map");
}

/* The end of the usable E820 region that contains 1 MiB (0 when there is none). */
static uint32_t usable_end_above_1mib(void)
{
    for (uint32_t i = 0; i < bootinfo.mmap_count; i++) {
        struct bootinfo_mmap_entry *e = &bootinfo.mmap[i];
        uint64_t end = e->base + e->length;
        if (e->type == E820_USABLE && e->base <= KERNEL_MIN_ADDR && end > KERNEL_MIN_ADDR)
            return end > 0xfffff000u ? 0xfffff000u : (uint32_t)end;
    }
    return 0;
}

struct disk_packet {
    uint8_t size, zero;
    uint16_t count;
    uint16_t offset, segment;
    uint64_t lba;
} __attribute__((packed));

/* Read count (<= BOUNCE_SECTORS) sectors at lba to the bounce buffer, with retries. */
static void disk_read(uint32_t lba, uint32_t count)
{
    struct disk_packet dap = {16, 0, (uint16_t)count, 0, BOUNCE_ADDR >> 4, lba};
    struct biosregs r;

    for (int attempt = 0; attempt < 3; attempt++) {
        r = (struct biosregs){.eax = 0x4200, .edx = boot_drive, .esi = (uint32_t)&dap};
        bios(0x13, &r);
        if (!(r.eflags & EFLAGS_CF))
            return;
        r = (struct biosregs){.eax = 0, .edx = boot_drive}; /* reset, then retry */
        bios(0x13, &r);
    }
    say("\nAdventOS: read of LBA ");
    say_dec(lba);
    fail("disk read error");
}

/* Copy len bytes at offset off of the kernel file to physical address dst. */
static void kernel_read(uint32_t off, uint32_t dst, uint32_t len)
{
    if (off > kernel_size || len > kernel_size - off)
        fail("the kernel file is truncated (an ELF offset points past its end)");
    while (len) {
        uint32_t skip = off % SECTOR_SIZE;
        uint32_t sectors = (skip + len + SECTOR_SIZE - 1) / SECTOR_SIZE;
        uint32_t n;

        if (sectors > BOUNCE_SECTORS)
            sectors = BOUNCE_SECTORS;
        disk_read(kernel_lba + off / SECTOR_SIZE, sectors);
        n = sectors * SECTOR_SIZE - skip;
        if (n > len)
            n = len;
        memcpy(phys(dst), phys(BOUNCE_ADDR + skip), n);
        off += n;
        dst += n;
        len -= n;
    }
}

static void find_partitions(void)
{
    const struct boot_config *cfg = phys(BOUNCE_ADDR);
    const struct mbr_partition *part;
    const uint8_t *sig;
    uint32_t boot_lba = 0;

    disk_read(0, 1);
    sig = phys(BOUNCE_ADDR + MBR_SIGNATURE_OFFSET);
    if (sig[0] != 0x55 || sig[1] != 0xaa)
        fail("the MBR has no partition table signature");
    part = phys(BOUNCE_ADDR + MBR_PART_TABLE_OFFSET);
    for (int i = 0; i < MBR_PART_COUNT; i++) {
        if (part[i].type == PART_TYPE_BOOT && !boot_lba)
            boot_lba = part[i].lba_first;
        if (part[i].type == PART_TYPE_ADVENTFS && !bootinfo.root_lba) {
            bootinfo.root_lba = part[i].lba_first;
            bootinfo.root_sectors = part[i].sectors;
        }
    }
    if (!boot_lba)
        fail("no kernel: the MBR has no boot partition (type 0xDA)");

    disk_read(boot_lba, 1);
    for (int i = 0; i < 8; i++)
        if (cfg->magic[i] != BOOT_CONFIG_MAGIC[i])
            fail("no kernel: the boot partition has no AdventOS boot configuration");
    if (cfg->version != BOOT_CONFIG_VERSION)
        fail("the boot configuration has an unknown version");
    if (cfg->kernel_size == 0)
        fail("no kernel: the boot configuration names an empty kernel");
    kernel_lba = boot_lba + cfg->kernel_offset;
    kernel_size = cfg->kernel_size;
    for (int i = 0; i < BOOTINFO_CMDLINE_MAX - 1 && cfg->cmdline[i]; i++)
        bootinfo.cmdline[i] = cfg->cmdline[i];
}

/* Check that [start, end) lies in usable memory above 1 MiB. */
static void check_fits(uint32_t start, uint32_t end, uint32_t limit)
{
    if (start < KERNEL_MIN_ADDR || end < start || end > limit) {
        say("\nAdventOS: the kernel needs memory up to ");
        say_dec((end + KERNEL_HEADROOM) >> 10);
        say(" KiB; usable memory ends at ");
        say_dec(limit >> 10);
        say(" KiB");
        fail("too little memory");
    }
}

/* Load the PT_LOAD segments; returns the physical end of the image. */
static uint32_t load_segments(const struct elf32_ehdr *eh, uint32_t limit)
{
    uint32_t end = KERNEL_MIN_ADDR;

    if ((uint32_t)eh->e_phoff + (uint32_t)eh->e_phnum * sizeof(struct elf32_phdr) >
            sizeof header ||
        eh->e_phentsize != sizeof(struct elf32_phdr))
        fail("the kernel's program headers are not in its first 4 KiB");
    for (int i = 0; i < eh->e_phnum; i++) {
        const struct elf32_phdr *ph =
            (const struct elf32_phdr *)(header + eh->e_phoff) + i;
        if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
            continue;
        if (ph->p_filesz > ph->p_memsz)
            fail("the kernel has a segment larger on disk than in memory");
        check_fits(ph->p_paddr, ph->p_paddr + ph->p_memsz, limit);
        kernel_read(ph->p_offset, ph->p_paddr, ph->p_filesz);
        memset(phys(ph->p_paddr + ph->p_filesz), 0, ph->p_memsz - ph->p_filesz);
        if (ph->p_paddr + ph->p_memsz > end)
            end = ph->p_paddr + ph->p_memsz;
    }
    return end;
}

/* Copy .symtab and its string table after the image; returns the new end. */
static uint32_t load_symbols(const struct elf32_ehdr *eh, uint32_t end, uint32_t limit)
{
    static struct elf32_shdr sh[64];
    uint32_t size = (uint32_t)eh->e_shnum * sizeof(struct elf32_shdr);

    if (eh->e_shoff == 0 || eh->e_shnum == 0 || eh->e_shnum > 64 ||
        eh->e_shentsize != sizeof(struct elf32_shdr))
        return end; /* no symbols: backtraces show addresses only */
    kernel_read(eh->e_shoff, (uint32_t)sh, size);
    for (int i = 0; i < eh->e_shnum; i++) {
        const struct elf32_shdr *sym = &sh[i], *str;
        if (sym->sh_type != SHT_SYMTAB || sym->sh_link >= eh->e_shnum)
            continue;
        str = &sh[sym->sh_link];
        bootinfo.symtab_phys = PAGE_ALIGN(end);
        bootinfo.symtab_size = sym->sh_size;
        bootinfo.strtab_phys = PAGE_ALIGN(bootinfo.symtab_phys + sym->sh_size);
        bootinfo.strtab_size = str->sh_size;
        end = bootinfo.strtab_phys + str->sh_size;
        check_fits(bootinfo.symtab_phys, end, limit);
        kernel_read(sym->sh_offset, bootinfo.symtab_phys, sym->sh_size);
        kernel_read(str->sh_offset, bootinfo.strtab_phys, str->sh_size);
        break;
    }
    return end;
}

void stage2_main(uint32_t drive)
{
    const struct elf32_ehdr *eh = (const struct elf32_ehdr *)header;
    uint32_t limit, end;

    boot_drive = drive;
    serial_init();
    enter_unreal();
    say("AdventOS stage 2\n");
    enable_a20();
    read_e820();
    limit = usable_end_above_1mib();
    if (limit < KERNEL_MIN_ADDR + KERNEL_HEADROOM)
        fail("too little memory: no usable memory above 1 MiB");
    find_partitions();

    kernel_read(0, (uint32_t)header, kernel_size < sizeof header ? kernel_size : sizeof header);
    if (eh->e_ident[0] != 0x7f || eh->e_ident[1] != 'E' || eh->e_ident[2] != 'L' ||
        eh->e_ident[3] != 'F' || eh->e_ident[4] != ELFCLASS32 || eh->e_type != ET_EXEC ||
        eh->e_machine != EM_386)
        fail("no kernel: the boot partition holds no i386 ELF executable");
    end = load_segments(eh, limit);
    end = load_symbols(eh, end, limit);
    check_fits(KERNEL_MIN_ADDR, end + KERNEL_HEADROOM, limit);

    bootinfo.magic = BOOTINFO_MAGIC;
    bootinfo.version = BOOTINFO_VERSION;
    bootinfo.boot_drive = boot_drive;
    bootinfo.kernel_phys_start = KERNEL_MIN_ADDR;
    bootinfo.kernel_phys_end = PAGE_ALIGN(end);
    say("loading kernel: ");
    say_dec(kernel_size >> 10);
    say(" KiB\n");
    enter_kernel(eh->e_entry, (uint32_t)&bootinfo);
}
