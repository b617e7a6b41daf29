/*
 * stpcpy.c - copying and appending strings: stpcpy and stpncpy (POSIX
 * 2008: they return the end of the copy, so that copies can be chained),
 * strncat, the BSD strlcat, and the "C"-locale collation functions strcoll
 * and strxfrm (byte order).
 */
#include <string.h>

char *stpcpy(char *restrict dst, const char *restrict src)
{
    while ((*dst = *src++))
        dst++;
    return dst;
}

char *stpncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t len = strnlen(src, n);

    memcpy(dst, src, len);
    memset(dst + len, 0, n - len);
    return dst + len;
}

char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
    char *end = dst + strlen(dst);
    size_t len = strnlen(src, n);

    memcpy(end, src, len);
    end[len] = '\0';
    return dst;
}

size_t strlcat(char *restrict dst, const char *restrict src, size_t size)
{
    size_t used = strnlen(dst, size);

    if (used == size)
        return size + strlen(src); /* dst is not terminated within size: nothing fits */
    return used + strlcpy(dst + used, src, size - used);
}

int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

size_t strxfrm(char *restrict dst, const char *restrict src, size_t n)
{
    size_t len = strlen(src);

    if (len < n)
        memcpy(dst, src, len + 1);
    return len;
}
