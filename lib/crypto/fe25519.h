/*
 * fe25519.h - arithmetic in the field GF(2^255 - 19), shared by X25519 and Ed25519.
 *
 * An element is ten signed limbs in radix 2^25.5: limb i holds the bits from
 * offset ceil(25.5 * i), so even limbs are 26 bits wide and odd limbs 25. Limb
 * products fit in 64 bits and no 128-bit type is needed, which keeps the code
 * fast on i386. The representation is redundant: an element is any ten limbs
 * whose weighted sum is congruent to the value modulo p.
 *
 * Bounds (the contract every function relies on):
 *   - "carried": the output of fe25519_mul, _sq, _mul_small, _carry, _frombytes
 *     and the constants; |even limb| <= 2^25 + 2^21, |odd limb| <= 2^24 + 2^21.
 *   - fe25519_mul and _sq accept inputs whose limbs are sums or differences of at
 *     most three carried elements (|limb| < 1.6 * 2^26).
 *   - fe25519_add and _sub do not carry: callers keep within the rule above and
 *     call fe25519_carry when a longer chain is unavoidable.
 *
 * Every function runs in time independent of the values involved.
 */
#ifndef CRYPTO_FE25519_H
#define CRYPTO_FE25519_H

#include <stdint.h>

struct fe25519 {
    int32_t v[10];
};

static inline void fe25519_copy(struct fe25519 *r, const struct fe25519 *a)
{
    *r = *a;
}

static inline void fe25519_zero(struct fe25519 *r)
{
    for (int i = 0; i < 10; i++)
        r->v[i] = 0;
}

static inline void fe25519_one(struct fe25519 *r)
{
    fe25519_zero(r);
    r->v[0] = 1;
}

static inline void fe25519_add(struct fe25519 *r, const struct fe25519 *a, const struct fe25519 *b)
{
    for (int i = 0; i < 10; i++)
        r->v[i] = a->v[i] + b->v[i];
}

static inline void fe25519_sub(struct fe25519 *r, const struct fe25519 *a, const struct fe25519 *b)
{
    for (int i = 0; i < 10; i++)
        r->v[i] = a->v[i] - b->v[i];
}

static inline void fe25519_neg(struct fe25519 *r, const struct fe25519 *a)
{
    for (int i = 0; i < 10; i++)
        r->v[i] = -a->v[i];
}

/* Swap a and b when swap is 1, leave them when it is 0; swap must be 0 or 1. */
static inline void fe25519_cswap(struct fe25519 *a, struct fe25519 *b, uint32_t swap)
{
    uint32_t mask = 0u - swap;

    for (int i = 0; i < 10; i++) {
        uint32_t x = ((uint32_t)a->v[i] ^ (uint32_t)b->v[i]) & mask;
        a->v[i] = (int32_t)((uint32_t)a->v[i] ^ x);
        b->v[i] = (int32_t)((uint32_t)b->v[i] ^ x);
    }
}

/* r = a when move is 1, unchanged when it is 0; move must be 0 or 1. */
static inline void fe25519_cmov(struct fe25519 *r, const struct fe25519 *a, uint32_t move)
{
    uint32_t mask = 0u - move;

    for (int i = 0; i < 10; i++) {
        uint32_t x = ((uint32_t)r->v[i] ^ (uint32_t)a->v[i]) & mask;
        r->v[i] = (int32_t)((uint32_t)r->v[i] ^ x);
    }
}

/* Decode 32 little-endian bytes; bit 255 is ignored, values >= p are accepted. */
void fe25519_frombytes(struct fe25519 *r, const uint8_t s[32]);
/* Encode the unique representative in [0, p) as 32 little-endian bytes. */
void fe25519_tobytes(uint8_t s[32], const struct fe25519 *a);

/* Bring limbs of magnitude below 2^30 back to the carried bounds. */
void fe25519_carry(struct fe25519 *r, const struct fe25519 *a);
void fe25519_mul(struct fe25519 *r, const struct fe25519 *a, const struct fe25519 *b);
void fe25519_sq(struct fe25519 *r, const struct fe25519 *a);
/* r = a * c for a constant 0 <= c < 2^20. */
void fe25519_mul_small(struct fe25519 *r, const struct fe25519 *a, int32_t c);
/* r = 1 / a (a^(p-2)); 0 maps to 0. */
void fe25519_invert(struct fe25519 *r, const struct fe25519 *a);
/* r = a^((p-5)/8), the core of the square root used to decode Edwards points. */
void fe25519_pow22523(struct fe25519 *r, const struct fe25519 *a);

/* 1 when a is 0 mod p, else 0. */
uint32_t fe25519_iszero(const struct fe25519 *a);
/* The low bit of the canonical representative (the "sign" of RFC 8032). */
uint32_t fe25519_isnegative(const struct fe25519 *a);

#endif
