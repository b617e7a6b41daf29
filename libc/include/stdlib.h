/*
 * stdlib.h - the subset of the C standard library the first programs need:
 * process termination, memory allocation, number conversion, sorting and the
 * environment. The allocator is a simple first-fit heap (libc/stdlib/malloc.c).
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 0x7fffffff

/* Runs the atexit handlers (last registered first), flushes stdio, then _exit. */
void exit(int status) __attribute__((noreturn));
void _Exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void)); /* up to 32 handlers */

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);

int atoi(const char *s);
long atol(const char *s);
long strtol(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);
/* Correctly rounded (to nearest, ties to even) decimal and hexadecimal input. */
double strtod(const char *restrict s, char **restrict end);
float strtof(const char *restrict s, char **restrict end);
double atof(const char *s);
int abs(int v);
long labs(long v);
long long llabs(long long v);

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));

char *getenv(const char *name);

int rand(void);
void srand(unsigned int seed);

#endif
