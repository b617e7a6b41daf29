/*
 * cpu.h - privileged x86 instructions and the registers the kernel reads.
 */
#ifndef ARCH_I386_CPU_H
#define ARCH_I386_CPU_H

#include <stdint.h>

#define EFLAGS_IF 0x200

static inline uint32_t read_eflags(void)
{
    uint32_t f;
    __asm__ volatile("pushfl; popl %0" : "=r"(f));
    return f;
}

static inline void cli(void)
{
    __asm__ volatile("cli" ::: "memory");
}

static inline void sti(void)
{
    __asm__ volatile("sti" ::: "memory");
}

static inline void hlt(void)
{
    __asm__ volatile("hlt" ::: "memory");
}

/* Enable interrupts and halt in one step, so a wakeup cannot slip in between. */
static inline void sti_hlt(void)
{
    __asm__ volatile("sti; hlt" ::: "memory");
}

static inline uint32_t read_cr0(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr0, %0" : "=r"(v));
    return v;
}

static inline uint32_t read_cr2(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t read_cr3(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr3, %0" : "=r"(v));
    return v;
}

static inline void write_cr3(uint32_t v)
{
    __asm__ volatile("movl %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t read_cr4(void)
{
    uint32_t v;
    __asm__ volatile("movl %%cr4, %0" : "=r"(v));
    return v;
}

static inline void invlpg(uintptr_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

static inline uintptr_t read_ebp(void)
{
    uintptr_t v;
    __asm__ volatile("movl %%ebp, %0" : "=r"(v));
    return v;
}

#endif
