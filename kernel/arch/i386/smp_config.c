/*
 * smp_config.c - discovery of the processors and interrupt controllers
 * (acpi.h): the ACPI MADT first, the MP table when there is no usable MADT;
 * then the bootstrap processor is put first, as the one whose local APIC ID
 * register answers here. Also the helpers both table readers fill the
 * configuration with, and the boot summary.
 *
 * Pure code apart from lapic_bsp_id: the host tests build it with the
 * readers against a fake memory image.
 */
#include <arch/i386/lapic.h>
#include <arch/i386/smp_tables.h>
#include <lib/kprintf.h>
#include <string.h>
#include <uapi/errno.h>

#define APIC_ID_BROADCAST 0xff /* xAPIC: not a CPU's ID */
#define IOAPIC_ALIGN 16        /* IOREGSEL and IOWIN sit 16 bytes apart in one aligned window */

bool fw_checksum_ok(const void *p, uint32_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    for (uint32_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + b[i]);
    return sum == 0;
}

void smp_config_reset(struct smp_config *cfg, const char *source)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->source = source;
    for (int irq = 0; irq < SMP_ISA_IRQS; irq++)
        cfg->isa_irqs[irq].gsi = (uint32_t)irq;
}

void smp_config_add_cpu(struct smp_config *cfg, uint32_t apic_id, uint8_t flags)
{
    if (apic_id >= APIC_ID_BROADCAST) {
        kprintf("smp: %s: processor with APIC ID %lu ignored (not reachable in xAPIC mode)\n",
                cfg->source, (unsigned long)apic_id);
        return;
    }
    for (int i = 0; i < cfg->ncpus; i++) {
        if (cfg->cpus[i].apic_id == apic_id) {
            kprintf("smp: %s: second processor with APIC ID %lu ignored\n", cfg->source,
                    (unsigned long)apic_id);
            return;
        }
    }
    if (cfg->ncpus == SMP_MAX_CPUS) {
        cfg->cpus_dropped++;
        return;
    }
    cfg->cpus[cfg->ncpus].apic_id = (uint8_t)apic_id;
    cfg->cpus[cfg->ncpus].flags = flags;
    cfg->ncpus++;
}

int smp_config_add_ioapic(struct smp_config *cfg, uint32_t id, uint32_t phys, uint32_t gsi_base)
{
    const char *why = NULL;

    if (phys == 0 || phys % IOAPIC_ALIGN)
        why = "bad address";
    for (int i = 0; i < cfg->nioapics && !why; i++)
        if (cfg->ioapics[i].id == id)
            why = "its ID is taken";
    if (!why && cfg->nioapics == SMP_MAX_IOAPICS)
        why = "too many I/O APICs";
    if (why) {
        kprintf("smp: %s: I/O APIC ID %lu at %#lx ignored: %s\n", cfg->source,
                (unsigned long)id, (unsigned long)phys, why);
        return -EINVAL;
    }
    cfg->ioapics[cfg->nioapics].id = (uint8_t)id;
    cfg->ioapics[cfg->nioapics].phys = phys;
    cfg->ioapics[cfg->nioapics].gsi_base = gsi_base;
    cfg->nioapics++;
    return 0;
}

uint8_t smp_isa_irq_flags(uint16_t inti_flags)
{
    /* 01 high / edge, 11 low / level; 00 (the bus's default) and the reserved 10 give ISA's. */
    uint8_t flags = 0;

    if ((inti_flags & 0x3) == 0x3)
        flags |= SMP_IRQ_ACTIVE_LOW;
    if (((inti_flags >> 2) & 0x3) == 0x3)
        flags |= SMP_IRQ_LEVEL;
    return flags;
}

/* Move the CPU with APIC ID bsp to cpus[0], keeping the others in table order. */
static void put_first(struct smp_config *cfg, uint32_t bsp)
{
    struct smp_cpu first = {(uint8_t)bsp, 0};
    int at = 0;

    while (at < cfg->ncpus && cfg->cpus[at].apic_id != bsp)
        at++;
    if (at == cfg->ncpus) {
        kprintf("smp: %s: the boot processor (APIC ID %lu) is not listed; added\n", cfg->source,
                (unsigned long)bsp);
        if (cfg->ncpus == SMP_MAX_CPUS) {
            cfg->cpus_dropped++;
            at--;
        } else {
            cfg->ncpus++;
        }
    } else {
        first = cfg->cpus[at];
        first.flags = 0; /* it runs, whatever the table says */
    }
    memmove(&cfg->cpus[1], &cfg->cpus[0], (size_t)at * sizeof cfg->cpus[0]);
    cfg->cpus[0] = first;
}

int smp_config_discover(struct smp_config *out)
{
    int err = acpi_read_madt(out);

    if (err && err != -ENODEV)
        kprintf("smp: the ACPI MADT is unusable; trying the MP table\n");
    if (err)
        err = mptable_read(out);
    if (err) {
        smp_config_reset(out, "none");
        kprintf("smp: no usable ACPI MADT or MP table: one CPU, 8259 PIC\n");
        return -ENODEV;
    }
    put_first(out, lapic_bsp_id());
    return 0;
}

void smp_config_print(const struct smp_config *cfg)
{
    kprintf("smp: %s: %d CPU%s, %d I/O APIC%s, local APIC at %#lx%s\n", cfg->source,
            cfg->ncpus, cfg->ncpus == 1 ? "" : "s", cfg->nioapics, cfg->nioapics == 1 ? "" : "s",
            (unsigned long)cfg->lapic_phys, cfg->has_8259 ? ", 8259 PICs present" : "");
    for (int i = 0; i < cfg->ncpus; i++) {
        bool later = cfg->cpus[i].flags & SMP_CPU_ONLINE_CAPABLE;
        kprintf("smp: cpu %d: APIC ID %u%s%s\n", i, cfg->cpus[i].apic_id,
                i == 0 ? " (boot processor)" : "", later ? " (online-capable, not enabled)" : "");
    }
    if (cfg->cpus_dropped)
        kprintf("smp: %d more CPUs not used (at most %d)\n", cfg->cpus_dropped, SMP_MAX_CPUS);
    for (int i = 0; i < cfg->nioapics; i++)
        kprintf("smp: I/O APIC ID %u at %#lx, GSI base %lu\n", cfg->ioapics[i].id,
                (unsigned long)cfg->ioapics[i].phys, (unsigned long)cfg->ioapics[i].gsi_base);
    for (int irq = 0; irq < SMP_ISA_IRQS; irq++) {
        const struct smp_isa_irq *q = &cfg->isa_irqs[irq];
        if (q->gsi == SMP_GSI_NONE)
            kprintf("smp: ISA IRQ %d: not connected\n", irq);
        else if (q->gsi != (uint32_t)irq || q->flags)
            kprintf("smp: ISA IRQ %d -> GSI %lu, %s, active %s\n", irq, (unsigned long)q->gsi,
                    (q->flags & SMP_IRQ_LEVEL) ? "level" : "edge",
                    (q->flags & SMP_IRQ_ACTIVE_LOW) ? "low" : "high");
    }
    if (cfg->imcr)
        kprintf("smp: IMCR present (PIC mode at power-on)\n");
}
