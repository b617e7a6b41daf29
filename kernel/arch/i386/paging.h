/*
 * paging.h - i386 two-level page tables (no PAE): page directories, 4 KiB
 * mappings, and the kernel's vmap area for device registers and other
 * mappings outside the direct map. See docs/memory.md.
 */
#ifndef ARCH_I386_PAGING_H
#define ARCH_I386_PAGING_H

#include <stdint.h>

/* Page-table entry bits (Intel SDM vol. 3, 4.3). */
#define PTE_PRESENT 0x001
#define PTE_WRITE 0x002
#define PTE_USER 0x004
#define PTE_WRITE_THROUGH 0x008
#define PTE_NO_CACHE 0x010
#define PTE_LARGE 0x080 /* in a directory entry: a 4 MiB page */
#define PTE_ADDR_MASK 0xfffff000u

typedef uint32_t pde_t;
typedef uint32_t pte_t;

/* Trim the boot mappings to the RAM that exists and create the vmap page tables. */
void paging_init(uintptr_t lowmem_end);
/* The kernel's page directory (virtual address). */
pde_t *paging_kernel_pgdir(void);

/* Map the 4 KiB page at va to pa in pgdir. 0, or -ENOMEM when a page table cannot be had. */
int paging_map(pde_t *pgdir, uintptr_t va, uintptr_t pa, uint32_t flags);
/* Remove the mapping of va (if any) and flush it from the TLB. */
void paging_unmap(pde_t *pgdir, uintptr_t va);
/* The physical address va maps to: 0 with *pa set, or -EFAULT when unmapped. */
int paging_translate(pde_t *pgdir, uintptr_t va, uintptr_t *pa);

/*
 * User address spaces (mm/vm.c builds on these). A new directory has the
 * kernel half of the kernel's directory and an empty user half; user page
 * tables are allocated on demand and freed here, the pages they map are the
 * caller's to free.
 */
pde_t *paging_create_pgdir(void); /* NULL on ENOMEM */
/* Free every user page table of pgdir, then pgdir itself (not the pages mapped). */
void paging_destroy_pgdir(pde_t *pgdir);
/*
 * The page-table entry of user address va. With create a missing table is
 * allocated (NULL on ENOMEM); without it, NULL when there is no table.
 */
pte_t *paging_pte(pde_t *pgdir, uintptr_t va, int create);
/*
 * Free the page table covering user address va if none of its entries is in
 * use: 1 when it was freed (the caller flushes the TLB), 0 otherwise.
 */
int paging_free_table_if_empty(pde_t *pgdir, uintptr_t va);

/* Reserve npages of kernel virtual space in the vmap area; 0 when full. */
uintptr_t vmap_alloc(uint32_t npages);
void vmap_free(uintptr_t va, uint32_t npages);
/* Map physical [pa, pa + size) uncached into the vmap area; NULL on failure. */
void *ioremap(uintptr_t pa, uint32_t size);

#endif
