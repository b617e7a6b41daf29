/*
 * rmdir.c - remove empty directories (POSIX rmdir: -p; GNU's -v).
 * -p removes each directory named by the path, from the last component up:
 * "rmdir -p a/b/c" removes a/b/c, a/b and a.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int verbose;

static int
remove_one(const char *path)
{
    if (verbose)
        printf("rmdir: removing directory, '%s'\n", path);
    if (rmdir(path) < 0) {
        warn("failed to remove '%s'", path);
        return -1;
    }
    return 0;
}

/* -p: remove path, then each parent named in it, stopping at the first failure. */
static int
remove_parents(char *path)
{
    char *slash;

    if (remove_one(path) < 0)
        return -1;
    for (;;) {
        /* Drop the last component and any slashes before it. */
        slash = strrchr(path, '/');
        while (slash && slash > path && slash[1] == '\0') {
            *slash = '\0';
            slash = strrchr(path, '/');
        }
        if (!slash || slash == path)
            return 0;
        while (slash > path && slash[-1] == '/')
            slash--;
        *slash = '\0';
        if (remove_one(path) < 0)
            return -1;
    }
}

int
main(int argc, char **argv)
{
    int parents = 0, status = 0, c;

    while ((c = getopt(argc, argv, "pv")) != -1) {
        switch (c) {
        case 'p': parents = 1; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: rmdir [-pv] DIRECTORY...\n");
            return 1;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "rmdir: missing operand\n");
        return 1;
    }
    for (int i = optind; i < argc; i++) {
        char *copy = strdup(argv[i]);
        if (!copy)
            err(1, "out of memory");
        if ((parents ? remove_parents(copy) : remove_one(copy)) < 0)
            status = 1;
        free(copy);
    }
    return status;
}
