/*
 * ls.c - list directory contents (POSIX ls, with GNU's layout).
 *
 * The arguments are split into files, listed first as one group, and
 * directories, each listed under a "name:" header when there is more than
 * one argument or -R is given. Entries are lstat'ed as they are read and
 * sorted by name in byte order (or by time or size); print.c lays them out.
 * -R lists each directory's subdirectories after it, depth first, in the
 * sorted order. Exit status: 0, 1 for a problem below the arguments (an
 * unreadable subdirectory), 2 for an argument that cannot be listed.
 */
#include <dirent.h>
#include <err.h>
#include <getopt.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "ls.h"

struct ls_options ls_opt;
static int status;
static int printed_something; /* a blank line goes before the next header */

static void
usage(void)
{
    fprintf(stderr, "usage: ls [-1ACFRSadhilnprtx] [--color[=WHEN]] [FILE]...\n");
    exit(2);
}

/* The sort order: name in byte order, or newest / largest first, ties by name. */
static int
compare(const void *pa, const void *pb)
{
    const struct ls_entry *a = pa, *b = pb;
    int r = 0;

    if (ls_opt.sort == SORT_TIME) {
        if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec)
            r = a->st.st_mtim.tv_sec < b->st.st_mtim.tv_sec ? 1 : -1;
        else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec)
            r = a->st.st_mtim.tv_nsec < b->st.st_mtim.tv_nsec ? 1 : -1;
    } else if (ls_opt.sort == SORT_SIZE && a->st.st_size != b->st.st_size) {
        r = a->st.st_size < b->st.st_size ? 1 : -1;
    }
    if (r == 0)
        r = strcmp(a->name, b->name);
    return ls_opt.reverse ? -r : r;
}

static char *
join(const char *dir, const char *name)
{
    char *p = path_join(dir, name);

    if (!p)
        err(2, "out of memory");
    return p;
}

/* Fill in e's link target when -l will show it. */
static void
read_link(struct ls_entry *e)
{
    char buf[4096];
    ssize_t n;

    e->link = NULL;
    if (ls_opt.format != FORMAT_LONG || !S_ISLNK(e->st.st_mode))
        return;
    n = readlink(e->path, buf, sizeof buf - 1);
    if (n < 0) {
        warn("cannot read symbolic link '%s'", e->path);
        status = status ? status : 1;
        return;
    }
    buf[n] = '\0';
    e->link = strdup(buf);
}

static void
free_entries(struct ls_entry *e, int n)
{
    for (int i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].path);
        free(e[i].link);
    }
    free(e);
}

static int
wanted(const char *name)
{
    if (name[0] != '.')
        return 1;
    if (ls_opt.all)
        return 1;
    return ls_opt.almost_all && strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

static void list_dir(const char *path, const char *shown, int header, int top);

/* -R: descend into the subdirectories among the sorted entries. */
static void
recurse(struct ls_entry *e, int n)
{
    for (int i = 0; i < n; i++) {
        if (!S_ISDIR(e[i].st.st_mode) || strcmp(e[i].name, ".") == 0 ||
            strcmp(e[i].name, "..") == 0)
            continue;
        list_dir(e[i].path, e[i].path, 1, 0);
    }
}

/*
 * List the directory at path under the header "shown:" (when header is set).
 * top: it is an argument, whose failure is serious (exit 2).
 */
static void
list_dir(const char *path, const char *shown, int header, int top)
{
    DIR *d = opendir(path);
    struct dirent *de;
    struct ls_entry *e = NULL;
    int n = 0, cap = 0;

    if (!d) {
        warn("cannot open directory '%s'", shown);
        status = top ? 2 : (status ? status : 1);
        return;
    }
    if (header)
        printf("%s%s:\n", printed_something ? "\n" : "", shown);
    printed_something = 1;
    while ((de = readdir(d)) != NULL) {
        if (!wanted(de->d_name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            e = realloc(e, (size_t)cap * sizeof *e);
            if (!e)
                err(2, "out of memory");
        }
        e[n].name = strdup(de->d_name);
        /* The paths below "." read "./x" as GNU's headers do. */
        e[n].path = join(path, de->d_name);
        if (lstat(e[n].path, &e[n].st) < 0) {
            warn("cannot access '%s'", e[n].path);
            status = status ? status : 1;
            free(e[n].name);
            free(e[n].path);
            continue;
        }
        read_link(&e[n]);
        n++;
    }
    closedir(d);
    qsort(e, (size_t)n, sizeof *e, compare);
    ls_print(e, n, 1, NULL, 0);
    if (ls_opt.recursive)
        recurse(e, n);
    free_entries(e, n);
}

/* Is an argument listed as a directory (its contents) rather than a file? */
static int
arg_is_dir(struct ls_entry *e)
{
    struct stat target;

    if (ls_opt.directory)
        return 0;
    if (S_ISDIR(e->st.st_mode))
        return 1;
    /* A link to a directory is followed unless -l or -F asks about the link. */
    if (S_ISLNK(e->st.st_mode) && ls_opt.format != FORMAT_LONG &&
        ls_opt.indicator != IND_CLASSIFY && stat(e->path, &target) == 0 &&
        S_ISDIR(target.st_mode)) {
        e->st = target;
        return 1;
    }
    return 0;
}

static void
list_args(int argc, char **argv)
{
    struct ls_entry *files = calloc((size_t)argc, sizeof *files);
    struct ls_entry *dirs = calloc((size_t)argc, sizeof *dirs);
    int nfiles = 0, ndirs = 0;

    if (!files || !dirs)
        err(2, "out of memory");
    for (int i = 0; i < argc; i++) {
        struct ls_entry e = {.name = strdup(argv[i]), .path = strdup(argv[i])};
        if (lstat(argv[i], &e.st) < 0) {
            warn("cannot access '%s'", argv[i]);
            status = 2;
            free(e.name);
            free(e.path);
            continue;
        }
        if (arg_is_dir(&e)) {
            dirs[ndirs++] = e;
        } else {
            read_link(&e);
            files[nfiles++] = e;
        }
    }
    qsort(files, (size_t)nfiles, sizeof *files, compare);
    qsort(dirs, (size_t)ndirs, sizeof *dirs, compare);
    if (nfiles) {
        ls_print(files, nfiles, 0, dirs, ndirs);
        printed_something = 1;
    }
    for (int i = 0; i < ndirs; i++)
        list_dir(dirs[i].path, dirs[i].name, argc > 1 || ls_opt.recursive, 1);
    free_entries(files, nfiles);
    free_entries(dirs, ndirs);
}

/* The width for -C: COLUMNS, else the terminal's, else 80. */
static int
terminal_width(void)
{
    struct winsize ws;
    const char *c = getenv("COLUMNS");

    if (c && atoi(c) > 0)
        return atoi(c);
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

static const struct option long_options[] = {
    {"color", optional_argument, NULL, 'c' + 256},
    {"colour", optional_argument, NULL, 'c' + 256},
    {"all", no_argument, NULL, 'a'},
    {"almost-all", no_argument, NULL, 'A'},
    {"recursive", no_argument, NULL, 'R'},
    {"directory", no_argument, NULL, 'd'},
    {"human-readable", no_argument, NULL, 'h'},
    {"inode", no_argument, NULL, 'i'},
    {"numeric-uid-gid", no_argument, NULL, 'n'},
    {"reverse", no_argument, NULL, 'r'},
    {"classify", no_argument, NULL, 'F'},
    {NULL, 0, NULL, 0},
};

int
main(int argc, char **argv)
{
    int tty = isatty(STDOUT_FILENO), c;
    const char *when = "auto";
    char *dot[] = {"."};

    ls_opt.format = tty ? FORMAT_COLUMNS : FORMAT_ONE;
    while ((c = getopt_long(argc, argv, "1ACFRSadhilnprtx", long_options, NULL)) != -1) {
        switch (c) {
        case '1': ls_opt.format = FORMAT_ONE; break;
        case 'C': ls_opt.format = FORMAT_COLUMNS; break;
        case 'x': ls_opt.format = FORMAT_ACROSS; break;
        case 'l': ls_opt.format = FORMAT_LONG; break;
        case 'n': ls_opt.format = FORMAT_LONG; ls_opt.numeric = 1; break;
        case 'A': ls_opt.almost_all = 1; break;
        case 'a': ls_opt.all = 1; break;
        case 'F': ls_opt.indicator = IND_CLASSIFY; break;
        case 'p': ls_opt.indicator = IND_SLASH; break;
        case 'R': ls_opt.recursive = 1; break;
        case 'S': ls_opt.sort = SORT_SIZE; break;
        case 't': ls_opt.sort = SORT_TIME; break;
        case 'd': ls_opt.directory = 1; break;
        case 'h': ls_opt.human = 1; break;
        case 'i': ls_opt.inode = 1; break;
        case 'r': ls_opt.reverse = 1; break;
        case 'c' + 256: when = optarg ? optarg : "always"; break;
        default: usage();
        }
    }
    if (strcmp(when, "always") == 0 || strcmp(when, "yes") == 0 || strcmp(when, "force") == 0)
        ls_opt.color = 1;
    else if (strcmp(when, "auto") == 0 || strcmp(when, "tty") == 0 ||
             strcmp(when, "if-tty") == 0)
        ls_opt.color = tty;
    else if (strcmp(when, "never") != 0 && strcmp(when, "no") != 0 &&
             strcmp(when, "none") != 0) {
        warnx("invalid argument '%s' for '--color'", when);
        usage();
    }
    if (ls_opt.format == FORMAT_COLUMNS || ls_opt.format == FORMAT_ACROSS)
        ls_opt.width = terminal_width();
    if (ls_opt.directory)
        ls_opt.recursive = 0;
    if (optind == argc)
        list_args(1, dot);
    else
        list_args(argc - optind, argv + optind);
    if (close_stdout() != 0)
        return 2;
    return status;
}
