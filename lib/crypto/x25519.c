/*
 * x25519.c - the X25519 function of RFC 7748 section 5.
 *
 * A Montgomery ladder over the u-coordinate in projective form (X : Z): each of
 * the 255 steps does one differential addition and one doubling, and the two
 * running points trade places through a masked conditional swap driven by the
 * scalar bit, so memory access and timing are the same for every scalar. Field
 * arithmetic is in fe25519.c. The result is X * Z^(p-2).
 */
#include <string.h>

#include "ct.h"
#include "error.h"
#include "fe25519.h"
#include "x25519.h"

/* (A - 2) / 4 for Curve25519's A = 486662 (RFC 7748 section 5). */
#define X25519_A24 121665

static void ladder(uint8_t out[32], const uint8_t scalar[32], const uint8_t point[32])
{
    uint8_t k[32];
    struct fe25519 x1, x2, z2, x3, z3;
    struct fe25519 a, aa, b, bb, e, c, d, da, cb, t;
    uint32_t swap = 0;

    /* decodeScalar25519: clear the three low bits and bit 255, set bit 254. */
    memcpy(k, scalar, 32);
    k[0] &= 248;
    k[31] &= 127;
    k[31] |= 64;

    fe25519_frombytes(&x1, point); /* ignores bit 255 as decodeUCoordinate does */
    fe25519_one(&x2);
    fe25519_zero(&z2);
    fe25519_copy(&x3, &x1);
    fe25519_one(&z3);

    for (int pos = 254; pos >= 0; pos--) {
        uint32_t bit = (k[pos >> 3] >> (pos & 7)) & 1;

        swap ^= bit;
        fe25519_cswap(&x2, &x3, swap);
        fe25519_cswap(&z2, &z3, swap);
        swap = bit;

        fe25519_add(&a, &x2, &z2);
        fe25519_sq(&aa, &a);
        fe25519_sub(&b, &x2, &z2);
        fe25519_sq(&bb, &b);
        fe25519_sub(&e, &aa, &bb);
        fe25519_add(&c, &x3, &z3);
        fe25519_sub(&d, &x3, &z3);
        fe25519_mul(&da, &d, &a);
        fe25519_mul(&cb, &c, &b);
        fe25519_add(&t, &da, &cb);
        fe25519_sq(&x3, &t);
        fe25519_sub(&t, &da, &cb);
        fe25519_sq(&t, &t);
        fe25519_mul(&z3, &x1, &t);
        fe25519_mul(&x2, &aa, &bb);
        fe25519_mul_small(&t, &e, X25519_A24);
        fe25519_add(&t, &aa, &t);
        fe25519_mul(&z2, &e, &t);
    }
    fe25519_cswap(&x2, &x3, swap);
    fe25519_cswap(&z2, &z3, swap);

    fe25519_invert(&z2, &z2);
    fe25519_mul(&x2, &x2, &z2);
    fe25519_tobytes(out, &x2);

    ct_wipe(k, sizeof k);
    ct_wipe(&x2, sizeof x2);
    ct_wipe(&z2, sizeof z2);
    ct_wipe(&x3, sizeof x3);
    ct_wipe(&z3, sizeof z3);
    ct_wipe(&a, sizeof a);
    ct_wipe(&b, sizeof b);
    ct_wipe(&aa, sizeof aa);
    ct_wipe(&bb, sizeof bb);
    ct_wipe(&e, sizeof e);
    ct_wipe(&c, sizeof c);
    ct_wipe(&d, sizeof d);
    ct_wipe(&da, sizeof da);
    ct_wipe(&cb, sizeof cb);
    ct_wipe(&t, sizeof t);
}

int x25519_is_zero(const uint8_t value[X25519_SIZE])
{
    uint32_t acc = 0;

    for (int i = 0; i < X25519_SIZE; i++)
        acc |= value[i];
    return (int)((acc - 1) >> 31);
}

int x25519(uint8_t out[X25519_SIZE], const uint8_t scalar[X25519_SIZE],
           const uint8_t point[X25519_SIZE])
{
    ladder(out, scalar, point);
    return x25519_is_zero(out) ? CRYPTO_EINVAL : CRYPTO_OK;
}

void x25519_base(uint8_t out[X25519_SIZE], const uint8_t scalar[X25519_SIZE])
{
    static const uint8_t base[32] = {9};

    ladder(out, scalar, base);
}
