/*
 * malloc.c - the heap: malloc, free, calloc and realloc over sbrk.
 *
 * A first-fit allocator, simple on purpose (the full libc replaces it with
 * size classes). Every block starts with a header that holds its size, the
 * size of the block right before it when that one is free (0 when it is in
 * use), and a magic word (in use or free); payloads are 16-byte aligned.
 * Those two sizes let free() find both neighbours of a block at once and
 * merge it with the free ones, so the heap never holds two adjacent free
 * blocks and free costs the same however many blocks are live. Free blocks
 * are kept on one doubly linked list, whose links sit where the payload
 * would be: a freed block that joins a free neighbour takes its place on
 * the list, one with none goes first. malloc takes the first free block
 * large enough and splits off the rest when that is a usable block; when
 * none fits, the heap grows with sbrk by at least 64 KiB.
 *
 * Each stretch of memory got from sbrk ends with a fence: a header-only
 * block, never free, so that the block after the last one always exists.
 * When sbrk continues right where the last stretch ended, the old fence
 * becomes the start of the new free space, which merges with a free block
 * before it. The heap itself never shrinks; memory goes back to the kernel
 * through the large blocks: a request of MAP_MIN bytes or more gets pages of
 * its own from mmap (its header says MAGIC_MAPPED), and free unmaps them.
 *
 * The magic words catch double frees and frees of pointers malloc did not
 * return (the program is aborted with a message, see __libc_fatal).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../internal.h"

#define ALIGNMENT 16
#define GROW_MIN (64 * 1024)
#define GROW_ROUND 4096
/* Values unlikely to be left in a header by anything but this file. */
#define MAGIC_USED 0xa110c8edu
#define MAGIC_FREE 0xf7eeb10cu
#define MAGIC_FENCE 0xfe9ce000u
#define MAGIC_MAPPED 0x3a99edb1u
#define MAP_MIN (256 * 1024) /* blocks this large are mapped on their own */

struct block {
    size_t size;      /* the whole block, header included; a multiple of ALIGNMENT */
    size_t prev_size; /* the size of the block right before this one if it is free, else 0 */
    uint32_t magic;   /* MAGIC_USED, MAGIC_FREE, MAGIC_FENCE or MAGIC_MAPPED */
    /* Free blocks only, in the space of the payload: */
    struct block *next_free, *prev_free;
};

#define HEADER                                                                                     \
    ((offsetof(struct block, next_free) + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1))
#define MIN_BLOCK (HEADER + ALIGNMENT)
_Static_assert(MIN_BLOCK >= sizeof(struct block), "a free block holds its list links");
/* The largest request whose block size does not overflow. */
#define MAX_REQUEST (SIZE_MAX / 2)

static struct block *free_list;  /* free blocks, the most recently freed first */
static struct block *last_fence; /* the fence of the stretch sbrk gave last */
static char *heap_brk;           /* the break after that stretch */

static void *payload(struct block *b)
{
    return (char *)b + HEADER;
}

static struct block *block_of(void *p)
{
    return (struct block *)((char *)p - HEADER);
}

static struct block *block_after(struct block *b)
{
    return (struct block *)((char *)b + b->size);
}

static size_t block_size_for(size_t n)
{
    size_t need = (n + HEADER + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);

    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

static void unlink_free(struct block *b)
{
    if (b->prev_free)
        b->prev_free->next_free = b->next_free;
    else
        free_list = b->next_free;
    if (b->next_free)
        b->next_free->prev_free = b->prev_free;
}

/*
 * Put the free block with on the list where b was. The links are read
 * before they are written, since with's header may lie over b's links.
 */
static void replace_free(struct block *b, struct block *with)
{
    struct block *prev_free = b->prev_free, *next_free = b->next_free;

    with->prev_free = prev_free;
    with->next_free = next_free;
    if (prev_free)
        prev_free->next_free = with;
    else
        free_list = with;
    if (next_free)
        next_free->prev_free = with;
}

/*
 * Make b, which is not on the free list, a free block, merged with the free
 * blocks before and after it, and record its size in the header of the
 * block that follows. A merged block keeps the list place of the free
 * neighbour it joined (the one before, if both are free), which spares
 * moving it; a block with no free neighbour goes first on the list.
 */
static void release(struct block *b)
{
    struct block *next = block_after(b);

    if (b->prev_size) {
        struct block *prev = (struct block *)((char *)b - b->prev_size);
        if (prev->magic != MAGIC_FREE || prev->size != b->prev_size)
            __libc_fatal("free(): heap corrupted (the block before is not what it says)");
        prev->size += b->size;
        b->magic = 0;
        b = prev;
        if (next->magic == MAGIC_FREE) {
            unlink_free(next);
            b->size += next->size;
            next->magic = 0;
        }
    } else if (next->magic == MAGIC_FREE) {
        replace_free(next, b);
        b->size += next->size;
        next->magic = 0;
        b->magic = MAGIC_FREE;
    } else {
        b->magic = MAGIC_FREE;
        b->prev_free = NULL;
        b->next_free = free_list;
        if (free_list)
            free_list->prev_free = b;
        free_list = b;
    }
    block_after(b)->prev_size = b->size;
}

/* Add at least need bytes of new heap to the free list; -1 with ENOMEM when sbrk fails. */
static int grow(size_t need)
{
    size_t size = need < GROW_MIN ? GROW_MIN : need;
    char *got, *end;
    struct block *b, *fence;

    /* Room for the new fence, and ALIGNMENT spare bytes: the break need not be
       aligned (a program may move it). */
    size = (size + HEADER + GROW_ROUND - 1) & ~(size_t)(GROW_ROUND - 1);
    if (size < need || size > (size_t)INTPTR_MAX - ALIGNMENT) {
        errno = ENOMEM;
        return -1;
    }
    got = sbrk((intptr_t)(size + ALIGNMENT));
    if (got == (void *)-1) {
        errno = ENOMEM;
        return -1;
    }
    if (last_fence && got == heap_brk) {
        b = last_fence; /* keeps its prev_size: the block before may be free */
    } else {
        b = (struct block *)(((uintptr_t)got + ALIGNMENT - 1) & ~(uintptr_t)(ALIGNMENT - 1));
        b->prev_size = 0;
    }
    heap_brk = got + size + ALIGNMENT;
    end = (char *)((uintptr_t)heap_brk & ~(uintptr_t)(ALIGNMENT - 1));
    fence = (struct block *)(end - HEADER);
    fence->size = HEADER;
    fence->magic = MAGIC_FENCE;
    fence->prev_size = 0;
    last_fence = fence;
    b->size = (size_t)((char *)fence - (char *)b);
    release(b);
    return 0;
}

/*
 * Shrink b, in use, to need bytes when the rest makes a block; the rest is
 * freed. Either way, b's neighbour afterwards learns that b is in use.
 */
static void trim(struct block *b, size_t need)
{
    if (b->size - need >= MIN_BLOCK) {
        struct block *rest = (struct block *)((char *)b + need);
        rest->size = b->size - need;
        rest->prev_size = 0;
        b->size = need;
        release(rest);
    } else {
        block_after(b)->prev_size = 0;
    }
}

/* Take the first free block of at least need bytes off the list, split; NULL if none. */
static struct block *take_first_fit(size_t need)
{
    for (struct block *b = free_list; b; b = b->next_free) {
        if (b->size < need)
            continue;
        if (b->size - need >= MIN_BLOCK) {
            /* The rest stays free, in b's place on the list. */
            struct block *rest = (struct block *)((char *)b + need);
            rest->size = b->size - need;
            rest->prev_size = 0;
            rest->magic = MAGIC_FREE;
            replace_free(b, rest);
            block_after(rest)->prev_size = rest->size;
            b->size = need;
        } else {
            unlink_free(b);
            block_after(b)->prev_size = 0;
        }
        b->magic = MAGIC_USED;
        return b;
    }
    return NULL;
}

/* A block of need bytes in pages of its own (size rounded up to pages), or NULL. */
static struct block *map_block(size_t need)
{
    size_t size = (need + GROW_ROUND - 1) & ~(size_t)(GROW_ROUND - 1);
    struct block *b = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if (b == MAP_FAILED)
        return NULL;
    b->size = size;
    b->prev_size = 0;
    b->magic = MAGIC_MAPPED;
    return b;
}

static void unmap_block(struct block *b)
{
    b->magic = 0;
    munmap(b, b->size);
}

void *malloc(size_t n)
{
    struct block *b;
    size_t need;

    if (n > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    need = block_size_for(n);
    if (need >= MAP_MIN && (b = map_block(need)))
        return payload(b); /* else the heap may still have room */
    b = take_first_fit(need);
    if (!b) {
        if (grow(need) < 0)
            return NULL;
        b = take_first_fit(need);
    }
    return b ? payload(b) : NULL;
}

/* The header of p, which must be a block in use. */
static struct block *checked_block(void *p)
{
    struct block *b = block_of(p);

    if ((uintptr_t)p & (ALIGNMENT - 1))
        __libc_fatal("free/realloc(): invalid pointer (misaligned)");
    if (b->magic == MAGIC_FREE)
        __libc_fatal("free/realloc(): pointer already freed (double free)");
    if (b->magic != MAGIC_USED && b->magic != MAGIC_MAPPED)
        __libc_fatal("free/realloc(): invalid pointer (not from malloc, or heap corrupted)");
    return b;
}

/* Give a block in use back: to the heap, or to the kernel when it was mapped. */
static void put_back(struct block *b)
{
    if (b->magic == MAGIC_MAPPED)
        unmap_block(b);
    else
        release(b);
}

void free(void *p)
{
    if (p)
        put_back(checked_block(p));
}

void *calloc(size_t count, size_t size)
{
    size_t total;
    void *p;

    if (__builtin_mul_overflow(count, size, &total)) {
        errno = ENOMEM;
        return NULL;
    }
    p = malloc(total);
    if (p)
        memset(p, 0, total);
    return p;
}

void *realloc(void *p, size_t n)
{
    struct block *b, *next;
    size_t need;
    void *q;

    if (!p)
        return malloc(n);
    b = checked_block(p);
    if (n == 0) {
        put_back(b);
        return NULL;
    }
    if (n > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    need = block_size_for(n);
    if (b->magic == MAGIC_MAPPED) {
        if (b->size >= need)
            return p; /* its pages have room */
        q = malloc(n);
        if (!q)
            return NULL;
        memcpy(q, p, b->size - HEADER);
        unmap_block(b);
        return q;
    }
    if (b->size >= need) {
        trim(b, need);
        return p;
    }
    /* Grow in place when the block right after this one is free and large enough. */
    next = block_after(b);
    if (next->magic == MAGIC_FREE && b->size + next->size >= need) {
        size_t total = b->size + next->size;
        if (total - need >= MIN_BLOCK) {
            /* The rest of next stays free, in next's place on the list. */
            struct block *rest = (struct block *)((char *)b + need);
            next->magic = 0;
            replace_free(next, rest);
            rest->size = total - need;
            rest->prev_size = 0;
            rest->magic = MAGIC_FREE;
            block_after(rest)->prev_size = rest->size;
            b->size = need;
        } else {
            unlink_free(next);
            next->magic = 0;
            b->size = total;
            block_after(b)->prev_size = 0;
        }
        return p;
    }
    q = malloc(n);
    if (!q)
        return NULL; /* p is left as it was, as C requires */
    memcpy(q, p, b->size - HEADER);
    release(b);
    return q;
}
