/*
 * math_impl.h - what the files of libc/math/ share: access to the bits of
 * doubles and long doubles, and the long double kernels of exp and log.
 *
 * The functions compute in long double (the x87's 64-bit significand, on
 * i386 and on the x86-64 hosts that test them alike) with series whose
 * truncation error is far below a double's precision, and round once at the
 * end (math_round), so results are within an ulp or so of the exact value.
 * Constants are written in decimal with enough digits for the compiler to
 * round them to the nearest long double.
 */
#ifndef LIBC_MATH_IMPL_H
#define LIBC_MATH_IMPL_H

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define MATH_PI_L 3.14159265358979323846264338327950288L
#define MATH_PIO2_L 1.57079632679489661923132169163975144L
#define MATH_PIO4_L 0.785398163397448309615660845819875721L
#define MATH_LN2_L 0.693147180559945309417232121458176568L
#define MATH_LN10_L 2.30258509299404568401799145468436421L

static inline uint64_t math_bits(double x)
{
    uint64_t u;

    __builtin_memcpy(&u, &x, sizeof u);
    return u;
}

static inline double math_from_bits(uint64_t u)
{
    double x;

    __builtin_memcpy(&x, &u, sizeof x);
    return x;
}

/*
 * Round a long double to double. The store through a volatile forces the
 * rounding: on i386, gcc may otherwise hand back the x87 register with its
 * extra precision (-fexcess-precision=fast in GNU C modes).
 */
static inline double math_round(long double x)
{
    volatile double d = (double)x;

    return d;
}

/* 2^k as a long double, for k in the normal range of long double (-16382..16383). */
static inline long double math_pow2l(int k)
{
    union {
        long double x;
        struct {
            uint64_t mant;
            uint16_t sign_exp;
        } parts;
    } u;

    __builtin_memset(&u, 0, sizeof u);
    u.parts.mant = 1ull << 63;
    u.parts.sign_exp = (uint16_t)(k + 16383);
    return u.x;
}

/* The integer nearest to x (halfway cases away from zero), for |x| < 2^31. */
static inline int math_nearest(long double x)
{
    return (int)(x < 0 ? x - 0.5L : x + 0.5L);
}

/* The x87's square root of a long double (correctly rounded to 64 bits). */
static inline long double math_sqrtl(long double x)
{
    __asm__("fsqrt" : "+t"(x));
    return x;
}

/* Set errno to err and return v: the error cases of C's math functions (EDOM, ERANGE). */
static inline double math_error(double v, int err)
{
    errno = err;
    return v;
}

/*
 * For a result whose exact value is finite and not zero: ERANGE when it
 * overflowed to infinity or underflowed to zero. (A subnormal result sets
 * no errno, as in glibc.)
 */
static inline double math_check_range(double r)
{
    if (isinf(r) || r == 0)
        errno = ERANGE;
    return r;
}

/* e^x for finite |x| < 11000 (libc/math/exp.c). */
long double __math_expl(long double x);
/* The natural logarithm of a finite x > 0 (libc/math/log.c). */
long double __math_logl(long double x);

#endif
