/*
 * pmm.h - the physical page allocator: a buddy allocator over the memory that
 * E820 reports usable and the kernel maps directly (below 768 MiB).
 *
 * Blocks are 2^order pages (order 0..PMM_MAX_ORDER), aligned to their size.
 * Addresses are physical; P2V() gives the kernel's pointer to them.
 */
#ifndef MM_PMM_H
#define MM_PMM_H

#include <boot/bootinfo.h>
#include <stdint.h>

#define PMM_MAX_ORDER 10 /* 4 MiB blocks */

struct pmm_stats {
    uint64_t e820_usable_bytes; /* all usable RAM the firmware reported */
    uint32_t managed_pages;     /* pages the allocator was given */
    uint32_t free_pages;
    uint32_t free_blocks[PMM_MAX_ORDER + 1];
};

/* Take over the usable memory of the E820 map, minus the kernel image. */
void pmm_init(const struct bootinfo *bi);
/* A block of 2^order pages; 0 when none is free. */
uintptr_t pmm_alloc_pages(unsigned order);
uintptr_t pmm_alloc_page(void);
/* Give back a block; order must be the one it was allocated with. */
void pmm_free_pages(uintptr_t pa, unsigned order);
void pmm_free_page(uintptr_t pa);

/*
 * Reference counts of allocated blocks, for pages shared between address
 * spaces (copy-on-write). A block starts with one reference; pmm_page_ref adds
 * one, pmm_page_unref drops one and frees the block with the last. pa is the
 * block's first page; anything else panics. pmm_free_pages requires exactly
 * one reference (the caller's).
 */
void pmm_page_ref(uintptr_t pa);
void pmm_page_unref(uintptr_t pa);
/* The block's references; 0 when pa is not an allocated block. */
uint32_t pmm_page_refcount(uintptr_t pa);
void pmm_get_stats(struct pmm_stats *st);
/* The physical address where the direct map ends (first unmanaged byte). */
uintptr_t pmm_lowmem_end(void);

#endif
