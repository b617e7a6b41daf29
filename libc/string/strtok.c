/*
 * strtok.c - splitting a string into tokens in place: strtok, strtok_r
 * (runs of separators count as one, no empty tokens) and the BSD strsep
 * (every separator ends a token, so empty fields are kept).
 */
#include <string.h>

char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save)
{
    char *end;

    if (!s)
        s = *save;
    s += strspn(s, sep);
    if (!*s) {
        *save = s;
        return NULL;
    }
    end = s + strcspn(s, sep);
    if (*end)
        *end++ = '\0';
    *save = end;
    return s;
}

char *strtok(char *restrict s, const char *restrict sep)
{
    static char *save;

    return strtok_r(s, sep, &save);
}

char *strsep(char **restrict sp, const char *restrict sep)
{
    char *s = *sp, *end;

    if (!s)
        return NULL;
    end = s + strcspn(s, sep);
    if (*end) {
        *end = '\0';
        *sp = end + 1;
    } else {
        *sp = NULL;
    }
    return s;
}
