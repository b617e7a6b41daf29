/*
 * err.h - error messages in the conventional form of the tools:
 *
 *     prog: <message>: <strerror(errno)>      warn(), err()
 *     prog: <message>                         warnx(), errx()
 *
 * "prog" is the last component of argv[0] (program_invocation_short_name,
 * recorded at start-up). err() and errx() then exit with the given status.
 */
#ifndef _ERR_H
#define _ERR_H

#include <stdarg.h>

extern const char *program_invocation_name;       /* argv[0] as given */
extern const char *program_invocation_short_name; /* its last component */

void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vwarn(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void vwarnx(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void err(int status, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));
void errx(int status, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

#endif
