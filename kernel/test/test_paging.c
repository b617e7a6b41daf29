/*
 * test_paging.c - map, translate and unmap in the kernel page directory, the
 * direct map, and the vmap area's allocation.
 */
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <mm/pmm.h>
#include <string.h>
#include <test/ktest.h>
#include <uapi/errno.h>

KTEST(paging_map_translate_unmap)
{
    pde_t *pd = paging_kernel_pgdir();
    uintptr_t pa = pmm_alloc_page(), va = vmap_alloc(1), got;
    volatile uint32_t *p;

    KT_ASSERT(pa && va);
    KT_ASSERT_EQ(paging_translate(pd, va, &got), -EFAULT);
    KT_ASSERT_EQ(paging_map(pd, va, pa, PTE_WRITE), 0);
    KT_ASSERT_EQ(paging_translate(pd, va + 0x123, &got), 0);
    KT_ASSERT_EQ(got, pa + 0x123);

    /* A write through the new mapping shows up in the direct map of the same frame. */
    p = (volatile uint32_t *)va;
    p[10] = 0xfeedface;
    KT_ASSERT_EQ(((volatile uint32_t *)P2V(pa))[10], 0xfeedface);

    paging_unmap(pd, va);
    KT_ASSERT_EQ(paging_translate(pd, va, &got), -EFAULT);
    vmap_free(va, 1);
    pmm_free_page(pa);
}

KTEST(paging_direct_map_translates)
{
    uintptr_t got;
    uintptr_t pa = pmm_alloc_page();

    KT_ASSERT(pa != 0);
    KT_ASSERT_EQ(paging_translate(paging_kernel_pgdir(), (uintptr_t)P2V(pa) + 7, &got), 0);
    KT_ASSERT_EQ(got, pa + 7);
    pmm_free_page(pa);
}

KTEST(paging_low_memory_is_not_mapped)
{
    uintptr_t got;

    /* The boot identity mapping is gone: user addresses are unmapped in the kernel. */
    KT_ASSERT_EQ(paging_translate(paging_kernel_pgdir(), 0x1000, &got), -EFAULT);
    KT_ASSERT_EQ(paging_translate(paging_kernel_pgdir(), 0x100000, &got), -EFAULT);
    /* And nothing past the RAM the allocator manages is in the direct map. */
    KT_ASSERT_EQ(paging_translate(paging_kernel_pgdir(),
                                  KERNEL_BASE + DIRECT_MAP_SIZE - PAGE_SIZE, &got),
                 pmm_lowmem_end() > DIRECT_MAP_SIZE - 0x400000 ? 0 : -EFAULT);
}

KTEST(vmap_allocations_do_not_overlap)
{
    uintptr_t a = vmap_alloc(3), b = vmap_alloc(5), c;

    KT_ASSERT(a && b);
    KT_ASSERT(b >= a + 4 * PAGE_SIZE || a >= b + 6 * PAGE_SIZE); /* guard page between */
    vmap_free(a, 3);
    c = vmap_alloc(3);
    KT_ASSERT_EQ(c, a); /* first fit reuses the freed range */
    vmap_free(b, 5);
    vmap_free(c, 3);
}

KTEST(ioremap_maps_device_memory)
{
    /* The VGA text buffer, seen through an uncached vmap mapping and the direct map. */
    volatile uint16_t *vga = ioremap(0xb8000, 4000);
    uintptr_t got;

    KT_ASSERT(vga != NULL);
    KT_ASSERT_EQ(paging_translate(paging_kernel_pgdir(), (uintptr_t)vga, &got), 0);
    KT_ASSERT_EQ(got, 0xb8000);
    KT_ASSERT_EQ(vga[0], *(volatile uint16_t *)P2V(0xb8000));
    vmap_free((uintptr_t)vga & ~(PAGE_SIZE - 1), 1);
}
