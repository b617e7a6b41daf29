/*
 * seq.c - print a sequence of numbers:
 *
 *     seq [-w] [-s SEP] [-f FORMAT] [FIRST [INCR]] LAST
 *
 * FIRST and INCR default to 1. The numbers are FIRST + i * INCR (computed
 * from FIRST each time, so errors do not add up) while they do not pass
 * LAST. Without -f they print with as many decimals as FIRST or INCR has (as
 * GNU seq does: "seq 1 0.5 2" gives 1.0 1.5 2.0); -w pads them with leading
 * zeros to one width, taken from how the arguments are written; -f gives a
 * printf format with one floating conversion (%e %f %g and capitals);
 * -s separates the numbers with SEP instead of a newline. A number just
 * past LAST that prints the same as LAST (a rounding error in the step) is
 * still printed.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEQ_NUM_SIZE 512

/* An argument: its value, its number of decimals (-1 when it has none that
 * can be counted, as in hexadecimal) and the width it is written in. */
struct operand {
    double value;
    int precision;
    int width;
};

static void usage(void)
{
    fprintf(stderr, "usage: seq [-w] [-s SEP] [-f FORMAT] [FIRST [INCR]] LAST\n");
    exit(1);
}

static struct operand parse_operand(const char *arg)
{
    struct operand op;
    const char *dot, *e;
    char *end;

    errno = 0;
    op.value = strtod(arg, &end);
    if (end == arg || *end != '\0')
        errx(1, "invalid floating point argument: '%s'", arg);
    if (op.value != op.value)
        errx(1, "invalid 'not-a-number' argument: '%s'", arg);
    while (*arg == ' ' || *arg == '\t')
        arg++;
    if (*arg == '+') /* not printed, so not counted */
        arg++;
    op.width = (int)strlen(arg);
    op.precision = -1;
    if (strpbrk(arg, "xXnN")) /* hexadecimal, inf, infinity */
        return op;
    dot = strchr(arg, '.');
    e = strpbrk(arg, "eE");
    op.precision = 0;
    if (dot) {
        op.precision = (int)(e ? e - dot - 1 : (long)strlen(dot + 1));
        if (op.precision == 0)
            op.width--; /* "5." prints as "5" */
        else if (dot == arg || dot[-1] < '0' || dot[-1] > '9')
            op.width++; /* ".5" prints as "0.5" */
    }
    if (e) {
        long exponent = strtol(e + 1, NULL, 10);
        op.width -= (int)strlen(e);
        if (exponent < 0) {
            op.precision += (int)-exponent;
            op.width += (int)-exponent + (dot ? 0 : 1);
        } else {
            long shift = exponent < op.precision ? exponent : op.precision;
            op.precision -= (int)shift;
            op.width += (int)(exponent - shift);
            if (dot && op.precision == 0 && shift > 0)
                op.width--; /* the point goes away */
        }
    }
    return op;
}

/* Check that fmt has exactly one floating conversion. */
static void check_format(const char *fmt)
{
    int conversions = 0;

    for (const char *p = fmt; *p; p++) {
        if (*p != '%')
            continue;
        if (p[1] == '%') {
            p++;
            continue;
        }
        p++;
        p += strspn(p, "-+ #0'");
        p += strspn(p, "0123456789");
        if (*p == '.') {
            p++;
            p += strspn(p, "0123456789");
        }
        if (*p == 'L')
            p++;
        if (*p == '\0' || !strchr("eEfFgG", *p))
            errx(1, "format '%s' has unknown %%%c directive", fmt, *p ? *p : ' ');
        conversions++;
    }
    if (conversions == 0)
        errx(1, "format '%s' has no %% directive", fmt);
    if (conversions > 1)
        errx(1, "format '%s' has too many %% directives", fmt);
}

/* Print value through fmt (checked) into buf. An 'L' in fmt is skipped: values are doubles. */
static void format_number(char *buf, const char *fmt, double value)
{
    char plain[256];
    size_t j = 0;

    for (const char *p = fmt; *p && j + 1 < sizeof(plain); p++) {
        if (*p == 'L')
            continue;
        plain[j++] = *p;
    }
    plain[j] = '\0';
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    snprintf(buf, SEQ_NUM_SIZE, plain, value);
#pragma GCC diagnostic pop
}

int main(int argc, char **argv)
{
    const char *separator = "\n", *format = NULL;
    struct operand first = { 1, 0, 1 }, step = { 1, 0, 1 }, last;
    char fmt_buf[64], num[SEQ_NUM_SIZE], prev[SEQ_NUM_SIZE], last_str[SEQ_NUM_SIZE];
    int equal_width = 0, i = 1, nargs;

    /* Options end at the first argument that is not one or is a negative number. */
    for (; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
        const char *a = argv[i];
        if ((a[1] >= '0' && a[1] <= '9') || a[1] == '.')
            break;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        if (strcmp(a, "-w") == 0 || strcmp(a, "--equal-width") == 0) {
            equal_width = 1;
        } else if (a[1] == 's' || a[1] == 'f') {
            const char *value = a[2] ? a + 2 : argv[++i];
            if (!value)
                usage();
            if (a[1] == 's')
                separator = value;
            else
                format = value;
        } else if (strncmp(a, "--separator=", 12) == 0) {
            separator = a + 12;
        } else if (strncmp(a, "--format=", 9) == 0) {
            format = a + 9;
        } else {
            warnx("invalid option -- '%s'", a + 1);
            usage();
        }
    }
    nargs = argc - i;
    if (nargs < 1 || nargs > 3) {
        warnx(nargs < 1 ? "missing operand" : "extra operand '%s'", argv[argc - 1]);
        usage();
    }
    if (nargs >= 2)
        first = parse_operand(argv[i]);
    if (nargs == 3)
        step = parse_operand(argv[i + 1]);
    last = parse_operand(argv[argc - 1]);
    if (step.value == 0)
        errx(1, "invalid Zero increment value: '%s'", argv[i + 1]);
    if (format && equal_width)
        errx(1, "format string may not be specified when printing equal width strings");

    if (format) {
        check_format(format);
    } else {
        int prec = first.precision > step.precision ? first.precision : step.precision;
        if (first.precision < 0 || step.precision < 0 || last.precision < 0) {
            format = "%g";
        } else if (equal_width) {
            /* The widths as the arguments would print with prec decimals. */
            int fw = first.width + (prec - first.precision);
            int lw = last.width + (prec - last.precision);
            if (last.precision > 0 && prec == 0)
                lw--;
            if (last.precision == 0 && prec > 0)
                lw++;
            if (first.precision == 0 && prec > 0)
                fw++;
            snprintf(fmt_buf, sizeof(fmt_buf), "%%0%d.%df", fw > lw ? fw : lw, prec);
            format = fmt_buf;
        } else {
            snprintf(fmt_buf, sizeof(fmt_buf), "%%.%df", prec);
            format = fmt_buf;
        }
    }

    if (step.value > 0 ? first.value > last.value : first.value < last.value)
        return 0;
    format_number(last_str, format, last.value);
    format_number(num, format, first.value);
    for (long long n = 1;; n++) {
        double x;

        fputs(num, stdout);
        x = first.value + (double)n * step.value;
        strcpy(prev, num);
        format_number(num, format, x);
        if (step.value > 0 ? x > last.value : x < last.value) {
            if (strcmp(num, last_str) != 0 || strcmp(num, prev) == 0)
                break;
        }
        fputs(separator, stdout);
    }
    putchar('\n');
    return 0;
}
