/*
 * date.h - the parts of date(1): formatting with GNU's conversions and
 * flags (format.c) and reading the date strings of -d and -s (parse.c).
 */
#ifndef DATE_H
#define DATE_H

#include <stdio.h>
#include <time.h>

/*
 * Write the time t (ns nanoseconds past its second), broken down as tm, in
 * format fmt: strftime's conversions plus GNU's %s %N %P %k %l %q %:z, the
 * flags - _ 0 ^ # and a field width. Returns 0, or -1 on a write error.
 */
int date_format(FILE *out, const char *fmt, time_t t, long ns, const struct tm *tm);

/*
 * Read a date string: "@SECONDS[.FRACTION]", "now", "YYYY-MM-DD",
 * "YYYY-MM-DD HH:MM[:SS[.FRACTION]]" (or with 'T' between), "HH:MM[:SS]"
 * (today), each optionally followed by "UTC" or "Z". Local time unless utc
 * or the string says UTC. Returns 0 with *t and *ns set, -1 if it is not a
 * valid date.
 */
int date_parse(const char *s, int utc, time_t *t, long *ns);

#endif
