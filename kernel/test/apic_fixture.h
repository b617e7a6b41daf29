/*
 * apic_fixture.h - set-up shared by the APIC ktests (test_lapic.c,
 * test_ioapic.c). Done once, by the first test that asks: discovery (the
 * summary is printed then), and the APICs ready for the tests.
 *
 * The kernel may already run on the APICs (smp_init switched with two or
 * more CPUs), or still on the 8259 (one CPU, or smp=1). In the second case
 * the fixture enables the boot CPU's local APIC itself, keeping the 8259's
 * interrupts coming through LINT0, calibrates the timer and maps the I/O
 * APICs, all masked. Tests that would disturb a live set-up (the scheduler's
 * APIC timer, the IRQs routed through the I/O APIC) look at
 * apic_fixture_kernel_on_apic() and check the live state instead.
 */
#ifndef TEST_APIC_FIXTURE_H
#define TEST_APIC_FIXTURE_H

#include <arch/i386/acpi.h>
#include <arch/i386/trap.h>
#include <stdbool.h>
#include <stdint.h>

#define APIC_TEST_VECTOR VECTOR_IPI_TEST

/* The discovered configuration with the APICs ready, or NULL (with *why) when that failed. */
const struct smp_config *apic_fixture(const char **why);
/* True when the kernel routes its IRQs through the I/O APIC (after apic_fixture). */
bool apic_fixture_kernel_on_apic(void);

/* Interrupts taken on APIC_TEST_VECTOR since the claim. */
extern volatile uint32_t apic_test_hits;
/* Install the counting handler; hook (may be NULL) runs first in each interrupt. */
void apic_test_vector_claim(void (*hook)(void));
void apic_test_vector_release(void);
/* Halt with interrupts on until apic_test_hits reaches want or ms milliseconds pass. */
bool apic_test_wait_hits(uint32_t want, uint32_t ms);

#endif
