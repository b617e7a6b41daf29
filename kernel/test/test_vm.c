/*
 * test_vm.c - user address spaces, run in kernel mode with a space loaded:
 * region rules (map, unmap with splitting, protect, find_free, brk), demand
 * zero pages, private file mappings, copy-on-write after vm_clone, stack
 * growth, the user copies' answers to good and bad pointers, and that
 * destroying spaces gives every page back.
 *
 * User memory is only touched through the user copies (whose faults the
 * page-fault handler resolves) or after vm_fault made the page present: any
 * other kernel fault on a user address is a kernel bug and panics. Each test
 * body runs inside a wrapper that loads the kernel's page directory again and
 * destroys the spaces (and removes the file) the body left, even when a check
 * failed.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/percpu.h>
#include <arch/i386/trap.h>
#include <fs/vfs.h>
#include <mm/pmm.h>
#include <mm/vm.h>
#include <string.h>
#include <test/fs_scratch.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define P PAGE_SIZE
#define BASE 0x10000000u /* where most tests map */
#define RW (VM_READ | VM_WRITE)
#define MAX_SPACES 4
#define TEST_FILE "/vm_test_mapping"

static struct vm_space *spaces[MAX_SPACES];
static struct file *test_file;
static uint8_t buf[3 * 4096], buf2[3 * 4096], want[3 * 4096];

static struct vm_space *new_space(void)
{
    for (int i = 0; i < MAX_SPACES; i++)
        if (!spaces[i])
            return spaces[i] = vm_create();
    return NULL;
}

static struct vm_space *track(struct vm_space *vm)
{
    for (int i = 0; i < MAX_SPACES; i++)
        if (!spaces[i])
            return spaces[i] = vm;
    vm_destroy(vm);
    return NULL;
}

static void drop_space(struct vm_space *vm)
{
    for (int i = 0; i < MAX_SPACES; i++)
        if (spaces[i] == vm)
            spaces[i] = NULL;
    vm_destroy(vm);
}

static void cleanup(void)
{
    vm_activate(NULL);
    for (int i = 0; i < MAX_SPACES; i++)
        if (spaces[i]) {
            vm_destroy(spaces[i]);
            spaces[i] = NULL;
        }
    if (test_file) {
        file_put(test_file);
        test_file = NULL;
        vfs_unlink(TEST_FILE, &kt_root_ctx);
    }
}

/* A test whose body may return early on a failed check; the wrapper cleans up. */
#define VM_TEST(name)                                                                      \
    static void name##_body(void);                                                         \
    KTEST(name)                                                                            \
    {                                                                                      \
        name##_body();                                                                     \
        cleanup();                                                                         \
        KT_ASSERT(this_cpu()->vm == NULL);                                                 \
        KT_ASSERT_EQ(read_cr3(), V2P(paging_kernel_pgdir()));                              \
    }                                                                                      \
    static void name##_body(void)

static uint32_t free_pages(void)
{
    struct pmm_stats st;

    pmm_get_stats(&st);
    return st.free_pages;
}

/* The frame behind user address va in vm, 0 when none is present. */
static uintptr_t frame(struct vm_space *vm, uintptr_t va)
{
    uintptr_t pa;

    return paging_translate(vm->pgdir, va, &pa) == 0 ? PAGE_ALIGN_DOWN(pa) : 0;
}

static int writable(struct vm_space *vm, uintptr_t va)
{
    pte_t *pte = paging_pte(vm->pgdir, va, 0);

    return pte && (*pte & PTE_PRESENT) && (*pte & PTE_WRITE);
}

static int count_regions(struct vm_space *vm)
{
    int n = 0;

    for (struct vm_region *r = vm->regions; r; r = r->next)
        n++;
    return n;
}

static struct vm_region *region_at(struct vm_space *vm, uintptr_t addr)
{
    for (struct vm_region *r = vm->regions; r; r = r->next)
        if (r->start <= addr && addr < r->end)
            return r;
    return NULL;
}

static void fill(uint8_t *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

/*
 * The free-page count once kmalloc has the slabs these tests need (an empty
 * slab stays with its class, so the first use of a size would look like a leak).
 */
static uint32_t baseline(void)
{
    struct vm_space *a = vm_create(), *b;

    if (a) {
        vm_map(a, BASE, 4 * P, RW, NULL, 0, 0);
        vm_map(a, BASE + 8 * P, 4 * P, RW, NULL, 0, 0);
        vm_fault(a, BASE, 1);
        b = vm_clone(a);
        vm_unmap(a, BASE + P, P);
        vm_destroy(b);
        vm_destroy(a);
    }
    return free_pages();
}

VM_TEST(vm_map_rules)
{
    struct vm_space *vm = new_space();
    struct vm_region *r;
    uintptr_t a;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_map(vm, 0, P, RW, NULL, 0, 0), -EINVAL); /* page 0 stays unmapped */
    KT_ASSERT_EQ(vm_map(vm, BASE + 1, P, RW, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, BASE, 0, RW, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, USER_TOP - P, 2 * P, RW, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, USER_TOP, P, RW, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, 0xfffff000u, 0x2000, RW, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, BASE, P, RW | 0x1000, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, USER_TOP - P, P, RW, NULL, 0, 0), 0); /* the last page is fine */

    KT_ASSERT_EQ(vm_map(vm, BASE + 4 * P, 4 * P - 100, RW, NULL, 0, 0), 0); /* rounded up */
    KT_ASSERT_EQ(vm_map(vm, BASE + 7 * P, P, RW, NULL, 0, 0), -EINVAL);     /* overlaps */
    KT_ASSERT_EQ(vm_map(vm, BASE + 2 * P, 3 * P, RW, NULL, 0, 0), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, BASE, 4 * P, VM_READ, NULL, 0, 0), 0);          /* adjacent */
    KT_ASSERT_EQ(vm_map(vm, BASE + 8 * P, P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(count_regions(vm), 4);
    r = vm->regions; /* sorted by address */
    KT_ASSERT(r->start == BASE && r->end == BASE + 4 * P && r->flags == VM_READ);
    r = r->next;
    KT_ASSERT(r->start == BASE + 4 * P && r->end == BASE + 8 * P && r->flags == RW);
    KT_ASSERT(r->next->start == BASE + 8 * P && r->next->next->end == USER_TOP);
    /* Mapping reserves addresses; no page is present until touched. */
    KT_ASSERT_EQ(frame(vm, BASE), 0);

    /* vm_find_free: the highest gap that fits, and the result can be mapped. */
    a = vm_find_free(vm, 3 * P);
    KT_ASSERT_EQ(a, USER_TOP - 4 * P);
    KT_ASSERT_EQ(vm_map(vm, a, 3 * P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_find_free(vm, P), USER_TOP - 5 * P);
    KT_ASSERT_EQ(vm_find_free(vm, 0), 0);
    KT_ASSERT_EQ(vm_find_free(vm, USER_TOP), 0);
}

VM_TEST(vm_find_free_leaves_room_for_the_stack)
{
    struct vm_space *vm = new_space();
    uintptr_t floor = USER_TOP - VM_STACK_MAX - P; /* the stack's room and a guard page */

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_map(vm, USER_TOP - 32 * P, 32 * P, RW | VM_GROWSDOWN, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_find_free(vm, 5 * P), floor - 5 * P);
    /* Everything below the stack's room taken: nothing is left. */
    KT_ASSERT_EQ(vm_map(vm, P, floor - P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_find_free(vm, P), 0);
    /* A gap too small is skipped; one that fits is used from its top. */
    KT_ASSERT_EQ(vm_unmap(vm, BASE, 2 * P), 0);
    KT_ASSERT_EQ(vm_find_free(vm, P), BASE + P);
    KT_ASSERT_EQ(vm_find_free(vm, 3 * P), 0);
}

VM_TEST(vm_unmap_splits_and_frees)
{
    struct vm_space *vm = new_space();
    uint32_t before, touched;
    struct vm_region *r;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_map(vm, BASE, 8 * P, RW, NULL, 0, 0), 0);
    for (int i = 0; i < 8; i++)
        KT_ASSERT_EQ(vm_fault(vm, BASE + (uintptr_t)i * P + 5, 1), 0);
    touched = free_pages();

    /* A hole in the middle: two regions, two pages back. */
    KT_ASSERT_EQ(vm_unmap(vm, BASE + 3 * P, 2 * P), 0);
    KT_ASSERT_EQ(count_regions(vm), 2);
    r = vm->regions;
    KT_ASSERT(r->start == BASE && r->end == BASE + 3 * P);
    KT_ASSERT(r->next->start == BASE + 5 * P && r->next->end == BASE + 8 * P);
    KT_ASSERT_EQ(free_pages(), touched + 2);
    KT_ASSERT_EQ(frame(vm, BASE + 3 * P), 0);
    KT_ASSERT_EQ(frame(vm, BASE + 4 * P), 0);
    KT_ASSERT(frame(vm, BASE + 2 * P) != 0 && frame(vm, BASE + 5 * P) != 0);
    KT_ASSERT_EQ(vm_fault(vm, BASE + 3 * P, 0), -EFAULT);

    /* Across both regions and the hole: trims one's end and the other's start. */
    KT_ASSERT_EQ(vm_unmap(vm, BASE + 2 * P, 4 * P), 0);
    r = vm->regions;
    KT_ASSERT(r->start == BASE && r->end == BASE + 2 * P);
    KT_ASSERT(r->next->start == BASE + 6 * P && r->next->end == BASE + 8 * P);
    KT_ASSERT_EQ(free_pages(), touched + 4);

    /* Nothing mapped there: fine. Bad arguments: not. */
    KT_ASSERT_EQ(vm_unmap(vm, BASE + 100 * P, P), 0);
    KT_ASSERT_EQ(vm_unmap(vm, BASE + 1, P), -EINVAL);
    KT_ASSERT_EQ(vm_unmap(vm, BASE, 0), -EINVAL);
    KT_ASSERT_EQ(vm_unmap(vm, USER_TOP - P, 2 * P), -EINVAL);

    /* Everything: the regions go, and so do the pages and the page table. */
    before = free_pages();
    KT_ASSERT_EQ(vm_unmap(vm, BASE, 8 * P), 0);
    KT_ASSERT(vm->regions == NULL);
    KT_ASSERT_EQ(free_pages(), before + 4 + 1);
    KT_ASSERT(paging_pte(vm->pgdir, BASE, 0) == NULL);
}

VM_TEST(vm_protect_updates_present_pages)
{
    struct vm_space *vm = new_space();
    uintptr_t pa;
    struct vm_region *r;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_map(vm, BASE, 4 * P, RW, NULL, 0, 0), 0);
    vm_activate(vm);
    fill(buf, P, 7);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + P), buf, P), 0);
    pa = frame(vm, BASE + P);
    KT_ASSERT(pa != 0 && writable(vm, BASE + P));

    /* Read-only in the middle: three regions, the present page loses its write bit. */
    KT_ASSERT_EQ(vm_protect(vm, BASE + P, 2 * P, VM_READ), 0);
    KT_ASSERT_EQ(count_regions(vm), 3);
    r = region_at(vm, BASE + P);
    KT_ASSERT(r->start == BASE + P && r->end == BASE + 3 * P && r->flags == VM_READ);
    KT_ASSERT_EQ(region_at(vm, BASE)->flags, RW);
    KT_ASSERT_EQ(region_at(vm, BASE + 3 * P)->flags, RW);
    KT_ASSERT(!writable(vm, BASE + P) && frame(vm, BASE + P) == pa);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + P + 8), buf, 4), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + P), P), 0);
    KT_ASSERT(memcmp(buf, buf2, P) == 0);
    KT_ASSERT_EQ(copy_to_user((void *)BASE, buf, 4), 0); /* the neighbours are still writable */

    /* No access at all: the frame is kept but nothing reads it. */
    KT_ASSERT_EQ(vm_protect(vm, BASE + P, P, 0), 0);
    KT_ASSERT_EQ(frame(vm, BASE + P), 0);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + P), 1), -EFAULT);
    KT_ASSERT_EQ(vm_fault(vm, BASE + P, 0), -EFAULT);

    /* Writable again: the same bytes, writable without a copy. */
    KT_ASSERT_EQ(vm_protect(vm, BASE, 4 * P, RW), 0);
    KT_ASSERT_EQ(frame(vm, BASE + P), pa);
    KT_ASSERT(writable(vm, BASE + P));
    memset(buf2, 0, P);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + P), P), 0);
    KT_ASSERT(memcmp(buf, buf2, P) == 0);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + P), buf, 1), 0);

    /* A hole in the range: -ENOMEM and nothing changes. */
    KT_ASSERT_EQ(vm_map(vm, BASE + 6 * P, P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_protect(vm, BASE + 2 * P, 5 * P, VM_READ), -ENOMEM);
    KT_ASSERT_EQ(region_at(vm, BASE + 2 * P)->flags, RW);
    KT_ASSERT_EQ(vm_protect(vm, BASE + 1, P, VM_READ), -EINVAL);
    KT_ASSERT_EQ(vm_protect(vm, BASE, P, VM_READ | VM_GROWSDOWN), -EINVAL);
}

VM_TEST(vm_demand_zero_pages)
{
    struct vm_space *vm = new_space();
    uint64_t faults;
    uint32_t before;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_map(vm, BASE, 3 * P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_map(vm, BASE + 4 * P, P, VM_READ, NULL, 0, 0), 0);
    vm_activate(vm);
    KT_ASSERT(this_cpu()->vm == vm);
    KT_ASSERT_EQ(read_cr3(), V2P(vm->pgdir));

    /* The copy faults on each untouched page; the handler fills it with zeros. */
    before = free_pages();
    faults = trap_count(T_PAGE_FAULT);
    memset(buf, 0xee, sizeof buf);
    KT_ASSERT_EQ(copy_from_user(buf, (void *)BASE, 3 * P), 0);
    KT_ASSERT(all_zero(buf, 3 * P));
    KT_ASSERT_EQ(trap_count(T_PAGE_FAULT) - faults, 3);
    KT_ASSERT(frame(vm, BASE) && frame(vm, BASE + P) && frame(vm, BASE + 2 * P));
    KT_ASSERT_EQ(free_pages(), before - 3 - 1); /* three pages and their page table */

    /* Written bytes stay; present pages do not fault again. */
    fill(buf, 3 * P, 3);
    faults = trap_count(T_PAGE_FAULT);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 3), buf, 3 * P - 3), 0);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 3), 3 * P - 3), 0);
    KT_ASSERT(memcmp(buf, buf2, 3 * P - 3) == 0);
    KT_ASSERT_EQ(trap_count(T_PAGE_FAULT) - faults, 0);

    /* A page made present by vm_fault can be read directly. */
    KT_ASSERT_EQ(vm_fault(vm, BASE + 4 * P + 100, 0), 0);
    KT_ASSERT(all_zero((const uint8_t *)(BASE + 4 * P), P));
    KT_ASSERT(!writable(vm, BASE + 4 * P)); /* a read-only region's page */
    KT_ASSERT_EQ(vm_fault(vm, BASE + 4 * P, 1), -EFAULT);
    KT_ASSERT_EQ(vm_fault(vm, BASE + 3 * P, 0), -EFAULT); /* the hole */
    KT_ASSERT_EQ(vm_fault(vm, USER_TOP, 0), -EFAULT);
    KT_ASSERT_EQ(vm_fault(vm, 0, 0), -EFAULT);
}

/* Create TEST_FILE with n pattern bytes and keep it open in test_file. */
static int make_file(size_t n)
{
    int err;

    vfs_unlink(TEST_FILE, &kt_root_ctx);
    err = vfs_open(TEST_FILE, O_RDWR | O_CREAT | O_EXCL, 0644, &kt_root_ctx, &test_file);
    if (err < 0) {
        test_file = NULL;
        return err;
    }
    fill(buf, n, 42);
    return vfs_pwrite(test_file, buf, n, 0) == (long)n ? 0 : -EIO;
}

VM_TEST(vm_private_file_mapping)
{
    size_t len = 2 * P + 1000; /* the file ends in the middle of its third page */
    struct vm_space *vm = new_space();
    int refs;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(make_file(len), 0);
    memcpy(want, buf, len);
    refs = test_file->refcount;

    /* The whole file, in a region one page longer than it. */
    KT_ASSERT_EQ(vm_map(vm, BASE, 4 * P, VM_READ | VM_PRIVATE, test_file, 0, len), 0);
    KT_ASSERT_EQ(test_file->refcount, refs + 1);
    /* From the second page of the file, with only 100 bytes of it mapped. */
    KT_ASSERT_EQ(vm_map(vm, BASE + 8 * P, 2 * P, RW | VM_PRIVATE, test_file, P, 100), 0);
    /* Shared mappings, unaligned offsets and file stacks are refused. */
    KT_ASSERT_EQ(vm_map(vm, BASE + 16 * P, P, VM_READ, test_file, 0, len), -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, BASE + 16 * P, P, VM_READ | VM_PRIVATE, test_file, 10, len),
                 -EINVAL);
    KT_ASSERT_EQ(vm_map(vm, BASE + 16 * P, P, VM_READ | VM_PRIVATE | VM_GROWSDOWN, test_file,
                        0, len), -EINVAL);
    KT_ASSERT_EQ(test_file->refcount, refs + 2);
    vm_activate(vm);

    memset(buf2, 0xee, sizeof buf2);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)BASE, 3 * P), 0);
    KT_ASSERT(memcmp(buf2, want, len) == 0);
    KT_ASSERT(all_zero(buf2 + len, 3 * P - len)); /* past the end of the file */
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 3 * P), P), 0);
    KT_ASSERT(all_zero(buf2, P));
    KT_ASSERT_EQ(copy_to_user((void *)BASE, buf2, 1), -EFAULT); /* read-only */

    memset(buf2, 0xee, sizeof buf2);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 8 * P), 2 * P), 0);
    KT_ASSERT(memcmp(buf2, want + P, 100) == 0);
    KT_ASSERT(all_zero(buf2 + 100, 2 * P - 100)); /* past file_size, though the file goes on */

    /* A private write changes the page, never the file. */
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 8 * P), "private", 7), 0);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 8 * P), 7), 0);
    KT_ASSERT(memcmp(buf2, "private", 7) == 0);
    KT_ASSERT_EQ(vfs_pread(test_file, buf2, 7, P), 7);
    KT_ASSERT(memcmp(buf2, want + P, 7) == 0);

    /* Unmapping the first page of the file region moves the rest's offset along. */
    KT_ASSERT_EQ(vm_unmap(vm, BASE, P), 0);
    KT_ASSERT_EQ(region_at(vm, BASE + P)->file_offset, P);
    KT_ASSERT_EQ(region_at(vm, BASE + P)->file_size, len - P);
    KT_ASSERT_EQ(vm_unmap(vm, BASE + P, 3 * P), 0); /* drop the pages ... */
    KT_ASSERT_EQ(test_file->refcount, refs + 1);
    KT_ASSERT_EQ(vm_map(vm, BASE, 3 * P, VM_READ | VM_PRIVATE, test_file, 0, len), 0);
    KT_ASSERT_EQ(vm_unmap(vm, BASE + P, P), 0); /* ... a split: two references */
    KT_ASSERT_EQ(test_file->refcount, refs + 3);
    KT_ASSERT_EQ(region_at(vm, BASE + 2 * P)->file_offset, 2 * P);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 2 * P), P), 0);
    KT_ASSERT(memcmp(buf2, want + 2 * P, len - 2 * P) == 0);
    KT_ASSERT(all_zero(buf2 + len - 2 * P, 3 * P - len));

    vm_activate(NULL);
    drop_space(vm);
    KT_ASSERT_EQ(test_file->refcount, refs); /* every region let go of the file */
}

VM_TEST(vm_clone_copy_on_write)
{
    uint32_t before = baseline();
    struct vm_space *parent = new_space(), *child;
    uintptr_t pa, pa1;

    KT_ASSERT(parent != NULL);
    KT_ASSERT_EQ(vm_map(parent, BASE, 3 * P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_map(parent, BASE + 4 * P, P, VM_READ, NULL, 0, 0), 0);
    vm_activate(parent);
    KT_ASSERT_EQ(copy_to_user((void *)BASE, "parent", 7), 0);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + P), "second", 7), 0);
    KT_ASSERT_EQ(vm_fault(parent, BASE + 4 * P, 0), 0);
    pa = frame(parent, BASE);
    pa1 = frame(parent, BASE + P);
    KT_ASSERT(writable(parent, BASE));

    child = track(vm_clone(parent));
    KT_ASSERT(child != NULL);
    KT_ASSERT_EQ(count_regions(child), 2);
    /* Every present page is shared read-only, in both spaces. */
    KT_ASSERT_EQ(frame(child, BASE), pa);
    KT_ASSERT_EQ(pmm_page_refcount(pa), 2);
    KT_ASSERT_EQ(pmm_page_refcount(frame(parent, BASE + 4 * P)), 2);
    KT_ASSERT(!writable(parent, BASE) && !writable(child, BASE));
    KT_ASSERT_EQ(frame(child, BASE + 2 * P), 0); /* untouched pages stay untouched */

    /*
     * The parent, still loaded, writes a shared page it wrote before (so the CPU
     * may hold a writable translation, which vm_clone must have flushed): the
     * parent gets a copy, the child keeps the frame.
     */
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + P), "SECOND", 7), 0);
    KT_ASSERT(frame(parent, BASE + P) != pa1);
    KT_ASSERT_EQ(frame(child, BASE + P), pa1);
    KT_ASSERT_EQ(pmm_page_refcount(pa1), 1);

    /* The child writes: it gets its own copy; the parent keeps its bytes. */
    vm_activate(child);
    KT_ASSERT_EQ(copy_from_user(buf, (void *)BASE, 7), 0);
    KT_ASSERT(memcmp(buf, "parent", 7) == 0);
    KT_ASSERT_EQ(copy_to_user((void *)BASE, "child!", 7), 0);
    KT_ASSERT(frame(child, BASE) != pa && writable(child, BASE));
    KT_ASSERT_EQ(pmm_page_refcount(pa), 1);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 2 * P), "zero", 5), 0);

    /* The parent writes the page it now owns alone: no copy, just writable again. */
    vm_activate(parent);
    KT_ASSERT_EQ(copy_from_user(buf, (void *)BASE, 7), 0);
    KT_ASSERT(memcmp(buf, "parent", 7) == 0);
    KT_ASSERT_EQ(copy_to_user((void *)BASE, "PARENT", 7), 0);
    KT_ASSERT_EQ(frame(parent, BASE), pa);
    KT_ASSERT(writable(parent, BASE));
    KT_ASSERT_EQ(copy_from_user(buf, (void *)(BASE + 2 * P), 5), 0);
    KT_ASSERT(all_zero(buf, 5)); /* the child's write to its own new page is not here */

    vm_activate(child);
    KT_ASSERT_EQ(copy_from_user(buf, (void *)BASE, 7), 0);
    KT_ASSERT(memcmp(buf, "child!", 7) == 0);
    KT_ASSERT_EQ(copy_from_user(buf, (void *)(BASE + P), 7), 0);
    KT_ASSERT(memcmp(buf, "second", 7) == 0);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 4 * P), "x", 1), -EFAULT); /* read-only stays */

    /* A clone of the clone, then the parent goes first: the pages live on. */
    vm_activate(NULL);
    KT_ASSERT(track(vm_clone(child)) != NULL);
    drop_space(parent);
    KT_ASSERT_EQ(pmm_page_refcount(pa1), 2);
    drop_space(child);
    KT_ASSERT_EQ(pmm_page_refcount(pa1), 1);
    cleanup();
    KT_ASSERT_EQ(free_pages(), before);
}

VM_TEST(vm_stack_grows_down)
{
    struct vm_space *vm = new_space();
    uintptr_t top = BASE + 0x100000, start = top - 4 * P;
    struct vm_region *stack;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_map(vm, start, 4 * P, RW | VM_GROWSDOWN, NULL, 0, 0), 0);
    stack = vm->regions;
    vm_activate(vm);

    /* Just below, then the farthest allowed, then too far. */
    KT_ASSERT_EQ(vm_fault(vm, start - 4, 1), 0);
    KT_ASSERT_EQ(stack->start, start - P);
    KT_ASSERT_EQ(vm_fault(vm, stack->start - VM_STACK_GROW_MAX, 1), 0);
    KT_ASSERT_EQ(stack->start, start - P - VM_STACK_GROW_MAX);
    start = stack->start;
    KT_ASSERT_EQ(vm_fault(vm, start - VM_STACK_GROW_MAX - 1, 1), -EFAULT);
    KT_ASSERT_EQ(stack->start, start);
    /* A user copy below the stack grows it too. */
    KT_ASSERT_EQ(copy_to_user((void *)(start - 2 * P), "push", 5), 0);
    KT_ASSERT_EQ(stack->start, start - 2 * P);
    start = stack->start;

    /* A region below: the stack stops one guard page above it. */
    KT_ASSERT_EQ(vm_map(vm, start - 4 * P, P, RW, NULL, 0, 0), 0); /* ends at start - 3P */
    KT_ASSERT_EQ(vm_fault(vm, start - 2 * P, 1), 0);
    KT_ASSERT_EQ(stack->start, start - 2 * P);
    KT_ASSERT_EQ(copy_to_user((void *)(start - 3 * P), "x", 1), -EFAULT); /* the guard */
    KT_ASSERT_EQ(stack->start, start - 2 * P);
    KT_ASSERT_EQ(count_regions(vm), 2);

    /* Not past VM_STACK_MAX. */
    KT_ASSERT_EQ(vm_map(vm, BASE + 0x4000000, VM_STACK_MAX, RW | VM_GROWSDOWN, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_fault(vm, BASE + 0x4000000 - 1, 1), -EFAULT);
    /* Only stacks grow. */
    KT_ASSERT_EQ(vm_map(vm, BASE + 0x8000000, P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_fault(vm, BASE + 0x8000000 - 1, 1), -EFAULT);
}

VM_TEST(vm_brk_grows_and_shrinks)
{
    struct vm_space *vm = new_space();
    uintptr_t start = BASE + 0x51000;
    uint32_t touched;

    KT_ASSERT(vm != NULL);
    KT_ASSERT_EQ(vm_brk(vm, BASE), 0); /* no heap yet */
    KT_ASSERT_EQ(vm_brk_init(vm, 0), -EINVAL);
    KT_ASSERT_EQ(vm_brk_init(vm, start - P + 0x123), 0); /* rounded up */
    KT_ASSERT_EQ(vm->brk_start, start);
    KT_ASSERT_EQ(vm_brk(vm, 0), start); /* a query */
    KT_ASSERT_EQ(vm_brk(vm, start - 1), start);
    KT_ASSERT(vm->regions == NULL);

    KT_ASSERT_EQ(vm_brk(vm, start + 10000), start + 10000);
    KT_ASSERT_EQ(count_regions(vm), 1);
    KT_ASSERT(vm->regions->start == start && vm->regions->end == start + 3 * P);
    vm_activate(vm);
    fill(buf, 10000, 9);
    KT_ASSERT_EQ(copy_to_user((void *)start, buf, 10000), 0);
    KT_ASSERT_EQ(copy_to_user((void *)(start + 10000), buf, 2288), 0); /* the rest of the page */
    KT_ASSERT_EQ(copy_to_user((void *)(start + 3 * P), buf, 1), -EFAULT);
    touched = free_pages();

    /* Shrinking frees the pages past the new break's page. */
    KT_ASSERT_EQ(vm_brk(vm, start + 100), start + 100);
    KT_ASSERT_EQ(vm->regions->end, start + P);
    KT_ASSERT_EQ(free_pages(), touched + 2);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)start, 100), 0);
    KT_ASSERT(memcmp(buf, buf2, 100) == 0);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(start + P), 1), -EFAULT);
    /* Growing again gives zeros, not the old bytes. */
    KT_ASSERT_EQ(vm_brk(vm, start + 2 * P), start + 2 * P);
    KT_ASSERT_EQ(count_regions(vm), 1);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(start + P), P), 0);
    KT_ASSERT(all_zero(buf2, P));

    /* Not into another mapping, nor into a stack's guard page. */
    KT_ASSERT_EQ(vm_map(vm, start + 8 * P, P, VM_READ, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_brk(vm, start + 8 * P + 1), start + 2 * P);
    KT_ASSERT_EQ(vm_brk(vm, start + 8 * P), start + 8 * P);
    KT_ASSERT_EQ(vm_unmap(vm, start + 8 * P, P), 0);
    KT_ASSERT_EQ(vm_map(vm, start + 10 * P, P, RW | VM_GROWSDOWN, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_brk(vm, start + 10 * P), start + 8 * P);
    KT_ASSERT_EQ(vm_brk(vm, start + 9 * P), start + 9 * P);
    KT_ASSERT_EQ(vm_brk(vm, USER_TOP + P), start + 9 * P);

    /* Back to empty: the heap region is gone. */
    KT_ASSERT_EQ(vm_brk(vm, start), start);
    KT_ASSERT_EQ(count_regions(vm), 1);
    KT_ASSERT(region_at(vm, start) == NULL);
}

VM_TEST(vm_copy_user_pointer_checks)
{
    struct vm_space *vm = new_space();
    char s[16];

    KT_ASSERT(vm != NULL);
    /* No user space loaded: nothing to copy from. */
    KT_ASSERT_EQ(copy_from_user(buf, (void *)BASE, 4), -EFAULT);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)BASE, sizeof s), -EFAULT);

    KT_ASSERT_EQ(vm_map(vm, BASE, 2 * P, RW, NULL, 0, 0), 0);     /* then a hole */
    KT_ASSERT_EQ(vm_map(vm, BASE + 3 * P, P, VM_READ, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_map(vm, USER_TOP - P, P, RW, NULL, 0, 0), 0);
    vm_activate(vm);

    /* Good pointers, sizes that are not whole words, across a page boundary. */
    fill(buf, 3 * P, 5);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 3), buf, P + 1), 0);
    KT_ASSERT_EQ(copy_from_user(buf2 + 1, (void *)(BASE + 3), P + 1), 0);
    KT_ASSERT(memcmp(buf, buf2 + 1, P + 1) == 0);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)BASE, 0), 0);
    KT_ASSERT_EQ(copy_from_user(buf2, NULL, 0), 0); /* nothing to copy */

    /* NULL, kernel addresses, ranges that reach USER_TOP or wrap. */
    KT_ASSERT_EQ(copy_from_user(buf2, NULL, 1), -EFAULT);
    KT_ASSERT_EQ(copy_to_user(NULL, buf, 1), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)KERNEL_BASE, 4), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, buf, 4), -EFAULT); /* a kernel buffer as the source */
    KT_ASSERT_EQ(copy_to_user((void *)0xfffff000u, buf, 4), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(USER_TOP - 4), 8), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(USER_TOP - 4), 4), 0); /* just below is fine */
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + P), 0xffffffffu - P), -EFAULT);

    /* Unmapped holes, at the start or in the middle of a range. */
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 2 * P), 4), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + P), 2 * P), -EFAULT);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 2 * P - 2), buf, 4), -EFAULT);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 2 * P - 4), 8), -EFAULT);

    /* A read-only region: reads work, writes do not. */
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)(BASE + 3 * P), 16), 0);
    KT_ASSERT(all_zero(buf2, 16));
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 3 * P), buf, 16), -EFAULT);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 3 * P + P - 1), buf, 1), -EFAULT);

    /* Strings. */
    KT_ASSERT_EQ(copy_to_user((void *)BASE, "hello", 6), 0);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)BASE, sizeof s), 5);
    KT_ASSERT_STR(s, "hello");
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)BASE, 6), 5);  /* just fits */
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)BASE, 5), -ENAMETOOLONG);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)BASE, 0), -ENAMETOOLONG);
    KT_ASSERT_EQ(strncpy_from_user(s, NULL, sizeof s), -EFAULT);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)KERNEL_BASE, sizeof s), -EFAULT);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 2 * P - 3), "abc", 3), 0); /* runs into the hole */
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)(BASE + 2 * P - 3), sizeof s), -EFAULT);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)(BASE + 2 * P - 3), 3), -ENAMETOOLONG);
    memset(buf, 'a', P);
    KT_ASSERT_EQ(copy_to_user((void *)(USER_TOP - P), buf, P), 0); /* runs into the kernel */
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)(USER_TOP - 10), 100), -EFAULT);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)(USER_TOP - 10), 10), -ENAMETOOLONG);
    KT_ASSERT_EQ(strncpy_from_user(s, (const char *)(BASE + 3 * P), sizeof s), 0); /* "" */
    KT_ASSERT_STR(s, "");
}

VM_TEST(vm_destroy_frees_everything)
{
    struct vm_space *vm, *child;
    uint32_t before = baseline();

    vm = new_space();
    KT_ASSERT(vm != NULL);
    /* Regions over several page tables, pages touched in each, shared and copied. */
    KT_ASSERT_EQ(vm_map(vm, BASE, 16 * P, RW, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_map(vm, BASE + 0x3ff000, 2 * P, RW, NULL, 0, 0), 0); /* spans two tables */
    KT_ASSERT_EQ(vm_map(vm, 0x40000000, P, VM_READ, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_map(vm, USER_TOP - 4 * P, 4 * P, RW | VM_GROWSDOWN, NULL, 0, 0), 0);
    KT_ASSERT_EQ(vm_brk_init(vm, BASE + 0x800000), 0);
    KT_ASSERT(vm_brk(vm, BASE + 0x800000 + 5 * P) == BASE + 0x800000 + 5 * P);
    vm_activate(vm);
    memset(buf, 1, sizeof buf);
    KT_ASSERT_EQ(copy_to_user((void *)BASE, buf, 3 * P), 0);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 0x3ff000 + 10), buf, P), 0);
    KT_ASSERT_EQ(copy_from_user(buf2, (void *)0x40000000, 4), 0);
    KT_ASSERT_EQ(copy_to_user((void *)(USER_TOP - 6 * P), buf, 3 * P), 0); /* grows */
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 0x800000), buf, 3 * P), 0);
    KT_ASSERT(free_pages() < before);

    child = track(vm_clone(vm));
    KT_ASSERT(child != NULL);
    vm_activate(child);
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + P), buf, 2 * P), 0); /* two copies */
    KT_ASSERT_EQ(copy_to_user((void *)(BASE + 5 * P), buf, 1), 0); /* a new page */
    vm_activate(vm);
    KT_ASSERT_EQ(vm_unmap(vm, BASE + 2 * P, 4 * P), 0);
    drop_space(vm); /* while loaded: vm_destroy loads the kernel's directory */
    KT_ASSERT(this_cpu()->vm == NULL);
    drop_space(child);
    KT_ASSERT_EQ(free_pages(), before);
}
