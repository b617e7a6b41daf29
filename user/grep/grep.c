/*
 * grep.c - print the lines that match patterns, as POSIX and GNU grep:
 *
 *     grep [-EFGiyvnclLrRwxqshHo] [-m NUM] [-A NUM] [-B NUM] [-C NUM]
 *          [-e PATTERN]... [-f FILE]... [PATTERN] [FILE]...
 *
 * The patterns (one per line of each -e argument, -f file or the PATTERN
 * operand) are compiled and matched by pattern.c; a line is selected when
 * one matches it (or none, with -v). This file reads the files, walks
 * directories for -r (with --include, --exclude and --exclude-dir globs) and
 * prints the selected lines, with -A/-B/-C context and "--" between groups.
 *
 * A file is read whole. One that contains a NUL byte is binary: its NUL bytes
 * end lines for matching, and instead of the first selected line grep reports
 * "binary file matches" on stderr and stops reading the file.
 *
 * Exit status: 0 when a line was selected, 1 when none was, 2 on an error
 * (unless -q found a match, which wins).
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "grep.h"

const char *grep_prog = "grep";

struct grep_options grep_opt = { .syntax = 'G', .with_name = -1, .max_count = -1 };

/* Long options without a short form. */
enum { OPT_INCLUDE = 256, OPT_EXCLUDE, OPT_EXCLUDE_DIR };

/* A list of --include, --exclude or --exclude-dir globs. */
struct grep_globs {
    char **glob;
    int n;
};
static struct grep_globs includes, excludes, exclude_dirs;

static int status_error;
static int any_selected;

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-EFGiyvnclLrRwxqshHo] [-m NUM] [-A NUM] [-B NUM] [-C NUM] "
                    "[-e PATTERN]... [-f FILE]... [PATTERN] [FILE]...\n", grep_prog);
    exit(2);
}

void *
grep_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", grep_prog);
        exit(2);
    }
    return p;
}

static void
add_glob(struct grep_globs *g, const char *glob)
{
    char **ng = realloc(g->glob, (size_t)(g->n + 1) * sizeof *ng);
    if (!ng) {
        fprintf(stderr, "%s: out of memory\n", grep_prog);
        exit(2);
    }
    g->glob = ng;
    g->glob[g->n++] = (char *)glob;
}

/*
 * Does a glob of g match path? A name found while recursing is matched by its
 * last component; an operand by any of its suffixes that starts after a '/'.
 */
static int
glob_matches(const struct grep_globs *g, const char *path, int top)
{
    for (int i = 0; i < g->n; i++) {
        const char *p = path;
        for (;;) {
            if (fnmatch(g->glob[i], p, 0) == 0)
                return 1;
            const char *slash = strchr(p, '/');
            if (!slash)
                break;
            p = slash + 1;
            if (!top && strchr(p, '/'))
                continue; /* recursion: only the last component counts */
        }
    }
    return 0;
}

static void
print_prefix(const char *name, long lineno, char sep)
{
    if (grep_opt.with_name)
        printf("%s%c", name, sep);
    if (grep_opt.number)
        printf("%ld%c", lineno, sep);
}

/* Print each non-empty match of the line, one per output line (-o). */
static void
print_matches(const char *name, long lineno, const char *line, size_t len)
{
    size_t from = 0;
    regmatch_t m;

    while (from <= len && grep_find_any(line, len, from, &m)) {
        if (m.rm_eo == m.rm_so) {
            from = (size_t)m.rm_so + 1;
            continue;
        }
        print_prefix(name, lineno, ':');
        fwrite(line + m.rm_so, 1, (size_t)(m.rm_eo - m.rm_so), stdout);
        putchar('\n');
        from = (size_t)m.rm_eo;
    }
}

/* The lines of the buffer being searched, for context output. */
struct grep_file {
    const char *name;
    char *buf;
    size_t len;
    size_t *starts;    /* starts[i]: offset of line i + 1 */
    long nlines;
    long last_output;  /* the last line printed (as a match or context), 0 for none */
};

static int output_started; /* some line was printed: later groups need "--" before them */

/* Where the line at pos ends: at a newline, or in a binary file at a NUL byte too, as in GNU grep. */
static size_t
line_end(const char *buf, size_t pos, size_t len, int binary)
{
    while (pos < len && buf[pos] != '\n' && !(binary && buf[pos] == '\0'))
        pos++;
    return pos;
}

/* Print line no (1-based) of f as a selected line (sep ':') or context (sep '-'). */
static void
print_line(struct grep_file *f, long no, char sep)
{
    size_t start = f->starts[no - 1];
    size_t llen = line_end(f->buf, start, f->len, 0) - start; /* binary files print no lines */

    if ((grep_opt.before || grep_opt.after) && output_started &&
        (f->last_output == 0 || no > f->last_output + 1))
        puts("--");
    output_started = 1;
    f->last_output = no;
    if (sep == ':' && grep_opt.only) {
        if (!grep_opt.invert)
            print_matches(f->name, no, f->buf + start, llen);
        return;
    }
    if (sep == '-' && grep_opt.only)
        return; /* -o shows no context lines, only the separators between groups */
    print_prefix(f->name, no, sep);
    fwrite(f->buf + start, 1, llen, stdout);
    putchar('\n');
}

/* Search one buffer; name is what prefixes and messages show. */
static void
grep_buffer(const char *name, char *buf, size_t len)
{
    int binary = memchr(buf, '\0', len) != NULL;
    int prints_lines = !grep_opt.quiet && !grep_opt.count && grep_opt.list == LIST_NONE;
    struct grep_file f = { .name = name, .buf = buf, .len = len };
    long selected = 0, after_left = 0;
    size_t pos = 0, cap = 64;

    f.starts = grep_xmalloc(cap * sizeof *f.starts);
    while (pos < len) {
        size_t end = line_end(buf, pos, len, binary);
        char *line = buf + pos;
        size_t llen = end - pos;

        if ((size_t)f.nlines == cap) {
            cap *= 2;
            size_t *ns = realloc(f.starts, cap * sizeof *ns);
            if (!ns) {
                fprintf(stderr, "%s: out of memory\n", grep_prog);
                exit(2);
            }
            f.starts = ns;
        }
        f.starts[f.nlines++] = pos;
        pos = end + 1;

        /* After the -m limit only the trailing context is still printed. */
        if (grep_opt.max_count >= 0 && selected >= grep_opt.max_count) {
            if (after_left-- <= 0)
                break;
            print_line(&f, f.nlines, '-');
            continue;
        }
        int hit = grep_line_matches(line, llen) != grep_opt.invert;
        if (!hit) {
            if (prints_lines && after_left > 0) {
                after_left--;
                print_line(&f, f.nlines, '-');
            }
            continue;
        }
        selected++;
        any_selected = 1;
        if (grep_opt.quiet)
            exit(0);
        if (grep_opt.list != LIST_NONE)
            break;
        if (!prints_lines)
            continue;
        if (binary) {
            fflush(stdout);
            fprintf(stderr, "%s: %s: binary file matches\n", grep_prog, name);
            break;
        }
        long first = f.nlines - grep_opt.before;
        if (first <= f.last_output)
            first = f.last_output + 1;
        for (long k = first < 1 ? 1 : first; k < f.nlines; k++)
            print_line(&f, k, '-');
        print_line(&f, f.nlines, ':');
        after_left = grep_opt.after;
    }
    free(f.starts);
    if (grep_opt.count) {
        if (grep_opt.with_name)
            printf("%s:", name);
        printf("%ld\n", selected);
    }
    if ((grep_opt.list == LIST_MATCHING && selected > 0) ||
        (grep_opt.list == LIST_NONMATCHING && selected == 0))
        printf("%s\n", name);
}

static void grep_path(const char *path, int top);

static int
grep_child(const char *child, void *arg)
{
    (void)arg;
    grep_path(child, 0);
    return 0;
}

/* Search every entry of directory path (-r, -R). */
static void
grep_dir(const char *path)
{
    if (dir_each(path, grep_child, NULL) < 0) {
        if (!grep_opt.silent)
            fprintf(stderr, "%s: %s: %s\n", grep_prog, path, strerror(errno));
        status_error = 1;
    }
}

/* Search a file operand (top) or a file found while recursing. */
static void
grep_path(const char *path, int top)
{
    struct stat st;
    char *buf;
    size_t len;

    if (strcmp(path, "-") == 0 && top) {
        if (read_all(0, &buf, &len) < 0) {
            fprintf(stderr, "%s: (standard input): %s\n", grep_prog, strerror(errno));
            status_error = 1;
            return;
        }
        grep_buffer("(standard input)", buf, len);
        free(buf);
        return;
    }
    /* While recursing, -r skips symbolic links and -R follows them. */
    int rc = (!top && !grep_opt.follow) ? lstat(path, &st) : stat(path, &st);
    if (rc < 0) {
        if (!grep_opt.silent)
            fprintf(stderr, "%s: %s: %s\n", grep_prog, path, strerror(errno));
        status_error = 1;
        return;
    }
    if (S_ISLNK(st.st_mode))
        return;
    if (S_ISDIR(st.st_mode)) {
        if (grep_opt.recursive && !top && glob_matches(&exclude_dirs, path, 0))
            return;
        if (grep_opt.recursive) {
            grep_dir(path);
            return;
        }
        if (!grep_opt.silent)
            fprintf(stderr, "%s: %s: Is a directory\n", grep_prog, path);
        status_error = 1;
        return;
    }
    if (!top && !S_ISREG(st.st_mode))
        return; /* devices and fifos met while recursing are skipped, as GNU does */
    if (glob_matches(&excludes, path, top) ||
        (includes.n > 0 && !glob_matches(&includes, path, top)))
        return;
    if (read_file(path, &buf, &len) < 0) {
        if (!grep_opt.silent)
            fprintf(stderr, "%s: %s: %s\n", grep_prog, path, strerror(errno));
        status_error = 1;
        return;
    }
    grep_buffer(path, buf, len);
    free(buf);
}

static long
parse_count(const char *s, const char *what)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "%s: %s: invalid %s argument\n", grep_prog, s, what);
        exit(2);
    }
    return v;
}

/* grep -r with no operand searches the working directory, names unprefixed. */
static void
grep_cwd(void)
{
    DIR *d = opendir(".");
    struct dirent *de;

    if (!d) {
        fprintf(stderr, "%s: .: %s\n", grep_prog, strerror(errno));
        exit(2);
    }
    while ((de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            grep_path(de->d_name, 0);
    closedir(d);
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "extended-regexp", no_argument, 0, 'E' },
        { "fixed-strings", no_argument, 0, 'F' },
        { "basic-regexp", no_argument, 0, 'G' },
        { "ignore-case", no_argument, 0, 'i' },
        { "invert-match", no_argument, 0, 'v' },
        { "line-number", no_argument, 0, 'n' },
        { "count", no_argument, 0, 'c' },
        { "files-with-matches", no_argument, 0, 'l' },
        { "files-without-match", no_argument, 0, 'L' },
        { "recursive", no_argument, 0, 'r' },
        { "dereference-recursive", no_argument, 0, 'R' },
        { "word-regexp", no_argument, 0, 'w' },
        { "line-regexp", no_argument, 0, 'x' },
        { "quiet", no_argument, 0, 'q' },
        { "silent", no_argument, 0, 'q' },
        { "no-messages", no_argument, 0, 's' },
        { "no-filename", no_argument, 0, 'h' },
        { "with-filename", no_argument, 0, 'H' },
        { "only-matching", no_argument, 0, 'o' },
        { "regexp", required_argument, 0, 'e' },
        { "file", required_argument, 0, 'f' },
        { "max-count", required_argument, 0, 'm' },
        { "after-context", required_argument, 0, 'A' },
        { "before-context", required_argument, 0, 'B' },
        { "context", required_argument, 0, 'C' },
        { "include", required_argument, 0, OPT_INCLUDE },
        { "exclude", required_argument, 0, OPT_EXCLUDE },
        { "exclude-dir", required_argument, 0, OPT_EXCLUDE_DIR },
        { 0, 0, 0, 0 },
    };
    int c, have_patterns = 0, syntax_given = 0;

    while ((c = getopt_long(argc, argv, "EFGiyvnclLrRwxqshHoe:f:m:A:B:C:", longopts, NULL)) != -1) {
        switch (c) {
        case 'E': case 'F': case 'G':
            if (syntax_given && grep_opt.syntax != c) {
                fprintf(stderr, "%s: conflicting matchers specified\n", grep_prog);
                exit(2);
            }
            grep_opt.syntax = c;
            syntax_given = 1;
            break;
        case 'i': case 'y': grep_opt.icase = 1; break;
        case 'v': grep_opt.invert = 1; break;
        case 'n': grep_opt.number = 1; break;
        case 'c': grep_opt.count = 1; break;
        case 'l': grep_opt.list = LIST_MATCHING; break;
        case 'L': grep_opt.list = LIST_NONMATCHING; break;
        case 'r': grep_opt.recursive = 1; break;
        case 'R': grep_opt.recursive = 1; grep_opt.follow = 1; break;
        case 'w': grep_opt.word = 1; break;
        case 'x': grep_opt.line = 1; break;
        case 'q': grep_opt.quiet = 1; break;
        case 's': grep_opt.silent = 1; break;
        case 'h': grep_opt.with_name = 0; break;
        case 'H': grep_opt.with_name = 1; break;
        case 'o': grep_opt.only = 1; break;
        case 'e': grep_add_patterns(optarg, strlen(optarg)); have_patterns = 1; break;
        case 'f': grep_add_pattern_file(optarg); have_patterns = 1; break;
        case 'm': grep_opt.max_count = parse_count(optarg, "max count"); break;
        case 'A': grep_opt.after = parse_count(optarg, "context length"); break;
        case 'B': grep_opt.before = parse_count(optarg, "context length"); break;
        case 'C': grep_opt.after = grep_opt.before = parse_count(optarg, "context length"); break;
        case OPT_INCLUDE: add_glob(&includes, optarg); break;
        case OPT_EXCLUDE: add_glob(&excludes, optarg); break;
        case OPT_EXCLUDE_DIR: add_glob(&exclude_dirs, optarg); break;
        default: usage();
        }
    }
    if (!have_patterns) {
        if (optind >= argc)
            usage();
        grep_add_patterns(argv[optind], strlen(argv[optind]));
        optind++;
    }
    /* With -l or -L the file names are all that is printed, as in GNU grep: no counts. */
    if (grep_opt.list != LIST_NONE)
        grep_opt.count = 0;
    grep_compile_patterns();

    int nfiles = argc - optind;
    if (grep_opt.with_name < 0)
        grep_opt.with_name = nfiles > 1 || grep_opt.recursive;
    if (nfiles == 0) {
        if (grep_opt.recursive)
            grep_cwd();
        else
            grep_path("-", 1);
    }
    for (int i = optind; i < argc; i++)
        grep_path(argv[i], 1);
    fflush(stdout);
    if (status_error && !(grep_opt.quiet && any_selected))
        return 2;
    return any_selected ? 0 : 1;
}
