/*
 * rounding.c - the exact operations on doubles, done on their bits: fabs,
 * copysign, floor, ceil, trunc, round, modf, frexp, ldexp/scalbn, fmin,
 * fmax. A double is sign (1 bit), biased exponent (11), fraction (52); a
 * value with exponent e (unbiased) has 52 - e fraction bits below the
 * binary point, which trunc clears.
 */
#include "math_impl.h"

#define EXP_BIAS 1023
#define FRAC_BITS 52
#define SIGN_BIT (1ull << 63)

static int exponent_of(uint64_t u)
{
    return (int)((u >> FRAC_BITS) & 0x7ff) - EXP_BIAS;
}

double fabs(double x)
{
    return math_from_bits(math_bits(x) & ~SIGN_BIT);
}

double copysign(double x, double y)
{
    return math_from_bits((math_bits(x) & ~SIGN_BIT) | (math_bits(y) & SIGN_BIT));
}

double trunc(double x)
{
    uint64_t u = math_bits(x);
    int e = exponent_of(u);

    if (e >= FRAC_BITS)
        return x; /* already an integer, or inf or NaN */
    if (e < 0)
        return math_from_bits(u & SIGN_BIT); /* |x| < 1: a zero of x's sign */
    return math_from_bits(u & ~((1ull << (FRAC_BITS - e)) - 1));
}

double floor(double x)
{
    double t = trunc(x);

    return t != x && signbit(x) ? t - 1.0 : t;
}

double ceil(double x)
{
    double t = trunc(x);

    if (t != x && !signbit(x))
        return t + 1.0;
    return t == 0 ? copysign(0.0, x) : t; /* ceil(-0.5) is -0 */
}

double round(double x)
{
    double t = trunc(x);
    double frac = fabs(x - t); /* exact: x and t share their integer bits */

    if (frac >= 0.5)
        t += copysign(1.0, x);
    return t;
}

double modf(double x, double *ipart)
{
    double t = trunc(x);

    *ipart = t;
    if (isinf(x))
        return copysign(0.0, x);
    return copysign(x - t, x); /* x - t is exact; -3.0 gives -0.0 */
}

double frexp(double x, int *exp)
{
    uint64_t u = math_bits(x);
    int e = (int)((u >> FRAC_BITS) & 0x7ff);

    *exp = 0;
    if (x == 0 || isnan(x) || isinf(x))
        return x;
    if (e == 0) {
        /* Subnormal: scale into the normal range first. */
        x *= 0x1p64;
        u = math_bits(x);
        e = (int)((u >> FRAC_BITS) & 0x7ff) - 64;
    }
    *exp = e - (EXP_BIAS - 1);
    /* The fraction with exponent -1: a value in [0.5, 1). */
    return math_from_bits((u & ~(0x7ffull << FRAC_BITS)) | ((uint64_t)(EXP_BIAS - 1) << FRAC_BITS));
}

double scalbn(double x, int exp)
{
    if (x == 0 || isnan(x) || isinf(x))
        return x;
    /* Any double times 2^exp is exact in long double; one rounding gives the result. */
    if (exp > 3000)
        exp = 3000;
    if (exp < -3000)
        exp = -3000;
    return math_round((long double)x * math_pow2l(exp));
}

double ldexp(double x, int exp)
{
    double r = scalbn(x, exp);

    if (x != 0 && isfinite(x))
        math_check_range(r);
    return r;
}

/* A signaling NaN (quiet bit clear): fmin and fmax then return NaN, as glibc does. */
static int is_signaling(double x)
{
    return isnan(x) && !(math_bits(x) & (1ull << (FRAC_BITS - 1)));
}

/* Equal arguments (such as -0 and +0) give y, as in glibc. */
double fmin(double x, double y)
{
    if (is_signaling(x) || is_signaling(y))
        return x + y;
    if (isnan(x))
        return y;
    if (isnan(y))
        return x;
    return x < y ? x : y;
}

double fmax(double x, double y)
{
    if (is_signaling(x) || is_signaling(y))
        return x + y;
    if (isnan(x))
        return y;
    if (isnan(y))
        return x;
    return x > y ? x : y;
}
