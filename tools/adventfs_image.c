/*
 * adventfs_image.c - host-side AdventFS image access shared by mkfs.adventfs and
 * fsck.adventfs: block I/O with bounds checks, the in-memory overlay used by
 * fsck -n, and the format's rules that both tools need (see adventfs_image.h).
 *
 * Reads and writes go straight to the file with pread/pwrite, retried on short
 * transfers; there is no cache, because both tools touch most blocks once.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lib/crc32c.h>

#include "adventfs_image.h"

int advfs_image_open(struct advfs_image *img, const char *path, int writable)
{
    struct stat st;
    off_t end;

    memset(img, 0, sizeof *img);
    img->path = path;
    img->writable = writable;
    img->fd = open(path, writable ? O_RDWR : O_RDONLY);
    if (img->fd < 0)
        return -errno;
    if (fstat(img->fd, &st) < 0 || (!S_ISREG(st.st_mode) && !S_ISBLK(st.st_mode))) {
        int err = S_ISDIR(st.st_mode) ? -EISDIR : -EINVAL;
        close(img->fd);
        img->fd = -1;
        return err;
    }
    /* lseek also gives the size of a block device, which st_size does not. */
    end = lseek(img->fd, 0, SEEK_END);
    if (end < 0) {
        int err = -errno;
        close(img->fd);
        img->fd = -1;
        return err;
    }
    img->bytes = (uint64_t)end;
    return 0;
}

void advfs_image_close(struct advfs_image *img)
{
    for (size_t i = 0; i < img->overlay_len; i++)
        free(img->overlay[i].data);
    free(img->overlay);
    img->overlay = NULL;
    img->overlay_len = img->overlay_cap = 0;
    if (img->fd >= 0)
        close(img->fd);
    img->fd = -1;
}

void advfs_image_set_geometry(struct advfs_image *img, uint32_t bs, uint32_t blocks)
{
    img->bs = bs;
    img->blocks = blocks;
}

int advfs_image_pread(struct advfs_image *img, uint64_t offset, void *buf, size_t len)
{
    uint8_t *p = buf;

    if (offset > img->bytes || len > img->bytes - offset)
        return -ERANGE;
    while (len) {
        ssize_t n = pread(img->fd, p, len, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        if (n == 0)
            return -EIO; /* the file shrank under us */
        p += n;
        offset += (uint64_t)n;
        len -= (size_t)n;
    }
    return 0;
}

int advfs_image_pwrite(struct advfs_image *img, uint64_t offset, const void *buf, size_t len)
{
    const uint8_t *p = buf;

    if (!img->writable)
        return -EROFS;
    while (len) {
        ssize_t n = pwrite(img->fd, p, len, (off_t)offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -errno;
        if (n == 0)
            return -EIO;
        p += n;
        offset += (uint64_t)n;
        len -= (size_t)n;
    }
    if (offset > img->bytes)
        img->bytes = offset;
    return 0;
}

/* Index of block in the overlay, or where it would go. */
static size_t overlay_find(const struct advfs_image *img, uint32_t block, int *found)
{
    size_t lo = 0, hi = img->overlay_len;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (img->overlay[mid].block < block)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = lo < img->overlay_len && img->overlay[lo].block == block;
    return lo;
}

int advfs_read_block(struct advfs_image *img, uint32_t block, void *buf)
{
    if (block >= img->blocks)
        return -ERANGE;
    if (img->overlay_len) {
        int found;
        size_t i = overlay_find(img, block, &found);
        if (found) {
            memcpy(buf, img->overlay[i].data, img->bs);
            return 0;
        }
    }
    return advfs_image_pread(img, (uint64_t)block * img->bs, buf, img->bs);
}

int advfs_write_block(struct advfs_image *img, uint32_t block, const void *buf)
{
    if (block >= img->blocks)
        return -ERANGE;
    return advfs_image_pwrite(img, (uint64_t)block * img->bs, buf, img->bs);
}

int advfs_overlay_put(struct advfs_image *img, uint32_t block, const void *data)
{
    int found;
    size_t i = overlay_find(img, block, &found);
    uint8_t *copy = malloc(img->bs);

    if (!copy)
        return -ENOMEM;
    memcpy(copy, data, img->bs);
    if (found) {
        free(img->overlay[i].data);
        img->overlay[i].data = copy;
        return 0;
    }
    if (img->overlay_len == img->overlay_cap) {
        size_t cap = img->overlay_cap ? img->overlay_cap * 2 : 64;
        struct advfs_overlay_block *bigger = realloc(img->overlay, cap * sizeof *bigger);
        if (!bigger) {
            free(copy);
            return -ENOMEM;
        }
        img->overlay = bigger;
        img->overlay_cap = cap;
    }
    memmove(img->overlay + i + 1, img->overlay + i, (img->overlay_len - i) * sizeof *img->overlay);
    img->overlay[i].block = block;
    img->overlay[i].data = copy;
    img->overlay_len++;
    return 0;
}

int advfs_image_sync(struct advfs_image *img)
{
    if (img->writable && fsync(img->fd) < 0)
        return -errno;
    return 0;
}

uint32_t advfs_super_checksum(const struct advfs_superblock *sb)
{
    return crc32c(0, sb, offsetof(struct advfs_superblock, checksum));
}

uint32_t advfs_journal_super_checksum(const struct advfs_journal_super *j)
{
    return crc32c(0, j, offsetof(struct advfs_journal_super, checksum));
}

/* Does region [start, start + count) lie inside [lo, blocks)? Then lo moves past it. */
static int region_ok(uint64_t start, uint64_t count, uint64_t *lo, uint64_t blocks)
{
    if (count == 0 || start < *lo || start + count > blocks)
        return 0;
    *lo = start + count;
    return 1;
}

const char *advfs_super_problem(const struct advfs_superblock *sb, uint64_t image_bytes)
{
    uint64_t bs = sb->block_size, lo = 1;

    if (sb->magic != ADVFS_MAGIC)
        return "no AdventFS magic number";
    if (sb->version != ADVFS_VERSION)
        return "unknown version";
    if (bs != 1024 && bs != 2048 && bs != 4096)
        return "invalid block size";
    if (sb->features_incompat & ~(uint32_t)ADVFS_FEATURE_INCOMPAT_KNOWN)
        return "unknown incompatible features";
    if (sb->features_ro_compat & ~(uint32_t)ADVFS_FEATURE_RO_COMPAT_KNOWN)
        return "unknown read-only-compatible features";
    if (sb->blocks_count < 2)
        return "block count too small";
    if ((uint64_t)sb->blocks_count * bs > image_bytes)
        return "the file system is larger than the image";
    if (sb->inodes_count < 2)
        return "inode count too small";
    if (sb->root_ino != ADVFS_ROOT_INO)
        return "wrong root inode number";
    /* Four blocks at least: the journal superblock, a descriptor, one block and a commit. */
    if (sb->journal_blocks < 4 || !region_ok(sb->journal_start, sb->journal_blocks, &lo,
                                             sb->blocks_count))
        return "journal region out of bounds";
    if (!region_ok(sb->inode_bitmap_start, sb->inode_bitmap_blocks, &lo, sb->blocks_count) ||
        (uint64_t)sb->inode_bitmap_blocks * bs * 8 < sb->inodes_count)
        return "inode bitmap region out of bounds or too small";
    if (!region_ok(sb->block_bitmap_start, sb->block_bitmap_blocks, &lo, sb->blocks_count) ||
        (uint64_t)sb->block_bitmap_blocks * bs * 8 < sb->blocks_count)
        return "block bitmap region out of bounds or too small";
    if (!region_ok(sb->inode_table_start, sb->inode_table_blocks, &lo, sb->blocks_count) ||
        (uint64_t)sb->inode_table_blocks * bs < (uint64_t)sb->inodes_count * ADVFS_INODE_SIZE)
        return "inode table region out of bounds or too small";
    if (sb->data_start < lo || sb->data_start >= sb->blocks_count)
        return "data region out of bounds";
    return NULL;
}

unsigned advfs_ft_of_mode(uint32_t mode)
{
    switch (mode & ADVFS_S_IFMT) {
    case ADVFS_S_IFREG: return ADVFS_FT_REG;
    case ADVFS_S_IFDIR: return ADVFS_FT_DIR;
    case ADVFS_S_IFCHR: return ADVFS_FT_CHR;
    case ADVFS_S_IFBLK: return ADVFS_FT_BLK;
    case ADVFS_S_IFIFO: return ADVFS_FT_FIFO;
    case ADVFS_S_IFSOCK: return ADVFS_FT_SOCK;
    case ADVFS_S_IFLNK: return ADVFS_FT_LNK;
    default: return ADVFS_FT_UNKNOWN;
    }
}

uint64_t advfs_map_blocks(uint32_t bs)
{
    uint64_t p = bs / 4;

    return ADVFS_NDIRECT + p + p * p + p * p * p;
}

uint32_t advfs_symlink_max(uint32_t bs)
{
    /* "up to 4095 bytes" in one data block; the kernel keeps it below bs. */
    return bs - 1 < 4095 ? bs - 1 : 4095;
}

const char *advfs_record_at(const uint8_t *block, uint32_t bs, uint32_t off,
                            struct advfs_record *rec)
{
    if (off % 4 || (uint64_t)off + ADVFS_DIRENT_HEADER > bs)
        return "record header past the end of the block";
    rec->inode = advfs_get32(block + off);
    rec->rec_len = advfs_get16(block + off + 4);
    rec->name_len = block[off + 6];
    rec->file_type = block[off + 7];
    rec->name = block + off + ADVFS_DIRENT_HEADER;
    if (rec->rec_len < ADVFS_DIRENT_HEADER)
        return "record length too small";
    if (rec->rec_len % 4)
        return "record length not a multiple of 4";
    if ((uint64_t)off + rec->rec_len > bs)
        return "record crosses the end of the block";
    if (rec->inode && rec->name_len == 0)
        return "empty name";
    if (rec->inode && ADVFS_DIRENT_SIZE(rec->name_len) > rec->rec_len)
        return "name longer than its record";
    return NULL;
}

void advfs_record_put(uint8_t *block, uint32_t off, uint32_t inode, uint16_t rec_len,
                      const void *name, uint8_t name_len, uint8_t file_type)
{
    advfs_put32(block + off, inode);
    advfs_put16(block + off + 4, rec_len);
    block[off + 6] = name_len;
    block[off + 7] = file_type;
    if (name_len)
        memcpy(block + off + ADVFS_DIRENT_HEADER, name, name_len);
}
