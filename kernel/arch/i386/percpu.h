/*
 * percpu.h - the state each CPU keeps for itself: its GDT and TSS, the address
 * space it runs in, and counters.
 * One CPU today; the SMP work gives each processor its own struct cpu.
 */
#ifndef ARCH_I386_PERCPU_H
#define ARCH_I386_PERCPU_H

#include <stdint.h>

struct vm_space;

#define MAX_CPUS 2

#define GDT_NULL 0
#define GDT_KERNEL_CODE 1
#define GDT_KERNEL_DATA 2
#define GDT_USER_CODE 3
#define GDT_USER_DATA 4
#define GDT_TSS 5
#define GDT_ENTRIES 6

#define SEL_KERNEL_CODE (GDT_KERNEL_CODE << 3)
#define SEL_KERNEL_DATA (GDT_KERNEL_DATA << 3)
#define SEL_USER_CODE ((GDT_USER_CODE << 3) | 3)
#define SEL_USER_DATA ((GDT_USER_DATA << 3) | 3)
#define SEL_TSS (GDT_TSS << 3)

/* The 32-bit task-state segment (Intel SDM vol. 3, 7.2.1); only esp0/ss0 are used. */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

struct cpu {
    int id;
    uint64_t gdt[GDT_ENTRIES];
    struct tss tss;
    int irq_nesting; /* > 0 while an interrupt handler runs */
    struct vm_space *vm; /* the user address space loaded in CR3; NULL: the kernel's (mm/vm.h) */
};

extern struct cpu cpus[MAX_CPUS];

/* The CPU this code runs on. */
static inline struct cpu *this_cpu(void)
{
    return &cpus[0];
}

void gdt_init(struct cpu *cpu);

#endif
