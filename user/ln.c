/*
 * ln.c - make links (POSIX ln: -s, -f; GNU's -n and -v).
 *
 * "ln TARGET" links into the working directory, "ln TARGET LINK" makes LINK,
 * and "ln TARGET... DIR" makes DIR/<last component of TARGET> for each. A
 * last operand that is a symbolic link to a directory counts as a directory
 * unless -n is given. -f removes an existing destination first.
 */
#include <err.h>
#include <errno.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int symbolic, force, no_deref, verbose;

static int
make_link(const char *target, const char *link_path)
{
    struct stat st;

    if (force && lstat(link_path, &st) == 0) {
        struct stat t;
        if (!symbolic && stat(target, &t) == 0 && t.st_dev == st.st_dev &&
            t.st_ino == st.st_ino) {
            warnx("'%s' and '%s' are the same file", target, link_path);
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            warnx("%s: cannot overwrite directory", link_path);
            return -1;
        }
        if (unlink(link_path) < 0) {
            warn("cannot remove '%s'", link_path);
            return -1;
        }
    }
    if ((symbolic ? symlink(target, link_path) : link(target, link_path)) < 0) {
        if (symbolic)
            warn("failed to create symbolic link '%s'", link_path);
        else if (errno == ENOENT && lstat(target, &st) < 0)
            warn("failed to access '%s'", target);
        else
            warn("failed to create hard link '%s' => '%s'", link_path, target);
        return -1;
    }
    if (verbose)
        printf("'%s' %s '%s'\n", link_path, symbolic ? "->" : "=>", target);
    return 0;
}

/* Is path a directory to link into (a link to one only without -n)? */
static int
is_target_dir(const char *path)
{
    struct stat st;

    if (no_deref && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        return 0;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
link_into(const char *target, const char *dir)
{
    char *path = path_into(dir, target);
    int r;

    if (!path)
        err(1, "out of memory");
    r = make_link(target, path);
    free(path);
    return r;
}

int
main(int argc, char **argv)
{
    int status = 0, n, c;

    while ((c = getopt(argc, argv, "sfnv")) != -1) {
        switch (c) {
        case 's': symbolic = 1; break;
        case 'f': force = 1; break;
        case 'n': no_deref = 1; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: ln [-fnsv] TARGET [LINK] | TARGET... DIRECTORY\n");
            return 1;
        }
    }
    n = argc - optind;
    if (n == 0) {
        fprintf(stderr, "ln: missing file operand\n");
        return 1;
    }
    if (n == 1)
        return link_into(argv[optind], ".") < 0;
    if (is_target_dir(argv[argc - 1])) {
        for (int i = optind; i < argc - 1; i++)
            if (link_into(argv[i], argv[argc - 1]) < 0)
                status = 1;
        return status;
    }
    if (n > 2) {
        warnx("target '%s' is not a directory", argv[argc - 1]);
        return 1;
    }
    return make_link(argv[optind], argv[optind + 1]) < 0;
}
