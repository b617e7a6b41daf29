/*
 * ktest.h - in-kernel unit tests.
 *
 *     KTEST(pmm_alloc_free) { ... KT_ASSERT(x == 1); ... }
 *
 * defines a test; the linker gathers all of them in the "ktests" section.
 * With "ktest" on the command line the kernel runs them after boot; each
 * prints one line on the console (tests/run.py collects them):
 *     RESULT PASS kernel.<name>
 *     RESULT FAIL kernel.<name>: <file>:<line>: <what>
 * then "KTEST DONE <p> passed, <f> failed" and the machine powers off with
 * status 0 when all passed, 1 otherwise (see power.h). A test whose name starts
 * with "manual_" runs only when the pattern is exactly its name (the crash
 * test's writer and checker, driven by tests/system/test_fs_crash.py).
 */
#ifndef TEST_KTEST_H
#define TEST_KTEST_H

struct ktest {
    const char *name;
    void (*fn)(void);
};

#define KTEST(test_name)                                                                   \
    static void ktest_fn_##test_name(void);                                                \
    static const struct ktest ktest_##test_name                                            \
        __attribute__((used, section("ktests"), aligned(4))) = {#test_name,                \
                                                                ktest_fn_##test_name};     \
    static void ktest_fn_##test_name(void)

void ktest_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ktest_pass_check(void);

/* Check cond; on failure record it and leave the test. */
#define KT_ASSERT(cond)                                                                    \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            ktest_fail(__FILE__, __LINE__, "%s", #cond);                                   \
            return;                                                                        \
        }                                                                                  \
        ktest_pass_check();                                                                \
    } while (0)

#define KT_ASSERT_EQ(got, want)                                                            \
    do {                                                                                   \
        long long kt_g_ = (long long)(got), kt_w_ = (long long)(want);                     \
        if (kt_g_ != kt_w_) {                                                              \
            ktest_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #got, kt_g_,       \
                       kt_w_);                                                             \
            return;                                                                        \
        }                                                                                  \
        ktest_pass_check();                                                                \
    } while (0)

#define KT_ASSERT_STR(got, want)                                                           \
    do {                                                                                   \
        const char *kt_g_ = (got), *kt_w_ = (want);                                        \
        if (strcmp(kt_g_, kt_w_) != 0) {                                                   \
            ktest_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #got, kt_g_,   \
                       kt_w_);                                                             \
            return;                                                                        \
        }                                                                                  \
        ktest_pass_check();                                                                \
    } while (0)

/* Run the tests whose names contain pattern ("" = all), then power off. */
void ktest_run(const char *pattern) __attribute__((noreturn));
/* Run one of the deliberately faulting functions ("crash:<kind>"); returns if unknown. */
void ktest_crash(const char *kind);

#endif
