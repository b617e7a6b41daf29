/*
 * malloc.c - the heap: malloc, free, calloc and realloc over sbrk.
 *
 * A first-fit allocator, simple on purpose (the full libc replaces it with
 * size classes). Every block starts with a header that holds its size and a
 * magic word (in use or free); payloads are 16-byte aligned. Free blocks are
 * kept on one list in address order, so that free() can merge a block with
 * the free blocks right before and after it: the heap never holds two
 * adjacent free blocks. malloc takes the first free block large enough and
 * splits off the rest when that is a usable block; when none fits, the heap
 * grows with sbrk by at least 64 KiB, and the new space joins the free list
 * like a freed block (merging with a free block that ends at the old break).
 * Memory is never given back to the kernel.
 *
 * The magic words catch double frees and frees of pointers malloc did not
 * return (the program is aborted with a message, see __libc_fatal).
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

#define ALIGNMENT 16
#define GROW_MIN (64 * 1024)
#define GROW_ROUND 4096
/* Values unlikely to be left in a header by anything but this file. */
#define MAGIC_USED 0xa110c8edu
#define MAGIC_FREE 0xf7eeb10cu

struct block {
    size_t size;        /* the whole block, header included; a multiple of ALIGNMENT */
    uint32_t magic;     /* MAGIC_USED or MAGIC_FREE */
    struct block *next; /* the next free block by address (free blocks only) */
};

#define HEADER ((sizeof(struct block) + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1))
#define MIN_BLOCK (HEADER + ALIGNMENT)
/* The largest request whose block size does not overflow. */
#define MAX_REQUEST (SIZE_MAX / 2)

static struct block *free_list; /* free blocks in address order */

static void *payload(struct block *b)
{
    return (char *)b + HEADER;
}

static struct block *block_of(void *p)
{
    return (struct block *)((char *)p - HEADER);
}

static char *block_end(struct block *b)
{
    return (char *)b + b->size;
}

static size_t block_size_for(size_t n)
{
    size_t need = (n + HEADER + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);

    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* Put b on the free list in address order, merged with its free neighbours. */
static void insert_free(struct block *b)
{
    struct block *prev = NULL, *next = free_list;

    while (next && next < b) {
        prev = next;
        next = next->next;
    }
    if ((next && block_end(b) > (char *)next) || (prev && block_end(prev) > (char *)b))
        __libc_fatal("free(): heap corrupted (a freed block overlaps a free one)");
    b->magic = MAGIC_FREE;
    b->next = next;
    if (next && block_end(b) == (char *)next) {
        b->size += next->size;
        b->next = next->next;
        next->magic = 0;
    }
    if (prev && block_end(prev) == (char *)b) {
        prev->size += b->size;
        prev->next = b->next;
        b->magic = 0;
    } else if (prev) {
        prev->next = b;
    } else {
        free_list = b;
    }
}

/* Add at least need bytes of new heap to the free list; -1 with ENOMEM when sbrk fails. */
static int grow(size_t need)
{
    size_t size = need < GROW_MIN ? GROW_MIN : need;
    char *got, *start;
    struct block *b;

    size = (size + GROW_ROUND - 1) & ~(size_t)(GROW_ROUND - 1);
    if (size < need || size > (size_t)INTPTR_MAX - ALIGNMENT) {
        errno = ENOMEM;
        return -1;
    }
    /* ALIGNMENT spare bytes: the break need not be aligned (a program may move it). */
    got = sbrk((intptr_t)(size + ALIGNMENT));
    if (got == (void *)-1) {
        errno = ENOMEM;
        return -1;
    }
    start = (char *)(((uintptr_t)got + ALIGNMENT - 1) & ~(uintptr_t)(ALIGNMENT - 1));
    b = (struct block *)start;
    b->size = (size_t)(got + size + ALIGNMENT - start) & ~(size_t)(ALIGNMENT - 1);
    insert_free(b);
    return 0;
}

/* Take the first free block of at least need bytes off the list, split; NULL if none. */
static struct block *take_first_fit(size_t need)
{
    struct block **link = &free_list;

    for (struct block *b = free_list; b; link = &b->next, b = b->next) {
        if (b->size < need)
            continue;
        if (b->size - need >= MIN_BLOCK) {
            struct block *rest = (struct block *)((char *)b + need);
            rest->size = b->size - need;
            rest->magic = MAGIC_FREE;
            rest->next = b->next;
            *link = rest;
            b->size = need;
        } else {
            *link = b->next;
        }
        b->magic = MAGIC_USED;
        b->next = NULL;
        return b;
    }
    return NULL;
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
    if (b->magic != MAGIC_USED)
        __libc_fatal("free/realloc(): invalid pointer (not from malloc, or heap corrupted)");
    return b;
}

void free(void *p)
{
    if (p)
        insert_free(checked_block(p));
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

/* Shrink b, in use, to need bytes when the rest makes a block; the rest is freed. */
static void trim(struct block *b, size_t need)
{
    if (b->size - need >= MIN_BLOCK) {
        struct block *rest = (struct block *)((char *)b + need);
        rest->size = b->size - need;
        b->size = need;
        insert_free(rest);
    }
}

void *realloc(void *p, size_t n)
{
    struct block *b, **link, *next;
    size_t need;
    void *q;

    if (!p)
        return malloc(n);
    b = checked_block(p);
    if (n == 0) {
        insert_free(b);
        return NULL;
    }
    if (n > MAX_REQUEST) {
        errno = ENOMEM;
        return NULL;
    }
    need = block_size_for(n);
    if (b->size >= need) {
        trim(b, need);
        return p;
    }
    /* Grow in place when the block right after this one is free and large enough. */
    for (link = &free_list; *link && *link < b; link = &(*link)->next)
        ;
    next = *link;
    if (next && (char *)next == block_end(b) && b->size + next->size >= need) {
        *link = next->next;
        next->magic = 0;
        b->size += next->size;
        trim(b, need);
        return p;
    }
    q = malloc(n);
    if (!q)
        return NULL; /* p is left as it was, as C requires */
    memcpy(q, p, b->size - HEADER);
    insert_free(b);
    return q;
}
