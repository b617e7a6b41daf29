/*
 * test_kmalloc.c - the kernel heap: many sizes, alignment, fragmentation, and
 * the debug checks (double free, overflow, use after free, bad pointers).
 */
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <string.h>
#include <test/ktest.h>

static int reports;
static char last_report[64];

static void count_report(const char *what, const void *block)
{
    (void)block;
    reports++;
    strlcpy(last_report, what, sizeof last_report);
}

KTEST(kmalloc_many_sizes)
{
    static void *blocks[300];
    static size_t sizes[300];
    struct kmalloc_stats before, after;
    uint32_t seed = 99;

    kmalloc_get_stats(&before);
    for (int i = 0; i < 300; i++) {
        size_t size;
        seed = seed * 1103515245u + 12345u;
        size = i < 100 ? (size_t)i : (seed >> 8) % (i < 250 ? 3000 : 40000);
        sizes[i] = size;
        blocks[i] = kmalloc(size);
        KT_ASSERT(blocks[i] != NULL);
        KT_ASSERT(((uintptr_t)blocks[i] & 15) == 0);
        memset(blocks[i], i & 0xff, size);
    }
    for (int i = 299; i >= 0; i--) {
        const uint8_t *p = blocks[i];
        if (sizes[i] && (p[0] != (i & 0xff) || p[sizes[i] - 1] != (i & 0xff))) {
            ktest_fail(__FILE__, __LINE__, "block %d of %u bytes was overwritten", i,
                       (unsigned)sizes[i]);
            return;
        }
        kfree(blocks[i]);
    }
    kmalloc_get_stats(&after);
    KT_ASSERT_EQ(after.blocks_in_use, before.blocks_in_use);
    KT_ASSERT_EQ(after.bytes_in_use, before.bytes_in_use);
    KT_ASSERT_EQ(after.errors, before.errors);
}

KTEST(kmalloc_fragmentation_and_reuse)
{
    static void *small[2000];
    struct pmm_stats pm_before, pm_after;
    void *big;

    pmm_get_stats(&pm_before);
    for (int i = 0; i < 2000; i++) {
        small[i] = kmalloc(48);
        KT_ASSERT(small[i] != NULL);
    }
    for (int i = 0; i < 2000; i += 2) /* free every other block: a fragmented heap */
        kfree(small[i]);
    big = kmalloc(64 * 1024); /* large blocks come from the page allocator */
    KT_ASSERT(big != NULL);
    for (int i = 0; i < 2000; i += 2) {
        small[i] = kmalloc(40); /* reuses the holes of its size class */
        KT_ASSERT(small[i] != NULL);
    }
    for (int i = 0; i < 2000; i++)
        kfree(small[i]);
    kfree(big);
    pmm_get_stats(&pm_after);
    /* All slabs but at most one per class went back to the page allocator. */
    KT_ASSERT(pm_after.free_pages + 7 * 4 >= pm_before.free_pages);
}

KTEST(kmalloc_zero_and_huge)
{
    void *z = kmalloc(0), *z2 = kmalloc(0);

    KT_ASSERT(z != NULL && z2 != NULL && z != z2);
    kfree(z);
    kfree(z2);
    KT_ASSERT(kmalloc(0x7fffffff) == NULL);
    kfree(NULL); /* allowed, does nothing */
}

KTEST(kmalloc_kzalloc_zeroes)
{
    uint8_t *p = kmalloc(200);
    int nonzero = 0;

    KT_ASSERT(p != NULL);
    memset(p, 0x5a, 200);
    kfree(p);
    p = kzalloc(200);
    KT_ASSERT(p != NULL);
    for (int i = 0; i < 200; i++)
        nonzero |= p[i];
    KT_ASSERT_EQ(nonzero, 0);
    kfree(p);
}

KTEST(kmalloc_catches_double_free)
{
    void *p = kmalloc(100), *big = kmalloc(20000);

    KT_ASSERT(p && big);
    kmalloc_set_error_hook(count_report);
    reports = 0;
    kfree(p);
    KT_ASSERT_EQ(reports, 0);
    kfree(p);
    KT_ASSERT_EQ(reports, 1);
    KT_ASSERT_STR(last_report, "double free");
    kfree(big);
    kfree(big);
    kmalloc_set_error_hook(NULL);
    KT_ASSERT_EQ(reports, 2);
    KT_ASSERT_STR(last_report, "double free");
}

KTEST(kmalloc_catches_write_past_end)
{
    uint8_t *p = kmalloc(100), *big = kmalloc(10000);

    KT_ASSERT(p && big);
    kmalloc_set_error_hook(count_report);
    reports = 0;
    p[100] = 0; /* one byte past the end */
    kfree(p);
    KT_ASSERT_EQ(reports, 1);
    KT_ASSERT_STR(last_report, "write past the end of the block");
    big[10003] = 1;
    kfree(big);
    KT_ASSERT_EQ(reports, 2);
    /* Repair the red zones so the blocks can really be freed. */
    p[100] = 0xcb;
    big[10003] = 0xcb;
    kfree(p);
    kfree(big);
    kmalloc_set_error_hook(NULL);
    KT_ASSERT_EQ(reports, 2);
}

KTEST(kmalloc_catches_use_after_free)
{
    uint8_t *p, *q;

    kmalloc_set_error_hook(count_report);
    reports = 0;
    p = kmalloc(1000); /* a class with few users, so the next alloc reuses p */
    KT_ASSERT(p != NULL);
    kfree(p);
    p[5] = 42; /* write to the freed block */
    q = kmalloc(1000);
    KT_ASSERT(q == p);
    KT_ASSERT_EQ(reports, 1);
    KT_ASSERT_STR(last_report, "a freed block was written to (use after free)");
    kfree(q);
    kmalloc_set_error_hook(NULL);
}

KTEST(kmalloc_catches_bad_pointer)
{
    static uint8_t not_from_kmalloc[64] __attribute__((aligned(16)));
    uint8_t *p = kmalloc(64);

    kmalloc_set_error_hook(count_report);
    reports = 0;
    kfree(not_from_kmalloc + 16);
    KT_ASSERT_EQ(reports, 1);
    kfree(p + 16); /* the middle of a block */
    KT_ASSERT_EQ(reports, 2);
    kfree((void *)0x1234);
    KT_ASSERT_EQ(reports, 3);
    kmalloc_set_error_hook(NULL);
    kfree(p);
}
