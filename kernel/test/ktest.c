/*
 * ktest.c - the in-kernel test runner (see ktest.h).
 */
#include <lib/format.h>
#include <lib/kprintf.h>
#include <power.h>
#include <string.h>
#include <test/fs_scratch.h>
#include <test/ktest.h>

extern const struct ktest __start_ktests[], __stop_ktests[];

static int failed_current, checks_current;
static char fail_msg[256];

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    int n;

    failed_current = 1;
    n = snprintf(fail_msg, sizeof fail_msg, "%s:%d: ", file, line);
    va_start(ap, fmt);
    if (n > 0 && n < (int)sizeof fail_msg)
        vsnprintf(fail_msg + n, sizeof fail_msg - (size_t)n, fmt, ap);
    va_end(ap);
}

void ktest_pass_check(void)
{
    checks_current++;
}

void ktest_run(const char *pattern)
{
    int passed = 0, failed = 0;

    kprintf("KTEST START\n");
    for (const struct ktest *t = __start_ktests; t < __stop_ktests; t++) {
        if (*pattern && !strstr(t->name, pattern))
            continue;
        /* "manual_" tests (crash-test helpers) run only when named exactly. */
        if (strncmp(t->name, "manual_", 7) == 0 && strcmp(t->name, pattern) != 0)
            continue;
        failed_current = checks_current = 0;
        t->fn();
        if (!failed_current && checks_current == 0)
            ktest_fail(__FILE__, __LINE__, "the test checked nothing");
        if (failed_current) {
            kprintf("RESULT FAIL kernel.%s: %s\n", t->name, fail_msg);
            failed++;
        } else {
            kprintf("RESULT PASS kernel.%s\n", t->name);
            passed++;
        }
    }
    fs_scratch_release(); /* leave the scratch file system clean for the harness's fsck */
    kprintf("KTEST DONE %d passed, %d failed\n", passed, failed);
    power_off(failed ? 1 : 0);
}
