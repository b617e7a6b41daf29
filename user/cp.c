/*
 * cp.c - copy files and directories (POSIX cp: -R/-r, -p, -f, -i, -P, -L;
 * GNU's -a, -n, -v).
 *
 * "cp SRC DST" copies to DST, or into DST when it is a directory; "cp SRC...
 * DIR" copies each into DIR. A directory needs -r; its copy is made with
 * owner rights first, filled, and then given the source's mode (less the
 * umask, unless -p). Symbolic links are copied as links with -r, -a or -P
 * and followed otherwise (or always with -L). -p keeps the mode, the times
 * and, for root, the owner. An existing destination file is truncated and
 * written; with -f one that cannot be opened is removed and made again.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static int recursive, preserve, force, interactive, no_clobber, verbose;
static int follow_links = -1; /* -1: by default, which depends on -r */
static mode_t saved_umask;

static int copy(const char *src, const char *dst);

/* Copy the entry child of a directory into the directory dst (copy_dir). */
static int
copy_child(const char *child, void *dst)
{
    char *t = path_into(dst, child);
    int r;

    if (!t)
        err(1, "out of memory");
    r = copy(child, t);
    free(t);
    return r;
}

static int
confirm(const char *dst)
{
    char line[64];

    fprintf(stderr, "cp: overwrite '%s'? ", dst);
    return fgets(line, sizeof line, stdin) && (line[0] == 'y' || line[0] == 'Y');
}

/* -p: the source's times, and its owner when we are root; then its mode. */
static void
preserve_attrs(const char *dst, const struct stat *st)
{
    struct timeval tv[2] = {
        {.tv_sec = st->st_atim.tv_sec, .tv_usec = st->st_atim.tv_nsec / 1000},
        {.tv_sec = st->st_mtim.tv_sec, .tv_usec = st->st_mtim.tv_nsec / 1000},
    };

    if (geteuid() == 0 && chown(dst, st->st_uid, st->st_gid) < 0)
        warn("failed to preserve ownership for '%s'", dst);
    if (chmod(dst, st->st_mode & 07777) < 0)
        warn("failed to preserve permissions for '%s'", dst);
    if (utimes(dst, tv) < 0)
        warn("failed to preserve times for '%s'", dst);
}

static int
copy_data(int in, int out, const char *src, const char *dst)
{
    static char buf[65536];
    ssize_t n;

    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t done = 0; done < n; ) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0) {
                warn("error writing '%s'", dst);
                return -1;
            }
            done += w;
        }
    }
    if (n < 0) {
        warn("error reading '%s'", src);
        return -1;
    }
    return 0;
}

static int
copy_file(const char *src, const char *dst, const struct stat *st, int dst_exists)
{
    int in, out, r;

    in = open(src, O_RDONLY);
    if (in < 0) {
        warn("cannot open '%s' for reading", src);
        return -1;
    }
    out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
    if (out < 0 && force && dst_exists && unlink(dst) == 0)
        out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 0777);
    if (out < 0) {
        warn("cannot create regular file '%s'", dst);
        close(in);
        return -1;
    }
    r = copy_data(in, out, src, dst);
    close(in);
    if (close(out) < 0 && r == 0) {
        warn("error writing '%s'", dst);
        r = -1;
    }
    return r;
}

/* Is the directory dst_parent src itself or below it? (Copying would never end.) */
static int
inside(const char *src, const char *dst)
{
    char *rs = realpath(src, NULL), *parent = strdup(dst), *slash, *rp;
    int r = 0;

    if (!rs || !parent)
        goto out;
    slash = strrchr(parent, '/');
    if (slash)
        *slash = '\0';
    rp = realpath(slash ? (parent[0] ? parent : "/") : ".", NULL);
    if (rp) {
        size_t n = strlen(rs);
        r = strncmp(rp, rs, n) == 0 && (rp[n] == '\0' || rp[n] == '/' || n == 1);
        free(rp);
    }
out:
    free(rs);
    free(parent);
    return r;
}

static int
copy_dir(const char *src, const char *dst, const struct stat *st, const struct stat *dst_st)
{
    int status, made = 0;

    if (!recursive) {
        warnx("-r not specified; omitting directory '%s'", src);
        return -1;
    }
    if (inside(src, dst)) {
        warnx("cannot copy a directory, '%s', into itself, '%s'", src, dst);
        return -1;
    }
    if (dst_st && !S_ISDIR(dst_st->st_mode)) {
        warnx("cannot overwrite non-directory '%s' with directory '%s'", dst, src);
        return -1;
    }
    if (!dst_st) {
        if (mkdir(dst, (st->st_mode & 07777) | S_IRWXU) < 0) {
            warn("cannot create directory '%s'", dst);
            return -1;
        }
        made = 1;
    }
    if (verbose)
        printf("'%s' -> '%s'\n", src, dst);
    status = dir_each(src, copy_child, (void *)dst);
    if (status < 0) {
        warn("cannot access '%s'", src);
        return -1;
    }
    if (preserve)
        preserve_attrs(dst, st);
    else if (made && chmod(dst, st->st_mode & 07777 & ~saved_umask) < 0)
        warn("cannot set permissions of '%s'", dst);
    return status ? -1 : 0;
}

static int
copy_link(const char *src, const char *dst, int dst_exists)
{
    char target[PATH_MAX];
    ssize_t n = readlink(src, target, sizeof target - 1);

    if (n < 0) {
        warn("cannot read symbolic link '%s'", src);
        return -1;
    }
    target[n] = '\0';
    if (dst_exists && unlink(dst) < 0) {
        warn("cannot remove '%s'", dst);
        return -1;
    }
    if (symlink(target, dst) < 0) {
        warn("cannot create symbolic link '%s'", dst);
        return -1;
    }
    return 0;
}

/* Copy src to dst (the final name of the copy). */
static int
copy(const char *src, const char *dst)
{
    struct stat st, dst_st;
    int follow = follow_links > 0 || (follow_links < 0 && !recursive);
    int dst_exists, r;

    if ((follow ? stat(src, &st) : lstat(src, &st)) < 0) {
        warn("cannot stat '%s'", src);
        return -1;
    }
    dst_exists = lstat(dst, &dst_st) == 0;
    if (dst_exists && !S_ISLNK(dst_st.st_mode) && dst_st.st_dev == st.st_dev &&
        dst_st.st_ino == st.st_ino) {
        warnx("'%s' and '%s' are the same file", src, dst);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        struct stat target;
        int is_dir = dst_exists && stat(dst, &target) == 0;
        return copy_dir(src, dst, &st, is_dir ? &target : (dst_exists ? &dst_st : NULL));
    }
    if (dst_exists) {
        if (S_ISDIR(dst_st.st_mode)) {
            warnx("cannot overwrite directory '%s' with non-directory", dst);
            return -1;
        }
        if (no_clobber)
            return 0;
        if (interactive && !confirm(dst))
            return 0;
    }
    if (S_ISLNK(st.st_mode)) {
        r = copy_link(src, dst, dst_exists);
    } else if (recursive && !S_ISREG(st.st_mode)) {
        /* Devices and fifos inside a tree are made again, not read. */
        if (dst_exists)
            unlink(dst);
        r = mknod(dst, st.st_mode & ~saved_umask, st.st_rdev);
        if (r < 0)
            warn("cannot create special file '%s'", dst);
    } else {
        r = copy_file(src, dst, &st, dst_exists);
    }
    if (r == 0 && preserve && !S_ISLNK(st.st_mode))
        preserve_attrs(dst, &st);
    if (r == 0 && verbose)
        printf("'%s' -> '%s'\n", src, dst);
    return r;
}

static void
usage(void)
{
    fprintf(stderr, "usage: cp [-RrapfinvPL] SOURCE DEST | SOURCE... DIRECTORY\n");
    exit(1);
}

int
main(int argc, char **argv)
{
    struct stat st;
    int status = 0, n, c, dest_is_dir;
    const char *dest;

    while ((c = getopt(argc, argv, "RrapfinvPLd")) != -1) {
        switch (c) {
        case 'R':
        case 'r': recursive = 1; break;
        case 'a': recursive = 1; preserve = 1; follow_links = 0; break;
        case 'p': preserve = 1; break;
        case 'f': force = 1; interactive = 0; no_clobber = 0; break;
        case 'i': interactive = 1; no_clobber = 0; break;
        case 'n': no_clobber = 1; interactive = 0; break;
        case 'v': verbose = 1; break;
        case 'd':
        case 'P': follow_links = 0; break;
        case 'L': follow_links = 1; break;
        default: usage();
        }
    }
    n = argc - optind;
    if (n < 1) {
        warnx("missing file operand");
        usage();
    }
    if (n < 2) {
        warnx("missing destination file operand after '%s'", argv[optind]);
        usage();
    }
    saved_umask = umask(0);
    umask(saved_umask);
    dest = argv[argc - 1];
    dest_is_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);
    if (n > 2 && !dest_is_dir) {
        if (stat(dest, &st) < 0)
            err(1, "target '%s'", dest);
        errx(1, "target '%s' is not a directory", dest);
    }
    for (int i = optind; i < argc - 1; i++) {
        if (dest_is_dir) {
            char *path = path_into(dest, argv[i]);
            if (!path)
                err(1, "out of memory");
            if (copy(argv[i], path) < 0)
                status = 1;
            free(path);
        } else if (copy(argv[i], dest) < 0) {
            status = 1;
        }
    }
    return status;
}
