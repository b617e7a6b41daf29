/*
 * trig.c - sine, cosine and tangent.
 *
 * The argument is reduced to r in [-pi/4, pi/4] and a quadrant q
 * (rem_pio2.c; |x| <= pi/4 needs no reduction). On that interval the
 * Taylor series of sin and cos converge fast (the 21st power's term is
 * below 2^-70), and sin x, cos x and tan x follow from sin r and cos r by
 * the quadrant.
 */
#include "math_impl.h"

int __math_rem_pio2(double x, long double *r);

/* sin r for |r| <= pi/4. */
static long double sin_series(long double r)
{
    long double r2 = r * r, term = r, sum = r;

    for (int n = 2; n < 40; n += 2) {
        term *= -r2 / (n * (n + 1));
        sum += term;
        if ((term < 0 ? -term : term) <= (sum < 0 ? -sum : sum) * 0x1p-70L)
            break;
    }
    return sum;
}

/* cos r for |r| <= pi/4. */
static long double cos_series(long double r)
{
    long double r2 = r * r, term = 1, sum = 1;

    for (int n = 1; n < 40; n += 2) {
        term *= -r2 / (n * (n + 1));
        sum += term;
        if ((term < 0 ? -term : term) <= sum * 0x1p-70L)
            break;
    }
    return sum;
}

/* The quadrant and the reduced argument of a finite x. */
static int reduce(double x, long double *r)
{
    if (fabs(x) <= MATH_PIO4_L) {
        *r = x;
        return 0;
    }
    return __math_rem_pio2(x, r);
}

double sin(double x)
{
    long double r;

    if (isinf(x))
        return math_error(NAN, EDOM);
    if (isnan(x) || x == 0)
        return x; /* keeps the sign of a zero */
    switch (reduce(x, &r)) {
    case 0: return math_round(sin_series(r));
    case 1: return math_round(cos_series(r));
    case 2: return math_round(-sin_series(r));
    default: return math_round(-cos_series(r));
    }
}

double cos(double x)
{
    long double r;

    if (isinf(x))
        return math_error(NAN, EDOM);
    if (isnan(x))
        return x;
    switch (reduce(x, &r)) {
    case 0: return math_round(cos_series(r));
    case 1: return math_round(-sin_series(r));
    case 2: return math_round(-cos_series(r));
    default: return math_round(sin_series(r));
    }
}

double tan(double x)
{
    long double r, s, c;

    if (isinf(x))
        return math_error(NAN, EDOM);
    if (isnan(x) || x == 0)
        return x; /* keeps the sign of a zero */
    /* tan(r + pi/2) = -cos r / sin r. */
    if (reduce(x, &r) & 1) {
        s = sin_series(r);
        c = cos_series(r);
        return math_round(-c / s);
    }
    return math_round(sin_series(r) / cos_series(r));
}
