/*
 * hexdump.c - display file contents in hexadecimal, decimal, octal or ASCII:
 *
 *     hexdump [-bcCdovx] [-n LENGTH] [-s OFFSET] [FILE...]
 *
 * The files are read as one stream, 16 bytes per line, each line starting
 * with its offset in hexadecimal. Without a format option the line holds
 * eight 16-bit little-endian words in hexadecimal ("%04x"). -C is the
 * canonical form: the offset in eight digits, sixteen bytes in two groups of
 * eight, and the printable bytes between bars. -b, -c, -d, -o and -x print
 * one-byte octal, characters, two-byte decimal, octal and hexadecimal;
 * several options print several lines per block. A partial last line is
 * padded with blanks to the full width, as BSD and util-linux hexdump do.
 * A block equal to the one before prints as "*" unless -v. -s skips OFFSET
 * bytes (0x and 0 prefixes, suffixes b k m), -n dumps at most LENGTH.
 */
#include <err.h>
#include <stdint.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HD_LINE 16
#define HD_MAX_FORMATS 8

enum hd_format { HD_DEFAULT, HD_CANONICAL, HD_OCTAL1, HD_CHAR, HD_DECIMAL2, HD_OCTAL2, HD_HEX2 };

static enum hd_format formats[HD_MAX_FORMATS];
static int nformats;

static struct input_chain input;

static void usage(void)
{
    fprintf(stderr, "usage: hexdump [-bcCdovx] [-n LENGTH] [-s OFFSET] [FILE...]\n");
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

/* One byte as -c shows it, right-aligned in 3 columns. */
static void print_char(int c)
{
    static const char escapes[][2] = {
        ['\0'] = "0", ['\a'] = "a", ['\b'] = "b", ['\f'] = "f",
        ['\n'] = "n", ['\r'] = "r", ['\t'] = "t", ['\v'] = "v",
    };

    if (c < (int)sizeof(escapes) / 2 && escapes[c][0])
        printf("  \\%c", escapes[c][0]);
    else if (c >= 32 && c < 127)
        printf("   %c", c);
    else
        printf(" %03o", c);
}

/* One line of format f for line[0..len) at offset. */
static void print_line(enum hd_format f, uint64_t offset, const unsigned char *line, int len)
{
    int i;

    if (f == HD_CANONICAL) {
        printf("%08llx ", (unsigned long long)offset);
        for (i = 0; i < HD_LINE; i++) {
            if (i % 8 == 0)
                putchar(' ');
            if (i < len)
                printf("%02x ", line[i]);
            else
                fputs("   ", stdout);
        }
        fputs(" |", stdout);
        for (i = 0; i < len; i++)
            putchar(line[i] >= 32 && line[i] < 127 ? line[i] : '.');
        puts("|");
        return;
    }
    printf("%07llx", (unsigned long long)offset);
    for (i = 0; i < HD_LINE; i += (f == HD_OCTAL1 || f == HD_CHAR) ? 1 : 2) {
        unsigned word = line[i] | (unsigned)line[i + 1] << 8;

        if (i >= len) {
            static const char *const blanks[] = {
                [HD_DEFAULT] = "     ", [HD_OCTAL1] = "    ", [HD_CHAR] = "    ",
                [HD_DECIMAL2] = "        ", [HD_OCTAL2] = "        ", [HD_HEX2] = "        ",
            };
            fputs(blanks[f], stdout);
            continue;
        }
        switch (f) {
        case HD_DEFAULT: printf(" %04x", word); break;
        case HD_OCTAL1: printf(" %03o", line[i]); break;
        case HD_CHAR: print_char(line[i]); break;
        case HD_DECIMAL2: printf("   %05u", word); break;
        case HD_OCTAL2: printf("  %06o", word); break;
        case HD_HEX2: printf("    %04x", word); break;
        case HD_CANONICAL: break;
        }
    }
    putchar('\n');
}

static void add_format(enum hd_format f)
{
    if (nformats < HD_MAX_FORMATS)
        formats[nformats++] = f;
}

int main(int argc, char **argv)
{
    unsigned char line[HD_LINE + 2], prev[HD_LINE];
    uint64_t skip = 0, limit = UINT64_MAX, offset = 0;
    int verbose = 0, c, have_prev = 0, starred = 0;

    while ((c = getopt(argc, argv, "bcCdn:os:vx")) != -1) {
        switch (c) {
        case 'b': add_format(HD_OCTAL1); break;
        case 'c': add_format(HD_CHAR); break;
        case 'C': add_format(HD_CANONICAL); break;
        case 'd': add_format(HD_DECIMAL2); break;
        case 'o': add_format(HD_OCTAL2); break;
        case 'x': add_format(HD_HEX2); break;
        case 'n': limit = parse_count(optarg); break;
        case 's': skip = parse_count(optarg); break;
        case 'v': verbose = 1; break;
        default: usage();
        }
    }
    if (nformats == 0)
        add_format(HD_DEFAULT);
    input.names = argv + optind;
    input.count = argc - optind;

    while (offset < skip && chain_getc(&input) != EOF)
        offset++;
    for (;;) {
        int len = 0;

        while (len < HD_LINE && (uint64_t)len < limit) {
            int b = chain_getc(&input);
            if (b == EOF)
                break;
            line[len++] = (unsigned char)b;
        }
        limit -= (uint64_t)len;
        if (len == 0)
            break;
        line[len] = line[len + 1] = 0; /* a partial last word reads as zero-filled */
        if (!verbose && have_prev && len == HD_LINE && memcmp(line, prev, HD_LINE) == 0) {
            if (!starred)
                puts("*");
            starred = 1;
        } else {
            for (int i = 0; i < nformats; i++)
                print_line(formats[i], offset, line, len);
            starred = 0;
        }
        memcpy(prev, line, (size_t)len);
        have_prev = len == HD_LINE;
        offset += (uint64_t)len;
        if (len < HD_LINE)
            break;
    }
    if (input.opened == 0) {
        if (input.failed)
            errx(1, "all input file arguments failed");
        return input.failed;
    }
    if (offset > 0)
        printf(formats[0] == HD_CANONICAL ? "%08llx\n" : "%07llx\n", (unsigned long long)offset);
    return input.failed;
}
