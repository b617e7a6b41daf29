/*
 * ungetc.c - pushing a byte back onto an input stream.
 *
 * The byte goes into the read-ahead buffer (stdio_impl.h), just before the
 * next byte to hand out, so that every reading function (getc, fgets, fread,
 * getdelim, scanf) returns it first without knowing about pushback. When the
 * buffer is empty the byte takes its last slot. That gives at least one byte
 * of pushback on every stream (an unbuffered one has a one-byte buffer);
 * more works while there is room before the unread data. The stream's
 * position moves back by one, as POSIX says, and a seek or fflush drops the
 * pushed-back bytes (they are not in the file).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "stdio_impl.h"

int ungetc(int c, FILE *f)
{
    if (c == EOF || !(f->flags & F_READ))
        return EOF;
    if (f->mode == 'w' && __stdio_drain(f) == EOF)
        return EOF;
    if (f->mode != 'r' || f->pos >= f->len) {
        /* Nothing unread: the buffer is all free. */
        f->mode = 'r';
        f->pos = f->len = f->size;
    } else if (f->pos == 0) {
        /* Unread data fills the front: shift it up when there is room behind it. */
        if (f->len == f->size)
            return EOF;
        memmove(f->buf + 1, f->buf, f->len);
        f->len++;
        f->pos = 1;
    }
    f->buf[--f->pos] = (unsigned char)c;
    f->flags &= ~F_EOF;
    return (unsigned char)c;
}
