/*
 * diff.c - compare files line by line, as POSIX and GNU diff:
 *
 *     diff [-qsribwN] [-u | -U N] FILE1 FILE2
 *
 * Each file is read whole and split into lines; analyze.c finds the hunks
 * and output.c prints them in the normal or unified format. A directory
 * operand next to a file stands for the file of the same name in it; two
 * directories are compared entry by entry (names in byte order), files only
 * in one reported as "Only in DIR: NAME", subdirectories compared with -r.
 * Files holding a NUL byte are binary: only whether they differ is told.
 *
 * Exit status: 0 when no differences were found, 1 when some were, 2 on
 * trouble (a missing or unreadable file, a bad option).
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"

static const char *prog = "diff";

struct diff_options diff_opt = { .context = 3 };

static void
memory_exhausted(void)
{
    fprintf(stderr, "%s: memory exhausted\n", prog);
    exit(2);
}

void *
diff_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        memory_exhausted();
    return p;
}

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-qsribwN] [-u | -U N] FILE1 FILE2\n", prog);
    exit(2);
}

static char *
join_path(const char *dir, const char *name)
{
    char *p = path_join(dir, name);
    if (!p)
        memory_exhausted();
    return p;
}

static void
split_lines(struct diff_file *f)
{
    int cap = 64;
    size_t pos = 0;

    f->lines = diff_alloc((size_t)cap * sizeof *f->lines);
    f->nlines = 0;
    f->missing_newline = f->size > 0 && f->buf[f->size - 1] != '\n';
    while (pos < f->size) {
        char *nl = memchr(f->buf + pos, '\n', f->size - pos);
        size_t end = nl ? (size_t)(nl - f->buf) : f->size;
        if (f->nlines == cap) {
            cap *= 2;
            struct diff_line *nlns = diff_alloc((size_t)cap * sizeof *nlns);
            memcpy(nlns, f->lines, (size_t)f->nlines * sizeof *nlns);
            free(f->lines);
            f->lines = nlns;
        }
        f->lines[f->nlines].text = f->buf + pos;
        f->lines[f->nlines].len = end - pos;
        f->nlines++;
        pos = end + 1;
    }
}

static void
free_file(struct diff_file *f)
{
    free(f->buf);
    free(f->lines);
    free(f->equiv);
    if (f->changed)
        free(f->changed - 1);
}

/* Compare two regular files (or stdin); in_dir says whether a directory walk found them. */
static int
compare_files(const char *p0, const char *p1, int in_dir)
{
    struct diff_file f[2];
    const char *paths[2] = { p0, p1 };
    struct diff_change *changes;

    memset(f, 0, sizeof f);
    for (int i = 0; i < 2; i++) {
        f[i].name = paths[i];
        int missing = diff_opt.new_file && access(paths[i], F_OK) < 0;
        if (missing) {
            f[i].buf = diff_alloc(1);
            f[i].size = 0;
            continue;
        }
        if ((strcmp(paths[i], "-") == 0 ? fstat(0, &f[i].st) : stat(paths[i], &f[i].st)) < 0 ||
            read_file(paths[i], &f[i].buf, &f[i].size) < 0) {
            fprintf(stderr, "%s: %s: %s\n", prog, paths[i], strerror(errno));
            if (i == 1)
                free(f[0].buf);
            return 2;
        }
    }
    int same = f[0].size == f[1].size && memcmp(f[0].buf, f[1].buf, f[0].size) == 0;
    int binary = memchr(f[0].buf, '\0', f[0].size) || memchr(f[1].buf, '\0', f[1].size);
    int status = 0;

    if (!same && binary) {
        printf("Binary files %s and %s differ\n", p0, p1);
        status = 1;
    } else if (!same) {
        split_lines(&f[0]);
        split_lines(&f[1]);
        int n = diff_analyze(&f[0], &f[1], &changes);
        if (n > 0) {
            status = 1;
            if (diff_opt.brief) {
                printf("Files %s and %s differ\n", p0, p1);
            } else {
                if (in_dir)
                    printf("diff%s%s %s %s\n", *diff_opt.switches ? " " : "", diff_opt.switches,
                           p0, p1);
                if (diff_opt.unified)
                    diff_print_unified(&f[0], &f[1], changes, n);
                else
                    diff_print_normal(&f[0], &f[1], changes, n);
            }
        }
        free(changes);
    }
    if (status == 0 && diff_opt.report_identical)
        printf("Files %s and %s are identical\n", p0, p1);
    free_file(&f[0]);
    free_file(&f[1]);
    return status;
}

static int compare_paths(const char *p0, const char *p1, int top);

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in dir (without . and ..); NULL with errno on failure. */
static char **
list_dir(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    char **names = NULL;
    int n = 0, cap = 0;

    if (!d) {
        /* -N: a directory missing on one side has no entries. */
        if (diff_opt.new_file && errno == ENOENT) {
            *count = 0;
            return diff_alloc(sizeof *names);
        }
        return NULL;
    }
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = diff_alloc((size_t)cap * sizeof *nn);
            if (n)
                memcpy(nn, names, (size_t)n * sizeof *nn);
            free(names);
            names = nn;
        }
        names[n] = diff_alloc(strlen(de->d_name) + 1);
        strcpy(names[n++], de->d_name);
    }
    closedir(d);
    if (n)
        qsort(names, (size_t)n, sizeof *names, compare_names);
    *count = n;
    return names ? names : diff_alloc(sizeof *names);
}

static int
compare_dirs(const char *d0, const char *d1)
{
    int n0 = 0, n1 = 0, i = 0, j = 0, status = 0;
    char **a = list_dir(d0, &n0), **b = a ? list_dir(d1, &n1) : NULL;

    if (!a || !b) {
        fprintf(stderr, "%s: %s: %s\n", prog, a ? d1 : d0, strerror(errno));
        return 2;
    }
    while (i < n0 || j < n1) {
        int cmp = i == n0 ? 1 : j == n1 ? -1 : strcmp(a[i], b[j]);
        int s;
        if (cmp != 0 && !diff_opt.new_file) {
            printf("Only in %s: %s\n", cmp < 0 ? d0 : d1, cmp < 0 ? a[i] : b[j]);
            s = 1;
        } else {
            const char *name = cmp <= 0 ? a[i] : b[j];
            char *p0 = join_path(d0, name), *p1 = join_path(d1, name);
            s = compare_paths(p0, p1, 0);
            free(p0);
            free(p1);
        }
        if (s > status)
            status = s;
        if (cmp <= 0)
            free(a[i++]);
        if (cmp >= 0)
            free(b[j++]);
    }
    free(a);
    free(b);
    return status;
}

/* Compare two operands, or two entries found in directories (top 0). */
static int
compare_paths(const char *p0, const char *p1, int top)
{
    struct stat s0, s1;
    int e0 = strcmp(p0, "-") == 0 ? fstat(0, &s0) : stat(p0, &s0);
    int e1 = strcmp(p1, "-") == 0 ? fstat(0, &s1) : stat(p1, &s1);

    /* -N: a file or directory missing on one side compares as an empty one. */
    if (diff_opt.new_file && (e0 < 0) != (e1 < 0)) {
        struct stat *present = e0 < 0 ? &s1 : &s0;
        if (S_ISDIR(present->st_mode))
            return compare_dirs(p0, p1);
        return compare_files(p0, p1, !top);
    }
    if (e0 < 0 || e1 < 0) {
        fprintf(stderr, "%s: %s: %s\n", prog, e0 < 0 ? p0 : p1, strerror(errno));
        return 2;
    }
    int dir0 = S_ISDIR(s0.st_mode), dir1 = S_ISDIR(s1.st_mode);
    if (dir0 && dir1) {
        if (top || diff_opt.recursive)
            return compare_dirs(p0, p1);
        printf("Common subdirectories: %s and %s\n", p0, p1);
        return 0;
    }
    if (dir0 != dir1) {
        if (!top) {
            printf("File %s is a %s while file %s is a %s\n", p0,
                   dir0 ? "directory" : "regular file", p1, dir1 ? "directory" : "regular file");
            return 1;
        }
        /* "diff file dir" compares file with dir/file's last component. */
        const char *file = dir0 ? p1 : p0, *dir = dir0 ? p0 : p1;
        const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
        char *inside = join_path(dir, base);
        int s = dir0 ? compare_files(inside, p1, 0) : compare_files(p0, inside, 0);
        free(inside);
        return s;
    }
    return compare_files(p0, p1, !top);
}

/* The options as given (argv[1..optind)), for the "diff -r ..." lines of a walk. */
static char *
switch_string(char **argv, int n)
{
    size_t len = 1;

    for (int i = 1; i < n; i++)
        len += strlen(argv[i]) + 1;
    char *s = diff_alloc(len), *p = s;
    *p = '\0';
    for (int i = 1; i < n; i++)
        p += sprintf(p, "%s%s", i > 1 ? " " : "", argv[i]);
    return s;
}

static int
parse_context(const char *s)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < 0) {
        fprintf(stderr, "%s: invalid context length '%s'\n", prog, s);
        exit(2);
    }
    return (int)v;
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "brief", no_argument, 0, 'q' },
        { "report-identical-files", no_argument, 0, 's' },
        { "recursive", no_argument, 0, 'r' },
        { "ignore-case", no_argument, 0, 'i' },
        { "ignore-space-change", no_argument, 0, 'b' },
        { "ignore-all-space", no_argument, 0, 'w' },
        { "new-file", no_argument, 0, 'N' },
        { "text", no_argument, 0, 'a' },
        { "unified", optional_argument, 0, 'u' },
        { 0, 0, 0, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "qsribwNauU:", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': diff_opt.brief = 1; break;
        case 's': diff_opt.report_identical = 1; break;
        case 'r': diff_opt.recursive = 1; break;
        case 'i': diff_opt.ignore_case = 1; break;
        case 'b': diff_opt.ignore_space_change = 1; break;
        case 'w': diff_opt.ignore_all_space = 1; break;
        case 'N': diff_opt.new_file = 1; break;
        case 'a': break; /* every file is compared as text unless it holds a NUL byte */
        case 'u':
            diff_opt.unified = 1;
            if (optarg)
                diff_opt.context = parse_context(optarg);
            break;
        case 'U':
            diff_opt.unified = 1;
            diff_opt.context = parse_context(optarg);
            break;
        default: usage();
        }
    }
    if (argc - optind != 2) {
        if (argc - optind < 2)
            fprintf(stderr, "%s: missing operand after '%s'\n", prog, argv[argc - 1]);
        else
            fprintf(stderr, "%s: extra operand '%s'\n", prog, argv[optind + 2]);
        usage();
    }
    diff_opt.switches = switch_string(argv, optind);
    int status = compare_paths(argv[optind], argv[optind + 1], 1);
    fflush(stdout);
    return status;
}
