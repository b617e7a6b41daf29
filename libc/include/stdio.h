/*
 * stdio.h - buffered streams and formatted output (a subset of C's stdio).
 *
 * stdout is line buffered (flushed at each newline, when full, before stdin
 * reads, and at exit), stderr is unbuffered, other streams are fully
 * buffered. The printf family formats with the same vsnprintf as the kernel
 * (kernel/lib/format.c): integer, character, string and pointer conversions;
 * floating-point conversions come with the full libc.
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <sys/types.h>
#include <uapi/fcntl.h> /* SEEK_SET, SEEK_CUR, SEEK_END */

#define EOF (-1)
#define BUFSIZ 1024

typedef struct __file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
int fclose(FILE *f);
/* f NULL flushes every stream. */
int fflush(FILE *f);
int fileno(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fseek(FILE *f, long offset, int whence);
long ftell(FILE *f);
void rewind(FILE *f);

size_t fread(void *restrict buf, size_t size, size_t count, FILE *restrict f);
size_t fwrite(const void *restrict buf, size_t size, size_t count, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *restrict s, int size, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);

int printf(const char *restrict fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
    __attribute__((format(printf, 2, 3)));
int dprintf(int fd, const char *restrict fmt, ...) __attribute__((format(printf, 2, 3)));
int sprintf(char *restrict buf, const char *restrict fmt, ...)
    __attribute__((format(printf, 2, 3)));
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
    __attribute__((format(printf, 3, 4)));
int vprintf(const char *restrict fmt, __builtin_va_list ap) __attribute__((format(printf, 1, 0)));
int vfprintf(FILE *restrict f, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(printf, 2, 0)));
int vdprintf(int fd, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(printf, 2, 0)));
int vsprintf(char *restrict buf, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(printf, 2, 0)));
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(printf, 3, 0)));

/* Prints "s: <strerror(errno)>" (or just the message when s is NULL or empty) on stderr. */
void perror(const char *s);

int remove(const char *path);
int rename(const char *old_path, const char *new_path);

#endif
