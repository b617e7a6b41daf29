/*
 * strtol.c - string to integer conversions (C11 7.22.1): strtol, strtoul,
 * strtoll, strtoull, atoi, atol, and abs.
 *
 * One parser reads the magnitude as an unsigned long long, noting overflow
 * and the sign; each function then clamps to its own type's range and sets
 * ERANGE as C specifies. The character tests are written out here (ASCII,
 * the "C" locale) so that the file stands alone.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

static int is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/*
 * Parse [space][sign][0x]digits in base (0: from the prefix). Returns the
 * magnitude (ULLONG_MAX with *overflow set when it does not fit), sets *neg,
 * and *end to the first character not used (s itself when there were no
 * digits). An invalid base gives EINVAL.
 */
static unsigned long long parse(const char *s, char **end, int base, int *neg, int *overflow)
{
    const char *p = s;
    unsigned long long value = 0;
    int any = 0;

    *neg = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (is_space((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    /* "0x" is a prefix only when a hex digit follows; otherwise the "0" is the number. */
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') &&
        digit_value((unsigned char)p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = p[0] == '0' ? 8 : 10;
    }
    for (;; p++) {
        int d = digit_value((unsigned char)*p);
        if (d >= base)
            break;
        any = 1;
        if (__builtin_mul_overflow(value, (unsigned)base, &value) ||
            __builtin_add_overflow(value, (unsigned)d, &value))
            *overflow = 1;
    }
    if (*overflow)
        value = ULLONG_MAX;
    if (end)
        *end = (char *)(any ? p : s);
    return value;
}

/* A signed result in [-max - 1, max]. */
static long long to_signed(unsigned long long mag, int neg, int overflow, long long max)
{
    unsigned long long limit = (unsigned long long)max + neg;

    if (overflow || mag > limit) {
        errno = ERANGE;
        return neg ? -max - 1 : max;
    }
    return neg ? (long long)(0 - mag) : (long long)mag;
}

/* An unsigned result up to max; a '-' negates it in the unsigned type, as C says. */
static unsigned long long to_unsigned(unsigned long long mag, int neg, int overflow,
                                      unsigned long long max)
{
    if (overflow || mag > max) {
        errno = ERANGE;
        return max;
    }
    return neg ? (0 - mag) & max : mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
    int neg, overflow;
    unsigned long long mag = parse(s, end, base, &neg, &overflow);

    return (long)to_signed(mag, neg, overflow, LONG_MAX);
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
    int neg, overflow;
    unsigned long long mag = parse(s, end, base, &neg, &overflow);

    return to_signed(mag, neg, overflow, LLONG_MAX);
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    int neg, overflow;
    unsigned long long mag = parse(s, end, base, &neg, &overflow);

    return (unsigned long)to_unsigned(mag, neg, overflow, ULONG_MAX);
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    int neg, overflow;
    unsigned long long mag = parse(s, end, base, &neg, &overflow);

    return to_unsigned(mag, neg, overflow, ULLONG_MAX);
}

int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

int abs(int v)
{
    return v < 0 ? -v : v;
}

long labs(long v)
{
    return v < 0 ? -v : v;
}

long long llabs(long long v)
{
    return v < 0 ? -v : v;
}
