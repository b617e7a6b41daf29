/*
 * format.c - vsnprintf for the kernel (see format.h).
 *
 * Conversions: d i u o x X c s p %, flags - + space # 0, field width and
 * precision (both may be *), length modifiers hh h l ll j z t. The output is
 * written through a small cursor that counts every character, so the return
 * value is the untruncated length, as C requires.
 *
 * Floating point (f F e E g G, with the L modifier) is not formatted here:
 * the kernel is built without the FPU and this file must not touch it. When
 * libc compiles this file it defines FORMAT_FLOAT, and a floating conversion
 * is handed, with the va_list, to format_float() (libc/stdio/format_float.c),
 * which reads the argument itself and writes through format_put(). The
 * reference is an ordinary one so that linking printf pulls the float code
 * out of libc.a. Without FORMAT_FLOAT (the kernel) a floating conversion
 * prints "?" and ends the output: the argument cannot be skipped without
 * reading it, so the arguments after it could not be found.
 */
#include <lib/format.h>
#include <stdint.h>

struct out {
    char *buf;
    size_t size;
    size_t len; /* characters produced so far, written or not */
};

static void put(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

#ifdef FORMAT_FLOAT
void format_put(struct format_out *o, char c)
{
    put((struct out *)o, c);
}
#endif

static void put_repeat(struct out *o, char c, int n)
{
    while (n-- > 0)
        put(o, c);
}

enum length { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_PTRDIFF, L_MAX, L_LDOUBLE };

/* The flags are FORMAT_MINUS ... FORMAT_ZERO of format.h. */
enum flag {
    F_MINUS = FORMAT_MINUS,
    F_PLUS = FORMAT_PLUS,
    F_SPACE = FORMAT_SPACE,
    F_HASH = FORMAT_HASH,
    F_ZERO = FORMAT_ZERO
};

struct spec {
    int flags;
    int width;     /* -1 when absent */
    int precision; /* -1 when absent */
    enum length length;
    char conv;
};

/* Emit an integer conversion: sign/prefix, zero padding and precision handled here. */
static void put_integer(struct out *o, const struct spec *s, uintmax_t value, int negative)
{
    char digits[32];
    const char *set = s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    unsigned base = s->conv == 'o' ? 8 : (s->conv == 'x' || s->conv == 'X' || s->conv == 'p') ? 16 : 10;
    int ndigits = 0, zeros, pad, prefix_len = 0;
    char prefix[3];

    while (value) {
        digits[ndigits++] = set[value % base];
        value /= base;
    }
    /* Precision is the minimum digit count; default 1 (but precision 0 prints no 0). */
    zeros = (s->precision < 0 ? 1 : s->precision) - ndigits;
    if (zeros < 0)
        zeros = 0;

    if (s->conv == 'd' || s->conv == 'i') {
        if (negative)
            prefix[prefix_len++] = '-';
        else if (s->flags & F_PLUS)
            prefix[prefix_len++] = '+';
        else if (s->flags & F_SPACE)
            prefix[prefix_len++] = ' ';
    } else if (s->conv == 'o' && (s->flags & F_HASH) && zeros == 0 &&
               (ndigits == 0 || digits[ndigits - 1] != '0')) {
        zeros = 1; /* '#' makes the first digit of an octal number 0 */
    } else if ((s->conv == 'x' || s->conv == 'X') && (s->flags & F_HASH) && ndigits > 0) {
        prefix[prefix_len++] = '0';
        prefix[prefix_len++] = s->conv;
    } else if (s->conv == 'p') {
        prefix[prefix_len++] = '0';
        prefix[prefix_len++] = 'x';
    }

    pad = s->width - (prefix_len + zeros + ndigits);
    if (pad > 0 && (s->flags & F_ZERO) && !(s->flags & F_MINUS) && s->precision < 0) {
        zeros += pad; /* the 0 flag pads with zeros after the sign or prefix */
        pad = 0;
    }
    if (!(s->flags & F_MINUS))
        put_repeat(o, ' ', pad);
    for (int i = 0; i < prefix_len; i++)
        put(o, prefix[i]);
    put_repeat(o, '0', zeros);
    while (ndigits)
        put(o, digits[--ndigits]);
    if (s->flags & F_MINUS)
        put_repeat(o, ' ', pad);
}

static void put_string(struct out *o, const struct spec *s, const char *str, int len)
{
    int pad = s->width - len;

    if (!(s->flags & F_MINUS))
        put_repeat(o, ' ', pad);
    for (int i = 0; i < len; i++)
        put(o, str[i]);
    if (s->flags & F_MINUS)
        put_repeat(o, ' ', pad);
}

static uintmax_t get_unsigned(enum length l, va_list *ap)
{
    switch (l) {
    case L_CHAR: return (unsigned char)va_arg(*ap, unsigned int);
    case L_SHORT: return (unsigned short)va_arg(*ap, unsigned int);
    case L_LONG: return va_arg(*ap, unsigned long);
    case L_LLONG: return va_arg(*ap, unsigned long long);
    case L_SIZE: return va_arg(*ap, size_t);
    case L_PTRDIFF: return (uintmax_t)va_arg(*ap, ptrdiff_t);
    case L_MAX: return va_arg(*ap, uintmax_t);
    default: return va_arg(*ap, unsigned int);
    }
}

static intmax_t get_signed(enum length l, va_list *ap)
{
    switch (l) {
    case L_CHAR: return (signed char)va_arg(*ap, int);
    case L_SHORT: return (short)va_arg(*ap, int);
    case L_LONG: return va_arg(*ap, long);
    case L_LLONG: return va_arg(*ap, long long);
    case L_SIZE: return (intmax_t)va_arg(*ap, size_t);
    case L_PTRDIFF: return va_arg(*ap, ptrdiff_t);
    case L_MAX: return va_arg(*ap, intmax_t);
    default: return va_arg(*ap, int);
    }
}

/* Parse one conversion specification after '%'; returns the position after it. */
static const char *parse_spec(const char *p, struct spec *s, va_list *ap)
{
    s->flags = 0;
    s->width = s->precision = -1;
    s->length = L_INT;
    for (;; p++) {
        if (*p == '-') s->flags |= F_MINUS;
        else if (*p == '+') s->flags |= F_PLUS;
        else if (*p == ' ') s->flags |= F_SPACE;
        else if (*p == '#') s->flags |= F_HASH;
        else if (*p == '0') s->flags |= F_ZERO;
        else break;
    }
    if (*p == '*') {
        s->width = va_arg(*ap, int);
        if (s->width < 0) { /* a negative width is the '-' flag */
            s->flags |= F_MINUS;
            s->width = -s->width;
        }
        p++;
    } else {
        for (s->width = 0; *p >= '0' && *p <= '9'; p++)
            s->width = s->width * 10 + (*p - '0');
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            s->precision = va_arg(*ap, int);
            if (s->precision < 0)
                s->precision = -1; /* a negative precision is taken as absent */
            p++;
        } else {
            for (s->precision = 0; *p >= '0' && *p <= '9'; p++)
                s->precision = s->precision * 10 + (*p - '0');
        }
    }
    if (p[0] == 'h' && p[1] == 'h') { s->length = L_CHAR; p += 2; }
    else if (p[0] == 'l' && p[1] == 'l') { s->length = L_LLONG; p += 2; }
    else if (*p == 'h') { s->length = L_SHORT; p++; }
    else if (*p == 'l') { s->length = L_LONG; p++; }
    else if (*p == 'z') { s->length = L_SIZE; p++; }
    else if (*p == 't') { s->length = L_PTRDIFF; p++; }
    else if (*p == 'j') { s->length = L_MAX; p++; }
    else if (*p == 'L') { s->length = L_LDOUBLE; p++; }
    s->conv = *p;
    return *p ? p + 1 : p;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap_in)
{
    struct out o = {buf, size, 0};
    struct spec s;
    va_list ap;

    va_copy(ap, ap_in);
    while (*fmt) {
        if (*fmt != '%') {
            put(&o, *fmt++);
            continue;
        }
        fmt = parse_spec(fmt + 1, &s, &ap);
        switch (s.conv) {
        case 'd':
        case 'i': {
            intmax_t v = get_signed(s.length, &ap);
            put_integer(&o, &s, v < 0 ? -(uintmax_t)v : (uintmax_t)v, v < 0);
            break;
        }
        case 'u':
        case 'o':
        case 'x':
        case 'X':
            put_integer(&o, &s, get_unsigned(s.length, &ap), 0);
            break;
        case 'p': {
            void *ptr = va_arg(ap, void *);
            if (ptr) {
                put_integer(&o, &s, (uintptr_t)ptr, 0);
            } else {
                s.precision = -1;
                put_string(&o, &s, "(nil)", 5);
            }
            break;
        }
        case 'c': {
            char c = (char)va_arg(ap, int);
            put_string(&o, &s, &c, 1);
            break;
        }
        case 's': {
            const char *str = va_arg(ap, const char *);
            int len = 0;
            if (!str)
                str = (s.precision < 0 || s.precision >= 6) ? "(null)" : "";
            while (str[len] && (s.precision < 0 || len < s.precision))
                len++;
            put_string(&o, &s, str, len);
            break;
        }
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'G': {
#ifdef FORMAT_FLOAT
            struct format_float_spec fs = {s.flags, s.width, s.precision,
                                           s.length == L_LDOUBLE, s.conv};
            format_float((struct format_out *)&o, &fs, &ap);
            break;
#else
            put(&o, '?');
            goto done;
#endif
        }
        case '%':
            put(&o, '%');
            break;
        case '\0':
            break; /* a lone '%' at the end prints nothing */
        default:
            put(&o, '%'); /* unknown conversion: show it as written */
            put(&o, s.conv);
            break;
        }
    }
#ifndef FORMAT_FLOAT
done:
#endif
    va_end(ap);
    if (size)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
