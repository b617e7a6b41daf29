/*
 * test_pci.c - PCI enumeration on QEMU's i440FX/PIIX3 machine: the host
 * bridge and the IDE controller with their classes, configuration space
 * accesses of every width, BARs sized and left as they were, the match
 * rules, and the driver registry's probing.
 */
#include <drivers/pci/pci.h>
#include <string.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define IDE_PROGIF_BUS_MASTER 0x80
#define IDE_BUS_MASTER_BAR 4
#define IDE_BUS_MASTER_SIZE 16 /* PIIX4 datasheet 5.2: 16 bytes of I/O */
#define PCI_IRQ_LINE_TEST 0x5A

static const struct pci_match host_bridge =
    PCI_MATCH_CLASS2(PCI_CLASS_BRIDGE, PCI_SUBCLASS_HOST_BRIDGE);
static const struct pci_match ide = PCI_MATCH_CLASS2(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE);

KTEST(pci_finds_the_host_bridge)
{
    struct pci_device *dev = pci_find(&host_bridge, NULL);

    KT_ASSERT(dev != NULL);
    KT_ASSERT_EQ(dev->bus, 0);
    KT_ASSERT_EQ(dev->slot, 0);
    KT_ASSERT_EQ(dev->func, 0);
    KT_ASSERT(dev->vendor != PCI_VENDOR_NONE && dev->vendor != 0);
    KT_ASSERT_EQ(dev->header_type, PCI_HEADER_NORMAL);
    KT_ASSERT(pci_get(0) == dev); /* the scan starts at 00:00.0 */
}

KTEST(pci_finds_the_ide_controller)
{
    struct pci_device *dev = pci_find(&ide, NULL);
    const struct pci_bar *bm;

    KT_ASSERT(dev != NULL);
    KT_ASSERT_EQ(dev->class_code, PCI_CLASS_STORAGE);
    KT_ASSERT_EQ(dev->subclass, PCI_SUBCLASS_IDE);
    KT_ASSERT(dev->prog_if & IDE_PROGIF_BUS_MASTER);
    bm = &dev->bars[IDE_BUS_MASTER_BAR];
    KT_ASSERT(bm->flags & PCI_BAR_IO);
    KT_ASSERT(bm->base != 0);
    KT_ASSERT_EQ(bm->size, IDE_BUS_MASTER_SIZE);
    KT_ASSERT(dev->driver != NULL);
    KT_ASSERT_STR(dev->driver->name, "ata");
    /* The ATA driver turned on I/O decoding and bus mastering. */
    KT_ASSERT(pci_config_read16(dev, PCI_COMMAND) & PCI_COMMAND_IO);
    KT_ASSERT(pci_config_read16(dev, PCI_COMMAND) & PCI_COMMAND_BUS_MASTER);
}

KTEST(pci_config_reads_of_every_width_agree)
{
    for (int i = 0; pci_get(i); i++) {
        struct pci_device *dev = pci_get(i);
        uint32_t id = pci_config_read32(dev, PCI_VENDOR_ID);
        uint32_t class = pci_config_read32(dev, PCI_REVISION_ID);

        KT_ASSERT_EQ(id & 0xFFFF, dev->vendor);
        KT_ASSERT_EQ(id >> 16, dev->device);
        KT_ASSERT_EQ(pci_config_read16(dev, PCI_DEVICE_ID), dev->device);
        KT_ASSERT_EQ(pci_config_read8(dev, PCI_CLASS), dev->class_code);
        KT_ASSERT_EQ(class >> 24, dev->class_code);
        KT_ASSERT_EQ((class >> 16) & 0xFF, dev->subclass);
        KT_ASSERT_EQ((class >> 8) & 0xFF, dev->prog_if);
    }
}

KTEST(pci_config_writes_of_every_width)
{
    /* The interrupt line register is a scratch byte for software (PCI 3.0, 6.2.4). */
    struct pci_device *dev = pci_find(&ide, NULL);
    uint8_t line, pin;
    uint32_t dword;

    KT_ASSERT(dev != NULL);
    line = pci_config_read8(dev, PCI_INTERRUPT_LINE);
    pin = pci_config_read8(dev, PCI_INTERRUPT_PIN);
    pci_config_write8(dev, PCI_INTERRUPT_LINE, PCI_IRQ_LINE_TEST);
    KT_ASSERT_EQ(pci_config_read8(dev, PCI_INTERRUPT_LINE), PCI_IRQ_LINE_TEST);
    pci_config_write16(dev, PCI_INTERRUPT_LINE, (uint16_t)(pin << 8 | (PCI_IRQ_LINE_TEST + 1)));
    KT_ASSERT_EQ(pci_config_read8(dev, PCI_INTERRUPT_LINE), PCI_IRQ_LINE_TEST + 1);
    dword = pci_config_read32(dev, PCI_INTERRUPT_LINE);
    pci_config_write32(dev, PCI_INTERRUPT_LINE, (dword & ~0xFFu) | (PCI_IRQ_LINE_TEST + 2));
    KT_ASSERT_EQ(pci_config_read16(dev, PCI_INTERRUPT_LINE) & 0xFF, PCI_IRQ_LINE_TEST + 2);
    KT_ASSERT_EQ(pci_config_read8(dev, PCI_INTERRUPT_PIN), pin); /* read-only, unchanged */
    pci_config_write8(dev, PCI_INTERRUPT_LINE, line);
    KT_ASSERT_EQ(pci_config_read8(dev, PCI_INTERRUPT_LINE), line);
}

KTEST(pci_bars_are_sized_and_left_as_they_were)
{
    int sized = 0;

    for (int i = 0; pci_get(i); i++) {
        struct pci_device *dev = pci_get(i);
        for (int b = 0; b < dev->bar_count; b++) {
            const struct pci_bar *bar = &dev->bars[b];
            uint32_t now = pci_config_read32(dev, (uint8_t)(PCI_BAR0 + 4 * b));
            if (!bar->size)
                continue;
            sized++;
            KT_ASSERT((bar->size & (bar->size - 1)) == 0); /* a power of two */
            KT_ASSERT((bar->base & (bar->size - 1)) == 0); /* aligned to it */
            if (bar->flags & PCI_BAR_IO) {
                KT_ASSERT(now & PCI_BAR_SPACE_IO);
                KT_ASSERT_EQ(now & PCI_BAR_IO_MASK, bar->base);
            } else {
                KT_ASSERT(!(now & PCI_BAR_SPACE_IO));
                KT_ASSERT_EQ(now & PCI_BAR_MEM_MASK, bar->base & 0xFFFFFFFFu);
                if (bar->flags & PCI_BAR_64BIT) {
                    KT_ASSERT(b + 1 < dev->bar_count);
                    KT_ASSERT_EQ(pci_config_read32(dev, (uint8_t)(PCI_BAR0 + 4 * (b + 1))),
                                 bar->base >> 32);
                    b++;
                }
            }
        }
        /* Sizing switched decoding off for a moment; it must be back on if it was. */
        if (dev->bar_count && dev->driver)
            KT_ASSERT(pci_config_read16(dev, PCI_COMMAND) & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
    }
    KT_ASSERT(sized >= 2); /* at least the IDE bus master and the VGA frame buffer */
}

KTEST(pci_match_rules)
{
    struct pci_device *dev = pci_find(&ide, NULL);
    struct pci_match m;

    KT_ASSERT(dev != NULL);
    m = (struct pci_match)PCI_MATCH_ID(dev->vendor, dev->device);
    KT_ASSERT(pci_device_matches(dev, &m));
    m.device ^= 1;
    KT_ASSERT(!pci_device_matches(dev, &m));
    m = (struct pci_match)PCI_MATCH_CLASS3(dev->class_code, dev->subclass, dev->prog_if);
    KT_ASSERT(pci_device_matches(dev, &m));
    m.prog_if ^= 1;
    KT_ASSERT(!pci_device_matches(dev, &m));
    m = (struct pci_match){PCI_MATCH_VENDOR, dev->vendor, 0, 0, 0, 0}; /* device: any */
    KT_ASSERT(pci_device_matches(dev, &m));
    m = (struct pci_match)PCI_MATCH_END;
    KT_ASSERT(!pci_device_matches(dev, &m)); /* the end marker matches nothing */
    /* pci_find goes on from a given device. */
    KT_ASSERT(pci_find(&ide, dev) == dev);
    KT_ASSERT(pci_find(&ide, dev->next) != dev);
}

static int probes, probed_claimed;
static struct pci_device *probed_last;

static int decline_probe(struct pci_device *dev, const struct pci_match *match)
{
    (void)match;
    probes++;
    probed_claimed += dev->driver != NULL;
    probed_last = dev;
    return -ENODEV; /* leave it to its real driver */
}

static const struct pci_match test_matches[] = {
    PCI_MATCH_CLASS2(PCI_CLASS_STORAGE, PCI_SUBCLASS_IDE),
    PCI_MATCH_CLASS2(PCI_CLASS_BRIDGE, PCI_SUBCLASS_HOST_BRIDGE),
    PCI_MATCH_END,
};

static struct pci_driver test_driver = {
    .name = "ktest-decline",
    .match = test_matches,
    .probe = decline_probe,
};

KTEST(pci_driver_registry_probes_unclaimed_matches)
{
    struct pci_device *host = pci_find(&host_bridge, NULL);
    static struct pci_driver bad = {.name = "bad"};
    int unclaimed = 0;

    KT_ASSERT(host != NULL);
    for (int i = 0; pci_get(i); i++) {
        struct pci_device *dev = pci_get(i);
        if (!dev->driver && (pci_device_matches(dev, &test_matches[0]) ||
                             pci_device_matches(dev, &test_matches[1])))
            unclaimed++;
    }
    probes = probed_claimed = 0;
    KT_ASSERT_EQ(pci_register_driver(&test_driver), 0); /* declined everything */
    KT_ASSERT_EQ(probes, unclaimed);      /* not the IDE controller: ata has it */
    KT_ASSERT_EQ(probed_claimed, 0);
    KT_ASSERT(probed_last == host);
    KT_ASSERT(host->driver == NULL);
    KT_ASSERT_EQ(pci_register_driver(&bad), -EINVAL); /* no match table, no probe */
    KT_ASSERT_EQ(pci_register_driver(&test_driver), -EEXIST);
}
