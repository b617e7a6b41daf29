/*
 * trap.h - interrupts and exceptions: the saved register frame and handler
 * registration. Vectors: 0-31 CPU exceptions, 32-47 the 8259's IRQ 0-15,
 * 0x80 system calls (later). See docs/interrupts.md.
 */
#ifndef ARCH_I386_TRAP_H
#define ARCH_I386_TRAP_H

#include <stdint.h>

#define IRQ_BASE 32
#define IRQ_COUNT 16
#define IRQ_TIMER 0
#define IRQ_KEYBOARD 1
#define IRQ_COM1 4

#define T_DIVIDE 0
#define T_NMI 2
#define T_INVALID_OPCODE 6
#define T_GPF 13
#define T_PAGE_FAULT 14
#define T_SYSCALL 0x80

/* The local APIC's vectors (SMP, docs/smp.md). */
#define APIC_VECTOR_FIRST 0xef
#define VECTOR_LAPIC_TIMER 0xef
#define VECTOR_IPI_RESCHEDULE 0xf0
#define VECTOR_IPI_TLB 0xf1
#define VECTOR_IPI_STOP 0xf2
#define VECTOR_IPI_TEST 0xf3
#define VECTOR_SPURIOUS 0xff

/* The registers as trap_entry.S saves them; the field order is its push order reversed. */
struct trap_frame {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp_at_pusha, ebx, edx, ecx, eax;
    uint32_t vector, error;
    uint32_t eip, cs, eflags;
    uint32_t user_esp, user_ss; /* only present when the trap came from user mode */
};

typedef void (*irq_handler_t)(struct trap_frame *tf);

void idt_init(void);
/* Install the handler for IRQ line irq (0-15) and unmask the line. */
void irq_register(int irq, irq_handler_t handler);
/* Install the handler of a local-APIC vector (APIC_VECTOR_FIRST..0xfe); it gets its EOI after. */
void apic_vector_register(int vector, irq_handler_t handler);
/*
 * From now on IRQs come through the I/O APIC: the registered lines are routed
 * there (route(irq) programs and unmasks one), EOIs go to the local APIC, and
 * the 8259s are masked. Called once at boot when the machine has APICs.
 */
void irq_switch_to_apic(void (*route)(int irq), void (*eoi)(void));
/* Number of interrupts taken on vector v since boot, on all CPUs, or on one. */
uint64_t trap_count(int vector);
uint64_t trap_count_cpu(int cpu, int vector);
const char *trap_name(int vector);

#endif
