/*
 * hyperbolic.c - sinh, cosh, tanh.
 *
 * For |x| < 1, sinh is its Taylor series (no cancellation, and the terms
 * fall by a factor of at least 6); otherwise all three come from E = e^|x|
 * in long double (exp.c), whose range holds e^|x| well past the point
 * where the double result overflows: sinh = (E - 1/E)/2, cosh = (E +
 * 1/E)/2, tanh = sinh / cosh, with tanh = +-1 beyond |x| = 40, where it
 * rounds to 1 anyway.
 */
#include "math_impl.h"

/* sinh x for |x| < 1. */
static long double sinh_series(long double x)
{
    long double x2 = x * x, term = x, sum = x;

    for (int n = 2; n < 40; n += 2) {
        term *= x2 / (n * (n + 1));
        sum += term;
        if ((term < 0 ? -term : term) <= (sum < 0 ? -sum : sum) * 0x1p-70L)
            break;
    }
    return sum;
}

/* sinh |x| as a long double, for finite |x| <= 711. */
static long double sinh_abs(double x)
{
    long double e;

    if (fabs(x) < 1)
        return sinh_series(fabs(x));
    e = __math_expl(fabs(x));
    return (e - 1 / e) / 2;
}

double sinh(double x)
{
    double r;

    if (isnan(x) || isinf(x) || x == 0)
        return x;
    if (fabs(x) > 711)
        return math_error(copysign(INFINITY, x), ERANGE);
    r = math_round(sinh_abs(x));
    if (isinf(r))
        errno = ERANGE;
    return x < 0 ? -r : r;
}

double cosh(double x)
{
    long double e;
    double r;

    if (isnan(x))
        return x;
    if (isinf(x))
        return INFINITY;
    if (fabs(x) > 711)
        return math_error(INFINITY, ERANGE);
    e = __math_expl(fabs(x));
    r = math_round((e + 1 / e) / 2);
    if (isinf(r))
        errno = ERANGE;
    return r;
}

double tanh(double x)
{
    long double s, c;

    if (isnan(x) || x == 0)
        return x;
    if (fabs(x) > 40)
        return copysign(1.0, x);
    s = sinh_abs(x);
    c = math_sqrtl(1 + s * s);
    return math_round(x < 0 ? -s / c : s / c);
}
