/*
 * utest.h - the framework of the user-space test programs (tests/user/).
 *
 * A test program is one file, tests/user/test_<suite>.c:
 *
 *     #define UTEST_SUITE "basic"
 *     #include "utest.h"
 *
 *     UTEST(getpid_is_positive) { UT_ASSERT(getpid() > 0); }
 *
 *     int main(int argc, char **argv) { return utest_main(argc, argv); }
 *
 * Each case prints one line on stdout, the protocol of the kernel's ktests
 * (kernel/test/ktest.h) and of the host tests (docs/testing.md):
 *
 *     RESULT PASS user.<suite>.<case>
 *     RESULT FAIL user.<suite>.<case>: <file>:<line>: <what>
 *     RESULT SKIP user.<suite>.<case>: <reason>
 *
 * utest_main runs the cases in the order of the file (or only those whose
 * names contain argv[1]) and returns 0 when none failed, 1 otherwise; init
 * (user/init/selftest.c) runs every program of /tests this way. A failed assertion
 * ends its case (the function returns); a case that asserted nothing fails,
 * since a test must check a real outcome.
 *
 * Cases that fork: the child must end with _exit(), never by returning or
 * exit() (which would run the parent's cases or flush its stdio buffers
 * twice), and reports to the parent through its exit status or a pipe.
 * utest flushes stdout before each case so that nothing buffered is copied
 * into a child.
 *
 * Everything here is static (and may go unused): each test program is one
 * translation unit.
 */
#ifndef TESTS_USER_UTEST_H
#define TESTS_USER_UTEST_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef UTEST_SUITE
#error "define UTEST_SUITE (the <suite> of the result names) before including utest.h"
#endif

#define UTEST_HELPER static __attribute__((unused))

struct utest_case {
    const char *name;
    void (*fn)(void);
    int line;                /* cases run in the order of their lines */
    struct utest_case *next;
};

static struct utest_case *utest_cases;
static int utest_failed_now;  /* the running case has failed */
static int utest_checks_now;  /* assertions the running case has made */
static int utest_skipped_now;

/* Keep the list sorted by line: constructors need not run in the order of the file. */
UTEST_HELPER void utest_register(struct utest_case *c)
{
    struct utest_case **link = &utest_cases;

    while (*link && (*link)->line < c->line)
        link = &(*link)->next;
    c->next = *link;
    *link = c;
}

#define UTEST(case_name)                                                                   \
    static void utest_fn_##case_name(void);                                                \
    static struct utest_case utest_case_##case_name = {#case_name, utest_fn_##case_name,   \
                                                       __LINE__, NULL};                    \
    __attribute__((constructor)) static void utest_reg_##case_name(void)                   \
    {                                                                                      \
        utest_register(&utest_case_##case_name);                                           \
    }                                                                                      \
    static void utest_fn_##case_name(void)

static const char *utest_current;

UTEST_HELPER void __attribute__((format(printf, 3, 4)))
utest_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[400];
    va_list ap;

    utest_checks_now++;
    if (utest_failed_now++)
        return;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    printf("RESULT FAIL user.%s.%s: %s:%d: %s\n", UTEST_SUITE, utest_current, file, line, msg);
    fflush(stdout);
}

UTEST_HELPER void utest_pass(void)
{
    utest_checks_now++;
}

UTEST_HELPER void __attribute__((format(printf, 1, 2))) utest_skip(const char *fmt, ...)
{
    char msg[300];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    utest_skipped_now = 1;
    printf("RESULT SKIP user.%s.%s: %s\n", UTEST_SUITE, utest_current, msg);
    fflush(stdout);
}

/* The symbolic name of an errno value, for failure messages. */
UTEST_HELPER const char *utest_errno_name(int e)
{
    static const char *const names[] = {
        "0", "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG", "ENOEXEC", "EBADF",
        "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST",
        "EXDEV", "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY",
        "ETXTBSY", "EFBIG", "ENOSPC", "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE",
        "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS", "ENOTEMPTY", "ELOOP"};
    static char other[16];

    if (e >= 0 && (unsigned)e < sizeof names / sizeof names[0])
        return names[e];
    snprintf(other, sizeof other, "errno %d", e);
    return other;
}

/* Check cond; on failure report it and leave the case. */
#define UT_ASSERT(cond)                                                                    \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            utest_fail(__FILE__, __LINE__, "%s (errno %s)", #cond,                         \
                       utest_errno_name(errno));                                           \
            return;                                                                        \
        }                                                                                  \
        utest_pass();                                                                      \
    } while (0)

/* Like UT_ASSERT, with the reason given as printf arguments. */
#define UT_ASSERT_MSG(cond, ...)                                                           \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            utest_fail(__FILE__, __LINE__, __VA_ARGS__);                                   \
            return;                                                                        \
        }                                                                                  \
        utest_pass();                                                                      \
    } while (0)

/* Two integer values must be equal. */
#define UT_ASSERT_EQ(got, want)                                                            \
    do {                                                                                   \
        long long ut_g_ = (long long)(got), ut_w_ = (long long)(want);                     \
        if (ut_g_ != ut_w_) {                                                              \
            utest_fail(__FILE__, __LINE__, "%s == %lld, expected %lld (errno %s)", #got,   \
                       ut_g_, ut_w_, utest_errno_name(errno));                             \
            return;                                                                        \
        }                                                                                  \
        utest_pass();                                                                      \
    } while (0)

#define UT_ASSERT_STR(got, want)                                                           \
    do {                                                                                   \
        const char *ut_g_ = (got), *ut_w_ = (want);                                        \
        if (!ut_g_ || strcmp(ut_g_, ut_w_) != 0) {                                         \
            utest_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #got,          \
                       ut_g_ ? ut_g_ : "(null)", ut_w_);                                   \
            return;                                                                        \
        }                                                                                  \
        utest_pass();                                                                      \
    } while (0)

/* A call that must fail: return -1 with errno == err. */
#define UT_ASSERT_ERRNO(call, err)                                                         \
    do {                                                                                   \
        long long ut_r_;                                                                   \
        int ut_e_;                                                                         \
        errno = 0;                                                                         \
        ut_r_ = (long long)(call);                                                         \
        ut_e_ = errno;                                                                     \
        if (ut_r_ != -1 || ut_e_ != (err)) {                                               \
            utest_fail(__FILE__, __LINE__, "%s returned %lld with errno %s, expected -1 "  \
                       "with %s", #call, ut_r_, utest_errno_name(ut_e_),                   \
                       utest_errno_name(err));                                             \
            return;                                                                        \
        }                                                                                  \
        utest_pass();                                                                      \
    } while (0)

/* Report the case as skipped (with a reason) and leave it. */
#define UT_SKIP(...)                                                                       \
    do {                                                                                   \
        utest_skip(__VA_ARGS__);                                                           \
        return;                                                                            \
    } while (0)

/*
 * Wait for the child pid and return its wait status, or -1 (with a failure
 * reported by the caller's UT_ASSERT) when waitpid fails.
 */
UTEST_HELPER int utest_wait(pid_t pid)
{
    int status = 0;
    pid_t got;

    do
        got = waitpid(pid, &status, 0);
    while (got < 0 && errno == EINTR);
    return got == pid ? status : -1;
}

/* Text for a wait status, for failure messages. */
UTEST_HELPER const char *utest_status_text(int status)
{
    static char text[48];

    if (status == -1)
        snprintf(text, sizeof text, "waitpid failed: %s", utest_errno_name(errno));
    else if (WIFEXITED(status))
        snprintf(text, sizeof text, "exited with %d", WEXITSTATUS(status));
    else if (WIFSIGNALED(status))
        snprintf(text, sizeof text, "killed by signal %d", WTERMSIG(status));
    else
        snprintf(text, sizeof text, "status %#x", (unsigned)status);
    return text;
}

/* The child pid must end with exit status code. */
#define UT_ASSERT_CHILD_EXIT(pid, code)                                                    \
    do {                                                                                   \
        int ut_s_ = utest_wait(pid);                                                       \
        UT_ASSERT_MSG(ut_s_ != -1 && WIFEXITED(ut_s_) && WEXITSTATUS(ut_s_) == (code),     \
                      "child %s, expected exit status %d", utest_status_text(ut_s_),       \
                      (int)(code));                                                        \
    } while (0)

/* The child pid must be killed by signal sig. */
#define UT_ASSERT_CHILD_SIGNAL(pid, sig)                                                   \
    do {                                                                                   \
        int ut_s_ = utest_wait(pid);                                                       \
        UT_ASSERT_MSG(ut_s_ != -1 && WIFSIGNALED(ut_s_) && WTERMSIG(ut_s_) == (sig),       \
                      "child %s, expected to be killed by signal %d",                      \
                      utest_status_text(ut_s_), (int)(sig));                               \
    } while (0)

UTEST_HELPER int utest_main(int argc, char **argv)
{
    const char *pattern = argc > 1 ? argv[1] : NULL;
    int passed = 0, failed = 0, skipped = 0;
    pid_t self = getpid();

    for (struct utest_case *c = utest_cases; c; c = c->next) {
        if (pattern && !strstr(c->name, pattern))
            continue;
        utest_current = c->name;
        utest_failed_now = utest_checks_now = utest_skipped_now = 0;
        fflush(stdout);
        c->fn();
        if (getpid() != self)
            _exit(100); /* a forked child returned from the case: it must not run the rest */
        if (utest_skipped_now && !utest_failed_now) {
            skipped++;
            continue;
        }
        if (!utest_failed_now && utest_checks_now == 0)
            utest_fail(__FILE__, __LINE__, "the case asserted nothing");
        if (utest_failed_now) {
            failed++;
        } else {
            passed++;
            printf("RESULT PASS user.%s.%s\n", UTEST_SUITE, c->name);
        }
        fflush(stdout);
    }
    printf("utest: user.%s: %d passed, %d failed, %d skipped\n", UTEST_SUITE, passed, failed,
           skipped);
    fflush(stdout);
    return failed ? 1 : 0;
}

#endif
