/*
 * stdio.h - buffered streams, formatted output and input.
 *
 * A stream on a terminal is line buffered (flushed at each newline, when
 * full, and at exit; stdout also before stdin reads), stderr is unbuffered,
 * other streams are fully buffered; setvbuf changes that. The printf family
 * formats with the same vsnprintf as the kernel (kernel/lib/format.c):
 * integer, character, string and pointer conversions; floating-point
 * conversions come with the full libc. The scanf family is libc's own
 * (libc/stdio/scan_format.c).
 */
#ifndef _STDIO_H
#define _STDIO_H

#include <stddef.h>
#include <sys/types.h>
#include <uapi/fcntl.h> /* SEEK_SET, SEEK_CUR, SEEK_END */

#define EOF (-1)
#define BUFSIZ 1024

/* setvbuf modes */
#define _IOFBF 0 /* fully buffered */
#define _IOLBF 1 /* line buffered */
#define _IONBF 2 /* unbuffered */

#define P_tmpdir "/tmp"

typedef struct __file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;

FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
/* Keeps f's descriptor number (the new file is dup2'ed onto it); NULL path: change the mode only. */
FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f);
/* A new file in /tmp, opened "w+" and already unlinked. */
FILE *tmpfile(void);
/* "/bin/sh -c command" with its stdout (mode "r") or stdin ("w") on the stream. */
FILE *popen(const char *command, const char *mode);
/* Closes a popen stream and returns the shell's wait status. */
int pclose(FILE *f);
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
/* Buffering (libc/stdio/setvbuf.c): _IOFBF, _IOLBF, _IONBF; buf NULL keeps or allocates one. */
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
void setbuffer(FILE *restrict f, char *restrict buf, size_t size);
void setlinebuf(FILE *f);

size_t fread(void *restrict buf, size_t size, size_t count, FILE *restrict f);
size_t fwrite(const void *restrict buf, size_t size, size_t count, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *restrict s, int size, FILE *restrict f);
/* At least one byte of pushback on every stream; seeks and fflush drop it. */
int ungetc(int c, FILE *f);
/* A whole line with its delimiter, *line grown with realloc; the length, or -1 at EOF/error. */
ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f);
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
/* Format into a malloc'ed string (*out); the length, or -1. */
int asprintf(char **restrict out, const char *restrict fmt, ...)
    __attribute__((format(printf, 2, 3)));
int vasprintf(char **restrict out, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(printf, 2, 0)));

/*
 * Formatted input (libc/stdio/scan_format.c): every C11 conversion but the
 * wide ones (%lc, %ls), and %p reads "(nil)". Returns the number of
 * assignments, or EOF when the input ends before the first one.
 */
int scanf(const char *restrict fmt, ...) __attribute__((format(scanf, 1, 2)));
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __attribute__((format(scanf, 2, 3)));
int sscanf(const char *restrict s, const char *restrict fmt, ...)
    __attribute__((format(scanf, 2, 3)));
int vscanf(const char *restrict fmt, __builtin_va_list ap) __attribute__((format(scanf, 1, 0)));
int vfscanf(FILE *restrict f, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(scanf, 2, 0)));
int vsscanf(const char *restrict s, const char *restrict fmt, __builtin_va_list ap)
    __attribute__((format(scanf, 2, 0)));

/* Prints "s: <strerror(errno)>" (or just the message when s is NULL or empty) on stderr. */
void perror(const char *s);

int remove(const char *path);
int rename(const char *old_path, const char *new_path);

#endif
