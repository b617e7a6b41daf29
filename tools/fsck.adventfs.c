/*
 * fsck.adventfs.c - check an AdventFS file system against every invariant of
 * docs/adventfs.md ("Invariants") and repair what can be repaired.
 *
 *   fsck.adventfs [-n] [-y] [-v] IMAGE
 *
 * -n checks only: the image is opened read-only and nothing is written. -y
 * (the default) repairs without asking. -v says what each pass does. Exit
 * status as e2fsck's: 0 clean, 1 errors corrected, 4 errors left uncorrected,
 * 8 operational error (cannot read the image, not an AdventFS file system),
 * 16 usage error. Each problem is printed on one line of standard output.
 *
 * How it works. The image is never trusted: every number read from it is
 * checked before it is used as an index, size or block number, and every walk
 * is bounded (each block can be claimed by one owner once, so no block map,
 * directory or chain of indirect blocks is read twice; a directory reached a
 * second time is a second parent, which is how cycles end).
 *
 * One check is a "round":
 *   0. the journal: committed transactions are replayed (with -n into an
 *      in-memory overlay, so that the rest of the check sees the file system
 *      as it will be after recovery), then the superblock is read again;
 *   1. the bitmaps and the inode table are loaded; each inode is classified
 *      as free (all zeros), in use (valid type and its bitmap bit set), or a
 *      candidate (valid type, bit clear: in use only if a directory names it);
 *      anything else is garbage and zeroed;
 *   2. every in-use inode claims the blocks of its block map; a pointer out
 *      of the data region, past the end of the file or to a block already
 *      claimed is cleared (so the first owner keeps a shared block);
 *   3. the directory tree is walked breadth first from the root: records,
 *      "." and "..", names, targets, file types; a directory found a second
 *      time keeps its first parent; candidates named by an entry are adopted;
 *   4. what the walk did not reach is reconnected in /lost+found (created if
 *      needed), or freed when it has no links;
 *   5. link counts and block counts are compared with what was counted, the
 *      bitmaps with what is in use, and the free counts with the bitmaps.
 * Repairs are made in memory as they are found (also with -n, so that one
 * problem is not reported again as its consequences); without -n they are
 * written too. A repairing run then checks again, up to MAX_ROUNDS times,
 * until a round finds nothing: so exit status 1 means a check of the result
 * found it clean.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lib/crc32c.h>

#include "adventfs_image.h"

#define EXIT_CLEAN 0
#define EXIT_CORRECTED 1
#define EXIT_UNCORRECTED 4
#define EXIT_OPERATIONAL 8
#define EXIT_USAGE 16

#define MAX_ROUNDS 4
#define DOT_SPACE 24 /* "." and ".." records: 12 bytes each */

static const char *prog = "fsck.adventfs";

enum { INO_FREE, INO_LIVE, INO_CANDIDATE };

struct ino_info {
    uint8_t state;
    uint8_t reached;      /* named by a directory entry reached from the root */
    uint32_t links;       /* entries naming it ("." and ".." included) */
    uint32_t parent;      /* directories: the directory whose entry names it */
    uint32_t blocks;      /* blocks its map holds, as counted */
    uint32_t dir;         /* directories: 1 + index into fsck.dirs */
    uint32_t stamp;       /* walks up orphaned trees */
};

/* The blocks of a directory: file block index and block number, by index. */
struct dir_info {
    uint32_t ino;
    uint32_t n, cap;
    uint32_t *index, *block;
};

/* Names seen in the directory being checked (to find duplicates). */
struct name_set {
    uint32_t *slots;      /* 1 + index into hash/off, or 0 */
    uint32_t *hash, *off; /* each name's hash and offset in arena */
    uint8_t *len;
    uint32_t count, cap, mask;
    uint8_t *arena;
    size_t arena_len, arena_cap;
};

struct fsck {
    struct advfs_image img;
    const char *path;
    int repair, verbose, round;

    struct advfs_superblock sb; /* as it will be written */
    int sb_dirty;
    uint32_t bs, ptrs, ninodes, nblocks, data_start;
    uint64_t map_blocks;

    unsigned problems, fixed, unfixed; /* this round */

    uint8_t *ibm, *bbm;           /* the bitmaps as on disk */
    size_t ibm_bytes, bbm_bytes;
    uint8_t *itable;              /* the inode table */
    uint8_t *itable_dirty;        /* per inode-table block */
    uint8_t *claimed;             /* blocks a kept inode references (a bit each) */
    struct ino_info *info;
    struct dir_info *dirs;
    uint32_t ndirs, dirs_cap;
    uint32_t *queue;
    uint32_t qhead, qtail;
    uint8_t *lvl[4];              /* one block buffer per level of the block map */
    uint8_t *buf, *buf2;
    struct name_set names;
    uint32_t lost_found;
    int lost_found_failed;
    uint32_t block_hint, stamp;
};

/* ---- output ---- */

static void fatal(struct fsck *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3),
                                                                         noreturn));
static void fatal(struct fsck *fs, const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fprintf(stderr, "%s: %s: ", prog, fs->path);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(EXIT_OPERATIONAL);
}

/*
 * Report one problem on one line. fix says what a repairing run does about it
 * (NULL: nothing can be done); the caller makes the change in memory either
 * way, and writes it only when repairing.
 */
static void problem(struct fsck *fs, const char *fix, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(struct fsck *fs, const char *fix, const char *fmt, ...)
{
    va_list ap;

    fs->problems++;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    if (!fix)
        fs->unfixed++;
    if (fs->repair && fix) {
        printf(": %s", fix);
        fs->fixed++;
    } else if (fs->repair) {
        printf(" (not fixed)");
    }
    putchar('\n');
}

static void note(struct fsck *fs, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct fsck *fs, const char *fmt, ...)
{
    va_list ap;

    if (!fs->verbose)
        return;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* A name from disk made printable on one line (bytes outside ' '..'~' and '\' as \xHH). */
static const char *shown(const uint8_t *name, size_t len)
{
    static char ring[4][ADVFS_NAME_MAX * 4 + 3];
    static int next;
    char *out = ring[next++ % 4], *p = out;

    *p++ = '\'';
    for (size_t i = 0; i < len; i++) {
        if (name[i] >= ' ' && name[i] <= '~' && name[i] != '\\' && name[i] != '\'')
            *p++ = (char)name[i];
        else
            p += sprintf(p, "\\x%02x", name[i]);
    }
    *p++ = '\'';
    *p = '\0';
    return out;
}

static void *xcalloc(struct fsck *fs, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);

    if (!p)
        fatal(fs, "out of memory");
    return p;
}

/* ---- blocks and inodes ---- */

static void read_block(struct fsck *fs, uint32_t b, void *buf)
{
    int err = advfs_read_block(&fs->img, b, buf);

    if (err)
        fatal(fs, "reading block %u: %s", b, strerror(-err));
}

/* Write a repaired block; with -n the change stays in the caller's buffer. */
static void write_block(struct fsck *fs, uint32_t b, const void *buf)
{
    int err;

    if (!fs->repair)
        return;
    err = advfs_write_block(&fs->img, b, buf);
    if (err)
        fatal(fs, "writing block %u: %s", b, strerror(-err));
}

static struct advfs_inode *inode(struct fsck *fs, uint32_t ino)
{
    return (struct advfs_inode *)(fs->itable + (size_t)ino * ADVFS_INODE_SIZE);
}

static void inode_changed(struct fsck *fs, uint32_t ino)
{
    fs->itable_dirty[(uint64_t)ino * ADVFS_INODE_SIZE / fs->bs] = 1;
}

static int is_dir(struct fsck *fs, uint32_t ino)
{
    return (inode(fs, ino)->mode & ADVFS_S_IFMT) == ADVFS_S_IFDIR;
}

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;

    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static void zero_inode(struct fsck *fs, uint32_t ino)
{
    memset(inode(fs, ino), 0, ADVFS_INODE_SIZE);
    inode_changed(fs, ino);
    fs->info[ino].state = INO_FREE;
    fs->info[ino].dir = 0;
}

static struct dir_info *dir_of(struct fsck *fs, uint32_t ino)
{
    uint32_t d = fs->info[ino].dir;

    return d ? &fs->dirs[d - 1] : NULL;
}

static struct dir_info *new_dir_info(struct fsck *fs, uint32_t ino)
{
    struct dir_info *d;

    if (fs->ndirs == fs->dirs_cap) {
        fs->dirs_cap = fs->dirs_cap ? fs->dirs_cap * 2 : 64;
        fs->dirs = realloc(fs->dirs, fs->dirs_cap * sizeof *fs->dirs);
        if (!fs->dirs)
            fatal(fs, "out of memory");
    }
    d = &fs->dirs[fs->ndirs++];
    memset(d, 0, sizeof *d);
    d->ino = ino;
    fs->info[ino].dir = fs->ndirs;
    return d;
}

/* Record that file block index of the directory is block (kept sorted by index). */
static void dir_insert(struct fsck *fs, struct dir_info *d, uint32_t index, uint32_t block)
{
    uint32_t at = d->n;

    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 4;
        d->index = realloc(d->index, d->cap * sizeof *d->index);
        d->block = realloc(d->block, d->cap * sizeof *d->block);
        if (!d->index || !d->block)
            fatal(fs, "out of memory");
    }
    while (at > 0 && d->index[at - 1] > index)
        at--;
    memmove(d->index + at + 1, d->index + at, (d->n - at) * sizeof *d->index);
    memmove(d->block + at + 1, d->block + at, (d->n - at) * sizeof *d->block);
    d->index[at] = index;
    d->block[at] = block;
    d->n++;
}

/* A free data block, now claimed (repairs only); 0 when the file system is full. */
static uint32_t alloc_block(struct fsck *fs)
{
    uint32_t span = fs->nblocks - fs->data_start;

    if (fs->block_hint < fs->data_start || fs->block_hint >= fs->nblocks)
        fs->block_hint = fs->data_start;
    for (uint32_t i = 0; i < span; i++) {
        uint32_t b = fs->data_start + (fs->block_hint - fs->data_start + i) % span;
        if (!advfs_bit(fs->claimed, b)) {
            advfs_set_bit(fs->claimed, b);
            fs->block_hint = b + 1;
            return b;
        }
    }
    return 0;
}

/* A free inode number for a repair; 0 when there is none. */
static uint32_t alloc_inode(struct fsck *fs)
{
    for (uint32_t ino = ADVFS_ROOT_INO + 1; ino < fs->ninodes; ino++)
        if (fs->info[ino].state == INO_FREE && all_zero(inode(fs, ino), ADVFS_INODE_SIZE))
            return ino;
    return 0;
}

static void init_inode(struct fsck *fs, uint32_t ino, uint16_t mode)
{
    struct advfs_inode *in = inode(fs, ino);
    int64_t now = (int64_t)time(NULL);

    memset(in, 0, sizeof *in);
    in->mode = mode;
    in->atime = in->mtime = in->ctime = now;
    in->generation = 1;
    inode_changed(fs, ino);
    memset(&fs->info[ino], 0, sizeof fs->info[ino]);
    fs->info[ino].state = INO_LIVE;
}

/* A directory block holding only "." and "..". */
static void dot_block(struct fsck *fs, uint8_t *buf, uint32_t self, uint32_t parent)
{
    memset(buf, 0, fs->bs);
    advfs_record_put(buf, 0, self, 12, ".", 1, ADVFS_FT_DIR);
    advfs_record_put(buf, 12, parent, (uint16_t)(fs->bs - 12), "..", 2, ADVFS_FT_DIR);
}

/*
 * Point file block n of ino at block, allocating the indirect blocks on the
 * way (repairs only). The indirect blocks already there passed the claim
 * walk, so they are in range and this inode's own.
 */
static int map_set(struct fsck *fs, uint32_t ino, uint64_t n, uint32_t block)
{
    struct advfs_inode *in = inode(fs, ino);
    uint64_t p = fs->ptrs;
    uint32_t idx[3] = {0}, *slot, cur;
    int depth;

    if (n < ADVFS_NDIRECT) {
        in->direct[n] = block;
        inode_changed(fs, ino);
        return 0;
    }
    if ((n -= ADVFS_NDIRECT) < p) {
        slot = &in->indirect;
        depth = 1;
        idx[0] = (uint32_t)n;
    } else if ((n -= p) < p * p) {
        slot = &in->double_indirect;
        depth = 2;
        idx[0] = (uint32_t)(n / p);
        idx[1] = (uint32_t)(n % p);
    } else if ((n -= p * p) < p * p * p) {
        slot = &in->triple_indirect;
        depth = 3;
        idx[0] = (uint32_t)(n / (p * p));
        idx[1] = (uint32_t)(n / p % p);
        idx[2] = (uint32_t)(n % p);
    } else {
        return -1;
    }
    if (*slot == 0) {
        if (!(cur = alloc_block(fs)))
            return -1;
        memset(fs->buf2, 0, fs->bs);
        write_block(fs, cur, fs->buf2);
        *slot = cur;
        fs->info[ino].blocks++;
        inode_changed(fs, ino);
    }
    cur = *slot;
    for (int level = 0; level < depth; level++) {
        uint32_t next;
        read_block(fs, cur, fs->buf2);
        if (level == depth - 1) {
            advfs_put32(fs->buf2 + 4 * idx[level], block);
            write_block(fs, cur, fs->buf2);
            return 0;
        }
        next = advfs_get32(fs->buf2 + 4 * idx[level]);
        if (next == 0) {
            uint8_t *zero = fs->lvl[0];
            if (!(next = alloc_block(fs)))
                return -1;
            memset(zero, 0, fs->bs);
            write_block(fs, next, zero);
            fs->info[ino].blocks++;
            advfs_put32(fs->buf2 + 4 * idx[level], next);
            write_block(fs, cur, fs->buf2);
        }
        cur = next;
    }
    return 0;
}

/* ---- names in one directory ---- */

static uint32_t name_hash(const uint8_t *name, size_t len)
{
    uint32_t h = 2166136261u; /* FNV-1a */

    for (size_t i = 0; i < len; i++)
        h = (h ^ name[i]) * 16777619u;
    return h;
}

static void names_reset(struct name_set *s)
{
    if (s->slots)
        memset(s->slots, 0, (s->mask + 1) * sizeof *s->slots);
    s->count = 0;
    s->arena_len = 0;
}

/* Add a name; 1 if it was there already. */
static int names_add(struct fsck *fs, struct name_set *s, const uint8_t *name, uint8_t len)
{
    uint32_t h = name_hash(name, len), i;

    if (!s->slots || (s->count + 1) * 2 > s->mask + 1) {
        uint32_t size = s->slots ? (s->mask + 1) * 2 : 1024;
        free(s->slots);
        s->slots = xcalloc(fs, size, sizeof *s->slots);
        s->mask = size - 1;
        for (uint32_t k = 0; k < s->count; k++) {
            for (i = s->hash[k] & s->mask; s->slots[i]; i = (i + 1) & s->mask)
                ;
            s->slots[i] = k + 1;
        }
    }
    for (i = h & s->mask; s->slots[i]; i = (i + 1) & s->mask) {
        uint32_t k = s->slots[i] - 1;
        if (s->hash[k] == h && s->len[k] == len && memcmp(s->arena + s->off[k], name, len) == 0)
            return 1;
    }
    if (s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->hash = realloc(s->hash, s->cap * sizeof *s->hash);
        s->off = realloc(s->off, s->cap * sizeof *s->off);
        s->len = realloc(s->len, s->cap * sizeof *s->len);
        if (!s->hash || !s->off || !s->len)
            fatal(fs, "out of memory");
    }
    if (s->arena_len + len > s->arena_cap) {
        s->arena_cap = (s->arena_cap + len) * 2;
        s->arena = realloc(s->arena, s->arena_cap);
        if (!s->arena)
            fatal(fs, "out of memory");
    }
    memcpy(s->arena + s->arena_len, name, len);
    s->hash[s->count] = h;
    s->off[s->count] = (uint32_t)s->arena_len;
    s->len[s->count] = len;
    s->arena_len += len;
    s->slots[i] = ++s->count;
    return 0;
}

/* ---- the journal ---- */

static uint32_t journal_advance(uint32_t pos, uint32_t k, uint32_t blocks)
{
    /* The log is the area's blocks 1 .. blocks - 1, in a circle. */
    return 1 + (uint32_t)(((uint64_t)pos - 1 + k) % (blocks - 1));
}

static void journal_reset(struct fsck *fs, uint32_t sequence)
{
    struct advfs_journal_super *j = (struct advfs_journal_super *)fs->buf;

    memset(fs->buf, 0, fs->bs);
    j->magic = ADVFS_JOURNAL_MAGIC;
    j->type = ADVFS_JBLOCK_SUPER;
    j->block_size = fs->bs;
    j->blocks = fs->sb.journal_blocks;
    j->sequence = sequence;
    j->start = 0;
    j->checksum = advfs_journal_super_checksum(j);
    if (fs->repair) {
        if (advfs_image_sync(&fs->img) < 0)
            fatal(fs, "flushing: %s", strerror(errno));
        write_block(fs, fs->sb.journal_start, fs->buf);
        if (advfs_image_sync(&fs->img) < 0)
            fatal(fs, "flushing: %s", strerror(errno));
    }
}

/*
 * Is the transaction at pos complete and committed? Then its block count.
 * Reads the descriptor into fs->buf2.
 */
static uint32_t journal_transaction(struct fsck *fs, uint32_t pos, uint32_t seq, uint32_t room)
{
    const struct advfs_superblock *sb = &fs->sb;
    struct advfs_journal_header h;
    uint32_t n, crc, p;

    read_block(fs, sb->journal_start + pos, fs->buf2);
    memcpy(&h, fs->buf2, sizeof h);
    n = h.count;
    if (h.magic != ADVFS_JOURNAL_MAGIC || h.type != ADVFS_JBLOCK_DESCRIPTOR || h.sequence != seq ||
        n == 0 || n > (fs->bs - sizeof h) / 4 || (uint64_t)n + 2 > room)
        return 0;
    crc = crc32c(0, fs->buf2, fs->bs);
    p = pos;
    for (uint32_t i = 0; i < n; i++) {
        p = journal_advance(p, 1, sb->journal_blocks);
        read_block(fs, sb->journal_start + p, fs->buf);
        crc = crc32c(crc, fs->buf, fs->bs);
    }
    p = journal_advance(p, 1, sb->journal_blocks);
    read_block(fs, sb->journal_start + p, fs->buf);
    memcpy(&h, fs->buf, sizeof h);
    if (h.magic != ADVFS_JOURNAL_MAGIC || h.type != ADVFS_JBLOCK_COMMIT || h.sequence != seq ||
        h.count != n || h.checksum != crc)
        return 0;
    return n;
}

static void check_journal(struct fsck *fs)
{
    const struct advfs_superblock *sb = &fs->sb;
    uint32_t jblocks = sb->journal_blocks, pos, seq, room, done = 0, replayed = 0;
    struct advfs_journal_super j;
    const char *why = NULL;

    read_block(fs, sb->journal_start, fs->buf);
    memcpy(&j, fs->buf, sizeof j);
    if (j.magic != ADVFS_JOURNAL_MAGIC || j.type != ADVFS_JBLOCK_SUPER)
        why = "no journal magic number";
    else if (j.checksum != advfs_journal_super_checksum(&j))
        why = "checksum mismatch";
    else if (j.block_size != fs->bs || j.blocks != jblocks)
        why = "its size disagrees with the superblock";
    else if (j.start >= jblocks)
        why = "its start is outside the journal";
    if (why) {
        problem(fs, "rewritten empty", "journal: superblock damaged (%s)", why);
        journal_reset(fs, j.magic == ADVFS_JOURNAL_MAGIC ? j.sequence : 1);
        return;
    }
    if (j.start == 0) {
        note(fs, "journal: empty");
        return;
    }

    /* Replay in order; the first transaction that is not complete ends it. */
    pos = j.start;
    seq = j.sequence;
    room = jblocks - 1;
    for (;;) {
        uint32_t n = journal_transaction(fs, pos, seq, room), bad = 0, p = pos;
        if (n == 0)
            break;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t t = advfs_get32(fs->buf2 + sizeof(struct advfs_journal_header) + 4 * i);
            if (t >= sb->blocks_count ||
                (t >= sb->journal_start && t - sb->journal_start < jblocks)) {
                bad = 1;
                problem(fs, "not replayed", "journal: transaction %u names block %u, outside "
                        "the file system or inside the journal", seq, t);
                break;
            }
        }
        if (bad)
            break;
        for (uint32_t i = 0; i < n; i++) {
            uint32_t t = advfs_get32(fs->buf2 + sizeof(struct advfs_journal_header) + 4 * i);
            p = journal_advance(p, 1, jblocks);
            read_block(fs, sb->journal_start + p, fs->buf);
            if (fs->repair) {
                write_block(fs, t, fs->buf);
            } else if (advfs_overlay_put(&fs->img, t, fs->buf) < 0) {
                fatal(fs, "out of memory");
            }
        }
        done++;
        replayed += n;
        seq++;
        room -= n + 2;
        pos = journal_advance(pos, n + 2, jblocks);
    }
    if (done)
        problem(fs, "replayed", "journal: %u committed transaction%s (%u blocks) not yet "
                "written to the file system", done, done == 1 ? "" : "s", replayed);
    else
        problem(fs, "emptied", "journal: not empty, but holds no committed transaction");
    journal_reset(fs, seq);
}

/* ---- pass 1: classify inodes ---- */

static void scan_inodes(struct fsck *fs)
{
    for (uint32_t ino = 1; ino < fs->ninodes; ino++) {
        struct advfs_inode *in = inode(fs, ino);
        int used = advfs_bit(fs->ibm, ino);

        if (all_zero(in, sizeof *in))
            continue; /* free; the bitmap is compared at the end */
        if (!advfs_mode_valid(in->mode)) {
            if (used)
                problem(fs, "cleared", "inode %u: invalid file type (mode 0%o)", ino, in->mode);
            else
                problem(fs, "zeroed", "inode %u: free but not zeroed", ino);
            zero_inode(fs, ino);
            continue;
        }
        fs->info[ino].state = used ? INO_LIVE : INO_CANDIDATE;
    }
}

/* ---- pass 2: block ownership ---- */

struct walk {
    uint32_t ino;
    uint64_t limit;      /* file blocks the map may use */
    struct dir_info *dir;
    uint32_t count;      /* blocks claimed */
    uint64_t end;        /* 1 + the last file block mapped */
};

static const char *const level_name[] = {"block", "indirect block", "double indirect block",
                                         "triple indirect block"};

/* Claim ptr (mapping file blocks from first on) and what it points to; 0: clear it. */
static int claim_ptr(struct fsck *fs, struct walk *w, uint32_t ptr, uint64_t first, int level)
{
    uint64_t span = 1;
    uint8_t *buf = fs->lvl[level];
    int changed = 0;

    if (ptr < fs->data_start || ptr >= fs->nblocks) {
        problem(fs, "cleared", "inode %u: %s %u (file block %llu) is outside the data region",
                w->ino, level_name[level], ptr, (unsigned long long)first);
        return 0;
    }
    if (first >= w->limit) {
        problem(fs, "cleared", "inode %u: %s %u maps file block %llu, past the end of the file",
                w->ino, level_name[level], ptr, (unsigned long long)first);
        return 0;
    }
    if (advfs_bit(fs->claimed, ptr)) {
        problem(fs, "cleared", "inode %u: %s %u (file block %llu) is already in use",
                w->ino, level_name[level], ptr, (unsigned long long)first);
        return 0;
    }
    advfs_set_bit(fs->claimed, ptr);
    w->count++;
    if (level == 0) {
        if (w->dir)
            dir_insert(fs, w->dir, (uint32_t)first, ptr);
        if (first + 1 > w->end)
            w->end = first + 1;
        return 1;
    }
    for (int i = 1; i < level; i++)
        span *= fs->ptrs;
    read_block(fs, ptr, buf);
    for (uint32_t i = 0; i < fs->ptrs; i++) {
        uint32_t e = advfs_get32(buf + 4 * i);
        if (e && !claim_ptr(fs, w, e, first + i * span, level - 1)) {
            advfs_put32(buf + 4 * i, 0);
            changed = 1;
        }
    }
    if (changed)
        write_block(fs, ptr, buf);
    return 1;
}

static void walk_map(struct fsck *fs, struct walk *w)
{
    struct advfs_inode *in = inode(fs, w->ino);
    uint64_t p = fs->ptrs, first = ADVFS_NDIRECT, span = p;
    uint32_t *roots[3] = {&in->indirect, &in->double_indirect, &in->triple_indirect};

    for (uint32_t k = 0; k < ADVFS_NDIRECT; k++)
        if (in->direct[k] && !claim_ptr(fs, w, in->direct[k], k, 0)) {
            in->direct[k] = 0;
            inode_changed(fs, w->ino);
        }
    for (int level = 1; level <= 3; level++, first += span, span *= p)
        if (*roots[level - 1] && !claim_ptr(fs, w, *roots[level - 1], first, level)) {
            *roots[level - 1] = 0;
            inode_changed(fs, w->ino);
        }
}

/* Undo the claims of an inode that is being freed (repairs only: with -n the
 * map on disk may still hold pointers this inode lost to another). */
static void release_ptr(struct fsck *fs, uint32_t ptr, int level)
{
    if (ptr < fs->data_start || ptr >= fs->nblocks || !advfs_bit(fs->claimed, ptr))
        return;
    advfs_clear_bit(fs->claimed, ptr);
    if (level == 0)
        return;
    read_block(fs, ptr, fs->lvl[level]);
    for (uint32_t i = 0; i < fs->ptrs; i++)
        release_ptr(fs, advfs_get32(fs->lvl[level] + 4 * i), level - 1);
}

/* The k-th of the 15 pointers of an inode (12 direct, then the three indirect). */
static uint32_t *pointer_slot(struct advfs_inode *in, int k)
{
    if (k < ADVFS_NDIRECT)
        return &in->direct[k];
    if (k == ADVFS_NDIRECT)
        return &in->indirect;
    return k == ADVFS_NDIRECT + 1 ? &in->double_indirect : &in->triple_indirect;
}

static int has_block_map(const struct advfs_inode *in)
{
    uint32_t type = in->mode & ADVFS_S_IFMT;

    return type == ADVFS_S_IFREG || type == ADVFS_S_IFDIR ||
           (type == ADVFS_S_IFLNK && in->size > ADVFS_INLINE_SYMLINK_MAX);
}

static void free_inode(struct fsck *fs, uint32_t ino)
{
    struct advfs_inode *in = inode(fs, ino);

    if (fs->repair && has_block_map(in)) {
        for (uint32_t k = 0; k < ADVFS_NDIRECT; k++)
            release_ptr(fs, in->direct[k], 0);
        release_ptr(fs, in->indirect, 1);
        release_ptr(fs, in->double_indirect, 2);
        release_ptr(fs, in->triple_indirect, 3);
    }
    zero_inode(fs, ino);
}

/* Check an in-use inode's fields and claim its blocks; 0 if it had to be cleared. */
static int claim_inode(struct fsck *fs, uint32_t ino)
{
    struct advfs_inode *in = inode(fs, ino);
    struct walk w = {.ino = ino};
    uint32_t type = in->mode & ADVFS_S_IFMT;
    uint64_t dir_limit = fs->nblocks - fs->data_start;
    int size_known = 1;

    fs->info[ino].state = INO_LIVE;
    if (in->flags) {
        problem(fs, "cleared", "inode %u: unknown flags 0x%x", ino, in->flags);
        in->flags = 0;
        inode_changed(fs, ino);
    }
    switch (type) {
    case ADVFS_S_IFREG:
        w.limit = (in->size + fs->bs - 1) / fs->bs;
        if (in->size > fs->map_blocks * fs->bs) {
            size_known = 0;
            w.limit = fs->map_blocks;
        }
        break;
    case ADVFS_S_IFDIR:
        /* A directory's size follows its blocks (it has no holes, so no more
         * blocks than the data region); fixed below when they disagree. */
        w.limit = fs->map_blocks < dir_limit ? fs->map_blocks : dir_limit;
        w.dir = new_dir_info(fs, ino);
        break;
    case ADVFS_S_IFLNK:
        if (in->size == 0 || in->size > advfs_symlink_max(fs->bs)) {
            problem(fs, "cleared", "inode %u: symbolic link of invalid length %llu", ino,
                    (unsigned long long)in->size);
            zero_inode(fs, ino);
            return 0;
        }
        if (in->size <= ADVFS_INLINE_SYMLINK_MAX)
            break; /* the target is in the pointers' bytes */
        w.limit = 1;
        break;
    default: {
        /* Devices keep their number in direct[0]; nothing else has a map. */
        int first = (type == ADVFS_S_IFCHR || type == ADVFS_S_IFBLK) ? 1 : 0;
        for (int k = first; k < ADVFS_NDIRECT + 3; k++) {
            uint32_t *slot = pointer_slot(in, k);
            if (*slot) {
                problem(fs, "cleared", "inode %u: special file with block pointer %u", ino,
                        *slot);
                *slot = 0;
                inode_changed(fs, ino);
            }
        }
        break;
    }
    }
    if (has_block_map(in))
        walk_map(fs, &w);
    fs->info[ino].blocks = w.count;

    if (type == ADVFS_S_IFLNK && in->size > ADVFS_INLINE_SYMLINK_MAX && w.end == 0) {
        problem(fs, "cleared", "inode %u: symbolic link without its target block", ino);
        zero_inode(fs, ino);
        return 0;
    }
    if (type == ADVFS_S_IFDIR && in->size != w.end * fs->bs) {
        problem(fs, "fixed", "inode %u: directory size %llu, its blocks make %llu", ino,
                (unsigned long long)in->size, (unsigned long long)(w.end * fs->bs));
        in->size = w.end * fs->bs;
        inode_changed(fs, ino);
    }
    if (!size_known) {
        problem(fs, "fixed", "inode %u: size %llu is larger than a file can be", ino,
                (unsigned long long)in->size);
        in->size = w.end * fs->bs;
        inode_changed(fs, ino);
    }
    return 1;
}

/* ---- pass 3: directories ---- */

/* Make block (file block k of dir) a valid record chain; 1 if it changed. */
static int check_chain(struct fsck *fs, uint32_t dir, uint64_t k, uint8_t *buf)
{
    uint32_t off = 0, prev = UINT32_MAX;

    while (off < fs->bs) {
        struct advfs_record rec;
        const char *why = advfs_record_at(buf, fs->bs, off, &rec);
        if (why) {
            problem(fs, "rest of the block emptied",
                    "directory %u: block %llu: damaged record at offset %u (%s)", dir,
                    (unsigned long long)k, off, why);
            if (prev != UINT32_MAX)
                advfs_put16(buf + prev + 4, (uint16_t)(fs->bs - prev));
            else
                advfs_record_put(buf, off, 0, (uint16_t)(fs->bs - off), NULL, 0, 0);
            return 1;
        }
        prev = off;
        off += rec.rec_len;
    }
    return 0;
}

static int is_dot(const struct advfs_record *r, int dots)
{
    return r->inode && r->name_len == dots && memcmp(r->name, "..", (size_t)dots) == 0;
}

/* Make the first block start with "." (dir) and ".." (parent); 1 if it changed. */
static int fix_dots(struct fsck *fs, uint32_t dir, uint32_t parent, uint8_t *buf)
{
    struct advfs_record r0, r1;
    uint32_t off, keep = fs->bs;
    int changed = 0;

    advfs_record_at(buf, fs->bs, 0, &r0); /* the chain is sound by now */
    if (is_dot(&r0, 1) && r0.rec_len < fs->bs && !advfs_record_at(buf, fs->bs, r0.rec_len, &r1) &&
        is_dot(&r1, 2)) {
        if (r0.inode != dir || r0.file_type != ADVFS_FT_DIR) {
            problem(fs, "fixed", "directory %u: '.' names inode %u", dir, r0.inode);
            advfs_put32(buf, dir);
            buf[7] = ADVFS_FT_DIR;
            changed = 1;
        }
        if (r1.inode != parent || r1.file_type != ADVFS_FT_DIR) {
            problem(fs, "fixed", "directory %u: '..' names inode %u, its parent is %u", dir,
                    r1.inode, parent);
            advfs_put32(buf + r0.rec_len, parent);
            buf[r0.rec_len + 7] = ADVFS_FT_DIR;
            changed = 1;
        }
        return changed;
    }
    problem(fs, "rebuilt", "directory %u: does not begin with '.' and '..'", dir);
    /* Keep every record from the first one at or after byte 24 on. */
    for (off = 0; off < fs->bs;) {
        struct advfs_record r;
        advfs_record_at(buf, fs->bs, off, &r);
        if (off >= DOT_SPACE) {
            keep = off;
            break;
        }
        if (r.inode && !is_dot(&r, 1) && !is_dot(&r, 2))
            problem(fs, "removed", "directory %u: entry %s (inode %u) overwritten by '.' and "
                    "'..'", dir, shown(r.name, r.name_len), r.inode);
        off += r.rec_len;
    }
    advfs_record_put(buf, 0, dir, 12, ".", 1, ADVFS_FT_DIR);
    advfs_record_put(buf, 12, parent, (uint16_t)(keep - 12), "..", 2, ADVFS_FT_DIR);
    return 1;
}

static void enqueue(struct fsck *fs, uint32_t dir, uint32_t parent)
{
    fs->info[dir].reached = 1;
    fs->info[dir].parent = parent;
    fs->queue[fs->qtail++] = dir;
}

/* Why the entry rec in dir must go, or NULL (after adopting its target if need be). */
static const char *entry_problem(struct fsck *fs, uint32_t dir, const struct advfs_record *rec)
{
    uint32_t t = rec->inode;

    if (memchr(rec->name, '/', rec->name_len) || memchr(rec->name, '\0', rec->name_len))
        return "its name contains '/' or NUL";
    if (is_dot(rec, 1) || is_dot(rec, 2))
        return "a second '.' or '..'";
    if (t >= fs->ninodes)
        return "names an inode past the inode table";
    if (fs->info[t].state == INO_FREE)
        return "names a free inode";
    if (names_add(fs, &fs->names, rec->name, rec->name_len))
        return "duplicate name";
    if (fs->info[t].state == INO_CANDIDATE) {
        problem(fs, "marked", "inode %u: in use but marked free in the inode bitmap", t);
        if (!claim_inode(fs, t))
            return "names a damaged inode";
    }
    if (is_dir(fs, t) && (t == ADVFS_ROOT_INO || fs->info[t].reached))
        return "a second name for a directory";
    (void)dir;
    return NULL;
}

/* Check the entries of one directory block; 1 if it changed. */
static int check_entries(struct fsck *fs, uint32_t dir, uint64_t k, uint8_t *buf)
{
    uint32_t off = 0, prev = UINT32_MAX, nrec = 0;
    int changed = 0;

    while (off < fs->bs) {
        struct advfs_record rec;
        const char *why;
        uint32_t next;
        advfs_record_at(buf, fs->bs, off, &rec);
        next = off + rec.rec_len;
        if (!rec.inode || (k == 0 && nrec < 2)) { /* free, or "." and ".." */
            prev = off;
            off = next;
            nrec++;
            continue;
        }
        nrec++;
        why = entry_problem(fs, dir, &rec);
        if (why) {
            problem(fs, "removed", "directory %u: entry %s (inode %u): %s", dir,
                    shown(rec.name, rec.name_len), rec.inode, why);
            /* As the kernel removes: merge into the previous record, or free the first. */
            if (prev != UINT32_MAX)
                advfs_put16(buf + prev + 4, (uint16_t)(advfs_get16(buf + prev + 4) + rec.rec_len));
            else {
                advfs_put32(buf + off, 0);
                prev = off;
            }
            changed = 1;
            off = next;
            continue;
        }
        if (rec.file_type != advfs_ft_of_mode(inode(fs, rec.inode)->mode)) {
            problem(fs, "fixed", "directory %u: entry %s: file type %u, inode %u has type %u",
                    dir, shown(rec.name, rec.name_len), rec.file_type, rec.inode,
                    advfs_ft_of_mode(inode(fs, rec.inode)->mode));
            buf[off + 7] = (uint8_t)advfs_ft_of_mode(inode(fs, rec.inode)->mode);
            changed = 1;
        }
        if (dir == ADVFS_ROOT_INO && rec.name_len == 10 && memcmp(rec.name, "lost+found", 10) == 0
            && is_dir(fs, rec.inode))
            fs->lost_found = rec.inode;
        if (is_dir(fs, rec.inode)) {
            enqueue(fs, rec.inode, dir);
        } else {
            fs->info[rec.inode].reached = 1;
        }
        fs->info[rec.inode].links++;
        prev = off;
        off = next;
    }
    return changed;
}

/* A hole in a directory: filled with an empty block (repairs). Returns the block or 0. */
static uint32_t fill_hole(struct fsck *fs, uint32_t dir, uint64_t k)
{
    uint32_t b;

    if (!fs->repair) {
        problem(fs, "filled", "directory %u: hole at block %llu", dir, (unsigned long long)k);
        return 0;
    }
    b = alloc_block(fs);
    if (b && map_set(fs, dir, k, b) < 0) {
        advfs_clear_bit(fs->claimed, b);
        b = 0;
    }
    if (!b) {
        problem(fs, NULL, "directory %u: hole at block %llu, and no space to fill it", dir,
                (unsigned long long)k);
        return 0;
    }
    problem(fs, "filled", "directory %u: hole at block %llu", dir, (unsigned long long)k);
    fs->info[dir].blocks++;
    dir_insert(fs, dir_of(fs, dir), (uint32_t)k, b);
    memset(fs->buf2, 0, fs->bs);
    advfs_record_put(fs->buf2, 0, 0, (uint16_t)fs->bs, NULL, 0, 0);
    write_block(fs, b, fs->buf2);
    return b;
}

static void process_dir(struct fsck *fs, uint32_t dir)
{
    struct dir_info *d = dir_of(fs, dir);
    uint32_t parent = fs->info[dir].parent;
    uint64_t nb = inode(fs, dir)->size / fs->bs;
    uint32_t cur = 0;

    names_reset(&fs->names);
    fs->info[dir].links++;    /* its "." */
    fs->info[parent].links++; /* its ".." */
    if (nb == 0) {
        /* Not even a first block: give it one with "." and "..". */
        uint32_t b = fs->repair ? alloc_block(fs) : 0;
        if (b && map_set(fs, dir, 0, b) < 0) {
            advfs_clear_bit(fs->claimed, b);
            b = 0;
        }
        problem(fs, b || !fs->repair ? "rebuilt" : NULL, "directory %u: no blocks", dir);
        if (b) {
            dot_block(fs, fs->buf, dir, parent);
            write_block(fs, b, fs->buf);
            dir_insert(fs, d, 0, b);
            fs->info[dir].blocks++;
            inode(fs, dir)->size = fs->bs;
            inode_changed(fs, dir);
        }
        return;
    }
    for (uint64_t k = 0; k < nb; k++) {
        uint32_t b = 0;
        int changed;
        /* Again each time: adopting a directory below may move fs->dirs. */
        d = dir_of(fs, dir);
        if (cur < d->n && d->index[cur] == k)
            b = d->block[cur++];
        if (!b) {
            if (!(b = fill_hole(fs, dir, k)))
                continue;
            cur++; /* fill_hole inserted it before cur */
            memset(fs->buf, 0, fs->bs);
            advfs_record_put(fs->buf, 0, 0, (uint16_t)fs->bs, NULL, 0, 0);
        } else {
            read_block(fs, b, fs->buf);
        }
        changed = check_chain(fs, dir, k, fs->buf);
        if (k == 0)
            changed |= fix_dots(fs, dir, parent, fs->buf);
        changed |= check_entries(fs, dir, k, fs->buf);
        if (changed)
            write_block(fs, b, fs->buf);
    }
}

static void walk_tree(struct fsck *fs)
{
    while (fs->qhead < fs->qtail)
        process_dir(fs, fs->queue[fs->qhead++]);
}

/* ---- pass 4: what the walk did not reach ---- */

/* Does dir have an entry with this name? Reads its blocks into fs->buf. */
static int dir_has(struct fsck *fs, uint32_t dir, const char *name)
{
    struct dir_info *d = dir_of(fs, dir);
    size_t len = strlen(name);

    for (uint32_t i = 0; d && i < d->n; i++) {
        read_block(fs, d->block[i], fs->buf);
        for (uint32_t off = 0; off < fs->bs;) {
            struct advfs_record r;
            if (advfs_record_at(fs->buf, fs->bs, off, &r))
                break;
            if (r.inode && r.name_len == len && memcmp(r.name, name, len) == 0)
                return 1;
            off += r.rec_len;
        }
    }
    return 0;
}

/* Add an entry to a directory that has been checked (repairs only); 0 or -1. */
static int add_entry(struct fsck *fs, uint32_t dir, const char *name, uint32_t target)
{
    struct dir_info *d = dir_of(fs, dir);
    uint8_t len = (uint8_t)strlen(name), ft = (uint8_t)advfs_ft_of_mode(inode(fs, target)->mode);
    uint32_t need = ADVFS_DIRENT_SIZE(len), b;
    uint64_t nb = inode(fs, dir)->size / fs->bs;

    for (uint32_t i = 0; i < d->n; i++) {
        read_block(fs, d->block[i], fs->buf);
        for (uint32_t off = 0; off < fs->bs;) {
            struct advfs_record r;
            uint32_t used;
            if (advfs_record_at(fs->buf, fs->bs, off, &r))
                break;
            used = r.inode ? ADVFS_DIRENT_SIZE(r.name_len) : 0;
            if (r.rec_len - used >= need) {
                if (used)
                    advfs_put16(fs->buf + off + 4, (uint16_t)used);
                advfs_record_put(fs->buf, off + used, target, (uint16_t)(r.rec_len - used), name,
                                 len, ft);
                write_block(fs, d->block[i], fs->buf);
                return 0;
            }
            off += r.rec_len;
        }
    }
    /* No room: a new block at the end. */
    if (!(b = alloc_block(fs)))
        return -1;
    if (map_set(fs, dir, nb, b) < 0) {
        advfs_clear_bit(fs->claimed, b);
        return -1;
    }
    memset(fs->buf, 0, fs->bs);
    advfs_record_put(fs->buf, 0, target, (uint16_t)fs->bs, name, len, ft);
    write_block(fs, b, fs->buf);
    dir_insert(fs, d, (uint32_t)nb, b);
    fs->info[dir].blocks++;
    inode(fs, dir)->size += fs->bs;
    inode_changed(fs, dir);
    return 0;
}

/* /lost+found, created when missing (repairs); 0 if there is none. */
static uint32_t lost_found(struct fsck *fs)
{
    uint32_t ino, b;

    if (fs->lost_found || fs->lost_found_failed || !fs->repair)
        return fs->lost_found;
    fs->lost_found_failed = 1;
    if (fs->info[ADVFS_ROOT_INO].state != INO_LIVE || !dir_of(fs, ADVFS_ROOT_INO)) {
        problem(fs, NULL, "/lost+found cannot be created: no root directory");
        return 0;
    }
    if (dir_has(fs, ADVFS_ROOT_INO, "lost+found")) {
        problem(fs, NULL, "/lost+found is not a directory");
        return 0;
    }
    ino = alloc_inode(fs);
    b = ino ? alloc_block(fs) : 0;
    if (!b) {
        problem(fs, NULL, "/lost+found cannot be created: no free inode or block");
        return 0;
    }
    init_inode(fs, ino, ADVFS_S_IFDIR | 0700);
    inode(fs, ino)->direct[0] = b;
    inode(fs, ino)->size = fs->bs;
    inode(fs, ino)->nlink = 2;
    dir_insert(fs, new_dir_info(fs, ino), 0, b);
    fs->info[ino].blocks = 1;
    fs->info[ino].reached = 1;
    fs->info[ino].parent = ADVFS_ROOT_INO;
    dot_block(fs, fs->buf, ino, ADVFS_ROOT_INO);
    write_block(fs, b, fs->buf);
    if (add_entry(fs, ADVFS_ROOT_INO, "lost+found", ino) < 0) {
        advfs_clear_bit(fs->claimed, b);
        zero_inode(fs, ino);
        problem(fs, NULL, "/lost+found cannot be created: the root directory is full");
        return 0;
    }
    fs->info[ino].links += 2;                  /* its name and its "." */
    fs->info[ADVFS_ROOT_INO].links++;          /* its ".." */
    problem(fs, "created", "/lost+found: missing");
    fs->lost_found_failed = 0;
    return fs->lost_found = ino;
}

/* Give an unreachable inode a name in /lost+found; 1 if it got one. */
static int reconnect(struct fsck *fs, uint32_t ino)
{
    uint32_t lf = lost_found(fs);
    char name[32];

    if (!lf)
        return 0;
    snprintf(name, sizeof name, "#%u", ino);
    for (unsigned k = 1; dir_has(fs, lf, name); k++) {
        if (k > 1000)
            return 0;
        snprintf(name, sizeof name, "#%u.%u", ino, k);
    }
    if (add_entry(fs, lf, name, ino) < 0)
        return 0;
    fs->info[ino].links++;
    return 1;
}

/* The ".." that an unreached directory's first block names, or 0. */
static uint32_t dotdot_of(struct fsck *fs, uint32_t dir)
{
    struct dir_info *d = dir_of(fs, dir);
    struct advfs_record r0, r1;

    if (!d || d->n == 0 || d->index[0] != 0)
        return 0;
    read_block(fs, d->block[0], fs->buf);
    if (advfs_record_at(fs->buf, fs->bs, 0, &r0) || !is_dot(&r0, 1) || r0.rec_len >= fs->bs ||
        advfs_record_at(fs->buf, fs->bs, r0.rec_len, &r1) || !is_dot(&r1, 2) ||
        r1.inode >= fs->ninodes)
        return 0;
    return r1.inode;
}

/* The top of the unreached tree that dir is in (following "..", cycles stop it). */
static uint32_t orphan_top(struct fsck *fs, uint32_t dir)
{
    uint32_t stamp = ++fs->stamp;

    for (;;) {
        uint32_t up;
        fs->info[dir].stamp = stamp;
        up = dotdot_of(fs, dir);
        if (!up || up == dir || fs->info[up].state != INO_LIVE || !is_dir(fs, up) ||
            fs->info[up].reached || fs->info[up].stamp == stamp)
            return dir;
        dir = up;
    }
}

static void find_orphans(struct fsck *fs)
{
    int again = 1;

    /* Directories first (reconnecting one reaches its whole tree), until none is left. */
    while (again) {
        again = 0;
        for (uint32_t ino = 1; ino < fs->ninodes; ino++) {
            uint32_t top;
            struct advfs_inode *in;
            if (fs->info[ino].state != INO_LIVE || fs->info[ino].reached || !is_dir(fs, ino))
                continue;
            top = orphan_top(fs, ino);
            in = inode(fs, top);
            again = 1;
            if (in->nlink == 0) {
                problem(fs, "freed", "directory %u: unreachable, no links", top);
                free_inode(fs, top);
                continue;
            }
            if (!fs->repair) {
                /* Walk it as if it were in /lost+found, so its tree is not reported. */
                uint32_t up = dotdot_of(fs, top);
                int keep = up && up != top && fs->info[up].state == INO_LIVE && is_dir(fs, up);
                problem(fs, "reconnected", "directory %u: unreachable", top);
                enqueue(fs, top, keep ? up : top);
                fs->info[top].links++;
            } else if (reconnect(fs, top)) {
                problem(fs, "reconnected to /lost+found", "directory %u: unreachable", top);
                enqueue(fs, top, fs->lost_found);
            } else {
                problem(fs, NULL, "directory %u: unreachable", top);
                fs->info[top].reached = 1; /* reported; not again */
                continue;
            }
            walk_tree(fs);
        }
    }
    for (uint32_t ino = 1; ino < fs->ninodes; ino++) {
        if (fs->info[ino].state != INO_LIVE || fs->info[ino].reached)
            continue;
        if (inode(fs, ino)->nlink == 0) {
            problem(fs, "freed", "inode %u: unreachable, no links", ino);
            free_inode(fs, ino);
        } else if (!fs->repair) {
            problem(fs, "reconnected", "inode %u: unreachable", ino);
            fs->info[ino].reached = 1;
            fs->info[ino].links++;
        } else if (reconnect(fs, ino)) {
            problem(fs, "reconnected to /lost+found", "inode %u: unreachable", ino);
            fs->info[ino].reached = 1;
        } else {
            problem(fs, NULL, "inode %u: unreachable", ino);
        }
    }
}

/* ---- pass 5: counts and bitmaps ---- */

static void check_counts(struct fsck *fs)
{
    for (uint32_t ino = 1; ino < fs->ninodes; ino++) {
        struct ino_info *i = &fs->info[ino];
        struct advfs_inode *in = inode(fs, ino);
        if (i->state == INO_CANDIDATE) {
            problem(fs, "zeroed", "inode %u: free but not zeroed", ino);
            zero_inode(fs, ino);
            continue;
        }
        if (i->state != INO_LIVE)
            continue;
        if (i->reached && in->nlink != i->links) {
            if (i->links > UINT16_MAX) {
                problem(fs, NULL, "inode %u: %u links, more than a link count holds", ino,
                        i->links);
            } else {
                problem(fs, "fixed", "inode %u: link count %u, should be %u", ino, in->nlink,
                        i->links);
                in->nlink = (uint16_t)i->links;
                inode_changed(fs, ino);
            }
        }
        if (in->blocks != i->blocks) {
            problem(fs, "fixed", "inode %u: block count %u, should be %u", ino, in->blocks,
                    i->blocks);
            in->blocks = i->blocks;
            inode_changed(fs, ino);
        }
    }
}

static void report_run(struct fsck *fs, const char *what, uint64_t first, uint64_t last,
                       int kind)
{
    static const char *const sense[] = {"", "in use but marked free", "marked in use but free",
                                        "(past the end) clear, should be set"};
    char range[48];

    if (first == last)
        snprintf(range, sizeof range, "%llu", (unsigned long long)first);
    else
        snprintf(range, sizeof range, "%llu-%llu", (unsigned long long)first,
                 (unsigned long long)last);
    problem(fs, "fixed", "%s bitmap: %s %s", what, range, sense[kind]);
}

/*
 * Compare a bitmap with what it should be, reporting each run of wrong bits
 * on one line, and rewrite the blocks that differ; returns the free count.
 */
static uint32_t check_bitmap(struct fsck *fs, const char *what, uint8_t *disk, const uint8_t *want,
                             size_t bytes, uint32_t count, uint32_t start)
{
    uint64_t bits = (uint64_t)bytes * 8, run = 0;
    uint32_t free_count = 0;
    int run_kind = 0;

    for (uint64_t n = 0; n <= bits; n++) {
        int kind = 0;
        if (n < bits && advfs_bit(disk, n) != advfs_bit(want, n))
            kind = n >= count ? 3 : advfs_bit(want, n) ? 1 : 2;
        if (kind != run_kind) {
            if (run_kind)
                report_run(fs, what, run, n - 1, run_kind);
            run = n;
            run_kind = kind;
        }
        if (n < count && !advfs_bit(want, n))
            free_count++;
    }
    for (size_t b = 0; b < bytes / fs->bs; b++)
        if (memcmp(disk + b * fs->bs, want + b * fs->bs, fs->bs) != 0) {
            memcpy(disk + b * fs->bs, want + b * fs->bs, fs->bs);
            write_block(fs, start + (uint32_t)b, disk + b * fs->bs);
        }
    return free_count;
}

static void check_bitmaps(struct fsck *fs)
{
    struct advfs_superblock *sb = &fs->sb;
    uint8_t *want = xcalloc(fs, fs->ibm_bytes > fs->bbm_bytes ? fs->ibm_bytes : fs->bbm_bytes, 1);
    uint32_t free_inodes, free_blocks;

    advfs_set_bit(want, 0);
    for (uint32_t ino = 1; ino < fs->ninodes; ino++)
        if (fs->info[ino].state == INO_LIVE)
            advfs_set_bit(want, ino);
    for (uint64_t n = fs->ninodes; n < (uint64_t)fs->ibm_bytes * 8; n++)
        advfs_set_bit(want, n);
    free_inodes = check_bitmap(fs, "inode", fs->ibm, want, fs->ibm_bytes, fs->ninodes,
                               sb->inode_bitmap_start);

    memcpy(want, fs->claimed, fs->bbm_bytes);
    for (uint32_t b = 0; b < fs->data_start; b++)
        advfs_set_bit(want, b);
    for (uint64_t n = fs->nblocks; n < (uint64_t)fs->bbm_bytes * 8; n++)
        advfs_set_bit(want, n);
    free_blocks = check_bitmap(fs, "block", fs->bbm, want, fs->bbm_bytes, fs->nblocks,
                               sb->block_bitmap_start);
    free(want);

    if (sb->free_inodes != free_inodes) {
        problem(fs, "fixed", "superblock: %u free inodes, the bitmap says %u", sb->free_inodes,
                free_inodes);
        sb->free_inodes = free_inodes;
        fs->sb_dirty = 1;
    }
    if (sb->free_blocks != free_blocks) {
        problem(fs, "fixed", "superblock: %u free blocks, the bitmap says %u", sb->free_blocks,
                free_blocks);
        sb->free_blocks = free_blocks;
        fs->sb_dirty = 1;
    }
}

/* ---- one round ---- */

static void read_super(struct fsck *fs)
{
    const char *why;

    read_block(fs, ADVFS_SUPERBLOCK_BLOCK, fs->buf);
    memcpy(&fs->sb, fs->buf, sizeof fs->sb);
    why = advfs_super_problem(&fs->sb, fs->img.bytes);
    if (why)
        fatal(fs, "after replaying the journal, the superblock is damaged: %s", why);
    if (fs->sb.block_size != fs->bs || fs->sb.blocks_count != fs->nblocks)
        fatal(fs, "after replaying the journal, the superblock describes another geometry");
}

static void load(struct fsck *fs)
{
    const struct advfs_superblock *sb = &fs->sb;
    size_t itable_bytes = (size_t)sb->inode_table_blocks * fs->bs;

    fs->ninodes = sb->inodes_count;
    fs->data_start = sb->data_start;
    fs->ibm_bytes = (size_t)sb->inode_bitmap_blocks * fs->bs;
    fs->bbm_bytes = (size_t)sb->block_bitmap_blocks * fs->bs;
    fs->ibm = xcalloc(fs, fs->ibm_bytes, 1);
    fs->bbm = xcalloc(fs, fs->bbm_bytes, 1);
    fs->itable = xcalloc(fs, itable_bytes, 1);
    fs->itable_dirty = xcalloc(fs, sb->inode_table_blocks, 1);
    fs->claimed = xcalloc(fs, fs->bbm_bytes, 1);
    fs->info = xcalloc(fs, fs->ninodes, sizeof *fs->info);
    fs->queue = xcalloc(fs, fs->ninodes, sizeof *fs->queue);
    for (uint32_t b = 0; b < sb->inode_bitmap_blocks; b++)
        read_block(fs, sb->inode_bitmap_start + b, fs->ibm + (size_t)b * fs->bs);
    for (uint32_t b = 0; b < sb->block_bitmap_blocks; b++)
        read_block(fs, sb->block_bitmap_start + b, fs->bbm + (size_t)b * fs->bs);
    for (uint32_t b = 0; b < sb->inode_table_blocks; b++)
        read_block(fs, sb->inode_table_start + b, fs->itable + (size_t)b * fs->bs);
}

static void unload(struct fsck *fs)
{
    free(fs->ibm);
    free(fs->bbm);
    free(fs->itable);
    free(fs->itable_dirty);
    free(fs->claimed);
    free(fs->info);
    free(fs->queue);
    for (uint32_t i = 0; i < fs->ndirs; i++) {
        free(fs->dirs[i].index);
        free(fs->dirs[i].block);
    }
    free(fs->dirs);
    fs->dirs = NULL;
    fs->ndirs = fs->dirs_cap = 0;
    fs->qhead = fs->qtail = 0;
    fs->lost_found = 0;
    fs->lost_found_failed = 0;
    fs->block_hint = 0;
}

/* The root directory, recreated empty when it is missing or not a directory. */
static int check_root(struct fsck *fs)
{
    uint32_t root = ADVFS_ROOT_INO, b;
    struct ino_info *i = &fs->info[root];

    if (i->state == INO_CANDIDATE && is_dir(fs, root)) {
        problem(fs, "marked", "root directory: in use but marked free in the inode bitmap");
        claim_inode(fs, root);
    }
    if (i->state == INO_LIVE && is_dir(fs, root))
        return 1;
    if (!fs->repair) {
        problem(fs, "recreated", "root directory: missing or not a directory");
        return 0;
    }
    if (i->state != INO_FREE)
        free_inode(fs, root);
    if (!(b = alloc_block(fs))) {
        problem(fs, NULL, "root directory: missing or not a directory");
        return 0;
    }
    problem(fs, "recreated", "root directory: missing or not a directory");
    init_inode(fs, root, ADVFS_S_IFDIR | 0755);
    inode(fs, root)->direct[0] = b;
    inode(fs, root)->size = fs->bs;
    inode(fs, root)->nlink = 2;
    dir_insert(fs, new_dir_info(fs, root), 0, b);
    i->blocks = 1;
    dot_block(fs, fs->buf, root, root);
    write_block(fs, b, fs->buf);
    return 1;
}

static void check_super_fields(struct fsck *fs)
{
    struct advfs_superblock *sb = &fs->sb;

    if (sb->state != ADVFS_STATE_CLEAN && sb->state != ADVFS_STATE_DIRTY) {
        problem(fs, "set to clean", "superblock: invalid state %u", sb->state);
        fs->sb_dirty = 1;
    } else if (sb->state == ADVFS_STATE_DIRTY) {
        note(fs, "superblock: not unmounted cleanly");
    }
    read_block(fs, ADVFS_SUPERBLOCK_BLOCK, fs->buf);
    if (!all_zero(fs->buf + sizeof *sb, fs->bs - sizeof *sb)) {
        problem(fs, "zeroed", "superblock: the rest of block 0 is not zero");
        fs->sb_dirty = 1;
    }
}

static void write_back(struct fsck *fs)
{
    struct advfs_superblock *sb = &fs->sb;

    if (!fs->repair)
        return;
    for (uint32_t b = 0; b < sb->inode_table_blocks; b++)
        if (fs->itable_dirty[b])
            write_block(fs, sb->inode_table_start + b, fs->itable + (size_t)b * fs->bs);
    if (fs->sb_dirty || sb->state != ADVFS_STATE_CLEAN) {
        sb->state = ADVFS_STATE_CLEAN;
        sb->write_time = (int64_t)time(NULL);
        sb->checksum = advfs_super_checksum(sb);
        memset(fs->buf, 0, fs->bs);
        memcpy(fs->buf, sb, sizeof *sb);
        write_block(fs, ADVFS_SUPERBLOCK_BLOCK, fs->buf);
    }
    if (advfs_image_sync(&fs->img) < 0)
        fatal(fs, "flushing: %s", strerror(errno));
}

static void run_round(struct fsck *fs)
{
    fs->problems = fs->fixed = fs->unfixed = 0;
    fs->sb_dirty = 0;

    note(fs, "round %d: the journal", fs->round);
    check_journal(fs);
    read_super(fs);
    if (fs->sb.checksum != advfs_super_checksum(&fs->sb)) {
        problem(fs, "rewritten", "superblock: checksum mismatch");
        fs->sb_dirty = 1;
    }
    check_super_fields(fs);

    note(fs, "round %d: inodes", fs->round);
    load(fs);
    scan_inodes(fs);
    note(fs, "round %d: blocks", fs->round);
    for (uint32_t ino = 1; ino < fs->ninodes; ino++)
        if (fs->info[ino].state == INO_LIVE)
            claim_inode(fs, ino);
    note(fs, "round %d: directories", fs->round);
    if (check_root(fs)) {
        enqueue(fs, ADVFS_ROOT_INO, ADVFS_ROOT_INO);
        walk_tree(fs);
    }
    note(fs, "round %d: connectivity", fs->round);
    find_orphans(fs);
    note(fs, "round %d: counts and bitmaps", fs->round);
    check_counts(fs);
    check_bitmaps(fs);
    write_back(fs);
}

static void summary(struct fsck *fs)
{
    const struct advfs_superblock *sb = &fs->sb;

    printf("%s: %u/%u inodes, %u/%u blocks in use\n", fs->path,
           sb->inodes_count - 1 - sb->free_inodes, sb->inodes_count - 1,
           sb->blocks_count - sb->free_blocks, sb->blocks_count);
}

static void usage(void)
{
    fprintf(stderr, "usage: %s [-n] [-y] [-v] IMAGE\n", prog);
    exit(EXIT_USAGE);
}

/* Static, so that what it holds stays reachable on every way out (the leak
 * checker of the sanitized test build counts nothing reachable as a leak). */
static struct fsck fsck_state;

int main(int argc, char **argv)
{
    struct fsck *fs = &fsck_state;
    int c, yes = 0, err;
    unsigned total_fixed = 0, left;
    uint8_t first[sizeof(struct advfs_superblock)];
    struct advfs_superblock sb;
    const char *why;

    fs->repair = 1;
    while ((c = getopt(argc, argv, "nyvh")) != -1) {
        switch (c) {
        case 'n':
            fs->repair = 0;
            break;
        case 'y':
            yes = 1; /* repairs need no confirmation anyway */
            break;
        case 'v':
            fs->verbose = 1;
            break;
        default:
            usage();
        }
    }
    if (optind != argc - 1 || (yes && !fs->repair))
        usage();
    fs->path = argv[optind];

    if ((err = advfs_image_open(&fs->img, fs->path, fs->repair)) < 0)
        fatal(fs, "%s", strerror(-err));
    if ((err = advfs_image_pread(&fs->img, 0, first, sizeof first)) < 0)
        fatal(fs, "cannot read a superblock: %s",
              err == -ERANGE ? "the image is too small" : strerror(-err));
    memcpy(&sb, first, sizeof sb);
    if ((why = advfs_super_problem(&sb, fs->img.bytes)))
        fatal(fs, "%s: %s", sb.magic == ADVFS_MAGIC ? "damaged superblock"
                                                     : "not an AdventFS file system", why);
    fs->sb = sb;
    fs->bs = sb.block_size;
    fs->ptrs = fs->bs / 4;
    fs->nblocks = sb.blocks_count;
    fs->map_blocks = advfs_map_blocks(fs->bs);
    advfs_image_set_geometry(&fs->img, fs->bs, fs->nblocks);
    for (int l = 0; l < 4; l++)
        fs->lvl[l] = xcalloc(fs, fs->bs, 1);
    fs->buf = xcalloc(fs, fs->bs, 1);
    fs->buf2 = xcalloc(fs, fs->bs, 1);

    if (!fs->repair) {
        fs->round = 1;
        run_round(fs);
        unload(fs);
        if (fs->problems) {
            printf("%s: %u problem%s found; nothing changed (-n)\n", fs->path, fs->problems,
                   fs->problems == 1 ? "" : "s");
            return EXIT_UNCORRECTED;
        }
        summary(fs);
        return EXIT_CLEAN;
    }
    for (fs->round = 1; fs->round <= MAX_ROUNDS; fs->round++) {
        run_round(fs);
        unload(fs);
        total_fixed += fs->fixed;
        if (fs->problems == 0) {
            if (total_fixed)
                printf("%s: %u problem%s fixed\n", fs->path, total_fixed,
                       total_fixed == 1 ? "" : "s");
            summary(fs);
            advfs_image_close(&fs->img);
            return total_fixed ? EXIT_CORRECTED : EXIT_CLEAN;
        }
        if (fs->fixed == 0)
            break; /* only what cannot be fixed is left */
        note(fs, "checking again after the repairs");
    }
    left = fs->unfixed ? fs->unfixed : fs->problems;
    printf("%s: %u problem%s left uncorrected\n", fs->path, left, left == 1 ? "" : "s");
    advfs_image_close(&fs->img);
    return EXIT_UNCORRECTED;
}
