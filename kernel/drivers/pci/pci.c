/*
 * pci.c - PCI enumeration and the driver registry (see pci.h).
 *
 * Configuration mechanism #1 (PCI 3.0, 3.2.2.3.2): the kernel writes the
 * address of a configuration register - enable bit, bus, device, function and
 * the register's dword offset - to CONFIG_ADDRESS (port 0xCF8) and then reads
 * or writes the dword at CONFIG_DATA (0xCFC); bytes and words are at
 * 0xCFC + (offset & 3). The pair of accesses must not interleave with another
 * one, so pci_config_lock is held across it.
 *
 * The scan starts with bus 0 and visits device 0..31 on a bus; a device
 * whose function 0 has the multi-function bit set has functions 1..7 looked
 * at too. A PCI-to-PCI bridge (header type 1) leads to its secondary bus,
 * whose number the firmware assigned; each bus is scanned at most once.
 *
 * BAR sizing (PCI 3.0, 6.2.5.1): with the function's I/O and memory decoding
 * turned off, write all ones to the BAR, read back which address bits stuck,
 * and restore the original value; the size is the two's complement of the
 * address bits. A 64-bit memory BAR takes two slots, sized together.
 */
#include <arch/i386/io.h>
#include <arch/i386/spinlock.h>
#include <drivers/pci/pci.h>
#include <lib/format.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <proc/mutex.h>
#include <stdbool.h>
#include <uapi/errno.h>

/* Configuration mechanism #1 (PCI 3.0, 3.2.2.3.2). */
#define PCI_CONFIG_ADDRESS 0xCF8
#define PCI_CONFIG_DATA 0xCFC
#define PCI_CONFIG_ENABLE 0x80000000u
#define PCI_CONFIG_BUS_SHIFT 16
#define PCI_CONFIG_SLOT_SHIFT 11
#define PCI_CONFIG_FUNC_SHIFT 8
#define PCI_CONFIG_REG_MASK 0xFC
#define PCI_CONFIG_BYTE_MASK 0x03

#define PCI_BAR_SIZE_PROBE 0xFFFFFFFFu
#define PCI_IO_UPPER_BITS 0xFFFF0000u /* may read back 0 on devices that decode 64 KiB */

/* Guards CONFIG_ADDRESS/CONFIG_DATA: one configuration access (or BAR sizing) at a time. */
static struct spinlock pci_config_lock = SPINLOCK_INIT("pci_config_lock");
/* Guards the driver list and each device's driver/driver_data; held while probing. */
static struct mutex pci_lock = MUTEX_INIT("pci_lock");

/* Written by pci_init() alone, before any driver registers; read-only afterwards. */
static struct pci_device *device_list, **device_tail = &device_list;
static int device_count;
static bool bus_scanned[PCI_MAX_BUSES];
static bool mechanism_ok;

static struct pci_driver *driver_list; /* pci_lock */

static uint32_t config_address(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    return PCI_CONFIG_ENABLE | ((uint32_t)bus << PCI_CONFIG_BUS_SHIFT) |
           ((uint32_t)slot << PCI_CONFIG_SLOT_SHIFT) |
           ((uint32_t)func << PCI_CONFIG_FUNC_SHIFT) | (off & PCI_CONFIG_REG_MASK);
}

/* Raw accesses; the caller holds pci_config_lock. */
static uint32_t raw_read32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, off));
    return inl(PCI_CONFIG_DATA);
}

static void raw_write32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off, uint32_t v)
{
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, off));
    outl(PCI_CONFIG_DATA, v);
}

static uint16_t raw_read16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, off));
    return inw((uint16_t)(PCI_CONFIG_DATA + (off & PCI_CONFIG_BYTE_MASK)));
}

static void raw_write16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off, uint16_t v)
{
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, off));
    outw((uint16_t)(PCI_CONFIG_DATA + (off & PCI_CONFIG_BYTE_MASK)), v);
}

static uint8_t raw_read8(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, off));
    return inb((uint16_t)(PCI_CONFIG_DATA + (off & PCI_CONFIG_BYTE_MASK)));
}

static void raw_write8(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off, uint8_t v)
{
    outl(PCI_CONFIG_ADDRESS, config_address(bus, slot, func, off));
    outb((uint16_t)(PCI_CONFIG_DATA + (off & PCI_CONFIG_BYTE_MASK)), v);
}

/* Locked accesses by address, for the scan. */
static uint32_t cfg_read32(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    uint32_t v;

    spin_lock(&pci_config_lock);
    v = raw_read32(bus, slot, func, off);
    spin_unlock(&pci_config_lock);
    return v;
}

static uint16_t cfg_read16(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    uint16_t v;

    spin_lock(&pci_config_lock);
    v = raw_read16(bus, slot, func, off);
    spin_unlock(&pci_config_lock);
    return v;
}

static uint8_t cfg_read8(uint8_t bus, uint8_t slot, uint8_t func, uint8_t off)
{
    uint8_t v;

    spin_lock(&pci_config_lock);
    v = raw_read8(bus, slot, func, off);
    spin_unlock(&pci_config_lock);
    return v;
}

uint32_t pci_config_read32(const struct pci_device *dev, uint8_t off)
{
    return cfg_read32(dev->bus, dev->slot, dev->func, off);
}

uint16_t pci_config_read16(const struct pci_device *dev, uint8_t off)
{
    return cfg_read16(dev->bus, dev->slot, dev->func, off);
}

uint8_t pci_config_read8(const struct pci_device *dev, uint8_t off)
{
    return cfg_read8(dev->bus, dev->slot, dev->func, off);
}

void pci_config_write32(const struct pci_device *dev, uint8_t off, uint32_t v)
{
    spin_lock(&pci_config_lock);
    raw_write32(dev->bus, dev->slot, dev->func, off, v);
    spin_unlock(&pci_config_lock);
}

void pci_config_write16(const struct pci_device *dev, uint8_t off, uint16_t v)
{
    spin_lock(&pci_config_lock);
    raw_write16(dev->bus, dev->slot, dev->func, off, v);
    spin_unlock(&pci_config_lock);
}

void pci_config_write8(const struct pci_device *dev, uint8_t off, uint8_t v)
{
    spin_lock(&pci_config_lock);
    raw_write8(dev->bus, dev->slot, dev->func, off, v);
    spin_unlock(&pci_config_lock);
}

static void command_set(struct pci_device *dev, uint16_t bits)
{
    spin_lock(&pci_config_lock);
    raw_write16(dev->bus, dev->slot, dev->func, PCI_COMMAND,
                raw_read16(dev->bus, dev->slot, dev->func, PCI_COMMAND) | bits);
    spin_unlock(&pci_config_lock);
}

void pci_enable_io(struct pci_device *dev)
{
    command_set(dev, PCI_COMMAND_IO);
}

void pci_enable_memory(struct pci_device *dev)
{
    command_set(dev, PCI_COMMAND_MEMORY);
}

void pci_enable_bus_master(struct pci_device *dev)
{
    command_set(dev, PCI_COMMAND_BUS_MASTER);
}

const char *pci_address(const struct pci_device *dev, char *buf, unsigned size)
{
    snprintf(buf, size, "%02x:%02x.%x", dev->bus, dev->slot, dev->func);
    return buf;
}

/*
 * Size BAR slot i (and i + 1 for a 64-bit BAR) of a function whose decoding the
 * caller turned off. Returns the number of slots used.
 */
static int size_bar(struct pci_device *dev, int i)
{
    uint8_t off = (uint8_t)(PCI_BAR0 + 4 * i);
    uint32_t orig = raw_read32(dev->bus, dev->slot, dev->func, off), probe, hi_orig, hi_probe;
    struct pci_bar *bar = &dev->bars[i];

    raw_write32(dev->bus, dev->slot, dev->func, off, PCI_BAR_SIZE_PROBE);
    probe = raw_read32(dev->bus, dev->slot, dev->func, off);
    raw_write32(dev->bus, dev->slot, dev->func, off, orig);

    if (orig & PCI_BAR_SPACE_IO) {
        if (probe & PCI_BAR_IO_MASK) {
            if (!(probe & PCI_IO_UPPER_BITS))
                probe |= PCI_IO_UPPER_BITS;
            bar->flags = PCI_BAR_IO;
            bar->base = orig & PCI_BAR_IO_MASK;
            bar->size = (uint32_t)(~(probe & PCI_BAR_IO_MASK) + 1);
        }
        return 1;
    }
    if ((orig & PCI_BAR_MEM_TYPE_MASK) == PCI_BAR_MEM_TYPE_64 && i + 1 < dev->bar_count) {
        uint8_t hi_off = (uint8_t)(off + 4);
        uint64_t mask;

        hi_orig = raw_read32(dev->bus, dev->slot, dev->func, hi_off);
        raw_write32(dev->bus, dev->slot, dev->func, hi_off, PCI_BAR_SIZE_PROBE);
        hi_probe = raw_read32(dev->bus, dev->slot, dev->func, hi_off);
        raw_write32(dev->bus, dev->slot, dev->func, hi_off, hi_orig);
        mask = ((uint64_t)hi_probe << 32) | (probe & PCI_BAR_MEM_MASK);
        if (mask) {
            bar->flags = PCI_BAR_64BIT | (orig & PCI_BAR_MEM_PREFETCH ? PCI_BAR_PREFETCH : 0);
            bar->base = ((uint64_t)hi_orig << 32) | (orig & PCI_BAR_MEM_MASK);
            bar->size = ~mask + 1;
        }
        return 2;
    }
    if (probe & PCI_BAR_MEM_MASK) {
        bar->flags = orig & PCI_BAR_MEM_PREFETCH ? PCI_BAR_PREFETCH : 0;
        bar->base = orig & PCI_BAR_MEM_MASK;
        bar->size = (uint32_t)(~(probe & PCI_BAR_MEM_MASK) + 1);
    }
    return 1;
}

static void size_bars(struct pci_device *dev)
{
    uint16_t cmd;

    spin_lock(&pci_config_lock);
    cmd = raw_read16(dev->bus, dev->slot, dev->func, PCI_COMMAND);
    raw_write16(dev->bus, dev->slot, dev->func, PCI_COMMAND,
                cmd & (uint16_t)~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
    for (int i = 0; i < dev->bar_count;)
        i += size_bar(dev, i);
    raw_write16(dev->bus, dev->slot, dev->func, PCI_COMMAND, cmd);
    spin_unlock(&pci_config_lock);
}

struct class_name {
    uint8_t class_code;
    int subclass; /* -1: any */
    const char *name;
};

static const struct class_name class_names[] = {
    {0x01, 0x01, "IDE controller"},     {0x01, 0x06, "SATA controller"},
    {0x01, 0x08, "NVMe controller"},    {0x01, -1, "storage controller"},
    {0x02, 0x00, "Ethernet controller"}, {0x02, -1, "network controller"},
    {0x03, 0x00, "VGA controller"},     {0x03, -1, "display controller"},
    {0x04, -1, "multimedia device"},    {0x05, -1, "memory controller"},
    {0x06, 0x00, "host bridge"},        {0x06, 0x01, "ISA bridge"},
    {0x06, 0x04, "PCI-to-PCI bridge"},  {0x06, -1, "bridge"},
    {0x07, -1, "communication controller"}, {0x08, -1, "system peripheral"},
    {0x0C, 0x03, "USB controller"},     {0x0C, 0x05, "SMBus controller"},
    {0x0C, -1, "serial bus controller"}, {0xFF, -1, "unclassified device"},
};

static const char *class_name(const struct pci_device *dev)
{
    for (unsigned i = 0; i < sizeof class_names / sizeof class_names[0]; i++)
        if (class_names[i].class_code == dev->class_code &&
            (class_names[i].subclass < 0 || class_names[i].subclass == dev->subclass))
            return class_names[i].name;
    return "device";
}

static void print_device(const struct pci_device *dev)
{
    char line[256], addr[16];
    int n;

    n = snprintf(line, sizeof line, "pci: %s %04x:%04x class %02x.%02x.%02x %s",
                 pci_address(dev, addr, sizeof addr), dev->vendor, dev->device,
                 dev->class_code, dev->subclass, dev->prog_if, class_name(dev));
    if (dev->irq_pin && dev->irq_line != PCI_IRQ_NONE && n < (int)sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ", irq %u", dev->irq_line);
    if (dev->header_type == PCI_HEADER_BRIDGE && n < (int)sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ", bus %u", dev->secondary_bus);
    for (int i = 0; i < dev->bar_count && n < (int)sizeof line; i++) {
        const struct pci_bar *b = &dev->bars[i];
        if (!b->size)
            continue;
        n += snprintf(line + n, sizeof line - (size_t)n, ", bar%d %s%s 0x%llx/0x%llx", i,
                      b->flags & PCI_BAR_IO ? "io" : b->flags & PCI_BAR_64BIT ? "mem64" : "mem",
                      b->flags & PCI_BAR_PREFETCH ? " pref" : "", (unsigned long long)b->base,
                      (unsigned long long)b->size);
    }
    kprintf("%s\n", line);
}

static void scan_bus(uint8_t bus);

static void scan_function(uint8_t bus, uint8_t slot, uint8_t func)
{
    uint16_t vendor = cfg_read16(bus, slot, func, PCI_VENDOR_ID);
    struct pci_device *dev;

    if (vendor == PCI_VENDOR_NONE)
        return;
    dev = kzalloc(sizeof *dev);
    if (!dev) {
        kprintf("pci: out of memory recording %02x:%02x.%x\n", bus, slot, func);
        return;
    }
    dev->bus = bus;
    dev->slot = slot;
    dev->func = func;
    dev->vendor = vendor;
    dev->device = cfg_read16(bus, slot, func, PCI_DEVICE_ID);
    dev->class_code = cfg_read8(bus, slot, func, PCI_CLASS);
    dev->subclass = cfg_read8(bus, slot, func, PCI_SUBCLASS);
    dev->prog_if = cfg_read8(bus, slot, func, PCI_PROG_IF);
    dev->revision = cfg_read8(bus, slot, func, PCI_REVISION_ID);
    dev->header_type = cfg_read8(bus, slot, func, PCI_HEADER_TYPE) & PCI_HEADER_TYPE_MASK;
    dev->irq_line = cfg_read8(bus, slot, func, PCI_INTERRUPT_LINE);
    dev->irq_pin = cfg_read8(bus, slot, func, PCI_INTERRUPT_PIN);
    if (dev->header_type == PCI_HEADER_NORMAL)
        dev->bar_count = PCI_MAX_BARS;
    else if (dev->header_type == PCI_HEADER_BRIDGE)
        dev->bar_count = PCI_BRIDGE_BARS;
    size_bars(dev);
    if (dev->header_type == PCI_HEADER_BRIDGE)
        dev->secondary_bus = cfg_read8(bus, slot, func, PCI_SECONDARY_BUS);

    *device_tail = dev;
    device_tail = &dev->next;
    device_count++;
    print_device(dev);

    if (dev->header_type == PCI_HEADER_BRIDGE) {
        if (dev->secondary_bus == 0 || dev->secondary_bus <= bus)
            kprintf("pci: bridge %02x:%02x.%x has no usable secondary bus (%u); not followed\n",
                    bus, slot, func, dev->secondary_bus);
        else
            scan_bus(dev->secondary_bus);
    }
}

static void scan_slot(uint8_t bus, uint8_t slot)
{
    if (cfg_read16(bus, slot, 0, PCI_VENDOR_ID) == PCI_VENDOR_NONE)
        return;
    scan_function(bus, slot, 0);
    if (cfg_read8(bus, slot, 0, PCI_HEADER_TYPE) & PCI_HEADER_MULTI_FUNCTION)
        for (uint8_t func = 1; func < PCI_MAX_FUNCTIONS; func++)
            scan_function(bus, slot, func);
}

static void scan_bus(uint8_t bus)
{
    if (bus_scanned[bus])
        return;
    bus_scanned[bus] = true;
    for (uint8_t slot = 0; slot < PCI_MAX_SLOTS; slot++)
        scan_slot(bus, slot);
}

int pci_device_matches(const struct pci_device *dev, const struct pci_match *m)
{
    if (!m->fields)
        return 0;
    if ((m->fields & PCI_MATCH_VENDOR) && m->vendor != dev->vendor)
        return 0;
    if ((m->fields & PCI_MATCH_DEVICE) && m->device != dev->device)
        return 0;
    if ((m->fields & PCI_MATCH_CLASS) && m->class_code != dev->class_code)
        return 0;
    if ((m->fields & PCI_MATCH_SUBCLASS) && m->subclass != dev->subclass)
        return 0;
    if ((m->fields & PCI_MATCH_PROG_IF) && m->prog_if != dev->prog_if)
        return 0;
    return 1;
}

/* Offer every unclaimed device to drv. The caller holds pci_lock. */
static int probe_devices(struct pci_driver *drv)
{
    int claimed = 0;
    char addr[16];

    for (struct pci_device *dev = device_list; dev; dev = dev->next) {
        if (dev->driver)
            continue;
        for (const struct pci_match *m = drv->match; m->fields; m++) {
            if (!pci_device_matches(dev, m))
                continue;
            if (drv->probe(dev, m) == 0) {
                dev->driver = drv;
                claimed++;
                kprintf("pci: %s: driven by %s\n", pci_address(dev, addr, sizeof addr),
                        drv->name);
            }
            break;
        }
    }
    return claimed;
}

int pci_register_driver(struct pci_driver *drv)
{
    int claimed;

    if (!drv || !drv->match || !drv->probe || !drv->name)
        return -EINVAL;
    mutex_lock(&pci_lock);
    for (struct pci_driver *d = driver_list; d; d = d->next) {
        if (d == drv) {
            mutex_unlock(&pci_lock);
            return -EEXIST;
        }
    }
    drv->next = driver_list;
    driver_list = drv;
    claimed = probe_devices(drv);
    mutex_unlock(&pci_lock);
    return claimed;
}

struct pci_device *pci_get(int i)
{
    struct pci_device *dev = device_list;

    if (i < 0)
        return NULL;
    while (dev && i--)
        dev = dev->next;
    return dev;
}

struct pci_device *pci_find(const struct pci_match *m, struct pci_device *from)
{
    for (struct pci_device *dev = from ? from : device_list; dev; dev = dev->next)
        if (pci_device_matches(dev, m))
            return dev;
    return NULL;
}

void pci_init(void)
{
    uint32_t saved;

    /* CONFIG_ADDRESS is a read/write register only where mechanism #1 exists. */
    spin_lock(&pci_config_lock);
    saved = inl(PCI_CONFIG_ADDRESS);
    outl(PCI_CONFIG_ADDRESS, PCI_CONFIG_ENABLE);
    mechanism_ok = inl(PCI_CONFIG_ADDRESS) == PCI_CONFIG_ENABLE;
    outl(PCI_CONFIG_ADDRESS, saved);
    spin_unlock(&pci_config_lock);
    if (!mechanism_ok) {
        kprintf("pci: no configuration mechanism #1; no PCI devices\n");
        return;
    }
    scan_bus(0);
    kprintf("pci: %d functions\n", device_count);

    mutex_lock(&pci_lock);
    for (struct pci_driver *drv = driver_list; drv; drv = drv->next)
        probe_devices(drv);
    mutex_unlock(&pci_lock);
}
