/*
 * char_class.c - the POSIX character classes of bracket expressions
 * ([:alpha:] and the rest) in the "C" locale, shared by regex and fnmatch.
 */
#include "../internal.h"

int __libc_char_class(const char *name, int len, int c)
{
    static const char *const names[] = {"alpha", "digit", "alnum", "upper", "lower", "space",
                                        "blank", "punct", "print", "graph", "cntrl", "xdigit"};
    int k = -1, alpha, digit;

    for (int i = 0; i < 12 && k < 0; i++) {
        int j = 0;
        while (j < len && names[i][j] == name[j])
            j++;
        if (j == len && names[i][j] == '\0')
            k = i;
    }
    alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    digit = c >= '0' && c <= '9';
    switch (k) {
    case 0: return alpha;
    case 1: return digit;
    case 2: return alpha || digit;
    case 3: return c >= 'A' && c <= 'Z';
    case 4: return c >= 'a' && c <= 'z';
    case 5: return c == ' ' || (c >= '\t' && c <= '\r');
    case 6: return c == ' ' || c == '\t';
    case 7: return c > ' ' && c < 127 && !alpha && !digit;
    case 8: return c >= ' ' && c < 127;
    case 9: return c > ' ' && c < 127;
    case 10: return c < ' ' || c == 127;
    case 11: return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
    return -1;
}
