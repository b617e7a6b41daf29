/*
 * chmod.c - change file modes (POSIX chmod: -R; GNU's -v, -c, -f).
 *
 * The mode is octal or symbolic (setmode/getmode in libc). Because a mode
 * such as "-w" looks like an option, the options are read by hand: words of
 * option letters up to the first word that is not one, which is the mode.
 * -R walks each directory without following symbolic links (they have no
 * mode of their own to change); operands that are links are followed.
 * As in GNU, a directory keeps its set-user-ID and set-group-ID bits unless
 * the mode names them: a symbolic mode with s, or an octal one of five digits
 * ("00755"); a shorter octal mode can set them but not clear them.
 */
#include <err.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int recursive, verbose, changes, quiet;
static void *mode_set;
static const char *mode_str;

/* The new mode of a directory, with its set-id bits kept when mode_str does not name them. */
static mode_t
dir_mode(mode_t old, mode_t new)
{
    size_t digits = strspn(mode_str, "01234567");

    if (mode_str[digits] == '\0' && digits >= 5)
        return new; /* a full octal mode says everything */
    if (mode_str[digits] == '\0')
        return new | (old & (S_ISUID | S_ISGID));
    if (strchr(mode_str, 's'))
        return new;
    return (new & ~(mode_t)(S_ISUID | S_ISGID)) | (old & (S_ISUID | S_ISGID));
}

static void
describe(const char *path, mode_t old, mode_t new)
{
    char a[12], b[12];

    strmode(old, a);
    strmode(new, b);
    a[10] = b[10] = '\0';
    if (old == new) {
        if (verbose)
            printf("mode of '%s' retained as %04o (%s)\n", path, old & 07777, a + 1);
        return;
    }
    if (verbose || changes)
        printf("mode of '%s' changed from %04o (%s) to %04o (%s)\n", path, old & 07777, a + 1,
               new & 07777, b + 1);
}

static int change(const char *path, int top);

static int
change_child(const char *child, void *arg)
{
    (void)arg;
    return change(child, 0);
}

/* Change everything below the directory path (-R). */
static int
change_tree(const char *path)
{
    int r = dir_each(path, change_child, NULL);

    if (r < 0 && !quiet)
        warn("cannot read directory '%s'", path);
    return r ? -1 : 0;
}

static int
change(const char *path, int top)
{
    struct stat st;
    mode_t mode;

    if ((top ? stat(path, &st) : lstat(path, &st)) < 0) {
        if (!quiet)
            warn("cannot access '%s'", path);
        return -1;
    }
    if (S_ISLNK(st.st_mode))
        return 0;
    mode = getmode(mode_set, st.st_mode);
    if (S_ISDIR(st.st_mode))
        mode = dir_mode(st.st_mode, mode);
    if ((mode & 07777) != (st.st_mode & 07777) && chmod(path, mode & 07777) < 0) {
        if (!quiet)
            warn("changing permissions of '%s'", path);
        return -1;
    }
    describe(path, st.st_mode, (st.st_mode & S_IFMT) | (mode & 07777));
    if (recursive && S_ISDIR(st.st_mode))
        return change_tree(path);
    return 0;
}

static void
usage(void)
{
    fprintf(stderr, "usage: chmod [-Rcfv] MODE FILE...\n");
    exit(1);
}

int
main(int argc, char **argv)
{
    int i, status = 0;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *p = argv[i] + 1;
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        if (p[strspn(p, "Rvcf")] != '\0')
            break; /* not options: the mode, such as "-w" */
        for (; *p; p++) {
            if (*p == 'R')
                recursive = 1;
            else if (*p == 'v')
                verbose = 1;
            else if (*p == 'c')
                changes = 1;
            else
                quiet = 1;
        }
    }
    if (i >= argc)
        usage();
    mode_str = argv[i];
    mode_set = setmode(mode_str);
    if (!mode_set)
        errx(1, "invalid mode: '%s'", argv[i]);
    if (++i >= argc) {
        warnx("missing operand after '%s'", argv[i - 1]);
        usage();
    }
    for (; i < argc; i++)
        if (change(argv[i], 1) < 0)
            status = 1;
    free(mode_set);
    return status;
}
