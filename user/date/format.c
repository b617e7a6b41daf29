/*
 * format.c - date's output formats (see date.h).
 *
 * A conversion is "%", then flags, a width, colons (for %z) and a letter.
 * The letter's text comes from strftime, or from here for what strftime
 * lacks (%s %N %P %k %l %q and the colon forms of %z). Numbers are then
 * re-padded: each has a default width and pad character (0, or a space
 * for %e %k %l), which the flags change ("-" no padding, "_" spaces, "0"
 * zeros) and the width overrides; text is padded with spaces (zeros with
 * "0") to the width. "^" makes text upper case; "#" swaps case where GNU
 * does (upper case names, lower case %p and %Z). An unknown conversion is
 * printed as it was written.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

#define TEXT_MAX 256

/* A numeric conversion and its default width and pad; 0 for text. */
static int numeric(char c, int *width, char *pad)
{
    static const char letters[] = "CdegGHIjklmMNqsSuUVwWyY";
    static const int widths[] = {2, 2, 2, 2, 4, 2, 2, 3, 2, 2, 2, 2, 9, 1, 1, 2, 1, 2, 2, 1, 2, 2, 4};
    const char *at = strchr(letters, c);

    if (!c || !at)
        return 0;
    *width = widths[at - letters];
    *pad = (c == 'e' || c == 'k' || c == 'l') ? ' ' : '0';
    if (c == 's' || c == 'Y' || c == 'G')
        *width = 1; /* GNU does not pad these by default */
    return 1;
}

/* The UTC offset as +hh, +hhmm, +hh:mm or +hh:mm:ss (colons: 0..3; 3 = shortest exact). */
static void format_offset(char *buf, size_t size, long off, int colons)
{
    char sign = off < 0 ? '-' : '+';
    long a = off < 0 ? -off : off, h = a / 3600, m = a / 60 % 60, s = a % 60;

    if (colons == 0)
        snprintf(buf, size, "%c%02ld%02ld", sign, h, m);
    else if (colons == 1 || (colons == 3 && s == 0 && m != 0))
        snprintf(buf, size, "%c%02ld:%02ld", sign, h, m);
    else if (colons == 2 || s != 0)
        snprintf(buf, size, "%c%02ld:%02ld:%02ld", sign, h, m, s);
    else
        snprintf(buf, size, "%c%02ld", sign, h);
}

/* The text of conversion c (colons for %z) into buf; 0, or -1 if c is unknown. */
static int convert(char c, int colons, int width, time_t t, long ns, const struct tm *tm,
                   char *buf, size_t size)
{
    char spec[4] = {'%', c, '\0', '\0'};

    if (colons && c != 'z')
        return -1;
    switch (c) {
    case 's': snprintf(buf, size, "%lld", (long long)t); return 0;
    case 'N': {
        /* The width is a precision: the first digits of the nanoseconds. */
        snprintf(buf, size, "%09ld", ns);
        if (width > 0 && width < 9)
            buf[width] = '\0';
        return 0;
    }
    case 'P': strftime(buf, size, "%p", tm); for (char *p = buf; *p; p++) *p = (char)tolower((unsigned char)*p); return 0;
    case 'k': snprintf(buf, size, "%d", tm->tm_hour); return 0;
    case 'l': snprintf(buf, size, "%d", tm->tm_hour % 12 ? tm->tm_hour % 12 : 12); return 0;
    case 'q': snprintf(buf, size, "%d", tm->tm_mon / 3 + 1); return 0;
    case 'z': format_offset(buf, size, tm->tm_gmtoff, colons); return 0;
    case '%': snprintf(buf, size, "%%"); return 0;
    }
    if (!strchr("aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYZ", c) || !c)
        return -1;
    if (strftime(buf, size, spec, tm) == 0)
        buf[0] = '\0';
    return 0;
}

/* Pad or re-pad text per the flags and width, then change its case. */
static void shape(char *text, size_t size, char c, char flag, int upper, int swap, int width)
{
    char body[TEXT_MAX], padc;
    int dflt_width, is_num = numeric(c, &dflt_width, &padc) && c != 'N';
    const char *digits = text;
    size_t len;
    int neg = 0;

    if (is_num) {
        while (*digits == ' ' || (*digits == '0' && isdigit((unsigned char)digits[1])))
            digits++;
        if (*digits == '-') {
            neg = 1;
            digits++;
            while (*digits == '0' && isdigit((unsigned char)digits[1]))
                digits++;
        }
    } else {
        dflt_width = 0;
        padc = ' ';
    }
    if (flag == '_')
        padc = ' ';
    else if (flag == '0')
        padc = '0';
    if (width < 0)
        width = flag == '-' ? 0 : dflt_width;
    if (flag == '-')
        width = 0;
    len = strlen(digits) + (size_t)neg;
    body[0] = '\0';
    {
        size_t at = 0;
        if (neg && padc == '0')
            body[at++] = '-';
        for (size_t i = len; (int)i < width && at < sizeof body - 1; i++)
            body[at++] = padc;
        if (neg && padc != '0')
            body[at++] = '-';
        body[at] = '\0';
        strncat(body, digits, sizeof body - at - 1);
    }
    for (char *p = body; *p; p++) {
        if (upper)
            *p = (char)toupper((unsigned char)*p);
        else if (swap)
            *p = (char)((c == 'p' || c == 'Z') ? tolower((unsigned char)*p)
                                                : toupper((unsigned char)*p));
    }
    snprintf(text, size, "%s", body);
}

int date_format(FILE *out, const char *fmt, time_t t, long ns, const struct tm *tm)
{
    for (const char *p = fmt; *p; p++) {
        const char *start = p;
        char text[TEXT_MAX], flag = 0;
        int width = -1, colons = 0, upper = 0, swap = 0;

        if (*p != '%') {
            putc(*p, out);
            continue;
        }
        for (p++; *p && strchr("-_0^#", *p); p++) {
            if (*p == '^')
                upper = 1;
            else if (*p == '#')
                swap = 1;
            else
                flag = *p;
        }
        if (isdigit((unsigned char)*p)) {
            width = 0;
            while (isdigit((unsigned char)*p) && width < TEXT_MAX - 2)
                width = width * 10 + (*p++ - '0');
            while (isdigit((unsigned char)*p))
                p++;
        }
        while (*p == ':' && colons < 3) {
            colons++;
            p++;
        }
        if (*p == 'E' || *p == 'O') /* alternative forms: the C locale has none */
            p++;
        if (convert(*p, colons, width, t, ns, tm, text, sizeof text) < 0) {
            /* unknown: print it as written ("%" alone at the end stays "%") */
            fwrite(start, 1, (size_t)(p - start) + (*p ? 1 : 0), out);
            if (!*p)
                break;
            continue;
        }
        shape(text, sizeof text, *p, flag, upper, swap, *p == 'N' ? -1 : width);
        fputs(text, out);
    }
    return ferror(out) ? -1 : 0;
}
