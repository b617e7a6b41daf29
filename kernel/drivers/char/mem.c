/*
 * mem.c - the memory-like character devices and the console device:
 * /dev/null (reads end, writes vanish), /dev/zero (zeros), /dev/full (writes
 * fail with ENOSPC), /dev/random and /dev/urandom (the kernel DRBG; both never
 * block once seeded at boot), /dev/console and /dev/ttyS0 (the kernel
 * console: writes go to it, reads take what the serial port received; the
 * TTY layer with line editing replaces this with the process work).
 */
#include <arch/i386/cpu.h>
#include <drivers/char/console.h>
#include <drivers/char/mem.h>
#include <drivers/char/random.h>
#include <fs/devfs.h>
#include <string.h>
#include <uapi/errno.h>

#define MEM_MAJOR 1
#define TTY_MAJOR 4
#define CONSOLE_MAJOR 5
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

static long console_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    size_t n = 0;
    int c;

    (void)f, (void)pos;
    if (len == 0)
        return 0;
    while ((c = console_getc()) < 0)
        sti_hlt(); /* block until at least one byte */
    do {
        ((char *)buf)[n++] = (char)c;
    } while (n < len && c != '\n' && (c = console_getc()) >= 0);
    return (long)n;
}

static long console_write_op(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    (void)f, (void)pos;
    console_write(buf, len);
    return (long)len;
}

static const struct file_ops null_fops = {.read = null_read, .write = null_write};
static const struct file_ops zero_fops = {.read = zero_read, .write = null_write};
static const struct file_ops full_fops = {.read = zero_read, .write = full_write};
static const struct file_ops random_fops = {.read = random_read, .write = null_write};
static const struct file_ops console_fops = {.read = console_read, .write = console_write_op};

void mem_devices_init(void)
{
    devfs_register("null", S_IFCHR | 0666, makedev(MEM_MAJOR, 3), &null_fops, NULL);
    devfs_register("zero", S_IFCHR | 0666, makedev(MEM_MAJOR, 5), &zero_fops, NULL);
    devfs_register("full", S_IFCHR | 0666, makedev(MEM_MAJOR, 7), &full_fops, NULL);
    devfs_register("random", S_IFCHR | 0666, makedev(MEM_MAJOR, 8), &random_fops, NULL);
    devfs_register("urandom", S_IFCHR | 0666, makedev(MEM_MAJOR, 9), &random_fops, NULL);
    devfs_register("console", S_IFCHR | 0600, makedev(CONSOLE_MAJOR, 1), &console_fops, NULL);
    devfs_register("ttyS0", S_IFCHR | 0660, makedev(TTY_MAJOR, 64), &console_fops, NULL);
}
