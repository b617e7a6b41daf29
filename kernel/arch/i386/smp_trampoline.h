/*
 * smp_trampoline.h - where the real-mode start code of the other CPUs is
 * copied (ap_trampoline.S, smp.c). A page below 1 MiB that the page
 * allocator never hands out (it keeps everything below 1 MiB) and that
 * nothing else uses once the kernel runs.
 */
#ifndef ARCH_I386_SMP_TRAMPOLINE_H
#define ARCH_I386_SMP_TRAMPOLINE_H

#define TRAMPOLINE_PHYS 0x8000

#endif
