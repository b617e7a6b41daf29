/*
 * uniq.c - report or omit repeated adjacent lines, as POSIX and GNU uniq:
 *
 *     uniq [-c] [-d|-D|-u] [-i] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]
 *
 * Lines are read one at a time with getline, and each is compared with the
 * first line of the current group of equal ones: after skipping N fields
 * (-f: a field is a run of blanks then non-blanks) and N characters (-s),
 * at most -w characters are compared, ignoring case with -i. When a group
 * ends, its first line is printed unless -d (only repeated groups) or -u
 * (only single lines) says otherwise; -D prints every line of repeated
 * groups; -c prefixes the count as "%7d ".
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static const char *prog = "uniq";

static struct {
    int count, repeated, unique, all_repeated, icase;
    long skip_fields, skip_chars, check_chars; /* check_chars -1: the whole rest */
} opt = { .check_chars = -1 };

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-c] [-d|-D|-u] [-i] [-f N] [-s N] [-w N] [INPUT [OUTPUT]]\n",
            prog);
    exit(1);
}

static long
parse_number(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "%s: %s: invalid number of %s to skip\n", prog, s, what);
        exit(1);
    }
    return v;
}

/* The part of the line that is compared: after -f and -s, limited by -w. */
static const char *
compared_part(const char *s, size_t len, size_t *out_len)
{
    const char *p = s, *lim = s + len;

    for (long f = 0; f < opt.skip_fields; f++) {
        while (p < lim && (*p == ' ' || *p == '\t'))
            p++;
        while (p < lim && *p != ' ' && *p != '\t')
            p++;
    }
    p = (size_t)(lim - p) < (size_t)opt.skip_chars ? lim : p + opt.skip_chars;
    *out_len = (size_t)(lim - p);
    if (opt.check_chars >= 0 && *out_len > (size_t)opt.check_chars)
        *out_len = (size_t)opt.check_chars;
    return p;
}

static int
lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
lines_equal(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t la, lb;
    const char *pa = compared_part(a, alen, &la), *pb = compared_part(b, blen, &lb);

    if (la != lb)
        return 0;
    if (!opt.icase)
        return memcmp(pa, pb, la) == 0;
    for (size_t i = 0; i < la; i++)
        if (lower((unsigned char)pa[i]) != lower((unsigned char)pb[i]))
            return 0;
    return 1;
}

static void
print_line(FILE *out, const char *s, size_t len, long count)
{
    if (opt.count)
        fprintf(out, "%7ld ", count);
    fwrite(s, 1, len, out);
    fputc('\n', out);
}

/* A group of count equal lines, whose first is first, has ended. */
static void
end_group(FILE *out, const char *first, size_t len, long count)
{
    if ((opt.repeated && count < 2) || (opt.unique && count > 1))
        return;
    print_line(out, first, len, count);
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "count", no_argument, 0, 'c' },
        { "repeated", no_argument, 0, 'd' },
        { "all-repeated", no_argument, 0, 'D' },
        { "unique", no_argument, 0, 'u' },
        { "ignore-case", no_argument, 0, 'i' },
        { "skip-fields", required_argument, 0, 'f' },
        { "skip-chars", required_argument, 0, 's' },
        { "check-chars", required_argument, 0, 'w' },
        { 0, 0, 0, 0 },
    };
    FILE *in = stdin, *out = stdout;
    int c;

    while ((c = getopt_long(argc, argv, "cdDuif:s:w:", longopts, NULL)) != -1) {
        switch (c) {
        case 'c': opt.count = 1; break;
        case 'd': opt.repeated = 1; break;
        case 'D': opt.all_repeated = 1; break;
        case 'u': opt.unique = 1; break;
        case 'i': opt.icase = 1; break;
        case 'f': opt.skip_fields = parse_number(optarg, "fields"); break;
        case 's': opt.skip_chars = parse_number(optarg, "bytes"); break;
        case 'w': opt.check_chars = parse_number(optarg, "bytes"); break;
        default: usage();
        }
    }
    if (argc - optind > 2) {
        fprintf(stderr, "%s: extra operand '%s'\n", prog, argv[optind + 2]);
        usage();
    }
    if (opt.all_repeated && opt.count) {
        fprintf(stderr, "%s: printing all duplicated lines and repeat counts is meaningless\n",
                prog);
        usage();
    }
    if (optind < argc && strcmp(argv[optind], "-") != 0 && !(in = fopen(argv[optind], "r"))) {
        fprintf(stderr, "%s: %s: %s\n", prog, argv[optind], strerror(errno));
        return 1;
    }
    if (optind + 1 < argc && strcmp(argv[optind + 1], "-") != 0 &&
        !(out = fopen(argv[optind + 1], "w"))) {
        fprintf(stderr, "%s: %s: %s\n", prog, argv[optind + 1], strerror(errno));
        return 1;
    }

    char *first = NULL, *line = NULL;
    size_t first_cap = 0, line_cap = 0, first_len = 0;
    long count = 0;
    ssize_t n;

    while ((n = getline(&line, &line_cap, in)) >= 0) {
        size_t len = (size_t)n;
        if (len > 0 && line[len - 1] == '\n')
            len--;
        if (count > 0 && lines_equal(first, first_len, line, len)) {
            count++;
            if (opt.all_repeated) {
                if (count == 2)
                    print_line(out, first, first_len, 0);
                print_line(out, line, len, 0);
            }
            continue;
        }
        if (count > 0 && !opt.all_repeated)
            end_group(out, first, first_len, count);
        /* The new line starts a group: keep it as the group's first line. */
        char *tmp = first;
        size_t tmp_cap = first_cap;
        first = line, first_cap = line_cap, first_len = len;
        line = tmp, line_cap = tmp_cap;
        count = 1;
    }
    if (ferror(in)) {
        fprintf(stderr, "%s: %s: read error\n", prog, optind < argc ? argv[optind] : "-");
        return 1;
    }
    if (count > 0 && !opt.all_repeated)
        end_group(out, first, first_len, count);
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "%s: write error\n", prog);
        return 1;
    }
    return 0;
}
