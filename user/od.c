/*
 * od.c - dump files in octal, decimal, hexadecimal or as characters:
 *
 *     od [-bcdiosvx] [-A d|o|x|n] [-t TYPE]... [-j SKIP] [-N COUNT] [-w[WIDTH]] [FILE...]
 *
 * The files are read as one stream, WIDTH (16) bytes per line, each line
 * starting with its offset in the -A radix (octal by default; n for none).
 * Every -t TYPE adds one row per line: a letter (d signed decimal, u
 * unsigned, o octal, x hexadecimal, c characters with C escapes, a named
 * characters) and a size in bytes for the numbers (1, 2, 4 or 8, or C S I
 * L; 4 when left out), read in the machine's (little-endian) order. The
 * default is -t o2; -b -c -d -i -o -s -x are the traditional o1 c u2 d4 o2
 * d2 x2. A line equal to the one before prints as a single "*" unless -v.
 * -j skips SKIP bytes first, -N dumps at most COUNT; both take 0x and 0
 * prefixes and the suffixes b (512), k (1024), m (1024 * 1024).
 *
 * The layout is GNU od's: each type prints its values right-aligned in a
 * field as wide as its widest value plus a space, and when the types of a
 * line need different widths the narrower rows are padded (the padding
 * spread over the fields) so that the columns line up.
 */
#include <err.h>
#include <stdint.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OD_MAX_TYPES 16
#define OD_MAX_WIDTH 256

enum od_kind { OD_SIGNED, OD_UNSIGNED, OD_OCTAL, OD_HEX, OD_CHAR, OD_NAMED };

struct od_type {
    enum od_kind kind;
    int size;  /* bytes per value */
    int width; /* characters per value, with the space before it */
    int pad;   /* extra spaces spread over a full line's fields */
};

static struct od_type types[OD_MAX_TYPES];
static int ntypes;
static int address_radix = 'o';
static int bytes_per_line = 16;

/* Input: the operands read one after another as one stream. */
static struct input_chain input;

static const char *const ascii_names[33] = {
    "nul", "soh", "stx", "etx", "eot", "enq", "ack", "bel", "bs", "ht", "nl",
    "vt",  "ff",  "cr",  "so",  "si",  "dle", "dc1", "dc2", "dc3", "dc4", "nak",
    "syn", "etb", "can", "em",  "sub", "esc", "fs",  "gs",  "rs",  "us",  "sp",
};

static void usage(void)
{
    fprintf(stderr, "usage: od [-bcdiosvx] [-A d|o|x|n] [-t TYPE]... [-j SKIP] [-N COUNT] "
                    "[-w[WIDTH]] [FILE...]\n");
    exit(1);
}

/* A byte count for the options: decimal, 0x, 0 octal, with b/k/m suffixes. */
static uint64_t parse_count(const char *s)
{
    uint64_t v;

    if (parse_size(s, 0, "bkKmM", &v, NULL) < 0)
        errx(1, "invalid number '%s'", s);
    return v;
}

/* Digits of the widest value of a kind and size, plus the space before it. */
static int field_width(enum od_kind kind, int size)
{
    static const int octal[9] = { 0, 3, 6, 0, 11, 0, 0, 0, 22 };
    static const int udec[9] = { 0, 3, 5, 0, 10, 0, 0, 0, 20 };
    static const int sdec[9] = { 0, 4, 6, 0, 11, 0, 0, 0, 20 };

    switch (kind) {
    case OD_SIGNED: return sdec[size] + 1;
    case OD_UNSIGNED: return udec[size] + 1;
    case OD_OCTAL: return octal[size] + 1;
    case OD_HEX: return 2 * size + 1;
    default: return 4;
    }
}

static void add_type(enum od_kind kind, int size)
{
    if (ntypes == OD_MAX_TYPES)
        errx(1, "too many types");
    types[ntypes].kind = kind;
    types[ntypes].size = size;
    types[ntypes].width = field_width(kind, size);
    ntypes++;
}

/* Parse a -t argument, which may hold several types ("x1c"). */
static void parse_types(const char *s)
{
    const char *start = s;

    while (*s) {
        enum od_kind kind;
        int size = 4;

        switch (*s++) {
        case 'a': add_type(OD_NAMED, 1); continue;
        case 'c': add_type(OD_CHAR, 1); continue;
        case 'd': kind = OD_SIGNED; break;
        case 'u': kind = OD_UNSIGNED; break;
        case 'o': kind = OD_OCTAL; break;
        case 'x': kind = OD_HEX; break;
        default: errx(1, "invalid type string '%s'", start);
        }
        if (*s == 'C') {
            size = 1, s++;
        } else if (*s == 'S') {
            size = 2, s++;
        } else if (*s == 'I') {
            size = 4, s++;
        } else if (*s == 'L') {
            size = 8, s++;
        } else if (*s >= '0' && *s <= '9') {
            size = (int)strtol(s, (char **)&s, 10);
            if (size != 1 && size != 2 && size != 4 && size != 8)
                errx(1, "invalid type string '%s';\nthis system doesn't provide a %d-byte "
                        "integral type", start, size);
        }
        add_type(kind, size);
    }
}

static void print_address(uint64_t offset)
{
    switch (address_radix) {
    case 'o': printf("%07llo", (unsigned long long)offset); break;
    case 'd': printf("%07llu", (unsigned long long)offset); break;
    case 'x': printf("%06llx", (unsigned long long)offset); break;
    }
}

static int address_width(void)
{
    return address_radix == 'n' ? 0 : address_radix == 'x' ? 6 : 7;
}

/* One value of type t from bytes p, into buf, without padding. */
static void format_value(const struct od_type *t, const unsigned char *p, char *buf)
{
    uint64_t v = 0;
    int c = p[0];

    for (int i = t->size - 1; i >= 0; i--)
        v = v << 8 | p[i];
    switch (t->kind) {
    case OD_SIGNED: {
        int shift = 64 - 8 * t->size;
        int64_t s = (int64_t)(v << shift) >> shift;
        sprintf(buf, "%lld", (long long)s);
        break;
    }
    case OD_UNSIGNED:
        sprintf(buf, "%llu", (unsigned long long)v);
        break;
    case OD_OCTAL:
        sprintf(buf, "%0*llo", field_width(t->kind, t->size) - 1, (unsigned long long)v);
        break;
    case OD_HEX:
        sprintf(buf, "%0*llx", 2 * t->size, (unsigned long long)v);
        break;
    case OD_CHAR: {
        static const char escapes[][2] = {
            ['\0'] = "0", ['\a'] = "a", ['\b'] = "b", ['\f'] = "f",
            ['\n'] = "n", ['\r'] = "r", ['\t'] = "t", ['\v'] = "v",
        };
        if (c < (int)sizeof(escapes) / 2 && escapes[c][0])
            sprintf(buf, "\\%c", escapes[c][0]);
        else if (c >= 32 && c < 127)
            sprintf(buf, "%c", c);
        else
            sprintf(buf, "%03o", c);
        break;
    }
    case OD_NAMED:
        c &= 0x7f;
        if (c <= 32)
            strcpy(buf, ascii_names[c]);
        else if (c == 127)
            strcpy(buf, "del");
        else
            sprintf(buf, "%c", c);
        break;
    }
}

/* Print one row: the values of line[0..len) as type t (a partial value is zero-filled). */
static void print_row(const struct od_type *t, const unsigned char *line, int len)
{
    int fields = bytes_per_line / t->size, pad = t->pad;
    char value[32];

    /* Field i gets the part of the padding between i/fields and (i+1)/fields of it. */
    for (int i = 0; i < fields && i * t->size < len; i++) {
        int extra = pad * (fields - i) / fields - pad * (fields - i - 1) / fields;
        format_value(t, line + i * t->size, value);
        printf("%*s", t->width + extra, value);
    }
    putchar('\n');
}

static void print_line(uint64_t offset, unsigned char *line, int len)
{
    for (int i = 0; i < ntypes; i++) {
        if (i == 0)
            print_address(offset);
        else
            printf("%*s", address_width(), "");
        print_row(&types[i], line, len);
    }
}

int main(int argc, char **argv)
{
    static unsigned char line[OD_MAX_WIDTH + 8], prev[OD_MAX_WIDTH];
    uint64_t skip = 0, limit = UINT64_MAX, offset;
    int verbose = 0, c, have_prev = 0, starred = 0, max_line_width = 0;

    while ((c = getopt(argc, argv, "A:bcdij:N:ost:vw::x")) != -1) {
        switch (c) {
        case 'A':
            if (strlen(optarg) != 1 || !strchr("doxn", optarg[0]))
                errx(1, "invalid output address radix '%s'; it must be one character from "
                        "[doxn]", optarg);
            address_radix = optarg[0];
            break;
        case 'b': add_type(OD_OCTAL, 1); break;
        case 'c': add_type(OD_CHAR, 1); break;
        case 'd': add_type(OD_UNSIGNED, 2); break;
        case 'i': add_type(OD_SIGNED, 4); break;
        case 'o': add_type(OD_OCTAL, 2); break;
        case 's': add_type(OD_SIGNED, 2); break;
        case 'x': add_type(OD_HEX, 2); break;
        case 'j': skip = parse_count(optarg); break;
        case 'N': limit = parse_count(optarg); break;
        case 't': parse_types(optarg); break;
        case 'v': verbose = 1; break;
        case 'w':
            bytes_per_line = optarg ? (int)parse_count(optarg) : 32;
            if (bytes_per_line < 1 || bytes_per_line > OD_MAX_WIDTH)
                errx(1, "invalid -w argument '%s'", optarg);
            break;
        default:
            usage();
        }
    }
    if (ntypes == 0)
        add_type(OD_OCTAL, 2);
    for (int i = 0; i < ntypes; i++)
        if (bytes_per_line % types[i].size)
            errx(1, "width %d is not a multiple of the type sizes", bytes_per_line);
    for (int i = 0; i < ntypes; i++) {
        int w = bytes_per_line / types[i].size * types[i].width;
        if (w > max_line_width)
            max_line_width = w;
    }
    for (int i = 0; i < ntypes; i++)
        types[i].pad = max_line_width - bytes_per_line / types[i].size * types[i].width;

    input.names = argv + optind;
    input.count = argc - optind;

    for (offset = 0; offset < skip; offset++) {
        if (chain_getc(&input) == EOF) {
            errx(1, "cannot skip past end of combined input");
        }
    }
    for (;;) {
        int len = 0;

        while (len < bytes_per_line && offset - skip + (uint64_t)len < limit) {
            int b = chain_getc(&input);
            if (b == EOF)
                break;
            line[len++] = (unsigned char)b;
        }
        if (len == 0)
            break;
        memset(line + len, 0, 8); /* zero-fill a partial last value */
        if (!verbose && have_prev && len == bytes_per_line &&
            memcmp(line, prev, (size_t)len) == 0) {
            if (!starred)
                puts("*");
            starred = 1;
        } else {
            print_line(offset, line, len);
            starred = 0;
        }
        memcpy(prev, line, (size_t)len);
        have_prev = len == bytes_per_line;
        offset += (uint64_t)len;
        if (len < bytes_per_line)
            break;
    }
    if (address_radix != 'n') {
        print_address(offset);
        putchar('\n');
    }
    return input.failed;
}
