/*
 * mem.c - the memory-like character devices: /dev/null (reads end, writes
 * vanish), /dev/zero (zeros), /dev/full (writes fail with ENOSPC),
 * /dev/random and /dev/urandom (the kernel DRBG; both never block once
 * seeded at boot). The console terminal is console_tty.c's.
 */
#include <drivers/char/mem.h>
#include <drivers/char/random.h>
#include <fs/devfs.h>
#include <string.h>
#include <uapi/errno.h>

#define MEM_MAJOR 1
#define RANDOM_CHUNK 256 /* bytes generated per lock hold */

static long null_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    (void)f, (void)buf, (void)len, (void)pos;
    return 0;
}

static long null_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    (void)f, (void)buf, (void)pos;
    return (long)len;
}

static long zero_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    (void)f, (void)pos;
    memset(buf, 0, len);
    return (long)len;
}

static long full_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    (void)f, (void)buf, (void)len, (void)pos;
    return -ENOSPC;
}

static long random_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    (void)f, (void)pos;
    for (size_t done = 0; done < len; done += RANDOM_CHUNK)
        random_bytes((uint8_t *)buf + done, len - done < RANDOM_CHUNK ? len - done : RANDOM_CHUNK);
    return (long)len;
}

static const struct file_ops null_fops = {.read = null_read, .write = null_write};
static const struct file_ops zero_fops = {.read = zero_read, .write = null_write};
static const struct file_ops full_fops = {.read = zero_read, .write = full_write};
static const struct file_ops random_fops = {.read = random_read, .write = null_write};

void mem_devices_init(void)
{
    devfs_register("null", S_IFCHR | 0666, makedev(MEM_MAJOR, 3), &null_fops, NULL);
    devfs_register("zero", S_IFCHR | 0666, makedev(MEM_MAJOR, 5), &zero_fops, NULL);
    devfs_register("full", S_IFCHR | 0666, makedev(MEM_MAJOR, 7), &full_fops, NULL);
    devfs_register("random", S_IFCHR | 0666, makedev(MEM_MAJOR, 8), &random_fops, NULL);
    devfs_register("urandom", S_IFCHR | 0666, makedev(MEM_MAJOR, 9), &random_fops, NULL);
}
