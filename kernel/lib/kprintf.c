/*
 * kprintf.c - formatted kernel messages. Each call formats into a stack buffer
 * and hands the text to the console in one piece under console_lock, so lines
 * from different CPUs or interrupt handlers never interleave mid-line. The
 * same text goes into the kernel log (lib/klog.h) first.
 */
#include <drivers/char/console.h>
#include <lib/klog.h>
#include <lib/kprintf.h>

int vkprintf(const char *fmt, va_list ap)
{
    char buf[512];
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    size_t len = n < (int)sizeof buf ? (size_t)n : sizeof buf - 1;

    klog_write(buf, len);
    console_write(buf, len);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vkprintf(fmt, ap);
    va_end(ap);
    return n;
}
