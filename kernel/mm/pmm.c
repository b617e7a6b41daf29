/*
 * pmm.c - the buddy page allocator (see pmm.h and docs/memory.md).
 *
 * One struct page per physical page frame below lowmem_end. A free block is
 * represented by its first page: PAGE_FREE set, order = the block's order,
 * linked into free_lists[order]. An allocated block's first page has
 * PAGE_ALLOCATED and its order, so a free with the wrong order or of a block
 * that is not allocated is caught. Freeing merges a block with its buddy
 * (the block whose frame number differs only in bit `order`) as long as the
 * buddy is free and of the same order.
 *
 * An allocated block also has a reference count (in its first page, sharing
 * the space of the free-list links): 1 from allocation on. User address
 * spaces share pages copy-on-write and count their users with pmm_page_ref
 * and pmm_page_unref; the last unref frees the block. pmm_free_pages of a
 * block that someone else still references panics.
 *
 * The page array itself sits right after the kernel image and symbols.
 * pmm_lock guards pages[], free_lists[], the reference counts and the counters.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/spinlock.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <mm/pmm.h>
#include <string.h>

#define PAGE_FREE 0x1
#define PAGE_ALLOCATED 0x2
#define PAGE_RESERVED 0x4 /* not RAM, the kernel, or below 1 MiB: never handed out */
#define LOW_RESERVED_END 0x100000u

struct page {
    uint16_t flags;
    uint16_t order;
    union {
        struct {
            struct page *next, *prev; /* free-list links, valid while PAGE_FREE */
        };
        uint32_t refcount; /* users of the block, valid while PAGE_ALLOCATED */
    };
};

static struct spinlock pmm_lock = SPINLOCK_INIT_RANKED("pmm", RANK_PMM);
static struct page *pages;
static uint32_t npages;
static uintptr_t lowmem_end;
static struct page free_lists[PMM_MAX_ORDER + 1]; /* list heads (sentinels) */
static struct pmm_stats stats;

static uint32_t pfn_of(struct page *p)
{
    return (uint32_t)(p - pages);
}

static void list_insert(struct page *head, struct page *p)
{
    p->next = head->next;
    p->prev = head;
    head->next->prev = p;
    head->next = p;
}

static void list_remove(struct page *p)
{
    p->prev->next = p->next;
    p->next->prev = p->prev;
    p->next = p->prev = NULL;
}

/* Insert the block at pfn of the given order, merging with free buddies. Lock held. */
static void free_block(uint32_t pfn, unsigned order)
{
    while (order < PMM_MAX_ORDER) {
        uint32_t buddy = pfn ^ (1u << order);
        struct page *b = &pages[buddy];
        if (buddy + (1u << order) > npages || !(b->flags & PAGE_FREE) || b->order != order)
            break;
        list_remove(b);
        b->flags = 0;
        stats.free_blocks[order]--;
        pfn &= ~(1u << order);
        order++;
    }
    pages[pfn].flags = PAGE_FREE;
    pages[pfn].order = (uint16_t)order;
    list_insert(&free_lists[order], &pages[pfn]);
    stats.free_blocks[order]++;
}

uintptr_t pmm_alloc_pages(unsigned order)
{
    unsigned k;
    uint32_t pfn;

    if (order > PMM_MAX_ORDER)
        return 0;
    spin_lock(&pmm_lock);
    for (k = order; k <= PMM_MAX_ORDER && free_lists[k].next == &free_lists[k]; k++)
        ;
    if (k > PMM_MAX_ORDER) {
        spin_unlock(&pmm_lock);
        return 0;
    }
    pfn = pfn_of(free_lists[k].next);
    list_remove(&pages[pfn]);
    stats.free_blocks[k]--;
    while (k > order) { /* split: the upper half goes back on the list below */
        k--;
        pages[pfn + (1u << k)].flags = PAGE_FREE;
        pages[pfn + (1u << k)].order = (uint16_t)k;
        list_insert(&free_lists[k], &pages[pfn + (1u << k)]);
        stats.free_blocks[k]++;
    }
    pages[pfn].flags = PAGE_ALLOCATED;
    pages[pfn].order = (uint16_t)order;
    pages[pfn].refcount = 1;
    stats.free_pages -= 1u << order;
    spin_unlock(&pmm_lock);
    return (uintptr_t)pfn << PAGE_SHIFT;
}

uintptr_t pmm_alloc_page(void)
{
    return pmm_alloc_pages(0);
}

void pmm_free_pages(uintptr_t pa, unsigned order)
{
    uint32_t pfn = (uint32_t)(pa >> PAGE_SHIFT);

    if ((pa & (PAGE_SIZE - 1)) || pfn >= npages || order > PMM_MAX_ORDER ||
        (pfn & ((1u << order) - 1)))
        panic("pmm: free of a bad block 0x%lx order %u", (unsigned long)pa, order);
    spin_lock(&pmm_lock);
    if (!(pages[pfn].flags & PAGE_ALLOCATED) || pages[pfn].order != order) {
        uint16_t flags = pages[pfn].flags, got = pages[pfn].order;
        spin_unlock(&pmm_lock);
        panic("pmm: free of 0x%lx order %u, but it is %s (order %u)", (unsigned long)pa, order,
              flags & PAGE_FREE ? "already free" : flags & PAGE_ALLOCATED ? "allocated"
                                                                          : "not allocated",
              got);
    }
    if (pages[pfn].refcount != 1) {
        uint32_t refs = pages[pfn].refcount;
        spin_unlock(&pmm_lock);
        panic("pmm: free of 0x%lx, which still has %lu references", (unsigned long)pa,
              (unsigned long)refs);
    }
    free_block(pfn, order);
    stats.free_pages += 1u << order;
    spin_unlock(&pmm_lock);
}

void pmm_free_page(uintptr_t pa)
{
    pmm_free_pages(pa, 0);
}

/* The allocated block whose first page is at pa; lock held, panics otherwise. */
static uint32_t allocated_pfn(uintptr_t pa, const char *what)
{
    uint32_t pfn = (uint32_t)(pa >> PAGE_SHIFT);

    if ((pa & (PAGE_SIZE - 1)) || pfn >= npages || !(pages[pfn].flags & PAGE_ALLOCATED)) {
        spin_unlock(&pmm_lock);
        panic("pmm: %s of 0x%lx, which is not an allocated block", what, (unsigned long)pa);
    }
    return pfn;
}

void pmm_page_ref(uintptr_t pa)
{
    uint32_t pfn;

    spin_lock(&pmm_lock);
    pfn = allocated_pfn(pa, "reference");
    pages[pfn].refcount++;
    spin_unlock(&pmm_lock);
}

void pmm_page_unref(uintptr_t pa)
{
    uint32_t pfn;
    unsigned order;

    spin_lock(&pmm_lock);
    pfn = allocated_pfn(pa, "unreference");
    if (pages[pfn].refcount == 0) { /* cannot happen: the last unref frees */
        spin_unlock(&pmm_lock);
        panic("pmm: unreference of 0x%lx with no references", (unsigned long)pa);
    }
    if (--pages[pfn].refcount == 0) {
        order = pages[pfn].order;
        free_block(pfn, order);
        stats.free_pages += 1u << order;
    }
    spin_unlock(&pmm_lock);
}

uint32_t pmm_page_refcount(uintptr_t pa)
{
    uint32_t pfn = (uint32_t)(pa >> PAGE_SHIFT), n = 0;

    spin_lock(&pmm_lock);
    if (!(pa & (PAGE_SIZE - 1)) && pfn < npages && (pages[pfn].flags & PAGE_ALLOCATED))
        n = pages[pfn].refcount;
    spin_unlock(&pmm_lock);
    return n;
}

void pmm_get_stats(struct pmm_stats *st)
{
    spin_lock(&pmm_lock);
    *st = stats;
    spin_unlock(&pmm_lock);
}

uintptr_t pmm_lowmem_end(void)
{
    return lowmem_end;
}

/* Add the usable pages of [start, end) that lie outside [skip_start, skip_end). */
static void add_range(uint64_t start, uint64_t end, uintptr_t skip_start, uintptr_t skip_end)
{
    start = PAGE_ALIGN_UP(start < LOW_RESERVED_END ? LOW_RESERVED_END : start);
    if (end > lowmem_end)
        end = lowmem_end;
    end &= ~(uint64_t)(PAGE_SIZE - 1);
    for (uint64_t pa = start; pa < end; pa += PAGE_SIZE) {
        if (pa >= skip_start && pa < skip_end)
            continue;
        uint32_t pfn = (uint32_t)(pa >> PAGE_SHIFT);
        if (!(pages[pfn].flags & PAGE_RESERVED))
            continue; /* E820 ranges may overlap: count each page once */
        pages[pfn].flags = 0;
        free_block(pfn, 0);
        stats.free_pages++;
        stats.managed_pages++;
    }
}

void pmm_init(const struct bootinfo *bi)
{
    uint64_t top = 0, high = 0;
    uintptr_t array_start, array_end;

    for (uint32_t i = 0; i < bi->mmap_count; i++) {
        const struct bootinfo_mmap_entry *e = &bi->mmap[i];
        if (e->type != E820_USABLE)
            continue;
        stats.e820_usable_bytes += e->length;
        if (e->base + e->length > top)
            top = e->base + e->length;
    }
    lowmem_end = (uintptr_t)(top < DIRECT_MAP_SIZE ? top : DIRECT_MAP_SIZE) & ~(PAGE_SIZE - 1);
    npages = (uint32_t)(lowmem_end >> PAGE_SHIFT);

    /* The page array goes right after the kernel image (stage 2 checked it fits). */
    array_start = PAGE_ALIGN_UP(bi->kernel_phys_end);
    array_end = PAGE_ALIGN_UP(array_start + npages * sizeof(struct page));
    if (array_end > lowmem_end)
        panic("pmm: too little memory for the page array");
    pages = P2V(array_start);
    for (uint32_t i = 0; i < npages; i++)
        pages[i] = (struct page){.flags = PAGE_RESERVED};
    for (int k = 0; k <= PMM_MAX_ORDER; k++)
        free_lists[k].next = free_lists[k].prev = &free_lists[k];

    for (uint32_t i = 0; i < bi->mmap_count; i++) {
        const struct bootinfo_mmap_entry *e = &bi->mmap[i];
        if (e->type == E820_USABLE)
            add_range(e->base, e->base + e->length, bi->kernel_phys_start, array_end);
    }
    for (uint32_t i = 0; i < bi->mmap_count; i++) {
        const struct bootinfo_mmap_entry *e = &bi->mmap[i];
        if (e->type == E820_USABLE && e->base + e->length > lowmem_end)
            high += e->base + e->length - (e->base > lowmem_end ? e->base : lowmem_end);
    }
    if (high)
        kprintf("mem: %llu KiB above %lu MiB is not mapped by the kernel and is left unused\n",
                (unsigned long long)(high >> 10), (unsigned long)(lowmem_end >> 20));
}
