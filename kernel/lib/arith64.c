/*
 * arith64.c - 64-bit division for i386. gcc turns "/" and "%" on 64-bit
 * integers into calls to these libgcc helpers; the kernel links no libgcc, so
 * they are here: shift-and-subtract long division, with a fast path when both
 * operands fit in 32 bits.
 */
#include <stdint.h>

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
uint64_t __udivdi3(uint64_t n, uint64_t d);
uint64_t __umoddi3(uint64_t n, uint64_t d);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0;
    int shift;

    if (d == 0) {
        /* Division by zero: raise #DE as the hardware divide would. */
        volatile uint32_t zero = 0;
        return 1 / zero;
    }
    if ((n >> 32) == 0 && (d >> 32) == 0) {
        if (rem)
            *rem = (uint32_t)n % (uint32_t)d;
        return (uint32_t)n / (uint32_t)d;
    }
    if (d > n) {
        if (rem)
            *rem = n;
        return 0;
    }
    shift = __builtin_clzll(d) - __builtin_clzll(n);
    d <<= shift;
    for (; shift >= 0; shift--) {
        q <<= 1;
        if (n >= d) {
            n -= d;
            q |= 1;
        }
        d >>= 1;
    }
    if (rem)
        *rem = n;
    return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d)
{
    return __udivmoddi4(n, d, 0);
}

uint64_t __umoddi3(uint64_t n, uint64_t d)
{
    uint64_t r = 0;
    __udivmoddi4(n, d, &r);
    return r;
}

int64_t __divdi3(int64_t n, int64_t d)
{
    uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t q = __udivmoddi4(un, ud, 0);
    /* Negate in unsigned arithmetic: INT64_MIN / 1 must not overflow. */
    return (int64_t)((n < 0) != (d < 0) ? -q : q);
}

int64_t __moddi3(int64_t n, int64_t d)
{
    uint64_t un = n < 0 ? -(uint64_t)n : (uint64_t)n;
    uint64_t ud = d < 0 ? -(uint64_t)d : (uint64_t)d;
    uint64_t r = 0;
    __udivmoddi4(un, ud, &r);
    return (int64_t)(n < 0 ? -r : r);
}

int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem);
int64_t __divmoddi4(int64_t n, int64_t d, int64_t *rem)
{
    int64_t q = __divdi3(n, d);

    if (rem)
        *rem = n - q * d;
    return q;
}
