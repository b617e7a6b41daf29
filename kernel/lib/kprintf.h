/*
 * kprintf.h - kernel messages on the console (serial and/or VGA), and the log
 * buffer that keeps them.
 */
#ifndef LIB_KPRINTF_H
#define LIB_KPRINTF_H

#include <lib/format.h>

int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vkprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
