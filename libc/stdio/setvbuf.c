/*
 * setvbuf.c - choosing how a stream is buffered: setvbuf, setbuf,
 * setbuffer, setlinebuf.
 *
 * _IONBF gives the stream its one-byte buffer (writes go through at once,
 * reads take one byte at a time, so nothing is read beyond what the program
 * asked for); _IOLBF and _IOFBF use the caller's buffer, or keep the current
 * one, or (for a stream that had only its one byte) allocate BUFSIZ bytes
 * that fclose frees. POSIX allows the call only before the first I/O; here
 * pending output is written first, and unread input is given back to the
 * file (as fflush does), so a later call works too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "stdio_impl.h"

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
    unsigned char *newbuf = NULL;

    if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF) {
        errno = EINVAL;
        return -1;
    }
    if (mode != _IONBF) {
        if (buf && size > 0) {
            newbuf = (unsigned char *)buf;
        } else if (f->buf == &f->tiny || !f->buf) {
            newbuf = malloc(BUFSIZ);
            if (!newbuf)
                return -1;
            size = BUFSIZ;
        }
    }
    if (__stdio_drain(f) == EOF) {
        if (newbuf && newbuf != (unsigned char *)buf)
            free(newbuf);
        return -1;
    }
    if (newbuf || mode == _IONBF) {
        if (f->flags & F_BUFOWN)
            free(f->buf);
        f->flags &= ~F_BUFOWN;
        if (mode == _IONBF) {
            f->buf = &f->tiny;
            f->size = 1;
        } else {
            f->buf = newbuf;
            f->size = size;
            if (newbuf != (unsigned char *)buf)
                f->flags |= F_BUFOWN;
        }
    }
    f->flags &= ~(F_UNBUF | F_LINEBUF | F_TTYCHECK);
    if (mode == _IONBF)
        f->flags |= F_UNBUF;
    else if (mode == _IOLBF)
        f->flags |= F_LINEBUF;
    return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setbuffer(FILE *restrict f, char *restrict buf, size_t size)
{
    setvbuf(f, buf, buf ? _IOFBF : _IONBF, size);
}

void setlinebuf(FILE *f)
{
    setvbuf(f, NULL, _IOLBF, 0);
}
