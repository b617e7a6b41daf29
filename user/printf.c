/*
 * printf.c - format and print data (the POSIX printf utility):
 *
 *     printf FORMAT [ARGUMENT...]
 *
 * FORMAT is printed with its backslash escapes (\\ \" \a \b \c \e \f \n \r
 * \t \v, \NNN octal, \xHH hexadecimal; \c ends all output; as in GNU printf,
 * \' is no escape and prints as it is) and conversions
 * %d %i %o %u %x %X %c %s %b %f %F %e %E %g %G and %%, with flags
 * (- + space # 0), a width and a precision, either of which may be '*' (taken
 * from the next argument). %b prints its argument with escapes interpreted
 * (octal as \0NNN). The format is used again while arguments remain; missing
 * arguments read as 0 or "".
 *
 * A numeric argument may be decimal, 0x hexadecimal, 0 octal, or a quote
 * followed by a character (its code). One that is not a number, or not
 * wholly one, is reported, counts as what could be read, and makes the exit
 * status 1; the output goes on, as in GNU printf.
 */
#include <err.h>
#include <errno.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int status;
static char **args;
static int nargs;
static int used_arg; /* an argument was consumed in this pass over the format */

static const char *next_arg(void)
{
    if (nargs == 0)
        return NULL;
    nargs--;
    used_arg = 1;
    return *args++;
}

/* Report arg if conversion stopped short of its end, or overflowed. */
static void check_number(const char *arg, const char *end)
{
    if (errno == ERANGE) {
        warnx("'%s': %s", arg, strerror(ERANGE));
        status = 1;
    } else if (end == arg) {
        warnx("'%s': expected a numeric value", arg);
        status = 1;
    } else if (*end) {
        warnx("'%s': value not completely converted", arg);
        status = 1;
    }
}

/* A quoted character: "'a" is 97. Returns 1 and sets *v when arg is one. */
static int quoted_char(const char *arg, long long *v)
{
    if (arg[0] != '\'' && arg[0] != '"')
        return 0;
    *v = (unsigned char)arg[1];
    if (arg[1] == '\0') {
        warnx("'%s': expected a numeric value", arg);
        status = 1;
    }
    return 1;
}

static long long arg_signed(void)
{
    const char *arg = next_arg();
    long long v;
    char *end;

    if (!arg || !*arg)
        return 0;
    if (quoted_char(arg, &v))
        return v;
    errno = 0;
    v = strtoll(arg, &end, 0);
    check_number(arg, end);
    return v;
}

static unsigned long long arg_unsigned(void)
{
    const char *arg = next_arg();
    unsigned long long v;
    long long q;
    char *end;

    if (!arg || !*arg)
        return 0;
    if (quoted_char(arg, &q))
        return (unsigned long long)q;
    errno = 0;
    v = strtoull(arg, &end, 0);
    check_number(arg, end);
    return v;
}

static double arg_double(void)
{
    const char *arg = next_arg();
    long long q;
    double v;
    char *end;

    if (!arg || !*arg)
        return 0;
    if (quoted_char(arg, &q))
        return (double)q;
    errno = 0;
    v = strtod(arg, &end);
    if (errno == ERANGE && v == 0)
        errno = 0; /* underflow to zero is not worth a complaint */
    check_number(arg, end);
    return v;
}

/*
 * Print the escape at s (just after the backslash); returns how many bytes it
 * used, or -1 for \c. In %b arguments (in_arg) octal escapes may also be
 * \0NNN.
 */
static int print_escape(const char *s, int in_arg)
{
    const char *p = s;
    int c = parse_escape(&p, ESCAPE_DQUOTE | ESCAPE_OCTAL | (in_arg ? ESCAPE_OCTAL_0 : 0));

    if (c == ESCAPE_STOP)
        return -1;
    if (c == ESCAPE_NONE) {
        if (*s == 'x')
            errx(1, "missing hexadecimal number in escape");
        /* Not an escape: the backslash and the character as they are. */
        putchar('\\');
        if (*s == '\0')
            return 0;
        putchar(*s);
        return 1;
    }
    putchar(c);
    return (int)(p - s);
}

/* %b: print arg with its escapes; returns -1 when \c ended the output. */
static int print_b(const char *arg)
{
    while (*arg) {
        if (*arg == '\\') {
            int n = print_escape(arg + 1, 1);
            if (n < 0)
                return -1;
            arg += 1 + n;
        } else {
            putchar(*arg++);
        }
    }
    return 0;
}

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

/*
 * Print one conversion. spec is "%<flags><width><.prec>" with any '*'
 * already replaced by numbers; conv the conversion letter. Returns -1 when
 * the output must end (\c in %b).
 */
static int print_conversion(char *spec, size_t len, int conv)
{
    const char *s;

    switch (conv) {
    case 'd':
    case 'i':
        strcpy(spec + len, "lld");
        printf(spec, arg_signed());
        break;
    case 'o':
    case 'u':
    case 'x':
    case 'X':
        spec[len] = 'l';
        spec[len + 1] = 'l';
        spec[len + 2] = (char)conv;
        spec[len + 3] = '\0';
        printf(spec, arg_unsigned());
        break;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
        spec[len] = (char)conv;
        spec[len + 1] = '\0';
        printf(spec, arg_double());
        break;
    case 'c':
        s = next_arg();
        strcpy(spec + len, "c");
        printf(spec, s ? *s : '\0');
        break;
    case 's':
        s = next_arg();
        strcpy(spec + len, "s");
        printf(spec, s ? s : "");
        break;
    case 'b':
        s = next_arg();
        return print_b(s ? s : "");
    }
    return 0;
}

/*
 * One pass over the format. Returns 0 to go on, -1 when the output must end,
 * -2 on an invalid conversion.
 */
static int print_format(const char *fmt)
{
    char spec[64];

    while (*fmt) {
        const char *start = fmt;
        size_t len;
        int n;

        if (*fmt == '\\') {
            n = print_escape(fmt + 1, 0);
            if (n < 0)
                return -1;
            fmt += 1 + n;
            continue;
        }
        if (*fmt != '%') {
            putchar(*fmt++);
            continue;
        }
        if (fmt[1] == '%') {
            putchar('%');
            fmt += 2;
            continue;
        }
        /* Build the spec, reading '*' values from the arguments. */
        spec[0] = '%';
        len = 1;
        fmt++;
        while (*fmt && strchr("-+ #0", *fmt) && len < 8)
            spec[len++] = *fmt++;
        while (*fmt && strchr("-+ #0", *fmt))
            fmt++;
        for (int part = 0; part < 2; part++) {
            if (part == 1) {
                if (*fmt != '.')
                    break;
                spec[len++] = *fmt++;
            }
            if (*fmt == '*') {
                long long v = arg_signed();
                if (v > 1000000 || v < -1000000)
                    v = v < 0 ? -1000000 : 1000000;
                if (part == 1 && v < 0)
                    len--; /* a negative precision is no precision: drop the '.' */
                else
                    len += (size_t)snprintf(spec + len, sizeof(spec) - len, "%lld", v);
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9') {
                    if (len < 40)
                        spec[len++] = *fmt;
                    fmt++;
                }
            }
        }
        fmt += strspn(fmt, "hlLqjzt");
        /* %b takes no flags, width or precision. */
        if (*fmt == '\0' || !strchr("diouxXfFeEgGcsb", *fmt) || (*fmt == 'b' && len > 1)) {
            int shown = (int)(fmt - start) + (*fmt ? 1 : 0);
            warnx("%.*s: invalid conversion specification", shown, start);
            return -2;
        }
        spec[len] = '\0';
        if (print_conversion(spec, len, *fmt) < 0)
            return -1;
        fmt++;
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *format;

    if (argc < 2) {
        warnx("missing operand");
        fprintf(stderr, "usage: printf FORMAT [ARGUMENT...]\n");
        return 1;
    }
    format = argv[1];
    if (strcmp(format, "--") == 0 && argc > 2) {
        format = argv[2];
        argv++;
        argc--;
    }
    args = argv + 2;
    nargs = argc - 2;
    do {
        int r;

        used_arg = 0;
        r = print_format(format);
        if (r == -1)
            return status; /* \c: no more output, and no complaint about what is left */
        if (r == -2)
            return 1;
    } while (nargs > 0 && used_arg);
    if (nargs > 0)
        warnx("warning: ignoring excess arguments, starting with '%s'", *args);
    return status;
}
