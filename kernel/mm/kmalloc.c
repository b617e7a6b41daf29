/*
 * kmalloc.c - the kernel heap (see kmalloc.h).
 *
 * Layout of every block: a 16-byte header, the caller's bytes, then a red zone
 * of at least KMALLOC_REDZONE bytes of REDZONE_BYTE up to the end of the slot.
 *
 * Small blocks (slot size up to 2048) live in slabs: 16 KiB blocks from the
 * page allocator, aligned to 16 KiB, split into equal slots; the slab's
 * descriptor fills the first slot(s). kfree finds the slab by rounding the
 * address down to 16 KiB. A free slot's header is on its class's free list of
 * that slab and the rest of the slot is filled with POISON_BYTE; allocation
 * checks that the poison is intact (a write after free). Large blocks are
 * page blocks with the header at their start.
 *
 * kmalloc_lock guards every slab, the class lists and the statistics.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/spinlock.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <string.h>

#define HEADER_SIZE 16
#define KMALLOC_REDZONE 4
#define STATE_ALLOCATED 0xa110c8edu
#define STATE_FREE 0xf4eeb10cu
#define SLAB_MAGIC 0x51ab51abu
#define REDZONE_BYTE 0xcb
#define POISON_BYTE 0x6b
#define SLAB_ORDER 2
#define SLAB_SIZE (PAGE_SIZE << SLAB_ORDER)
#define CLASS_LARGE 0xffff
#define NCLASSES 7 /* slot sizes 32 .. 2048 */

struct block_header {
    uint32_t state;
    uint32_t size;   /* bytes the caller asked for */
    uint16_t class;  /* size class, or CLASS_LARGE */
    uint16_t order;  /* page order of a large block */
    struct block_header *next_free; /* free-list link while STATE_FREE */
};

struct slab {
    uint32_t magic;
    uint16_t class;
    uint16_t inuse;
    struct block_header *free;
    struct slab *next, *prev; /* in the class's list of slabs with free slots */
    int listed;
};

_Static_assert(sizeof(struct block_header) == HEADER_SIZE, "header size");

static struct spinlock kmalloc_lock = SPINLOCK_INIT_RANKED("kmalloc", RANK_KMALLOC);
static struct slab *partial[NCLASSES]; /* slabs with at least one free slot */
static struct kmalloc_stats stats;
static kmalloc_error_hook_t error_hook;

static uint32_t slot_size(int class)
{
    return 32u << class;
}

static uint32_t first_slot(int class)
{
    uint32_t s = slot_size(class);
    return (sizeof(struct slab) + s - 1) / s * s;
}

void kmalloc_set_error_hook(kmalloc_error_hook_t hook)
{
    error_hook = hook;
}

/* Called with kmalloc_lock held; releases it only to panic. */
static void report(const char *what, const void *block)
{
    stats.errors++;
    if (error_hook) {
        error_hook(what, block);
        return;
    }
    spin_unlock(&kmalloc_lock);
    panic("kmalloc: %s (block %p)", what, block);
}

static void list_add(struct slab *s)
{
    s->prev = NULL;
    s->next = partial[s->class];
    if (s->next)
        s->next->prev = s;
    partial[s->class] = s;
    s->listed = 1;
}

static void list_del(struct slab *s)
{
    if (s->prev)
        s->prev->next = s->next;
    else
        partial[s->class] = s->next;
    if (s->next)
        s->next->prev = s->prev;
    s->listed = 0;
}

static struct slab *slab_create(int class)
{
    uintptr_t pa = pmm_alloc_pages(SLAB_ORDER);
    struct slab *s;
    uint32_t size = slot_size(class);

    if (!pa)
        return NULL;
    s = P2V(pa);
    s->magic = SLAB_MAGIC;
    s->class = (uint16_t)class;
    s->inuse = 0;
    s->free = NULL;
    for (uint32_t off = SLAB_SIZE - size; off >= first_slot(class); off -= size) {
        struct block_header *h = (struct block_header *)((uint8_t *)s + off);
        memset(h + 1, POISON_BYTE, size - HEADER_SIZE);
        h->state = STATE_FREE;
        h->class = (uint16_t)class;
        h->next_free = s->free;
        s->free = h;
    }
    stats.slabs++;
    list_add(s);
    return s;
}

static int poison_intact(const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (p[i] != POISON_BYTE)
            return 0;
    return 1;
}

static void *alloc_small(int class, size_t size)
{
    struct slab *s = partial[class];
    struct block_header *h;
    uint32_t slot = slot_size(class);

    if (!s && !(s = slab_create(class)))
        return NULL;
    h = s->free;
    s->free = h->next_free;
    if (!s->free)
        list_del(s);
    s->inuse++;
    if (h->state != STATE_FREE || !poison_intact((uint8_t *)(h + 1), slot - HEADER_SIZE))
        report("a freed block was written to (use after free)", h + 1);
    h->state = STATE_ALLOCATED;
    h->size = (uint32_t)size;
    h->next_free = NULL;
    memset((uint8_t *)(h + 1) + size, REDZONE_BYTE, slot - HEADER_SIZE - size);
    return h + 1;
}

static void *alloc_large(size_t size)
{
    unsigned order = 0;
    uintptr_t pa;
    struct block_header *h;

    while ((PAGE_SIZE << order) < size + HEADER_SIZE + KMALLOC_REDZONE) {
        if (++order > PMM_MAX_ORDER)
            return NULL;
    }
    pa = pmm_alloc_pages(order);
    if (!pa)
        return NULL;
    h = P2V(pa);
    h->state = STATE_ALLOCATED;
    h->size = (uint32_t)size;
    h->class = CLASS_LARGE;
    h->order = (uint16_t)order;
    h->next_free = NULL;
    memset((uint8_t *)(h + 1) + size, REDZONE_BYTE,
           (PAGE_SIZE << order) - HEADER_SIZE - size);
    return h + 1;
}

void *kmalloc(size_t size)
{
    void *p;
    int class = 0;

    if (size > (PAGE_SIZE << PMM_MAX_ORDER))
        return NULL;
    while (class < NCLASSES && slot_size(class) < size + HEADER_SIZE + KMALLOC_REDZONE)
        class++;
    spin_lock(&kmalloc_lock);
    p = class < NCLASSES ? alloc_small(class, size) : alloc_large(size);
    if (p) {
        stats.blocks_in_use++;
        stats.bytes_in_use += (uint32_t)size;
    }
    spin_unlock(&kmalloc_lock);
    return p;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);

    if (p)
        memset(p, 0, size);
    return p;
}

static int redzone_intact(const struct block_header *h, uint32_t block_size)
{
    const uint8_t *z = (const uint8_t *)(h + 1) + h->size;

    for (uint32_t i = 0; i < block_size - HEADER_SIZE - h->size; i++)
        if (z[i] != REDZONE_BYTE)
            return 0;
    return 1;
}

void kfree(void *p)
{
    struct block_header *h;
    struct slab *s;
    uint32_t block_size;

    if (!p)
        return;
    spin_lock(&kmalloc_lock);
    h = (struct block_header *)p - 1;
    if (((uintptr_t)p & (HEADER_SIZE - 1)) || (uintptr_t)p < KERNEL_BASE + PAGE_SIZE ||
        V2P(p) >= pmm_lowmem_end()) {
        report("free of a pointer kmalloc never returned", p);
        goto out;
    }
    if (h->state == STATE_FREE) {
        report("double free", p);
        goto out;
    }
    if (h->state != STATE_ALLOCATED ||
        (h->class != CLASS_LARGE && h->class >= NCLASSES) ||
        (h->class == CLASS_LARGE && ((uintptr_t)h & (PAGE_SIZE - 1)))) {
        report("free of a pointer kmalloc never returned, or its header was overwritten", p);
        goto out;
    }
    block_size = h->class == CLASS_LARGE ? PAGE_SIZE << h->order : slot_size(h->class);
    if (h->size > block_size - HEADER_SIZE - KMALLOC_REDZONE) {
        report("header overwritten", p);
        goto out;
    }
    if (!redzone_intact(h, block_size)) {
        report("write past the end of the block", p);
        goto out;
    }
    stats.blocks_in_use--;
    stats.bytes_in_use -= h->size;

    if (h->class == CLASS_LARGE) {
        h->state = STATE_FREE;
        pmm_free_pages(V2P(h), h->order);
        goto out;
    }
    s = (struct slab *)((uintptr_t)h & ~(uintptr_t)(SLAB_SIZE - 1));
    if (s->magic != SLAB_MAGIC) {
        report("slab descriptor overwritten", p);
        goto out;
    }
    memset(p, POISON_BYTE, block_size - HEADER_SIZE);
    h->state = STATE_FREE;
    h->next_free = s->free;
    s->free = h;
    s->inuse--;
    if (!s->listed)
        list_add(s);
    if (s->inuse == 0 && (s->next || s->prev)) {
        /* Empty and not the class's only slab with room: return it. */
        list_del(s);
        s->magic = 0;
        stats.slabs--;
        pmm_free_pages(V2P(s), SLAB_ORDER);
    }
out:
    spin_unlock(&kmalloc_lock);
}

void kmalloc_get_stats(struct kmalloc_stats *st)
{
    spin_lock(&kmalloc_lock);
    *st = stats;
    spin_unlock(&kmalloc_lock);
}
