/*
 * strsearch.c - the searching functions beyond string.c's: strpbrk,
 * strchrnul, memrchr and memmem (the last three GNU extensions). Plain
 * loops: the inputs of the programs here are short.
 */
#include <string.h>

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

char *strchrnul(const char *s, int c)
{
    while (*s && *s != (char)c)
        s++;
    return (char *)s;
}

void *memrchr(const void *s, int c, size_t n)
{
    const unsigned char *p = (const unsigned char *)s + n;

    while (n--)
        if (*--p == (unsigned char)c)
            return (void *)p;
    return NULL;
}

void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen)
{
    const unsigned char *h = haystack, *first;

    if (nlen == 0)
        return (void *)haystack;
    while (hlen >= nlen) {
        first = memchr(h, *(const unsigned char *)needle, hlen - nlen + 1);
        if (!first)
            return NULL;
        hlen -= (size_t)(first - h);
        h = first;
        if (memcmp(h, needle, nlen) == 0)
            return (void *)h;
        h++;
        hlen--;
    }
    return NULL;
}
