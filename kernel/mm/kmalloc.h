/*
 * kmalloc.h - the kernel heap: small blocks from slabs of size classes, large
 * ones straight from the page allocator. Every block carries a header and a
 * red zone so that a double free, a free of a bad pointer, a write past the
 * end of a block and a write to a freed block are caught (docs/memory.md).
 */
#ifndef MM_KMALLOC_H
#define MM_KMALLOC_H

#include <stddef.h>
#include <stdint.h>

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);

struct kmalloc_stats {
    uint32_t blocks_in_use;
    uint32_t bytes_in_use; /* as requested by callers */
    uint32_t slabs;        /* slab blocks held from the page allocator */
    uint32_t errors;       /* corruption reports so far */
};
void kmalloc_get_stats(struct kmalloc_stats *st);

/*
 * Corruption found by the debug checks panics, unless a hook is installed: then
 * the hook gets the report and the operation is abandoned (the block is left
 * alone). Tests install one to prove the checks fire; NULL restores panicking.
 */
typedef void (*kmalloc_error_hook_t)(const char *what, const void *block);
void kmalloc_set_error_hook(kmalloc_error_hook_t hook);

#endif
