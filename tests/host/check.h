/*
 * check.h - the host unit-test framework.
 *
 * A test file defines cases with TEST(name) { ... } and checks outcomes with the
 * CHECK macros. Each case prints one machine-readable line that tests/run.py
 * collects:
 *     RESULT PASS <suite>.<case>
 *     RESULT FAIL <suite>.<case>: <file>:<line>: <what failed>
 *     RESULT SKIP <suite>.<case>: <reason>
 * The suite name is the test binary's name. A failed CHECK marks the case failed
 * and continues (so one run shows every broken check); REQUIRE stops the case.
 * A case with no passing check at all is reported failed: a test must assert
 * something real.
 */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H

#include <stddef.h>
#include <stdint.h>

struct check_case {
    const char *name;
    void (*fn)(void);
    struct check_case *next;
};

void check_register(struct check_case *c);
void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void check_pass(void);
void check_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int check_case_failed(void);
/* Print a hex dump of two differing buffers into the failure message. */
void check_fail_mem(const char *file, int line, const char *what, const void *got,
                    const void *want, size_t n);

#define TEST(name)                                                             \
    static void test_##name(void);                                             \
    static struct check_case check_case_##name = {#name, test_##name, NULL};   \
    __attribute__((constructor)) static void check_reg_##name(void)            \
    {                                                                          \
        check_register(&check_case_##name);                                    \
    }                                                                          \
    static void test_##name(void)

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (cond)                                                              \
            check_pass();                                                      \
        else                                                                   \
            check_fail(__FILE__, __LINE__, "CHECK(%s)", #cond);                \
    } while (0)

#define CHECK_MSG(cond, ...)                                                   \
    do {                                                                       \
        if (cond)                                                              \
            check_pass();                                                      \
        else                                                                   \
            check_fail(__FILE__, __LINE__, __VA_ARGS__);                       \
    } while (0)

#define CHECK_EQ(got, want)                                                    \
    do {                                                                       \
        long long check_g_ = (long long)(got), check_w_ = (long long)(want);   \
        if (check_g_ == check_w_)                                              \
            check_pass();                                                      \
        else                                                                   \
            check_fail(__FILE__, __LINE__, "%s == %lld, expected %s == %lld",  \
                       #got, check_g_, #want, check_w_);                       \
    } while (0)

#define CHECK_MEM(got, want, n)                                                \
    do {                                                                       \
        if (memcmp((got), (want), (n)) == 0)                                   \
            check_pass();                                                      \
        else                                                                   \
            check_fail_mem(__FILE__, __LINE__, #got, (got), (want), (n));      \
    } while (0)

#define CHECK_STR(got, want)                                                   \
    do {                                                                       \
        const char *check_g_ = (got), *check_w_ = (want);                      \
        if (strcmp(check_g_, check_w_) == 0)                                   \
            check_pass();                                                      \
        else                                                                   \
            check_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"",    \
                       #got, check_g_, check_w_);                              \
    } while (0)

/* Stop the current case when the condition does not hold. */
#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (cond) {                                                            \
            check_pass();                                                      \
        } else {                                                               \
            check_fail(__FILE__, __LINE__, "REQUIRE(%s)", #cond);              \
            return;                                                            \
        }                                                                      \
    } while (0)

#define SKIP(...)                                                              \
    do {                                                                       \
        check_skip(__VA_ARGS__);                                               \
        return;                                                                \
    } while (0)

#endif
