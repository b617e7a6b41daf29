/*
 * string.h - memory and string functions (C99 7.21), for all guest code: the
 * kernel and user programs share this header and the implementation in
 * libc/string/string.c.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include <stdint.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);
char *strcat(char *restrict dst, const char *restrict src);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);

/*
 * User space only, beyond C99 (libc/string/strtok.c, strcase.c, strsearch.c,
 * stpcpy.c): POSIX and the common GNU and BSD extensions.
 */
char *strtok(char *restrict s, const char *restrict sep);
char *strtok_r(char *restrict s, const char *restrict sep, char **restrict save);
/* Splits at every separator (empty fields are kept); *sp becomes NULL after the last field. */
char *strsep(char **restrict sp, const char *restrict sep);
char *strpbrk(const char *s, const char *accept);
char *strchrnul(const char *s, int c);
void *memrchr(const void *s, int c, size_t n);
void *memmem(const void *haystack, size_t hlen, const void *needle, size_t nlen);
char *strcasestr(const char *haystack, const char *needle);
char *stpcpy(char *restrict dst, const char *restrict src);
char *stpncpy(char *restrict dst, const char *restrict src, size_t n);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
size_t strlcat(char *restrict dst, const char *restrict src, size_t size);
/* The "C" locale only: byte order. */
int strcoll(const char *a, const char *b);
size_t strxfrm(char *restrict dst, const char *restrict src, size_t n);

/*
 * User space only (libc/string/strerror.c, strdup.c): the kernel links
 * string.c alone and has no strerror or allocator.
 */
char *strerror(int err);
char *strdup(const char *s);
char *strndup(const char *s, size_t max);

/*
 * BSD (libc/misc/strmode.c): the mode (a mode_t) as ls -l shows it,
 * "drwxr-xr-x", then a space and a NUL: buf must hold 12 bytes.
 */
void strmode(uint32_t mode, char *buf);

#endif
