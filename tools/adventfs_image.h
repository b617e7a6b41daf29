/*
 * adventfs_image.h - host-side access to an AdventFS image, shared by
 * mkfs.adventfs and fsck.adventfs (docs/adventfs.md is the format, and
 * include/adventfs.h its structures).
 *
 * An image is a regular file or a block device read and written in whole
 * blocks with pread/pwrite. Every block number is checked against the file
 * system's size before it is used, so a damaged pointer can never make a tool
 * read or write outside the image. An image opened read-only can still be
 * given an overlay: blocks kept in memory that reads return instead of the
 * disk's contents. fsck -n uses it to look at the file system as it will be
 * after the journal is replayed, without writing anything.
 *
 * The rest is the format's small rules in one place: checksums, superblock
 * validation (with a message saying what is wrong), file types, bitmaps,
 * directory records and the reach of the block map.
 */
#ifndef TOOLS_ADVENTFS_IMAGE_H
#define TOOLS_ADVENTFS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include <adventfs.h>

struct advfs_overlay_block {
    uint32_t block;
    uint8_t *data;
};

struct advfs_image {
    const char *path;
    int fd;
    int writable;
    uint64_t bytes;      /* size of the file or device */
    uint32_t bs;         /* block size; 0 until advfs_image_set_geometry */
    uint32_t blocks;     /* blocks in the file system */
    struct advfs_overlay_block *overlay; /* sorted by block number */
    size_t overlay_len, overlay_cap;
};

/* Open path (read-write when writable); 0 or -errno. */
int advfs_image_open(struct advfs_image *img, const char *path, int writable);
void advfs_image_close(struct advfs_image *img);
/* From now on block I/O is in units of bs and limited to blocks. */
void advfs_image_set_geometry(struct advfs_image *img, uint32_t bs, uint32_t blocks);

/* Byte-addressed I/O (the superblock before the geometry is known); 0 or -errno. */
int advfs_image_pread(struct advfs_image *img, uint64_t offset, void *buf, size_t len);
int advfs_image_pwrite(struct advfs_image *img, uint64_t offset, const void *buf, size_t len);

/* One block; a number past the file system is -ERANGE, never an access. */
int advfs_read_block(struct advfs_image *img, uint32_t block, void *buf);
int advfs_write_block(struct advfs_image *img, uint32_t block, const void *buf);
/* Make reads of block return data (copied) from now on; 0 or -ENOMEM. */
int advfs_overlay_put(struct advfs_image *img, uint32_t block, const void *data);
int advfs_image_sync(struct advfs_image *img);

/* Checksums (docs/adventfs.md: CRC32C of the bytes before the field). */
uint32_t advfs_super_checksum(const struct advfs_superblock *sb);
uint32_t advfs_journal_super_checksum(const struct advfs_journal_super *j);

/*
 * Why this superblock cannot describe a file system of at most image_bytes
 * bytes, or NULL when it can. The magic, version, block size, features,
 * region bounds and root inode are checked, not the checksum (the caller
 * decides what a mismatch means) and not the free counts or the state.
 */
const char *advfs_super_problem(const struct advfs_superblock *sb, uint64_t image_bytes);

/* The file type bits of a mode, as a directory entry's file_type; 0 if invalid. */
unsigned advfs_ft_of_mode(uint32_t mode);
static inline int advfs_mode_valid(uint32_t mode)
{
    return advfs_ft_of_mode(mode) != ADVFS_FT_UNKNOWN;
}

/* Blocks the block map can reach with this block size (12 + p + p^2 + p^3). */
uint64_t advfs_map_blocks(uint32_t bs);
/* The longest symbolic link target: it must fit in its one data block. */
uint32_t advfs_symlink_max(uint32_t bs);

static inline int advfs_bit(const uint8_t *map, uint64_t n)
{
    return (map[n / 8] >> (n % 8)) & 1;
}

static inline void advfs_set_bit(uint8_t *map, uint64_t n)
{
    map[n / 8] |= (uint8_t)(1u << (n % 8));
}

static inline void advfs_clear_bit(uint8_t *map, uint64_t n)
{
    map[n / 8] &= (uint8_t)~(1u << (n % 8));
}

/* Little-endian fields inside a block (directory records, indirect blocks). */
static inline uint32_t advfs_get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void advfs_put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline uint16_t advfs_get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline void advfs_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

/* A directory record as read from a block (the name points into the block). */
struct advfs_record {
    uint32_t inode;
    uint16_t rec_len;
    uint8_t name_len;
    uint8_t file_type;
    const uint8_t *name;
};

/*
 * Decode the record at off of a directory block of bs bytes. Returns NULL when
 * it is sound (header inside the block, rec_len a multiple of 4 and at least 8
 * and inside the block; for a used record a non-empty name that fits in
 * rec_len), else what is wrong.
 */
const char *advfs_record_at(const uint8_t *block, uint32_t bs, uint32_t off,
                            struct advfs_record *rec);
/* Write a record header (and name) at off. */
void advfs_record_put(uint8_t *block, uint32_t off, uint32_t inode, uint16_t rec_len,
                      const void *name, uint8_t name_len, uint8_t file_type);

/* The host is little-endian (the structures are copied as they are on disk). */
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the tools assume a little-endian host");

#endif
