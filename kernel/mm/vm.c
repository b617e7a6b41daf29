/*
 * vm.c - user address spaces (vm.h): regions, page faults, fork's copy.
 *
 * A space is a page directory (kernel half copied from the kernel's, user half
 * built on demand) and a list of regions sorted by address. A region says what
 * its pages should hold (anonymous zeros or the bytes of a file from an
 * offset) and how they may be accessed; a page becomes present only when it is
 * first touched, in vm_fault. Mappings are always private: a file's bytes are
 * read into a page of the space's own.
 *
 * Every page a user page table maps holds one reference to its frame
 * (pmm_page_ref). vm_clone shares every present page between parent and child
 * read-only and takes a reference; a write fault on a read-only page of a
 * writable region then either copies the frame (still shared) or just makes
 * it writable (the last user). So a PTE is writable only when its region is
 * and the frame has no other user. i386 without PAE cannot express "present
 * but inaccessible": the pages of a region without VM_READ, VM_WRITE and
 * VM_EXEC keep their frame in a not-present PTE marked PTE_NOACCESS. The CPU
 * cannot forbid execution either, so VM_EXEC is bookkeeping only.
 *
 * Stacks (VM_GROWSDOWN) grow by page faults up to VM_STACK_GROW_MAX below their
 * start, to at most VM_STACK_MAX, and never closer than one unmapped guard page
 * to the region below. The heap is the region from brk_start to the break,
 * rounded up to a page; vm_brk grows it as anonymous memory and shrinks it by
 * unmapping.
 *
 * Lock: vm->lock (a mutex) guards the regions, brk_start/brk and the user half
 * of the page directory. It is held across file reads (a fault on a file page
 * calls vfs_pread), so it comes before every file-system lock. The TLB is
 * flushed only when the space is the one loaded on this CPU (one CPU today;
 * SMP needs a shootdown for spaces loaded elsewhere).
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/percpu.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <arch/i386/smp.h>
#include <lib/panic.h>
#include <mm/vm.h>
#include <proc/task.h>
#include <string.h>
#include <uapi/errno.h>

#define VM_PROT_MASK (VM_READ | VM_WRITE | VM_EXEC)
#define VM_FLAGS_MASK (VM_PROT_MASK | VM_GROWSDOWN | VM_PRIVATE)
#define PTE_NOACCESS 0x200 /* a software bit: not present, but the frame is the page's */
#define TABLE_SPAN LARGE_PAGE_SIZE /* the user addresses one page table covers */

static int pte_has_page(pte_t e)
{
    return (e & (PTE_PRESENT | PTE_NOACCESS)) != 0;
}

/*
 * A changed PTE: drop the stale translation here if vm is loaded, and on any
 * other CPU that has it loaded (docs/smp.md; with single-threaded processes
 * that is rare: a space runs on one CPU at a time).
 */
static void flush_page(struct vm_space *vm, uintptr_t va)
{
    uint32_t flags = read_eflags();
    uint32_t others;

    cli();
    if (this_cpu()->vm == vm)
        invlpg(va);
    others = __atomic_load_n(&vm->cpu_mask, __ATOMIC_ACQUIRE) & ~(1u << this_cpu()->id);
    if (flags & EFLAGS_IF)
        sti();
    if (others)
        smp_tlb_shootdown(others, va);
}

static void flush_all(struct vm_space *vm)
{
    uint32_t flags = read_eflags();
    uint32_t others;

    cli();
    if (this_cpu()->vm == vm)
        write_cr3(V2P(vm->pgdir));
    others = __atomic_load_n(&vm->cpu_mask, __ATOMIC_ACQUIRE) & ~(1u << this_cpu()->id);
    if (flags & EFLAGS_IF)
        sti();
    if (others)
        smp_tlb_shootdown(others, SMP_TLB_ALL);
}

/* The PTE for frame pa in region r; writable says the frame has no other user. */
static pte_t pte_for(const struct vm_region *r, uintptr_t pa, int writable)
{
    if (!(r->flags & VM_PROT_MASK))
        return (pa & PTE_ADDR_MASK) | PTE_NOACCESS;
    return (pa & PTE_ADDR_MASK) | PTE_PRESENT | PTE_USER |
           (writable && (r->flags & VM_WRITE) ? PTE_WRITE : 0);
}

static struct vm_region *find_region(struct vm_space *vm, uintptr_t addr)
{
    for (struct vm_region *r = vm->regions; r && r->start <= addr; r = r->next)
        if (addr < r->end)
            return r;
    return NULL;
}

/* Whether no region overlaps [start, end). */
static int range_free(struct vm_space *vm, uintptr_t start, uintptr_t end)
{
    for (struct vm_region *r = vm->regions; r && r->start < end; r = r->next)
        if (r->end > start)
            return 0;
    return 1;
}

static void insert_region(struct vm_space *vm, struct vm_region *n)
{
    struct vm_region **pp = &vm->regions;

    while (*pp && (*pp)->start < n->start)
        pp = &(*pp)->next;
    n->next = *pp;
    *pp = n;
}

static struct vm_region *region_new(uintptr_t start, uintptr_t end, unsigned flags,
                                    struct file *file, uint64_t offset, uint64_t file_size)
{
    struct vm_region *r = kzalloc(sizeof *r);

    if (!r)
        return NULL;
    r->start = start;
    r->end = end;
    r->flags = flags;
    r->file = file;
    r->file_offset = offset;
    r->file_size = file_size;
    if (file)
        file_ref(file);
    return r;
}

static void region_free(struct vm_region *r)
{
    if (r->file)
        file_put(r->file);
    kfree(r);
}

/* Drop the part of r from new_end on (the pages are the caller's to release). */
static void trim_back(struct vm_region *r, uintptr_t new_end)
{
    if (r->file_size > new_end - r->start)
        r->file_size = new_end - r->start;
    r->end = new_end;
}

/* Drop the part of r below new_start. */
static void trim_front(struct vm_region *r, uintptr_t new_start)
{
    uintptr_t delta = new_start - r->start;

    r->file_offset += delta;
    r->file_size = r->file_size > delta ? r->file_size - delta : 0;
    r->start = new_start;
}

/* Make [at, r->end) a region of its own, n (a spare allocation), right after r. */
static void split_region(struct vm_region *r, uintptr_t at, struct vm_region *n)
{
    *n = *r;
    if (n->file)
        file_ref(n->file);
    trim_front(n, at);
    trim_back(r, at);
    r->next = n;
}

/*
 * Call fn for every PTE in [start, end) that holds a frame, skipping missing
 * page tables. With free_tables, a page table left empty afterwards is freed.
 * Returns the first nonzero value of fn (and stops there), else 0.
 */
static int for_each_page(struct vm_space *vm, uintptr_t start, uintptr_t end, int free_tables,
                         int (*fn)(struct vm_space *vm, uintptr_t va, pte_t *pte, void *ctx),
                         void *ctx)
{
    uintptr_t va = start;
    int err = 0, freed = 0;

    while (va < end && !err) {
        uintptr_t table_end = (va & ~(uintptr_t)(TABLE_SPAN - 1)) + TABLE_SPAN;
        uintptr_t stop = table_end < end ? table_end : end;
        pte_t *pte = paging_pte(vm->pgdir, va, 0);

        if (pte) {
            for (; va < stop && !err; va += PAGE_SIZE, pte++)
                if (pte_has_page(*pte))
                    err = fn(vm, va, pte, ctx);
            if (free_tables && paging_free_table_if_empty(vm->pgdir, stop - PAGE_SIZE))
                freed = 1;
        }
        va = stop;
    }
    if (freed)
        flush_all(vm);
    return err;
}

static int release_page(struct vm_space *vm, uintptr_t va, pte_t *pte, void *ctx)
{
    uintptr_t pa = *pte & PTE_ADDR_MASK;

    (void)ctx;
    *pte = 0;
    flush_page(vm, va);
    pmm_page_unref(pa);
    vm->pages--;
    return 0;
}

/* Unmap and release every page in [start, end) and the page tables left empty. */
static void release_range(struct vm_space *vm, uintptr_t start, uintptr_t end)
{
    for_each_page(vm, start, end, 1, release_page, NULL);
}

static int reprotect_page(struct vm_space *vm, uintptr_t va, pte_t *pte, void *ctx)
{
    const struct vm_region *r = ctx;
    uintptr_t pa = *pte & PTE_ADDR_MASK;

    *pte = pte_for(r, pa, pmm_page_refcount(pa) == 1);
    flush_page(vm, va);
    return 0;
}

/* Remove [start, end) from the regions and release its pages. 0 or -ENOMEM. */
static int unmap_locked(struct vm_space *vm, uintptr_t start, uintptr_t end)
{
    struct vm_region **pp = &vm->regions, *r, *spare = NULL;

    r = find_region(vm, start);
    if (r && r->start < start && r->end > end) { /* a hole in the middle: two regions */
        spare = kmalloc(sizeof *spare);
        if (!spare)
            return -ENOMEM;
    }
    while ((r = *pp) != NULL && r->start < end) {
        if (r->end <= start) {
            pp = &r->next;
        } else if (r->start < start && r->end > end) {
            split_region(r, end, spare);
            trim_back(r, start);
            break;
        } else if (r->start < start) {
            trim_back(r, start);
            pp = &r->next;
        } else if (r->end > end) {
            trim_front(r, end);
            break;
        } else {
            *pp = r->next;
            region_free(r);
        }
    }
    release_range(vm, start, end);
    return 0;
}

/* Check a range from a caller: page-aligned start, len > 0, inside user space. */
static int user_range(uintptr_t start, uintptr_t len, uintptr_t *end)
{
    if ((start & (PAGE_SIZE - 1)) || len == 0 || start >= USER_TOP || len > USER_TOP - start)
        return -EINVAL;
    *end = PAGE_ALIGN_UP(start + len);
    return 0;
}

struct vm_space *vm_create(void)
{
    struct vm_space *vm = kzalloc(sizeof *vm);

    if (!vm)
        return NULL;
    vm->pgdir = paging_create_pgdir();
    if (!vm->pgdir) {
        kfree(vm);
        return NULL;
    }
    mutex_init(&vm->lock, "vm");
    return vm;
}

void vm_destroy(struct vm_space *vm)
{
    struct vm_region *r;

    if (!vm)
        return;
    if (this_cpu_read(vm) == vm)
        vm_activate(NULL);
    /* Only the CPU running a space's one task loads it (docs/smp.md): none now. */
    KASSERT(__atomic_load_n(&vm->cpu_mask, __ATOMIC_ACQUIRE) == 0);
    /* All of user space, not just the regions: nothing can be left behind. */
    release_range(vm, 0, USER_TOP);
    while ((r = vm->regions) != NULL) {
        vm->regions = r->next;
        region_free(r);
    }
    paging_destroy_pgdir(vm->pgdir);
    kfree(vm);
}

void vm_load(struct vm_space *vm)
{
    uint32_t flags = read_eflags();
    uint32_t cr3 = V2P(vm ? vm->pgdir : paging_kernel_pgdir());
    struct cpu *c;

    cli();
    c = this_cpu();
    if (read_cr3() != cr3)
        write_cr3(cr3);
    if (c->vm != vm) {
        if (c->vm)
            __atomic_fetch_and(&c->vm->cpu_mask, ~(1u << c->id), __ATOMIC_SEQ_CST);
        if (vm)
            __atomic_fetch_or(&vm->cpu_mask, 1u << c->id, __ATOMIC_SEQ_CST);
        c->vm = vm;
    }
    if (flags & EFLAGS_IF)
        sti();
}

void vm_activate(struct vm_space *vm)
{
    struct task *t = current_task();

    if (t)
        t->vm = vm; /* it follows the task when it moves to another CPU */
    vm_load(vm);
}

void vm_deactivate(void)
{
    vm_activate(NULL);
}

static int share_page(struct vm_space *parent, uintptr_t va, pte_t *pte, void *ctx)
{
    struct vm_space *child = ctx;
    pte_t *cpte = paging_pte(child->pgdir, va, 1);

    (void)parent;
    if (!cpte)
        return -ENOMEM;
    pmm_page_ref(*pte & PTE_ADDR_MASK);
    *pte &= ~(pte_t)PTE_WRITE; /* both copy on write from now on */
    *cpte = *pte;
    child->pages++;
    return 0;
}

struct vm_space *vm_clone(struct vm_space *vm)
{
    struct vm_space *child = vm_create();
    struct vm_region **tail, *n;
    int err = 0;

    if (!child)
        return NULL;
    tail = &child->regions;
    mutex_lock(&vm->lock);
    child->brk_start = vm->brk_start;
    child->brk = vm->brk;
    for (struct vm_region *r = vm->regions; r && !err; r = r->next) {
        n = region_new(r->start, r->end, r->flags, r->file, r->file_offset, r->file_size);
        if (!n) {
            err = -ENOMEM;
            break;
        }
        *tail = n;
        tail = &n->next;
        err = for_each_page(vm, r->start, r->end, 0, share_page, child);
    }
    flush_all(vm); /* the parent's writable translations are stale now */
    mutex_unlock(&vm->lock);
    if (err) {
        /* The parent's pages that were shared get their references back; a
         * write to one of them finds it unshared and just makes it writable. */
        vm_destroy(child);
        return NULL;
    }
    return child;
}

int vm_map(struct vm_space *vm, uintptr_t start, uintptr_t len, unsigned flags,
           struct file *file, uint64_t offset, uint64_t file_size)
{
    struct vm_region *r;
    uintptr_t end;

    if (user_range(start, len, &end) < 0 || start < PAGE_SIZE || (flags & ~VM_FLAGS_MASK))
        return -EINVAL;
    if (file && (!(flags & VM_PRIVATE) || (flags & VM_GROWSDOWN) || (offset & (PAGE_SIZE - 1))))
        return -EINVAL;
    if (!file)
        offset = file_size = 0;
    mutex_lock(&vm->lock);
    if (!range_free(vm, start, end)) {
        mutex_unlock(&vm->lock);
        return -EINVAL;
    }
    r = region_new(start, end, flags, file, offset, file_size);
    if (r)
        insert_region(vm, r);
    mutex_unlock(&vm->lock);
    return r ? 0 : -ENOMEM;
}

int vm_unmap(struct vm_space *vm, uintptr_t start, uintptr_t len)
{
    uintptr_t end;
    int err;

    if (user_range(start, len, &end) < 0)
        return -EINVAL;
    mutex_lock(&vm->lock);
    err = unmap_locked(vm, start, end);
    mutex_unlock(&vm->lock);
    return err;
}

int vm_protect(struct vm_space *vm, uintptr_t start, uintptr_t len, unsigned flags)
{
    struct vm_region *r, *first, *last, *spare[2] = {NULL, NULL};
    uintptr_t end, cursor;
    int err = 0;

    if (user_range(start, len, &end) < 0 || (flags & ~VM_PROT_MASK))
        return -EINVAL;
    mutex_lock(&vm->lock);
    /* Every page of the range must be mapped. */
    cursor = start;
    for (r = vm->regions; r && cursor < end; r = r->next) {
        if (r->end <= cursor)
            continue;
        if (r->start > cursor)
            break;
        cursor = r->end;
    }
    if (cursor < end) {
        err = -ENOMEM;
        goto out;
    }
    /* Regions that stick out of the range are split first. */
    first = find_region(vm, start);
    last = find_region(vm, end - 1);
    if ((first->start < start && !(spare[0] = kmalloc(sizeof(struct vm_region)))) ||
        (last->end > end && !(spare[1] = kmalloc(sizeof(struct vm_region))))) {
        err = -ENOMEM;
        goto out;
    }
    if (first->start < start) {
        split_region(first, start, spare[0]);
        if (last == first)
            last = first->next;
        first = first->next;
        spare[0] = NULL;
    }
    if (last->end > end) {
        split_region(last, end, spare[1]);
        spare[1] = NULL;
    }
    for (r = first; r && r->start < end; r = r->next) {
        r->flags = (r->flags & ~(unsigned)VM_PROT_MASK) | flags;
        for_each_page(vm, r->start, r->end, 0, reprotect_page, r);
    }
out:
    mutex_unlock(&vm->lock);
    kfree(spare[0]);
    kfree(spare[1]);
    return err;
}

/* The lowest address a stack region r may grow to without another region's help. */
static uintptr_t stack_floor(const struct vm_region *r)
{
    return r->end > VM_STACK_MAX + PAGE_SIZE ? r->end - VM_STACK_MAX - PAGE_SIZE : 0;
}

uintptr_t vm_find_free(struct vm_space *vm, uintptr_t len)
{
    uintptr_t lo = PAGE_SIZE, hi, best = 0;

    if (len == 0 || len > USER_TOP)
        return 0;
    len = PAGE_ALIGN_UP(len);
    mutex_lock(&vm->lock);
    for (struct vm_region *r = vm->regions;; r = r->next) {
        hi = r ? r->start : USER_TOP;
        if (r && (r->flags & VM_GROWSDOWN) && stack_floor(r) < hi)
            hi = stack_floor(r); /* leave room for the stack to grow to VM_STACK_MAX */
        if (hi > lo && hi - lo >= len)
            best = hi - len; /* the highest gap that fits wins */
        if (!r)
            break;
        if (r->end > lo)
            lo = r->end;
    }
    mutex_unlock(&vm->lock);
    return best;
}

int vm_brk_init(struct vm_space *vm, uintptr_t start)
{
    start = PAGE_ALIGN_UP(start);
    if (start < PAGE_SIZE || start >= USER_TOP)
        return -EINVAL;
    mutex_lock(&vm->lock);
    vm->brk_start = vm->brk = start;
    mutex_unlock(&vm->lock);
    return 0;
}

/* Extend the heap from old_end to new_end (page-aligned); 0 or -errno. */
static int grow_heap(struct vm_space *vm, uintptr_t old_end, uintptr_t new_end)
{
    struct vm_region *prev = old_end > PAGE_SIZE ? find_region(vm, old_end - 1) : NULL, *r;

    if (!range_free(vm, old_end, new_end))
        return -ENOMEM;
    for (r = vm->regions; r && r->start < new_end; r = r->next)
        ;
    if (r && (r->flags & VM_GROWSDOWN) && r->start - new_end < PAGE_SIZE)
        return -ENOMEM; /* keep the stack's guard page */
    if (prev && prev->end == old_end && !prev->file && prev->flags == (VM_READ | VM_WRITE)) {
        prev->end = new_end;
        return 0;
    }
    r = region_new(old_end, new_end, VM_READ | VM_WRITE, NULL, 0, 0);
    if (!r)
        return -ENOMEM;
    insert_region(vm, r);
    return 0;
}

uintptr_t vm_brk(struct vm_space *vm, uintptr_t new_brk)
{
    uintptr_t old_end, new_end, result;
    int err = 0;

    mutex_lock(&vm->lock);
    if (vm->brk_start && new_brk >= vm->brk_start && new_brk <= USER_TOP) {
        old_end = PAGE_ALIGN_UP(vm->brk);
        new_end = PAGE_ALIGN_UP(new_brk);
        if (new_end > old_end)
            err = grow_heap(vm, old_end, new_end);
        else if (new_end < old_end)
            err = unmap_locked(vm, new_end, old_end);
        if (!err)
            vm->brk = new_brk;
    }
    result = vm->brk;
    mutex_unlock(&vm->lock);
    return result;
}

/* A fault at addr below every region that contains it: extend the stack above? */
static struct vm_region *grow_stack(struct vm_space *vm, uintptr_t addr)
{
    struct vm_region *prev = NULL, *r = vm->regions;
    uintptr_t new_start = PAGE_ALIGN_DOWN(addr);

    while (r && r->end <= addr) {
        prev = r;
        r = r->next;
    }
    if (!r || !(r->flags & VM_GROWSDOWN) || r->start - addr > VM_STACK_GROW_MAX)
        return NULL;
    if (r->end - new_start > VM_STACK_MAX)
        return NULL;
    if (new_start < (prev ? prev->end : 0) + PAGE_SIZE) /* the guard page, or page 0 */
        return NULL;
    r->start = new_start;
    return r;
}

/* A write to a present read-only page of a writable region. */
static int break_cow(struct vm_space *vm, struct vm_region *r, uintptr_t va, pte_t *pte)
{
    uintptr_t old = *pte & PTE_ADDR_MASK, copy;

    if (pmm_page_refcount(old) == 1) { /* the last user: take it over */
        *pte = pte_for(r, old, 1);
        flush_page(vm, va);
        return 0;
    }
    copy = pmm_alloc_page();
    if (!copy)
        return -ENOMEM;
    memcpy(P2V(copy), P2V(old), PAGE_SIZE);
    *pte = pte_for(r, copy, 1);
    flush_page(vm, va);
    pmm_page_unref(old);
    return 0;
}

/* A page touched for the first time: zeros, or the file's bytes and zeros. */
static int fill_page(struct vm_space *vm, struct vm_region *r, uintptr_t va, pte_t *pte)
{
    uintptr_t pa = pmm_alloc_page();
    uint64_t in_region = va - r->start;

    if (!pa)
        return -ENOMEM;
    memset(P2V(pa), 0, PAGE_SIZE);
    if (r->file && in_region < r->file_size) {
        uint64_t want = r->file_size - in_region;
        long got = vfs_pread(r->file, P2V(pa), want < PAGE_SIZE ? (size_t)want : PAGE_SIZE,
                             r->file_offset + in_region);
        if (got < 0) {
            pmm_free_page(pa);
            return -EIO;
        }
        /* A file shorter than the mapping says reads as zeros past its end. */
    }
    *pte = pte_for(r, pa, 1);
    vm->pages++;
    flush_page(vm, va);
    return 0;
}

int vm_fault_locked(struct vm_space *vm, uintptr_t addr, int write)
{
    struct vm_region *r;
    uintptr_t va = PAGE_ALIGN_DOWN(addr);
    pte_t *pte;

    if (addr >= USER_TOP)
        return -EFAULT;
    r = find_region(vm, addr);
    if (!r)
        r = grow_stack(vm, addr);
    if (!r || !(r->flags & VM_PROT_MASK) || (write && !(r->flags & VM_WRITE)))
        return -EFAULT;
    pte = paging_pte(vm->pgdir, va, 1);
    if (!pte)
        return -ENOMEM;
    if (!pte_has_page(*pte))
        return fill_page(vm, r, va, pte);
    if (!(*pte & PTE_PRESENT)) { /* cannot happen: vm_protect rewrites every PTE */
        *pte = pte_for(r, *pte & PTE_ADDR_MASK, 0);
        flush_page(vm, va);
    }
    if (write && !(*pte & PTE_WRITE))
        return break_cow(vm, r, va, pte);
    /* Already allowed: a stale translation (another CPU's change); drop it. */
    flush_page(vm, va);
    return 0;
}

int vm_fault(struct vm_space *vm, uintptr_t addr, int write)
{
    int err;

    mutex_lock(&vm->lock);
    err = vm_fault_locked(vm, addr, write);
    mutex_unlock(&vm->lock);
    return err;
}
