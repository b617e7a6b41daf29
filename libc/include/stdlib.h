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

typedef struct {
    int quot;
    int rem;
} div_t;
typedef struct {
    long quot;
    long rem;
} ldiv_t;
typedef struct {
    long long quot;
    long long rem;
} lldiv_t;

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
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

void qsort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t count, size_t size,
              int (*compare)(const void *, const void *));

/* The environment (libc/stdlib/env.c, setenv.c). */
char *getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
/* entry ("NAME=value") itself becomes part of the environment. */
int putenv(char *entry);
int clearenv(void);

/* Runs "/bin/sh -c command" and returns its wait status (-1 if it could not). */
int system(const char *command);
/* The absolute path without ".", ".." or symbolic links; resolved NULL: malloc'ed. */
char *realpath(const char *restrict path, char *restrict resolved);
/* Create a file (mode 0600) or directory (0700) from a template ending in XXXXXX. */
int mkstemp(char *template);
int mkostemp(char *template, int flags);
char *mkdtemp(char *template);

int rand(void);
void srand(unsigned int seed);

#endif
