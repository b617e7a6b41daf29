/*
 * err.c - warn/err and friends (err.h): "prog: message[: reason]" on stderr.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *program_invocation_name = "";
const char *program_invocation_short_name = "";

/* Called by __libc_start with argv[0]. */
void __libc_set_progname(const char *argv0)
{
    const char *slash;

    if (!argv0)
        return;
    program_invocation_name = argv0;
    slash = strrchr(argv0, '/');
    program_invocation_short_name = slash ? slash + 1 : argv0;
}

static void report(const char *fmt, va_list ap, int with_errno)
{
    int saved = errno;

    fflush(stdout);
    fprintf(stderr, "%s: ", program_invocation_short_name);
    if (fmt) {
        vfprintf(stderr, fmt, ap);
        if (with_errno)
            fputs(": ", stderr);
    }
    if (with_errno)
        fputs(strerror(saved), stderr);
    fputc('\n', stderr);
}

void vwarn(const char *fmt, va_list ap) { report(fmt, ap, 1); }
void vwarnx(const char *fmt, va_list ap) { report(fmt, ap, 0); }

void warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
}

void warnx(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
}

void err(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarn(fmt, ap);
    va_end(ap);
    exit(status);
}

void errx(int status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
    exit(status);
}
