/*
 * fe25519.c - multiplication, squaring, inversion and encoding in GF(2^255 - 19).
 *
 * See fe25519.h for the representation and the limb bounds. Multiplication is
 * schoolbook on ten limbs: a product of limbs i and j lands at offset
 * o(i) + o(j), which is o(i + j) plus one extra bit when i and j are both odd
 * (the two half bits of radix 2^25.5 add up), and limbs that pass 2^255 wrap
 * around multiplied by 19 because 2^255 = 19 (mod p). Sums are kept in int64
 * and reduced by a chain of rounding carries, which leaves every limb centred
 * on zero. Signed right shifts of negative values are arithmetic (GCC and Clang
 * define them so); left shifts are never applied to negative values.
 */
#include "fe25519.h"

#define M(a, b) ((int64_t)(a) * (b))

/* Offsets and widths of the ten limbs: limb i covers bits [off[i], off[i] + width[i]). */
static const uint8_t limb_off[10] = {0, 26, 51, 77, 102, 128, 153, 179, 204, 230};
static const uint8_t limb_width[10] = {26, 25, 26, 25, 26, 25, 26, 25, 26, 25};

/*
 * Rounding carry of limb i into limb i + 1: afterwards limb i lies in
 * [-2^(w-1), 2^(w-1)). The top limb carries into limb 0 times 19.
 */
static inline void carry64(int64_t h[10], int i)
{
    int w = limb_width[i];
    int64_t c = (h[i] + ((int64_t)1 << (w - 1))) >> w;

    h[i] -= c * ((int64_t)1 << w);
    if (i == 9)
        h[0] += c * 19;
    else
        h[i + 1] += c;
}

/*
 * Reduce ten int64 sums below 2^62 to carried limbs. The order interleaves two
 * chains (from limbs 0 and 4) so the carries do not form one long dependency
 * and no intermediate value overflows.
 */
static void reduce64(struct fe25519 *r, int64_t h[10])
{
    carry64(h, 0);
    carry64(h, 4);
    carry64(h, 1);
    carry64(h, 5);
    carry64(h, 2);
    carry64(h, 6);
    carry64(h, 3);
    carry64(h, 7);
    carry64(h, 4);
    carry64(h, 8);
    carry64(h, 9);
    carry64(h, 0);
    for (int i = 0; i < 10; i++)
        r->v[i] = (int32_t)h[i];
}

void fe25519_carry(struct fe25519 *r, const struct fe25519 *a)
{
    int64_t h[10];

    for (int i = 0; i < 10; i++)
        h[i] = a->v[i];
    reduce64(r, h);
}

void fe25519_frombytes(struct fe25519 *r, const uint8_t s[32])
{
    int64_t h[10];

    for (int i = 0; i < 10; i++) {
        int byte = limb_off[i] / 8, shift = limb_off[i] % 8;
        /* shift + width <= 32 for every limb, so one 32-bit window holds it. */
        uint32_t x = (uint32_t)s[byte] | (uint32_t)s[byte + 1] << 8 |
                     (uint32_t)s[byte + 2] << 16 | (uint32_t)s[byte + 3] << 24;
        h[i] = (x >> shift) & ((1u << limb_width[i]) - 1);
    }
    reduce64(r, h);
}

void fe25519_tobytes(uint8_t s[32], const struct fe25519 *a)
{
    struct fe25519 t;
    int32_t q;
    uint64_t acc = 0;
    int bits = 0, n = 0;

    /*
     * After carrying, |value| < 2^254 + 2^231, so H = value + p lies in (0, 2p)
     * and every limb of H is positive. q = floor((H + 19) / 2^255) is 1 exactly
     * when H >= p, and H - q p = H + 19 q - 2^255 q is the canonical residue.
     * A chain of floor carries computes q exactly.
     */
    fe25519_carry(&t, a);
    t.v[0] += (1 << 26) - 19;
    for (int i = 1; i < 10; i++)
        t.v[i] += (1 << limb_width[i]) - 1;

    q = (t.v[0] + 19) >> 26;
    for (int i = 1; i < 10; i++)
        q = (t.v[i] + q) >> limb_width[i];

    t.v[0] += 19 * q;
    for (int i = 0; i < 9; i++) {
        int32_t c = t.v[i] >> limb_width[i];
        t.v[i] -= c * (1 << limb_width[i]);
        t.v[i + 1] += c;
    }
    t.v[9] &= (1 << 25) - 1; /* drops q * 2^255 */

    for (int i = 0; i < 10; i++) {
        acc |= (uint64_t)(uint32_t)t.v[i] << bits;
        bits += limb_width[i];
        while (bits >= 8) {
            s[n++] = (uint8_t)acc;
            acc >>= 8;
            bits -= 8;
        }
    }
    s[31] = (uint8_t)acc; /* the last 7 bits; bit 255 is 0 */
}

void fe25519_mul(struct fe25519 *r, const struct fe25519 *f, const struct fe25519 *g)
{
    int32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    int32_t f5 = f->v[5], f6 = f->v[6], f7 = f->v[7], f8 = f->v[8], f9 = f->v[9];
    int32_t g0 = g->v[0], g1 = g->v[1], g2 = g->v[2], g3 = g->v[3], g4 = g->v[4];
    int32_t g5 = g->v[5], g6 = g->v[6], g7 = g->v[7], g8 = g->v[8], g9 = g->v[9];
    /* Odd limbs of f doubled for odd-times-odd products; g times 19 for wrapped ones. */
    int32_t f1_2 = 2 * f1, f3_2 = 2 * f3, f5_2 = 2 * f5, f7_2 = 2 * f7, f9_2 = 2 * f9;
    int32_t g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
    int32_t g5_19 = 19 * g5, g6_19 = 19 * g6, g7_19 = 19 * g7, g8_19 = 19 * g8;
    int32_t g9_19 = 19 * g9;
    int64_t h[10];

    h[0] = M(f0, g0) + M(f1_2, g9_19) + M(f2, g8_19) + M(f3_2, g7_19) + M(f4, g6_19) +
           M(f5_2, g5_19) + M(f6, g4_19) + M(f7_2, g3_19) + M(f8, g2_19) + M(f9_2, g1_19);
    h[1] = M(f0, g1) + M(f1, g0) + M(f2, g9_19) + M(f3, g8_19) + M(f4, g7_19) +
           M(f5, g6_19) + M(f6, g5_19) + M(f7, g4_19) + M(f8, g3_19) + M(f9, g2_19);
    h[2] = M(f0, g2) + M(f1_2, g1) + M(f2, g0) + M(f3_2, g9_19) + M(f4, g8_19) +
           M(f5_2, g7_19) + M(f6, g6_19) + M(f7_2, g5_19) + M(f8, g4_19) + M(f9_2, g3_19);
    h[3] = M(f0, g3) + M(f1, g2) + M(f2, g1) + M(f3, g0) + M(f4, g9_19) + M(f5, g8_19) +
           M(f6, g7_19) + M(f7, g6_19) + M(f8, g5_19) + M(f9, g4_19);
    h[4] = M(f0, g4) + M(f1_2, g3) + M(f2, g2) + M(f3_2, g1) + M(f4, g0) + M(f5_2, g9_19) +
           M(f6, g8_19) + M(f7_2, g7_19) + M(f8, g6_19) + M(f9_2, g5_19);
    h[5] = M(f0, g5) + M(f1, g4) + M(f2, g3) + M(f3, g2) + M(f4, g1) + M(f5, g0) +
           M(f6, g9_19) + M(f7, g8_19) + M(f8, g7_19) + M(f9, g6_19);
    h[6] = M(f0, g6) + M(f1_2, g5) + M(f2, g4) + M(f3_2, g3) + M(f4, g2) + M(f5_2, g1) +
           M(f6, g0) + M(f7_2, g9_19) + M(f8, g8_19) + M(f9_2, g7_19);
    h[7] = M(f0, g7) + M(f1, g6) + M(f2, g5) + M(f3, g4) + M(f4, g3) + M(f5, g2) +
           M(f6, g1) + M(f7, g0) + M(f8, g9_19) + M(f9, g8_19);
    h[8] = M(f0, g8) + M(f1_2, g7) + M(f2, g6) + M(f3_2, g5) + M(f4, g4) + M(f5_2, g3) +
           M(f6, g2) + M(f7_2, g1) + M(f8, g0) + M(f9_2, g9_19);
    h[9] = M(f0, g9) + M(f1, g8) + M(f2, g7) + M(f3, g6) + M(f4, g5) + M(f5, g4) +
           M(f6, g3) + M(f7, g2) + M(f8, g1) + M(f9, g0);
    reduce64(r, h);
}

void fe25519_sq(struct fe25519 *r, const struct fe25519 *f)
{
    int32_t f0 = f->v[0], f1 = f->v[1], f2 = f->v[2], f3 = f->v[3], f4 = f->v[4];
    int32_t f5 = f->v[5], f6 = f->v[6], f7 = f->v[7], f8 = f->v[8], f9 = f->v[9];
    /*
     * Each cross product f_i f_j (i < j) appears twice; odd-times-odd ones carry
     * another factor 2 and wrapped ones a factor 19, split between the operands
     * so that no premultiplied limb overflows 32 bits.
     */
    int32_t f0_2 = 2 * f0, f1_2 = 2 * f1, f2_2 = 2 * f2, f3_2 = 2 * f3, f4_2 = 2 * f4;
    int32_t f5_2 = 2 * f5, f6_2 = 2 * f6, f7_2 = 2 * f7, f8_2 = 2 * f8, f9_2 = 2 * f9;
    int32_t f1_4 = 4 * f1, f3_4 = 4 * f3, f5_4 = 4 * f5, f7_4 = 4 * f7;
    int32_t f5_19 = 19 * f5, f6_19 = 19 * f6, f7_19 = 19 * f7, f8_19 = 19 * f8;
    int32_t f9_19 = 19 * f9;
    int64_t h[10];

    h[0] = M(f0, f0) + M(f1_4, f9_19) + M(f2_2, f8_19) + M(f3_4, f7_19) + M(f4_2, f6_19) +
           M(f5_2, f5_19);
    h[1] = M(f0_2, f1) + M(f2_2, f9_19) + M(f3_2, f8_19) + M(f4_2, f7_19) + M(f5_2, f6_19);
    h[2] = M(f0_2, f2) + M(f1_2, f1) + M(f3_4, f9_19) + M(f4_2, f8_19) + M(f5_4, f7_19) +
           M(f6, f6_19);
    h[3] = M(f0_2, f3) + M(f1_2, f2) + M(f4_2, f9_19) + M(f5_2, f8_19) + M(f6_2, f7_19);
    h[4] = M(f0_2, f4) + M(f1_4, f3) + M(f2, f2) + M(f5_4, f9_19) + M(f6_2, f8_19) +
           M(f7_2, f7_19);
    h[5] = M(f0_2, f5) + M(f1_2, f4) + M(f2_2, f3) + M(f6_2, f9_19) + M(f7_2, f8_19);
    h[6] = M(f0_2, f6) + M(f1_4, f5) + M(f2_2, f4) + M(f3_2, f3) + M(f7_4, f9_19) +
           M(f8, f8_19);
    h[7] = M(f0_2, f7) + M(f1_2, f6) + M(f2_2, f5) + M(f3_2, f4) + M(f8_2, f9_19);
    h[8] = M(f0_2, f8) + M(f1_4, f7) + M(f2_2, f6) + M(f3_4, f5) + M(f4, f4) + M(f9_2, f9_19);
    h[9] = M(f0_2, f9) + M(f1_2, f8) + M(f2_2, f7) + M(f3_2, f6) + M(f4_2, f5);
    reduce64(r, h);
}

void fe25519_mul_small(struct fe25519 *r, const struct fe25519 *a, int32_t c)
{
    int64_t h[10];

    for (int i = 0; i < 10; i++)
        h[i] = M(a->v[i], c);
    reduce64(r, h);
}

/* r = a^(2^n) for n >= 1. */
static void sq_times(struct fe25519 *r, const struct fe25519 *a, int n)
{
    fe25519_sq(r, a);
    while (--n > 0)
        fe25519_sq(r, r);
}

/*
 * The common part of inversion and square root: returns a^(2^250 - 1) in *r and
 * a^11 in *a11. The chain builds a^(2^k - 1) for k = 5, 10, 20, 40, 50, 100, 200,
 * 250, each from two smaller ones.
 */
static void pow2250m1(struct fe25519 *r, struct fe25519 *a11, const struct fe25519 *a)
{
    struct fe25519 t0, t1, t2, t3;

    fe25519_sq(&t0, a);            /* a^2 */
    sq_times(&t1, &t0, 2);         /* a^8 */
    fe25519_mul(&t1, &t1, a);      /* a^9 */
    fe25519_mul(a11, &t0, &t1);    /* a^11 */
    fe25519_sq(&t0, a11);          /* a^22 */
    fe25519_mul(&t0, &t0, &t1);    /* a^31 = a^(2^5 - 1) */
    sq_times(&t1, &t0, 5);
    fe25519_mul(&t1, &t1, &t0);    /* 2^10 - 1 */
    sq_times(&t2, &t1, 10);
    fe25519_mul(&t2, &t2, &t1);    /* 2^20 - 1 */
    sq_times(&t3, &t2, 20);
    fe25519_mul(&t3, &t3, &t2);    /* 2^40 - 1 */
    sq_times(&t3, &t3, 10);
    fe25519_mul(&t2, &t3, &t1);    /* 2^50 - 1 */
    sq_times(&t3, &t2, 50);
    fe25519_mul(&t3, &t3, &t2);    /* 2^100 - 1 */
    sq_times(&t0, &t3, 100);
    fe25519_mul(&t0, &t0, &t3);    /* 2^200 - 1 */
    sq_times(&t0, &t0, 50);
    fe25519_mul(r, &t0, &t2);      /* 2^250 - 1 */
}

void fe25519_invert(struct fe25519 *r, const struct fe25519 *a)
{
    struct fe25519 t, a11;

    /* p - 2 = 2^255 - 21 = (2^250 - 1) * 2^5 + 11 */
    pow2250m1(&t, &a11, a);
    sq_times(&t, &t, 5);
    fe25519_mul(r, &t, &a11);
}

void fe25519_pow22523(struct fe25519 *r, const struct fe25519 *a)
{
    struct fe25519 t, a11;

    /* (p - 5) / 8 = 2^252 - 3 = (2^250 - 1) * 2^2 + 1 */
    pow2250m1(&t, &a11, a);
    sq_times(&t, &t, 2);
    fe25519_mul(r, &t, a);
}

uint32_t fe25519_iszero(const struct fe25519 *a)
{
    uint8_t s[32];
    uint32_t acc = 0;

    fe25519_tobytes(s, a);
    for (int i = 0; i < 32; i++)
        acc |= s[i];
    return (acc - 1) >> 31;
}

uint32_t fe25519_isnegative(const struct fe25519 *a)
{
    uint8_t s[32];

    fe25519_tobytes(s, a);
    return s[0] & 1;
}
