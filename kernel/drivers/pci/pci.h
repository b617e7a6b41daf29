/*
 * pci.h - the PCI bus: configuration space access, enumeration of every
 * device, and the registry through which device drivers find their hardware.
 *
 * pci_init() scans the buses once at boot through configuration mechanism #1
 * (I/O ports 0xCF8/0xCFC), starting at bus 0, following multi-function devices
 * and PCI-to-PCI bridges, and records each function in a struct pci_device
 * (identity, class, interrupt, and the address and size of every BAR). A
 * driver describes the devices it handles with a match table and registers a
 * struct pci_driver; its probe function is called for each unclaimed device
 * that matches, now and for devices found later. See docs/storage-drivers.md.
 *
 * Sources: PCI Local Bus Specification 3.0 ("PCI 3.0" below), PCI-to-PCI
 * Bridge Architecture Specification 1.2 ("PCI bridge 1.2").
 */
#ifndef DRIVERS_PCI_PCI_H
#define DRIVERS_PCI_PCI_H

#include <stdint.h>

/* Configuration space header, common part (PCI 3.0, 6.1 figure 6-1). */
#define PCI_VENDOR_ID 0x00 /* 16 bits; 0xFFFF: no function here (6.2.1) */
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04 /* 16 bits (6.2.2) */
#define PCI_STATUS 0x06
#define PCI_REVISION_ID 0x08
#define PCI_PROG_IF 0x09 /* class code: programming interface (6.2.1, appendix D) */
#define PCI_SUBCLASS 0x0A
#define PCI_CLASS 0x0B
#define PCI_HEADER_TYPE 0x0E /* (6.2.1) */
#define PCI_BAR0 0x10        /* base address registers, 4 bytes each (6.2.5) */
#define PCI_INTERRUPT_LINE 0x3C /* (6.2.4): the PIC input the firmware routed INTx to */
#define PCI_INTERRUPT_PIN 0x3D  /* 0 none, 1-4 INTA#-INTD# */

/* Type 1 (bridge) header (PCI bridge 1.2, 3.2). */
#define PCI_PRIMARY_BUS 0x18
#define PCI_SECONDARY_BUS 0x19
#define PCI_SUBORDINATE_BUS 0x1A

/* Command register bits (PCI 3.0, 6.2.2). */
#define PCI_COMMAND_IO 0x0001         /* respond to I/O space accesses */
#define PCI_COMMAND_MEMORY 0x0002     /* respond to memory space accesses */
#define PCI_COMMAND_BUS_MASTER 0x0004 /* may start transactions (DMA) */

/* Header type register (PCI 3.0, 6.2.1). */
#define PCI_HEADER_TYPE_MASK 0x7F
#define PCI_HEADER_MULTI_FUNCTION 0x80
#define PCI_HEADER_NORMAL 0x00
#define PCI_HEADER_BRIDGE 0x01
#define PCI_HEADER_CARDBUS 0x02

/* Base address register encoding (PCI 3.0, 6.2.5.1). */
#define PCI_BAR_SPACE_IO 0x01
#define PCI_BAR_IO_MASK 0xFFFFFFFCu
#define PCI_BAR_MEM_TYPE_MASK 0x06
#define PCI_BAR_MEM_TYPE_32 0x00
#define PCI_BAR_MEM_TYPE_64 0x04
#define PCI_BAR_MEM_PREFETCH 0x08
#define PCI_BAR_MEM_MASK 0xFFFFFFF0u

#define PCI_VENDOR_NONE 0xFFFF
#define PCI_MAX_BUSES 256
#define PCI_MAX_SLOTS 32
#define PCI_MAX_FUNCTIONS 8
#define PCI_MAX_BARS 6       /* type 0 header; a bridge has 2 */
#define PCI_BRIDGE_BARS 2
#define PCI_IRQ_NONE 0xFF    /* interrupt line value: not connected */

/* Class codes (PCI 3.0, appendix D) the kernel names or matches. */
#define PCI_CLASS_STORAGE 0x01
#define PCI_SUBCLASS_IDE 0x01
#define PCI_CLASS_BRIDGE 0x06
#define PCI_SUBCLASS_HOST_BRIDGE 0x00
#define PCI_SUBCLASS_PCI_BRIDGE 0x04

/* struct pci_bar.flags */
#define PCI_BAR_IO 0x01       /* an I/O port range (else memory) */
#define PCI_BAR_64BIT 0x02    /* a 64-bit memory BAR (it used the next slot too) */
#define PCI_BAR_PREFETCH 0x04 /* prefetchable memory */

struct pci_bar {
    uint64_t base; /* 0 with size 0: the device has no such BAR */
    uint64_t size; /* bytes */
    uint32_t flags;
};

struct pci_driver;

/*
 * One function on the bus. The list of devices is built by pci_init() before
 * any driver runs and not changed afterwards, so readers take no lock; driver
 * and driver_data are written under pci_lock (the driver registry's mutex).
 */
struct pci_device {
    uint8_t bus, slot, func;
    uint16_t vendor, device;
    uint8_t class_code, subclass, prog_if, revision;
    uint8_t header_type; /* without the multi-function bit */
    uint8_t irq_line;    /* PCI_IRQ_NONE when not routed */
    uint8_t irq_pin;     /* 0 none, 1 = INTA# ... */
    uint8_t secondary_bus; /* bridges only */
    int bar_count;
    struct pci_bar bars[PCI_MAX_BARS];
    struct pci_driver *driver; /* the driver that claimed it, or NULL */
    void *driver_data;
    struct pci_device *next;
};

/* Which fields of a struct pci_match to compare; 0 ends a match table. */
#define PCI_MATCH_VENDOR 0x01
#define PCI_MATCH_DEVICE 0x02
#define PCI_MATCH_CLASS 0x04
#define PCI_MATCH_SUBCLASS 0x08
#define PCI_MATCH_PROG_IF 0x10

struct pci_match {
    uint32_t fields; /* PCI_MATCH_*; fields left out are wildcards */
    uint16_t vendor, device;
    uint8_t class_code, subclass, prog_if;
};

#define PCI_MATCH_ID(v, d) {PCI_MATCH_VENDOR | PCI_MATCH_DEVICE, (v), (d), 0, 0, 0}
#define PCI_MATCH_CLASS2(c, s) {PCI_MATCH_CLASS | PCI_MATCH_SUBCLASS, 0, 0, (c), (s), 0}
#define PCI_MATCH_CLASS3(c, s, p)                                                          \
    {PCI_MATCH_CLASS | PCI_MATCH_SUBCLASS | PCI_MATCH_PROG_IF, 0, 0, (c), (s), (p)}
#define PCI_MATCH_END {0, 0, 0, 0, 0, 0}

struct pci_driver {
    const char *name;
    const struct pci_match *match; /* ends with PCI_MATCH_END */
    /* Take the device: 0 claims it, -errno leaves it to others. */
    int (*probe)(struct pci_device *dev, const struct pci_match *match);
    struct pci_driver *next; /* the registry's list (pci_lock) */
};

/* Enumerate the buses and print one line per function. */
void pci_init(void);

/*
 * Add a driver and probe every unclaimed matching device. Returns how many
 * devices it claimed, -EINVAL (no name, match table or probe) or -EEXIST
 * (registered already). Probe functions must not register drivers.
 */
int pci_register_driver(struct pci_driver *drv);

/* The i-th function found (bus order), or NULL past the end. */
struct pci_device *pci_get(int i);
/* The first function at or after from (NULL: the start) matching m, or NULL. */
struct pci_device *pci_find(const struct pci_match *m, struct pci_device *from);
int pci_device_matches(const struct pci_device *dev, const struct pci_match *m);

/* Configuration space of a recorded function; offsets must be naturally aligned. */
uint8_t pci_config_read8(const struct pci_device *dev, uint8_t off);
uint16_t pci_config_read16(const struct pci_device *dev, uint8_t off);
uint32_t pci_config_read32(const struct pci_device *dev, uint8_t off);
void pci_config_write8(const struct pci_device *dev, uint8_t off, uint8_t v);
void pci_config_write16(const struct pci_device *dev, uint8_t off, uint16_t v);
void pci_config_write32(const struct pci_device *dev, uint8_t off, uint32_t v);

/* Set bits in the command register (decoding and bus mastering). */
void pci_enable_io(struct pci_device *dev);
void pci_enable_memory(struct pci_device *dev);
void pci_enable_bus_master(struct pci_device *dev);

/* "00:01.1" into buf (at least 8 bytes). */
const char *pci_address(const struct pci_device *dev, char *buf, unsigned size);

#endif
