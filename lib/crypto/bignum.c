/*
 * bignum.c - fixed-capacity unsigned big integers and Montgomery arithmetic
 * for RSA (see bignum.h).
 *
 * Numbers are little-endian arrays of 32-bit limbs; products of two limbs are
 * formed in uint64_t, which i386 does with one MUL. Modular multiplication is
 * Montgomery's, in the CIOS form (coarsely integrated operand scanning: each
 * limb of b is multiplied in and one limb of the modulus reduced away in the
 * same outer step), followed by one masked subtraction.
 *
 * Constant-time rules followed here:
 *  - loop bounds and array indexes depend only on public lengths (a number's
 *    len, a modulus's limb count k, bit positions of an exponent);
 *  - a data-dependent choice is made with an all-ones/all-zeros mask applied to
 *    both candidates (select), never with a branch or an index;
 *  - carries and borrows are computed arithmetically in 64-bit words;
 *  - the secret-exponent exponentiation uses a fixed window: every window
 *    costs the same squarings and one multiplication (also for a zero window),
 *    and the table entry is fetched by reading all entries and keeping the one
 *    wanted under a mask;
 *  - functions marked "variable time" in bignum.h (bn_bits, bn_trim,
 *    bn_mod_exp_public) are used only on public values.
 */
#include <string.h>

#include "bignum.h"
#include "ct.h"
#include "error.h"

/* Hide a mask's value from the optimizer so a select stays branch-free. */
static inline uint32_t opaque(uint32_t x)
{
    __asm__("" : "+r"(x));
    return x;
}

/* All ones when x != 0, else 0. */
static inline uint32_t mask_nonzero(uint32_t x)
{
    return opaque(~ct_is_zero32(x));
}

/* All ones when x == y, else 0. */
static inline uint32_t mask_eq(uint32_t x, uint32_t y)
{
    return opaque(ct_is_zero32(x ^ y));
}

/* Limb i of a, or 0 beyond its length (i is public). */
static inline uint32_t limb(const struct bn *a, size_t i)
{
    return i < a->len ? a->v[i] : 0;
}

/* r = a + b over n limbs; returns the carry. r may alias a or b. */
static uint32_t limbs_add(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
    uint64_t c = 0;

    for (size_t i = 0; i < n; i++) {
        c += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)c;
        c >>= 32;
    }
    return (uint32_t)c;
}

/* r = a - b over n limbs; returns the borrow (0 or 1). r may alias a or b. */
static uint32_t limbs_sub(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n)
{
    uint64_t d;
    uint32_t borrow = 0;

    for (size_t i = 0; i < n; i++) {
        d = (uint64_t)a[i] - b[i] - borrow;
        r[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    return borrow;
}

/* r = mask ? a : b over n limbs, mask all ones or zero. r may alias either. */
static void limbs_select(uint32_t *r, const uint32_t *a, const uint32_t *b, size_t n,
                         uint32_t mask)
{
    for (size_t i = 0; i < n; i++)
        r[i] = (a[i] & mask) | (b[i] & ~mask);
}

/* ---- conversion and plain arithmetic ---- */

int bn_from_bytes(struct bn *r, const uint8_t *in, size_t in_len)
{
    size_t len = (in_len + 3) / 4;

    if (len > BN_MAX_LIMBS)
        return CRYPTO_ERANGE;
    if (len == 0)
        len = 1;
    memset(r->v, 0, len * sizeof r->v[0]);
    for (size_t i = 0; i < in_len; i++)
        r->v[i / 4] |= (uint32_t)in[in_len - 1 - i] << (8 * (i % 4));
    r->len = len;
    return CRYPTO_OK;
}

void bn_set_u32(struct bn *r, uint32_t x)
{
    r->v[0] = x;
    r->len = 1;
}

int bn_to_bytes(const struct bn *a, uint8_t *out, size_t out_len)
{
    uint32_t excess = 0;
    size_t nbytes = a->len * 4;

    for (size_t i = 0; i < nbytes; i++) {
        uint8_t byte = (uint8_t)(a->v[i / 4] >> (8 * (i % 4)));
        if (i < out_len)
            out[out_len - 1 - i] = byte;
        else
            excess |= byte;
    }
    for (size_t i = nbytes; i < out_len; i++)
        out[out_len - 1 - i] = 0;
    /* Whether the value fits is what the return code says anyway. */
    if (excess) {
        memset(out, 0, out_len);
        return CRYPTO_ERANGE;
    }
    return CRYPTO_OK;
}

size_t bn_bits(const struct bn *a)
{
    size_t i = a->len;

    while (i > 0 && a->v[i - 1] == 0)
        i--;
    if (i == 0)
        return 0;
    return 32 * (i - 1) + (32 - (size_t)__builtin_clz(a->v[i - 1]));
}

void bn_trim(struct bn *a)
{
    size_t bits = bn_bits(a);

    a->len = bits ? (bits + 31) / 32 : 1;
}

int bn_cmp(const struct bn *a, const struct bn *b)
{
    size_t n = a->len > b->len ? a->len : b->len;
    uint32_t gt = 0, lt = 0;

    /* Walk upwards; a differing limb overrides what the lower limbs decided. */
    for (size_t i = 0; i < n; i++) {
        uint32_t x = limb(a, i), y = limb(b, i);
        uint32_t g = (uint32_t)(((uint64_t)y - x) >> 63);
        uint32_t l = (uint32_t)(((uint64_t)x - y) >> 63);
        uint32_t eq = 1 ^ (g | l);
        gt = g | (eq & gt);
        lt = l | (eq & lt);
    }
    return (int)gt - (int)lt;
}

int bn_is_zero(const struct bn *a)
{
    uint32_t acc = 0;

    for (size_t i = 0; i < a->len; i++)
        acc |= a->v[i];
    return (int)(ct_is_zero32(acc) & 1);
}

uint32_t bn_add(struct bn *r, const struct bn *a, const struct bn *b)
{
    size_t n = a->len > b->len ? a->len : b->len;
    uint64_t c = 0;

    for (size_t i = 0; i < n; i++) {
        c += (uint64_t)limb(a, i) + limb(b, i);
        r->v[i] = (uint32_t)c;
        c >>= 32;
    }
    r->len = n;
    return (uint32_t)c;
}

uint32_t bn_sub(struct bn *r, const struct bn *a, const struct bn *b)
{
    size_t n = a->len > b->len ? a->len : b->len;
    uint32_t borrow = 0;

    for (size_t i = 0; i < n; i++) {
        uint64_t d = (uint64_t)limb(a, i) - limb(b, i) - borrow;
        r->v[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    r->len = n;
    return borrow;
}

int bn_mul(struct bn *r, const struct bn *a, const struct bn *b)
{
    uint32_t t[BN_MAX_LIMBS];
    size_t n = a->len + b->len;

    if (n > BN_MAX_LIMBS)
        return CRYPTO_ERANGE;
    memset(t, 0, n * sizeof t[0]);
    for (size_t i = 0; i < a->len; i++) {
        uint64_t c = 0;
        uint32_t ai = a->v[i];
        for (size_t j = 0; j < b->len; j++) {
            c += (uint64_t)ai * b->v[j] + t[i + j];
            t[i + j] = (uint32_t)c;
            c >>= 32;
        }
        t[i + b->len] = (uint32_t)c;
    }
    memcpy(r->v, t, n * sizeof t[0]);
    r->len = n;
    ct_wipe(t, n * sizeof t[0]);
    return CRYPTO_OK;
}

void bn_shr(struct bn *r, const struct bn *a, size_t shift)
{
    size_t words = shift / 32, bits = shift % 32, n = a->len;

    for (size_t i = 0; i < n; i++) {
        uint32_t lo = i + words < n ? a->v[i + words] : 0;
        uint32_t hi = i + words + 1 < n ? a->v[i + words + 1] : 0;
        r->v[i] = bits ? (lo >> bits) | (hi << (32 - bits)) : lo;
    }
    r->len = n;
}

int bn_divmod(struct bn *q, struct bn *r, const struct bn *a, const struct bn *m)
{
    uint32_t rem[BN_MAX_LIMBS + 1], t[BN_MAX_LIMBS + 1], mx[BN_MAX_LIMBS + 1];
    uint32_t quot[BN_MAX_LIMBS];
    size_t k = m->len, n = a->len;

    if (bn_is_zero(m))
        return CRYPTO_EINVAL;
    memcpy(mx, m->v, k * sizeof mx[0]);
    mx[k] = 0;
    memset(rem, 0, (k + 1) * sizeof rem[0]);
    memset(quot, 0, n * sizeof quot[0]);
    /* Invariant: rem < m, so 2 * rem + 1 < 2m fits in k + 1 limbs. */
    for (size_t bit = n * 32; bit-- > 0;) {
        uint32_t in = (a->v[bit / 32] >> (bit % 32)) & 1, mask;
        for (size_t i = k + 1; i-- > 1;)
            rem[i] = (rem[i] << 1) | (rem[i - 1] >> 31);
        rem[0] = (rem[0] << 1) | in;
        mask = opaque(limbs_sub(t, rem, mx, k + 1) - 1); /* all ones when rem >= m */
        limbs_select(rem, t, rem, k + 1, mask);
        quot[bit / 32] |= (mask & 1) << (bit % 32);
    }
    if (r) {
        memcpy(r->v, rem, k * sizeof rem[0]);
        r->len = k;
    }
    if (q) {
        memcpy(q->v, quot, n * sizeof quot[0]);
        q->len = n;
    }
    ct_wipe(rem, sizeof rem);
    ct_wipe(t, sizeof t);
    ct_wipe(quot, sizeof quot);
    return CRYPTO_OK;
}

int bn_gcd_odd(struct bn *r, const struct bn *a, const struct bn *b)
{
    uint32_t x[BN_MAX_LIMBS], y[BN_MAX_LIMBS], d[BN_MAX_LIMBS], nd[BN_MAX_LIMBS];
    size_t n = a->len > b->len ? a->len : b->len;

    if ((b->v[0] & 1) == 0)
        return CRYPTO_EINVAL;
    for (size_t i = 0; i < n; i++) {
        x[i] = limb(a, i);
        y[i] = limb(b, i);
    }
    /*
     * y stays odd. Each step with x != 0 lowers bits(x) + bits(y) by at least
     * one: an even x is halved; an odd x becomes (x - y) / 2 when x >= y, or
     * (y - x) / 2 with y taking the old x when x < y. After 64n steps x = 0 and
     * y is the gcd; further steps leave both unchanged.
     */
    for (size_t step = 0; step < 64 * n; step++) {
        uint32_t odd = opaque(0u - (x[0] & 1)), borrow, swap;
        static const uint32_t zero[BN_MAX_LIMBS];

        borrow = limbs_sub(d, x, y, n);      /* d = x - y */
        limbs_sub(nd, zero, d, n);           /* nd = y - x */
        swap = odd & opaque(0u - borrow);
        limbs_select(y, x, y, n, swap);
        limbs_select(x, d, x, n, odd & ~swap);
        limbs_select(x, nd, x, n, swap);
        for (size_t i = 0; i + 1 < n; i++)
            x[i] = (x[i] >> 1) | (x[i + 1] << 31);
        x[n - 1] >>= 1;
    }
    memcpy(r->v, y, n * sizeof y[0]);
    r->len = n;
    ct_wipe(x, sizeof x);
    ct_wipe(y, sizeof y);
    ct_wipe(d, sizeof d);
    ct_wipe(nd, sizeof nd);
    return CRYPTO_OK;
}

/* ---- Montgomery arithmetic ---- */

void bn_mont_mul(const struct bn_mont *ctx, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    size_t k = ctx->k;
    const uint32_t *m = ctx->m;
    uint32_t t[BN_MOD_LIMBS + 2], borrow, mask;

    memset(t, 0, (k + 2) * sizeof t[0]);
    /*
     * CIOS: for each limb b[i], first t += a * b[i], then t = (t + u * m) / 2^32
     * with u chosen so that the division is exact. t stays below 2R (k limbs
     * and one bit in t[k]; t[k + 1] only carries between the two halves of a
     * step), and at the end t = (a * b + U * m) / R < 2m.
     */
    for (size_t i = 0; i < k; i++) {
        uint32_t bi = b[i], u;
        uint64_t c = 0;

        for (size_t j = 0; j < k; j++) {
            c += (uint64_t)a[j] * bi + t[j];
            t[j] = (uint32_t)c;
            c >>= 32;
        }
        c += t[k];
        t[k] = (uint32_t)c;
        t[k + 1] = (uint32_t)(c >> 32);

        u = t[0] * ctx->m0inv;
        c = ((uint64_t)u * m[0] + t[0]) >> 32;
        for (size_t j = 1; j < k; j++) {
            c += (uint64_t)u * m[j] + t[j];
            t[j - 1] = (uint32_t)c;
            c >>= 32;
        }
        c += t[k];
        t[k - 1] = (uint32_t)c;
        t[k] = t[k + 1] + (uint32_t)(c >> 32);
    }
    /* t >= m exactly when t[k] is set or t - m does not borrow; a and b are no longer read. */
    borrow = limbs_sub(r, t, m, k);
    mask = mask_nonzero(t[k] | (borrow ^ 1));
    limbs_select(r, r, t, k, mask);
    ct_wipe(t, (k + 2) * sizeof t[0]);
}

/* r = (a + b) mod m for a, b < m. */
static void mod_add(const struct bn_mont *ctx, uint32_t *r, const uint32_t *a, const uint32_t *b)
{
    uint32_t s[BN_MOD_LIMBS], d[BN_MOD_LIMBS], carry, borrow;
    size_t k = ctx->k;

    carry = limbs_add(s, a, b, k);
    borrow = limbs_sub(d, s, ctx->m, k);
    limbs_select(r, d, s, k, mask_nonzero(carry | (borrow ^ 1)));
}

/* The k-limb array 1, for leaving the Montgomery domain: montmul(x, 1) = x / R. */
static void set_one(uint32_t *r, size_t k)
{
    memset(r, 0, k * sizeof r[0]);
    r[0] = 1;
}

int bn_mont_init(struct bn_mont *ctx, const struct bn *m)
{
    size_t bits = bn_bits(m), k, total, j, s, doublings;
    uint32_t inv, m0, x[BN_MOD_LIMBS], d[BN_MOD_LIMBS];

    if (bits > BN_MOD_BITS)
        return CRYPTO_ERANGE;
    if (bits < 2 || (m->v[0] & 1) == 0)
        return CRYPTO_EINVAL;
    k = (bits + 31) / 32;
    ctx->k = k;
    memcpy(ctx->m, m->v, k * sizeof ctx->m[0]);

    /* Newton's iteration doubles the correct low bits: 3 (m0 * m0 = 1 mod 8), 6, .., 48. */
    m0 = ctx->m[0];
    inv = m0;
    for (int i = 0; i < 4; i++)
        inv *= 2 - m0 * inv;
    ctx->m0inv = 0u - inv;

    /*
     * R^2 mod m without a division: write 32k = s * 2^j with s odd. Start from
     * 2^(bits-1) < m and double (mod m) up to 2^(32k + s) = R * 2^s; then each
     * Montgomery squaring maps R * 2^e to R * 2^(2e), and j of them give
     * R * 2^(32k) = R^2.
     */
    total = 32 * k;
    j = (size_t)__builtin_ctz((unsigned)total);
    s = total >> j;
    memset(x, 0, k * sizeof x[0]);
    x[(bits - 1) / 32] = 1u << ((bits - 1) % 32);
    doublings = total + s - (bits - 1);
    for (size_t i = 0; i < doublings; i++) {
        uint32_t carry = x[k - 1] >> 31, borrow;
        for (size_t w = k; w-- > 1;)
            x[w] = (x[w] << 1) | (x[w - 1] >> 31);
        x[0] <<= 1;
        borrow = limbs_sub(d, x, ctx->m, k);
        limbs_select(x, d, x, k, mask_nonzero(carry | (borrow ^ 1)));
    }
    for (size_t i = 0; i < j; i++)
        bn_mont_mul(ctx, x, x, x);
    memcpy(ctx->rr, x, k * sizeof x[0]);
    ct_wipe(x, sizeof x);
    ct_wipe(d, sizeof d);
    return CRYPTO_OK;
}

/*
 * out = a * R mod m, for a of any length: Horner's rule over k-limb chunks from
 * the top, X <- X * R + chunk, each term brought in with a multiplication by R^2.
 */
static void to_mont(const struct bn_mont *ctx, uint32_t *out, const struct bn *a)
{
    size_t k = ctx->k, chunks = (a->len + k - 1) / k;
    uint32_t chunk[BN_MOD_LIMBS];

    memset(out, 0, k * sizeof out[0]);
    for (size_t c = chunks; c-- > 0;) {
        for (size_t i = 0; i < k; i++)
            chunk[i] = limb(a, c * k + i);
        bn_mont_mul(ctx, out, out, ctx->rr);
        bn_mont_mul(ctx, chunk, chunk, ctx->rr);
        mod_add(ctx, out, out, chunk);
    }
    ct_wipe(chunk, sizeof chunk);
}

void bn_mod_reduce(const struct bn_mont *ctx, struct bn *r, const struct bn *a)
{
    uint32_t x[BN_MOD_LIMBS], one[BN_MOD_LIMBS];

    to_mont(ctx, x, a);
    set_one(one, ctx->k);
    bn_mont_mul(ctx, r->v, x, one);
    r->len = ctx->k;
    ct_wipe(x, sizeof x);
}

void bn_mod_mul(const struct bn_mont *ctx, struct bn *r, const struct bn *a, const struct bn *b)
{
    uint32_t x[BN_MOD_LIMBS], y[BN_MOD_LIMBS], one[BN_MOD_LIMBS];
    size_t k = ctx->k;

    to_mont(ctx, x, a);
    to_mont(ctx, y, b);
    set_one(one, k);
    bn_mont_mul(ctx, x, x, y);   /* a * b * R */
    bn_mont_mul(ctx, r->v, x, one);
    r->len = k;
    ct_wipe(x, sizeof x);
    ct_wipe(y, sizeof y);
}

void bn_mod_sub(const struct bn_mont *ctx, struct bn *r, const struct bn *a, const struct bn *b)
{
    uint32_t d[BN_MOD_LIMBS], t[BN_MOD_LIMBS], borrow = 0;
    size_t k = ctx->k;

    for (size_t i = 0; i < k; i++) {
        uint64_t x = (uint64_t)limb(a, i) - limb(b, i) - borrow;
        d[i] = (uint32_t)x;
        borrow = (uint32_t)(x >> 63);
    }
    limbs_add(t, d, ctx->m, k); /* wraps back into [0, m) when a < b */
    limbs_select(r->v, t, d, k, opaque(0u - borrow));
    r->len = k;
    ct_wipe(d, sizeof d);
    ct_wipe(t, sizeof t);
}

void bn_mod_exp_public(const struct bn_mont *ctx, struct bn *r, const struct bn *base,
                       const struct bn *exp)
{
    uint32_t b[BN_MOD_LIMBS], acc[BN_MOD_LIMBS], one[BN_MOD_LIMBS];
    size_t k = ctx->k, nbits = bn_bits(exp);

    to_mont(ctx, b, base);
    set_one(one, k);
    bn_mont_mul(ctx, acc, ctx->rr, one); /* R mod m: 1 in Montgomery form */
    for (size_t i = nbits; i-- > 0;) {
        bn_mont_mul(ctx, acc, acc, acc);
        if ((exp->v[i / 32] >> (i % 32)) & 1)
            bn_mont_mul(ctx, acc, acc, b);
    }
    bn_mont_mul(ctx, r->v, acc, one);
    r->len = k;
}

/* The w bits of exp starting at bit pos (bits beyond the length read as 0). pos is public. */
static uint32_t exp_bits(const struct bn *exp, size_t pos, unsigned w)
{
    size_t i = pos / 32, sh = pos % 32;
    uint64_t two = (uint64_t)limb(exp, i) | (uint64_t)limb(exp, i + 1) << 32;

    return (uint32_t)(two >> sh) & ((1u << w) - 1);
}

void bn_mod_exp_secret(const struct bn_mont *ctx, struct bn *r, const struct bn *base,
                       const struct bn *exp)
{
    /*
     * A 4-bit window (16 entries) for moduli up to half the maximum size, which
     * covers the CRT halves of every supported RSA key; a 3-bit one (8 entries)
     * above, so the table never exceeds 16 * BN_MOD_LIMBS / 2 limbs of stack.
     * The window size depends on k only.
     */
    uint32_t table[16 * BN_MOD_LIMBS / 2], acc[BN_MOD_LIMBS], sel[BN_MOD_LIMBS];
    size_t k = ctx->k, nbits = exp->len * 32;
    unsigned w = k <= BN_MOD_LIMBS / 2 ? 4 : 3;
    uint32_t entries = 1u << w;

    /* table entry i = base^i in Montgomery form. */
    set_one(sel, k);
    bn_mont_mul(ctx, table, ctx->rr, sel);
    to_mont(ctx, table + k, base);
    for (uint32_t i = 2; i < entries; i++)
        bn_mont_mul(ctx, table + i * k, table + (i - 1) * k, table + k);

    memcpy(acc, table, k * sizeof acc[0]);
    for (size_t win = (nbits + w - 1) / w; win-- > 0;) {
        uint32_t idx = exp_bits(exp, win * w, w);

        for (unsigned i = 0; i < w; i++)
            bn_mont_mul(ctx, acc, acc, acc);
        memset(sel, 0, k * sizeof sel[0]);
        for (uint32_t i = 0; i < entries; i++) {
            uint32_t mask = mask_eq(i, idx);
            for (size_t j = 0; j < k; j++)
                sel[j] |= table[i * k + j] & mask;
        }
        bn_mont_mul(ctx, acc, acc, sel);
    }
    set_one(sel, k);
    bn_mont_mul(ctx, r->v, acc, sel);
    r->len = k;
    ct_wipe(table, entries * k * sizeof table[0]);
    ct_wipe(acc, sizeof acc);
}

int bn_mod_inv_prime(const struct bn_mont *ctx, struct bn *r, const struct bn *a)
{
    struct bn e, two;

    memcpy(e.v, ctx->m, ctx->k * sizeof e.v[0]);
    e.len = ctx->k;
    bn_set_u32(&two, 2);
    bn_sub(&e, &e, &two); /* m >= 3, no borrow */
    bn_mod_exp_secret(ctx, r, a, &e);
    ct_wipe(&e, sizeof e);
    return bn_is_zero(r) ? CRYPTO_EINVAL : CRYPTO_OK;
}

void bn_wipe(struct bn *a)
{
    ct_wipe(a, sizeof *a);
}

void bn_mont_wipe(struct bn_mont *ctx)
{
    ct_wipe(ctx, sizeof *ctx);
}
