/*
 * stdio.c - buffered streams: stdin, stdout, stderr and fopen'ed files;
 * reading, writing, seeking, flushing.
 *
 * A stream's buffer holds either data read ahead (mode 'r': bytes pos..len
 * not yet consumed) or data waiting to be written (mode 'w': len bytes), never
 * both: switching direction flushes pending output or gives unread input back
 * to the file (by seeking back over it). Line-buffered streams are flushed
 * after a write that contains a newline; unbuffered ones (stderr) write
 * through at once. A stream is line-buffered when its file is a terminal,
 * which is decided at its first write (so stdout is line-buffered on the
 * console and fully buffered into a pipe or a file, as in glibc). Before
 * stdin reads, stdout is flushed, so that a prompt appears before the
 * program waits. exit() flushes every stream through __stdio_exit. ungetc
 * puts a byte back into the read-ahead data: into the slot the byte came
 * from, or, in an empty buffer, into its last slot.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "stdio_impl.h"

static unsigned char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];

static struct __file std_streams[3] = {
    {.fd = 0, .flags = F_READ, .buf = stdin_buf, .size = BUFSIZ, .next = &std_streams[1]},
    {.fd = 1, .flags = F_WRITE | F_TTYCHECK, .buf = stdout_buf, .size = BUFSIZ,
     .next = &std_streams[2]},
    {.fd = 2, .flags = F_WRITE | F_UNBUF, .buf = &std_streams[2].tiny, .size = 1,
     .next = NULL},
};

FILE *const stdin = &std_streams[0];
FILE *const stdout = &std_streams[1];
FILE *const stderr = &std_streams[2];

static struct __file *streams = &std_streams[0];

/* Write all n bytes (retrying short writes); the count written, with F_ERR set if short. */
static size_t write_all(FILE *f, const void *data, size_t n)
{
    const char *p = data;
    size_t done = 0;

    while (done < n) {
        ssize_t w = write(f->fd, p + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            f->flags |= F_ERR;
            break;
        }
        done += (size_t)w;
    }
    return done;
}

int __stdio_drain(FILE *f)
{
    int r = 0;

    if (f->mode == 'w' && f->len) {
        if (write_all(f, f->buf, f->len) < f->len)
            r = EOF;
    } else if (f->mode == 'r' && f->pos < f->len) {
        /* Not an error when the file cannot seek (a pipe): the data is simply dropped. */
        lseek(f->fd, -(off_t)(f->len - f->pos), SEEK_CUR);
    }
    f->mode = 0;
    f->len = f->pos = 0;
    return r;
}

int fflush(FILE *f)
{
    int r = 0;

    if (f)
        return __stdio_drain(f);
    for (f = streams; f; f = f->next)
        if (f->mode == 'w' && __stdio_drain(f) == EOF)
            r = EOF;
    return r;
}

/* Called by exit() (through a weak reference, see libc/internal.h). */
void __stdio_exit(void);
void __stdio_exit(void)
{
    fflush(NULL);
}

int __stdio_parse_mode(const char *mode, int *oflags, int *fflags)
{
    switch (*mode) {
    case 'r': *oflags = O_RDONLY; *fflags = F_READ; break;
    case 'w': *oflags = O_WRONLY | O_CREAT | O_TRUNC; *fflags = F_WRITE; break;
    case 'a': *oflags = O_WRONLY | O_CREAT | O_APPEND; *fflags = F_WRITE; break;
    default: errno = EINVAL; return -1;
    }
    for (const char *m = mode + 1; *m; m++) {
        if (*m == '+') {
            *oflags = (*oflags & ~O_ACCMODE) | O_RDWR;
            *fflags = F_READ | F_WRITE;
        } else if (*m == 'x') {
            *oflags |= O_EXCL;
        } else if (*m == 'e') {
            *oflags |= O_CLOEXEC;
        } /* 'b' and anything else: no meaning here */
    }
    return 0;
}

static FILE *new_stream(int fd, int fflags)
{
    FILE *f = malloc(sizeof *f + BUFSIZ);

    if (!f)
        return NULL;
    memset(f, 0, sizeof *f);
    f->fd = fd;
    f->flags = fflags | F_ALLOCATED | F_TTYCHECK;
    f->buf = (unsigned char *)(f + 1);
    f->size = BUFSIZ;
    f->next = streams;
    streams = f;
    return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
    int oflags, fflags, fd;
    FILE *f;

    if (__stdio_parse_mode(mode, &oflags, &fflags) < 0)
        return NULL;
    fd = open(path, oflags, 0666);
    if (fd < 0)
        return NULL;
    f = new_stream(fd, fflags);
    if (!f)
        close(fd);
    return f;
}

FILE *fdopen(int fd, const char *mode)
{
    int oflags, fflags;

    if (__stdio_parse_mode(mode, &oflags, &fflags) < 0)
        return NULL;
    return new_stream(fd, fflags);
}

int fclose(FILE *f)
{
    int r = __stdio_drain(f);

    if (close(f->fd) < 0)
        r = EOF;
    f->fd = -1;
    if (f->flags & F_ALLOCATED) {
        for (FILE **link = &streams; *link; link = &(*link)->next) {
            if (*link == f) {
                *link = f->next;
                break;
            }
        }
        if (f->flags & F_BUFOWN)
            free(f->buf);
        free(f);
    }
    return r;
}

int fileno(FILE *f)
{
    return f->fd;
}

int feof(FILE *f)
{
    return (f->flags & F_EOF) != 0;
}

int ferror(FILE *f)
{
    return (f->flags & F_ERR) != 0;
}

void clearerr(FILE *f)
{
    f->flags &= ~(F_EOF | F_ERR);
}

int fseek(FILE *f, long offset, int whence)
{
    off_t target = offset;

    if (f->mode == 'r' && whence == SEEK_CUR)
        target -= (off_t)(f->len - f->pos); /* the file is ahead of the reader */
    if (f->mode == 'w' && __stdio_drain(f) == EOF)
        return -1;
    f->mode = 0;
    f->len = f->pos = 0;
    if (lseek(f->fd, target, whence) < 0)
        return -1;
    f->flags &= ~F_EOF;
    return 0;
}

long ftell(FILE *f)
{
    off_t at = lseek(f->fd, 0, SEEK_CUR);

    if (at < 0)
        return -1;
    if (f->mode == 'r')
        at -= (off_t)(f->len - f->pos);
    else if (f->mode == 'w')
        at += (off_t)f->len;
    return (long)at;
}

void rewind(FILE *f)
{
    fseek(f, 0, SEEK_SET);
    clearerr(f);
}

/* Line-buffer a stream whose file is a terminal (isatty's errno is not the caller's business). */
static void decide_buffering(FILE *f)
{
    int saved = errno;

    f->flags &= ~F_TTYCHECK;
    if (!(f->flags & F_UNBUF) && isatty(f->fd))
        f->flags |= F_LINEBUF;
    errno = saved;
}

size_t fwrite(const void *restrict data, size_t size, size_t count, FILE *restrict f)
{
    size_t total, done;

    if (__builtin_mul_overflow(size, count, &total)) {
        errno = EINVAL;
        f->flags |= F_ERR;
        return 0;
    }
    if (total == 0)
        return 0;
    if (!(f->flags & F_WRITE) || f->fd < 0) {
        errno = EBADF;
        f->flags |= F_ERR;
        return 0;
    }
    if (f->flags & F_TTYCHECK)
        decide_buffering(f);
    if (f->mode == 'r')
        __stdio_drain(f);
    f->mode = 'w';
    if ((f->flags & F_UNBUF) || total >= f->size) {
        if (__stdio_drain(f) == EOF)
            return 0;
        done = write_all(f, data, total);
        return done / size;
    }
    if (f->len + total > f->size && __stdio_drain(f) == EOF)
        return 0;
    f->mode = 'w';
    memcpy(f->buf + f->len, data, total);
    f->len += total;
    if ((f->flags & F_LINEBUF) && memchr(data, '\n', total) && __stdio_drain(f) == EOF)
        return 0;
    return count;
}

int fputc(int c, FILE *f)
{
    unsigned char ch = (unsigned char)c;

    return fwrite(&ch, 1, 1, f) == 1 ? ch : EOF;
}

int putc(int c, FILE *f)
{
    return fputc(c, f);
}

int putchar(int c)
{
    return fputc(c, stdout);
}

int fputs(const char *restrict s, FILE *restrict f)
{
    size_t n = strlen(s);

    return fwrite(s, 1, n, f) == n ? 0 : EOF;
}

int puts(const char *s)
{
    return fputs(s, stdout) == EOF || fputc('\n', stdout) == EOF ? EOF : 0;
}

int __stdio_refill(FILE *f)
{
    ssize_t n;

    if (!(f->flags & F_READ) || f->fd < 0) {
        errno = EBADF;
        f->flags |= F_ERR;
        return EOF;
    }
    if (f->mode == 'w' && __stdio_drain(f) == EOF)
        return EOF;
    if (f == stdin)
        fflush(stdout);
    do
        n = read(f->fd, f->buf, f->size);
    while (n < 0 && errno == EINTR);
    if (n <= 0) {
        f->flags |= n == 0 ? F_EOF : F_ERR;
        f->mode = 0;
        f->len = f->pos = 0;
        return EOF;
    }
    f->mode = 'r';
    f->len = (size_t)n;
    f->pos = 0;
    return 0;
}

int fgetc(FILE *f)
{
    if (f->mode != 'r' || f->pos >= f->len)
        if (__stdio_refill(f) == EOF)
            return EOF;
    return f->buf[f->pos++];
}

int getc(FILE *f)
{
    return fgetc(f);
}

int getchar(void)
{
    return fgetc(stdin);
}

char *fgets(char *restrict s, int size, FILE *restrict f)
{
    int i = 0;

    if (size <= 0)
        return NULL;
    while (i < size - 1) {
        int c = fgetc(f);
        if (c == EOF)
            break;
        s[i++] = (char)c;
        if (c == '\n')
            break;
    }
    if (i == 0)
        return NULL;
    s[i] = '\0';
    return s;
}

size_t fread(void *restrict data, size_t size, size_t count, FILE *restrict f)
{
    unsigned char *out = data;
    size_t total, done = 0;

    if (__builtin_mul_overflow(size, count, &total) || total == 0)
        return 0;
    while (done < total) {
        if (f->mode == 'r' && f->pos < f->len) {
            size_t n = f->len - f->pos;
            if (n > total - done)
                n = total - done;
            memcpy(out + done, f->buf + f->pos, n);
            f->pos += n;
            done += n;
        } else if (__stdio_refill(f) == EOF) {
            break;
        }
    }
    return done / size;
}

/* Format into a stack buffer, or a malloc'ed one when the output is longer. */
static int format_and_write(FILE *f, int fd, const char *fmt, __builtin_va_list ap)
{
    char small[256], *big = NULL, *text = small;
    __builtin_va_list again;
    int n, r;

    __builtin_va_copy(again, ap);
    n = vsnprintf(small, sizeof small, fmt, ap);
    if (n >= (int)sizeof small) {
        big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            text = big;
        } else {
            n = sizeof small - 1; /* out of memory: print what fits */
        }
    }
    __builtin_va_end(again);
    if (f) {
        r = fwrite(text, 1, (size_t)n, f) == (size_t)n ? n : -1;
    } else {
        struct __file direct = {.fd = fd, .flags = F_WRITE | F_UNBUF};
        r = write_all(&direct, text, (size_t)n) == (size_t)n ? n : -1;
    }
    free(big);
    return r;
}

int vfprintf(FILE *restrict f, const char *restrict fmt, __builtin_va_list ap)
{
    return format_and_write(f, -1, fmt, ap);
}

int vprintf(const char *restrict fmt, __builtin_va_list ap)
{
    return format_and_write(stdout, -1, fmt, ap);
}

int vdprintf(int fd, const char *restrict fmt, __builtin_va_list ap)
{
    return format_and_write(NULL, fd, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
    __builtin_va_list ap;
    int r;

    __builtin_va_start(ap, fmt);
    r = format_and_write(stdout, -1, fmt, ap);
    __builtin_va_end(ap);
    return r;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
    __builtin_va_list ap;
    int r;

    __builtin_va_start(ap, fmt);
    r = format_and_write(f, -1, fmt, ap);
    __builtin_va_end(ap);
    return r;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
    __builtin_va_list ap;
    int r;

    __builtin_va_start(ap, fmt);
    r = format_and_write(NULL, fd, fmt, ap);
    __builtin_va_end(ap);
    return r;
}

int vsprintf(char *restrict buf, const char *restrict fmt, __builtin_va_list ap)
{
    return vsnprintf(buf, SIZE_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
    __builtin_va_list ap;
    int r;

    __builtin_va_start(ap, fmt);
    r = vsnprintf(buf, SIZE_MAX, fmt, ap);
    __builtin_va_end(ap);
    return r;
}

void perror(const char *s)
{
    const char *msg = strerror(errno);

    if (s && *s)
        fprintf(stderr, "%s: %s\n", s, msg);
    else
        fprintf(stderr, "%s\n", msg);
}

int remove(const char *path)
{
    if (unlink(path) == 0)
        return 0;
    return errno == EISDIR ? rmdir(path) : -1;
}
