/*
 * atan.c - the inverse trigonometric functions: atan, atan2, asin, acos.
 *
 * atan t for |t| <= 1 halves the angle twice (atan t = 2 atan(t / (1 +
 * sqrt(1 + t^2)))), which brings t below tan(pi/16) ~ 0.2, where the
 * series t - t^3/3 + t^5/5 ... gains over four bits a term; larger
 * arguments use atan t = pi/2 - atan(1/t). atan2 works from |y| and |x|
 * and puts the angle in its quadrant; asin and acos are atan2 of x and
 * sqrt((1 - x)(1 + x)), which keeps its precision near |x| = 1.
 */
#include "math_impl.h"

/* atan t for 0 <= t <= 1. */
static long double atan_unit(long double t)
{
    long double t2, power, sum;

    for (int i = 0; i < 2; i++)
        t = t / (1 + math_sqrtl(1 + t * t));
    t2 = t * t;
    power = sum = t;
    for (int n = 3; n < 100; n += 2) {
        long double term;

        power *= -t2;
        term = power / n;
        sum += term;
        if ((term < 0 ? -term : term) <= sum * 0x1p-70L)
            break;
    }
    return 4 * sum;
}

/* atan(y / x) for 0 <= y, 0 < x (both finite), in [0, pi/2]. */
static long double atan_ratio(long double y, long double x)
{
    if (y <= x)
        return atan_unit(y / x);
    return MATH_PIO2_L - atan_unit(x / y);
}

double atan(double x)
{
    long double a;

    if (isnan(x))
        return x;
    if (isinf(x))
        return copysign(M_PI_2, x);
    if (x == 0)
        return x;
    a = atan_ratio(fabs(x), 1);
    return math_round(x < 0 ? -a : a);
}

double atan2(double y, double x)
{
    long double a;

    if (isnan(x) || isnan(y))
        return x + y;
    if (y == 0) {
        /* On the x axis: 0 or pi, with the sign of y. */
        if (signbit(x))
            return copysign(M_PI, y);
        return y;
    }
    if (x == 0)
        return copysign(M_PI_2, y);
    if (isinf(x)) {
        if (isinf(y))
            return copysign(signbit(x) ? 3 * M_PI_4 : M_PI_4, y);
        return copysign(signbit(x) ? M_PI : 0.0, y);
    }
    if (isinf(y))
        return copysign(M_PI_2, y);
    a = atan_ratio(fabs(y), fabs(x));
    if (x < 0)
        a = MATH_PI_L - a;
    return math_check_range(math_round(y < 0 ? -a : a));
}

/* sqrt(1 - x^2) for |x| <= 1, without the cancellation of 1 - x*x. */
static long double cosine_of_sine(double x)
{
    long double lx = x;

    return math_sqrtl((1 - lx) * (1 + lx));
}

double asin(double x)
{
    long double a;

    if (isnan(x))
        return x;
    if (fabs(x) > 1)
        return math_error(NAN, EDOM);
    if (x == 0)
        return x;
    if (fabs(x) == 1)
        return copysign(M_PI_2, x);
    a = atan_ratio(fabs(x), cosine_of_sine(x));
    return math_round(x < 0 ? -a : a);
}

double acos(double x)
{
    long double a;

    if (isnan(x))
        return x;
    if (fabs(x) > 1)
        return math_error(NAN, EDOM);
    if (x == 1)
        return 0.0;
    if (x == -1)
        return M_PI;
    if (x == 0)
        return M_PI_2;
    a = atan_ratio(cosine_of_sine(x), fabs(x));
    return math_round(x < 0 ? MATH_PI_L - a : a);
}
