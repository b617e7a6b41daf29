/*
 * wc.c - count lines, words and bytes:
 *
 *     wc [-clmwL] [FILE...]
 *
 * -l lines (newlines), -w words, -c bytes, -m characters (bytes, in the C
 * locale), -L the width of the longest line; without options -lwc. A word
 * is a run of printable characters between white space; other bytes (control
 * characters, bytes above 127) neither make nor end a word, as in GNU wc.
 * With more than one file a "total" line follows.
 *
 * The columns line up as GNU wc lines them up: each number is right-aligned
 * in a width that fits the sum of the sizes of the regular files, and at
 * least 7 wide when an input is not a regular file (its size is unknown);
 * a single count of a single input is printed without padding.
 */
#include <ctype.h>
#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define WC_BUF_SIZE 65536

struct counts {
    uint64_t lines, words, chars, bytes, max_line;
};

static int opt_lines, opt_words, opt_chars, opt_bytes, opt_max_line;
static int width;

/* Count fd's bytes into c; returns -1 on a read error. */
static int count_fd(int fd, struct counts *c)
{
    static char buf[WC_BUF_SIZE];
    uint64_t line_width = 0;
    int in_word = 0;
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        c->bytes += (uint64_t)n;
        for (ssize_t i = 0; i < n; i++) {
            int ch = (unsigned char)buf[i];

            if (isspace(ch)) {
                if (in_word)
                    c->words++;
                in_word = 0;
                if (ch == '\n' || ch == '\r' || ch == '\f') {
                    if (ch == '\n')
                        c->lines++;
                    if (line_width > c->max_line)
                        c->max_line = line_width;
                    line_width = 0;
                } else if (ch == '\t') {
                    line_width += 8 - line_width % 8;
                } else if (ch == ' ') {
                    line_width++;
                }
            } else if (isprint(ch)) {
                in_word = 1;
                line_width++;
            }
        }
    }
    if (in_word)
        c->words++;
    if (line_width > c->max_line)
        c->max_line = line_width;
    c->chars = c->bytes;
    return n < 0 ? -1 : 0;
}

static void print_counts(const struct counts *c, const char *name)
{
    const char *sep = "";

    if (opt_lines) {
        printf("%s%*llu", sep, width, (unsigned long long)c->lines);
        sep = " ";
    }
    if (opt_words) {
        printf("%s%*llu", sep, width, (unsigned long long)c->words);
        sep = " ";
    }
    if (opt_chars) {
        printf("%s%*llu", sep, width, (unsigned long long)c->chars);
        sep = " ";
    }
    if (opt_bytes) {
        printf("%s%*llu", sep, width, (unsigned long long)c->bytes);
        sep = " ";
    }
    if (opt_max_line)
        printf("%s%*llu", sep, width, (unsigned long long)c->max_line);
    if (name)
        printf(" %s", name);
    putchar('\n');
}

/* The column width (see the header): from the inputs' sizes before any is read. */
static int column_width(char **names, int n)
{
    uint64_t regular_total = 0;
    int min_width = 1, w = 1;

    if (n == 1 && opt_lines + opt_words + opt_chars + opt_bytes + opt_max_line == 1)
        return 1;
    for (int i = 0; i < n; i++) {
        struct stat st;
        int r = strcmp(names[i], "-") == 0 ? fstat(STDIN_FILENO, &st) : stat(names[i], &st);

        if (r < 0)
            continue;
        if (S_ISREG(st.st_mode))
            regular_total += st.st_size;
        else
            min_width = 7;
    }
    for (; regular_total >= 10; regular_total /= 10)
        w++;
    return w < min_width ? min_width : w;
}

int main(int argc, char **argv)
{
    struct counts total = { 0 };
    int c, i, status = 0, named = 1;

    while ((c = getopt(argc, argv, "clmwL")) != -1) {
        switch (c) {
        case 'c': opt_bytes = 1; break;
        case 'l': opt_lines = 1; break;
        case 'm': opt_chars = 1; break;
        case 'w': opt_words = 1; break;
        case 'L': opt_max_line = 1; break;
        default:
            fprintf(stderr, "usage: wc [-clmwL] [FILE...]\n");
            return 1;
        }
    }
    if (!(opt_lines || opt_words || opt_chars || opt_bytes || opt_max_line))
        opt_lines = opt_words = opt_bytes = 1;
    if (optind == argc) {
        argv[--optind] = "-";
        named = 0;
    }
    width = column_width(argv + optind, argc - optind);

    for (i = optind; i < argc; i++) {
        struct counts counts = { 0 };
        int fd = STDIN_FILENO;

        if (strcmp(argv[i], "-") != 0 && (fd = open(argv[i], O_RDONLY)) < 0) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        if (count_fd(fd, &counts) < 0) {
            warn("%s", argv[i]);
            status = 1;
        }
        if (fd != STDIN_FILENO)
            close(fd);
        print_counts(&counts, named ? argv[i] : NULL);
        total.lines += counts.lines;
        total.words += counts.words;
        total.chars += counts.chars;
        total.bytes += counts.bytes;
        if (counts.max_line > total.max_line)
            total.max_line = counts.max_line;
    }
    if (argc - optind > 1)
        print_counts(&total, "total");
    return status;
}
