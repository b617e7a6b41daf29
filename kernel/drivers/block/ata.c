/*
 * ata.c - the ATA (IDE) disk driver (see ata.h).
 *
 * Hardware: an IDE controller has two channels; each has a command block of
 * eight I/O ports (data, error/features, sector count, LBA low/mid/high,
 * device, status/command), a control block port (alternate status / device
 * control) and an interrupt line, and can hold two drives, master and slave,
 * that share the registers: the DEV bit of the device register says which
 * one a command is for. A PCI IDE controller in compatibility mode decodes
 * the ISA addresses (0x1F0/0x3F6 IRQ 14, 0x170/0x376 IRQ 15); in native mode
 * the ports are in BAR0-3 and the interrupt is the PCI one. BAR4 holds the
 * bus-master registers (8 per channel) for DMA.
 *
 * Probing a channel: a software reset (SRST), then for each drive the
 * signature the reset left in the LBA mid/high registers (a packet device
 * says 14h/EBh) and IDENTIFY DEVICE, polled with the drive's interrupt
 * disabled (nIEN). A status of 0 or FFh after the command means nobody is
 * there. IDENTIFY gives the model, serial number, capacity (LBA28 words
 * 60-61, LBA48 words 100-103), whether LBA48 and DMA are supported and which
 * flush command exists.
 *
 * Commands: one at a time per channel (the channel's mutex, held for the
 * whole command including the wait for its interrupt). Each command is
 * issued with the drive selected and not busy; its completion is the
 * drive's interrupt. The interrupt handler reads the status register (which
 * acknowledges the interrupt), saves it and completes the channel's
 * struct completion; the issuing code waits for that with a timeout.
 *   PIO reads (ATA-6 clause 9, PIO data-in): one interrupt per sector, then the 256
 *   data words are read from the data port.
 *   PIO writes (PIO data-out): the first sector is written when DRQ appears, each
 *   following one after the interrupt for the previous; a last interrupt
 *   ends the command.
 *   DMA (PIIX4 datasheet 9.4): the buffer is described by a physical region
 *   descriptor table (one page, so it never crosses 64 KiB; entries never
 *   cross a 64 KiB boundary either), the bus master is pointed at it and
 *   started after the command, and the one interrupt at the end says the
 *   transfer is over.
 * An error (ERR or DF in the status, the bus master's error bit) fails the
 * command with -EIO and a message with the error register. A timeout stops
 * the bus master, resets the channel and fails the command with -ETIMEDOUT.
 *
 * Sources: ATA/ATAPI-6 (T13/1410D rev. 3b; "ATA-6"), Intel 82371AB PIIX4
 * datasheet ("PIIX4"), PCI IDE Controller Specification 1.0 ("PCI IDE"),
 * SFF-8038i Bus Master Programming Interface for IDE ATA Controllers.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/io.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <cmdline.h>
#include <drivers/block/ata.h>
#include <drivers/pci/pci.h>
#include <lib/kprintf.h>
#include <mm/pmm.h>
#include <proc/completion.h>
#include <proc/mutex.h>
#include <stdbool.h>
#include <string.h>
#include <uapi/errno.h>

/* Command block registers: offsets from the command block base (ATA-6 clause 7). */
#define ATA_REG_DATA 0
#define ATA_REG_ERROR 1    /* read */
#define ATA_REG_FEATURES 1 /* write */
#define ATA_REG_COUNT 2
#define ATA_REG_LBA_LOW 3
#define ATA_REG_LBA_MID 4
#define ATA_REG_LBA_HIGH 5
#define ATA_REG_DEVICE 6
#define ATA_REG_STATUS 7  /* read: also acknowledges the interrupt */
#define ATA_REG_COMMAND 7 /* write */
/* The control block register: Alternate Status on reads, Device Control on writes. */

/* Status register (ATA-6 clause 7, Status register). */
#define ATA_SR_BSY 0x80
#define ATA_SR_DRDY 0x40
#define ATA_SR_DF 0x20
#define ATA_SR_DRQ 0x08
#define ATA_SR_ERR 0x01
#define ATA_SR_FLOATING 0xFF /* nothing drives the bus */

/* Error register (ATA-6 clause 7, Error register). */
#define ATA_ER_ICRC 0x80
#define ATA_ER_UNC 0x40
#define ATA_ER_IDNF 0x10
#define ATA_ER_ABRT 0x04

/* Device register (ATA-6 clause 7); bits 7 and 5 are obsolete, set as older devices expect. */
#define ATA_DEV_OBSOLETE 0xA0
#define ATA_DEV_LBA 0x40
#define ATA_DEV_DEV 0x10
#define ATA_DEV_LBA28_HIGH 0x0F /* LBA bits 27:24 in LBA28 commands */

/* Device Control register (ATA-6 clause 7). */
#define ATA_CTL_SRST 0x04
#define ATA_CTL_NIEN 0x02

/* Commands (ATA-6 clause 8). */
#define ATA_CMD_READ_SECTORS 0x20
#define ATA_CMD_READ_SECTORS_EXT 0x24
#define ATA_CMD_WRITE_SECTORS 0x30
#define ATA_CMD_WRITE_SECTORS_EXT 0x34
#define ATA_CMD_READ_DMA 0xC8
#define ATA_CMD_READ_DMA_EXT 0x25
#define ATA_CMD_WRITE_DMA 0xCA
#define ATA_CMD_WRITE_DMA_EXT 0x35
#define ATA_CMD_FLUSH_CACHE 0xE7
#define ATA_CMD_FLUSH_CACHE_EXT 0xEA
#define ATA_CMD_IDENTIFY 0xEC
#define ATA_CMD_IDENTIFY_PACKET 0xA1

/* Signature of a packet device after a reset, LBA mid/high (ATA-6 9.12). */
#define ATA_SIG_PACKET_MID 0x14
#define ATA_SIG_PACKET_HIGH 0xEB

/* IDENTIFY DEVICE data, word numbers and bits (ATA-6 clause 8, IDENTIFY DEVICE). */
#define ATA_ID_WORDS 256
#define ATA_ID_CONFIG 0
#define ATA_ID_CONFIG_NOT_ATA 0x8000
#define ATA_ID_SERIAL 10 /* 10 words */
#define ATA_ID_SERIAL_WORDS 10
#define ATA_ID_MODEL 27 /* 20 words */
#define ATA_ID_MODEL_WORDS 20
#define ATA_ID_CAPABILITIES 49
#define ATA_ID_CAP_LBA 0x0200
#define ATA_ID_CAP_DMA 0x0100
#define ATA_ID_LBA28_SECTORS 60 /* 2 words, low first */
#define ATA_ID_COMMAND_SET_2 83
#define ATA_ID_CS2_VALID_MASK 0xC000 /* bit 14 one, bit 15 zero: the word is valid */
#define ATA_ID_CS2_VALID 0x4000
#define ATA_ID_CS2_LBA48 0x0400
#define ATA_ID_CS2_FLUSH 0x1000
#define ATA_ID_CS2_FLUSH_EXT 0x2000
#define ATA_ID_ENABLED_2 86 /* command sets enabled; bit 10: 48-bit addressing in use */
#define ATA_ID_LBA48_SECTORS 100 /* 4 words, low first */

/* Bus master registers, per channel at BAR4 + 8 * channel (PIIX4 5.2, SFF-8038i). */
#define BM_CHANNEL_STRIDE 8
#define BM_COMMAND 0x00
#define BM_STATUS 0x02
#define BM_PRD_TABLE 0x04
#define BM_REGISTERS_SIZE 16
#define BM_CMD_START 0x01
#define BM_CMD_TO_MEMORY 0x08 /* RWCON: the bus master writes memory (a disk read) */
#define BM_ST_ACTIVE 0x01
#define BM_ST_ERROR 0x02 /* write 1 to clear */
#define BM_ST_IRQ 0x04   /* write 1 to clear; set when the drive raised its interrupt */
#define BM_ST_DMA_CAPABLE 0x60 /* drive 0/1 DMA capable: software's bits, kept as they are */
#define BM_ST_SIMPLEX 0x80     /* only one channel at a time may do DMA (SFF-8038i) */

/* Physical region descriptor (PIIX4 9.4, figure 8). */
struct ata_prd {
    uint32_t addr;  /* physical, even */
    uint16_t bytes; /* 0 means 64 KiB */
    uint16_t flags;
} __attribute__((packed));
#define PRD_EOT 0x8000
#define PRD_BOUNDARY 0x10000u /* a region must not cross 64 KiB */
#define PRD_MAX_ENTRIES (PAGE_SIZE / sizeof(struct ata_prd))
#define ATA_DMA_ALIGN 4 /* buffer alignment for DMA (PIIX4 needs even, later chips dwords) */

/* PCI IDE programming interface (PCI IDE 2.1) and compatibility-mode resources. */
#define IDE_PROGIF_PRIMARY_NATIVE 0x01
#define IDE_PROGIF_SECONDARY_NATIVE 0x04
#define IDE_PROGIF_BUS_MASTER 0x80
#define IDE_BAR_BUS_MASTER 4
#define IDE_NATIVE_CTL_OFFSET 2 /* the control register within the 4-byte BAR1/BAR3 */
#define IDE_PRIMARY_CMD 0x1F0
#define IDE_PRIMARY_CTL 0x3F6
#define IDE_PRIMARY_IRQ 14
#define IDE_SECONDARY_CMD 0x170
#define IDE_SECONDARY_CTL 0x376
#define IDE_SECONDARY_IRQ 15

/* Limits and times. */
#define ATA_SECTOR_SIZE 512
#define ATA_SECTOR_WORDS (ATA_SECTOR_SIZE / 2)
#define ATA_LBA28_END 0x0FFFFFFFull /* LBA28 commands reach the sectors below this (ATA-6) */
#define ATA_LBA28_MAX_COUNT 256     /* a count of 0 means 256 */
#define ATA_LBA48_MAX_COUNT 2048    /* our chunk; the command allows 65536 */
#define ATA_MAX_CHANNELS 4
#define ATA_SRST_HOLD_US 5          /* ATA-6 software reset protocol: SRST for 5 us or more */
#define ATA_RESET_SETTLE_MS 2       /* then 2 ms before reading status */
#define ATA_RESET_TIMEOUT_MS 31000  /* devices clear BSY within 31 s of a reset */
#define ATA_IDENTIFY_TIMEOUT_MS 5000
#define ATA_COMMAND_TIMEOUT_MS 10000
#define ATA_FLUSH_TIMEOUT_FACTOR 3  /* a flush may take a while: 3 command timeouts */
#define ATA_POLLS_PER_MS 1000       /* polls per ms when the clock stands (interrupts off) */

struct ata_channel;

struct ata_drive {
    struct ata_channel *ch;
    int slave;
    bool present;
    bool lba48, dma, flush, flush_ext;
    uint64_t sectors;
    char model[41], serial[21];
    uint32_t flags;      /* ATA_FORCE_*, ATA_TEST_* (channel lock) */
    uint32_t timeout_ms; /* (channel lock) */
    struct ata_stats stats; /* (channel lock) */
    struct block_device bdev;
};

struct ata_channel {
    int index;            /* 0 primary, 1 secondary, 2-3 on a second controller */
    uint16_t cmd;         /* command block base */
    uint16_t ctl;         /* control block register */
    uint16_t bm;          /* bus master registers, 0 when there is no DMA */
    int irq;
    bool active;          /* has drives; its interrupt is registered */
    struct mutex lock;    /* one command at a time: registers, PRD table, the drives' fields */
    struct completion irq_done;   /* completed by the interrupt handler */
    volatile uint8_t irq_status;  /* the status register read by the handler */
    volatile uint8_t irq_bm_status;
    struct ata_prd *prd;  /* the PRD table (one page) */
    uintptr_t prd_phys;
    struct ata_drive drives[2];
};

/* Set up at boot by ata_init() and the PCI probe, before interrupts are registered. */
static struct ata_channel channels[ATA_MAX_CHANNELS];
static int channel_count;
static uint32_t default_flags;
static bool irq_registered[IRQ_COUNT];

static const char *const channel_names[] = {"primary", "secondary", "tertiary", "quaternary"};
static const char *const xfer_names[ATA_XFER_KINDS] = {"pio28", "pio48", "dma28", "dma48"};

static inline void ata_insw(uint16_t port, void *buf, uint32_t words)
{
    __asm__ volatile("cld; rep insw" : "+D"(buf), "+c"(words) : "d"(port) : "memory");
}

static inline void ata_outsw(uint16_t port, const void *buf, uint32_t words)
{
    __asm__ volatile("cld; rep outsw" : "+S"(buf), "+c"(words) : "d"(port) : "memory");
}

/* Keep the compiler from moving memory accesses across a device access. */
static inline void compiler_barrier(void)
{
    __asm__ volatile("" ::: "memory");
}

static void udelay(uint32_t us)
{
    for (uint32_t i = 0; i < us; i++)
        io_wait(); /* an ISA bus write: about a microsecond */
}

/*
 * Deadlines come from the monotonic clock, which only advances while
 * interrupts are on; with them off (never in normal operation) a count of
 * polls of about a microsecond each stands in for it, so no wait is endless.
 */
struct deadline {
    bool clock;
    uint64_t end_ns;
    uint64_t polls_left;
};

static void deadline_start(struct deadline *dl, uint32_t ms)
{
    dl->clock = read_eflags() & EFLAGS_IF;
    dl->end_ns = clock_monotonic_ns() + (uint64_t)ms * NSEC_PER_MSEC;
    dl->polls_left = (uint64_t)ms * ATA_POLLS_PER_MS;
}

static bool deadline_passed(struct deadline *dl)
{
    if (dl->clock)
        return clock_monotonic_ns() >= dl->end_ns;
    return dl->polls_left-- == 0;
}

static void mdelay(uint32_t ms)
{
    struct deadline dl;

    /* The clock ticks every millisecond: one more tick than asked makes sure. */
    deadline_start(&dl, ms + 1);
    while (!deadline_passed(&dl))
        udelay(1);
}

/* ATA-6 requires 400 ns after selecting a drive or writing a command before status is valid. */
static void delay_400ns(struct ata_channel *ch)
{
    for (int i = 0; i < 4; i++)
        (void)inb(ch->ctl);
}

/*
 * Poll the alternate status until (status & mask) == want. Returns the status,
 * ATA_SR_FLOATING when nothing drives the bus, or -ETIMEDOUT.
 */
static int poll_status(struct ata_channel *ch, uint8_t mask, uint8_t want, uint32_t timeout_ms)
{
    struct deadline dl;

    deadline_start(&dl, timeout_ms);
    for (;;) {
        uint8_t st = inb(ch->ctl);
        if (st == ATA_SR_FLOATING || (st & mask) == want)
            return st;
        if (deadline_passed(&dl))
            return -ETIMEDOUT;
        __asm__ volatile("pause");
    }
}

static void select_drive(struct ata_channel *ch, int slave)
{
    outb(ch->cmd + ATA_REG_DEVICE, ATA_DEV_OBSOLETE | (slave ? ATA_DEV_DEV : 0));
    delay_400ns(ch);
}

static const char *drive_name(const struct ata_drive *d)
{
    return d->bdev.name;
}

/*
 * Software reset of the channel (ATA-6 clause 9): SRST for 5 us, 2 ms of settling,
 * then each drive's BSY must clear. Stops the bus master first. Leaves the
 * drives' interrupts disabled (nIEN); each command turns them on again.
 */
static int reset_channel(struct ata_channel *ch)
{
    int err = 0;

    if (ch->bm)
        outb(ch->bm + BM_COMMAND, 0);
    outb(ch->ctl, ATA_CTL_SRST | ATA_CTL_NIEN);
    udelay(ATA_SRST_HOLD_US);
    outb(ch->ctl, ATA_CTL_NIEN);
    mdelay(ATA_RESET_SETTLE_MS);
    for (int s = 0; s < 2; s++) {
        int st;
        if (ch->active && !ch->drives[s].present)
            continue;
        select_drive(ch, s);
        st = poll_status(ch, ATA_SR_BSY, 0, ATA_RESET_TIMEOUT_MS);
        if (st < 0)
            err = st;
    }
    return err;
}

/* Copy an IDENTIFY string (two characters per word, first in the high byte), trimmed. */
static void id_string(char *out, const uint16_t *id, int first, int words)
{
    int n = 0;

    for (int i = 0; i < words; i++) {
        out[n++] = (char)(id[first + i] >> 8);
        out[n++] = (char)(id[first + i] & 0xFF);
    }
    out[n] = '\0';
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\0'))
        out[--n] = '\0';
    while (out[0] == ' ')
        memmove(out, out + 1, strlen(out));
    for (int i = 0; out[i]; i++)
        if (out[i] < ' ' || out[i] > '~')
            out[i] = '?';
}

/*
 * Run IDENTIFY DEVICE or IDENTIFY PACKET DEVICE by polling. 0 with id filled,
 * -ENODEV when no drive answers, -EIO when the drive aborts it.
 */
static int identify(struct ata_channel *ch, int slave, uint8_t command, uint16_t *id)
{
    int st;

    select_drive(ch, slave);
    outb(ch->ctl, ATA_CTL_NIEN);
    outb(ch->cmd + ATA_REG_COMMAND, command);
    delay_400ns(ch);
    st = inb(ch->ctl);
    if (st == 0 || st == ATA_SR_FLOATING)
        return -ENODEV;
    st = poll_status(ch, ATA_SR_BSY, 0, ATA_IDENTIFY_TIMEOUT_MS);
    if (st < 0 || st == ATA_SR_FLOATING)
        return -ENODEV;
    if (st & (ATA_SR_ERR | ATA_SR_DF))
        return -EIO;
    st = poll_status(ch, ATA_SR_DRQ | ATA_SR_ERR, ATA_SR_DRQ, ATA_IDENTIFY_TIMEOUT_MS);
    if (st < 0 || st == ATA_SR_FLOATING || !(st & ATA_SR_DRQ))
        return -EIO;
    ata_insw(ch->cmd + ATA_REG_DATA, id, ATA_ID_WORDS);
    (void)inb(ch->cmd + ATA_REG_STATUS); /* clear a pending interrupt */
    return 0;
}

static bool packet_signature(struct ata_channel *ch)
{
    return inb(ch->cmd + ATA_REG_LBA_MID) == ATA_SIG_PACKET_MID &&
           inb(ch->cmd + ATA_REG_LBA_HIGH) == ATA_SIG_PACKET_HIGH;
}

static void report_packet_device(struct ata_drive *d, uint16_t *id)
{
    char model[41] = "unknown model";

    if (identify(d->ch, d->slave, ATA_CMD_IDENTIFY_PACKET, id) == 0)
        id_string(model, id, ATA_ID_MODEL, ATA_ID_MODEL_WORDS);
    kprintf("%s: ATAPI device \"%s\" skipped (no driver for packet devices)\n", drive_name(d),
            model);
}

/* Identify drive d; fills it in and returns true for an ATA disk the driver can use. */
static bool probe_drive(struct ata_drive *d, uint16_t *id)
{
    struct ata_channel *ch = d->ch;
    uint16_t caps, cs2;
    int err;

    select_drive(ch, d->slave);
    if (inb(ch->ctl) == ATA_SR_FLOATING)
        return false;
    if (packet_signature(ch)) {
        report_packet_device(d, id);
        return false;
    }
    err = identify(ch, d->slave, ATA_CMD_IDENTIFY, id);
    if (err == -ENODEV)
        return false;
    if (err < 0) {
        /* A packet device aborts IDENTIFY DEVICE and shows its signature (ATA-6 9.12). */
        if (packet_signature(ch))
            report_packet_device(d, id);
        else
            kprintf("%s: no usable drive (IDENTIFY aborted, error 0x%02x)\n", drive_name(d),
                    inb(ch->cmd + ATA_REG_ERROR));
        return false;
    }
    if (id[ATA_ID_CONFIG] & ATA_ID_CONFIG_NOT_ATA) {
        kprintf("%s: not an ATA device (configuration word 0x%04x); ignored\n", drive_name(d),
                id[ATA_ID_CONFIG]);
        return false;
    }
    id_string(d->model, id, ATA_ID_MODEL, ATA_ID_MODEL_WORDS);
    id_string(d->serial, id, ATA_ID_SERIAL, ATA_ID_SERIAL_WORDS);
    caps = id[ATA_ID_CAPABILITIES];
    cs2 = id[ATA_ID_COMMAND_SET_2];
    if (!(caps & ATA_ID_CAP_LBA)) {
        kprintf("%s: \"%s\" cannot address by LBA (CHS only); ignored\n", drive_name(d),
                d->model);
        return false;
    }
    if ((cs2 & ATA_ID_CS2_VALID_MASK) != ATA_ID_CS2_VALID)
        cs2 = 0;
    d->lba48 = (cs2 & ATA_ID_CS2_LBA48) && (id[ATA_ID_ENABLED_2] & ATA_ID_CS2_LBA48);
    d->flush = cs2 & ATA_ID_CS2_FLUSH;
    d->flush_ext = d->lba48 && (cs2 & ATA_ID_CS2_FLUSH_EXT);
    d->sectors = id[ATA_ID_LBA28_SECTORS] | (uint32_t)id[ATA_ID_LBA28_SECTORS + 1] << 16;
    if (d->lba48) {
        uint64_t s48 = 0;
        for (int i = 3; i >= 0; i--)
            s48 = s48 << 16 | id[ATA_ID_LBA48_SECTORS + i];
        if (s48 > d->sectors)
            d->sectors = s48;
    }
    d->dma = ch->bm && (caps & ATA_ID_CAP_DMA);
    if (d->sectors == 0) {
        kprintf("%s: \"%s\" reports no sectors; ignored\n", drive_name(d), d->model);
        return false;
    }
    return true;
}

/* ---- commands ---- */

static enum ata_xfer xfer_kind(bool dma, bool lba48)
{
    return dma ? (lba48 ? ATA_XFER_DMA48 : ATA_XFER_DMA28)
               : (lba48 ? ATA_XFER_PIO48 : ATA_XFER_PIO28);
}

/*
 * Select d, wait until it is ready, arm the channel's completion and write the
 * command with its address and count. The caller holds the channel lock.
 */
static int issue(struct ata_drive *d, uint8_t command, uint64_t lba, uint32_t count, bool lba48)
{
    struct ata_channel *ch = d->ch;
    uint8_t dev = ATA_DEV_OBSOLETE | ATA_DEV_LBA | (d->slave ? ATA_DEV_DEV : 0);
    int st;

    select_drive(ch, d->slave);
    st = poll_status(ch, ATA_SR_BSY | ATA_SR_DRQ, 0, d->timeout_ms);
    if (st < 0) {
        /* Stuck in an earlier command: a reset gives the channel a fresh start. */
        kprintf("%s: drive busy before command 0x%02x (status 0x%02x); resetting the %s "
                "channel\n", drive_name(d), command, inb(ch->ctl), channel_names[ch->index]);
        reset_channel(ch);
        select_drive(ch, d->slave);
        st = poll_status(ch, ATA_SR_BSY | ATA_SR_DRQ, 0, d->timeout_ms);
    }
    if (st < 0 || st == ATA_SR_FLOATING) {
        kprintf("%s: drive not answering before command 0x%02x (status 0x%02x)\n",
                drive_name(d), command, inb(ch->ctl));
        return st < 0 ? st : -EIO;
    }
    if (!(st & ATA_SR_DRDY)) {
        kprintf("%s: drive not ready for command 0x%02x (status 0x%02x)\n", drive_name(d),
                command, st);
        return -EIO;
    }
    outb(ch->ctl, d->flags & ATA_TEST_IRQ_MASKED ? ATA_CTL_NIEN : 0);
    (void)inb(ch->cmd + ATA_REG_STATUS); /* acknowledge anything pending */
    if (ch->bm)
        outb(ch->bm + BM_STATUS,
             (inb(ch->bm + BM_STATUS) & BM_ST_DMA_CAPABLE) | BM_ST_IRQ | BM_ST_ERROR);
    completion_init(&ch->irq_done);
    if (lba48) {
        /* Each register is a two-byte FIFO: the high-order bytes go first (ATA-6 48-bit
         * Address feature set). */
        outb(ch->cmd + ATA_REG_COUNT, (uint8_t)(count >> 8));
        outb(ch->cmd + ATA_REG_LBA_LOW, (uint8_t)(lba >> 24));
        outb(ch->cmd + ATA_REG_LBA_MID, (uint8_t)(lba >> 32));
        outb(ch->cmd + ATA_REG_LBA_HIGH, (uint8_t)(lba >> 40));
    } else {
        dev |= (uint8_t)((lba >> 24) & ATA_DEV_LBA28_HIGH);
    }
    outb(ch->cmd + ATA_REG_COUNT, (uint8_t)count); /* 256 (LBA28) or 65536 (LBA48) as 0 */
    outb(ch->cmd + ATA_REG_LBA_LOW, (uint8_t)lba);
    outb(ch->cmd + ATA_REG_LBA_MID, (uint8_t)(lba >> 8));
    outb(ch->cmd + ATA_REG_LBA_HIGH, (uint8_t)(lba >> 16));
    outb(ch->cmd + ATA_REG_DEVICE, dev);
    outb(ch->cmd + ATA_REG_COMMAND, command);
    return 0;
}

/* After a timeout: stop DMA, reset the channel, report. */
static int timed_out(struct ata_drive *d, const char *what, uint64_t lba, uint32_t ms)
{
    struct ata_channel *ch = d->ch;
    uint8_t st = inb(ch->ctl);

    d->stats.timeouts++;
    kprintf("%s: %s at LBA %llu timed out after %lu ms (status 0x%02x); resetting the %s "
            "channel\n", drive_name(d), what, (unsigned long long)lba, (unsigned long)ms, st,
            channel_names[ch->index]);
    if (reset_channel(ch) < 0)
        kprintf("%s: the %s channel did not come back from the reset\n", drive_name(d),
                channel_names[ch->index]);
    return -ETIMEDOUT;
}

static int failed(struct ata_drive *d, const char *what, uint64_t lba, uint32_t count,
                  uint8_t status, uint8_t bm_status)
{
    struct ata_channel *ch = d->ch;
    uint8_t err = inb(ch->cmd + ATA_REG_ERROR);

    d->stats.errors++;
    if (ch->bm)
        outb(ch->bm + BM_COMMAND, 0);
    kprintf("%s: %s of %lu sectors at LBA %llu failed: status 0x%02x error 0x%02x%s%s%s%s%s\n",
            drive_name(d), what, (unsigned long)count, (unsigned long long)lba, status, err,
            err & ATA_ER_UNC ? " (uncorrectable data)" : "",
            err & ATA_ER_IDNF ? " (sector not found)" : "",
            err & ATA_ER_ABRT ? " (aborted)" : "", err & ATA_ER_ICRC ? " (interface CRC)" : "",
            bm_status & BM_ST_ERROR ? " (bus master error)" : "");
    /* A command abandoned with data still pending would block the next one. */
    if (inb(ch->ctl) & (ATA_SR_BSY | ATA_SR_DRQ))
        reset_channel(ch);
    return -EIO;
}

/* Wait for the command's interrupt; the status the handler read goes to *status. */
static int wait_irq(struct ata_drive *d, uint32_t ms, uint8_t *status)
{
    if (completion_wait_timeout(&d->ch->irq_done, ms) < 0)
        return -ETIMEDOUT;
    *status = d->ch->irq_status;
    return 0;
}

static int pio_transfer(struct ata_drive *d, bool write, uint64_t lba, uint32_t count,
                        uint8_t *buf, bool lba48)
{
    struct ata_channel *ch = d->ch;
    uint8_t command = write ? (lba48 ? ATA_CMD_WRITE_SECTORS_EXT : ATA_CMD_WRITE_SECTORS)
                            : (lba48 ? ATA_CMD_READ_SECTORS_EXT : ATA_CMD_READ_SECTORS);
    const char *what = write ? "PIO write" : "PIO read";
    uint8_t st;
    int err;

    err = issue(d, command, lba, count, lba48);
    if (err < 0)
        return err;
    if (write) {
        /* The first sector goes out as soon as the drive asks for it, without an interrupt. */
        int s = poll_status(ch, ATA_SR_BSY | ATA_SR_DRQ, ATA_SR_DRQ, d->timeout_ms);
        if (s == -ETIMEDOUT)
            return timed_out(d, what, lba, d->timeout_ms);
        if (s & (ATA_SR_ERR | ATA_SR_DF) || !(s & ATA_SR_DRQ))
            return failed(d, what, lba, count, (uint8_t)s, 0);
    }
    for (uint32_t i = 0; i < count; i++) {
        uint8_t *sector = buf + (size_t)i * ATA_SECTOR_SIZE;
        if (write) {
            completion_init(&ch->irq_done);
            ata_outsw(ch->cmd + ATA_REG_DATA, sector, ATA_SECTOR_WORDS);
        }
        if (wait_irq(d, d->timeout_ms, &st) < 0)
            return timed_out(d, what, lba + i, d->timeout_ms);
        if (st & (ATA_SR_ERR | ATA_SR_DF))
            return failed(d, what, lba, count, st, 0);
        if (write) {
            bool more = i + 1 < count;
            if (more != !!(st & ATA_SR_DRQ))
                return failed(d, what, lba, count, st, 0);
        } else {
            if (!(st & ATA_SR_DRQ))
                return failed(d, what, lba, count, st, 0);
            completion_init(&ch->irq_done); /* before the read that lets the next sector come */
            ata_insw(ch->cmd + ATA_REG_DATA, sector, ATA_SECTOR_WORDS);
        }
    }
    if (!write) {
        st = inb(ch->ctl);
        if (st & (ATA_SR_ERR | ATA_SR_DF | ATA_SR_DRQ))
            return failed(d, what, lba, count, st, 0);
    }
    return 0;
}

/* Can the bus master reach buf directly? It must be in the direct map, suitably aligned. */
static bool dma_reachable(const void *buf, size_t bytes)
{
    uintptr_t va = (uintptr_t)buf;

    return va >= KERNEL_BASE && va - KERNEL_BASE < pmm_lowmem_end() &&
           bytes <= pmm_lowmem_end() - (va - KERNEL_BASE) && va % ATA_DMA_ALIGN == 0;
}

/* Describe [phys, phys + bytes) in the channel's PRD table; false when it does not fit. */
static bool build_prd(struct ata_channel *ch, uintptr_t phys, size_t bytes)
{
    uint32_t n = 0;

    while (bytes) {
        size_t chunk = PRD_BOUNDARY - (phys & (PRD_BOUNDARY - 1));
        if (chunk > bytes)
            chunk = bytes;
        if (n == PRD_MAX_ENTRIES)
            return false;
        ch->prd[n].addr = (uint32_t)phys;
        ch->prd[n].bytes = (uint16_t)(chunk == PRD_BOUNDARY ? 0 : chunk);
        ch->prd[n].flags = 0;
        phys += chunk;
        bytes -= chunk;
        n++;
    }
    ch->prd[n - 1].flags = PRD_EOT;
    return true;
}

static int dma_transfer(struct ata_drive *d, bool write, uint64_t lba, uint32_t count,
                        uint8_t *buf, bool lba48)
{
    struct ata_channel *ch = d->ch;
    uint8_t command = write ? (lba48 ? ATA_CMD_WRITE_DMA_EXT : ATA_CMD_WRITE_DMA)
                            : (lba48 ? ATA_CMD_READ_DMA_EXT : ATA_CMD_READ_DMA);
    uint8_t direction = write ? 0 : BM_CMD_TO_MEMORY;
    const char *what = write ? "DMA write" : "DMA read";
    uint8_t st, bst;
    int err;

    if (!build_prd(ch, V2P(buf), (size_t)count * ATA_SECTOR_SIZE))
        return -EINVAL;
    compiler_barrier(); /* the table and (for a write) the data are in memory before the start */
    outb(ch->bm + BM_COMMAND, direction); /* stopped, direction set */
    outl(ch->bm + BM_PRD_TABLE, (uint32_t)ch->prd_phys);
    err = issue(d, command, lba, count, lba48);
    if (err < 0)
        return err;
    outb(ch->bm + BM_COMMAND, direction | BM_CMD_START);
    err = wait_irq(d, d->timeout_ms, &st);
    outb(ch->bm + BM_COMMAND, direction); /* stop: required after the interrupt (PIIX4 5.2.1) */
    compiler_barrier();
    if (err < 0)
        return timed_out(d, what, lba, d->timeout_ms);
    bst = ch->irq_bm_status | inb(ch->bm + BM_STATUS);
    outb(ch->bm + BM_STATUS, (bst & BM_ST_DMA_CAPABLE) | BM_ST_IRQ | BM_ST_ERROR);
    /* The table covers the transfer exactly: still active means the drive sent too little. */
    if (st & (ATA_SR_ERR | ATA_SR_DF | ATA_SR_DRQ) || bst & (BM_ST_ERROR | BM_ST_ACTIVE))
        return failed(d, what, lba, count, st, bst);
    return 0;
}

static int flush_cache(struct ata_drive *d)
{
    uint32_t ms = d->timeout_ms * ATA_FLUSH_TIMEOUT_FACTOR;
    uint8_t command, st;
    int err;

    if (!d->flush && !d->flush_ext)
        return 0; /* no flush command: the drive has no cache to flush */
    command = d->flush_ext ? ATA_CMD_FLUSH_CACHE_EXT : ATA_CMD_FLUSH_CACHE;
    err = issue(d, command, 0, 0, false);
    if (err < 0)
        return err;
    if (wait_irq(d, ms, &st) < 0)
        return timed_out(d, "cache flush", 0, ms);
    if (st & (ATA_SR_ERR | ATA_SR_DF))
        return failed(d, "cache flush", 0, 0, st, 0);
    d->stats.flushes++;
    return 0;
}

static int read_write(struct ata_drive *d, bool write, uint64_t lba, uint32_t count,
                      uint8_t *buf)
{
    while (count) {
        uint32_t n;
        bool lba48, dma;
        enum ata_xfer kind;
        int err;

        if (d->lba48) {
            n = count < ATA_LBA48_MAX_COUNT ? count : ATA_LBA48_MAX_COUNT;
            lba48 = (d->flags & ATA_FORCE_LBA48) || n > ATA_LBA28_MAX_COUNT ||
                    lba + n > ATA_LBA28_END;
        } else {
            n = count < ATA_LBA28_MAX_COUNT ? count : ATA_LBA28_MAX_COUNT;
            lba48 = false;
        }
        dma = d->dma && !(d->flags & ATA_FORCE_PIO) &&
              dma_reachable(buf, (size_t)n * ATA_SECTOR_SIZE);
        err = dma ? dma_transfer(d, write, lba, n, buf, lba48)
                  : pio_transfer(d, write, lba, n, buf, lba48);
        if (err < 0)
            return err;
        kind = xfer_kind(dma, lba48);
        if (write) {
            d->stats.writes[kind]++;
            d->stats.sectors_written += n;
        } else {
            d->stats.reads[kind]++;
            d->stats.sectors_read += n;
        }
        lba += n;
        count -= n;
        buf += (size_t)n * ATA_SECTOR_SIZE;
    }
    return 0;
}

static void ata_submit(struct block_device *bdev, struct block_request *req)
{
    struct ata_drive *d = bdev->driver_data;
    int err;

    mutex_lock(&d->ch->lock);
    if (req->op == BLOCK_FLUSH)
        err = flush_cache(d);
    else
        err = read_write(d, req->op == BLOCK_WRITE, req->lba, req->count, req->buf);
    mutex_unlock(&d->ch->lock);
    block_request_done(req, err);
}

static const struct block_driver_ops ata_ops = {.submit = ata_submit};

/*
 * The interrupt of one or more channels. A channel with a bus master says
 * whether its drive interrupted (the IRQ bit); then the status register is
 * read, which withdraws the drive's interrupt request, and the waiter woken.
 */
static void ata_irq(struct trap_frame *tf)
{
    int irq = (int)tf->vector - IRQ_BASE;

    for (int i = 0; i < channel_count; i++) {
        struct ata_channel *ch = &channels[i];
        uint8_t bst = 0;

        if (!ch->active || ch->irq != irq)
            continue;
        if (ch->bm) {
            bst = inb(ch->bm + BM_STATUS);
            if (!(bst & BM_ST_IRQ))
                continue; /* not this channel (or a stale edge from before the command) */
            outb(ch->bm + BM_STATUS, (bst & BM_ST_DMA_CAPABLE) | BM_ST_IRQ);
        } else if (inb(ch->ctl) & ATA_SR_BSY) {
            continue;
        }
        ch->irq_bm_status = bst;
        ch->irq_status = inb(ch->cmd + ATA_REG_STATUS);
        complete(&ch->irq_done);
    }
}

/* ---- set-up ---- */

static void setup_channel(uint16_t cmd, uint16_t ctl, uint16_t bm, int irq)
{
    struct ata_channel *ch;
    uint16_t *id;
    uintptr_t id_page;
    bool any = false;

    if (channel_count == ATA_MAX_CHANNELS)
        return;
    ch = &channels[channel_count];
    ch->index = channel_count++;
    ch->cmd = cmd;
    ch->ctl = ctl;
    ch->bm = bm;
    ch->irq = irq;
    mutex_init(&ch->lock, "ata channel");
    for (int s = 0; s < 2; s++) {
        struct ata_drive *d = &ch->drives[s];
        d->ch = ch;
        d->slave = s;
        d->timeout_ms = ATA_COMMAND_TIMEOUT_MS;
        d->flags = default_flags;
        /* hda, hdb, hdc, ... in channel order */
        d->bdev.name[0] = 'h';
        d->bdev.name[1] = 'd';
        d->bdev.name[2] = (char)('a' + ch->index * 2 + s);
        d->bdev.name[3] = '\0';
    }

    select_drive(ch, 0);
    if (inb(ch->ctl) == ATA_SR_FLOATING) {
        select_drive(ch, 1);
        if (inb(ch->ctl) == ATA_SR_FLOATING) {
            kprintf("ata: %s channel (0x%x): no drives (floating bus)\n",
                    channel_names[ch->index], cmd);
            return;
        }
    }
    if (bm && (inb(bm + BM_STATUS) & BM_ST_SIMPLEX) && ch->index % 2) {
        kprintf("ata: %s channel: the controller is simplex; DMA only on the primary\n",
                channel_names[ch->index]);
        ch->bm = 0;
    }
    if (reset_channel(ch) < 0)
        kprintf("ata: %s channel: a drive stayed busy after the reset\n",
                channel_names[ch->index]);

    id_page = pmm_alloc_page();
    if (!id_page) {
        kprintf("ata: out of memory\n");
        return;
    }
    id = P2V(id_page);
    for (int s = 0; s < 2; s++)
        any |= ch->drives[s].present = probe_drive(&ch->drives[s], id);
    pmm_free_page(id_page);
    if (!any) {
        kprintf("ata: %s channel (0x%x, irq %d): no disks\n", channel_names[ch->index], cmd,
                irq);
        return;
    }
    if (ch->bm) {
        ch->prd_phys = pmm_alloc_page(); /* a page: aligned, never across 64 KiB */
        if (ch->prd_phys)
            ch->prd = P2V(ch->prd_phys);
        else
            ch->bm = 0;
    }
    ch->active = true;
    if (irq >= 0 && irq < IRQ_COUNT && !irq_registered[irq]) {
        irq_registered[irq] = true;
        irq_register(irq, ata_irq);
    }
    for (int s = 0; s < 2; s++) {
        struct ata_drive *d = &ch->drives[s];
        if (!d->present)
            continue;
        if (!ch->bm)
            d->dma = false;
        kprintf("%s: ATA disk \"%s\" serial \"%s\", %llu sectors (%llu MiB), %s, %s%s, irq %d\n",
                drive_name(d), d->model, d->serial, (unsigned long long)d->sectors,
                (unsigned long long)(d->sectors * ATA_SECTOR_SIZE >> 20),
                d->lba48 ? "LBA48" : "LBA28", d->dma ? "DMA" : "PIO",
                d->dma && (d->flags & ATA_FORCE_PIO) ? " (PIO forced)" : "", irq);
        d->bdev.sector_size = ATA_SECTOR_SIZE;
        d->bdev.sectors = d->sectors;
        d->bdev.ops = &ata_ops;
        d->bdev.driver_data = d;
        if (blockdev_register(&d->bdev) < 0)
            kprintf("%s: cannot register the disk\n", drive_name(d));
    }
}

static int ata_pci_probe(struct pci_device *pdev, const struct pci_match *match)
{
    const struct pci_bar *bmbar = &pdev->bars[IDE_BAR_BUS_MASTER];
    uint16_t bm = 0;
    char addr[16];

    (void)match;
    if (channel_count + 2 > ATA_MAX_CHANNELS)
        return -ENOSPC;
    pci_enable_io(pdev);
    if ((pdev->prog_if & IDE_PROGIF_BUS_MASTER) && (bmbar->flags & PCI_BAR_IO) && bmbar->base &&
        bmbar->size >= BM_REGISTERS_SIZE) {
        bm = (uint16_t)bmbar->base;
        pci_enable_bus_master(pdev);
    }
    if (bm)
        kprintf("ata: %s IDE controller %04x:%04x, bus master registers at 0x%x\n",
                pci_address(pdev, addr, sizeof addr), pdev->vendor, pdev->device, bm);
    else
        kprintf("ata: %s IDE controller %04x:%04x, no bus master (PIO only)\n",
                pci_address(pdev, addr, sizeof addr), pdev->vendor, pdev->device);
    for (int c = 0; c < 2; c++) {
        bool native = pdev->prog_if & (c ? IDE_PROGIF_SECONDARY_NATIVE : IDE_PROGIF_PRIMARY_NATIVE);
        uint16_t chan_bm = bm ? (uint16_t)(bm + c * BM_CHANNEL_STRIDE) : 0;

        if (!native) {
            setup_channel(c ? IDE_SECONDARY_CMD : IDE_PRIMARY_CMD,
                          c ? IDE_SECONDARY_CTL : IDE_PRIMARY_CTL, chan_bm,
                          c ? IDE_SECONDARY_IRQ : IDE_PRIMARY_IRQ);
            continue;
        }
        const struct pci_bar *cb = &pdev->bars[2 * c], *kb = &pdev->bars[2 * c + 1];
        if (!(cb->flags & PCI_BAR_IO) || !(kb->flags & PCI_BAR_IO) || !cb->base || !kb->base ||
            pdev->irq_line == PCI_IRQ_NONE || pdev->irq_line >= IRQ_COUNT) {
            kprintf("ata: %s channel in native mode without ports or interrupt; ignored\n",
                    channel_names[channel_count]);
            channel_count++;
            continue;
        }
        setup_channel((uint16_t)cb->base, (uint16_t)(kb->base + IDE_NATIVE_CTL_OFFSET), chan_bm,
                      pdev->irq_line);
    }
    return 0;
}

static const struct pci_match ata_pci_matches[] = {
    PCI_MATCH_CLASS2(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE),
    PCI_MATCH_END,
};

static struct pci_driver ata_pci_driver = {
    .name = "ata",
    .match = ata_pci_matches,
    .probe = ata_pci_probe,
};

void ata_init(void)
{
    const char *mode = cmdline_get("ata");

    if (mode && strcmp(mode, "pio") == 0) {
        default_flags |= ATA_FORCE_PIO;
        kprintf("ata: DMA off (ata=pio)\n");
    } else if (mode) {
        kprintf("ata: ata=%s: expected ata=pio\n", mode);
    }
    if (pci_register_driver(&ata_pci_driver) > 0)
        return;
    /* No PCI IDE controller: the ISA ports, without DMA. */
    kprintf("ata: no PCI IDE controller; trying the legacy ports\n");
    setup_channel(IDE_PRIMARY_CMD, IDE_PRIMARY_CTL, 0, IDE_PRIMARY_IRQ);
    setup_channel(IDE_SECONDARY_CMD, IDE_SECONDARY_CTL, 0, IDE_SECONDARY_IRQ);
}

/* ---- information and test controls ---- */

static struct ata_drive *as_ata(const struct block_device *dev)
{
    return dev && dev->ops == &ata_ops ? dev->driver_data : NULL;
}

int ata_get_info(const struct block_device *dev, struct ata_info *info)
{
    struct ata_drive *d = as_ata(dev);

    if (!d)
        return -ENODEV;
    mutex_lock(&d->ch->lock);
    memcpy(info->model, d->model, sizeof info->model);
    memcpy(info->serial, d->serial, sizeof info->serial);
    info->sectors = d->sectors;
    info->channel = d->ch->index;
    info->slave = d->slave;
    info->irq = d->ch->irq;
    info->lba48 = d->lba48;
    info->dma = d->dma;
    info->flags = d->flags;
    info->timeout_ms = d->timeout_ms;
    info->stats = d->stats;
    mutex_unlock(&d->ch->lock);
    return 0;
}

int ata_set_flags(struct block_device *dev, uint32_t flags)
{
    struct ata_drive *d = as_ata(dev);

    if (!d)
        return -ENODEV;
    if ((flags & ATA_FORCE_LBA48) && !d->lba48)
        return -EINVAL;
    mutex_lock(&d->ch->lock);
    d->flags = flags;
    mutex_unlock(&d->ch->lock);
    return 0;
}

uint32_t ata_set_timeout(struct block_device *dev, uint32_t timeout_ms)
{
    struct ata_drive *d = as_ata(dev);
    uint32_t old;

    if (!d)
        return 0;
    mutex_lock(&d->ch->lock);
    old = d->timeout_ms;
    d->timeout_ms = timeout_ms ? timeout_ms : ATA_COMMAND_TIMEOUT_MS;
    mutex_unlock(&d->ch->lock);
    return old;
}

const char *ata_xfer_name(enum ata_xfer kind)
{
    return kind < ATA_XFER_KINDS ? xfer_names[kind] : "?";
}
