/*
 * check_main.c - runs the cases a host test binary registered (see check.h).
 *
 * Usage: <test-binary> [substring]   runs the cases whose name contains substring.
 * Exit status 0 when no case failed, 1 otherwise.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static struct check_case *cases, **cases_tail = &cases;
static int case_failed, case_checks, case_skipped;
static char case_msg[2048];

void check_register(struct check_case *c)
{
    *cases_tail = c;
    cases_tail = &c->next;
}

void check_pass(void)
{
    case_checks++;
}

int check_case_failed(void)
{
    return case_failed;
}

void check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    size_t used;

    case_checks++;
    if (case_failed++)
        return; /* keep the first failure as the reported reason */
    used = (size_t)snprintf(case_msg, sizeof case_msg, "%s:%d: ", file, line);
    if (used >= sizeof case_msg)
        return;
    va_start(ap, fmt);
    vsnprintf(case_msg + used, sizeof case_msg - used, fmt, ap);
    va_end(ap);
}

void check_fail_mem(const char *file, int line, const char *what, const void *got,
                    const void *want, size_t n)
{
    const unsigned char *g = got, *w = want;
    size_t i = 0;

    while (i < n && g[i] == w[i])
        i++;
    check_fail(file, line, "%s differs at byte %zu of %zu: got %02x, expected %02x", what, i,
               n, g[i], w[i]);
}

void check_skip(const char *fmt, ...)
{
    va_list ap;

    case_skipped = 1;
    va_start(ap, fmt);
    vsnprintf(case_msg, sizeof case_msg, fmt, ap);
    va_end(ap);
}

int main(int argc, char **argv)
{
    const char *suite = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    const char *filter = argc > 1 ? argv[1] : NULL;
    int failures = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for (struct check_case *c = cases; c; c = c->next) {
        if (filter && !strstr(c->name, filter))
            continue;
        case_failed = case_checks = case_skipped = 0;
        case_msg[0] = '\0';
        c->fn();
        if (case_skipped && !case_failed) {
            printf("RESULT SKIP %s.%s: %s\n", suite, c->name, case_msg);
        } else if (case_failed) {
            printf("RESULT FAIL %s.%s: %s\n", suite, c->name, case_msg);
            failures++;
        } else if (case_checks == 0) {
            printf("RESULT FAIL %s.%s: the case checked nothing\n", suite, c->name);
            failures++;
        } else {
            printf("RESULT PASS %s.%s\n", suite, c->name);
        }
    }
    return failures ? 1 : 0;
}
