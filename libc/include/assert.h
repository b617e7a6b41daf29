/*
 * assert.h - assert(): on failure prints the expression and where it is,
 * then aborts. Defining NDEBUG turns it off. Unlike other headers this one
 * may be included again with NDEBUG changed, as C requires.
 */
#undef assert
#ifdef NDEBUG
#define assert(e) ((void)0)
#else
#define assert(e) ((e) ? (void)0 : __assert_fail(#e, __FILE__, __LINE__, __func__))
#endif

#ifndef _ASSERT_H
#define _ASSERT_H
void __assert_fail(const char *expr, const char *file, int line, const char *func)
    __attribute__((noreturn));
#endif
