/*
 * rem_pio2.c - reducing an argument of sin, cos and tan modulo pi/2: x = q
 * (pi/2) + r with |r| <= pi/4, for every finite double, however large.
 *
 * pi/2 is irrational, so the remainder of a large x needs many bits of
 * 2/pi: x (2/pi) is computed exactly enough with the bits of 2/pi that can
 * change its value modulo 4, in multiple precision (the Payne-Hanek
 * method). Write x = m 2^E (m the 53-bit integer significand) and 2/pi =
 * sum of d_j 2^-j. A term m d_j 2^(E-j) with E - j >= 2 is a multiple of
 * 4, so only the bits j > E - 2 count; taking them up to j = E + 190 leaves
 * an error below 2^-130, while no double comes closer than about 2^-61 to a
 * multiple of pi/2, so the fraction keeps more than 64 significant bits.
 * The window of 192 bits times m gives a 245-bit product whose two bits
 * above the binary point are q mod 4 and whose bits below are the fraction.
 */
#include "math_impl.h"

/* The first 1344 bits of 2/pi, 32 to a word, most significant first. */
static const uint32_t two_over_pi[42] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041,
    0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0, 0x06492eea, 0x09d1921c,
    0xfe1deb1c, 0xb129a73e, 0xe88235f5, 0x2ebb4484, 0xe99c7026, 0xb45f7e41,
    0x3991d639, 0x835339f4, 0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f,
    0xef2f118b, 0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7, 0x4f463f66, 0x9e5fea2d,
    0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1, 0x1f8d5d08,
    0x56033046, 0xfc7b6bab, 0xf0cfbc20, 0x9af4361d, 0xa9e39161, 0x5ee61b08,
};

#define WINDOW_WORDS 6      /* 192 bits of 2/pi */
#define FRACTION_BITS 190   /* the product's bits below the binary point */
#define PRODUCT_WORDS 8

/* Bit j (j >= 1) of 2/pi: the coefficient of 2^-j; 0 for j < 1. */
static unsigned int two_over_pi_bit(int j)
{
    if (j < 1)
        return 0;
    j--;
    return (two_over_pi[j / 32] >> (31 - j % 32)) & 1;
}

/* Bit i of the little-endian multiword number n. */
static unsigned int bit_of(const uint32_t *n, int i)
{
    return (n[i / 32] >> (i % 32)) & 1;
}

/* Reduce the finite double x: returns q mod 4 and sets *r, |r| <= pi/4 (x = q pi/2 + r). */
int __math_rem_pio2(double x, long double *r)
{
    uint64_t u = math_bits(x), m = u & ((1ull << 52) - 1);
    int biased = (int)((u >> 52) & 0x7ff), e, q, top, neg;
    uint32_t window[WINDOW_WORDS] = {0}, product[PRODUCT_WORDS] = {0};
    uint32_t mw[2];
    uint64_t frac_bits = 0;
    long double f;

    if (biased == 0)
        biased = 1; /* subnormal: no implicit bit */
    else
        m |= 1ull << 52;
    e = biased - 1023 - 52; /* x = m * 2^e */
    /* window, as a 192-bit integer: bits j = e - 1 ... e + 190 of 2/pi. */
    for (int i = 0; i < WINDOW_WORDS * 32; i++)
        if (two_over_pi_bit(e + FRACTION_BITS - i))
            window[i / 32] |= 1u << (i % 32);
    mw[0] = (uint32_t)m;
    mw[1] = (uint32_t)(m >> 32);
    for (int i = 0; i < 2; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < WINDOW_WORDS; j++) {
            uint64_t t = (uint64_t)mw[i] * window[j] + product[i + j] + carry;
            product[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        for (int k = i + WINDOW_WORDS; carry && k < PRODUCT_WORDS; k++) {
            uint64_t t = (uint64_t)product[k] + carry;
            product[k] = (uint32_t)t;
            carry = t >> 32;
        }
    }
    q = (int)(bit_of(product, FRACTION_BITS) | bit_of(product, FRACTION_BITS + 1) << 1);
    /* Round to the nearest quadrant: a fraction f of one half or more becomes f - 1. */
    neg = (int)bit_of(product, FRACTION_BITS - 1);
    if (neg) {
        q = (q + 1) & 3;
        /* The complemented fraction bits hold 1 - f - 2^-190, close enough to |f - 1|. */
        for (int i = 0; i < PRODUCT_WORDS; i++)
            product[i] = ~product[i];
    }
    /* The leading 64 bits of the fraction, and where they start. */
    top = FRACTION_BITS - 1;
    while (top >= 64 && !bit_of(product, top))
        top--;
    for (int i = 0; i < 64; i++)
        frac_bits = frac_bits << 1 | bit_of(product, top - i);
    f = (long double)frac_bits * math_pow2l(top - 63 - FRACTION_BITS);
    *r = (neg ? -f : f) * MATH_PIO2_L;
    if (u >> 63) {
        /* x was negative: the reduction of |x|, mirrored. */
        q = (4 - q) & 3;
        *r = -*r;
    }
    return q;
}
