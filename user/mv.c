/*
 * mv.c - move (rename) files (POSIX mv: -f, -i; GNU's -n and -v).
 *
 * "mv SRC DST" renames SRC to DST, or into DST when it is a directory; "mv
 * SRC... DIR" moves each into DIR. rename() does the work within a file
 * system; across file systems (EXDEV) the move is a copy and a removal: mv
 * runs "cp -a" and then "rm -rf" on the source, so that the copy keeps what
 * a rename keeps (mode, owner, times, links as links).
 */
#include <err.h>
#include <errno.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int interactive, no_clobber, verbose;

/* Run a program found in PATH with its arguments; true when it exits with 0. */
static int
run(char *const argv[])
{
    int status;
    pid_t pid = fork();

    if (pid < 0) {
        warn("fork");
        return 0;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        warn("cannot run %s", argv[0]);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int
move_across(const char *src, const char *dst, int dst_exists)
{
    char *cp_argv[] = {"cp", "-a", "--", (char *)src, (char *)dst, NULL};
    char *rm_argv[] = {"rm", "-rf", "--", (char *)src, NULL};
    char *rm_dst[] = {"rm", "-rf", "--", (char *)dst, NULL};
    struct stat st;

    /* As rename would, replace an existing destination (an empty directory or a file). */
    if (dst_exists && lstat(dst, &st) == 0 && !run(rm_dst))
        return -1;
    if (!run(cp_argv) || !run(rm_argv))
        return -1;
    return 0;
}

static int
move(const char *src, const char *dst)
{
    struct stat s, d;
    int dst_exists;

    if (lstat(src, &s) < 0) {
        warn("cannot stat '%s'", src);
        return -1;
    }
    dst_exists = lstat(dst, &d) == 0;
    if (dst_exists) {
        if (s.st_dev == d.st_dev && s.st_ino == d.st_ino) {
            warnx("'%s' and '%s' are the same file", src, dst);
            return -1;
        }
        if (no_clobber)
            return 0;
        if (interactive) {
            char line[64];
            fprintf(stderr, "mv: overwrite '%s'? ", dst);
            if (!fgets(line, sizeof line, stdin) || (line[0] != 'y' && line[0] != 'Y'))
                return 0;
        }
        if (S_ISDIR(d.st_mode) && !S_ISDIR(s.st_mode)) {
            warnx("cannot overwrite directory '%s' with non-directory", dst);
            return -1;
        }
        if (!S_ISDIR(d.st_mode) && S_ISDIR(s.st_mode)) {
            warnx("cannot overwrite non-directory '%s' with directory '%s'", dst, src);
            return -1;
        }
    }
    if (rename(src, dst) < 0) {
        if (errno == EXDEV) {
            if (move_across(src, dst, dst_exists) < 0)
                return -1;
        } else if (errno == EINVAL) {
            warnx("cannot move '%s' to a subdirectory of itself, '%s'", src, dst);
            return -1;
        } else {
            warn("cannot move '%s' to '%s'", src, dst);
            return -1;
        }
    }
    if (verbose)
        printf("renamed '%s' -> '%s'\n", src, dst);
    return 0;
}

/* dir/<last component of path>, ignoring trailing slashes. */
static char *
into(const char *dir, const char *path)
{
    char *p = path_into(dir, path);

    if (!p)
        err(1, "out of memory");
    return p;
}

int
main(int argc, char **argv)
{
    struct stat st;
    int status = 0, n, c, dest_is_dir;
    const char *dest;

    while ((c = getopt(argc, argv, "finv")) != -1) {
        switch (c) {
        case 'f': interactive = 0; no_clobber = 0; break; /* never asks */
        case 'i': interactive = 1; no_clobber = 0; break;
        case 'n': no_clobber = 1; interactive = 0; break;
        case 'v': verbose = 1; break;
        default:
            fprintf(stderr, "usage: mv [-finv] SOURCE DEST | SOURCE... DIRECTORY\n");
            return 1;
        }
    }
    n = argc - optind;
    if (n < 2) {
        fprintf(stderr, n ? "mv: missing destination file operand after '%s'\n"
                          : "mv: missing file operand\n",
                n ? argv[optind] : "");
        return 1;
    }
    dest = argv[argc - 1];
    dest_is_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !dest_is_dir)
        errx(1, "target '%s' is not a directory", dest);
    for (int i = optind; i < argc - 1; i++) {
        if (dest_is_dir) {
            char *path = into(dest, argv[i]);
            if (move(argv[i], path) < 0)
                status = 1;
            free(path);
        } else if (move(argv[i], dest) < 0) {
            status = 1;
        }
    }
    return status;
}
