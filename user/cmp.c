/*
 * cmp.c - compare two files byte by byte:
 *
 *     cmp [-b] [-l | -s] [-i SKIP1[:SKIP2]] [-n LIMIT] FILE1 [FILE2 [SKIP1 [SKIP2]]]
 *
 * Exit status 0 when the files are the same, 1 when they differ, 2 on
 * trouble. The first difference is reported as "FILE1 FILE2 differ: char N,
 * line M" (the wording POSIX gives for the C locale; -b says "byte" and adds
 * the two bytes); -l lists every differing byte instead, its offset and the
 * two values in octal; -s says nothing. When one file is a prefix of the
 * other, "EOF on FILE after byte N, line M" goes to stderr. SKIP bytes are
 * skipped at the start of each file, LIMIT bytes compared at
 * most. FILE2 defaults to standard input, as does "-".
 */
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: cmp [-b] [-l | -s] [-i SKIP1[:SKIP2]] [-n LIMIT] FILE1 [FILE2 "
                    "[SKIP1 [SKIP2]]]\n");
    exit(2);
}

/* A byte count: decimal, 0x hexadecimal or 0 octal. */
static int64_t parse_offset(const char *s, char **rest)
{
    char *end;
    long long v;

    errno = 0;
    v = strtoll(s, &end, 0);
    if (end == s || v < 0 || errno || (!rest && *end))
        errx(2, "invalid offset '%s'", s);
    if (rest)
        *rest = end;
    return v;
}

/* How a byte looks with -b: as cat -v shows it. */
static const char *show_byte(int c, char buf[8])
{
    char *p = buf;

    if (c >= 128) {
        *p++ = 'M';
        *p++ = '-';
        c -= 128;
    }
    if (c < 32) {
        *p++ = '^';
        c += 64;
    } else if (c == 127) {
        *p++ = '^';
        c = '?';
    }
    *p++ = (char)c;
    *p = '\0';
    return buf;
}

static FILE *open_input(const char *name)
{
    FILE *f = strcmp(name, "-") == 0 ? stdin : fopen(name, "r");

    if (!f)
        err(2, "%s", name);
    return f;
}

static void skip(FILE *f, const char *name, int64_t n)
{
    while (n-- > 0) {
        if (getc(f) == EOF) {
            if (ferror(f))
                err(2, "%s", name);
            return;
        }
    }
}

int main(int argc, char **argv)
{
    int opt_list = 0, opt_silent = 0, opt_bytes = 0, c, differ = 0, width = 1, last = 0;
    int64_t skips[2] = { 0, 0 }, limit = -1, byte = 0, line = 1, max;
    const char *names[2];
    FILE *files[2];
    char *rest;

    while ((c = getopt(argc, argv, "bli:n:s")) != -1) {
        switch (c) {
        case 'b':
            opt_bytes = 1;
            break;
        case 'l':
            opt_list = 1;
            break;
        case 's':
            opt_silent = 1;
            break;
        case 'i':
            skips[0] = skips[1] = parse_offset(optarg, &rest);
            if (*rest == ':')
                skips[1] = parse_offset(rest + 1, NULL);
            else if (*rest)
                errx(2, "invalid offset '%s'", optarg);
            break;
        case 'n':
            limit = parse_offset(optarg, NULL);
            break;
        default:
            usage();
        }
    }
    if (opt_list && opt_silent)
        errx(2, "options -l and -s are incompatible");
    if (optind >= argc) {
        warnx("missing operand after 'cmp'");
        usage();
    }
    if (argc - optind > 4) {
        warnx("extra operand '%s'", argv[optind + 4]);
        usage();
    }
    names[0] = argv[optind];
    names[1] = argc - optind > 1 ? argv[optind + 1] : "-";
    if (argc - optind > 2)
        skips[0] = parse_offset(argv[optind + 2], NULL);
    if (argc - optind > 3)
        skips[1] = parse_offset(argv[optind + 3], NULL);

    files[0] = open_input(names[0]);
    files[1] = open_input(names[1]);

    /* -l prints offsets in a width that fits the most bytes there can be to compare. */
    max = INT64_MAX;
    for (int i = 0; i < 2; i++) {
        struct stat st;
        if (fstat(fileno(files[i]), &st) == 0 && S_ISREG(st.st_mode)) {
            int64_t left = (int64_t)st.st_size > skips[i] ? (int64_t)st.st_size - skips[i] : 0;
            if (left < max)
                max = left;
        }
    }
    if (limit >= 0 && limit < max)
        max = limit;
    for (; max >= 10; max /= 10)
        width++;

    skip(files[0], names[0], skips[0]);
    skip(files[1], names[1], skips[1]);
    while (limit < 0 || byte < limit) {
        int a = getc(files[0]), b = getc(files[1]);
        char sa[8], sb[8];

        if (a == EOF || b == EOF) {
            for (int i = 0; i < 2; i++)
                if (ferror(files[i]))
                    err(2, "%s", names[i]);
            if (a == b)
                break;
            if (!opt_silent) {
                const char *shorter = a == EOF ? names[0] : names[1];
                if (byte == 0)
                    warnx("EOF on %s which is empty", shorter);
                else if (opt_list)
                    warnx("EOF on %s after byte %lld", shorter, (long long)byte);
                else if (last == '\n')
                    warnx("EOF on %s after byte %lld, line %lld", shorter, (long long)byte,
                          (long long)line - 1);
                else
                    warnx("EOF on %s after byte %lld, in line %lld", shorter, (long long)byte,
                          (long long)line);
            }
            differ = 1;
            break;
        }
        byte++;
        if (a != b) {
            differ = 1;
            if (opt_silent)
                break;
            if (!opt_list) {
                printf("%s %s differ: %s %lld, line %lld", names[0], names[1],
                       opt_bytes ? "byte" : "char",
                       (long long)byte, (long long)line);
                if (opt_bytes)
                    printf(" is %3o %s %3o %s", a, show_byte(a, sa), b, show_byte(b, sb));
                putchar('\n');
                break;
            }
            if (opt_bytes)
                printf("%*lld %3o %-4s %3o %s\n", width, (long long)byte, a, show_byte(a, sa), b,
                       show_byte(b, sb));
            else
                printf("%*lld %3o %3o\n", width, (long long)byte, a, b);
        }
        if (a == '\n')
            line++;
        last = a;
    }
    return differ;
}
