/*
 * dir.c - AdventFS directories: variable-length records in whole blocks
 * (docs/adventfs.md, "Directories"). Every record read from disk is checked
 * (rec_len aligned, large enough for its name, inside the block) before use; a
 * bad one makes the operation fail with -EIO and a message.
 *
 * Directory blocks are metadata: every change is logged in the transaction.
 * Called with fs->op_lock held (readdir and find also work without a
 * transaction).
 */
#include <fs/adventfs/adventfs.h>
#include <lib/kprintf.h>
#include <string.h>
#include <uapi/errno.h>

static unsigned ft_of(unsigned mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG: return ADVFS_FT_REG;
    case S_IFDIR: return ADVFS_FT_DIR;
    case S_IFCHR: return ADVFS_FT_CHR;
    case S_IFBLK: return ADVFS_FT_BLK;
    case S_IFIFO: return ADVFS_FT_FIFO;
    case S_IFSOCK: return ADVFS_FT_SOCK;
    case S_IFLNK: return ADVFS_FT_LNK;
    default: return ADVFS_FT_UNKNOWN;
    }
}

static unsigned dt_of(unsigned ft)
{
    static const unsigned char map[] = {DT_UNKNOWN, DT_REG, DT_DIR, DT_CHR,
                                        DT_BLK,     DT_FIFO, DT_SOCK, DT_LNK};
    return ft < sizeof map ? map[ft] : DT_UNKNOWN;
}

/* Is the record at off in a block of size bs sane? */
static int record_ok(const uint8_t *block, uint32_t off, uint32_t bs)
{
    const struct advfs_dirent *d = (const struct advfs_dirent *)(block + off);

    if (off + ADVFS_DIRENT_HEADER > bs)
        return 0;
    if (d->rec_len < ADVFS_DIRENT_HEADER || (d->rec_len & 3) || off + d->rec_len > bs)
        return 0;
    if (d->inode && (d->name_len == 0 || ADVFS_DIRENT_SIZE(d->name_len) > d->rec_len))
        return 0;
    return 1;
}

static int corrupt(struct inode *dir, uint32_t blockno)
{
    kprintf("adventfs: directory %lu: block %lu has a damaged record; run fsck\n",
            (unsigned long)dir->ino, (unsigned long)blockno);
    return -EIO;
}

/*
 * Visit each record of dir. visit returns 0 to go on, 1 to stop (the buffer
 * was kept and logged as needed by visit), or a negative error.
 */
static int for_each_record(struct inode *dir,
                           int (*visit)(void *ctx, struct buf *b, uint32_t off, uint32_t prev,
                                        uint64_t pos),
                           void *ctx)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    uint64_t nblocks = dir->size / fs->bs;

    for (uint64_t n = 0; n < nblocks; n++) {
        uint32_t blk, off = 0, prev = UINT32_MAX;
        struct buf *b;
        int err = advfs_bmap(dir, n, 0, &blk, NULL);
        if (err < 0)
            return err;
        if (!blk)
            return corrupt(dir, 0); /* directories have no holes */
        if (!(b = advfs_bread(fs, blk)))
            return -EIO;
        while (off < fs->bs) {
            int r;
            if (!record_ok(b->data, off, fs->bs)) {
                brelse(b);
                return corrupt(dir, blk);
            }
            r = visit(ctx, b, off, prev, n * fs->bs + off);
            if (r) {
                brelse(b);
                return r;
            }
            prev = off;
            off += ((struct advfs_dirent *)(b->data + off))->rec_len;
        }
        brelse(b);
    }
    return 0;
}

struct find_ctx {
    const char *name;
    size_t len;
    uint32_t ino;
    int remove;
    struct advfs_fs *fs;
};

static int find_visit(void *opaque, struct buf *b, uint32_t off, uint32_t prev, uint64_t pos)
{
    struct find_ctx *c = opaque;
    struct advfs_dirent *d = (struct advfs_dirent *)(b->data + off);

    (void)pos;
    if (!d->inode || d->name_len != c->len || memcmp(d->name, c->name, c->len) != 0)
        return 0;
    c->ino = d->inode;
    if (c->remove) {
        if (prev == UINT32_MAX)
            d->inode = 0; /* first in its block: becomes free space */
        else
            ((struct advfs_dirent *)(b->data + prev))->rec_len += d->rec_len;
        advfs_txn_log(c->fs, b);
    }
    return 1;
}

int advfs_dir_find(struct inode *dir, const char *name, size_t len, uint32_t *ino)
{
    struct find_ctx c = {name, len, 0, 0, advfs_of(dir->sb)};
    int r = for_each_record(dir, find_visit, &c);

    if (r < 0)
        return r;
    if (r == 0)
        return -ENOENT;
    *ino = c.ino;
    return 0;
}

int advfs_dir_remove(struct inode *dir, const char *name, size_t len)
{
    struct find_ctx c = {name, len, 0, 1, advfs_of(dir->sb)};
    int r = for_each_record(dir, find_visit, &c);

    if (r < 0)
        return r;
    if (r == 0)
        return -ENOENT;
    dir->mtime = dir->ctime = vfs_now();
    return advfs_write_raw_inode(dir);
}

struct add_ctx {
    const char *name;
    size_t len;
    uint32_t ino;
    unsigned ft;
    struct advfs_fs *fs;
};

static void fill(struct advfs_dirent *d, const struct add_ctx *c, uint16_t rec_len)
{
    d->inode = c->ino;
    d->rec_len = rec_len;
    d->name_len = (uint8_t)c->len;
    d->file_type = (uint8_t)c->ft;
    memcpy(d->name, c->name, c->len);
}

static int add_visit(void *opaque, struct buf *b, uint32_t off, uint32_t prev, uint64_t pos)
{
    struct add_ctx *c = opaque;
    struct advfs_dirent *d = (struct advfs_dirent *)(b->data + off);
    uint32_t need = ADVFS_DIRENT_SIZE(c->len);

    (void)prev, (void)pos;
    if (!d->inode && d->rec_len >= need) {
        fill(d, c, d->rec_len); /* a free record: take it whole */
    } else if (d->inode && d->rec_len >= ADVFS_DIRENT_SIZE(d->name_len) + need) {
        uint16_t used = (uint16_t)ADVFS_DIRENT_SIZE(d->name_len);
        struct advfs_dirent *n = (struct advfs_dirent *)(b->data + off + used);
        fill(n, c, (uint16_t)(d->rec_len - used)); /* split the slack after d */
        d->rec_len = used;
    } else {
        return 0;
    }
    advfs_txn_log(c->fs, b);
    return 1;
}

int advfs_dir_add(struct inode *dir, const char *name, size_t len, uint32_t ino, unsigned mode)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    struct add_ctx c = {name, len, ino, ft_of(mode), fs};
    uint32_t blk;
    struct buf *b;
    int r = for_each_record(dir, add_visit, &c);

    if (r < 0)
        return r;
    if (r == 0) { /* no room: append a block holding just this entry */
        if (dir->size / fs->bs >= 0x7fffffff / fs->bs)
            return -EFBIG;
        if ((r = advfs_bmap(dir, dir->size / fs->bs, 1, &blk, NULL)) < 0)
            return r;
        b = bget_nofill(fs->dev, blk, fs->bs);
        memset(b->data, 0, fs->bs);
        fill((struct advfs_dirent *)b->data, &c, (uint16_t)fs->bs);
        advfs_txn_log(fs, b);
        brelse(b);
        dir->size += fs->bs;
    }
    dir->mtime = dir->ctime = vfs_now();
    return advfs_write_raw_inode(dir);
}

static int empty_visit(void *opaque, struct buf *b, uint32_t off, uint32_t prev, uint64_t pos)
{
    struct advfs_dirent *d = (struct advfs_dirent *)(b->data + off);

    (void)opaque, (void)prev, (void)pos;
    if (!d->inode)
        return 0;
    if ((d->name_len == 1 && d->name[0] == '.') ||
        (d->name_len == 2 && d->name[0] == '.' && d->name[1] == '.'))
        return 0;
    return 1; /* a real entry: not empty */
}

/* 1 when dir holds only "." and "..", 0 when not, or -errno. */
int advfs_dir_is_empty(struct inode *dir)
{
    int r = for_each_record(dir, empty_visit, NULL);

    return r < 0 ? r : !r;
}

static int dotdot_visit(void *opaque, struct buf *b, uint32_t off, uint32_t prev, uint64_t pos)
{
    struct find_ctx *c = opaque;
    struct advfs_dirent *d = (struct advfs_dirent *)(b->data + off);

    (void)prev, (void)pos;
    if (d->inode && d->name_len == 2 && d->name[0] == '.' && d->name[1] == '.') {
        d->inode = c->ino;
        advfs_txn_log(c->fs, b);
        return 1;
    }
    return 0;
}

int advfs_dir_set_parent(struct inode *dir, uint32_t parent)
{
    struct find_ctx c = {"..", 2, parent, 0, advfs_of(dir->sb)};
    int r = for_each_record(dir, dotdot_visit, &c);

    return r < 0 ? r : r == 0 ? -EIO : 0;
}

/* Give a new directory its first block with "." and "..". */
int advfs_dir_init(struct inode *dir, uint32_t parent)
{
    struct advfs_fs *fs = advfs_of(dir->sb);
    struct advfs_dirent *d;
    uint32_t blk;
    struct buf *b;
    int err = advfs_bmap(dir, 0, 1, &blk, NULL);

    if (err < 0)
        return err;
    b = bget_nofill(fs->dev, blk, fs->bs);
    memset(b->data, 0, fs->bs);
    d = (struct advfs_dirent *)b->data;
    d->inode = dir->ino;
    d->rec_len = (uint16_t)ADVFS_DIRENT_SIZE(1);
    d->name_len = 1;
    d->file_type = ADVFS_FT_DIR;
    d->name[0] = '.';
    d = (struct advfs_dirent *)(b->data + ADVFS_DIRENT_SIZE(1));
    d->inode = parent;
    d->rec_len = (uint16_t)(fs->bs - ADVFS_DIRENT_SIZE(1));
    d->name_len = 2;
    d->file_type = ADVFS_FT_DIR;
    d->name[0] = d->name[1] = '.';
    advfs_txn_log(fs, b);
    brelse(b);
    dir->size = fs->bs;
    return advfs_write_raw_inode(dir);
}

struct readdir_ctx {
    uint64_t *pos;
    void *emit_ctx;
    int (*emit)(void *, const char *, size_t, uint32_t, unsigned, uint64_t);
};

static int readdir_visit(void *opaque, struct buf *b, uint32_t off, uint32_t prev, uint64_t pos)
{
    struct readdir_ctx *c = opaque;
    struct advfs_dirent *d = (struct advfs_dirent *)(b->data + off);

    (void)prev;
    if (pos < *c->pos || !d->inode)
        return 0;
    if (c->emit(c->emit_ctx, d->name, d->name_len, d->inode, dt_of(d->file_type),
                pos + d->rec_len))
        return 1; /* no room: resume here next time */
    *c->pos = pos + d->rec_len;
    return 0;
}

int advfs_readdir(struct file *file, uint64_t *pos, void *ctx,
                  int (*emit)(void *, const char *, size_t, uint32_t, unsigned, uint64_t))
{
    struct readdir_ctx c = {pos, ctx, emit};
    struct inode *dir = file->inode;
    struct advfs_fs *fs = advfs_of(dir->sb);
    int r;

    mutex_lock(&fs->op_lock);
    r = for_each_record(dir, readdir_visit, &c);
    if (r == 0)
        *pos = dir->size; /* all of it was read */
    mutex_unlock(&fs->op_lock);
    return r < 0 ? r : 0;
}
