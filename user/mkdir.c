/*
 * mkdir.c - make directories (POSIX mkdir: -p, -m MODE; GNU's -v).
 *
 * -m takes an octal or symbolic mode (setmode), applied to a=rwx; the mode is
 * set with chmod after the directory is made, so that the umask does not
 * reduce it. -p makes missing parents with the default mode (u+wx added, as
 * POSIX requires) and accepts a directory that exists.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int verbose;

/* Make one directory; print it with -v. */
static int
make_one(const char *path, mode_t mode, int explicit_mode)
{
    if (mkdir(path, mode) < 0)
        return -1;
    if (explicit_mode && chmod(path, mode) < 0)
        return -1;
    if (verbose)
        printf("mkdir: created directory '%s'\n", path);
    return 0;
}

/* -p: make every missing directory of path, the last one with mode. */
static int
make_parents(char *path, mode_t mode, int explicit_mode)
{
    mode_t mask = umask(0), parent_mode;
    struct stat st;

    umask(mask);
    parent_mode = (0777 & ~mask) | S_IWUSR | S_IXUSR;
    for (char *p = path + 1; *p; p++) {
        if (*p != '/' || p[-1] == '/')
            continue;
        *p = '\0';
        if (stat(path, &st) < 0 && make_one(path, parent_mode, 1) < 0 && errno != EEXIST) {
            warn("cannot create directory '%s'", path);
            *p = '/';
            return -1;
        }
        *p = '/';
    }
    if (make_one(path, mode, explicit_mode) == 0)
        return 0;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return 0;
    warn("cannot create directory '%s'", path);
    return -1;
}

int
main(int argc, char **argv)
{
    int parents = 0, status = 0, c;
    const char *mode_arg = NULL;
    mode_t mode = 0777;

    while ((c = getopt(argc, argv, "pm:v")) != -1) {
        switch (c) {
        case 'p': parents = 1; break;
        case 'm': mode_arg = optarg; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: mkdir [-pv] [-m MODE] DIRECTORY...\n");
            return 1;
        }
    }
    if (optind == argc) {
        fprintf(stderr, "mkdir: missing operand\n");
        return 1;
    }
    if (mode_arg) {
        void *set = setmode(mode_arg);
        if (!set)
            errx(1, "invalid mode '%s'", mode_arg);
        mode = getmode(set, 0777) & 07777;
        free(set);
    }
    for (int i = optind; i < argc; i++) {
        if (parents) {
            char *copy = strdup(argv[i]);
            if (!copy || make_parents(copy, mode, mode_arg != NULL) < 0)
                status = 1;
            free(copy);
        } else if (make_one(argv[i], mode, mode_arg != NULL) < 0) {
            warn("cannot create directory '%s'", argv[i]);
            status = 1;
        }
    }
    return status;
}
