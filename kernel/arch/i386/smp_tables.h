/*
 * smp_tables.h - the pieces the firmware-table readers share (acpi.c,
 * mptable.c, smp_config.c). Not for other callers: they use acpi.h.
 *
 * The readers see physical memory only through fwmem_map/fwmem_unmap, so they
 * are plain C that the host tests build against a fake memory image
 * (tests/kernel/arch/i386/test_smp_tables.c).
 */
#ifndef ARCH_I386_SMP_TABLES_H
#define ARCH_I386_SMP_TABLES_H

#include <arch/i386/acpi.h>
#include <stdbool.h>
#include <stdint.h>

/* Largest table the readers map: larger ones are taken as corrupt. */
#define FW_TABLE_MAX (64u * 1024)

/*
 * Map physical [pa, pa + len) for reading; NULL when it cannot be (above
 * 4 GiB, out of virtual space). Every mapping is released with fwmem_unmap
 * with the same length. (fwmem.c in the kernel.)
 */
const void *fwmem_map(uint64_t pa, uint32_t len);
void fwmem_unmap(const void *va, uint32_t len);

/* The tables' checksum rule: the bytes of the structure sum to 0 (mod 256). */
bool fw_checksum_ok(const void *p, uint32_t len);

/* Start from nothing: no CPUs, no I/O APICs, ISA IRQ n on GSI n, edge, active high. */
void smp_config_reset(struct smp_config *cfg, const char *source);
/* Record a CPU; duplicates and the broadcast ID 0xff are reported and skipped. */
void smp_config_add_cpu(struct smp_config *cfg, uint32_t apic_id, uint8_t flags);
/* Record an I/O APIC; -EINVAL (reported) when the table is full or the entry is bad. */
int smp_config_add_ioapic(struct smp_config *cfg, uint32_t id, uint32_t phys, uint32_t gsi_base);

/*
 * Decode MPS INTI flags (ACPI interrupt source overrides and MP I/O interrupt
 * entries share them): polarity in bits 0-1, trigger mode in bits 2-3; 0 is
 * "as the bus says" (ISA: active high, edge). SMP_IRQ_* flags.
 */
uint8_t smp_isa_irq_flags(uint16_t inti_flags);

/* Readers: 0 and *out filled; -ENODEV when absent; -EINVAL when malformed (reported). */
int acpi_read_madt(struct smp_config *out);
int mptable_read(struct smp_config *out);

#endif
