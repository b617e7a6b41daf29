/*
 * journal.c - AdventFS's write-ahead log (docs/adventfs.md, "Journal").
 *
 * One transaction is open at a time; operations join it (txn_begin reserves
 * room, txn_log records a changed metadata block and pins its buffer so the
 * cache cannot write it home early). It commits when it would overflow, on
 * sync, and from the periodic flush. A commit: write out dirty file data
 * (ordered mode) and flush; write the journal superblock pointing at the
 * transaction, the descriptor and the blocks' new contents, flush; write the
 * commit block, flush - the transaction is durable; write each block home,
 * flush; mark the journal empty, flush. Because every commit is checkpointed
 * at once, the log always starts right after the journal superblock.
 *
 * Called with fs->op_lock held.
 */
#include <fs/adventfs/adventfs.h>
#include <lib/crc32c.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

static uint32_t jsb_checksum(const struct advfs_journal_super *j)
{
    return crc32c(0, j, offsetof(struct advfs_journal_super, checksum));
}

/* Rewrite the journal superblock: start 0 (empty) or 1 (a transaction follows). */
static int write_jsb(struct advfs_fs *fs, uint32_t start, uint32_t sequence)
{
    struct buf *b = bget_nofill(fs->dev, fs->journal.area, fs->bs);
    struct advfs_journal_super *j = (struct advfs_journal_super *)b->data;
    int err;

    memset(b->data, 0, fs->bs);
    j->magic = ADVFS_JOURNAL_MAGIC;
    j->type = ADVFS_JBLOCK_SUPER;
    j->block_size = fs->bs;
    j->blocks = fs->journal.blocks;
    j->sequence = sequence;
    j->start = start;
    j->checksum = jsb_checksum(j);
    err = bwrite(b);
    brelse(b);
    return err;
}

int advfs_journal_init(struct advfs_fs *fs)
{
    struct advfs_journal *j = &fs->journal;
    uint32_t per_descriptor = (fs->bs - sizeof(struct advfs_journal_header)) / 4;

    /* Allocated now: a commit must not fail for memory (a full system still syncs). */
    j->scratch = kmalloc(fs->bs);
    if (!j->scratch)
        return -ENOMEM;
    j->area = fs->disk.journal_start;
    j->blocks = fs->disk.journal_blocks;
    j->max = ADVFS_MAX_TXN;
    if (j->max > per_descriptor)
        j->max = per_descriptor;
    if (j->max > j->blocks - 3)
        j->max = j->blocks - 3; /* super, descriptor and commit blocks */
    return 0;
}

void advfs_journal_free(struct advfs_fs *fs)
{
    kfree(fs->journal.scratch);
    fs->journal.scratch = NULL;
}

/* Replay committed transactions; called at mount before anything else is read. */
int advfs_journal_recover(struct advfs_fs *fs)
{
    struct advfs_journal *j = &fs->journal;
    struct advfs_journal_super jsb;
    struct buf *b = advfs_bread(fs, j->area);
    uint32_t pos, seq, replayed = 0;

    if (!b)
        return -EIO;
    memcpy(&jsb, b->data, sizeof jsb);
    brelse(b);
    if (jsb.magic != ADVFS_JOURNAL_MAGIC || jsb.type != ADVFS_JBLOCK_SUPER ||
        jsb.checksum != jsb_checksum(&jsb) || jsb.block_size != fs->bs) {
        kprintf("adventfs: %s: the journal superblock is damaged; run fsck\n", fs->dev->name);
        return -EINVAL;
    }
    j->sequence = jsb.sequence;
    if (jsb.start == 0)
        return 0;

    for (pos = jsb.start, seq = jsb.sequence;; seq++) {
        struct advfs_journal_header desc, commit;
        uint32_t *targets, crc, n;
        if (pos + 2 > j->blocks)
            break;
        b = advfs_bread(fs, j->area + pos);
        if (!b)
            return -EIO;
        memcpy(&desc, b->data, sizeof desc);
        crc = crc32c(0, b->data, fs->bs);
        brelse(b);
        n = desc.count;
        if (desc.magic != ADVFS_JOURNAL_MAGIC || desc.type != ADVFS_JBLOCK_DESCRIPTOR ||
            desc.sequence != seq || n == 0 || n > j->max || pos + 2 + n > j->blocks)
            break;
        for (uint32_t i = 0; i < n; i++) {
            b = advfs_bread(fs, j->area + pos + 1 + i);
            if (!b)
                return -EIO;
            crc = crc32c(crc, b->data, fs->bs);
            brelse(b);
        }
        b = advfs_bread(fs, j->area + pos + 1 + n);
        if (!b)
            return -EIO;
        memcpy(&commit, b->data, sizeof commit);
        brelse(b);
        if (commit.magic != ADVFS_JOURNAL_MAGIC || commit.type != ADVFS_JBLOCK_COMMIT ||
            commit.sequence != seq || commit.count != n || commit.checksum != crc)
            break; /* never committed */

        /* Committed: copy each logged block to its home. */
        b = advfs_bread(fs, j->area + pos);
        if (!b)
            return -EIO;
        targets = kmalloc(n * sizeof *targets);
        if (!targets) {
            brelse(b);
            return -ENOMEM;
        }
        memcpy(targets, b->data + sizeof(struct advfs_journal_header), n * sizeof *targets);
        brelse(b);
        /* A target outside the file system or inside the journal: the transaction
         * is invalid, and so is everything after it. */
        {
            uint32_t i;
            for (i = 0; i < n; i++)
                if (targets[i] >= fs->disk.blocks_count ||
                    (targets[i] >= j->area && targets[i] < j->area + j->blocks))
                    break;
            if (i < n) {
                kprintf("adventfs: %s: journal transaction %lu names block %lu; not replayed\n",
                        fs->dev->name, (unsigned long)seq, (unsigned long)targets[i]);
                kfree(targets);
                break;
            }
        }
        for (uint32_t i = 0; i < n; i++) {
            struct buf *d, *home;
            d = advfs_bread(fs, j->area + pos + 1 + i);
            if (!d) {
                kfree(targets);
                return -EIO;
            }
            home = bget_nofill(fs->dev, targets[i], fs->bs);
            memcpy(home->data, d->data, fs->bs);
            brelse(d);
            bwrite(home);
            brelse(home);
        }
        kfree(targets);
        replayed++;
        pos += n + 2;
    }
    blockdev_flush(fs->dev);
    j->sequence = seq;
    if (write_jsb(fs, 0, j->sequence) < 0 || blockdev_flush(fs->dev) < 0)
        return -EIO;
    kprintf("adventfs: %s: journal replayed (%lu transaction%s)\n", fs->dev->name,
            (unsigned long)replayed, replayed == 1 ? "" : "s");
    return 0;
}

void advfs_txn_begin(struct advfs_fs *fs, uint32_t reserve)
{
    struct advfs_journal *j = &fs->journal;

    if (reserve > j->max)
        panic("adventfs: an operation reserved %lu blocks, the limit is %lu",
              (unsigned long)reserve, (unsigned long)j->max);
    /* No room left in the open transaction: commit it first (when no one is inside). */
    if (j->count + j->reserved + reserve > j->max && j->outstanding == 0)
        advfs_commit(fs);
    if (j->count + j->reserved + reserve > j->max)
        panic("adventfs: transaction overflow (%lu logged, %lu reserved, %lu more)",
              (unsigned long)j->count, (unsigned long)j->reserved, (unsigned long)reserve);
    j->outstanding++;
    j->reserved += reserve;
}

/* Record b (locked by the caller, its data changed) in the open transaction. */
void advfs_txn_log(struct advfs_fs *fs, struct buf *b)
{
    struct advfs_journal *j = &fs->journal;

    bdirty(b);
    for (uint32_t i = 0; i < j->count; i++)
        if (j->logged[i] == b->blockno)
            return;
    if (j->outstanding == 0 || j->count >= j->max)
        panic("adventfs: block %lu logged outside a transaction or past its end",
              (unsigned long)b->blockno);
    j->logged[j->count++] = b->blockno;
    if (j->reserved)
        j->reserved--;
    bpin(b);
}

void advfs_txn_end(struct advfs_fs *fs, uint32_t reserve)
{
    struct advfs_journal *j = &fs->journal;

    (void)reserve;
    if (j->outstanding <= 0)
        panic("adventfs: txn_end without txn_begin");
    if (--j->outstanding == 0)
        j->reserved = 0;
}

/* Write one block of the log: the contents of home block `from` (or raw data). */
static int log_write(struct advfs_fs *fs, uint32_t pos, const void *data)
{
    struct buf *b = bget_nofill(fs->dev, fs->journal.area + pos, fs->bs);
    int err;

    memcpy(b->data, data, fs->bs);
    err = bwrite(b);
    brelse(b);
    return err;
}

int advfs_commit(struct advfs_fs *fs)
{
    struct advfs_journal *j = &fs->journal;
    struct advfs_journal_header *h;
    uint8_t *block;
    uint32_t crc, n = j->count;
    int err = 0;

    if (j->outstanding)
        panic("adventfs: commit with operations in progress");
    if (n == 0)
        return 0;
    block = j->scratch; /* commits are serialized by op_lock */

    /* 1. File data first (ordered mode). */
    err = bcache_sync(fs->dev);

    /* 2. The journal superblock, the descriptor and the new contents. */
    memset(block, 0, fs->bs);
    h = (struct advfs_journal_header *)block;
    h->magic = ADVFS_JOURNAL_MAGIC;
    h->type = ADVFS_JBLOCK_DESCRIPTOR;
    h->sequence = j->sequence;
    h->count = n;
    memcpy(block + sizeof *h, j->logged, n * sizeof(uint32_t));
    crc = crc32c(0, block, fs->bs);
    if (!err)
        err = write_jsb(fs, 1, j->sequence);
    if (!err)
        err = log_write(fs, 1, block);
    for (uint32_t i = 0; i < n && !err; i++) {
        struct buf *b = advfs_bread(fs, j->logged[i]);
        if (!b) {
            err = -EIO;
            break;
        }
        crc = crc32c(crc, b->data, fs->bs);
        err = log_write(fs, 2 + i, b->data);
        brelse(b);
    }
    if (!err)
        err = blockdev_flush(fs->dev);

    /* 3. The commit block: from here on the transaction survives a crash. */
    if (!err) {
        memset(block, 0, fs->bs);
        h->magic = ADVFS_JOURNAL_MAGIC;
        h->type = ADVFS_JBLOCK_COMMIT;
        h->sequence = j->sequence;
        h->count = n;
        h->checksum = crc;
        err = log_write(fs, 2 + n, block);
    }
    if (!err)
        err = blockdev_flush(fs->dev);

    /* 4. Checkpoint: every block to its home, then the log is empty again. */
    for (uint32_t i = 0; i < n; i++) {
        struct buf *b = advfs_bread(fs, j->logged[i]);
        if (!b) {
            err = -EIO;
            continue;
        }
        if (!err && bwrite(b) < 0)
            err = -EIO;
        bunpin(b);
        brelse(b);
    }
    j->count = 0;
    if (!err)
        err = blockdev_flush(fs->dev);
    if (!err)
        err = write_jsb(fs, 0, j->sequence + 1);
    if (!err)
        err = blockdev_flush(fs->dev);
    j->sequence++;
    if (err)
        kprintf("adventfs: %s: commit failed (%d); the file system may need fsck\n",
                fs->dev->name, err);
    return err;
}
