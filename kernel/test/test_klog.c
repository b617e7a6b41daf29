/*
 * test_klog.c - the kernel log ring: kprintf's text lands at its end, and
 * once more than KLOG_SIZE bytes went in, a read starts at a whole line and
 * holds the newest text, in order.
 */
#include <lib/format.h>
#include <lib/klog.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <test/ktest.h>

#define LINES 3000 /* of 29 bytes: more than KLOG_SIZE in all */

/* The decimal number at s. */
static long number_at(const char *s)
{
    long v = 0;

    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

KTEST(klog_keeps_kprintf_text)
{
    char *buf = kmalloc(KLOG_SIZE + 1);
    size_t n;

    KT_ASSERT(buf != NULL);
    kprintf("klog test: marker %d\n", 4711);
    n = klog_read(buf, KLOG_SIZE);
    buf[n] = '\0';
    KT_ASSERT(n > 23 && n <= klog_length());
    KT_ASSERT(strstr(buf, "klog test: marker 4711\n") != NULL);
    kfree(buf);
}

KTEST(klog_drops_the_oldest_whole_lines)
{
    char *buf = kmalloc(KLOG_SIZE + 1), line[40];
    size_t n;
    int first, last = -1;

    KT_ASSERT(buf != NULL);
    for (int i = 0; i < LINES; i++) {
        int len = snprintf(line, sizeof line, "klog wrap test line %08d\n", i); /* 29 bytes */
        klog_write(line, (size_t)len);
    }
    n = klog_read(buf, KLOG_SIZE);
    buf[n] = '\0';
    KT_ASSERT(n <= KLOG_SIZE && n > KLOG_SIZE - 64);
    KT_ASSERT(strncmp(buf, "klog wrap test line ", 20) == 0); /* a whole first line */
    first = (int)number_at(buf + 20);
    KT_ASSERT(first > 0 && first < LINES);
    /* Every line follows the one before, up to the last one written. */
    for (char *p = buf; *p; p = strchr(p, '\n') + 1) {
        int v;
        KT_ASSERT(strncmp(p, "klog wrap test line ", 20) == 0);
        v = (int)number_at(p + 20);
        KT_ASSERT(last < 0 || v == last + 1);
        last = v;
    }
    KT_ASSERT_EQ(last, LINES - 1);
    kfree(buf);
}
