/*
 * parse_size.c - a count with a multiplier suffix, as tools take sizes and
 * counts on their command lines: head -c 2K, od -N 1k, dd bs=1MB. Each tool
 * names the suffix letters it accepts; their meaning is the same in all:
 *
 *     c 1, w 2, b 512, k K 1024, m M 1024^2, G 1024^3, T 1024^4
 *
 * and after k, K, m, M, G or T, "iB" changes nothing ("KiB") while "B" makes
 * the unit a power of 1000 instead ("kB" 1000, "MB" 1000000), as in GNU's
 * tools.
 */
#include <errno.h>
#include <libutil.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The power of 1024 (or 1000) a suffix letter names, or 0 for none. */
static int
unit_power(char c)
{
    switch (c) {
    case 'k': case 'K': return 1;
    case 'm': case 'M': return 2;
    case 'G': return 3;
    case 'T': return 4;
    default: return 0;
    }
}

int
parse_size(const char *s, int base, const char *units, uint64_t *value, char **end)
{
    unsigned long long v, factor = 1;
    char *p;
    int power;

    /* strtoull would take "-1" as the largest value. */
    if (s[strspn(s, " \t\n\v\f\r")] == '-')
        return -1;
    errno = 0;
    v = strtoull(s, &p, base);
    if (p == s || errno)
        return -1;
    if (*p && strchr(units, *p)) {
        power = unit_power(*p);
        if (*p == 'w')
            factor = 2;
        else if (*p == 'b')
            factor = 512;
        p++;
        if (power > 0) {
            uint64_t step = 1024;
            if (p[0] == 'B') {
                step = 1000;
                p++;
            } else if (p[0] == 'i' && p[1] == 'B') {
                p += 2;
            }
            while (power-- > 0)
                factor *= step;
        }
    }
    if (end)
        *end = p;
    else if (*p)
        return -1;
    if (factor > 1 && v > UINT64_MAX / factor)
        return -1;
    *value = v * factor;
    return 0;
}
