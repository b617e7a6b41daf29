/*
 * smp.h - starting the other CPUs and talking to them (smp.c, docs/smp.md).
 */
#ifndef ARCH_I386_SMP_H
#define ARCH_I386_SMP_H

#include <stdint.h>

#define SMP_TLB_ALL ((uintptr_t)-1)

/*
 * Find the CPUs and, with two or more, switch to the APICs and start them
 * (after sched_init and fpu_init). `smp=1` on the command line keeps one.
 */
void smp_init(void);
/*
 * Make the CPUs in cpu_mask (bits = cpu ids; this CPU is left out) drop
 * their translation of va (SMP_TLB_ALL: every user translation), and wait
 * until they did. The caller must not hold a spinlock (a CPU spinning on it
 * with interrupts off could not answer).
 */
void smp_tlb_shootdown(uint32_t cpu_mask, uintptr_t va);
/* Panic: stop every other CPU (each prints where it was); returns how many were asked. */
int smp_stop_others(void);

#endif
