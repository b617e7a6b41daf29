/*
 * strcase.c - comparing and searching without regard to case, in the "C"
 * locale (only A-Z and a-z fold): strcasecmp, strncasecmp (<strings.h>)
 * and the GNU strcasestr.
 */
#include <string.h>
#include <strings.h>

static int fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int strcasecmp(const char *a, const char *b)
{
    return strncasecmp(a, b, (size_t)-1);
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        int x = fold((unsigned char)*a), y = fold((unsigned char)*b);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

char *strcasestr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for (; *haystack; haystack++)
        if (strncasecmp(haystack, needle, n) == 0)
            return (char *)haystack;
    return n == 0 ? (char *)haystack : NULL;
}

int ffs(int v)
{
    return v ? __builtin_ctz((unsigned int)v) + 1 : 0;
}
