/*
 * percpu.h - the state each CPU keeps for itself: its GDT and TSS, the task
 * and the address space it runs, and counters.
 *
 * Each CPU's GDT has a segment (GDT_PERCPU) whose base is its struct cpu,
 * and the kernel runs with %gs loaded with it (trap_entry.S sets it on every
 * entry from user mode). this_cpu() is then one load, %gs:0. A task can move
 * to another CPU whenever it is preempted (interrupts on), so a pointer from
 * this_cpu() is only stable with interrupts off; this_cpu_read(field) reads
 * one field in a single instruction, which is always consistent.
 */
#ifndef ARCH_I386_PERCPU_H
#define ARCH_I386_PERCPU_H

#include <stddef.h>
#include <stdint.h>

struct vm_space;
struct task;
struct spinlock;

#define MAX_CPUS 2

#define GDT_NULL 0
#define GDT_KERNEL_CODE 1
#define GDT_KERNEL_DATA 2
#define GDT_USER_CODE 3
#define GDT_USER_DATA 4
#define GDT_TSS 5
#define GDT_PERCPU 6
#define GDT_ENTRIES 7

#define SEL_KERNEL_CODE (GDT_KERNEL_CODE << 3)
#define SEL_KERNEL_DATA (GDT_KERNEL_DATA << 3)
#define SEL_USER_CODE ((GDT_USER_CODE << 3) | 3)
#define SEL_USER_DATA ((GDT_USER_DATA << 3) | 3)
#define SEL_TSS (GDT_TSS << 3)
#define SEL_PERCPU (GDT_PERCPU << 3)

/* The 32-bit task-state segment (Intel SDM vol. 3, 7.2.1); only esp0/ss0 are used. */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
} __attribute__((packed));

struct cpu {
    struct cpu *self;    /* %gs:0 */
    int id;              /* 0 .. ncpus - 1; 0 is the bootstrap processor */
    uint32_t apic_id;    /* its local APIC's id */
    struct task *current; /* the task running here (proc/sched.c) */
    struct vm_space *vm; /* the user address space loaded in CR3; NULL: the kernel's (mm/vm.h) */
    int irq_nesting;     /* > 0 while an interrupt handler runs */
    volatile int online; /* set by the CPU itself once it runs the scheduler */
    int nheld;           /* the ranked spinlocks this CPU holds, for the order check */
    struct spinlock *held[8];
    uint64_t gdt[GDT_ENTRIES];
    struct tss tss;
} __attribute__((aligned(64)));

extern struct cpu cpus[MAX_CPUS];
/* How many CPUs run (1 until the others are started). */
extern int ncpus;

/* The CPU this code runs on (stable only with interrupts off, see above). */
static inline struct cpu *this_cpu(void)
{
    struct cpu *c;

    __asm__ volatile("movl %%gs:0, %0" : "=r"(c));
    return c;
}

/* One 32-bit field of this CPU's struct cpu, read in one instruction. */
#define this_cpu_read(field)                                                               \
    ({                                                                                     \
        __typeof__(((struct cpu *)0)->field) v_;                                           \
        _Static_assert(sizeof v_ == 4, "this_cpu_read reads 32-bit fields");               \
        __asm__ volatile("movl %%gs:%c1, %0" : "=r"(v_) : "i"(offsetof(struct cpu, field))); \
        v_;                                                                                \
    })

/* Build cpu's GDT and TSS and load them (GDTR, segment registers with %gs = SEL_PERCPU, TR). */
void gdt_init(struct cpu *cpu);

#endif
