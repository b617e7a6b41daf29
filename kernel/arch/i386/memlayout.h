/*
 * memlayout.h - the kernel's virtual address map (docs/memory.md).
 *
 *   0x00000000 - 0xBFFFFFFF   user space (per process)
 *   0xC0000000 - 0xEFFFFFFF   direct map of physical memory 0 - 768 MiB
 *   0xF0000000 - 0xF7FFFFFF   vmap: device registers, temporary and large mappings
 *   0xF8000000 - 0xFFFFFFFF   unused (guard)
 *
 * The kernel half of every page directory is the same: the direct map uses
 * 4 MiB pages, and the vmap page tables exist from boot on, so a kernel mapping
 * made in one address space is seen in all of them.
 */
#ifndef ARCH_I386_MEMLAYOUT_H
#define ARCH_I386_MEMLAYOUT_H

#define KERNEL_BASE 0xC0000000u
#define DIRECT_MAP_SIZE 0x30000000u /* 768 MiB */
#define VMAP_BASE 0xF0000000u
#define VMAP_SIZE 0x08000000u /* 128 MiB */
#define USER_TOP KERNEL_BASE

#define PAGE_SIZE 4096u
#define PAGE_SHIFT 12
#define LARGE_PAGE_SIZE 0x400000u

#ifndef __ASSEMBLY__
#include <stdint.h>

/* Physical address <-> direct-map virtual address (only for memory below 768 MiB). */
#define P2V(pa) ((void *)((uintptr_t)(pa) + KERNEL_BASE))
#define V2P(va) ((uintptr_t)(va) - KERNEL_BASE)

#define PAGE_ALIGN_DOWN(x) ((x) & ~(uintptr_t)(PAGE_SIZE - 1))
#define PAGE_ALIGN_UP(x) (((x) + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1))
#endif

#endif
