/*
 * format.h - printf-style formatting into a buffer (C99 7.19.6 semantics for the
 * integer, character, string and pointer conversions; floating point only
 * through libc's hook, see below).
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

/*
 * The floating-point hook (libc only; see format.c). vsnprintf calls
 * format_float for f F e E g G when built with FORMAT_FLOAT; it reads its
 * double (long double when long_double is set) from *ap and writes the whole
 * field, padding included, with format_put.
 */
enum {
    FORMAT_MINUS = 1,
    FORMAT_PLUS = 2,
    FORMAT_SPACE = 4,
    FORMAT_HASH = 8,
    FORMAT_ZERO = 16
};

struct format_float_spec {
    int flags;     /* FORMAT_MINUS ... */
    int width;     /* -1 when absent */
    int precision; /* -1 when absent */
    int long_double;
    char conv; /* f F e E g G */
};

struct format_out;
void format_put(struct format_out *o, char c);
void format_float(struct format_out *o, const struct format_float_spec *s, va_list *ap);

#endif
