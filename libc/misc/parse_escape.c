/*
 * parse_escape.c - the backslash escapes of echo -e and printf: \a \b \e \f
 * \n \r \t \v \\, \xHH (one or two hexadecimal digits), octal escapes and
 * \c. The tools differ only in their octal forms and in \", which the flags
 * select (libutil.h).
 */
#include <libutil.h>

static int
hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Up to max octal digits at *p, taken; their value in a byte. */
static int
octal(const char **p, int max)
{
    int v = 0;

    for (int n = 0; n < max && **p >= '0' && **p <= '7'; n++)
        v = v * 8 + (*(*p)++ - '0');
    return v & 0xff;
}

int
parse_escape(const char **p, int flags)
{
    const char *s = *p;
    int c = (unsigned char)*s++, v;

    switch (c) {
    case 'a': c = '\a'; break;
    case 'b': c = '\b'; break;
    case 'c': c = ESCAPE_STOP; break;
    case 'e': c = 033; break;
    case 'f': c = '\f'; break;
    case 'n': c = '\n'; break;
    case 'r': c = '\r'; break;
    case 't': c = '\t'; break;
    case 'v': c = '\v'; break;
    case '\\': break;
    case '"':
        if (!(flags & ESCAPE_DQUOTE))
            return ESCAPE_NONE;
        break;
    case 'x':
        if (hex_value(*s) < 0)
            return ESCAPE_NONE;
        v = hex_value(*s++);
        if (hex_value(*s) >= 0)
            v = v * 16 + hex_value(*s++);
        c = v;
        break;
    default:
        if (c == '0' && (flags & ESCAPE_OCTAL_0)) {
            c = octal(&s, 3); /* \0NNN */
        } else if (c >= '0' && c <= '7' && (flags & ESCAPE_OCTAL)) {
            s--;
            c = octal(&s, 3); /* \NNN */
        } else {
            return ESCAPE_NONE;
        }
        break;
    }
    *p = s;
    return c;
}
