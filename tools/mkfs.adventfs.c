/*
 * mkfs.adventfs.c - make an AdventFS file system (docs/adventfs.md), optionally
 * filled with a copy of a host directory tree.
 *
 *   mkfs.adventfs [-q] [-b 1024|2048|4096] [-N inodes] [-J journal_blocks] [-L label]
 *                 [-d SRC_DIR] [-u UID:GID] [-p SPEC] IMAGE [SIZE_MB]
 *
 * How it works: the source tree is read completely first (names, types,
 * sizes, hard links, the SPEC overrides), so that every error about the tree
 * (a name too long, too many files for the inodes) comes before the image is
 * touched. Then the layout is computed, the image is created (or truncated:
 * a fresh, sparse file reads as zeros, so only blocks that hold something are
 * written), inode numbers are handed out in tree order, and the tree is
 * written depth first, taking data blocks from the start of the data region
 * in order. Each file's indirect blocks are kept in memory until the file is
 * done. The bitmaps, the inode table, the journal superblock and last the
 * superblock follow; until that last write the image has no valid superblock,
 * so a failed run never leaves something that looks like a file system.
 *
 * Owners: host uids mean nothing in the guest, so every file belongs to root
 * (or to -u UID:GID); SPEC gives single paths their own mode and owner. Files
 * keep their permission bits and modification times. Zero-filled whole blocks
 * of regular files are left as holes.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "adventfs_image.h"

#define MIB (1024u * 1024u)
#define BYTES_PER_INODE 16384u
#define MIN_INODES 64u
#define MIN_JOURNAL 8u /* the kernel refuses smaller journals */
#define DEFAULT_JOURNAL_MIN 64u
#define DEFAULT_JOURNAL_MAX 8192u

static const char *prog = "mkfs.adventfs";
static const char *created_path; /* removed again if mkfs fails */

static void die(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3),
                                                                        noreturn));
static void die(const char *what, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: %s: ", prog, what);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    if (created_path)
        unlink(created_path);
    exit(1);
}

static void *xmalloc(size_t n)
{
    void *p = calloc(1, n ? n : 1);

    if (!p)
        die("memory", "out of memory");
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die("memory", "out of memory");
    return p;
}

static char *xstrdup(const char *s)
{
    char *p = strdup(s);

    if (!p)
        die("memory", "out of memory");
    return p;
}

/* ---- the source tree ---- */

struct node {
    char *name;               /* the entry's name; "" for the root */
    char *path;               /* where it is on the host */
    struct stat st;
    struct node *parent;
    struct node **children;   /* directories: sorted by name */
    size_t nchildren;
    struct node *same_inode;  /* a hard link: the node that owns the inode */
    uint32_t ino;
    uint32_t nlink;           /* entries naming it in the new file system */
    uint32_t mode;            /* type and permissions to store */
    uint32_t uid, gid;
};

struct tree {
    struct node *root;
    size_t inodes;            /* distinct inodes, the root included */
    size_t nodes;
    /* (st_dev, st_ino) of multiply-linked files, to keep hard links as such */
    struct node **links;
    size_t links_cap;
};

struct options {
    uint32_t bs;
    uint64_t inodes;          /* 0 = one per BYTES_PER_INODE */
    uint64_t journal;         /* 0 = 1/64 of the blocks, clamped */
    const char *label;
    const char *src;
    const char *spec;
    uint32_t uid, gid;
    const char *image;
    int64_t size_mb;          /* -1 = the image's present size */
    int quiet;
};

static size_t link_slot(struct tree *t, const struct stat *st)
{
    uint64_t h = (uint64_t)st->st_ino * 0x9e3779b97f4a7c15ull ^ (uint64_t)st->st_dev;
    size_t i = (size_t)(h % t->links_cap);

    while (t->links[i] && (t->links[i]->st.st_ino != st->st_ino ||
                           t->links[i]->st.st_dev != st->st_dev))
        i = (i + 1) % t->links_cap;
    return i;
}

/* The node already holding this host inode, or NULL after remembering n as it. */
static struct node *find_hard_link(struct tree *t, struct node *n)
{
    size_t i;

    if (t->links_cap == 0 || t->nodes * 2 >= t->links_cap) {
        struct node **old = t->links;
        size_t old_cap = t->links_cap;
        t->links_cap = old_cap ? old_cap * 4 : 1024;
        t->links = xmalloc(t->links_cap * sizeof *t->links);
        for (size_t k = 0; k < old_cap; k++)
            if (old[k])
                t->links[link_slot(t, &old[k]->st)] = old[k];
        free(old);
    }
    i = link_slot(t, &n->st);
    if (t->links[i])
        return t->links[i];
    t->links[i] = n;
    return NULL;
}

static int by_name(const void *a, const void *b)
{
    return strcmp((*(struct node *const *)a)->name, (*(struct node *const *)b)->name);
}

static void scan(struct tree *t, struct node *n, const struct options *o);

static void scan_dir(struct tree *t, struct node *dir, const struct options *o)
{
    DIR *d = opendir(dir->path);
    struct dirent *e;
    size_t cap = 0;

    if (!d)
        die(dir->path, "%s", strerror(errno));
    while ((errno = 0, e = readdir(d)) != NULL) {
        struct node *c;
        size_t len = strlen(e->d_name);
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        if (len > ADVFS_NAME_MAX)
            die(dir->path, "name too long (%zu bytes, at most %d): %s", len, ADVFS_NAME_MAX,
                e->d_name);
        if (dir->nchildren == cap) {
            cap = cap ? cap * 2 : 16;
            dir->children = xrealloc(dir->children, cap * sizeof *dir->children);
        }
        c = xmalloc(sizeof *c);
        c->name = xstrdup(e->d_name);
        c->path = xmalloc(strlen(dir->path) + len + 2);
        sprintf(c->path, "%s/%s", dir->path, e->d_name);
        c->parent = dir;
        dir->children[dir->nchildren++] = c;
    }
    if (errno)
        die(dir->path, "%s", strerror(errno));
    closedir(d);
    qsort(dir->children, dir->nchildren, sizeof *dir->children, by_name);
    for (size_t i = 0; i < dir->nchildren; i++)
        scan(t, dir->children[i], o);
}

static void scan(struct tree *t, struct node *n, const struct options *o)
{
    if (lstat(n->path, &n->st) < 0)
        die(n->path, "%s", strerror(errno));
    t->nodes++;
    n->uid = o->uid;
    n->gid = o->gid;
    n->mode = n->st.st_mode & 0177777;
    if (!advfs_mode_valid(n->mode))
        die(n->path, "unsupported file type");
    if (S_ISREG(n->st.st_mode)) {
        uint64_t max = advfs_map_blocks(o->bs) * o->bs;
        if ((uint64_t)n->st.st_size > max)
            die(n->path, "file too large (%lld bytes; at most %llu with %u-byte blocks)",
                (long long)n->st.st_size, (unsigned long long)max, o->bs);
    }
    if (S_ISLNK(n->st.st_mode) && (uint64_t)n->st.st_size > advfs_symlink_max(o->bs))
        die(n->path, "symbolic link target too long (%lld bytes; at most %u)",
            (long long)n->st.st_size, advfs_symlink_max(o->bs));
    if (!S_ISDIR(n->st.st_mode) && n->st.st_nlink > 1 && (n->same_inode = find_hard_link(t, n)))
        return; /* another name of a file already counted */
    t->inodes++;
    if (S_ISDIR(n->st.st_mode))
        scan_dir(t, n, o);
}

/* The node at path (relative to the source root, leading '/' optional), or NULL. */
static struct node *lookup(struct node *root, const char *path)
{
    char *copy = xstrdup(path), *save = NULL;
    struct node *n = root;

    for (char *part = strtok_r(copy, "/", &save); part && n; part = strtok_r(NULL, "/", &save)) {
        struct node key = {.name = part}, *kp = &key, **hit;
        if (strcmp(part, ".") == 0)
            continue;
        if (!S_ISDIR(n->st.st_mode)) {
            n = NULL;
            break;
        }
        hit = bsearch(&kp, n->children, n->nchildren, sizeof *n->children, by_name);
        n = hit ? *hit : NULL;
    }
    free(copy);
    return n;
}

/* Parse an unsigned number in [0, max] in the given base; -1 on error. */
static int64_t parse_number(const char *s, int base, uint64_t max)
{
    char *end;
    unsigned long long v;

    if (!*s || *s == '-' || *s == '+')
        return -1;
    errno = 0;
    v = strtoull(s, &end, base);
    if (errno || *end || v > max)
        return -1;
    return (int64_t)v;
}

/*
 * The override file: one "path mode uid gid" per line, '#' starts a comment,
 * "-" keeps a field as it is. The mode replaces the permission bits (octal,
 * setuid/setgid/sticky included); the type stays what the source has.
 */
static void apply_spec(struct node *root, const char *spec)
{
    FILE *fp = fopen(spec, "r");
    char line[4096 + 64];
    unsigned lineno = 0;

    if (!fp)
        die(spec, "%s", strerror(errno));
    while (fgets(line, sizeof line, fp)) {
        char where[64], *field[5], *save = NULL, *hash = strchr(line, '#');
        int nf = 0;
        struct node *n;
        lineno++;
        snprintf(where, sizeof where, "%s:%u", spec, lineno);
        if (!strchr(line, '\n') && !feof(fp))
            die(where, "line too long");
        if (hash)
            *hash = '\0';
        for (char *f = strtok_r(line, " \t\r\n", &save); f; f = strtok_r(NULL, " \t\r\n", &save))
            field[nf < 5 ? nf++ : 4] = f;
        if (nf == 0)
            continue;
        if (nf != 4)
            die(where, "expected \"path mode uid gid\"");
        n = lookup(root, field[0]);
        if (!n)
            die(where, "%s: no such file in the source tree", field[0]);
        while (n->same_inode)
            n = n->same_inode;
        if (strcmp(field[1], "-") != 0) {
            int64_t mode = parse_number(field[1], 8, 07777);
            if (mode < 0)
                die(where, "invalid mode %s (octal, at most 7777)", field[1]);
            n->mode = (n->mode & ADVFS_S_IFMT) | (uint32_t)mode;
        }
        for (int k = 0; k < 2; k++) {
            int64_t id;
            if (strcmp(field[2 + k], "-") == 0)
                continue;
            id = parse_number(field[2 + k], 10, UINT32_MAX);
            if (id < 0)
                die(where, "invalid %s %s", k ? "gid" : "uid", field[2 + k]);
            *(k ? &n->gid : &n->uid) = (uint32_t)id;
        }
    }
    if (ferror(fp))
        die(spec, "%s", strerror(errno));
    fclose(fp);
}

/* ---- the layout ---- */

struct layout {
    struct advfs_superblock sb;
    uint32_t bs, ptrs, per_block;
};

static uint64_t div_up(uint64_t a, uint64_t b)
{
    return (a + b - 1) / b;
}

static void compute_layout(struct layout *l, const struct options *o, uint64_t bytes,
                           size_t inodes_needed)
{
    struct advfs_superblock *sb = &l->sb;
    uint64_t blocks = bytes / o->bs, inodes, journal, ibm, bbm, itab, data;

    l->bs = o->bs;
    l->ptrs = o->bs / 4;
    l->per_block = o->bs / ADVFS_INODE_SIZE;
    if (blocks > UINT32_MAX)
        die(o->image, "too large: %llu blocks, at most %u (use a larger block size)",
            (unsigned long long)blocks, UINT32_MAX);
    inodes = o->inodes ? o->inodes : bytes / BYTES_PER_INODE;
    if (inodes < MIN_INODES && !o->inodes)
        inodes = MIN_INODES;
    if (inodes < 2)
        inodes = 2; /* inode 0 (never used) and the root */
    /* Fill the inode table's last block: those inodes cost nothing more. */
    inodes = div_up(inodes, l->per_block) * l->per_block;
    if (inodes > UINT32_MAX)
        die(o->image, "too many inodes requested (at most %u)", UINT32_MAX);
    journal = o->journal ? o->journal : blocks / 64;
    if (!o->journal && journal < DEFAULT_JOURNAL_MIN)
        journal = DEFAULT_JOURNAL_MIN;
    if (!o->journal && journal > DEFAULT_JOURNAL_MAX)
        journal = DEFAULT_JOURNAL_MAX;
    ibm = div_up(inodes, (uint64_t)o->bs * 8);
    bbm = div_up(blocks ? blocks : 1, (uint64_t)o->bs * 8);
    itab = div_up(inodes * ADVFS_INODE_SIZE, o->bs);
    data = 1 + journal + ibm + bbm + itab;
    /* The root directory needs one data block. */
    if (data + 1 > blocks)
        die(o->image, "image too small: %llu blocks of %u bytes, the metadata alone needs %llu "
            "and the root directory one more", (unsigned long long)blocks, o->bs,
            (unsigned long long)data);
    if (inodes_needed > inodes - 1)
        die(o->image, "too many files: the source tree needs %zu inodes, the file system has %llu "
            "(use -N)", inodes_needed, (unsigned long long)(inodes - 1));

    memset(sb, 0, sizeof *sb);
    sb->magic = ADVFS_MAGIC;
    sb->version = ADVFS_VERSION;
    sb->block_size = o->bs;
    sb->blocks_count = (uint32_t)blocks;
    sb->inodes_count = (uint32_t)inodes;
    sb->journal_start = 1;
    sb->journal_blocks = (uint32_t)journal;
    sb->inode_bitmap_start = sb->journal_start + sb->journal_blocks;
    sb->inode_bitmap_blocks = (uint32_t)ibm;
    sb->block_bitmap_start = sb->inode_bitmap_start + sb->inode_bitmap_blocks;
    sb->block_bitmap_blocks = (uint32_t)bbm;
    sb->inode_table_start = sb->block_bitmap_start + sb->block_bitmap_blocks;
    sb->inode_table_blocks = (uint32_t)itab;
    sb->data_start = (uint32_t)data;
    sb->root_ino = ADVFS_ROOT_INO;
    sb->features_incompat = ADVFS_FEATURE_INCOMPAT_JOURNAL;
    sb->state = ADVFS_STATE_CLEAN;
}

/* ---- writing ---- */

struct mkfs {
    struct advfs_image img;
    struct layout l;
    uint8_t *block_bitmap;
    uint8_t *inode_bitmap;
    struct advfs_inode *inodes; /* [0 .. used] */
    uint32_t used_inodes;
    uint32_t next_block;        /* blocks are handed out in order */
    uint8_t *buf;               /* one block */
    size_t files;
};

static uint32_t alloc_block(struct mkfs *m, const char *for_what)
{
    uint32_t b = m->next_block;

    if (b >= m->l.sb.blocks_count)
        die(m->img.path, "image too small: no space left for %s (%u blocks of %u bytes)",
            for_what, m->l.sb.blocks_count, m->l.bs);
    m->next_block++;
    advfs_set_bit(m->block_bitmap, b);
    return b;
}

static void write_block(struct mkfs *m, uint32_t b, const void *data)
{
    int err = advfs_write_block(&m->img, b, data);

    if (err)
        die(m->img.path, "writing block %u: %s", b, strerror(-err));
}

/* The indirect blocks of the file being written, kept until it is complete. */
struct indirect {
    uint32_t block;
    uint32_t *ptrs;
};

struct file_map {
    struct mkfs *m;
    struct advfs_inode *in;
    const char *path;
    struct indirect *ind;
    size_t nind, cap;
};

static uint32_t *new_indirect(struct file_map *f, uint32_t *slot)
{
    struct indirect *ind;

    if (f->nind == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->ind = xrealloc(f->ind, f->cap * sizeof *f->ind);
    }
    ind = &f->ind[f->nind++];
    ind->block = alloc_block(f->m, f->path);
    ind->ptrs = xmalloc(f->m->l.bs);
    f->in->blocks++;
    *slot = ind->block;
    return ind->ptrs;
}

static uint32_t *indirect_ptrs(struct file_map *f, uint32_t block)
{
    /* Searched from the end: the block asked for is nearly always a recent one. */
    for (size_t i = f->nind; i-- > 0;)
        if (f->ind[i].block == block)
            return f->ind[i].ptrs;
    die(f->path, "internal error: indirect block %u lost", block);
}

/* Allocate file block n (and the indirect blocks leading to it); its block number. */
static uint32_t map_new_block(struct file_map *f, uint64_t n)
{
    uint64_t p = f->m->l.ptrs;
    uint32_t idx[3] = {0}, *slot;
    int depth;

    if (n < ADVFS_NDIRECT) {
        slot = &f->in->direct[n];
        depth = 0;
    } else if ((n -= ADVFS_NDIRECT) < p) {
        slot = &f->in->indirect;
        depth = 1;
        idx[0] = (uint32_t)n;
    } else if ((n -= p) < p * p) {
        slot = &f->in->double_indirect;
        depth = 2;
        idx[0] = (uint32_t)(n / p);
        idx[1] = (uint32_t)(n % p);
    } else {
        n -= p * p;
        slot = &f->in->triple_indirect;
        depth = 3;
        idx[0] = (uint32_t)(n / (p * p));
        idx[1] = (uint32_t)(n / p % p);
        idx[2] = (uint32_t)(n % p);
    }
    for (int level = 0; level < depth; level++) {
        uint32_t *ptrs = *slot ? indirect_ptrs(f, *slot) : new_indirect(f, slot);
        slot = &ptrs[idx[level]];
    }
    *slot = alloc_block(f->m, f->path);
    f->in->blocks++;
    return *slot;
}

static void finish_map(struct file_map *f)
{
    for (size_t i = 0; i < f->nind; i++) {
        write_block(f->m, f->ind[i].block, f->ind[i].ptrs);
        free(f->ind[i].ptrs);
    }
    free(f->ind);
    f->ind = NULL;
    f->nind = f->cap = 0;
}

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void copy_file(struct mkfs *m, struct node *n, struct advfs_inode *in)
{
    struct file_map f = {.m = m, .in = in, .path = n->path};
    uint64_t size = (uint64_t)n->st.st_size, nblocks = div_up(size, m->l.bs);
    int fd = open(n->path, O_RDONLY);

    if (fd < 0)
        die(n->path, "%s", strerror(errno));
    in->size = size;
    for (uint64_t k = 0; k < nblocks; k++) {
        size_t want = (size_t)(size - k * m->l.bs < m->l.bs ? size - k * m->l.bs : m->l.bs);
        size_t got = 0;
        memset(m->buf, 0, m->l.bs);
        while (got < want) {
            ssize_t r = read(fd, m->buf + got, want - got);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0)
                die(n->path, "%s", strerror(errno));
            if (r == 0)
                break; /* the file shrank: the rest reads as zeros */
            got += (size_t)r;
        }
        if (all_zero(m->buf, m->l.bs))
            continue; /* a hole */
        write_block(m, map_new_block(&f, k), m->buf);
    }
    close(fd);
    finish_map(&f);
}

static void copy_symlink(struct mkfs *m, struct node *n, struct advfs_inode *in)
{
    char *target = xmalloc(m->l.bs + 1);
    ssize_t len = readlink(n->path, target, m->l.bs + 1);

    if (len < 0)
        die(n->path, "%s", strerror(errno));
    if ((uint64_t)len > advfs_symlink_max(m->l.bs))
        die(n->path, "symbolic link target too long (at most %u bytes)",
            advfs_symlink_max(m->l.bs));
    in->size = (uint64_t)len;
    if (len <= ADVFS_INLINE_SYMLINK_MAX) {
        /* In the 60 bytes from direct[0] to triple_indirect. */
        memcpy((uint8_t *)in + offsetof(struct advfs_inode, direct), target, (size_t)len);
    } else {
        struct file_map f = {.m = m, .in = in, .path = n->path};
        memset(m->buf, 0, m->l.bs);
        memcpy(m->buf, target, (size_t)len);
        write_block(m, map_new_block(&f, 0), m->buf);
        finish_map(&f);
    }
    free(target);
}

/* Append a record to a directory being built in dir (grown block by block). */
struct dir_builder {
    uint8_t *data;
    size_t blocks;
    uint32_t off;      /* where the next record goes in the last block */
    uint32_t last;     /* offset of the last record in the last block */
};

static void dir_add(struct dir_builder *d, uint32_t bs, const char *name, uint32_t ino,
                    unsigned ft)
{
    uint8_t len = (uint8_t)strlen(name);
    uint32_t size = ADVFS_DIRENT_SIZE(len);

    if (d->blocks == 0 || d->off + size > bs) {
        if (d->blocks) /* the last record of a block runs to its end */
            advfs_put16(d->data + (d->blocks - 1) * bs + d->last + 4,
                        (uint16_t)(bs - d->last));
        d->data = xrealloc(d->data, (d->blocks + 1) * bs);
        memset(d->data + d->blocks * bs, 0, bs);
        d->blocks++;
        d->off = 0;
    }
    advfs_record_put(d->data + (d->blocks - 1) * bs, d->off, ino, (uint16_t)size, name, len,
                     (uint8_t)ft);
    d->last = d->off;
    d->off += size;
}

static void write_dir(struct mkfs *m, struct node *n, struct advfs_inode *in)
{
    struct dir_builder d = {0};
    struct file_map f = {.m = m, .in = in, .path = n->path};
    uint32_t bs = m->l.bs;

    dir_add(&d, bs, ".", n->ino, ADVFS_FT_DIR);
    dir_add(&d, bs, "..", n->parent ? n->parent->ino : n->ino, ADVFS_FT_DIR);
    for (size_t i = 0; i < n->nchildren; i++) {
        struct node *c = n->children[i], *owner = c->same_inode ? c->same_inode : c;
        dir_add(&d, bs, c->name, owner->ino, advfs_ft_of_mode(owner->mode));
    }
    advfs_put16(d.data + (d.blocks - 1) * bs + d.last + 4, (uint16_t)(bs - d.last));
    for (size_t k = 0; k < d.blocks; k++)
        write_block(m, map_new_block(&f, k), d.data + k * bs);
    finish_map(&f);
    in->size = (uint64_t)d.blocks * bs;
    free(d.data);
}

/* Hand out inode numbers in depth-first order and count the links. */
static void number(struct mkfs *m, struct node *n)
{
    if (n->same_inode) {
        n->same_inode->nlink++;
        return;
    }
    n->ino = ++m->used_inodes;
    n->nlink = S_ISDIR(n->mode) ? 2 : 1; /* a directory's "." and its name (or its own "..") */
    if (n->parent && S_ISDIR(n->mode))
        n->parent->nlink++; /* our ".." */
    for (size_t i = 0; i < n->nchildren; i++)
        number(m, n->children[i]);
}

/* AdventOS's device numbers: include/uapi/stat.h, makedev(). */
static uint32_t advfs_devno(dev_t host)
{
    return (uint32_t)(major(host) << 20) | (uint32_t)(minor(host) & 0xfffff);
}

static void write_node(struct mkfs *m, struct node *n)
{
    struct advfs_inode *in;

    if (n->same_inode)
        return;
    in = &m->inodes[n->ino];
    in->mode = (uint16_t)n->mode;
    in->nlink = (uint16_t)n->nlink;
    in->uid = n->uid;
    in->gid = n->gid;
    in->mtime = n->st.st_mtim.tv_sec;
    in->mtime_nsec = (uint32_t)n->st.st_mtim.tv_nsec;
    /* Access and change times start out as the modification time: the copy
     * changes nothing about the file, and the image stays reproducible. */
    in->atime = in->ctime = in->mtime;
    in->atime_nsec = in->ctime_nsec = in->mtime_nsec;
    in->generation = 1;
    m->files++;
    switch (n->mode & ADVFS_S_IFMT) {
    case ADVFS_S_IFDIR:
        write_dir(m, n, in);
        for (size_t i = 0; i < n->nchildren; i++)
            write_node(m, n->children[i]);
        break;
    case ADVFS_S_IFREG:
        copy_file(m, n, in);
        break;
    case ADVFS_S_IFLNK:
        copy_symlink(m, n, in);
        break;
    case ADVFS_S_IFCHR:
    case ADVFS_S_IFBLK:
        in->direct[0] = advfs_devno(n->st.st_rdev);
        break;
    default: /* fifos and sockets have nothing but their inode */
        break;
    }
    if (n->nlink > UINT16_MAX)
        die(n->path, "too many links (%u; at most %u)", n->nlink, UINT16_MAX);
}

static void write_zeros(struct mkfs *m, uint32_t start, uint32_t count)
{
    memset(m->buf, 0, m->l.bs);
    for (uint32_t i = 0; i < count; i++)
        write_block(m, start + i, m->buf);
}

static void write_metadata(struct mkfs *m)
{
    struct advfs_superblock *sb = &m->l.sb;
    struct advfs_journal_super *j = (struct advfs_journal_super *)m->buf;
    uint32_t bs = m->l.bs, free_blocks = 0, free_inodes = 0;

    /* Inodes: used ones from memory; the rest of the table is zeros already. */
    for (uint32_t b = 0; b < sb->inode_table_blocks; b++) {
        uint64_t first = (uint64_t)b * m->l.per_block;
        if (first > m->used_inodes)
            break;
        memset(m->buf, 0, bs);
        for (uint32_t i = 0; i < m->l.per_block; i++)
            if (first + i <= m->used_inodes)
                memcpy(m->buf + i * ADVFS_INODE_SIZE, &m->inodes[first + i], ADVFS_INODE_SIZE);
        write_block(m, sb->inode_table_start + b, m->buf);
    }

    /* Bitmaps: inode 0 and the inodes in use; every bit past the end is set. */
    for (uint64_t i = 0; i <= m->used_inodes; i++)
        advfs_set_bit(m->inode_bitmap, i);
    for (uint64_t i = sb->inodes_count; i < (uint64_t)sb->inode_bitmap_blocks * bs * 8; i++)
        advfs_set_bit(m->inode_bitmap, i);
    for (uint64_t i = 0; i < sb->data_start; i++)
        advfs_set_bit(m->block_bitmap, i);
    for (uint64_t i = sb->blocks_count; i < (uint64_t)sb->block_bitmap_blocks * bs * 8; i++)
        advfs_set_bit(m->block_bitmap, i);
    for (uint32_t b = 0; b < sb->inode_bitmap_blocks; b++)
        write_block(m, sb->inode_bitmap_start + b, m->inode_bitmap + (size_t)b * bs);
    for (uint32_t b = 0; b < sb->block_bitmap_blocks; b++)
        write_block(m, sb->block_bitmap_start + b, m->block_bitmap + (size_t)b * bs);
    for (uint64_t i = 0; i < sb->blocks_count; i++)
        free_blocks += !advfs_bit(m->block_bitmap, i);
    for (uint64_t i = 0; i < sb->inodes_count; i++)
        free_inodes += !advfs_bit(m->inode_bitmap, i);
    sb->free_blocks = free_blocks;
    sb->free_inodes = free_inodes;

    /* An empty journal: nothing to replay (start 0), transactions begin at 1. */
    memset(m->buf, 0, bs);
    j->magic = ADVFS_JOURNAL_MAGIC;
    j->type = ADVFS_JBLOCK_SUPER;
    j->block_size = bs;
    j->blocks = sb->journal_blocks;
    j->sequence = 1;
    j->start = 0;
    j->checksum = advfs_journal_super_checksum(j);
    write_block(m, sb->journal_start, m->buf);

    /* Last, the superblock: only now is this a file system. */
    if (advfs_image_sync(&m->img) < 0)
        die(m->img.path, "%s", strerror(errno));
    sb->checksum = advfs_super_checksum(sb);
    memset(m->buf, 0, bs);
    memcpy(m->buf, sb, sizeof *sb);
    write_block(m, 0, m->buf);
    if (advfs_image_sync(&m->img) < 0)
        die(m->img.path, "%s", strerror(errno));
}

static void usage(void)
{
    fprintf(stderr,
            "usage: %s [-q] [-b 1024|2048|4096] [-N inodes] [-J journal_blocks] [-L label]\n"
            "       [-d SRC_DIR] [-u UID:GID] [-p SPEC] IMAGE [SIZE_MB]\n", prog);
    exit(2);
}

static void parse_options(int argc, char **argv, struct options *o)
{
    int c;

    memset(o, 0, sizeof *o);
    o->bs = ADVFS_DEFAULT_BLOCK_SIZE;
    o->size_mb = -1;
    while ((c = getopt(argc, argv, "b:N:J:L:d:u:p:qh")) != -1) {
        int64_t v;
        switch (c) {
        case 'b':
            v = parse_number(optarg, 10, 4096);
            if (v != 1024 && v != 2048 && v != 4096)
                die("-b", "block size must be 1024, 2048 or 4096, not %s", optarg);
            o->bs = (uint32_t)v;
            break;
        case 'N':
            if ((v = parse_number(optarg, 10, UINT32_MAX)) < 2)
                die("-N", "invalid inode count %s (2 at least)", optarg);
            o->inodes = (uint64_t)v;
            break;
        case 'J':
            if ((v = parse_number(optarg, 10, UINT32_MAX)) < MIN_JOURNAL)
                die("-J", "invalid journal size %s (%u blocks at least)", optarg, MIN_JOURNAL);
            o->journal = (uint64_t)v;
            break;
        case 'L':
            if (strlen(optarg) >= sizeof(((struct advfs_superblock *)0)->label))
                die("-L", "label too long (at most %zu bytes)",
                    sizeof(((struct advfs_superblock *)0)->label) - 1);
            o->label = optarg;
            break;
        case 'd':
            o->src = optarg;
            break;
        case 'p':
            o->spec = optarg;
            break;
        case 'u': {
            char *colon = strchr(optarg, ':');
            int64_t u, g;
            if (!colon)
                die("-u", "expected UID:GID, not %s", optarg);
            *colon = '\0';
            u = parse_number(optarg, 10, UINT32_MAX);
            g = parse_number(colon + 1, 10, UINT32_MAX);
            if (u < 0 || g < 0)
                die("-u", "expected numeric UID:GID");
            o->uid = (uint32_t)u;
            o->gid = (uint32_t)g;
            break;
        }
        case 'q':
            o->quiet = 1;
            break;
        default:
            usage();
        }
    }
    if (optind >= argc || argc - optind > 2)
        usage();
    o->image = argv[optind];
    if (argc - optind == 2) {
        int64_t mb = parse_number(argv[optind + 1], 10, UINT32_MAX);
        if (mb < 0)
            die(argv[optind + 1], "not a size in MiB");
        o->size_mb = mb;
    }
    if (o->spec && !o->src)
        die("-p", "needs a source tree (-d)");
}

/* Open or create the image; returns whether its contents are known to be zeros. */
static int open_image(struct mkfs *m, const struct options *o, uint64_t *bytes)
{
    struct stat st;
    int exists = stat(o->image, &st) == 0, fd, err;

    if (exists && S_ISBLK(st.st_mode)) {
        if ((err = advfs_image_open(&m->img, o->image, 1)) < 0)
            die(o->image, "%s", strerror(-err));
        *bytes = m->img.bytes;
        if (o->size_mb >= 0) {
            if ((uint64_t)o->size_mb * MIB > *bytes)
                die(o->image, "the device holds only %llu bytes",
                    (unsigned long long)*bytes);
            *bytes = (uint64_t)o->size_mb * MIB;
        }
        return 0;
    }
    if (exists && !S_ISREG(st.st_mode))
        die(o->image, "not a regular file or block device");
    if (!exists && o->size_mb < 0)
        die(o->image, "does not exist; give a size in MiB");
    *bytes = o->size_mb >= 0 ? (uint64_t)o->size_mb * MIB : (uint64_t)st.st_size;
    /* Start from an empty, sparse file: everything not written reads as zero. */
    fd = open(o->image, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        die(o->image, "%s", strerror(errno));
    if (!exists)
        created_path = o->image;
    if (ftruncate(fd, (off_t)*bytes) < 0)
        die(o->image, "%s", strerror(errno));
    close(fd);
    if ((err = advfs_image_open(&m->img, o->image, 1)) < 0)
        die(o->image, "%s", strerror(-err));
    return 1;
}

/* Static, so that what they hold stays reachable on every way out (the leak
 * checker of the sanitized test build counts nothing reachable as a leak). */
static struct tree t;
static struct mkfs m;

int main(int argc, char **argv)
{
    struct options o;
    struct advfs_superblock *sb;
    uint64_t bytes;
    int zeroed;

    parse_options(argc, argv, &o);

    /* The whole source tree first: every error about it comes before any write. */
    t.root = xmalloc(sizeof *t.root);
    t.root->name = xstrdup("");
    if (o.src) {
        t.root->path = xstrdup(o.src);
        scan(&t, t.root, &o);
        if (!S_ISDIR(t.root->st.st_mode))
            die(o.src, "not a directory");
        if (o.spec)
            apply_spec(t.root, o.spec);
    } else {
        t.root->path = xstrdup("/");
        t.root->mode = ADVFS_S_IFDIR | 0755;
        t.root->uid = o.uid;
        t.root->gid = o.gid;
        clock_gettime(CLOCK_REALTIME, &t.root->st.st_mtim);
        t.inodes = 1;
    }

    /* Sizes are checked before the image is created or truncated (a device's
     * size is known only once it is open). */
    if (o.size_mb >= 0) {
        compute_layout(&m.l, &o, (uint64_t)o.size_mb * MIB, t.inodes);
    } else {
        struct stat st;
        if (stat(o.image, &st) < 0)
            die(o.image, "%s; give a size in MiB", strerror(errno));
        if (!S_ISBLK(st.st_mode))
            compute_layout(&m.l, &o, (uint64_t)st.st_size, t.inodes);
    }
    zeroed = open_image(&m, &o, &bytes);
    compute_layout(&m.l, &o, bytes, t.inodes);
    sb = &m.l.sb;
    advfs_image_set_geometry(&m.img, m.l.bs, sb->blocks_count);

    if (o.label)
        memcpy(sb->label, o.label, strlen(o.label));
    if (getrandom(sb->uuid, sizeof sb->uuid, 0) != (ssize_t)sizeof sb->uuid)
        die("uuid", "%s", strerror(errno));
    sb->uuid[6] = (uint8_t)((sb->uuid[6] & 0x0f) | 0x40); /* a random (version 4) UUID */
    sb->uuid[8] = (uint8_t)((sb->uuid[8] & 0x3f) | 0x80);
    {
        const char *epoch = getenv("SOURCE_DATE_EPOCH"); /* reproducible builds */
        sb->mkfs_time = epoch ? strtoll(epoch, NULL, 10) : (int64_t)time(NULL);
        sb->write_time = sb->mkfs_time;
    }

    m.buf = xmalloc(m.l.bs);
    m.block_bitmap = xmalloc((size_t)sb->block_bitmap_blocks * m.l.bs);
    m.inode_bitmap = xmalloc((size_t)sb->inode_bitmap_blocks * m.l.bs);
    m.inodes = xmalloc((t.inodes + 1) * sizeof *m.inodes);
    m.next_block = sb->data_start;
    if (!zeroed) /* a device: clear what must read as zeros */
        write_zeros(&m, 0, sb->data_start);

    number(&m, t.root);
    write_node(&m, t.root);
    write_metadata(&m);
    advfs_image_close(&m.img);

    if (!o.quiet)
        printf("%s: %u blocks of %u bytes (%u free), %u inodes (%u free), journal %u blocks, "
               "%zu files\n", o.image, sb->blocks_count, m.l.bs, sb->free_blocks,
               sb->inodes_count - 1, sb->free_inodes, sb->journal_blocks, m.files);
    return 0;
}
