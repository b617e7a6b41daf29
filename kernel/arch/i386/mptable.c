/*
 * mptable.c - the Intel MultiProcessor Specification 1.4 tables, for
 * machines without an ACPI MADT.
 *
 * The floating pointer structure "_MP_" is searched on 16-byte boundaries in
 * the first KiB of the EBDA, the last KiB of base memory and the BIOS ROM at
 * 0xF0000-0xFFFFF (4.1). Its feature byte 1 either names one of the default
 * configurations (chapter 5) or is 0, and then the configuration table
 * "PCMP" (4.2, 4.3) lists the processors, buses, I/O APICs and the I/O
 * interrupt assignments, which tie an ISA IRQ to an I/O APIC pin.
 *
 * The MP table numbers no GSIs; they are given as ACPI would: each I/O APIC's
 * pins follow those of the I/O APICs before it in the table, which takes a
 * look at each one's version register (ioapic_pin_count).
 *
 * PCI interrupts that the BIOS steered to an ISA IRQ (the number in a
 * device's interrupt-line register) are listed as PCI interrupts on the I/O
 * APIC pin of that number (PC chipsets wire it so); an ISA IRQ the table does
 * not list as ISA but as such a pin is taken to arrive there, with the PCI
 * entry's polarity and trigger, so that drivers keep using the IRQ numbers the
 * BIOS gave (ACPI says the same with interrupt source overrides).
 *
 * Some BIOSes (SeaBIOS among them) list only the first logical processor of
 * each package; the others are then not found (ACPI lists them all).
 */
#include <arch/i386/ioapic.h>
#include <arch/i386/smp_tables.h>
#include <lib/kprintf.h>
#include <string.h>
#include <uapi/errno.h>

#define BDA_EBDA_SEGMENT 0x40e /* word: the EBDA's real-mode segment */
#define BDA_BASE_MEMORY_KIB 0x413
#define SCAN_LEN 1024
#define BIOS_ROM 0xf0000
#define BIOS_ROM_LEN 0x10000
#define LOW_MEMORY_END 0xa0000
#define MP_ALIGN 16

struct mp_floating {
    char signature[4]; /* "_MP_" */
    uint32_t config;   /* the configuration table, 0 with a default configuration */
    uint8_t length;    /* in 16-byte units */
    uint8_t revision;
    uint8_t checksum;
    uint8_t feature[5];
} __attribute__((packed));

#define FEATURE1_DEFAULT_MAX 7 /* feature byte 1: 0 = table, 1-7 = default configuration */
#define FEATURE2_IMCR 0x80

struct mp_config {
    char signature[4]; /* "PCMP" */
    uint16_t length;   /* the base table, header included */
    uint8_t revision;
    uint8_t checksum;
    char oem_id[8];
    char product_id[12];
    uint32_t oem_table;
    uint16_t oem_table_size;
    uint16_t entry_count;
    uint32_t lapic_phys;
    uint16_t extended_length;
    uint8_t extended_checksum;
    uint8_t reserved;
} __attribute__((packed));

/* Base table entries (4.3); processors are 20 bytes, the others 8. */
#define MP_PROCESSOR 0
#define MP_BUS 1
#define MP_IOAPIC 2
#define MP_IO_INTERRUPT 3
#define MP_LOCAL_INTERRUPT 4

struct mp_processor {
    uint8_t type, apic_id, apic_version, flags;
    uint32_t signature, features, reserved[2];
} __attribute__((packed));

#define CPU_ENABLED 0x1

struct mp_bus {
    uint8_t type, id;
    char name[6]; /* blank-padded: "ISA   ", "EISA  ", "PCI   " */
} __attribute__((packed));

struct mp_ioapic {
    uint8_t type, id, version, flags;
    uint32_t phys;
} __attribute__((packed));

#define IOAPIC_ENABLED 0x1

struct mp_interrupt {
    uint8_t type, kind;
    uint16_t inti_flags;
    uint8_t bus, bus_irq, ioapic_id, pin;
} __attribute__((packed));

#define INT_VECTORED 0    /* kind: an ordinary interrupt; NMI, SMI and ExtINT are not routed */
#define ALL_IOAPICS 0xff  /* destination "every I/O APIC" */
#define MAX_PINS 240      /* an I/O APIC reporting more is not believed */
#define ASSUMED_PINS 24   /* the 82093AA's, when the hardware cannot be asked */

/* Default configurations (chapter 5): two CPUs, one I/O APIC, fixed addresses. */
#define DEFAULT_LAPIC_PHYS 0xfee00000u
#define DEFAULT_IOAPIC_PHYS 0xfec00000u
#define DEFAULT_IOAPIC_ID 2
#define DEFAULT_EISA_NO_TIMER 2 /* configuration 2 leaves IRQ 0 and IRQ 13 unconnected */
#define TIMER_PIN 2             /* the 8254 is on INTIN2, INTIN0 has the 8259 (table 5-2) */

static bool floating_ok(const struct mp_floating *f, uint32_t room)
{
    return memcmp(f->signature, "_MP_", 4) == 0 && f->length >= 1 &&
           f->length * 16u <= room && fw_checksum_ok(f, f->length * 16u);
}

static bool scan(uint32_t pa, uint32_t len, struct mp_floating *out)
{
    const uint8_t *area = fwmem_map(pa, len);
    bool found = false;

    if (!area)
        return false;
    for (uint32_t off = 0; off + sizeof *out <= len && !found; off += MP_ALIGN) {
        if (floating_ok((const void *)(area + off), len - off)) {
            memcpy(out, area + off, sizeof *out);
            found = true;
        }
    }
    fwmem_unmap(area, len);
    return found;
}

static uint32_t read_bda_word(uint32_t pa)
{
    const uint16_t *w = fwmem_map(pa, sizeof *w);
    uint32_t v = 0;

    if (w) {
        v = *w;
        fwmem_unmap(w, sizeof *w);
    }
    return v;
}

static bool find_floating(struct mp_floating *out)
{
    uint32_t ebda = read_bda_word(BDA_EBDA_SEGMENT) << 4;
    uint32_t base_end = read_bda_word(BDA_BASE_MEMORY_KIB) * 1024;

    if (ebda >= 0x1000 && ebda + SCAN_LEN <= LOW_MEMORY_END && scan(ebda, SCAN_LEN, out))
        return true;
    if (base_end >= 0x1000 + SCAN_LEN && base_end <= LOW_MEMORY_END &&
        scan(base_end - SCAN_LEN, SCAN_LEN, out))
        return true;
    return scan(BIOS_ROM, BIOS_ROM_LEN, out);
}

static void default_config(struct smp_config *cfg, int type)
{
    cfg->lapic_phys = DEFAULT_LAPIC_PHYS;
    cfg->has_8259 = true;
    smp_config_add_cpu(cfg, 0, 0);
    smp_config_add_cpu(cfg, 1, 0);
    smp_config_add_ioapic(cfg, DEFAULT_IOAPIC_ID, DEFAULT_IOAPIC_PHYS, 0);
    /* IRQ n on INTIN n, but IRQ 0 on INTIN2; ISA and EISA lines edge, active high. */
    cfg->isa_irqs[0].gsi = TIMER_PIN;
    cfg->isa_irqs[2].gsi = SMP_GSI_NONE;
    if (type == DEFAULT_EISA_NO_TIMER) {
        cfg->isa_irqs[0].gsi = SMP_GSI_NONE;
        cfg->isa_irqs[13].gsi = SMP_GSI_NONE;
    }
}

static uint32_t entry_size(uint8_t type)
{
    return type == MP_PROCESSOR ? sizeof(struct mp_processor)
           : type <= MP_LOCAL_INTERRUPT ? 8 : 0;
}

/* Check that entry_count entries of known types fit in the base table. */
static bool entries_ok(const struct mp_config *c)
{
    const uint8_t *p = (const uint8_t *)(c + 1), *end = (const uint8_t *)c + c->length;

    for (uint32_t i = 0; i < c->entry_count; i++) {
        uint32_t size = p < end ? entry_size(*p) : 0;
        if (size == 0 || size > (uint32_t)(end - p)) {
            kprintf("mptable: entry %lu of %u (type %u) is unknown or runs past the table\n",
                    (unsigned long)i, c->entry_count, p < end ? *p : 0);
            return false;
        }
        p += size;
    }
    return true;
}

enum bus_kind { BUS_OTHER, BUS_ISA, BUS_PCI };

static enum bus_kind bus_kind(const struct mp_bus *b)
{
    if (memcmp(b->name, "ISA   ", 6) == 0 || memcmp(b->name, "EISA  ", 6) == 0)
        return BUS_ISA;
    return memcmp(b->name, "PCI   ", 6) == 0 ? BUS_PCI : BUS_OTHER;
}

/* SMP_IRQ_* flags of a PCI interrupt entry: "as the bus says" is level, active low for PCI. */
static uint8_t pci_irq_flags(uint16_t inti)
{
    uint8_t flags = SMP_IRQ_ACTIVE_LOW | SMP_IRQ_LEVEL;

    if ((inti & 0x3) == 0x1)
        flags &= (uint8_t)~SMP_IRQ_ACTIVE_LOW;
    if (((inti >> 2) & 0x3) == 0x1)
        flags &= (uint8_t)~SMP_IRQ_LEVEL;
    return flags;
}

/* GSI bases: each I/O APIC starts where the one before ends. */
static void number_gsis(struct smp_config *cfg)
{
    uint32_t base = 0;

    for (int i = 0; i < cfg->nioapics; i++) {
        int pins = i + 1 < cfg->nioapics ? ioapic_pin_count(cfg->ioapics[i].phys) : 0;
        cfg->ioapics[i].gsi_base = base;
        if (i + 1 < cfg->nioapics && (pins <= 0 || pins > MAX_PINS)) {
            kprintf("mptable: I/O APIC ID %u: pin count unknown, taking %d\n",
                    cfg->ioapics[i].id, ASSUMED_PINS);
            pins = ASSUMED_PINS;
        }
        base += (uint32_t)pins;
    }
}

static uint32_t gsi_of(const struct smp_config *cfg, uint8_t ioapic_id, uint8_t pin)
{
    for (int i = 0; i < cfg->nioapics; i++)
        if (cfg->ioapics[i].id == ioapic_id || ioapic_id == ALL_IOAPICS)
            return cfg->ioapics[i].gsi_base + pin;
    return SMP_GSI_NONE;
}

/* True when a listed ISA IRQ arrives on gsi. */
static bool gsi_taken(const struct smp_config *cfg, const bool listed[], uint32_t gsi)
{
    for (int irq = 0; irq < SMP_ISA_IRQS; irq++)
        if (listed[irq] && cfg->isa_irqs[irq].gsi == gsi)
            return true;
    return false;
}

static void set_isa_irq(struct smp_config *cfg, bool listed[], int irq, uint32_t gsi, uint8_t flags)
{
    cfg->isa_irqs[irq].gsi = gsi;
    cfg->isa_irqs[irq].flags = flags;
    listed[irq] = true;
}

static void parse_table(const struct mp_config *c, struct smp_config *cfg)
{
    const uint8_t *first = (const uint8_t *)(c + 1), *p;
    uint8_t bus[256] = {BUS_OTHER};
    bool listed[SMP_ISA_IRQS] = {false}, any = false;

    cfg->lapic_phys = c->lapic_phys;
    cfg->has_8259 = true; /* MP systems are PC/AT compatible (3.6) */
    p = first;
    for (uint32_t i = 0; i < c->entry_count; p += entry_size(*p), i++) {
        if (*p == MP_PROCESSOR) {
            const struct mp_processor *e = (const void *)p;
            if (e->flags & CPU_ENABLED)
                smp_config_add_cpu(cfg, e->apic_id, 0);
        } else if (*p == MP_BUS) {
            const struct mp_bus *e = (const void *)p;
            bus[e->id] = (uint8_t)bus_kind(e);
        } else if (*p == MP_IOAPIC) {
            const struct mp_ioapic *e = (const void *)p;
            if (e->flags & IOAPIC_ENABLED)
                smp_config_add_ioapic(cfg, e->id, e->phys, 0);
        }
    }
    number_gsis(cfg);
    /* Interrupt entries may come before the buses they name; hence more passes. ISA first. */
    for (int pass = BUS_ISA; pass <= BUS_PCI; pass++) {
        p = first;
        for (uint32_t i = 0; i < c->entry_count; p += entry_size(*p), i++) {
            const struct mp_interrupt *e = (const void *)p;
            uint32_t gsi;
            if (*p != MP_IO_INTERRUPT || e->kind != INT_VECTORED || bus[e->bus] != pass)
                continue;
            gsi = gsi_of(cfg, e->ioapic_id, e->pin);
            if (gsi == SMP_GSI_NONE) {
                kprintf("mptable: bus %u IRQ %u goes to unknown I/O APIC ID %u\n", e->bus,
                        e->bus_irq, e->ioapic_id);
            } else if (pass == BUS_ISA && e->bus_irq < SMP_ISA_IRQS) {
                set_isa_irq(cfg, listed, e->bus_irq, gsi, smp_isa_irq_flags(e->inti_flags));
                any = true;
            } else if (pass == BUS_PCI && gsi < SMP_ISA_IRQS && any && !listed[gsi] &&
                       !gsi_taken(cfg, listed, gsi)) {
                set_isa_irq(cfg, listed, (int)gsi, gsi, pci_irq_flags(e->inti_flags));
            }
        }
    }
    /* A listed table is complete: an IRQ it leaves out is not connected (4.3.4). */
    for (int irq = 0; irq < SMP_ISA_IRQS && any; irq++)
        if (!listed[irq])
            cfg->isa_irqs[irq].gsi = SMP_GSI_NONE;
}

/* Map the configuration table at pa and parse it: 0 or -EINVAL (reported). */
static int read_table(uint32_t pa, struct smp_config *cfg)
{
    const struct mp_config *c = fwmem_map(pa, sizeof *c);
    uint32_t len;
    int err = -EINVAL;

    if (!c) {
        kprintf("mptable: cannot map the configuration table at %#lx\n", (unsigned long)pa);
        return -EINVAL;
    }
    len = c->length;
    if (memcmp(c->signature, "PCMP", 4) != 0 || len < sizeof *c) {
        kprintf("mptable: no configuration table at %#lx (or its length %lu is wrong)\n",
                (unsigned long)pa, (unsigned long)len);
        fwmem_unmap(c, sizeof *c);
        return -EINVAL;
    }
    fwmem_unmap(c, sizeof *c);
    c = fwmem_map(pa, len);
    if (!c) {
        kprintf("mptable: cannot map the configuration table at %#lx\n", (unsigned long)pa);
        return -EINVAL;
    }
    if (!fw_checksum_ok(c, len))
        kprintf("mptable: configuration table at %#lx: bad checksum\n", (unsigned long)pa);
    else if (entries_ok(c)) {
        parse_table(c, cfg);
        err = 0;
    }
    fwmem_unmap(c, len);
    return err;
}

int mptable_read(struct smp_config *out)
{
    struct mp_floating f;
    uint8_t type;
    int err = 0;

    if (!find_floating(&f))
        return -ENODEV;
    smp_config_reset(out, "MP table");
    out->imcr = (f.feature[1] & FEATURE2_IMCR) != 0;
    type = f.feature[0];
    if (type > FEATURE1_DEFAULT_MAX) {
        kprintf("mptable: unknown default configuration %u\n", type);
        return -EINVAL;
    }
    if (type != 0)
        default_config(out, type);
    else if (f.config == 0) {
        kprintf("mptable: the floating pointer names no configuration\n");
        return -EINVAL;
    } else
        err = read_table(f.config, out);
    if (err)
        return err;
    if (out->ncpus == 0 || out->lapic_phys == 0) {
        kprintf("mptable: no usable processor or no local APIC address\n");
        return -EINVAL;
    }
    return 0;
}
