/*
 * ioapic.h - the I/O APICs (Intel 82093AA datasheet). Each takes a range of
 * interrupt lines, the global system interrupts (GSIs) from its gsi_base on,
 * and sends each line's interrupt as a vector to a local APIC, as its
 * redirection entry says. ISA IRQs reach a GSI through the firmware tables
 * (struct smp_config); PCI lines are GSIs directly. See docs/smp.md.
 */
#ifndef ARCH_I386_IOAPIC_H
#define ARCH_I386_IOAPIC_H

#include <arch/i386/acpi.h>
#include <stdbool.h>
#include <stdint.h>

/* PCI INTx# lines are level-triggered and active low (PCI 3.0, 2.2.6). */
#define IOAPIC_PCI_FLAGS (SMP_IRQ_LEVEL | SMP_IRQ_ACTIVE_LOW)

/* A redirection entry as the hardware holds it. */
struct ioapic_route {
    uint8_t vector;
    uint8_t dest; /* physical APIC ID */
    bool masked, level, active_low;
};

/*
 * Map every I/O APIC of cfg, learn its number of pins, mask all of them;
 * keep cfg's ISA IRQ table; switch the IMCR to the APIC when cfg says so.
 * Once, at boot. 0; -ENODEV without a working I/O APIC; -ENOMEM; -EBUSY when
 * called again.
 */
int ioapic_init(const struct smp_config *cfg);
/* The pins of the I/O APIC at phys (mapped for the moment), or -ENODEV. For mptable.c. */
int ioapic_pin_count(uint32_t phys);

/*
 * Program ISA IRQ irq's entry: vector, fixed delivery to the CPU dest_apic_id
 * (physical mode), the line's polarity and trigger from the firmware (ISA:
 * edge, active high unless overridden); masked. 0; -EINVAL (bad irq or vector);
 * -ENODEV when the IRQ reaches no I/O APIC.
 */
int ioapic_route_isa_irq(int irq, int vector, uint32_t dest_apic_id);
void ioapic_mask_isa_irq(int irq);
void ioapic_unmask_isa_irq(int irq);
/* The GSI ISA IRQ irq arrives on, or -ENODEV. */
int ioapic_isa_gsi(int irq);

/* The same by GSI, with SMP_IRQ_* flags (IOAPIC_PCI_FLAGS for PCI lines). */
int ioapic_route_gsi(uint32_t gsi, int vector, uint32_t dest_apic_id, uint8_t flags);
int ioapic_set_masked(uint32_t gsi, bool masked);
/* Read GSI gsi's redirection entry back: 0, or -ENODEV. */
int ioapic_read_route(uint32_t gsi, struct ioapic_route *out);

#endif
