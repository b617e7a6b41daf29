/*
 * scanf.c - the stream members of the scanf family: scanf, fscanf, vscanf,
 * vfscanf. The engine is in scan_format.c; it reads the stream with getc
 * and gives back at most one byte with ungetc, so a stream is left just
 * after the last byte a conversion used.
 */
#include <stdarg.h>
#include <stdio.h>

#include "scan_impl.h"

int vfscanf(FILE *restrict f, const char *restrict format, va_list ap)
{
    struct scan_source src = {.f = f, .s = NULL};

    return __scan(&src, format, ap);
}

int vscanf(const char *restrict format, va_list ap)
{
    return vfscanf(stdin, format, ap);
}

int fscanf(FILE *restrict f, const char *restrict format, ...)
{
    va_list ap;
    int r;

    va_start(ap, format);
    r = vfscanf(f, format, ap);
    va_end(ap);
    return r;
}

int scanf(const char *restrict format, ...)
{
    va_list ap;
    int r;

    va_start(ap, format);
    r = vfscanf(stdin, format, ap);
    va_end(ap);
    return r;
}
