/*
 * lapic.h - each CPU's local APIC in xAPIC (memory-mapped) mode: enabling it,
 * end of interrupt, inter-processor interrupts, the INIT/STARTUP sequence
 * that wakes an application processor, and the APIC timer.
 * Intel SDM vol. 3, chapter 10. See docs/smp.md.
 */
#ifndef ARCH_I386_LAPIC_H
#define ARCH_I386_LAPIC_H

#include <stdbool.h>
#include <stdint.h>

/* The spurious vector the APIC is given; its handler returns without an EOI (SDM 10.9). */
#define LAPIC_SPURIOUS_VECTOR 0xff

/* Register offsets from the APIC base (SDM vol. 3, table 10-1), for lapic_read. */
#define LAPIC_ID 0x020
#define LAPIC_VERSION 0x030
#define LAPIC_TPR 0x080
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0 /* spurious-interrupt vector register */
#define LAPIC_ISR 0x100 /* in-service bits, 8 registers 0x10 apart */
#define LAPIC_IRR 0x200
#define LAPIC_ESR 0x280
#define LAPIC_ICR_LOW 0x300
#define LAPIC_ICR_HIGH 0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_THERMAL 0x330
#define LAPIC_LVT_PERF 0x340
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LAPIC_TIMER_INITIAL 0x380
#define LAPIC_TIMER_CURRENT 0x390
#define LAPIC_TIMER_DIVIDE 0x3e0

#define LAPIC_SVR_ENABLE 0x100 /* APIC software enable */
#define LAPIC_LVT_MASKED 0x10000
#define LAPIC_TIMER_PERIODIC 0x20000 /* LVT timer mode (SDM 10.5.1) */

/*
 * Map the registers at phys (the configuration's lapic_phys; the CPU's
 * IA32_APIC_BASE wins when they differ). Once, on the BSP, before any other
 * lapic_ call but lapic_bsp_id. 0, -EINVAL, or -ENOMEM.
 */
int lapic_init(uint32_t phys);
/*
 * Enable the calling CPU's local APIC: globally (IA32_APIC_BASE) and in
 * software, spurious vector 0xff, task priority 0, every local interrupt
 * masked but LINT1 as NMI on the BSP (LINT0 too: device interrupts come
 * through the I/O APIC), errors and stale in-service bits cleared. Every CPU
 * calls it once, with interrupts off.
 */
void lapic_enable_this_cpu(void);
/*
 * On the BSP: on lets the 8259's interrupts in through LINT0 as ExtINT
 * (virtual-wire mode, MP spec 3.6.2.2), for when no I/O APIC routes IRQs;
 * off masks LINT0 again.
 */
void lapic_set_virtual_wire(bool on);

/* The calling CPU's APIC ID (lapic_init done). */
uint32_t lapic_id(void);
/*
 * The bootstrap processor's APIC ID, from any CPU. The first call must run on
 * the BSP (discovery at boot does), and may come before lapic_init: it reads
 * the ID register where IA32_APIC_BASE says, or CPUID's initial APIC ID when
 * the APIC is globally disabled.
 */
uint32_t lapic_bsp_id(void);
/* True on the bootstrap processor (IA32_APIC_BASE.BSP). */
bool lapic_is_bsp(void);
/* Signal the end of the interrupt being handled (not for the spurious vector). */
void lapic_eoi(void);
/* A register of the calling CPU's APIC, for tests and diagnostics. */
uint32_t lapic_read(uint32_t reg);

/*
 * Inter-processor interrupts: fixed delivery, physical destination, edge.
 * Each waits until the APIC has sent the previous and this one.
 */
void lapic_send_ipi(uint32_t apic_id, int vector);
void lapic_send_ipi_all_but_self(int vector);
void lapic_send_nmi(uint32_t apic_id);
/*
 * Wake the application processor apic_id: INIT assert and deassert, 10 ms,
 * STARTUP, 200 us, STARTUP (SDM vol. 3, 8.4.4.1; MP spec B.4). It starts in
 * real mode at trampoline_phys (page-aligned, below 1 MiB, not 0xA0000-
 * 0xBFFFF) with CS = trampoline_phys >> 4, IP = 0. 0; -EINVAL for a bad
 * address; -ENODEV on a discrete 82489DX APIC (no STARTUP IPI); -EIO when an
 * IPI was not sent. Busy-waits on the TSC clock, so it works with interrupts off.
 */
int lapic_start_ap(uint32_t apic_id, uint32_t trampoline_phys);

/*
 * Measure the timer's count rate (divide by 16) against clock_monotonic_ns
 * over 20 ms, with interrupts off. Once, on the BSP, after lapic_enable_this_cpu;
 * every CPU's timer runs at the same rate.
 */
void lapic_timer_calibrate(void);
/* Counts per second at divide by 16; 0 before calibration or when it failed. */
uint32_t lapic_timer_rate(void);
/* Interrupt the calling CPU hz times a second on vector. 0, or -EINVAL (no rate, bad hz). */
int lapic_timer_start_periodic(int hz, int vector);
/* Stop the calling CPU's timer. */
void lapic_timer_stop(void);

#endif
