/*
 * paging.c - page directories, page tables and the vmap area (paging.h).
 *
 * The kernel page directory is the boot one (entry.S), edited: the identity
 * mapping of low memory goes, the direct map shrinks to the RAM the allocator
 * manages (4 MiB pages), and the page tables of the vmap area are allocated
 * once here, so every address space that copies the kernel's directory
 * entries shares them. vmap space is handed out from a bitmap of its pages.
 *
 * A user address space's directory starts as a copy of the kernel half and an
 * empty user half; its user page tables come and go with the mappings
 * (paging_create_pgdir and the helpers after it, for mm/vm.c).
 *
 * vmap_lock guards vmap_bitmap; page-table edits of the kernel half happen in
 * tables no one else frees, and each one is a single aligned 32-bit store.
 * The user half of a directory is guarded by its address space's lock.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/smp.h>
#include <arch/i386/spinlock.h>
#include <lib/panic.h>
#include <mm/pmm.h>
#include <string.h>
#include <uapi/errno.h>

#define PDX(va) ((uintptr_t)(va) >> 22)
#define PTX(va) (((uintptr_t)(va) >> 12) & 0x3ff)
#define ENTRIES 1024
#define VMAP_PAGES (VMAP_SIZE / PAGE_SIZE)

extern pde_t boot_pgdir[ENTRIES];

static struct spinlock vmap_lock = SPINLOCK_INIT_RANKED("vmap", RANK_VMAP);
static uint32_t vmap_bitmap[VMAP_PAGES / 32];

pde_t *paging_kernel_pgdir(void)
{
    return boot_pgdir;
}

void paging_init(uintptr_t lowmem_end)
{
    uint32_t direct_pdes = (uint32_t)((lowmem_end + LARGE_PAGE_SIZE - 1) / LARGE_PAGE_SIZE);

    for (uint32_t i = 0; i < PDX(KERNEL_BASE); i++)
        boot_pgdir[i] = 0;
    for (uint32_t i = direct_pdes; i < DIRECT_MAP_SIZE / LARGE_PAGE_SIZE; i++)
        boot_pgdir[PDX(KERNEL_BASE) + i] = 0;
    for (uintptr_t va = VMAP_BASE; va < VMAP_BASE + VMAP_SIZE; va += LARGE_PAGE_SIZE) {
        uintptr_t pt = pmm_alloc_page();
        if (!pt)
            panic("paging: no memory for the vmap page tables");
        memset(P2V(pt), 0, PAGE_SIZE);
        boot_pgdir[PDX(va)] = pt | PTE_PRESENT | PTE_WRITE;
    }
    write_cr3(V2P(boot_pgdir)); /* flush every stale translation */
}

/* The page-table entry for va, allocating the table when create is set. */
static pte_t *walk(pde_t *pgdir, uintptr_t va, int create)
{
    pde_t *pde = &pgdir[PDX(va)];
    uintptr_t pt;

    if (*pde & PTE_PRESENT) {
        if (*pde & PTE_LARGE)
            return NULL;
        return (pte_t *)P2V(*pde & PTE_ADDR_MASK) + PTX(va);
    }
    if (!create || va >= KERNEL_BASE) /* kernel tables exist from boot on */
        return NULL;
    pt = pmm_alloc_page();
    if (!pt)
        return NULL;
    memset(P2V(pt), 0, PAGE_SIZE);
    *pde = pt | PTE_PRESENT | PTE_WRITE | PTE_USER;
    return (pte_t *)P2V(pt) + PTX(va);
}

int paging_map(pde_t *pgdir, uintptr_t va, uintptr_t pa, uint32_t flags)
{
    pte_t *pte = walk(pgdir, va, 1);

    if (!pte)
        return -ENOMEM;
    *pte = (pa & PTE_ADDR_MASK) | (flags & 0xfff) | PTE_PRESENT;
    invlpg(va);
    return 0;
}

void paging_unmap(pde_t *pgdir, uintptr_t va)
{
    pte_t *pte = walk(pgdir, va, 0);

    if (pte && (*pte & PTE_PRESENT)) {
        *pte = 0;
        invlpg(va);
    }
}

int paging_translate(pde_t *pgdir, uintptr_t va, uintptr_t *pa)
{
    pde_t pde = pgdir[PDX(va)];
    pte_t *pte;

    if (!(pde & PTE_PRESENT))
        return -EFAULT;
    if (pde & PTE_LARGE) {
        *pa = (pde & 0xffc00000u) | (va & (LARGE_PAGE_SIZE - 1));
        return 0;
    }
    pte = (pte_t *)P2V(pde & PTE_ADDR_MASK) + PTX(va);
    if (!(*pte & PTE_PRESENT))
        return -EFAULT;
    *pa = (*pte & PTE_ADDR_MASK) | (va & (PAGE_SIZE - 1));
    return 0;
}

pde_t *paging_create_pgdir(void)
{
    uintptr_t pa = pmm_alloc_page();
    pde_t *pgdir;

    if (!pa)
        return NULL;
    pgdir = P2V(pa);
    memset(pgdir, 0, PDX(KERNEL_BASE) * sizeof(pde_t));
    memcpy(&pgdir[PDX(KERNEL_BASE)], &boot_pgdir[PDX(KERNEL_BASE)],
           (ENTRIES - PDX(KERNEL_BASE)) * sizeof(pde_t));
    return pgdir;
}

void paging_destroy_pgdir(pde_t *pgdir)
{
    if (pgdir == boot_pgdir)
        panic("paging: destroying the kernel page directory");
    for (uint32_t i = 0; i < PDX(KERNEL_BASE); i++)
        if (pgdir[i] & PTE_PRESENT)
            pmm_free_page(pgdir[i] & PTE_ADDR_MASK);
    pmm_free_page(V2P(pgdir));
}

pte_t *paging_pte(pde_t *pgdir, uintptr_t va, int create)
{
    if (va >= KERNEL_BASE)
        return NULL;
    return walk(pgdir, va, create);
}

int paging_free_table_if_empty(pde_t *pgdir, uintptr_t va)
{
    pde_t *pde = &pgdir[PDX(va)];
    const pte_t *pt;

    if (va >= KERNEL_BASE || !(*pde & PTE_PRESENT))
        return 0;
    pt = P2V(*pde & PTE_ADDR_MASK);
    for (uint32_t i = 0; i < ENTRIES; i++)
        if (pt[i])
            return 0;
    *pde = 0;
    pmm_free_page(V2P(pt));
    return 1;
}

static int vmap_used(uint32_t i)
{
    return vmap_bitmap[i / 32] & (1u << (i % 32));
}

static void vmap_set(uint32_t i, int used)
{
    if (used)
        vmap_bitmap[i / 32] |= 1u << (i % 32);
    else
        vmap_bitmap[i / 32] &= ~(1u << (i % 32));
}

uintptr_t vmap_alloc(uint32_t npages)
{
    uint32_t run = 0;

    if (npages == 0 || npages > VMAP_PAGES)
        return 0;
    spin_lock(&vmap_lock);
    /* First fit; page 0 stays unused as a guard below the first mapping. */
    for (uint32_t i = 1; i < VMAP_PAGES; i++) {
        run = vmap_used(i) ? 0 : run + 1;
        if (run == npages + 1) { /* one more page, left unmapped: a guard after it */
            uint32_t first = i - npages;
            for (uint32_t k = first; k <= first + npages; k++)
                vmap_set(k, 1);
            spin_unlock(&vmap_lock);
            return VMAP_BASE + first * PAGE_SIZE;
        }
    }
    spin_unlock(&vmap_lock);
    return 0;
}

void vmap_free(uintptr_t va, uint32_t npages)
{
    uint32_t first = (uint32_t)((va - VMAP_BASE) / PAGE_SIZE);

    for (uint32_t k = 0; k < npages; k++) {
        paging_unmap(boot_pgdir, va + k * PAGE_SIZE);
        smp_tlb_shootdown(~0u, va + k * PAGE_SIZE); /* every other CPU may have it cached */
    }
    spin_lock(&vmap_lock);
    for (uint32_t k = first; k <= first + npages; k++) /* with its guard page */
        vmap_set(k, 0);
    spin_unlock(&vmap_lock);
}

void *ioremap(uintptr_t pa, uint32_t size)
{
    uintptr_t base = PAGE_ALIGN_DOWN(pa);
    uint32_t npages = (uint32_t)((PAGE_ALIGN_UP(pa + size) - base) / PAGE_SIZE);
    uintptr_t va = vmap_alloc(npages);

    if (!va)
        return NULL;
    for (uint32_t k = 0; k < npages; k++)
        paging_map(boot_pgdir, va + k * PAGE_SIZE, base + k * PAGE_SIZE,
                   PTE_WRITE | PTE_NO_CACHE | PTE_WRITE_THROUGH);
    return (void *)(va + (pa - base));
}
