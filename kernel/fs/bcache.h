/*
 * bcache.h - the buffer cache: file-system blocks of a block device, kept in
 * memory, shared by reference count, written back on demand.
 *
 *     struct buf *b = bread(dev, blockno, block_size);   (returns it locked)
 *     ... read or change b->data ...
 *     bdirty(b);      (changed: write back later)   or bwrite(b) (now)
 *     brelse(b);
 *
 * A buffer with a reference is never reused. A pinned buffer (a journal
 * transaction holds it) is never written back by the cache itself. Unreferenced
 * buffers are reused least recently used first; a dirty one is written first.
 */
#ifndef FS_BCACHE_H
#define FS_BCACHE_H

#include <drivers/block/blockdev.h>
#include <proc/mutex.h>
#include <stdint.h>

#define B_VALID 0x1 /* data holds the block's contents */
#define B_DIRTY 0x2 /* data is newer than the disk */

struct buf {
    struct block_device *dev;
    uint32_t blockno; /* in units of size bytes */
    uint32_t size;
    uint8_t *data;
    unsigned flags;   /* B_VALID, B_DIRTY; guarded by lock */
    int pins;         /* transactions holding it; guarded by lock */
    int refcount;     /* guarded by bcache_lock */
    struct mutex lock; /* held by whoever has it from bread() until brelse() */
    struct buf *hash_next;
    struct buf *lru_prev, *lru_next;
};

void bcache_init(uint32_t max_bytes);
/* The block, read if needed, locked and referenced; NULL on an I/O error. */
struct buf *bread(struct block_device *dev, uint32_t blockno, uint32_t size);
/* The block without reading it (the caller will overwrite all of it). */
struct buf *bget_nofill(struct block_device *dev, uint32_t blockno, uint32_t size);
int bwrite(struct buf *b);
void bdirty(struct buf *b);
void brelse(struct buf *b);
void bpin(struct buf *b);
void bunpin(struct buf *b);
/* Write every dirty, unpinned buffer of dev (all devices when NULL), then flush. */
int bcache_sync(struct block_device *dev);
/* Forget every unreferenced buffer of dev (after unmount). */
void bcache_invalidate(struct block_device *dev);
/* Called now and then from idle: writes back buffers dirty for too long. */
void bcache_periodic(void);

struct bcache_stats {
    uint32_t buffers, dirty, hits, misses;
    uint32_t bytes; /* the buffers' data */
};
void bcache_get_stats(struct bcache_stats *st);

#endif
