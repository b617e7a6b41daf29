/*
 * freopen.c - pointing an open stream at another file (freopen) and the
 * anonymous temporary file (tmpfile).
 *
 * freopen keeps the stream's descriptor number: the new file is opened and
 * then moved onto the old descriptor with dup2, so freopen(path, "w",
 * stdout) also redirects what child processes write to descriptor 1. With
 * a NULL path only the mode changes, on the same open file: the access
 * mode must be one the descriptor allows, and "a" turns on O_APPEND.
 * On failure the stream is closed, as POSIX says.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "stdio_impl.h"

/* Make fd's open-file flags fit the mode; -1 (EBADF) when its access mode is too narrow. */
static int change_mode(int fd, int oflags)
{
    int cur = fcntl(fd, F_GETFL);

    if (cur < 0)
        return -1;
    if ((oflags & O_ACCMODE) != (cur & O_ACCMODE) && (cur & O_ACCMODE) != O_RDWR) {
        errno = EBADF;
        return -1;
    }
    if (fcntl(fd, F_SETFL, (cur & ~O_APPEND) | (oflags & O_APPEND)) < 0)
        return -1;
    if ((oflags & O_CLOEXEC) && fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
        return -1;
    return 0;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
    int oflags, fflags, fd;

    fflush(f);
    if (__stdio_parse_mode(mode, &oflags, &fflags) < 0)
        goto bad;
    if (!path) {
        if (change_mode(f->fd, oflags) < 0)
            goto bad;
    } else {
        fd = open(path, oflags, 0666);
        if (fd < 0)
            goto bad;
        if (f->fd >= 0 && fd != f->fd) {
            if (dup2(fd, f->fd) < 0) {
                close(fd);
                goto bad;
            }
            close(fd);
            if (oflags & O_CLOEXEC)
                fcntl(f->fd, F_SETFD, FD_CLOEXEC);
        } else {
            f->fd = fd;
        }
    }
    f->mode = 0;
    f->len = f->pos = 0;
    f->flags &= F_ALLOCATED | F_BUFOWN | F_UNBUF;
    f->flags |= fflags;
    if (!(f->flags & F_UNBUF))
        f->flags |= F_TTYCHECK;
    return f;

bad:
    {
        int saved = errno;
        fclose(f);
        errno = saved;
    }
    return NULL;
}

FILE *tmpfile(void)
{
    char name[] = "/tmp/tmpfXXXXXX";
    int fd = mkstemp(name);
    FILE *f;

    if (fd < 0)
        return NULL;
    unlink(name); /* the file lives until its last descriptor is closed */
    f = fdopen(fd, "w+");
    if (!f)
        close(fd);
    return f;
}
