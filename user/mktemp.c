/*
 * mktemp.c - make a unique temporary file or directory and print its name
 * (GNU mktemp: -d, -q, -u, -p DIR, -t, TEMPLATE).
 *
 * The template ends in at least six X's: mkstemp/mkdtemp replace the last
 * six (and make the name unique), mktemp fills any before them with random
 * characters too, as GNU does. Without a template it is "tmp.XXXXXXXXXX" in
 * $TMPDIR or /tmp; a template is used as given unless -p or -t puts it in
 * that directory.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* The minimum of trailing X's: the six that mkstemp replaces. */
#define MIN_XS 6

/* Fill the X's before the last six of path's trailing run with random characters. */
static void
fill_extra_xs(char *path)
{
    static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t end = strlen(path) - MIN_XS, start = end;
    unsigned char r;

    while (start > 0 && path[start - 1] == 'X')
        start--;
    for (size_t i = start; i < end; i++) {
        if (getrandom(&r, 1, 0) != 1)
            r = (unsigned char)(i * 7 + 3);
        path[i] = chars[r % (sizeof chars - 1)];
    }
}

int
main(int argc, char **argv)
{
    int dir = 0, quiet = 0, dry = 0, in_tmpdir = 0, c;
    const char *tmpdir = NULL, *template = "tmp.XXXXXXXXXX";
    char *path;
    size_t n;

    while ((c = getopt(argc, argv, "dqup:t")) != -1) {
        switch (c) {
        case 'd': dir = 1; break;
        case 'q': quiet = 1; break;
        case 'u': dry = 1; break;
        case 'p': tmpdir = optarg; in_tmpdir = 1; break;
        case 't': in_tmpdir = 1; break;
        default:
            fprintf(stderr, "usage: mktemp [-dqtu] [-p DIR] [TEMPLATE]\n");
            return 1;
        }
    }
    if (argc - optind > 1)
        errx(1, "too many templates");
    if (optind < argc)
        template = argv[optind];
    else
        in_tmpdir = 1;
    n = strlen(template);
    if (n < MIN_XS || strcmp(template + n - MIN_XS, "XXXXXX") != 0) {
        if (!quiet)
            warnx("too few X's in template '%s'", template);
        return 1;
    }
    if (in_tmpdir) {
        if (!tmpdir || !*tmpdir)
            tmpdir = getenv("TMPDIR");
        if (!tmpdir || !*tmpdir)
            tmpdir = "/tmp";
        path = malloc(strlen(tmpdir) + n + 2);
        if (path)
            sprintf(path, "%s/%s", tmpdir, template);
    } else {
        path = strdup(template);
    }
    if (!path)
        err(1, "out of memory");
    fill_extra_xs(path);
    if (dir) {
        if (!mkdtemp(path)) {
            if (!quiet)
                warn("failed to create directory via template '%s'", path);
            return 1;
        }
    } else {
        int fd = mkstemp(path);
        if (fd < 0) {
            if (!quiet)
                warn("failed to create file via template '%s'", path);
            return 1;
        }
        close(fd);
    }
    /* -u: only the name is wanted; the file made to reserve it goes again. */
    if (dry && (dir ? rmdir(path) : unlink(path)) < 0)
        warn("cannot remove '%s'", path);
    puts(path);
    return 0;
}
