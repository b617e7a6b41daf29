/*
 * string.c - the memory and string functions of <string.h>, shared by the
 * kernel and user programs.
 *
 * The ones that programs spend their time in work a word at a time: memcpy
 * and memset move the bulk in words once the destination is word aligned,
 * with single bytes at the edges (x86 reads an unaligned source at nearly
 * full speed); strlen and strcmp test four bytes per step for a zero byte.
 * The rest are plain byte loops. bench/libc_bench.c measures them.
 */
#include <stdint.h>
#include <string.h>

/* A word that may alias any object, for the bulk loops. */
typedef uint32_t __attribute__((may_alias)) word_t;

/* Below this many bytes, aligning for the word loops costs more than it saves. */
#define BULK_MIN 16

#define ONES 0x01010101u
#define HIGHS 0x80808080u

/* Does w hold a zero byte? (Only a zero byte borrows from its high bit in w - ONES.) */
static inline int has_zero_byte(uint32_t w)
{
    return ((w - ONES) & ~w & HIGHS) != 0;
}

/*
 * Reading a whole aligned word can read bytes past the end of a string; such
 * a word never crosses a page boundary, so it cannot fault, but an address
 * sanitizer (host test builds) would report it: the functions that do so are
 * not instrumented.
 */
#define WORD_READS_PAST_END __attribute__((no_sanitize_address))

/*
 * The bulk moves with rep movsl: under emulation (TCG) it copies within a
 * quarter of the speed of an unrolled loop of loads and stores, faster for
 * short copies, and on hardware the processor's fast string microcode makes
 * it the better one.
 */
void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;

    if (n >= BULK_MIN) {
        size_t words;

        for (; (uintptr_t)d & 3; n--)
            *d++ = *s++;
        words = n / 4;
        n %= 4;
        __asm__ volatile("rep movsl" : "+D"(d), "+S"(s), "+c"(words) : : "memory");
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    uint8_t *d = dst;
    const uint8_t *s = src;

    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n)
        return memcpy(dst, src, n);
    while (n--)
        d[n] = s[n]; /* overlapping with dst above src: copy backwards */
    return dst;
}

/*
 * The bulk is stored eight words per loop turn rather than with rep stosl:
 * under emulation (TCG) each turn of a rep instruction costs about as much
 * as a short loop turn, so the unrolled loop fills twice as fast there
 * (page clearing in the kernel goes through here), and on hardware both
 * are limited by memory.
 */
void *memset(void *dst, int c, size_t n)
{
    uint8_t *d = dst;

    if (n >= BULK_MIN) {
        uint32_t word = (uint8_t)c * ONES;
        word_t *w;

        for (; (uintptr_t)d & 3; n--)
            *d++ = (uint8_t)c;
        for (w = (word_t *)d; n >= 32; n -= 32, w += 8) {
            w[0] = word;
            w[1] = word;
            w[2] = word;
            w[3] = word;
            w[4] = word;
            w[5] = word;
            w[6] = word;
            w[7] = word;
        }
        for (; n >= 4; n -= 4)
            *w++ = word;
        d = (uint8_t *)w;
    }
    while (n--)
        *d++ = (uint8_t)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const uint8_t *x = a, *y = b;

    for (; n; n--, x++, y++)
        if (*x != *y)
            return *x - *y;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const uint8_t *p = s;

    for (; n; n--, p++)
        if (*p == (uint8_t)c)
            return (void *)p;
    return NULL;
}

WORD_READS_PAST_END size_t strlen(const char *s)
{
    const char *p = s;
    const word_t *w;

    for (; (uintptr_t)p & 3; p++)
        if (!*p)
            return (size_t)(p - s);
    for (w = (const word_t *)p; !has_zero_byte(*w); w++)
        ;
    for (p = (const char *)w; *p; p++)
        ;
    return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n])
        n++;
    return n;
}

/*
 * When a and b are equally aligned, whole words are compared while they are
 * equal and hold no end of string; the bytes at the edges (and strings of
 * different alignments) go one at a time.
 */
WORD_READS_PAST_END int strcmp(const char *a, const char *b)
{
    if ((((uintptr_t)a ^ (uintptr_t)b) & 3) == 0) {
        const word_t *x, *y;

        for (; (uintptr_t)a & 3; a++, b++)
            if (!*a || *a != *b)
                return (unsigned char)*a - (unsigned char)*b;
        x = (const word_t *)a;
        y = (const word_t *)b;
        for (; *x == *y && !has_zero_byte(*x); x++, y++)
            ;
        a = (const char *)x;
        b = (const char *)y;
    }
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (!*a)
            return 0;
    }
    return 0;
}

char *strcpy(char *restrict dst, const char *restrict src)
{
    char *d = dst;

    while ((*d++ = *src++))
        ;
    return dst;
}

char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t i = 0;

    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = '\0';
    return dst;
}

size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
    size_t len = strlen(src);

    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

char *strcat(char *restrict dst, const char *restrict src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for (; *haystack; haystack++)
        if (strncmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return n == 0 ? (char *)haystack : NULL;
}

size_t strspn(const char *s, const char *accept)
{
    size_t n = 0;

    while (s[n] && strchr(accept, s[n]))
        n++;
    return n;
}

size_t strcspn(const char *s, const char *reject)
{
    size_t n = 0;

    while (s[n] && !strchr(reject, s[n]))
        n++;
    return n;
}
