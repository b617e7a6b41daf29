/*
 * ioapic.c - the I/O APICs (Intel 82093AA datasheet, 3.0 and 3.2).
 *
 * An I/O APIC shows two registers: IOREGSEL selects one of its internal
 * registers and IOWIN reads or writes it. That pair is a critical section:
 * ioapic_lock (a leaf lock) covers every select-and-access, for all I/O APICs.
 * Each redirection entry is 64 bits, two internal registers; an entry is
 * rewritten masked, so a half-written entry can never fire.
 */
#include <arch/i386/io.h>
#include <arch/i386/ioapic.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/spinlock.h>
#include <lib/kprintf.h>
#include <uapi/errno.h>

/* Memory-mapped registers (datasheet 3.0) and internal ones (3.2). */
#define IOREGSEL 0x00
#define IOWIN 0x10
#define WINDOW_SIZE 0x20
#define REG_VERSION 0x01
#define REG_REDTBL(pin) (0x10 + 2 * (pin))
#define VERSION_MAX_ENTRY(v) (((v) >> 16) & 0xff)
#define NO_DEVICE 0xffffffffu /* what a read of unclaimed bus space returns */

/* Redirection entry, low dword (3.2.4); the destination APIC ID is bits 31:24 of the high dword. */
#define RTE_VECTOR_MASK 0xffu
#define RTE_DELIVERY_FIXED (0u << 8)
#define RTE_DEST_PHYSICAL (0u << 11)
#define RTE_ACTIVE_LOW (1u << 13)
#define RTE_LEVEL (1u << 15)
#define RTE_MASKED (1u << 16)
#define RTE_DEST_SHIFT 24

/* The IMCR chooses between PIC mode and the APIC (MP spec 3.6.2.1). */
#define IMCR_SELECT_PORT 0x22
#define IMCR_DATA_PORT 0x23
#define IMCR_REGISTER 0x70
#define IMCR_APIC 0x01

#define FIRST_VECTOR 32 /* 0-31 are CPU exceptions */

struct ioapic {
    volatile uint32_t *regs;
    uint8_t id;
    uint32_t gsi_base;
    uint32_t pins;
};

/* Set by ioapic_init, then read-only; the registers behind them are under ioapic_lock. */
static struct ioapic ioapics[SMP_MAX_IOAPICS];
static int nioapics;
static struct smp_isa_irq isa_irqs[SMP_ISA_IRQS];
static bool initialized;

static struct spinlock ioapic_lock = SPINLOCK_INIT("ioapic");

/* Must hold ioapic_lock. */
static uint32_t reg_read(volatile uint32_t *regs, uint32_t reg)
{
    regs[IOREGSEL / 4] = reg;
    return regs[IOWIN / 4];
}

static void reg_write(volatile uint32_t *regs, uint32_t reg, uint32_t v)
{
    regs[IOREGSEL / 4] = reg;
    regs[IOWIN / 4] = v;
}

static void unmap(volatile uint32_t *regs)
{
    vmap_free(PAGE_ALIGN_DOWN((uintptr_t)regs), 1);
}

/* Pins behind the version register, or -ENODEV when nothing answers there. */
static int read_pins(volatile uint32_t *regs)
{
    uint32_t version;

    spin_lock(&ioapic_lock);
    version = reg_read(regs, REG_VERSION);
    spin_unlock(&ioapic_lock);
    return version == NO_DEVICE ? -ENODEV : (int)VERSION_MAX_ENTRY(version) + 1;
}

int ioapic_pin_count(uint32_t phys)
{
    volatile uint32_t *regs = ioremap(phys, WINDOW_SIZE);
    int pins;

    if (!regs)
        return -ENOMEM;
    pins = read_pins(regs);
    unmap(regs);
    return pins;
}

int ioapic_init(const struct smp_config *cfg)
{
    if (initialized)
        return -EBUSY;
    for (int i = 0; i < cfg->nioapics && i < SMP_MAX_IOAPICS; i++) {
        const struct smp_ioapic *c = &cfg->ioapics[i];
        struct ioapic *a = &ioapics[nioapics];
        int pins;

        a->regs = ioremap(c->phys, WINDOW_SIZE);
        if (!a->regs)
            goto bad;
        pins = read_pins(a->regs);
        if (pins < 0) {
            kprintf("ioapic: nothing answers at %#lx; I/O APIC ID %u ignored\n",
                    (unsigned long)c->phys, c->id);
            unmap(a->regs);
            continue;
        }
        a->id = c->id;
        a->gsi_base = c->gsi_base;
        a->pins = (uint32_t)pins;
        spin_lock(&ioapic_lock);
        for (uint32_t pin = 0; pin < a->pins; pin++) {
            reg_write(a->regs, REG_REDTBL(pin), RTE_MASKED);
            reg_write(a->regs, REG_REDTBL(pin) + 1, 0);
        }
        spin_unlock(&ioapic_lock);
        kprintf("ioapic: ID %u at %#lx: %lu pins, GSI %lu-%lu\n", a->id, (unsigned long)c->phys,
                (unsigned long)a->pins, (unsigned long)a->gsi_base,
                (unsigned long)(a->gsi_base + a->pins - 1));
        nioapics++;
    }
    if (!nioapics)
        return -ENODEV;
    for (int irq = 0; irq < SMP_ISA_IRQS; irq++)
        isa_irqs[irq] = cfg->isa_irqs[irq];
    if (cfg->imcr) {
        /* The 8259 was wired straight to the CPU: connect the APICs instead. */
        outb(IMCR_SELECT_PORT, IMCR_REGISTER);
        outb(IMCR_DATA_PORT, IMCR_APIC);
    }
    initialized = true;
    return 0;

bad:
    while (nioapics > 0)
        unmap(ioapics[--nioapics].regs);
    return -ENOMEM;
}

/* The I/O APIC that has gsi, with the pin in *pin; NULL if none. */
static struct ioapic *find(uint32_t gsi, uint32_t *pin)
{
    for (int i = 0; i < nioapics; i++) {
        if (gsi >= ioapics[i].gsi_base && gsi - ioapics[i].gsi_base < ioapics[i].pins) {
            *pin = gsi - ioapics[i].gsi_base;
            return &ioapics[i];
        }
    }
    return NULL;
}

int ioapic_route_gsi(uint32_t gsi, int vector, uint32_t dest_apic_id, uint8_t flags)
{
    uint32_t pin, low;
    struct ioapic *a = find(gsi, &pin);

    if (!a)
        return -ENODEV;
    if (vector < FIRST_VECTOR || vector > 0xfe || dest_apic_id > 0xff)
        return -EINVAL;
    low = (uint32_t)vector | RTE_DELIVERY_FIXED | RTE_DEST_PHYSICAL | RTE_MASKED |
          ((flags & SMP_IRQ_ACTIVE_LOW) ? RTE_ACTIVE_LOW : 0) |
          ((flags & SMP_IRQ_LEVEL) ? RTE_LEVEL : 0);
    spin_lock(&ioapic_lock);
    reg_write(a->regs, REG_REDTBL(pin), RTE_MASKED); /* masked before the halves change */
    reg_write(a->regs, REG_REDTBL(pin) + 1, dest_apic_id << RTE_DEST_SHIFT);
    reg_write(a->regs, REG_REDTBL(pin), low);
    spin_unlock(&ioapic_lock);
    return 0;
}

int ioapic_set_masked(uint32_t gsi, bool masked)
{
    uint32_t pin, low;
    struct ioapic *a = find(gsi, &pin);

    if (!a)
        return -ENODEV;
    spin_lock(&ioapic_lock);
    low = reg_read(a->regs, REG_REDTBL(pin));
    low = masked ? low | RTE_MASKED : low & ~RTE_MASKED;
    reg_write(a->regs, REG_REDTBL(pin), low);
    spin_unlock(&ioapic_lock);
    return 0;
}

int ioapic_read_route(uint32_t gsi, struct ioapic_route *out)
{
    uint32_t pin, low, high;
    struct ioapic *a = find(gsi, &pin);

    if (!a)
        return -ENODEV;
    spin_lock(&ioapic_lock);
    low = reg_read(a->regs, REG_REDTBL(pin));
    high = reg_read(a->regs, REG_REDTBL(pin) + 1);
    spin_unlock(&ioapic_lock);
    out->vector = (uint8_t)(low & RTE_VECTOR_MASK);
    out->dest = (uint8_t)(high >> RTE_DEST_SHIFT);
    out->masked = (low & RTE_MASKED) != 0;
    out->level = (low & RTE_LEVEL) != 0;
    out->active_low = (low & RTE_ACTIVE_LOW) != 0;
    return 0;
}

int ioapic_isa_gsi(int irq)
{
    if (irq < 0 || irq >= SMP_ISA_IRQS || !initialized || isa_irqs[irq].gsi == SMP_GSI_NONE)
        return -ENODEV;
    return (int)isa_irqs[irq].gsi;
}

int ioapic_route_isa_irq(int irq, int vector, uint32_t dest_apic_id)
{
    int gsi;

    if (irq < 0 || irq >= SMP_ISA_IRQS)
        return -EINVAL;
    gsi = ioapic_isa_gsi(irq);
    if (gsi < 0)
        return gsi;
    return ioapic_route_gsi((uint32_t)gsi, vector, dest_apic_id, isa_irqs[irq].flags);
}

void ioapic_mask_isa_irq(int irq)
{
    int gsi = ioapic_isa_gsi(irq);

    if (gsi >= 0)
        ioapic_set_masked((uint32_t)gsi, true);
}

void ioapic_unmask_isa_irq(int irq)
{
    int gsi = ioapic_isa_gsi(irq);

    if (gsi >= 0)
        ioapic_set_masked((uint32_t)gsi, false);
}
