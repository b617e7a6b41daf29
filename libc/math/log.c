/*
 * log.c - logarithms: log, log2, log10, and the long double kernel that pow
 * uses.
 *
 * x = 2^e * m with m in [sqrt(1/2), sqrt(2)), and ln m = 2 atanh(s) with
 * s = (m - 1) / (m + 1), |s| <= 0.172, whose series s + s^3/3 + s^5/5 ...
 * gains more than five bits a term. m - 1 and m + 1 are exact, so the only
 * rounding that matters is the division's. log2 and log10 divide the
 * natural logarithm by ln 2 and ln 10 in long double, which keeps exact
 * powers exact (log10(1000) is 3).
 */
#include "math_impl.h"

#define LN2_HI 0.693147180559208209160715341567993164L /* as in exp.c */
#define LN2_LO 7.37100256516779889988699502e-13L
#define SQRT2 1.41421356237309504880168872420969808L

/* 2 atanh(s) = ln((1 + s) / (1 - s)) for |s| <= 0.18. */
static long double log_series(long double s)
{
    long double s2 = s * s, power = s, sum = s;

    for (int n = 3; n < 60; n += 2) {
        long double term;

        power *= s2;
        term = power / n;
        sum += term;
        if ((term < 0 ? -term : term) < (sum < 0 ? -sum : sum) * 0x1p-70L)
            break;
    }
    return 2 * sum;
}

long double __math_logl(long double x)
{
    union {
        long double x;
        struct {
            uint64_t mant;
            uint16_t sign_exp;
        } parts;
    } u = {.x = x};
    int e = (int)(u.parts.sign_exp & 0x7fff) - 16383;
    long double m;

    if (!(u.parts.mant >> 63)) {
        /* An unnormalized (denormal) long double: never made from a double here. */
        return 0;
    }
    u.parts.sign_exp = 16383; /* m in [1, 2) */
    m = u.x;
    if (m > SQRT2) {
        m /= 2;
        e++;
    }
    return e * LN2_HI + (e * LN2_LO + log_series((m - 1) / (m + 1)));
}

/* The special cases common to the logarithms; 1 when *r holds the result. */
static int log_special(double x, double *r)
{
    if (isnan(x)) {
        *r = x;
    } else if (x == 0) {
        *r = math_error(-INFINITY, ERANGE);
    } else if (x < 0) {
        *r = math_error(NAN, EDOM);
    } else if (isinf(x)) {
        *r = x;
    } else {
        return 0;
    }
    return 1;
}

double log(double x)
{
    double r;

    if (log_special(x, &r))
        return r;
    return math_round(__math_logl(x));
}

double log2(double x)
{
    double r;

    if (log_special(x, &r))
        return r;
    return math_round(__math_logl(x) / MATH_LN2_L);
}

double log10(double x)
{
    double r;

    if (log_special(x, &r))
        return r;
    return math_round(__math_logl(x) / MATH_LN10_L);
}
