/*
 * strings.h - the BSD string functions POSIX kept: comparing without regard
 * to case in the "C" locale (libc/string/strcase.c) and ffs.
 */
#ifndef _STRINGS_H
#define _STRINGS_H

#include <stddef.h>

int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
/* The position (1-32) of the lowest set bit of v, or 0 when v is 0. */
int ffs(int v);

#endif
