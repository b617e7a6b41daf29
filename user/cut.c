/*
 * cut.c - print selected parts of lines:
 *
 *     cut -b LIST [-n] [--complement] [FILE...]
 *     cut -c LIST [--complement] [FILE...]
 *     cut -f LIST [-d DELIM] [-s] [--complement] [--output-delimiter=S] [FILE...]
 *
 * LIST is a comma- or blank-separated list of N, N-M, N- and -M (numbered
 * from 1). -b and -c select bytes (characters are bytes in the C locale),
 * -f fields separated by DELIM (a tab by default); a line without the
 * delimiter is printed whole, or not at all with -s. Selected fields are
 * joined by the delimiter (or the output delimiter); with -b and -c an
 * output delimiter goes between separate ranges. --complement selects what
 * LIST does not.
 *
 * Lines are processed a byte at a time through getc(), so lines of any
 * length work without a line buffer.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One range of the list, [lo, hi] with hi SIZE_MAX for "N-". */
struct range {
    size_t lo, hi;
};

static struct range *ranges;
static size_t nranges;
static int opt_complement, opt_only_delimited;
static int delim = '\t';
static const char *out_delim; /* NULL: the input delimiter (fields) or none (bytes) */

static void usage(void)
{
    fprintf(stderr, "usage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE...]\n");
    exit(1);
}

static int compare_ranges(const void *a, const void *b)
{
    const struct range *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static size_t parse_number(const char **p, const char *list)
{
    size_t v = 0;

    if (**p < '0' || **p > '9')
        errx(1, "invalid byte, character or field list: '%s'", list);
    while (**p >= '0' && **p <= '9') {
        v = v * 10 + (size_t)(**p - '0');
        (*p)++;
    }
    if (v == 0)
        errx(1, "fields and positions are numbered from 1");
    return v;
}

/* Parse LIST into sorted, merged ranges. */
static void parse_list(const char *list)
{
    const char *p = list;
    size_t cap = 0, merged = 0;

    while (*p) {
        struct range r;

        if (*p == ',' || *p == ' ' || *p == '\t') {
            p++;
            continue;
        }
        if (*p == '-') {
            p++;
            r.lo = 1;
            r.hi = parse_number(&p, list);
        } else {
            r.lo = r.hi = parse_number(&p, list);
            if (*p == '-') {
                p++;
                r.hi = (*p >= '0' && *p <= '9') ? parse_number(&p, list) : (size_t)-1;
                if (r.hi < r.lo)
                    errx(1, "invalid decreasing range");
            }
        }
        if (*p && *p != ',' && *p != ' ' && *p != '\t')
            errx(1, "invalid byte, character or field list: '%s'", list);
        if (nranges == cap) {
            cap = cap ? cap * 2 : 8;
            ranges = realloc(ranges, cap * sizeof(*ranges));
            if (!ranges)
                err(1, "out of memory");
        }
        ranges[nranges++] = r;
    }
    if (nranges == 0)
        errx(1, "missing list of byte, character or field positions");
    qsort(ranges, nranges, sizeof(*ranges), compare_ranges);
    for (size_t i = 1; i < nranges; i++) {
        if (ranges[i].lo <= ranges[merged].hi + 1 && ranges[merged].hi != (size_t)-1) {
            if (ranges[i].hi > ranges[merged].hi)
                ranges[merged].hi = ranges[i].hi;
        } else if (ranges[merged].hi != (size_t)-1) {
            ranges[++merged] = ranges[i];
        }
    }
    nranges = merged + 1;
}

/* Is position n (from 1) selected? */
static int selected(size_t n)
{
    for (size_t i = 0; i < nranges; i++)
        if (n >= ranges[i].lo && n <= ranges[i].hi)
            return !opt_complement;
    return opt_complement;
}

static void put_str(const char *s, size_t len)
{
    fwrite(s, 1, len, stdout);
}

/* -b and -c: copy the selected bytes of each line, an output delimiter between runs. */
static void cut_bytes(FILE *f, int eol)
{
    size_t pos = 0;
    int c, prev_selected = 0, printed = 0;

    while ((c = getc(f)) != EOF) {
        if (c == eol) {
            putchar(eol);
            pos = 0;
            prev_selected = printed = 0;
            continue;
        }
        if (selected(++pos)) {
            if (!prev_selected && printed && out_delim)
                fputs(out_delim, stdout);
            putchar(c);
            printed = prev_selected = 1;
        } else {
            prev_selected = 0;
        }
    }
    if (pos > 0)
        putchar(eol);
}

/*
 * -f: copy the selected fields of each line. The first field is held back
 * until the line shows whether it has a delimiter at all.
 */
static void cut_fields(FILE *f, int eol)
{
    const char *sep = out_delim;
    char delim_str[2] = { (char)delim, '\0' };
    char *first = NULL;
    size_t first_len = 0, first_cap = 0, field = 1;
    int c, saw_delim = 0, started = 0, in_line = 0;

    if (!sep)
        sep = delim_str;
    for (;;) {
        c = getc(f);
        if (c == EOF && !in_line)
            break;
        if (c == EOF || c == eol) {
            if (!saw_delim) {
                if (!opt_only_delimited) {
                    put_str(first, first_len);
                    putchar(eol);
                }
            } else {
                putchar(eol);
            }
            if (c == EOF)
                break;
            first_len = 0;
            field = 1;
            saw_delim = started = in_line = 0;
            continue;
        }
        in_line = 1;
        if (c == delim) {
            if (!saw_delim) {
                saw_delim = 1;
                if (selected(1)) {
                    put_str(first, first_len);
                    started = 1;
                }
            }
            if (selected(++field)) {
                if (started)
                    fputs(sep, stdout);
                started = 1;
            }
            continue;
        }
        if (!saw_delim) {
            if (first_len == first_cap) {
                first_cap = first_cap ? first_cap * 2 : 256;
                first = realloc(first, first_cap);
                if (!first)
                    err(1, "out of memory");
            }
            first[first_len++] = (char)c;
        } else if (selected(field)) {
            putchar(c);
        }
    }
    free(first);
}

int main(int argc, char **argv)
{
    static const struct option long_options[] = {
        { "complement", no_argument, NULL, 'C' },
        { "output-delimiter", required_argument, NULL, 'O' },
        { "only-delimited", no_argument, NULL, 's' },
        { "zero-terminated", no_argument, NULL, 'z' },
        { NULL, 0, NULL, 0 },
    };
    const char *list = NULL;
    int mode = 0, c, status = 0, eol = '\n', delim_given = 0;

    while ((c = getopt_long(argc, argv, "b:c:f:d:nsz", long_options, NULL)) != -1) {
        switch (c) {
        case 'b':
        case 'c':
        case 'f':
            if (mode)
                errx(1, "only one type of list may be specified");
            mode = c;
            list = optarg;
            break;
        case 'd':
            if (strlen(optarg) > 1)
                errx(1, "the delimiter must be a single character");
            delim = (unsigned char)optarg[0];
            delim_given = 1;
            break;
        case 'n':
            break;
        case 's':
            opt_only_delimited = 1;
            break;
        case 'z':
            eol = '\0';
            break;
        case 'C':
            opt_complement = 1;
            break;
        case 'O':
            out_delim = optarg;
            break;
        default:
            usage();
        }
    }
    if (!mode) {
        warnx("you must specify a list of bytes, characters, or fields");
        usage();
    }
    if (mode != 'f' && (delim_given || opt_only_delimited)) {
        warnx("%s", delim_given ? "an input delimiter may be specified only when operating on fields"
                                : "suppressing non-delimited lines makes sense\n"
                                  "\tonly when operating on fields");
        usage();
    }
    parse_list(list);
    if (optind == argc)
        argv[--optind] = "-";
    for (int i = optind; i < argc; i++) {
        FILE *f = stdin;

        if (strcmp(argv[i], "-") != 0 && !(f = fopen(argv[i], "r"))) {
            warn("%s", argv[i]);
            status = 1;
            continue;
        }
        if (mode == 'f')
            cut_fields(f, eol);
        else
            cut_bytes(f, eol);
        if (ferror(f)) {
            warn("%s", argv[i]);
            status = 1;
        }
        if (f != stdin)
            fclose(f);
        else
            clearerr(f);
    }
    return status;
}
