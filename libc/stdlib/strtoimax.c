/*
 * strtoimax.c - <inttypes.h>'s conversions to the widest integer types.
 * intmax_t is long long on i386, so these are strtoll and strtoull.
 */
#include <inttypes.h>
#include <stdlib.h>

_Static_assert(sizeof(intmax_t) == sizeof(long long), "intmax_t is long long");

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
    return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
    return strtoull(s, end, base);
}
