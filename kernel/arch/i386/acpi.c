/*
 * acpi.c - the ACPI tables that describe processors and interrupt
 * controllers (ACPI 6.5, 5.2: RSDP, RSDT, XSDT, MADT).
 *
 * The RSDP is searched on 16-byte boundaries in the first KiB of the EBDA,
 * then in the BIOS area 0xE0000-0xFFFFF (5.2.5.1). Its RSDT, or for ACPI 2.0
 * and later its XSDT when that lies below 4 GiB, lists the other tables; the
 * MADT (signature "APIC", 5.2.12) among them gives the local APIC address,
 * the processors, the I/O APICs and the ISA interrupt overrides.
 *
 * Firmware tables are input like any other: every length is checked against
 * the memory it covers before anything past a header is read, and every
 * checksum. A bad table is reported and left out; nothing here trusts a
 * count or a length it has not bounded.
 */
#include <arch/i386/smp_tables.h>
#include <lib/kprintf.h>
#include <string.h>
#include <uapi/errno.h>

#define BDA_EBDA_SEGMENT 0x40e /* word: the EBDA's real-mode segment */
#define EBDA_SCAN_LEN 1024
#define BIOS_AREA 0xe0000
#define BIOS_AREA_LEN 0x20000
#define RSDP_ALIGN 16
#define LOW_MEMORY_END 0xa0000 /* an EBDA lies below the VGA window */
#define FOUR_GIB 0x100000000ull

struct rsdp {
    char signature[8]; /* "RSD PTR " */
    uint8_t checksum;  /* over the first 20 bytes (the ACPI 1.0 structure) */
    char oem_id[6];
    uint8_t revision; /* 0: ACPI 1.0; 2: 2.0 and later, with the fields below */
    uint32_t rsdt;
    uint32_t length;
    uint64_t xsdt;
    uint8_t extended_checksum; /* over length bytes */
    uint8_t reserved[3];
} __attribute__((packed));

#define RSDP_V1_LEN 20

struct sdt_header {
    char signature[4];
    uint32_t length; /* of the whole table, header included */
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __attribute__((packed));

struct madt {
    struct sdt_header h;
    uint32_t lapic_phys;
    uint32_t flags;
} __attribute__((packed));

#define MADT_PCAT_COMPAT 0x1 /* the machine also has dual 8259s */

/* Interrupt controller structures (5.2.12.2 - 5.2.12.8); all start with type and length. */
#define MADT_LAPIC 0
#define MADT_IOAPIC 1
#define MADT_SOURCE_OVERRIDE 2
#define MADT_LAPIC_ADDRESS 5
#define MADT_X2APIC 9

struct madt_lapic {
    uint8_t type, length, processor_uid, apic_id;
    uint32_t flags;
} __attribute__((packed));

#define LAPIC_ENABLED 0x1
#define LAPIC_ONLINE_CAPABLE 0x2

struct madt_ioapic {
    uint8_t type, length, id, reserved;
    uint32_t phys;
    uint32_t gsi_base;
} __attribute__((packed));

struct madt_override {
    uint8_t type, length, bus, source_irq;
    uint32_t gsi;
    uint16_t inti_flags;
} __attribute__((packed));

#define BUS_ISA 0

struct madt_lapic_address {
    uint8_t type, length;
    uint16_t reserved;
    uint64_t phys;
} __attribute__((packed));

static bool rsdp_ok(const struct rsdp *r)
{
    return memcmp(r->signature, "RSD PTR ", 8) == 0 && fw_checksum_ok(r, RSDP_V1_LEN);
}

/*
 * Search [pa, pa + len) for the RSDP; copy it to *out. An ACPI 2.0 part that
 * is cut off or fails its own checksum is dropped (revision 0: the RSDT).
 */
static bool scan_rsdp(uint32_t pa, uint32_t len, struct rsdp *out)
{
    const uint8_t *area = fwmem_map(pa, len);
    bool found = false;

    if (!area)
        return false;
    for (uint32_t off = 0; off + RSDP_V1_LEN <= len && !found; off += RSDP_ALIGN) {
        const struct rsdp *r = (const void *)(area + off);
        if (!rsdp_ok(r))
            continue;
        found = true;
        memset(out, 0, sizeof *out);
        memcpy(out, r, RSDP_V1_LEN);
        if (r->revision < 2)
            continue;
        if (off + sizeof *r <= len && r->length >= sizeof *r && r->length <= len - off &&
            fw_checksum_ok(r, r->length)) {
            memcpy(out, r, sizeof *r);
        } else {
            kprintf("acpi: RSDP at %#lx: bad ACPI 2.0 fields; using the RSDT\n",
                    (unsigned long)(pa + off));
            out->revision = 0;
        }
    }
    fwmem_unmap(area, len);
    return found;
}

static bool find_rsdp(struct rsdp *out)
{
    const uint16_t *seg = fwmem_map(BDA_EBDA_SEGMENT, sizeof *seg);
    uint32_t ebda = 0;

    if (seg) {
        ebda = (uint32_t)*seg << 4;
        fwmem_unmap(seg, sizeof *seg);
    }
    if (ebda >= 0x1000 && ebda + EBDA_SCAN_LEN <= LOW_MEMORY_END &&
        scan_rsdp(ebda, EBDA_SCAN_LEN, out))
        return true;
    return scan_rsdp(BIOS_AREA, BIOS_AREA_LEN, out);
}

/* The signature of the table at pa, or false when it cannot be read. */
static bool peek_signature(uint64_t pa, char sig[4])
{
    const struct sdt_header *h;

    if (pa == 0 || pa >= FOUR_GIB)
        return false;
    h = fwmem_map(pa, sizeof *h);
    if (!h)
        return false;
    memcpy(sig, h->signature, 4);
    fwmem_unmap(h, sizeof *h);
    return true;
}

/*
 * Map the whole table at pa once its length and checksum are good; *len is
 * its length. NULL (and a report naming what) otherwise.
 */
static const void *map_table(uint64_t pa, const char *what, uint32_t *len)
{
    const struct sdt_header *h;
    uint32_t n;

    if (pa == 0 || pa + sizeof *h > FOUR_GIB) {
        kprintf("acpi: %s at %#llx is out of reach\n", what, (unsigned long long)pa);
        return NULL;
    }
    h = fwmem_map(pa, sizeof *h);
    if (!h) {
        kprintf("acpi: cannot map the %s at %#llx\n", what, (unsigned long long)pa);
        return NULL;
    }
    n = h->length;
    fwmem_unmap(h, sizeof *h);
    if (n < sizeof *h || n > FW_TABLE_MAX || pa + n > FOUR_GIB) {
        kprintf("acpi: %s at %#llx: bad length %lu\n", what, (unsigned long long)pa,
                (unsigned long)n);
        return NULL;
    }
    h = fwmem_map(pa, n);
    if (!h) {
        kprintf("acpi: cannot map the %s at %#llx\n", what, (unsigned long long)pa);
        return NULL;
    }
    if (!fw_checksum_ok(h, n)) {
        kprintf("acpi: %s at %#llx: bad checksum\n", what, (unsigned long long)pa);
        fwmem_unmap(h, n);
        return NULL;
    }
    *len = n;
    return h;
}

/* Apply ISA overrides: IRQ irq arrives on gsi; an IRQ whose own GSI another took has none. */
static void apply_overrides(struct smp_config *cfg, const bool overridden[SMP_ISA_IRQS])
{
    for (int irq = 0; irq < SMP_ISA_IRQS; irq++) {
        if (overridden[irq])
            continue;
        for (int other = 0; other < SMP_ISA_IRQS; other++)
            if (overridden[other] && cfg->isa_irqs[other].gsi == (uint32_t)irq)
                cfg->isa_irqs[irq].gsi = SMP_GSI_NONE;
    }
}

/* The entry's minimum length for the fields we read, or 0 for types we skip. */
static uint32_t min_length(uint8_t type)
{
    switch (type) {
    case MADT_LAPIC: return sizeof(struct madt_lapic);
    case MADT_IOAPIC: return sizeof(struct madt_ioapic);
    case MADT_SOURCE_OVERRIDE: return sizeof(struct madt_override);
    case MADT_LAPIC_ADDRESS: return sizeof(struct madt_lapic_address);
    default: return 2;
    }
}

static int parse_madt(const struct madt *m, uint32_t len, struct smp_config *cfg)
{
    const uint8_t *p = (const uint8_t *)(m + 1), *end = (const uint8_t *)m + len;
    bool overridden[SMP_ISA_IRQS] = {false};
    int x2apics = 0;

    if (len < sizeof *m) {
        kprintf("acpi: MADT: %lu bytes, shorter than its header\n", (unsigned long)len);
        return -EINVAL;
    }
    smp_config_reset(cfg, "ACPI");
    cfg->lapic_phys = m->lapic_phys;
    cfg->has_8259 = (m->flags & MADT_PCAT_COMPAT) != 0;
    while (p < end) {
        uint32_t off = (uint32_t)(p - (const uint8_t *)m);
        if (end - p < 2 || p[1] < min_length(p[0]) || p[1] > end - p) {
            kprintf("acpi: MADT: entry at offset %lu (type %u, length %u) runs past the table "
                    "or is too short\n",
                    (unsigned long)off, p[0], end - p < 2 ? 0 : p[1]);
            return -EINVAL;
        }
        switch (p[0]) {
        case MADT_LAPIC: {
            const struct madt_lapic *e = (const void *)p;
            if (e->flags & LAPIC_ENABLED)
                smp_config_add_cpu(cfg, e->apic_id, 0);
            else if (e->flags & LAPIC_ONLINE_CAPABLE)
                smp_config_add_cpu(cfg, e->apic_id, SMP_CPU_ONLINE_CAPABLE);
            break;
        }
        case MADT_IOAPIC: {
            const struct madt_ioapic *e = (const void *)p;
            smp_config_add_ioapic(cfg, e->id, e->phys, e->gsi_base);
            break;
        }
        case MADT_SOURCE_OVERRIDE: {
            const struct madt_override *e = (const void *)p;
            if (e->bus != BUS_ISA || e->source_irq >= SMP_ISA_IRQS) {
                kprintf("acpi: MADT: override of bus %u IRQ %u ignored\n", e->bus, e->source_irq);
                break;
            }
            cfg->isa_irqs[e->source_irq].gsi = e->gsi;
            cfg->isa_irqs[e->source_irq].flags = smp_isa_irq_flags(e->inti_flags);
            overridden[e->source_irq] = true;
            break;
        }
        case MADT_LAPIC_ADDRESS: {
            const struct madt_lapic_address *e = (const void *)p;
            if (e->phys < FOUR_GIB)
                cfg->lapic_phys = (uint32_t)e->phys;
            else
                kprintf("acpi: MADT: local APIC address %#llx above 4 GiB ignored\n",
                        (unsigned long long)e->phys);
            break;
        }
        case MADT_X2APIC:
            x2apics++;
            break;
        default: /* NMI sources and wiring, other controllers: not needed */
            break;
        }
        p += p[1];
    }
    if (x2apics)
        kprintf("acpi: MADT: %d x2APIC processor entries ignored (xAPIC mode only)\n", x2apics);
    apply_overrides(cfg, overridden);
    if (cfg->ncpus == 0 || cfg->lapic_phys == 0) {
        kprintf("acpi: MADT lists no usable processor or no local APIC address\n");
        return -EINVAL;
    }
    return 0;
}

/*
 * Walk the RSDT (entry_size 4) or XSDT (8) for the MADT and parse it.
 * -ENODEV: no MADT listed; -EINVAL: every MADT is bad. *root_ok is false
 * when the root table itself is unusable.
 */
static int find_madt(uint64_t root_pa, uint32_t entry_size, struct smp_config *cfg,
                     bool *root_ok)
{
    const char *name = entry_size == 4 ? "RSDT" : "XSDT";
    uint32_t len, count;
    const struct sdt_header *root = map_table(root_pa, name, &len);
    const uint8_t *entries;
    int err = -ENODEV;

    *root_ok = false;
    if (!root)
        return -EINVAL;
    if (memcmp(root->signature, name, 4) != 0) {
        kprintf("acpi: %s at %#llx has the wrong signature\n", name, (unsigned long long)root_pa);
        fwmem_unmap(root, len);
        return -EINVAL;
    }
    *root_ok = true;
    entries = (const uint8_t *)(root + 1);
    count = (len - (uint32_t)sizeof *root) / entry_size;
    for (uint32_t i = 0; i < count && err != 0; i++) {
        uint64_t pa = 0;
        uint32_t madt_len;
        const struct madt *m;
        char sig[4];

        memcpy(&pa, entries + i * entry_size, entry_size);
        if (!peek_signature(pa, sig) || memcmp(sig, "APIC", 4) != 0)
            continue;
        m = map_table(pa, "MADT", &madt_len);
        err = m ? parse_madt(m, madt_len, cfg) : -EINVAL;
        if (m)
            fwmem_unmap(m, madt_len);
        if (err == 0)
            kprintf("acpi: MADT at %#llx, listed in the %s\n", (unsigned long long)pa, name);
    }
    fwmem_unmap(root, len);
    return err;
}

int acpi_read_madt(struct smp_config *out)
{
    struct rsdp rsdp;
    bool root_ok;
    int err;

    if (!find_rsdp(&rsdp))
        return -ENODEV;
    /* The XSDT only when the CPU can reach it without PAE; else the RSDT (ACPI 1.0). */
    if (rsdp.revision >= 2 && rsdp.xsdt != 0 && rsdp.xsdt < FOUR_GIB) {
        err = find_madt(rsdp.xsdt, 8, out, &root_ok);
        if (root_ok)
            return err;
        kprintf("acpi: trying the RSDT instead\n");
    }
    if (rsdp.rsdt == 0) {
        kprintf("acpi: the RSDP names no usable RSDT\n");
        return -EINVAL;
    }
    return find_madt(rsdp.rsdt, 4, out, &root_ok);
}
