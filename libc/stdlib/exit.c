/*
 * exit.c - ending a process: exit (atexit handlers, destructors, stdio
 * flush, then _exit), abort, and the fatal-error paths of libc and assert.
 *
 * stdio registers nothing: exit calls __stdio_exit through a weak reference,
 * so a program that never uses stdio does not link it.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../internal.h"

#define ATEXIT_MAX 32

typedef void (*fini_fn)(void);
extern fini_fn __fini_array_start[], __fini_array_end[];

static void (*handlers[ATEXIT_MAX])(void);
static int handler_count;

int atexit(void (*fn)(void))
{
    if (handler_count == ATEXIT_MAX)
        return -1;
    handlers[handler_count++] = fn;
    return 0;
}

void exit(int status)
{
    /* Each handler is taken off before it runs, so one that calls exit does not run twice. */
    while (handler_count > 0)
        handlers[--handler_count]();
    for (fini_fn *f = __fini_array_end; f > __fini_array_start;)
        (*--f)();
    if (__stdio_exit)
        __stdio_exit();
    _exit(status);
}

void _Exit(int status)
{
    _exit(status);
}

void abort(void)
{
    sigset_t abrt;

    /* POSIX: a handler may run, but abort never returns; blocked or ignored does not count. */
    sigemptyset(&abrt);
    sigaddset(&abrt, SIGABRT);
    sigprocmask(SIG_UNBLOCK, &abrt, NULL);
    raise(SIGABRT);
    signal(SIGABRT, SIG_DFL);
    raise(SIGABRT);
    _exit(128 + SIGABRT); /* not reached */
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

void __libc_fatal(const char *msg)
{
    write_all(STDERR_FILENO, msg, strlen(msg));
    write_all(STDERR_FILENO, "\n", 1);
    abort();
}

void __assert_fail(const char *expr, const char *file, int line, const char *func)
{
    char msg[512];
    int n = snprintf(msg, sizeof msg, "%s:%d: %s: assertion failed: %s\n", file, line, func, expr);

    write_all(STDERR_FILENO, msg, n < (int)sizeof msg ? (size_t)n : sizeof msg - 1);
    abort();
}
