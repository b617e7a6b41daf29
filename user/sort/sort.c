/*
 * sort.c - sort, merge or check lines of text files, as POSIX and GNU sort:
 *
 *     sort [-bdfghinrsuCcm] [-k POS1[,POS2]]... [-t SEP] [-o FILE] [FILE]...
 *
 * Every input is read whole into memory and split into lines (a last line
 * without a newline gets one on output). The lines are sorted with a merge
 * sort, which is stable, so -s only has to switch off the last-resort
 * comparison (compare.c). -m merges the inputs instead, trusting that each
 * is sorted: it takes the smallest of the files' next lines again and again
 * (the earliest file's on a tie), so, as with GNU sort, inputs that are not
 * sorted come out interleaved as they are rather than sorted. -c and
 * -C check the order instead (strictly increasing with -u) and exit 1 at the
 * first disorder. -o opens its file only after all input is read, so it may
 * name an input. Comparisons are by bytes: the "C" locale.
 *
 * Exit status: 0, 1 for disorder found by -c/-C, 2 for trouble.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libutil.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sort.h"

static const char *prog = "sort";

static struct sort_line *lines;
static size_t nlines, caplines;
static size_t *file_start; /* -m: where each input's lines begin in lines[] */

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-bdfghinrsuCcm] [-k POS1[,POS2]]... [-t SEP] [-o FILE] "
                    "[FILE]...\n", prog);
    exit(2);
}

static void
out_of_memory(void)
{
    fprintf(stderr, "%s: out of memory\n", prog);
    exit(2);
}

/* Read a file ("-" is stdin) and append its lines; the buffer stays allocated. */
static void
read_lines(const char *path)
{
    char *buf;
    size_t len;

    if (read_file(path, &buf, &len) < 0) {
        fprintf(stderr, "%s: cannot read: %s: %s\n", prog, path, strerror(errno));
        exit(2);
    }
    size_t pos = 0;
    while (pos < len) {
        char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        if (nlines == caplines) {
            caplines = caplines ? caplines * 2 : 256;
            lines = realloc(lines, caplines * sizeof *lines);
            if (!lines)
                out_of_memory();
        }
        lines[nlines].text = buf + pos;
        lines[nlines].len = end - pos;
        nlines++;
        pos = end + 1;
    }
}

/* Stable merge sort of v[0..n) using tmp (n entries) as scratch. */
static void
merge_sort(struct sort_line *v, struct sort_line *tmp, size_t n)
{
    if (n < 2)
        return;
    size_t half = n / 2, i = 0, j = half, k = 0;
    merge_sort(v, tmp, half);
    merge_sort(v + half, tmp, n - half);
    if (sort_compare(&v[half - 1], &v[half]) <= 0)
        return; /* already in order: sorted input stays linear */
    while (i < half && j < n)
        tmp[k++] = sort_compare(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
    while (i < half)
        tmp[k++] = v[i++];
    memcpy(v, tmp, k * sizeof *v);
}

/*
 * -m: merge the inputs' runs of lines[] into out (nlines entries): each time
 * the smallest of the runs' first lines, the earliest input's when they
 * compare equal. The few inputs of a command line are scanned linearly.
 */
static void
merge_inputs(int nfiles, struct sort_line *out)
{
    size_t *next = malloc((size_t)(nfiles ? nfiles : 1) * sizeof *next);

    if (!next)
        out_of_memory();
    for (int f = 0; f < nfiles; f++)
        next[f] = file_start[f];
    for (size_t k = 0; k < nlines; k++) {
        int best = -1;
        for (int f = 0; f < nfiles; f++) {
            if (next[f] == file_start[f + 1])
                continue; /* this input is used up */
            if (best < 0 || sort_compare(&lines[next[f]], &lines[next[best]]) < 0)
                best = f;
        }
        out[k] = lines[next[best]++];
    }
    free(next);
}

/* -c/-C: report the first line out of order. Returns the exit status. */
static int
check_order(const char *name, int quiet)
{
    for (size_t i = 1; i < nlines; i++) {
        int d = sort_compare(&lines[i - 1], &lines[i]);
        if (d > 0 || (d == 0 && sort_opt.unique)) {
            if (!quiet) {
                fprintf(stderr, "%s: %s:%zu: disorder: ", prog, name, i + 1);
                fwrite(lines[i].text, 1, lines[i].len, stderr);
                fputc('\n', stderr);
            }
            return 1;
        }
    }
    return 0;
}

static void
write_output(const char *path)
{
    FILE *out = stdout;

    if (path && !(out = fopen(path, "w"))) {
        fprintf(stderr, "%s: open failed: %s: %s\n", prog, path, strerror(errno));
        exit(2);
    }
    for (size_t i = 0; i < nlines; i++) {
        if (sort_opt.unique && i > 0 && sort_compare_keys(&lines[i - 1], &lines[i]) == 0)
            continue;
        fwrite(lines[i].text, 1, lines[i].len, out);
        fputc('\n', out);
    }
    if (fflush(out) != 0 || ferror(out) || (path && fclose(out) != 0)) {
        fprintf(stderr, "%s: write failed: %s\n", prog, path ? path : "standard output");
        exit(2);
    }
}

/* Does the key set no ordering option of its own (so it takes the global ones)? */
static int
key_has_no_options(const struct sort_key *k)
{
    return !(k->skip_sblanks || k->skip_eblanks || k->numeric || k->general || k->human ||
             k->fold || k->dictionary || k->printable || k->reverse);
}

/* GNU sort refuses two numeric orderings, or d or i with one, on the same key. */
static void
check_key_options(const struct sort_key *k)
{
    int numeric = k->numeric + k->general + k->human;

    if (numeric > 1 || (numeric && (k->dictionary || k->printable))) {
        fprintf(stderr, "%s: options '-%s%s%s%s%s' are incompatible\n", prog,
                k->dictionary ? "d" : "", k->general ? "g" : "", k->human ? "h" : "",
                k->printable ? "i" : "", k->numeric ? "n" : "");
        exit(2);
    }
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "ignore-leading-blanks", no_argument, 0, 'b' },
        { "dictionary-order", no_argument, 0, 'd' },
        { "ignore-case", no_argument, 0, 'f' },
        { "general-numeric-sort", no_argument, 0, 'g' },
        { "human-numeric-sort", no_argument, 0, 'h' },
        { "ignore-nonprinting", no_argument, 0, 'i' },
        { "numeric-sort", no_argument, 0, 'n' },
        { "reverse", no_argument, 0, 'r' },
        { "stable", no_argument, 0, 's' },
        { "unique", no_argument, 0, 'u' },
        { "merge", no_argument, 0, 'm' },
        { "key", required_argument, 0, 'k' },
        { "field-separator", required_argument, 0, 't' },
        { "output", required_argument, 0, 'o' },
        { 0, 0, 0, 0 },
    };
    struct sort_key global = { .eword = SIZE_MAX };
    const char *output = NULL;
    int check = 0, merge = 0, c;

    while ((c = getopt_long(argc, argv, "bdfghinrsumcCk:t:o:S:T:", longopts, NULL)) != -1) {
        switch (c) {
        case 'b': global.skip_sblanks = global.skip_eblanks = 1; break;
        case 'd': global.dictionary = 1; break;
        case 'f': global.fold = 1; break;
        case 'g': global.general = 1; break;
        case 'h': global.human = 1; break;
        case 'i': global.printable = 1; break;
        case 'n': global.numeric = 1; break;
        case 'r': global.reverse = 1; break;
        case 's': sort_opt.stable = 1; break;
        case 'u': sort_opt.unique = 1; break;
        case 'm': merge = 1; break;
        case 'c': check = 'c'; break;
        case 'C': check = 'C'; break;
        case 'o': output = optarg; break;
        case 'S': case 'T': break; /* memory and temporary files: everything is in memory */
        case 't':
            if (strlen(optarg) != 1) {
                fprintf(stderr, "%s: multi-character tab '%s'\n", prog, optarg);
                exit(2);
            }
            sort_opt.tab = (unsigned char)optarg[0];
            break;
        case 'k':
            sort_opt.keys = realloc(sort_opt.keys, (size_t)(sort_opt.nkeys + 1) *
                                                       sizeof *sort_opt.keys);
            if (!sort_opt.keys)
                out_of_memory();
            if (sort_parse_key(optarg, &sort_opt.keys[sort_opt.nkeys]) < 0) {
                fprintf(stderr, "%s: invalid field specification '%s'\n", prog, optarg);
                exit(2);
            }
            sort_opt.nkeys++;
            break;
        default: usage();
        }
    }
    sort_opt.reverse = global.reverse;
    for (int i = 0; i < sort_opt.nkeys; i++) {
        struct sort_key *k = &sort_opt.keys[i];
        if (key_has_no_options(k)) {
            struct sort_key pos = *k;
            *k = global;
            k->sword = pos.sword, k->schar = pos.schar;
            k->eword = pos.eword, k->echar = pos.echar;
        }
    }
    /* Without -k, the whole line is the one key, with the global options. */
    if (sort_opt.nkeys == 0) {
        global.sword = global.schar = global.echar = 0;
        global.eword = SIZE_MAX;
        sort_opt.keys = &global;
        sort_opt.nkeys = 1;
    }

    for (int i = 0; i < sort_opt.nkeys; i++)
        check_key_options(&sort_opt.keys[i]);
    if (check && argc - optind > 1) {
        fprintf(stderr, "%s: extra operand '%s' not allowed with -%c\n", prog, argv[optind + 1],
                check);
        exit(2);
    }
    int nfiles = optind == argc ? 1 : argc - optind;
    file_start = malloc((size_t)(nfiles + 1) * sizeof *file_start);
    if (!file_start)
        out_of_memory();
    for (int f = 0; f < nfiles; f++) {
        file_start[f] = nlines;
        read_lines(optind == argc ? "-" : argv[optind + f]);
    }
    file_start[nfiles] = nlines;
    if (check)
        return check_order(optind < argc ? argv[optind] : "-", check == 'C');

    struct sort_line *tmp = malloc((nlines ? nlines : 1) * sizeof *tmp);
    if (!tmp)
        out_of_memory();
    if (merge) {
        merge_inputs(nfiles, tmp);
        free(lines);
        lines = tmp;
    } else {
        merge_sort(lines, tmp, nlines);
    }
    write_output(output);
    return 0;
}
