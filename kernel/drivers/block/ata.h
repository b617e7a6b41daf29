/*
 * ata.h - the ATA (IDE) disk driver: the PCI IDE controller (PIIX3/PIIX4 and
 * compatibles) in compatibility or native mode, or the legacy ISA ports when
 * there is no PCI controller.
 *
 * ata_init() registers a PCI driver for IDE controllers (class 01.01); for each
 * channel it resets the bus, identifies the master and the slave, and
 * registers every ATA disk with the block layer as hda (primary master), hdb
 * (primary slave), hdc (secondary master) and hdd (secondary slave). Packet
 * devices (CD-ROMs) are reported and skipped. Transfers use LBA28 or LBA48
 * commands (LBA48 when the address or the count needs it), bus-master DMA
 * when the controller and the drive offer it and PIO otherwise; every command
 * ends with an interrupt, waited for with a timeout. The command line option
 * ata=pio turns DMA off. See docs/storage-drivers.md.
 */
#ifndef DRIVERS_BLOCK_ATA_H
#define DRIVERS_BLOCK_ATA_H

#include <drivers/block/blockdev.h>
#include <stdint.h>

void ata_init(void);

/* Transfer kinds, for the statistics below. */
enum ata_xfer { ATA_XFER_PIO28, ATA_XFER_PIO48, ATA_XFER_DMA28, ATA_XFER_DMA48, ATA_XFER_KINDS };

/* "pio28", "pio48", "dma28", "dma48" */
const char *ata_xfer_name(enum ata_xfer kind);

struct ata_stats {
    uint32_t reads[ATA_XFER_KINDS];  /* read commands completed, by kind */
    uint32_t writes[ATA_XFER_KINDS]; /* write commands completed */
    uint64_t sectors_read, sectors_written;
    uint32_t flushes;
    uint32_t errors;   /* commands the drive failed (ERR or DF, or a DMA error) */
    uint32_t timeouts; /* commands that did not finish in time (the channel was reset) */
};

/* ata_info.flags and ata_set_flags() */
#define ATA_FORCE_PIO 0x01        /* no DMA, even where it works */
#define ATA_FORCE_LBA48 0x02      /* LBA48 commands even for addresses LBA28 reaches */
#define ATA_TEST_IRQ_MASKED 0x04  /* issue commands with the drive's interrupt disabled
                                     (nIEN), so that they time out: tests the recovery */

struct ata_info {
    char model[41];  /* IDENTIFY words 27-46, blanks trimmed */
    char serial[21]; /* words 10-19 */
    uint64_t sectors;
    int channel; /* 0 primary, 1 secondary (2, 3 on a second controller) */
    int slave;
    int irq;     /* the channel's interrupt line */
    int lba48;   /* the drive has the 48-bit address feature set */
    int dma;     /* the drive and the controller can do bus-master DMA */
    uint32_t flags;
    uint32_t timeout_ms; /* how long one command may take */
    struct ata_stats stats;
};

/* Facts and counters of an ATA disk: 0, or -ENODEV when dev is not one. */
int ata_get_info(const struct block_device *dev, struct ata_info *info);
/* Change ATA_FORCE_* / ATA_TEST_* flags: 0, -ENODEV, or -EINVAL (LBA48 the drive lacks). */
int ata_set_flags(struct block_device *dev, uint32_t flags);
/* Per-command timeout (milliseconds, 0 = the default); returns the previous value. */
uint32_t ata_set_timeout(struct block_device *dev, uint32_t timeout_ms);

#endif
