/*
 * scan_impl.h - the engine of the scanf family (scan_format.c), shared by
 * its string (scan_format.c) and stream (scanf.c) front ends.
 */
#ifndef LIBC_SCAN_IMPL_H
#define LIBC_SCAN_IMPL_H

#include <stdarg.h>
#include <stdio.h>

/* Where the input comes from: the stream f, or (f NULL) the string s. */
struct scan_source {
    FILE *f;
    const char *s;
};

/* Scan src by format (scanf's rules); the number of assignments, or EOF. */
int __scan(struct scan_source *src, const char *format, va_list ap);

#endif
