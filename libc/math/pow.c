/*
 * pow.c - x to the power y (C pow, with the special cases of C11 F.10.4.4).
 *
 * For x > 0 the result is e^(y ln x) in long double: ln x comes with about
 * 2^-64 relative error, which y ln x (at most about 745 in magnitude before
 * the result overflows or vanishes) turns into an absolute error near
 * 2^-54, a small part of an ulp of the result. A negative x needs an integer
 * y, whose parity gives the sign.
 */
#include "math_impl.h"

/* 0: y is not an integer; 1: an odd integer; 2: an even integer. */
static int integer_kind(double y)
{
    if (trunc(y) != y)
        return 0;
    if (fabs(y) >= 0x1p53)
        return 2; /* every double that large is even */
    return fmod(y, 2.0) == 0 ? 2 : 1;
}

double pow(double x, double y)
{
    int kind;
    long double t;
    double r;

    if (y == 0 || x == 1)
        return 1.0; /* even for a NaN */
    if (isnan(x) || isnan(y))
        return x + y;
    kind = integer_kind(y);
    if (x == 0) {
        if (y < 0) {
            if (!isinf(y))
                errno = ERANGE; /* a pole */
            return kind == 1 ? copysign(INFINITY, x) : INFINITY;
        }
        return kind == 1 ? x : 0.0;
    }
    if (isinf(y)) {
        if (x == -1)
            return 1.0;
        return (fabs(x) < 1) == (y < 0) ? INFINITY : 0.0;
    }
    if (isinf(x)) {
        double mag = y < 0 ? 0.0 : INFINITY;
        return x < 0 && kind == 1 ? -mag : mag;
    }
    if (x < 0 && kind == 0)
        return math_error(NAN, EDOM);
    t = y * __math_logl(fabs(x));
    if (t > 710)
        r = INFINITY;
    else if (t < -746)
        r = 0;
    else
        r = math_round(__math_expl(t));
    if (x < 0 && kind == 1)
        r = -r;
    return math_check_range(r);
}
