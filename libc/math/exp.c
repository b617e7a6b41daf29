/*
 * exp.c - the exponential: exp, exp2, and the long double kernel that pow
 * and the hyperbolic functions use.
 *
 * e^x = 2^k * e^r with k the nearest integer to x / ln 2 and r = x - k ln 2,
 * |r| <= ln 2 / 2. ln 2 is split into a high part with 40 significant bits
 * (so k * LN2_HI is exact for any k here) and the rest, so r keeps its
 * precision. e^r is the Taylor series, summed until the terms stop
 * mattering (at most about 20 terms for |r| <= 0.35).
 */
#include "math_impl.h"

#define LN2_HI 0.693147180559208209160715341567993164L /* 0x1.62e42fefa2p-1 */
#define LN2_LO 7.37100256516779889988699502e-13L       /* ln 2 - LN2_HI */
#define LOG2_E 1.44269504088896340735992468100189214L

/* e^r by its Taylor series, for |r| <= 0.35. */
static long double exp_series(long double r)
{
    long double sum = 1, term = 1;

    for (int n = 1; n < 30; n++) {
        term *= r / n;
        sum += term;
        if (term == 0 || (term < 0 ? -term : term) < sum * 0x1p-70L)
            break;
    }
    return sum;
}

long double __math_expl(long double x)
{
    long double k = math_nearest(x * LOG2_E);
    long double r = (x - k * LN2_HI) - k * LN2_LO;

    return exp_series(r) * math_pow2l((int)k);
}

double exp(double x)
{
    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? x : 0.0;
    if (x > 710)
        return math_error(INFINITY, ERANGE);
    if (x < -746)
        return math_error(0.0, ERANGE);
    return math_check_range(math_round(__math_expl(x)));
}

double exp2(double x)
{
    long double k;

    if (isnan(x))
        return x;
    if (isinf(x))
        return x > 0 ? x : 0.0;
    if (x > 1025)
        return math_error(INFINITY, ERANGE);
    if (x < -1076)
        return math_error(0.0, ERANGE);
    /* 2^x = 2^k * e^((x - k) ln 2); x - k is exact. */
    k = math_nearest(x);
    return math_check_range(
        math_round(exp_series(((long double)x - k) * MATH_LN2_L) * math_pow2l((int)k)));
}
