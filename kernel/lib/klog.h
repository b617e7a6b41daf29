/*
 * klog.h - the kernel log: every kprintf message is kept in a fixed-size ring
 * (KLOG_SIZE bytes) as well as written to the console, so that it can be
 * read later through /proc/dmesg (docs/procfs.md). When the ring is full the
 * oldest text is overwritten; a reader never sees a partial first line.
 *
 * Lock: klog_lock (klog.c), an interrupt-safe leaf spinlock: kprintf may run
 * in an interrupt handler and with any lock of a lower rank held.
 */
#ifndef LIB_KLOG_H
#define LIB_KLOG_H

#include <stddef.h>

#define KLOG_SIZE (64 * 1024)

/* Append len bytes of message text. */
void klog_write(const char *s, size_t len);
/* Copy the whole log, oldest line first, into buf (at most size bytes); returns the length. */
size_t klog_read(char *buf, size_t size);
/* Bytes klog_read would return now (an upper bound later: the log only grows to KLOG_SIZE). */
size_t klog_length(void);

#endif
