/*
 * alloc.c - AdventFS allocation: the block and inode bitmaps, the block map of
 * a file (direct, indirect, double and triple indirect blocks), and freeing a
 * file's blocks from some point on.
 *
 * Bitmap searches start at a hint (the last allocation) and wrap around.
 * Block numbers read from disk are checked before use: a pointer outside the
 * data region is reported as corruption (-EIO), never followed.
 * Called with fs->op_lock held, inside a transaction, except advfs_free_from
 * and advfs_truncate, which take the lock and make their own transactions.
 */
#include <fs/adventfs/adventfs.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

#define FREE_STEP 16 /* blocks freed per transaction */
#define FREE_RESERVE (3 * FREE_STEP + 4)

/* Find a clear bit in [0, nbits) of the bitmap at `start`, set it; -ENOSPC if none. */
static int alloc_bit(struct advfs_fs *fs, uint32_t start, uint32_t nbits, uint32_t hint,
                     uint32_t *out)
{
    uint32_t bits_per_block = fs->bs * 8;
    uint32_t nblocks = (nbits + bits_per_block - 1) / bits_per_block;

    if (hint >= nbits)
        hint = 0;
    for (uint32_t k = 0; k <= nblocks; k++) {
        uint32_t blk = (hint / bits_per_block + k) % nblocks;
        uint32_t first = k == 0 ? hint % bits_per_block : 0;
        struct buf *b = advfs_bread(fs, start + blk);
        if (!b)
            return -EIO;
        for (uint32_t i = first / 8; i < fs->bs; i++) {
            if (b->data[i] == 0xff)
                continue;
            for (int bit = 0; bit < 8; bit++) {
                uint32_t n = blk * bits_per_block + i * 8 + (uint32_t)bit;
                if ((b->data[i] & (1u << bit)) || n >= nbits || n < first + blk * bits_per_block)
                    continue;
                b->data[i] |= (uint8_t)(1u << bit);
                advfs_txn_log(fs, b);
                brelse(b);
                *out = n;
                return 0;
            }
        }
        brelse(b);
    }
    return -ENOSPC;
}

/* Clear bit n; returns 0, or -EINVAL when it was already clear (corruption). */
static int free_bit(struct advfs_fs *fs, uint32_t start, uint32_t n)
{
    uint32_t bits_per_block = fs->bs * 8;
    struct buf *b = advfs_bread(fs, start + n / bits_per_block);
    uint32_t byte = (n % bits_per_block) / 8;
    uint8_t mask = (uint8_t)(1u << (n % 8));
    int err = 0;

    if (!b)
        return -EIO;
    if (!(b->data[byte] & mask))
        err = -EINVAL;
    b->data[byte] &= (uint8_t)~mask;
    advfs_txn_log(fs, b);
    brelse(b);
    return err;
}

int advfs_alloc_block(struct advfs_fs *fs, uint32_t *out)
{
    int err = alloc_bit(fs, fs->disk.block_bitmap_start, fs->disk.blocks_count, fs->block_hint,
                        out);

    if (err < 0)
        return err;
    if (*out < fs->disk.data_start) {
        kprintf("adventfs: %s: block bitmap marks metadata block %lu free; run fsck\n",
                fs->dev->name, (unsigned long)*out);
        return -EIO;
    }
    fs->block_hint = *out + 1;
    if (fs->disk.free_blocks)
        fs->disk.free_blocks--;
    advfs_write_super(fs);
    return 0;
}

void advfs_free_block(struct advfs_fs *fs, uint32_t blockno)
{
    if (blockno < fs->disk.data_start || blockno >= fs->disk.blocks_count)
        return;
    if (free_bit(fs, fs->disk.block_bitmap_start, blockno) == 0)
        fs->disk.free_blocks++;
    else
        kprintf("adventfs: %s: block %lu freed twice; run fsck\n", fs->dev->name,
                (unsigned long)blockno);
    advfs_write_super(fs);
}

int advfs_alloc_inode(struct advfs_fs *fs, uint32_t *out)
{
    int err = alloc_bit(fs, fs->disk.inode_bitmap_start, fs->disk.inodes_count, fs->inode_hint,
                        out);

    if (err < 0)
        return err;
    if (*out <= ADVFS_ROOT_INO)
        return -EIO;
    fs->inode_hint = *out + 1;
    if (fs->disk.free_inodes)
        fs->disk.free_inodes--;
    advfs_write_super(fs);
    return 0;
}

void advfs_free_inode(struct advfs_fs *fs, uint32_t ino)
{
    if (free_bit(fs, fs->disk.inode_bitmap_start, ino) == 0)
        fs->disk.free_inodes++;
    advfs_write_super(fs);
}

static int valid_data_block(struct advfs_fs *fs, uint32_t b)
{
    return b >= fs->disk.data_start && b < fs->disk.blocks_count;
}

/* A new, zeroed block: logged when it holds metadata, else left for the caller. */
static int new_block(struct advfs_fs *fs, struct inode *inode, int metadata, uint32_t *out)
{
    struct buf *b;
    int err = advfs_alloc_block(fs, out);

    if (err < 0)
        return err;
    advfs_raw(inode)->blocks++;
    if (metadata) {
        b = bget_nofill(fs->dev, *out, fs->bs);
        memset(b->data, 0, fs->bs);
        advfs_txn_log(fs, b);
        brelse(b);
    }
    return 0;
}

int advfs_bmap(struct inode *inode, uint64_t n, int create, uint32_t *out, int *fresh)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    struct advfs_inode *raw = advfs_raw(inode);
    uint64_t p = fs->ptrs_per_block;
    uint32_t idx[3], *slot;
    int depth, err;

    *out = 0;
    if (fresh)
        *fresh = 0;
    if (n < ADVFS_NDIRECT) {
        slot = &raw->direct[n];
        depth = 0;
    } else if ((n -= ADVFS_NDIRECT) < p) {
        slot = &raw->indirect;
        depth = 1;
        idx[0] = (uint32_t)n;
    } else if ((n -= p) < p * p) {
        slot = &raw->double_indirect;
        depth = 2;
        idx[0] = (uint32_t)(n / p);
        idx[1] = (uint32_t)(n % p);
    } else if ((n -= p * p) < p * p * p) {
        slot = &raw->triple_indirect;
        depth = 3;
        idx[0] = (uint32_t)(n / (p * p));
        idx[1] = (uint32_t)(n / p % p);
        idx[2] = (uint32_t)(n % p);
    } else {
        return -EFBIG;
    }

    /* The pointer in the inode. */
    if (*slot == 0) {
        if (!create)
            return 0;
        if ((err = new_block(fs, inode, depth > 0, slot)) < 0)
            return err;
        if (fresh && depth == 0)
            *fresh = 1;
    } else if (!valid_data_block(fs, *slot)) {
        goto corrupt;
    }
    *out = *slot;

    /* Down through the indirect blocks. */
    for (int level = 0; level < depth; level++) {
        struct buf *b = advfs_bread(fs, *out);
        uint32_t *entry, next;
        if (!b)
            return -EIO;
        entry = (uint32_t *)b->data + idx[level];
        next = *entry;
        if (next == 0) {
            if (!create) {
                brelse(b);
                *out = 0;
                return 0;
            }
            brelse(b); /* new_block may need the cache; do not hold b across it */
            if ((err = new_block(fs, inode, level + 1 < depth, &next)) < 0)
                return err;
            b = advfs_bread(fs, *out);
            if (!b)
                return -EIO;
            ((uint32_t *)b->data)[idx[level]] = next;
            advfs_txn_log(fs, b);
            if (fresh && level + 1 == depth)
                *fresh = 1;
        } else if (!valid_data_block(fs, next)) {
            brelse(b);
            goto corrupt;
        }
        brelse(b);
        *out = next;
    }
    return 0;
corrupt:
    kprintf("adventfs: %s: inode %lu has a block pointer out of range; run fsck\n",
            fs->dev->name, (unsigned long)inode->ino);
    *out = 0;
    return -EIO;
}

struct free_ctx {
    struct advfs_fs *fs;
    struct inode *inode;
    int since_commit; /* blocks freed in the current transaction */
};

/* Free one block of the inode; starts a new transaction every FREE_STEP blocks. */
static void release(struct free_ctx *c, uint32_t blockno)
{
    advfs_free_block(c->fs, blockno);
    if (advfs_raw(c->inode)->blocks)
        advfs_raw(c->inode)->blocks--;
    if (++c->since_commit >= FREE_STEP) {
        advfs_write_raw_inode(c->inode);
        advfs_txn_end(c->fs, FREE_RESERVE);
        advfs_txn_begin(c->fs, FREE_RESERVE);
        c->since_commit = 0;
    }
}

/*
 * In the tree of the given depth at `block` covering file blocks [base, base +
 * span), free what lies at or after `first`. Returns 1 when the whole tree is
 * now empty (so the caller frees `block` and clears its pointer), 0 if not, or
 * -EIO. Buffers are never held across the recursion.
 */
static int free_tree(struct free_ctx *c, uint32_t block, int depth, uint64_t base, uint64_t first)
{
    struct advfs_fs *fs = c->fs;
    uint64_t span = 1;
    uint32_t *ptrs;
    int empty = 1;
    struct buf *b;

    for (int i = 1; i < depth; i++)
        span *= fs->ptrs_per_block;
    if (!valid_data_block(fs, block))
        return -EIO;
    ptrs = kmalloc(fs->bs);
    if (!ptrs || !(b = advfs_bread(fs, block))) {
        kfree(ptrs);
        return -EIO;
    }
    memcpy(ptrs, b->data, fs->bs);
    brelse(b);
    for (uint32_t i = 0; i < fs->ptrs_per_block; i++) {
        uint64_t start = base + i * span;
        int gone;
        if (ptrs[i] == 0)
            continue;
        if (start + span <= first) {
            empty = 0; /* entirely before the cut: keep */
            continue;
        }
        if (depth == 1)
            gone = 1;
        else if ((gone = free_tree(c, ptrs[i], depth - 1, start, first)) < 0)
            return kfree(ptrs), gone;
        if (!gone) {
            empty = 0;
            continue;
        }
        if (valid_data_block(fs, ptrs[i]))
            release(c, ptrs[i]);
        if (!(b = advfs_bread(fs, block)))
            return kfree(ptrs), -EIO;
        ((uint32_t *)b->data)[i] = 0;
        advfs_txn_log(fs, b);
        brelse(b);
    }
    kfree(ptrs);
    return empty;
}

int advfs_free_from(struct inode *inode, uint64_t first)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    struct advfs_inode *raw = advfs_raw(inode);
    struct free_ctx c = {fs, inode, 0};
    uint64_t p = fs->ptrs_per_block;
    uint32_t *roots[3] = {&raw->indirect, &raw->double_indirect, &raw->triple_indirect};
    uint64_t base = ADVFS_NDIRECT, span = p;
    int err = 0;

    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, FREE_RESERVE);
    for (uint64_t n = first; n < ADVFS_NDIRECT; n++) {
        if (raw->direct[n] && valid_data_block(fs, raw->direct[n]))
            release(&c, raw->direct[n]);
        raw->direct[n] = 0;
    }
    for (int depth = 1; depth <= 3; depth++, base += span, span *= p) {
        int gone;
        if (*roots[depth - 1] == 0 || base + span <= first)
            continue;
        gone = free_tree(&c, *roots[depth - 1], depth, base, first);
        if (gone < 0) {
            err = gone;
            continue;
        }
        if (gone) {
            release(&c, *roots[depth - 1]);
            *roots[depth - 1] = 0;
        }
    }
    advfs_write_raw_inode(inode);
    advfs_txn_end(fs, FREE_RESERVE);
    mutex_unlock(&fs->op_lock);
    return err;
}

int advfs_truncate(struct inode *inode, uint64_t size)
{
    struct advfs_fs *fs = advfs_of(inode->sb);
    uint64_t first = (size + fs->bs - 1) / fs->bs;
    int err = 0;

    if (size / fs->bs >= ADVFS_NDIRECT + fs->ptrs_per_block +
                             (uint64_t)fs->ptrs_per_block * fs->ptrs_per_block +
                             (uint64_t)fs->ptrs_per_block * fs->ptrs_per_block * fs->ptrs_per_block)
        return -EFBIG;
    if (size < inode->size) {
        uint32_t tail = (uint32_t)(size % fs->bs), blk;
        /* Zero the rest of a partial last block, so growing again reads zeros. */
        if (tail) {
            mutex_lock(&fs->op_lock);
            if (advfs_bmap(inode, size / fs->bs, 0, &blk, NULL) == 0 && blk) {
                struct buf *b = advfs_bread(fs, blk);
                if (b) {
                    memset(b->data + tail, 0, fs->bs - tail);
                    bdirty(b);
                    brelse(b);
                }
            }
            mutex_unlock(&fs->op_lock);
        }
        err = advfs_free_from(inode, first);
    }
    mutex_lock(&fs->op_lock);
    advfs_txn_begin(fs, 2);
    inode->size = size;
    advfs_write_raw_inode(inode);
    advfs_txn_end(fs, 2);
    mutex_unlock(&fs->op_lock);
    return err;
}
