/*
 * test_math.c - libc's math functions on the guest itself: the x87 code
 * paths (fsqrt under a 53-bit precision control, fprem, long double
 * kernels rounded through memory) must give on i386 the same bits that the
 * host test (tests/libc/math/) checks against glibc on x86-64. The expected
 * values are exact or correctly rounded results worked out independently
 * (powers, exact roots, and values checked to 500 digits).
 */
#define UTEST_SUITE "math"
#include "utest.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>

static uint64_t bits(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    return u;
}

UTEST(exact_operations)
{
    int e;
    double ip;

    UT_ASSERT(floor(-2.5) == -3.0 && ceil(-2.5) == -2.0 && trunc(-2.5) == -2.0);
    UT_ASSERT(round(2.5) == 3.0 && round(-0.5) == -1.0 && signbit(ceil(-0.5)));
    UT_ASSERT(fmod(10.0, 3.0) == 1.0 && fmod(-10.0, 3.0) == -1.0);
    UT_ASSERT(fmod(0x1p1000, 3.0) == 1.0 && fmod(1e22, 7.0) == 4.0); /* 2^1000 = 4^500: 1 mod 3 */
    UT_ASSERT(modf(-3.25, &ip) == -0.25 && ip == -3.0);
    UT_ASSERT(frexp(48.0, &e) == 0.75 && e == 6);
    UT_ASSERT(frexp(DBL_TRUE_MIN, &e) == 0.5 && e == -1073);
    UT_ASSERT(ldexp(0.75, 6) == 48.0 && ldexp(1.0, -1074) == DBL_TRUE_MIN);
    UT_ASSERT(fabs(-0.0) == 0.0 && !signbit(fabs(-0.0)));
}

UTEST(sqrt_is_correctly_rounded)
{
    UT_ASSERT(sqrt(4.0) == 2.0 && sqrt(0.25) == 0.5);
    UT_ASSERT_EQ(bits(sqrt(2.0)), 0x3ff6a09e667f3bcdull);
    UT_ASSERT_EQ(bits(sqrt(3.0)), 0x3ffbb67ae8584caaull);
    UT_ASSERT(signbit(sqrt(-0.0)));
    errno = 0;
    UT_ASSERT(isnan(sqrt(-1.0)) && errno == EDOM);
    UT_ASSERT(hypot(3.0, 4.0) == 5.0 && hypot(1e300, 1e300) == 0x1.0e4d50f99b211p+997);
}

UTEST(exponentials_and_logarithms)
{
    UT_ASSERT(exp(0.0) == 1.0 && exp(1.0) == M_E);
    UT_ASSERT(log(M_E) == 1.0 && log(1.0) == 0.0);
    UT_ASSERT(log2(1024.0) == 10.0 && log10(1e-5) == -5.0 && log10(1000.0) == 3.0);
    UT_ASSERT(pow(2.0, 0.5) == M_SQRT2 && pow(-2.0, 3.0) == -8.0 && pow(10.0, 15.0) == 1e15);
    UT_ASSERT(pow(NAN, 0.0) == 1.0 && pow(1.0, NAN) == 1.0);
    errno = 0;
    UT_ASSERT(exp(1000.0) == HUGE_VAL && errno == ERANGE);
    errno = 0;
    UT_ASSERT(log(0.0) == -HUGE_VAL && errno == ERANGE);
    errno = 0;
    UT_ASSERT(isnan(log(-1.0)) && errno == EDOM);
    errno = 0;
    UT_ASSERT(isnan(pow(-8.0, 1.0 / 3)) && errno == EDOM);
}

UTEST(trigonometry)
{
    UT_ASSERT(sin(0.0) == 0.0 && cos(0.0) == 1.0 && signbit(sin(-0.0)));
    UT_ASSERT(sin(M_PI_2) == 1.0 && cos(M_PI) == -1.0);
    UT_ASSERT_EQ(bits(sin(M_PI)), bits(0x1.1a62633145c07p-53));
    UT_ASSERT(tan(M_PI_4) == 0x1.fffffffffffffp-1);
    UT_ASSERT(atan(1.0) == M_PI_4 && atan2(1.0, -1.0) == 3 * M_PI_4 && atan2(-0.0, -1.0) == -M_PI);
    UT_ASSERT(asin(1.0) == M_PI_2 && acos(-1.0) == M_PI && acos(0.5) == 0x1.0c152382d7366p+0);
    /* The double nearest a multiple of pi/2 (see tests/libc/math/test_math.c). */
    UT_ASSERT(cos(0x1.6ac5b262ca1ffp+849) == -0x1.14ae72e6ba22fp-61);
    UT_ASSERT(tan(0x1.6ac5b262ca1ffp+849) == -0x1.d9ba9a7975636p+60);
    errno = 0;
    UT_ASSERT(isnan(sin(INFINITY)) && errno == EDOM);
    errno = 0;
    UT_ASSERT(isnan(asin(1.5)) && errno == EDOM);
}

UTEST(hyperbolic_functions)
{
    UT_ASSERT(sinh(0.0) == 0.0 && cosh(0.0) == 1.0 && tanh(0.0) == 0.0);
    UT_ASSERT(tanh(50.0) == 1.0 && tanh(-50.0) == -1.0);
    UT_ASSERT(cosh(1.0) == 0x1.8b07551d9f55p+0 && sinh(1.0) == 0x1.2cd9fc44eb982p+0);
    errno = 0;
    UT_ASSERT(cosh(800.0) == HUGE_VAL && errno == ERANGE);
    UT_ASSERT(fpclassify(DBL_TRUE_MIN) == FP_SUBNORMAL && isinf(-HUGE_VAL) && isnan(NAN));
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
