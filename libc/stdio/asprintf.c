/*
 * asprintf.c - formatting into a string allocated to fit (asprintf,
 * vasprintf, as in glibc and the BSDs): the output is measured with
 * vsnprintf into a small buffer first, and formatted again only when it
 * did not fit.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int vasprintf(char **restrict out, const char *restrict fmt, va_list ap)
{
    char small[128];
    va_list again;
    int n;

    va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        va_end(again);
        return -1;
    }
    *out = malloc((size_t)n + 1);
    if (!*out) {
        va_end(again);
        return -1;
    }
    if ((size_t)n < sizeof small)
        memcpy(*out, small, (size_t)n + 1);
    else
        vsnprintf(*out, (size_t)n + 1, fmt, again);
    va_end(again);
    return n;
}

int asprintf(char **restrict out, const char *restrict fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vasprintf(out, fmt, ap);
    va_end(ap);
    return n;
}
