/*
 * getline.c - reading a whole line (or record) of any length: getdelim and
 * getline (POSIX 2008).
 *
 * The bytes are copied out of the stream's read-ahead buffer a run at a
 * time (up to the delimiter or the end of the buffered data), and *line
 * grows by doubling. The result keeps the delimiter and is NUL-terminated;
 * it may contain NUL bytes, so the return value is its true length.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stdio_impl.h"

/* Make *line hold at least need bytes; 0, or -1 with ENOMEM (errno) and the line untouched. */
static int reserve(char **line, size_t *cap, size_t need)
{
    size_t n = *cap ? *cap : 120;
    char *bigger;

    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > SIZE_MAX / 2) {
            errno = ENOMEM;
            return -1;
        }
        n *= 2;
    }
    bigger = realloc(*line, n);
    if (!bigger)
        return -1;
    *line = bigger;
    *cap = n;
    return 0;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
    size_t len = 0;

    if (!line || !cap) {
        errno = EINVAL;
        f->flags |= F_ERR;
        return -1;
    }
    if (!*line)
        *cap = 0;
    for (;;) {
        unsigned char *start, *stop;
        size_t n;

        if (f->mode != 'r' || f->pos >= f->len) {
            if (__stdio_refill(f) == EOF)
                break;
        }
        start = f->buf + f->pos;
        stop = memchr(start, delim, f->len - f->pos);
        n = stop ? (size_t)(stop - start) + 1 : f->len - f->pos;
        if (len + n >= SSIZE_MAX || reserve(line, cap, len + n + 1) < 0) {
            errno = ENOMEM;
            f->flags |= F_ERR;
            return -1;
        }
        memcpy(*line + len, start, n);
        f->pos += n;
        len += n;
        if (stop)
            break;
    }
    if (len == 0) {
        /* Nothing read: still a valid (empty) string, as glibc leaves it. */
        if (reserve(line, cap, 1) == 0)
            **line = '\0';
        return -1;
    }
    (*line)[len] = '\0';
    return (ssize_t)len;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
    return getdelim(line, cap, '\n', f);
}
