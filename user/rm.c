/*
 * rm.c - remove files (POSIX rm: -f, -i, -r/-R; GNU's -d and -v).
 *
 * -r removes a directory's contents depth first, then the directory. "." and
 * ".." (as the last component of an operand) are refused, and so is "/" with
 * -r. -f ignores names that do not exist and never asks; -i asks before each
 * removal and reads the answer from standard input (y or Y means yes).
 */
#include <err.h>
#include <errno.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int force, interactive, recursive, empty_dirs, verbose;

/* Ask a question on stderr; true when the answer starts with y or Y. */
static int
confirm(const char *fmt, const char *what, const char *path)
{
    char line[64];

    fprintf(stderr, fmt, what, path);
    if (!fgets(line, sizeof line, stdin))
        return 0;
    return line[0] == 'y' || line[0] == 'Y';
}

static const char *
kind(const struct stat *st)
{
    if (S_ISDIR(st->st_mode))
        return "directory";
    if (S_ISLNK(st->st_mode))
        return "symbolic link";
    if (S_ISREG(st->st_mode))
        return st->st_size ? "regular file" : "regular empty file";
    return "file";
}

static int remove_path(const char *path);

static int
remove_child(const char *child, void *arg)
{
    (void)arg;
    return remove_path(child);
}

/*
 * Remove everything in the directory at path; -1 if something stayed.
 * dir_each reads all names before the first removal, so that removing does
 * not disturb the reading.
 */
static int
remove_contents(const char *path)
{
    int r = dir_each(path, remove_child, NULL);

    if (r < 0)
        warn("cannot remove '%s'", path);
    return r ? -1 : 0;
}

static int
remove_path(const char *path)
{
    struct stat st;

    if (lstat(path, &st) < 0) {
        if (force && errno == ENOENT)
            return 0;
        warn("cannot remove '%s'", path);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        if (!recursive && !empty_dirs) {
            warnx("cannot remove '%s': Is a directory", path);
            return -1;
        }
        if (recursive) {
            if (interactive && !confirm("rm: descend into %s '%s'? ", "directory", path))
                return 0;
            if (remove_contents(path) < 0)
                return -1;
        }
        if (interactive && !confirm("rm: remove %s '%s'? ", "directory", path))
            return 0;
        if (rmdir(path) < 0) {
            warn("cannot remove '%s'", path);
            return -1;
        }
        if (verbose)
            printf("removed directory '%s'\n", path);
        return 0;
    }
    if (interactive && !confirm("rm: remove %s '%s'? ", kind(&st), path))
        return 0;
    if (unlink(path) < 0) {
        warn("cannot remove '%s'", path);
        return -1;
    }
    if (verbose)
        printf("removed '%s'\n", path);
    return 0;
}

/* Is the last component of path "." or ".."? */
static int
is_dot(const char *path)
{
    size_t n;
    const char *last = path_last(path, &n);

    return (n == 1 && last[0] == '.') || (n == 2 && last[0] == '.' && last[1] == '.');
}

static int
is_root(const char *path)
{
    if (*path != '/')
        return 0;
    while (*path == '/')
        path++;
    return *path == '\0';
}

int
main(int argc, char **argv)
{
    int status = 0, c;

    while ((c = getopt(argc, argv, "fiRrdv")) != -1) {
        switch (c) {
        case 'f': force = 1; interactive = 0; break;
        case 'i': interactive = 1; force = 0; break;
        case 'r':
        case 'R': recursive = 1; break;
        case 'd': empty_dirs = 1; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: rm [-dfirRv] FILE...\n");
            return 1;
        }
    }
    if (optind == argc && !force) {
        fprintf(stderr, "rm: missing operand\n");
        return 1;
    }
    for (int i = optind; i < argc; i++) {
        if (is_dot(argv[i])) {
            warnx("refusing to remove '.' or '..' directory: skipping '%s'", argv[i]);
            status = 1;
        } else if (recursive && is_root(argv[i])) {
            warnx("it is dangerous to operate recursively on '%s'", argv[i]);
            status = 1;
        } else if (remove_path(argv[i]) < 0) {
            status = 1;
        }
    }
    return status;
}
