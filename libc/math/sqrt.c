/*
 * sqrt.c - square roots: sqrt and hypot.
 *
 * sqrt is the x87's fsqrt run with the precision control set to 53 bits,
 * so that the root is rounded once, to a double, as IEEE 754 requires
 * (rounding first to 64 bits and then to 53 could be off by one in rare
 * cases). hypot squares and adds in long double, whose range holds the
 * square of any double, so no scaling is needed.
 */
#include "math_impl.h"

#define X87_PC_MASK 0x0300   /* control word: precision control */
#define X87_PC_DOUBLE 0x0200 /* 53-bit significands */

double sqrt(double x)
{
    unsigned short cw, cw53;
    double r;

    if (isnan(x))
        return x;
    if (x < 0)
        return math_error(NAN, EDOM);
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    cw53 = (unsigned short)((cw & ~X87_PC_MASK) | X87_PC_DOUBLE);
    __asm__ volatile("fldcw %0" : : "m"(cw53));
    __asm__ volatile("fsqrt" : "=t"(r) : "0"(x));
    __asm__ volatile("fldcw %0" : : "m"(cw));
    return math_round(r);
}

double hypot(double x, double y)
{
    long double lx = x, ly = y;
    double r;

    if (isinf(x) || isinf(y))
        return INFINITY; /* even when the other is NaN */
    if (isnan(x) || isnan(y))
        return x + y;
    r = math_round(math_sqrtl(lx * lx + ly * ly));
    if (isinf(r))
        errno = ERANGE;
    return r;
}
