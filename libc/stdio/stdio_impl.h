/*
 * stdio_impl.h - the inside of a FILE, shared by the files of libc/stdio/
 * (stdio.c holds the core: buffers, reading, writing, seeking; the others
 * build on it). Not part of libc's interface.
 *
 * A stream's buffer holds either data read ahead (mode 'r': bytes pos..len
 * not yet consumed) or data waiting to be written (mode 'w': len bytes),
 * never both. ungetc puts a byte back into the read-ahead data, so every
 * reading function sees it without knowing about pushback.
 */
#ifndef LIBC_STDIO_IMPL_H
#define LIBC_STDIO_IMPL_H

#include <stddef.h>
#include <stdio.h>

enum {
    F_READ = 1,       /* opened for reading */
    F_WRITE = 2,      /* opened for writing */
    F_EOF = 4,        /* end of file seen */
    F_ERR = 8,        /* an I/O error happened */
    F_LINEBUF = 16,   /* flush at each newline */
    F_UNBUF = 32,     /* no buffer: write through, read a byte at a time */
    F_ALLOCATED = 64, /* from fopen/fdopen: freed by fclose */
    F_TTYCHECK = 128, /* line-buffer if the file turns out to be a terminal (first write) */
    F_BUFOWN = 256    /* buf was malloc'ed by setvbuf: freed by fclose */
};

struct __file {
    int fd;
    int flags;
    char mode;            /* 0: buffer empty; 'r': read-ahead data; 'w': pending output */
    unsigned char *buf;
    size_t size;          /* capacity of buf */
    size_t len;           /* 'r': bytes in buf; 'w': bytes waiting */
    size_t pos;           /* 'r': next byte to hand out */
    unsigned char tiny;   /* the one-byte buffer of an unbuffered stream */
    struct __file *next;  /* every open stream, for fflush(NULL) */
};

/* Empty the buffer: write pending output, or give unread input back to the file. 0 or EOF. */
int __stdio_drain(FILE *f);

/* Read more input into an empty buffer; 0, or EOF at the end of the file or on error. */
int __stdio_refill(FILE *f);

/* Parse an fopen mode into open() flags (*oflags) and F_* flags (*fflags); -1 (EINVAL) if invalid. */
int __stdio_parse_mode(const char *mode, int *oflags, int *fflags);

#endif
