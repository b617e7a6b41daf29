/*
 * bignum.h - fixed-capacity unsigned big integers for RSA, no allocation.
 *
 * A struct bn holds up to BN_MAX_LIMBS 32-bit limbs, least significant first,
 * and a length `len` in limbs. The length is a public size (taken from the byte
 * length of an input or from a modulus), never trimmed to the value, so that the
 * running time of an operation depends on lengths only and not on the digits.
 * Moduli for Montgomery arithmetic are odd and at most BN_MOD_LIMBS limbs (4096
 * bits); other numbers may be up to twice that, to hold a full product.
 *
 * Constant-time contract: every function runs in time that depends only on the
 * `len` of its arguments and on the limb count of the modulus, except those
 * marked "variable time", which are for public values only (a public exponent,
 * a modulus's bit length, a signature already released).
 */
#ifndef CRYPTO_BIGNUM_H
#define CRYPTO_BIGNUM_H

#include <stddef.h>
#include <stdint.h>

#define BN_MOD_BITS 4096
#define BN_MOD_LIMBS (BN_MOD_BITS / 32)
#define BN_MAX_LIMBS (2 * BN_MOD_LIMBS)

struct bn {
    size_t len;                /* limbs in use, 1 <= len <= BN_MAX_LIMBS */
    uint32_t v[BN_MAX_LIMBS];  /* v[0] is the least significant limb */
};

/* Montgomery context for an odd modulus m of k limbs; R = 2^(32k). */
struct bn_mont {
    size_t k;
    uint32_t m0inv;               /* -m^-1 mod 2^32 */
    uint32_t m[BN_MOD_LIMBS];
    uint32_t rr[BN_MOD_LIMBS];    /* R^2 mod m */
};

/* ---- conversion and plain arithmetic ---- */

/*
 * r = the big-endian bytes in[0..in_len), with len = max(1, ceil(in_len / 4)).
 * CRYPTO_ERANGE when that exceeds BN_MAX_LIMBS.
 */
int bn_from_bytes(struct bn *r, const uint8_t *in, size_t in_len);

/* r = x, with r->len = 1. */
void bn_set_u32(struct bn *r, uint32_t x);

/*
 * Write a as exactly out_len big-endian bytes, zero-padded on the left.
 * CRYPTO_ERANGE (out zeroed) when the value does not fit.
 */
int bn_to_bytes(const struct bn *a, uint8_t *out, size_t out_len);

/* Number of significant bits of a (0 for zero). Variable time. */
size_t bn_bits(const struct bn *a);

/* Set len to the fewest limbs holding the value (at least 1). Variable time. */
void bn_trim(struct bn *a);

/* -1, 0 or 1 as a < b, a == b, a > b. */
int bn_cmp(const struct bn *a, const struct bn *b);

/* 1 when a is zero, else 0. */
int bn_is_zero(const struct bn *a);

/* r = a + b; r->len = max(a->len, b->len); returns the carry out (0 or 1). r may alias. */
uint32_t bn_add(struct bn *r, const struct bn *a, const struct bn *b);

/* r = a - b; r->len = max(a->len, b->len); returns the borrow out (0 or 1). r may alias. */
uint32_t bn_sub(struct bn *r, const struct bn *a, const struct bn *b);

/*
 * r = a * b with r->len = a->len + b->len; CRYPTO_ERANGE when that exceeds
 * BN_MAX_LIMBS. r may alias a or b.
 */
int bn_mul(struct bn *r, const struct bn *a, const struct bn *b);

/* r = a >> shift, keeping a->len. The shift count is public. r may alias a. */
void bn_shr(struct bn *r, const struct bn *a, size_t shift);

/*
 * Bit-serial division: q = a / m (q->len = a->len) and r = a mod m
 * (r->len = m->len); either output may be NULL. Works for any non-zero m, even
 * ones, so it serves key setup (d mod (p - 1), n / p); time depends on a->len
 * and m->len only. CRYPTO_EINVAL when m is zero.
 */
int bn_divmod(struct bn *q, struct bn *r, const struct bn *a, const struct bn *m);

/*
 * r = gcd(a, b) for an odd b, by a binary GCD run for a fixed number of steps
 * (64 per limb of the longer input) with constant-time swaps, so the time
 * depends on lengths only. r->len = max(a->len, b->len). CRYPTO_EINVAL when b
 * is even.
 */
int bn_gcd_odd(struct bn *r, const struct bn *a, const struct bn *b);

/* ---- modular arithmetic with a Montgomery context ---- */

/*
 * Prepare ctx for the odd modulus m, 1 < m < 2^4096. The limb count k comes from
 * m's bit length, which is treated as public. CRYPTO_EINVAL when m is even or 1,
 * CRYPTO_ERANGE when it is too large.
 */
int bn_mont_init(struct bn_mont *ctx, const struct bn *m);

/*
 * Montgomery multiplication on raw k-limb arrays: r = a * b / R mod m, fully
 * reduced, for a < R and b < m (or a < m and b < R). r may alias a or b.
 */
void bn_mont_mul(const struct bn_mont *ctx, uint32_t *r, const uint32_t *a, const uint32_t *b);

/* r = a mod m for any a (r->len = k). */
void bn_mod_reduce(const struct bn_mont *ctx, struct bn *r, const struct bn *a);

/* r = a * b mod m for any a and b (r->len = k). */
void bn_mod_mul(const struct bn_mont *ctx, struct bn *r, const struct bn *a, const struct bn *b);

/* r = (a - b) mod m for a, b < m given with k limbs (r->len = k). */
void bn_mod_sub(const struct bn_mont *ctx, struct bn *r, const struct bn *a, const struct bn *b);

/*
 * r = base^exp mod m with a public exponent: square-and-multiply over the
 * significant bits of exp. Variable time in exp (not in base). r may alias base.
 */
void bn_mod_exp_public(const struct bn_mont *ctx, struct bn *r, const struct bn *base,
                       const struct bn *exp);

/*
 * r = base^exp mod m with a secret exponent and base: a fixed window (4 bits up
 * to 2048-bit moduli, 3 above) over all exp->len * 32 bits, each window's table
 * entry fetched by reading the whole table under masks. The sequence of
 * operations and memory addresses depends only on exp->len and k. r may alias
 * base but not exp.
 */
void bn_mod_exp_secret(const struct bn_mont *ctx, struct bn *r, const struct bn *base,
                       const struct bn *exp);

/* r = a^-1 mod m for a prime m, as a^(m-2) (constant time). CRYPTO_EINVAL when a = 0 mod m. */
int bn_mod_inv_prime(const struct bn_mont *ctx, struct bn *r, const struct bn *a);

/* Overwrite a number or a context with zeros. */
void bn_wipe(struct bn *a);
void bn_mont_wipe(struct bn_mont *ctx);

#endif
