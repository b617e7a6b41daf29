/*
 * bcache.c - the buffer cache (see bcache.h).
 *
 * All buffers are on one circular list in order of last use (most recent
 * first) and, while they hold a block, on a hash chain keyed by (device,
 * block). bcache_lock guards the list, the chains, refcount and the counters;
 * each buffer's mutex guards its data, flags and pins. A buffer is reused only
 * when its refcount and pins are 0; the cache grows until max_bytes, then
 * recycles from the least recently used end. No I/O happens under bcache_lock.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <clock.h>
#include <fs/bcache.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

#define HASH_SIZE 1024
#define SYNC_BATCH 32
#define WRITEBACK_INTERVAL_NS (5 * NSEC_PER_SEC)

static struct spinlock bcache_lock = SPINLOCK_INIT_RANKED("bcache", RANK_CACHE);
static struct buf *hash_table[HASH_SIZE];
static struct buf lru; /* list head: lru.lru_next is the most recently used */
static uint32_t max_bytes, used_bytes;
static struct bcache_stats stats;
static uint64_t last_writeback;

static unsigned hash_of(struct block_device *dev, uint32_t blockno)
{
    return ((uintptr_t)dev / 16 * 31 + blockno) % HASH_SIZE;
}

void bcache_init(uint32_t bytes)
{
    max_bytes = bytes;
    lru.lru_next = lru.lru_prev = &lru;
}

static void lru_unlink(struct buf *b)
{
    b->lru_prev->lru_next = b->lru_next;
    b->lru_next->lru_prev = b->lru_prev;
}

static void lru_push_front(struct buf *b)
{
    b->lru_next = lru.lru_next;
    b->lru_prev = &lru;
    lru.lru_next->lru_prev = b;
    lru.lru_next = b;
}

static void hash_remove(struct buf *b)
{
    struct buf **p = &hash_table[hash_of(b->dev, b->blockno)];

    while (*p && *p != b)
        p = &(*p)->hash_next;
    if (*p)
        *p = b->hash_next;
    b->hash_next = NULL;
}

static struct buf *hash_find(struct block_device *dev, uint32_t blockno)
{
    for (struct buf *b = hash_table[hash_of(dev, blockno)]; b; b = b->hash_next)
        if (b->dev == dev && b->blockno == blockno)
            return b;
    return NULL;
}

static int write_out(struct buf *b)
{
    uint32_t per = b->size / b->dev->sector_size;
    int err = blockdev_write(b->dev, (uint64_t)b->blockno * per, per, b->data);

    if (err == 0)
        b->flags &= ~B_DIRTY;
    return err;
}

/* A fresh or recycled buffer for a block not in the cache; bcache_lock held. */
static struct buf *take_victim(uint32_t size)
{
    struct buf *b;

    if (used_bytes + size <= max_bytes) {
        b = kzalloc(sizeof *b);
        if (b && !(b->data = kmalloc(size))) {
            kfree(b);
            b = NULL;
        }
        if (b) {
            mutex_init(&b->lock, "buf");
            b->size = size;
            used_bytes += size;
            stats.buffers++;
            lru_push_front(b);
            return b;
        }
    }
    for (b = lru.lru_prev; b != &lru; b = b->lru_prev)
        if (b->refcount == 0 && b->pins == 0)
            return b;
    return NULL;
}

static struct buf *get(struct block_device *dev, uint32_t blockno, uint32_t size)
{
    struct buf *b;

    for (;;) {
        spin_lock(&bcache_lock);
        b = hash_find(dev, blockno);
        if (b) {
            b->refcount++;
            stats.hits++;
            lru_unlink(b);
            lru_push_front(b);
            spin_unlock(&bcache_lock);
            mutex_lock(&b->lock);
            if (b->size != size)
                panic("bcache: %s block %lu read with size %lu, cached with %lu", dev->name,
                      (unsigned long)blockno, (unsigned long)size, (unsigned long)b->size);
            return b;
        }
        stats.misses++;
        b = take_victim(size);
        if (!b) {
            spin_unlock(&bcache_lock);
            panic("bcache: every buffer is in use or pinned");
        }
        b->refcount = 1;
        if (b->dev)
            hash_remove(b);
        spin_unlock(&bcache_lock);

        /* The victim is ours now; write it back if needed, outside the spinlock. */
        mutex_lock(&b->lock);
        if (b->dev && (b->flags & B_DIRTY) && write_out(b) != 0)
            kprintf("bcache: write-back of %s block %lu failed; data lost\n", b->dev->name,
                    (unsigned long)b->blockno);
        if (b->size != size) {
            uint8_t *data = kmalloc(size);
            if (!data)
                panic("bcache: out of memory");
            kfree(b->data);
            spin_lock(&bcache_lock);
            used_bytes = used_bytes - b->size + size;
            spin_unlock(&bcache_lock);
            b->data = data;
            b->size = size;
        }
        b->flags = 0;
        b->pins = 0;

        spin_lock(&bcache_lock);
        if (hash_find(dev, blockno)) {
            /* Another CPU cached the block meanwhile: give the victim back and retry. */
            b->dev = NULL;
            b->refcount = 0;
            spin_unlock(&bcache_lock);
            mutex_unlock(&b->lock);
            continue;
        }
        b->dev = dev;
        b->blockno = blockno;
        b->hash_next = hash_table[hash_of(dev, blockno)];
        hash_table[hash_of(dev, blockno)] = b;
        lru_unlink(b);
        lru_push_front(b);
        spin_unlock(&bcache_lock);
        return b;
    }
}

struct buf *bread(struct block_device *dev, uint32_t blockno, uint32_t size)
{
    struct buf *b = get(dev, blockno, size);

    if (!(b->flags & B_VALID)) {
        uint32_t per = size / dev->sector_size;
        if (blockdev_read(dev, (uint64_t)blockno * per, per, b->data) != 0) {
            brelse(b);
            return NULL;
        }
        b->flags |= B_VALID;
    }
    return b;
}

struct buf *bget_nofill(struct block_device *dev, uint32_t blockno, uint32_t size)
{
    struct buf *b = get(dev, blockno, size);

    b->flags |= B_VALID;
    return b;
}

int bwrite(struct buf *b)
{
    if (!mutex_held(&b->lock))
        panic("bwrite: buffer not locked");
    return write_out(b);
}

void bdirty(struct buf *b)
{
    b->flags |= B_DIRTY | B_VALID;
}

void brelse(struct buf *b)
{
    mutex_unlock(&b->lock);
    spin_lock(&bcache_lock);
    if (b->refcount <= 0)
        panic("brelse: buffer not referenced");
    b->refcount--;
    spin_unlock(&bcache_lock);
}

void bpin(struct buf *b)
{
    b->pins++;
}

void bunpin(struct buf *b)
{
    if (b->pins <= 0)
        panic("bunpin: buffer not pinned");
    b->pins--;
}

/* Reference up to SYNC_BATCH dirty, unpinned buffers of dev; returns how many. */
static int collect_dirty(struct block_device *dev, struct buf **out)
{
    int n = 0;

    spin_lock(&bcache_lock);
    for (struct buf *b = lru.lru_next; b != &lru && n < SYNC_BATCH; b = b->lru_next) {
        if (b->dev && (!dev || b->dev == dev) && (b->flags & B_DIRTY) && b->pins == 0 &&
            b->refcount == 0) {
            b->refcount++;
            out[n++] = b;
        }
    }
    spin_unlock(&bcache_lock);
    return n;
}

int bcache_sync(struct block_device *dev)
{
    struct buf *batch[SYNC_BATCH];
    int n, err = 0, rounds = 0;

    while ((n = collect_dirty(dev, batch)) > 0 && rounds++ < 100000) {
        for (int i = 0; i < n; i++) {
            struct buf *b = batch[i];
            mutex_lock(&b->lock);
            if ((b->flags & B_DIRTY) && b->pins == 0 && write_out(b) != 0) {
                err = -EIO;
                b->flags &= ~B_DIRTY; /* reported; do not retry forever */
                kprintf("bcache: write of %s block %lu failed\n", b->dev->name,
                        (unsigned long)b->blockno);
            }
            brelse(b);
        }
    }
    if (dev) {
        int ferr = blockdev_flush(dev);
        if (!err)
            err = ferr;
    } else {
        for (int i = 0; (dev = blockdev_get(i)) != NULL; i++)
            if (!dev->parent)
                blockdev_flush(dev);
    }
    return err;
}

void bcache_invalidate(struct block_device *dev)
{
    spin_lock(&bcache_lock);
    for (struct buf *b = lru.lru_next; b != &lru; b = b->lru_next) {
        if (b->dev == dev && b->refcount == 0) {
            hash_remove(b);
            b->dev = NULL;
            b->flags = 0;
        }
    }
    spin_unlock(&bcache_lock);
}

void bcache_periodic(void)
{
    uint64_t now = clock_monotonic_ns();

    if (now - last_writeback < WRITEBACK_INTERVAL_NS)
        return;
    last_writeback = now;
    bcache_sync(NULL);
}

void bcache_get_stats(struct bcache_stats *st)
{
    spin_lock(&bcache_lock);
    *st = stats;
    st->bytes = used_bytes;
    st->dirty = 0;
    for (struct buf *b = lru.lru_next; b != &lru; b = b->lru_next)
        st->dirty += (b->flags & B_DIRTY) != 0;
    spin_unlock(&bcache_lock);
}
