/*
 * klog.c - see klog.h. The ring is a byte array with a free-running count of
 * bytes ever written (`written`): the text lives at [written - len, written)
 * modulo KLOG_SIZE, where len = min(written, KLOG_SIZE). Once the ring has
 * wrapped, its oldest line has lost its beginning, so a read skips up to the
 * first newline.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <lib/klog.h>
#include <stdint.h>
#include <string.h>

/* klog_lock guards ring and written. A leaf: nothing is taken under it. */
static struct spinlock klog_lock = SPINLOCK_INIT_RANKED("klog", RANK_LEAF);
static char ring[KLOG_SIZE];
static uint64_t written;

void klog_write(const char *s, size_t len)
{
    uint32_t flags;

    if (len > KLOG_SIZE) { /* only the end of a huge message fits */
        s += len - KLOG_SIZE;
        len = KLOG_SIZE;
    }
    flags = spin_lock_irqsave(&klog_lock);
    while (len > 0) {
        size_t at = (size_t)(written % KLOG_SIZE);
        size_t n = KLOG_SIZE - at < len ? KLOG_SIZE - at : len;
        memcpy(ring + at, s, n);
        written += n;
        s += n;
        len -= n;
    }
    spin_unlock_irqrestore(&klog_lock, flags);
}

size_t klog_length(void)
{
    uint32_t flags = spin_lock_irqsave(&klog_lock);
    size_t len = written < KLOG_SIZE ? (size_t)written : KLOG_SIZE;

    spin_unlock_irqrestore(&klog_lock, flags);
    return len;
}

size_t klog_read(char *buf, size_t size)
{
    uint32_t flags = spin_lock_irqsave(&klog_lock);
    size_t len = written < KLOG_SIZE ? (size_t)written : KLOG_SIZE;
    size_t start = (size_t)((written - len) % KLOG_SIZE), skip = 0, out = 0;

    if (written > KLOG_SIZE) { /* the oldest line was partly overwritten */
        while (skip < len && ring[(start + skip) % KLOG_SIZE] != '\n')
            skip++;
        if (skip < len)
            skip++;
    }
    for (size_t i = skip; i < len && out < size; i++)
        buf[out++] = ring[(start + i) % KLOG_SIZE];
    spin_unlock_irqrestore(&klog_lock, flags);
    return out;
}
