/*
 * acpi.h - what the firmware says about the processors and interrupt
 * controllers: the ACPI MADT, or the Intel MultiProcessor table on machines
 * without ACPI. Discovery reads the tables once, at boot, into one struct
 * smp_config; the local APIC and I/O APIC drivers and the AP startup work from
 * that. See docs/smp.md ("Hardware discovery and interrupt controllers").
 */
#ifndef ARCH_I386_ACPI_H
#define ARCH_I386_ACPI_H

#include <stdbool.h>
#include <stdint.h>

#define SMP_MAX_CPUS 32    /* CPUs recorded; more are counted in cpus_dropped */
#define SMP_MAX_IOAPICS 8
#define SMP_ISA_IRQS 16
#define SMP_GSI_NONE 0xffffffffu /* the ISA IRQ is not connected to any I/O APIC */

/* smp_cpu.flags */
#define SMP_CPU_ONLINE_CAPABLE 0x01 /* ACPI: not enabled now, may be brought online later */

/* smp_isa_irq.flags: how the line signals (edge and active high when clear) */
#define SMP_IRQ_ACTIVE_LOW 0x01
#define SMP_IRQ_LEVEL 0x02

struct smp_cpu {
    uint8_t apic_id;
    uint8_t flags;
};

struct smp_ioapic {
    uint8_t id;
    uint32_t phys;     /* register window (IOREGSEL at +0, IOWIN at +0x10) */
    uint32_t gsi_base; /* global system interrupt of its pin 0 */
};

struct smp_isa_irq {
    uint32_t gsi; /* SMP_GSI_NONE when not connected */
    uint8_t flags;
};

struct smp_config {
    const char *source;  /* "ACPI" or "MP table" */
    uint32_t lapic_phys; /* every CPU's local APIC registers (xAPIC MMIO) */
    int ncpus;           /* entries in cpus[]; the bootstrap processor is cpus[0] */
    int cpus_dropped;    /* usable CPUs beyond SMP_MAX_CPUS, not recorded */
    struct smp_cpu cpus[SMP_MAX_CPUS];
    int nioapics;
    struct smp_ioapic ioapics[SMP_MAX_IOAPICS];
    struct smp_isa_irq isa_irqs[SMP_ISA_IRQS]; /* ISA IRQ 0-15 as the I/O APICs see them */
    bool has_8259;       /* dual 8259 PICs present (to be masked when the I/O APIC takes over) */
    bool imcr;           /* MP spec PIC mode: the IMCR must be switched to the APIC */
};

/*
 * Fill *out from the ACPI MADT, else from the MP table. 0 on success; -ENODEV
 * when neither exists or both are unusable (malformed tables are reported on
 * the console and ignored): the kernel then keeps the 8259 and one CPU.
 * Boot only, on the bootstrap processor, after paging_init.
 */
int smp_config_discover(struct smp_config *out);
/* Print the configuration, one line per CPU, I/O APIC and non-identity ISA IRQ. */
void smp_config_print(const struct smp_config *cfg);

#endif
