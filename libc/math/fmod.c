/*
 * fmod.c - the remainder of x / y with the quotient truncated (C fmod).
 *
 * The x87's fprem computes exactly that, exactly, a bounded number of
 * quotient bits per execution: it is repeated until the status word's C2
 * flag says the reduction is complete. The remainder of two doubles is
 * itself a double, so nothing is rounded.
 */
#include "math_impl.h"

#define X87_C2 0x0400 /* status word: partial remainder, run fprem again */

double fmod(double x, double y)
{
    long double r = x;
    unsigned short status;

    if (isnan(x) || isnan(y))
        return x + y;
    if (isinf(x) || y == 0)
        return math_error(NAN, EDOM);
    if (isinf(y))
        return x;
    do
        __asm__("fprem\n\tfnstsw %0" : "=a"(status), "+t"(r) : "u"((long double)y));
    while (status & X87_C2);
    return math_round(r);
}
