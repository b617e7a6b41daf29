/*
 * format.h - printf-style formatting into a buffer (C99 7.19.6 semantics for the
 * integer, character, string and pointer conversions; no floating point).
 * Pure code, also built for the host and tested there against the C library.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Like C's vsnprintf: returns the length the full output would have. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
