/*
 * gdt.c - the global descriptor table and the task-state segment of each CPU.
 *
 * Flat segments for kernel and user (base 0, limit 4 GiB; protection comes from
 * paging), and one TSS whose esp0 is the kernel stack the CPU switches to when
 * an interrupt arrives in user mode.
 */
#include <arch/i386/percpu.h>
#include <string.h>

struct cpu cpus[MAX_CPUS];
int ncpus = 1;

/* Descriptor access bytes (Intel SDM vol. 3, 3.4.5). */
#define SEG_PRESENT 0x80
#define SEG_DPL(n) ((n) << 5)
#define SEG_CODE_DATA 0x10
#define SEG_EXEC_READ 0x0a
#define SEG_READ_WRITE 0x02
#define SEG_TSS32_AVAILABLE 0x09
#define FLAGS_4K_32BIT 0xc /* granularity 4 KiB, 32-bit default size */

static uint64_t descriptor(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    return (uint64_t)(limit & 0xffff) | ((uint64_t)(base & 0xffffff) << 16) |
           ((uint64_t)access << 40) | ((uint64_t)((limit >> 16) & 0xf) << 48) |
           ((uint64_t)(flags & 0xf) << 52) | ((uint64_t)(base >> 24) << 56);
}

/* Build cpu's GDT and TSS and load them (GDTR, segment registers, TR). */
void gdt_init(struct cpu *cpu)
{
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) gdtr = {sizeof cpu->gdt - 1, (uint32_t)cpu->gdt};

    cpu->gdt[GDT_NULL] = 0;
    cpu->gdt[GDT_KERNEL_CODE] = descriptor(0, 0xfffff, SEG_PRESENT | SEG_DPL(0) | SEG_CODE_DATA |
                                                           SEG_EXEC_READ, FLAGS_4K_32BIT);
    cpu->gdt[GDT_KERNEL_DATA] = descriptor(0, 0xfffff, SEG_PRESENT | SEG_DPL(0) | SEG_CODE_DATA |
                                                           SEG_READ_WRITE, FLAGS_4K_32BIT);
    cpu->gdt[GDT_USER_CODE] = descriptor(0, 0xfffff, SEG_PRESENT | SEG_DPL(3) | SEG_CODE_DATA |
                                                         SEG_EXEC_READ, FLAGS_4K_32BIT);
    cpu->gdt[GDT_USER_DATA] = descriptor(0, 0xfffff, SEG_PRESENT | SEG_DPL(3) | SEG_CODE_DATA |
                                                         SEG_READ_WRITE, FLAGS_4K_32BIT);
    memset(&cpu->tss, 0, sizeof cpu->tss);
    cpu->tss.ss0 = SEL_KERNEL_DATA;
    cpu->tss.iomap_base = sizeof cpu->tss; /* no I/O permission bitmap */
    cpu->gdt[GDT_TSS] = descriptor((uint32_t)&cpu->tss, sizeof cpu->tss - 1,
                                   SEG_PRESENT | SEG_DPL(0) | SEG_TSS32_AVAILABLE, 0);
    /* A byte-granular data segment over this struct cpu: this_cpu() reads %gs:0. */
    cpu->self = cpu;
    cpu->gdt[GDT_PERCPU] = descriptor((uint32_t)cpu, sizeof *cpu - 1,
                                      SEG_PRESENT | SEG_DPL(0) | SEG_CODE_DATA | SEG_READ_WRITE,
                                      0x4 /* 32-bit, byte granularity */);

    __asm__ volatile("lgdt %0\n\t"
                     "ljmp %1, $1f\n"
                     "1:\n\t"
                     "movw %w2, %%ax\n\t"
                     "movw %%ax, %%ds\n\t"
                     "movw %%ax, %%es\n\t"
                     "movw %%ax, %%fs\n\t"
                     "movw %%ax, %%ss\n\t"
                     "movw %w4, %%ax\n\t"
                     "movw %%ax, %%gs\n\t"
                     "ltr %w3"
                     :
                     : "m"(gdtr), "i"(SEL_KERNEL_CODE), "r"(SEL_KERNEL_DATA), "r"(SEL_TSS),
                       "r"(SEL_PERCPU)
                     : "eax", "memory");
}
