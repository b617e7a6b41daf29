/*
 * scan_format.c - the engine of the scanf family (C11 7.21.6.2), and
 * sscanf/vsscanf, which feed it a string. scanf.c feeds it a stream.
 *
 * The engine reads a byte at a time through a source (a string, or a FILE
 * through getc/ungetc) and never needs more than one byte of pushback: a
 * conversion reads the longest prefix of its input that could still become
 * a valid item and gives back only the byte that stopped it, as glibc does
 * (so "%f" on "1e+x" consumes "1e+" and converts "1"). Numbers are
 * collected as text: integers are then evaluated here with strtol's or
 * strtoll's range rules (glibc's choice: strtoll only under ll, L, q, and
 * j or z when the type is wider than long), floating-point numbers by
 * strtof/strtod; long double (L) goes through strtod, so it has a double's
 * precision.
 *
 * The return value is the number of assignments made, or EOF when the
 * input ended (or failed) before any assignment, as glibc counts: a
 * suppressed conversion (%*d) or %n does not count as one.
 */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan_impl.h"

/* Longest numeric text kept; more digits do not change the value's rounding in strtod. */
#define SCAN_NUM_MAX 512

enum scan_size { SZ_INT, SZ_CHAR, SZ_SHORT, SZ_LONG, SZ_LLONG, SZ_MAX, SZ_SIZE, SZ_PTRDIFF,
                 SZ_LDOUBLE };

struct scanner {
    struct scan_source *src;
    int c;          /* the current byte (already read), or EOF */
    size_t count;   /* bytes consumed, for %n */
    size_t width;   /* bytes the current conversion may still take */
};

static int scan_getc(struct scan_source *src)
{
    if (src->f)
        return getc(src->f);
    if (!*src->s)
        return EOF;
    return (unsigned char)*src->s++;
}

static void scan_ungetc(struct scan_source *src, int c)
{
    if (c == EOF)
        return;
    if (src->f)
        ungetc(c, src->f);
    else
        src->s--;
}

/* Read the next byte into sc->c, counting it against the width. */
static void next(struct scanner *sc)
{
    sc->c = scan_getc(sc->src);
    if (sc->c != EOF)
        sc->count++;
}

/* Give back the current byte (it is not part of the item). */
static void give_back(struct scanner *sc)
{
    if (sc->c != EOF) {
        scan_ungetc(sc->src, sc->c);
        sc->count--;
    }
    sc->c = EOF;
}

/* Skip white space in the input; leaves the first other byte (or EOF) current. */
static void skip_space(struct scanner *sc)
{
    next(sc);
    while (sc->c != EOF && isspace(sc->c))
        next(sc);
}

/* Text of a number being collected (truncated past SCAN_NUM_MAX digits, see above). */
struct numtext {
    char buf[SCAN_NUM_MAX + 8];
    size_t len;
};

static void add(struct numtext *t, int c)
{
    if (t->len < SCAN_NUM_MAX)
        t->buf[t->len++] = (char)c;
}

/* Take the current byte into t when the width allows; 1 when taken (and the next is read). */
static int take(struct scanner *sc, struct numtext *t)
{
    if (sc->width == 0 || sc->c == EOF)
        return 0;
    add(t, sc->c);
    sc->width--;
    if (sc->width)
        next(sc);
    else
        sc->c = EOF - 1; /* the width ends the item: nothing more is read */
    return 1;
}

/* Is the current byte the letter ch (either case)? */
static int is_letter(struct scanner *sc, char ch)
{
    return sc->c >= 0 && tolower(sc->c) == ch;
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
 * Collect an integer in base (0: by its prefix) as glibc does: a sign, then
 * "0x" for base 16 or 0 (the 'x' is consumed even when no digit follows),
 * then digits. Returns the base used, or 0 when no digit was found.
 */
static int scan_int_text(struct scanner *sc, struct numtext *t, int base)
{
    int digits = 0;

    if (sc->c == '+' || sc->c == '-')
        take(sc, t);
    if (sc->width && sc->c == '0') {
        take(sc, t);
        digits = 1;
        if (sc->width && is_letter(sc, 'x')) {
            if (base == 0)
                base = 16;
            if (base == 16) {
                sc->width--;
                if (sc->width)
                    next(sc);
                else
                    sc->c = EOF - 1;
            }
        } else if (base == 0) {
            base = 8;
        }
    }
    if (base == 0)
        base = 10;
    while (sc->width && sc->c >= 0 && digit_value(sc->c) < base) {
        take(sc, t);
        digits = 1;
    }
    return digits ? base : 0;
}

/*
 * The value of the integer text, by strtoul's rules (unsigned) or strtol's
 * (signed), in the range of unsigned long or long, or of the long long types
 * when wide.
 */
static unsigned long long int_value(const struct numtext *t, int base, int is_signed, int wide)
{
    unsigned long long mag = 0, limit;
    size_t i = 0;
    int neg = 0, overflow = 0;

    if (t->buf[0] == '-' || t->buf[0] == '+')
        neg = t->buf[i++] == '-';
    for (; i < t->len; i++) {
        unsigned d = (unsigned)digit_value(t->buf[i]);
        if (mag > (ULLONG_MAX - d) / (unsigned)base)
            overflow = 1;
        else
            mag = mag * (unsigned)base + d;
    }
    if (is_signed) {
        limit = wide ? (unsigned long long)LLONG_MAX : (unsigned long long)LONG_MAX;
        if (overflow || mag > limit + neg)
            return neg ? -limit - 1 : limit;
        return neg ? -mag : mag;
    }
    limit = wide ? ULLONG_MAX : ULONG_MAX;
    if (overflow || mag > limit)
        return limit;
    return neg ? (-mag & limit) : mag;
}

/* Collect "inf"/"infinity" or "nan" after the sign (glibc reads no "(chars)"); 0 on a mismatch. */
static int scan_special(struct scanner *sc, struct numtext *t)
{
    const char *word = is_letter(sc, 'i') ? "inf" : "nan";

    for (const char *w = word; *w; w++)
        if (!is_letter(sc, *w) || !take(sc, t))
            return 0;
    if (word[0] == 'i' && sc->width && is_letter(sc, 'i')) {
        for (const char *w = "inity"; *w; w++)
            if (!is_letter(sc, *w) || !take(sc, t))
                return 0;
    }
    return 1;
}

/*
 * Collect a floating-point number: sign, then "inf"/"nan" forms, or hex or
 * decimal digits with one point and an exponent (only after a digit, with
 * an optional sign). As in glibc, the 'x' of "0x" is taken only when the
 * width leaves room for a digit after it, and "0x" without digits is not a
 * number. 0 when the text cannot be a number.
 */
static int scan_float_text(struct scanner *sc, struct numtext *t)
{
    int digit = 0, dot = 0, exp = 0, hex = 0;
    size_t sign = 0;
    char exp_char = 'e';

    if (sc->c == '+' || sc->c == '-')
        sign = (size_t)take(sc, t);
    if (sc->width && (is_letter(sc, 'i') || is_letter(sc, 'n')))
        return scan_special(sc, t);
    if (sc->width && sc->c == '0') {
        take(sc, t);
        if (sc->width >= 2 && is_letter(sc, 'x')) {
            take(sc, t);
            hex = 1;
            exp_char = 'p';
        } else {
            digit = 1;
        }
    }
    while (sc->width && sc->c >= 0) {
        int c = sc->c;

        if (exp ? isdigit(c) : (hex ? isxdigit(c) : isdigit(c))) {
            digit = 1;
        } else if (exp && (c == '+' || c == '-') && tolower(t->buf[t->len - 1]) == exp_char) {
            /* the sign of the exponent */
        } else if (!exp && digit && tolower(c) == exp_char) {
            exp = 1;
        } else if (!exp && !dot && c == '.') {
            dot = 1;
        } else {
            break;
        }
        take(sc, t);
    }
    if (hex && t->len == sign + 2)
        return 0;
    return t->len > 0;
}

/* Parse a scanset after '[' into set (256 flags); returns the format after ']' or NULL. */
static const unsigned char *scan_set(const unsigned char *p, unsigned char set[256])
{
    int negate = 0;

    if (*p == '^') {
        negate = 1;
        p++;
    }
    memset(set, 0, 256);
    if (*p == ']') /* a ']' first is a member */
        set[*p++] = 1;
    while (*p && *p != ']') {
        if (p[1] == '-' && p[2] && p[2] != ']' && p[2] >= p[0]) {
            for (int c = p[0]; c <= p[2]; c++)
                set[c] = 1;
            p += 3;
        } else {
            set[*p++] = 1;
        }
    }
    if (!*p)
        return NULL;
    if (negate)
        for (int c = 0; c < 256; c++)
            set[c] = !set[c];
    return p + 1;
}

static void store_int(va_list *ap, enum scan_size size, unsigned long long v)
{
    switch (size) {
    case SZ_CHAR: *va_arg(*ap, signed char *) = (signed char)v; break;
    case SZ_SHORT: *va_arg(*ap, short *) = (short)v; break;
    case SZ_LONG: *va_arg(*ap, long *) = (long)v; break;
    case SZ_LLONG: case SZ_LDOUBLE: *va_arg(*ap, long long *) = (long long)v; break;
    case SZ_MAX: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
    case SZ_SIZE: *va_arg(*ap, size_t *) = (size_t)v; break;
    case SZ_PTRDIFF: *va_arg(*ap, ptrdiff_t *) = (ptrdiff_t)v; break;
    default: *va_arg(*ap, int *) = (int)v; break;
    }
}

/* Does an integer conversion of this size use the long long rules (see the file comment)? */
static int wide_int(enum scan_size size)
{
    return size == SZ_LLONG || size == SZ_LDOUBLE ||
           (size == SZ_MAX && sizeof(intmax_t) > sizeof(long)) ||
           (size == SZ_SIZE && sizeof(size_t) > sizeof(long)) ||
           (size == SZ_PTRDIFF && sizeof(ptrdiff_t) > sizeof(long));
}

int __scan(struct scan_source *src, const char *format, va_list ap_in)
{
    const unsigned char *p = (const unsigned char *)format;
    struct scanner sc = {.src = src, .c = EOF};
    int assigned = 0, input_failed = 0;
    va_list ap;

    va_copy(ap, ap_in);
    while (*p) {
        int suppress = 0, conv;
        enum scan_size size = SZ_INT;
        size_t width = 0;
        struct numtext t;

        if (isspace(*p)) {
            while (isspace(*p))
                p++;
            skip_space(&sc);
            give_back(&sc);
            continue;
        }
        if (*p != '%' || p[1] == '%') {
            /* An ordinary byte ("%%" is a '%', after optional white space). */
            if (*p == '%') {
                p++;
                skip_space(&sc);
            } else {
                next(&sc);
            }
            if (sc.c == EOF) {
                input_failed = 1;
                break;
            }
            if (sc.c != *p) {
                give_back(&sc);
                break;
            }
            p++;
            continue;
        }
        p++;
        if (*p == '*') {
            suppress = 1;
            p++;
        }
        while (isdigit(*p))
            width = width * 10 + (size_t)(*p++ - '0');
        switch (*p) {
        case 'h':
            size = p[1] == 'h' ? SZ_CHAR : SZ_SHORT;
            p += p[1] == 'h' ? 2 : 1;
            break;
        case 'l':
            size = p[1] == 'l' ? SZ_LLONG : SZ_LONG;
            p += p[1] == 'l' ? 2 : 1;
            break;
        case 'L': case 'q': size = SZ_LDOUBLE; p++; break;
        case 'j': size = SZ_MAX; p++; break;
        case 'z': size = SZ_SIZE; p++; break;
        case 't': size = SZ_PTRDIFF; p++; break;
        }
        conv = *p++;
        if (conv == 'n') {
            if (!suppress)
                store_int(&ap, size, sc.count);
            continue;
        }
        if (conv == '\0' || !strchr("diouxXpcs[aAeEfFgG", conv))
            break; /* an invalid specification ends the scan */

        if (conv == 'c' || conv == '[') {
            next(&sc);
        } else {
            skip_space(&sc);
        }
        if (sc.c == EOF) {
            input_failed = 1;
            break;
        }
        sc.width = width ? width : (conv == 'c' ? 1 : SIZE_MAX);

        if (conv == 'c' || conv == 's' || conv == '[') {
            unsigned char set[256];
            char *out = suppress ? NULL : va_arg(ap, char *);
            size_t n = 0;

            if (conv == '[') {
                p = scan_set(p, set);
                if (!p)
                    break;
            }
            while (sc.width && sc.c != EOF) {
                if (conv == 's' && isspace(sc.c))
                    break;
                if (conv == '[' && !set[sc.c])
                    break;
                if (out)
                    out[n] = (char)sc.c;
                n++;
                if (--sc.width)
                    next(&sc);
                else
                    sc.c = EOF - 1;
            }
            if (sc.c >= 0)
                give_back(&sc);
            if (n == 0) /* only a scanset can match nothing */
                break;
            if (out) {
                if (conv != 'c')
                    out[n] = '\0';
                assigned++;
            }
            continue;
        }

        t.len = 0;
        if (strchr("aAeEfFgG", conv)) {
            char *end;

            if (!scan_float_text(&sc, &t)) {
                if (sc.c >= 0)
                    give_back(&sc);
                break;
            }
            if (sc.c >= 0)
                give_back(&sc);
            t.buf[t.len] = '\0';
            if (size == SZ_LONG || size == SZ_LDOUBLE) {
                double d = strtod(t.buf, &end);
                if (end == t.buf)
                    break;
                if (!suppress) {
                    if (size == SZ_LONG)
                        *va_arg(ap, double *) = d;
                    else
                        *va_arg(ap, long double *) = d;
                }
            } else {
                float f = strtof(t.buf, &end);
                if (end == t.buf)
                    break;
                if (!suppress)
                    *va_arg(ap, float *) = f;
            }
        } else {
            int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
            int is_signed = conv == 'd' || conv == 'i';
            unsigned long long v;

            base = scan_int_text(&sc, &t, base);
            if (!base && conv == 'p' && t.len == 0 && sc.c == '(') {
                /* %p reads back what %p prints for NULL. */
                for (const char *w = "(nil)"; *w; w++)
                    if (sc.c != *w || !take(&sc, &t))
                        goto matching_failure;
                if (sc.c >= 0)
                    give_back(&sc);
                if (!suppress) {
                    *va_arg(ap, void **) = NULL;
                    assigned++;
                }
                continue;
            }
            if (sc.c >= 0)
                give_back(&sc);
            if (!base)
                break;
            if (conv == 'p') {
                v = int_value(&t, base, 0, 0);
                if (!suppress)
                    *va_arg(ap, void **) = (void *)(uintptr_t)v;
            } else {
                v = int_value(&t, base, is_signed, wide_int(size));
                if (!suppress)
                    store_int(&ap, size, v);
            }
        }
        if (!suppress)
            assigned++;
        continue;
matching_failure:
        if (sc.c >= 0)
            give_back(&sc);
        break;
    }
    va_end(ap);
    return assigned == 0 && input_failed ? EOF : assigned;
}

int vsscanf(const char *restrict s, const char *restrict format, va_list ap)
{
    struct scan_source src = {.f = NULL, .s = s};

    return __scan(&src, format, ap);
}

int sscanf(const char *restrict s, const char *restrict format, ...)
{
    va_list ap;
    int r;

    va_start(ap, format);
    r = vsscanf(s, format, ap);
    va_end(ap);
    return r;
}
