/*
 * test_pmm.c - the buddy page allocator: alignment, distinct blocks, splitting
 * and coalescing, exhaustion and full recovery.
 */
#include <arch/i386/memlayout.h>
#include <mm/pmm.h>
#include <string.h>
#include <test/ktest.h>

KTEST(pmm_alloc_is_aligned_to_its_order)
{
    for (unsigned order = 0; order <= PMM_MAX_ORDER; order++) {
        uintptr_t pa = pmm_alloc_pages(order);
        KT_ASSERT(pa != 0);
        KT_ASSERT_EQ(pa & ((PAGE_SIZE << order) - 1), 0);
        pmm_free_pages(pa, order);
    }
}

KTEST(pmm_blocks_are_distinct_and_writable)
{
    uintptr_t pa[64];

    for (int i = 0; i < 64; i++) {
        pa[i] = pmm_alloc_page();
        KT_ASSERT(pa[i] != 0);
        memset(P2V(pa[i]), i, PAGE_SIZE);
    }
    for (int i = 0; i < 64; i++) {
        const uint8_t *p = P2V(pa[i]);
        KT_ASSERT(p[0] == i && p[PAGE_SIZE - 1] == i); /* no other block overlapped it */
        for (int j = i + 1; j < 64; j++)
            KT_ASSERT(pa[i] != pa[j]);
    }
    for (int i = 0; i < 64; i++)
        pmm_free_page(pa[i]);
}

KTEST(pmm_free_restores_counts)
{
    struct pmm_stats before, during, after;
    uintptr_t a, b, c;

    pmm_get_stats(&before);
    a = pmm_alloc_pages(3);
    b = pmm_alloc_page();
    c = pmm_alloc_pages(5);
    KT_ASSERT(a && b && c);
    pmm_get_stats(&during);
    KT_ASSERT_EQ(during.free_pages, before.free_pages - 8 - 1 - 32);
    pmm_free_page(b);
    pmm_free_pages(c, 5);
    pmm_free_pages(a, 3);
    pmm_get_stats(&after);
    KT_ASSERT_EQ(after.free_pages, before.free_pages);
    for (int k = 0; k <= PMM_MAX_ORDER; k++)
        KT_ASSERT_EQ(after.free_blocks[k], before.free_blocks[k]);
}

/* Splitting a large block and freeing the halves in any order merges them back. */
KTEST(pmm_buddies_coalesce)
{
    struct pmm_stats before, after;
    uintptr_t big, half[4];

    pmm_get_stats(&before);
    big = pmm_alloc_pages(2);
    KT_ASSERT(big != 0);
    pmm_free_pages(big, 2);
    /* The same 4 pages come back as four order-0 blocks (lowest free block first is
     * not guaranteed, so just allocate four singles and free them crosswise). */
    for (int i = 0; i < 4; i++) {
        half[i] = pmm_alloc_page();
        KT_ASSERT(half[i] != 0);
    }
    pmm_free_page(half[2]);
    pmm_free_page(half[0]);
    pmm_free_page(half[3]);
    pmm_free_page(half[1]);
    pmm_get_stats(&after);
    KT_ASSERT_EQ(after.free_pages, before.free_pages);
    for (int k = 0; k <= PMM_MAX_ORDER; k++)
        KT_ASSERT_EQ(after.free_blocks[k], before.free_blocks[k]);
}

/*
 * Take every free page one at a time until the allocator says no, then give
 * them all back: the count must match and every block must merge back to the
 * same shape as before (coalescing is complete).
 */
KTEST(pmm_exhaustion_and_recovery)
{
    struct pmm_stats before, empty, after;
    uintptr_t list = 0, pa;
    uint32_t n = 0;

    pmm_get_stats(&before);
    /* Chain the pages through their own first word: no other memory is needed. */
    while ((pa = pmm_alloc_page()) != 0) {
        *(uintptr_t *)P2V(pa) = list;
        list = pa;
        n++;
    }
    pmm_get_stats(&empty);
    KT_ASSERT_EQ(empty.free_pages, 0);
    KT_ASSERT_EQ(pmm_alloc_pages(0), 0);
    KT_ASSERT_EQ(pmm_alloc_pages(PMM_MAX_ORDER), 0);
    while (list) {
        pa = list;
        list = *(uintptr_t *)P2V(pa);
        pmm_free_page(pa);
    }
    pmm_get_stats(&after);
    KT_ASSERT_EQ(n, before.free_pages);
    KT_ASSERT_EQ(after.free_pages, before.free_pages);
    for (int k = 0; k <= PMM_MAX_ORDER; k++)
        KT_ASSERT_EQ(after.free_blocks[k], before.free_blocks[k]);
}

KTEST(pmm_rejects_impossible_orders)
{
    KT_ASSERT_EQ(pmm_alloc_pages(PMM_MAX_ORDER + 1), 0);
    KT_ASSERT_EQ(pmm_alloc_pages(1000), 0);
}

/* A mixed pattern: random orders, freed in a scrambled order. */
KTEST(pmm_random_pattern)
{
    struct pmm_stats before, after;
    uintptr_t pa[200];
    unsigned order[200];
    uint32_t seed = 12345;

    pmm_get_stats(&before);
    for (int i = 0; i < 200; i++) {
        seed = seed * 1103515245u + 12345u;
        order[i] = (seed >> 16) % 5;
        pa[i] = pmm_alloc_pages(order[i]);
        KT_ASSERT(pa[i] != 0);
    }
    for (int step = 0; step < 200; step++) {
        int i = (step * 37) % 200; /* 37 is coprime with 200: each index once */
        pmm_free_pages(pa[i], order[i]);
    }
    pmm_get_stats(&after);
    KT_ASSERT_EQ(after.free_pages, before.free_pages);
    for (int k = 0; k <= PMM_MAX_ORDER; k++)
        KT_ASSERT_EQ(after.free_blocks[k], before.free_blocks[k]);
}
