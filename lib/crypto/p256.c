/*
 * p256.c - the NIST P-256 curve y^2 = x^3 - 3x + b over GF(p), p = 2^256 - 2^224 +
 * 2^192 + 2^96 - 1: public-key validation, ECDH, and ECDSA with RFC 6979 nonces.
 *
 * Field elements mod p are eight 32-bit words, little-endian, always fully
 * reduced to [0, p). A product is computed in sixteen words and reduced with
 * the word-level identities of FIPS 186-4 appendix D.2.3 (p is a generalized
 * Mersenne prime, so no division is needed). Scalars mod n use Montgomery
 * multiplication. Only 32x32->64-bit products are used, as on i386.
 *
 * Points are in Jacobian coordinates (X : Y : Z) = (X/Z^2, Y/Z^3), the point at
 * infinity having Z = 0. Multiplication by a secret scalar uses 4-bit windows
 * over a table of 0P..15P: the table is scanned in full and the wanted entry
 * kept with masks, and the addition computes the generic sum and then selects,
 * with masks, the other operand when one of them is infinity. The generic
 * formula's remaining exceptions (equal or opposite operands) cannot occur: the
 * accumulator is 16m P and the entry dP with 0 < 16m, 16m + d <= k < n and
 * 1 <= d <= 15, so 16m != d and 16m + d != 0 (mod n). Verification, which
 * handles only public values, uses a variable-time double multiplication.
 *
 * Constant time: no branch or memory index depends on a private key, a nonce or
 * a shared secret. Exceptions, which leak nothing useful: the ECDSA retry loops
 * of RFC 6979 (taken with probability about 2^-224), and the validity checks of
 * inputs, whose outcome the caller learns anyway.
 */
#include <string.h>

#include "ct.h"
#include "error.h"
#include "hash.h"
#include "hmac.h"
#include "p256.h"

/* Eight words written most significant first, as FIPS 186-4 prints them. */
#define BE8(a7, a6, a5, a4, a3, a2, a1, a0) {a0, a1, a2, a3, a4, a5, a6, a7}

static const uint32_t p256_p[8] =
    BE8(0xffffffff, 0x00000001, 0x00000000, 0x00000000, 0x00000000, 0xffffffff, 0xffffffff,
        0xffffffff);
static const uint32_t p256_b[8] =
    BE8(0x5ac635d8, 0xaa3a93e7, 0xb3ebbd55, 0x769886bc, 0x651d06b0, 0xcc53b0f6, 0x3bce3c3e,
        0x27d2604b);
static const uint32_t p256_gx[8] =
    BE8(0x6b17d1f2, 0xe12c4247, 0xf8bce6e5, 0x63a440f2, 0x77037d81, 0x2deb33a0, 0xf4a13945,
        0xd898c296);
static const uint32_t p256_gy[8] =
    BE8(0x4fe342e2, 0xfe1a7f9b, 0x8ee7eb4a, 0x7c0f9e16, 0x2bce3357, 0x6b315ece, 0xcbb64068,
        0x37bf51f5);
static const uint32_t p256_n[8] =
    BE8(0xffffffff, 0x00000000, 0xffffffff, 0xffffffff, 0xbce6faad, 0xa7179e84, 0xf3b9cac2,
        0xfc632551);
/* R^2 mod n for R = 2^256, and -n^-1 mod 2^32: the Montgomery constants for n. */
static const uint32_t p256_n_rr[8] =
    BE8(0x66e12d94, 0xf3d95620, 0x2845b239, 0x2b6bec59, 0x4699799c, 0x49bd6fa6, 0x83244c95,
        0xbe79eea2);
#define P256_N0INV 0xee00bc4fu

/* ---- 256-bit words ---- */

static void load_be(uint32_t w[8], const uint8_t b[32])
{
    for (int i = 0; i < 8; i++) {
        const uint8_t *q = b + 4 * (7 - i);
        w[i] = (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
    }
}

static void store_be(uint8_t b[32], const uint32_t w[8])
{
    for (int i = 0; i < 8; i++) {
        uint8_t *q = b + 4 * (7 - i);
        q[0] = (uint8_t)(w[i] >> 24);
        q[1] = (uint8_t)(w[i] >> 16);
        q[2] = (uint8_t)(w[i] >> 8);
        q[3] = (uint8_t)w[i];
    }
}

/* r = a - b; returns the borrow (1 when a < b). */
static uint32_t sub8(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t borrow = 0;

    for (int i = 0; i < 8; i++) {
        uint64_t d = (uint64_t)a[i] - b[i] - borrow;
        r[i] = (uint32_t)d;
        borrow = (uint32_t)(d >> 63);
    }
    return borrow;
}

/* r = a + b; returns the carry. */
static uint32_t add8(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint64_t carry = 0;

    for (int i = 0; i < 8; i++) {
        carry += (uint64_t)a[i] + b[i];
        r[i] = (uint32_t)carry;
        carry >>= 32;
    }
    return (uint32_t)carry;
}

/* r = a when mask is all ones, unchanged when it is 0. */
static void cmov8(uint32_t r[8], const uint32_t a[8], uint32_t mask)
{
    for (int i = 0; i < 8; i++)
        r[i] = (r[i] & ~mask) | (a[i] & mask);
}

/* All ones when a is zero, else 0. */
static uint32_t is_zero8(const uint32_t a[8])
{
    uint32_t acc = 0;

    for (int i = 0; i < 8; i++)
        acc |= a[i];
    return ct_is_zero32(acc);
}

/* 1 when a < m (variable time: for public values only). */
static int less_than(const uint32_t a[8], const uint32_t m[8])
{
    uint32_t t[8];

    return (int)sub8(t, a, m);
}

/* r = a - m if a >= m, else a, for a < 2m; constant time. */
static void reduce_once(uint32_t r[8], const uint32_t a[8], const uint32_t m[8])
{
    uint32_t t[8];
    uint32_t borrow = sub8(t, a, m);

    memcpy(r, a, 32);
    cmov8(r, t, borrow - 1);
}

/* ---- the field GF(p) ---- */

static void fp_add(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t s[8], t[8];
    uint32_t carry = add8(s, a, b);
    uint32_t borrow = sub8(t, s, p256_p);

    /* a + b < 2p: subtract p when the sum carried out or did not borrow. */
    memcpy(r, s, 32);
    cmov8(r, t, 0u - (carry | (borrow ^ 1)));
}

static void fp_sub(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t t[8], pm[8];
    uint32_t borrow = sub8(t, a, b);

    for (int i = 0; i < 8; i++)
        pm[i] = p256_p[i] & (0u - borrow);
    add8(r, t, pm);
}

/*
 * Add t (2^256 - p) to w, t * 2^256 being the excess to fold back in:
 * 2^256 = 2^224 - 2^192 - 2^96 + 1 (mod p). Returns the new excess.
 */
static int64_t fold(uint32_t w[8], int64_t t)
{
    int64_t carry = 0;

    for (int i = 0; i < 8; i++) {
        int64_t a = (int64_t)w[i] + carry;
        if (i == 0 || i == 7)
            a += t;
        else if (i == 3 || i == 6)
            a -= t;
        w[i] = (uint32_t)a;
        carry = a >> 32; /* arithmetic: floor division by 2^32 */
    }
    return carry;
}

/*
 * r = c mod p for a 512-bit c < p^2 (FIPS 186-4 D.2.3): with c = (c15 .. c0),
 * r = s1 + 2 s2 + 2 s3 + s4 + s5 - s6 - s7 - s8 - s9, summed here word by
 * word. The sum is within (-4p, 6p) and folded back twice; see fold().
 */
static void fp_reduce(uint32_t r[8], const uint32_t c[16])
{
    int64_t c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3], c4 = c[4], c5 = c[5], c6 = c[6];
    int64_t c7 = c[7], c8 = c[8], c9 = c[9], c10 = c[10], c11 = c[11], c12 = c[12];
    int64_t c13 = c[13], c14 = c[14], c15 = c[15];
    int64_t acc[8], carry = 0, excess;
    uint32_t w[8];

    acc[0] = c0 + c8 + c9 - c11 - c12 - c13 - c14;
    acc[1] = c1 + c9 + c10 - c12 - c13 - c14 - c15;
    acc[2] = c2 + c10 + c11 - c13 - c14 - c15;
    acc[3] = c3 + 2 * c11 + 2 * c12 + c13 - c15 - c8 - c9;
    acc[4] = c4 + 2 * c12 + 2 * c13 + c14 - c9 - c10;
    acc[5] = c5 + 2 * c13 + 2 * c14 + c15 - c10 - c11;
    acc[6] = c6 + 3 * c14 + 2 * c15 + c13 - c8 - c9;
    acc[7] = c7 + 3 * c15 + c8 - c10 - c11 - c12 - c13;
    for (int i = 0; i < 8; i++) {
        int64_t a = acc[i] + carry;
        w[i] = (uint32_t)a;
        carry = a >> 32;
    }
    /*
     * Now value = w + carry * 2^256 with |carry| <= 7. Folding leaves an excess
     * of -1, 0 or 1, and folding that once more cannot overflow: w is then
     * within 8 * 2^224 of 0 or of 2^256. The result is below 2^256 < 2p.
     */
    excess = fold(w, carry);
    fold(w, excess);
    reduce_once(r, w, p256_p);
}

static void fp_mul(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t c[16] = {0};

    for (int i = 0; i < 8; i++) {
        uint64_t carry = 0;
        for (int j = 0; j < 8; j++) {
            /* at most (2^32 - 1)^2 + 2 (2^32 - 1) = 2^64 - 1: no overflow */
            carry += (uint64_t)a[i] * b[j] + c[i + j];
            c[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
        c[i + 8] = (uint32_t)carry;
    }
    fp_reduce(r, c);
}

static void fp_sqr(uint32_t r[8], const uint32_t a[8])
{
    uint32_t c[16] = {0};
    uint64_t carry;

    /* The products a_i a_j with i < j once, then doubled, then the squares added. */
    for (int i = 0; i < 7; i++) {
        carry = 0;
        for (int j = i + 1; j < 8; j++) {
            carry += (uint64_t)a[i] * a[j] + c[i + j];
            c[i + j] = (uint32_t)carry;
            carry >>= 32;
        }
        c[i + 8] = (uint32_t)carry;
    }
    for (int i = 15; i > 0; i--)
        c[i] = c[i] << 1 | c[i - 1] >> 31;
    c[0] <<= 1;
    carry = 0;
    for (int i = 0; i < 8; i++) {
        uint64_t sq = (uint64_t)a[i] * a[i];
        carry += (uint64_t)c[2 * i] + (uint32_t)sq;
        c[2 * i] = (uint32_t)carry;
        carry >>= 32;
        carry += (uint64_t)c[2 * i + 1] + (sq >> 32);
        c[2 * i + 1] = (uint32_t)carry;
        carry >>= 32;
    }
    fp_reduce(r, c);
}

static void fp_sqr_n(uint32_t r[8], const uint32_t a[8], int n)
{
    fp_sqr(r, a);
    while (--n > 0)
        fp_sqr(r, r);
}

/*
 * r = a^(p-2) = 1/a (0 for a = 0). p - 2 in binary is 32 ones, 31 zeros, a one,
 * 96 zeros, 94 ones, then 01; the chain builds a^(2^k - 1) for k = 2, 3, 6, 12,
 * 15, 30, 32 and shifts them into place: 255 squarings and 12 multiplications.
 */
static void fp_inv(uint32_t r[8], const uint32_t a[8])
{
    uint32_t x2[8], x3[8], x6[8], x12[8], x15[8], x30[8], x32[8], t[8];

    fp_sqr(t, a);
    fp_mul(x2, t, a);
    fp_sqr(t, x2);
    fp_mul(x3, t, a);
    fp_sqr_n(t, x3, 3);
    fp_mul(x6, t, x3);
    fp_sqr_n(t, x6, 6);
    fp_mul(x12, t, x6);
    fp_sqr_n(t, x12, 3);
    fp_mul(x15, t, x3);
    fp_sqr_n(t, x15, 15);
    fp_mul(x30, t, x15);
    fp_sqr_n(t, x30, 2);
    fp_mul(x32, t, x2);

    fp_sqr_n(t, x32, 32);
    fp_mul(t, t, a);       /* bits 255..192 */
    fp_sqr_n(t, t, 96);    /* bits 191..96 are zero */
    fp_sqr_n(t, t, 32);
    fp_mul(t, t, x32);     /* bits 95..64 */
    fp_sqr_n(t, t, 32);
    fp_mul(t, t, x32);     /* bits 63..32 */
    fp_sqr_n(t, t, 30);
    fp_mul(t, t, x30);     /* bits 31..2 */
    fp_sqr_n(t, t, 2);
    fp_mul(r, t, a);       /* bits 1..0 = 01 */
}

/* ---- points ---- */

struct jac {
    uint32_t x[8], y[8], z[8];
};

static void jac_infinity(struct jac *r)
{
    memset(r, 0, sizeof *r);
    r->x[0] = 1;
    r->y[0] = 1;
}

static void jac_from_affine(struct jac *r, const uint32_t x[8], const uint32_t y[8])
{
    memcpy(r->x, x, 32);
    memcpy(r->y, y, 32);
    memset(r->z, 0, 32);
    r->z[0] = 1;
}

/*
 * r = 2p ("dbl-2001-b", for a = -3); r may alias p. Doubling infinity (Z = 0)
 * gives Z = 0 again, and no point of this prime-order curve has Y = 0.
 */
static void jac_dbl(struct jac *r, const struct jac *p)
{
    uint32_t delta[8], gamma[8], beta[8], alpha[8], t[8], u[8];

    fp_sqr(delta, p->z);
    fp_sqr(gamma, p->y);
    fp_mul(beta, p->x, gamma);
    fp_sub(t, p->x, delta);
    fp_add(u, p->x, delta);
    fp_mul(t, t, u);
    fp_add(alpha, t, t);
    fp_add(alpha, alpha, t);       /* alpha = 3 (X - delta)(X + delta) */
    fp_add(u, p->y, p->z);
    fp_sqr(u, u);
    fp_sub(u, u, gamma);
    fp_sub(r->z, u, delta);        /* Z3 = (Y + Z)^2 - gamma - delta */
    fp_add(beta, beta, beta);
    fp_add(beta, beta, beta);      /* 4 beta */
    fp_sqr(t, alpha);
    fp_sub(t, t, beta);
    fp_sub(r->x, t, beta);         /* X3 = alpha^2 - 8 beta */
    fp_sub(t, beta, r->x);
    fp_mul(t, alpha, t);
    fp_sqr(u, gamma);
    fp_add(u, u, u);
    fp_add(u, u, u);
    fp_add(u, u, u);               /* 8 gamma^2 */
    fp_sub(r->y, t, u);            /* Y3 = alpha (4 beta - X3) - 8 gamma^2 */
}

/*
 * r = p + q by "add-2007-bl", valid when p != q, p != -q and neither is
 * infinity. *h_zero and *r_zero get all-ones masks when H = U2 - U1 and
 * R = S2 - S1 are zero: both mean p = q, H alone means p = -q. r may alias p or q.
 */
static void jac_add_generic(struct jac *r, const struct jac *p, const struct jac *q,
                            uint32_t *h_zero, uint32_t *r_zero)
{
    uint32_t z1z1[8], z2z2[8], u1[8], u2[8], s1[8], s2[8], h[8], i[8], j[8], rr[8], v[8];
    uint32_t t[8];

    fp_sqr(z1z1, p->z);
    fp_sqr(z2z2, q->z);
    fp_mul(u1, p->x, z2z2);
    fp_mul(u2, q->x, z1z1);
    fp_mul(s1, p->y, q->z);
    fp_mul(s1, s1, z2z2);
    fp_mul(s2, q->y, p->z);
    fp_mul(s2, s2, z1z1);
    fp_sub(h, u2, u1);
    fp_sub(rr, s2, s1);
    *h_zero = is_zero8(h);
    *r_zero = is_zero8(rr);
    fp_add(i, h, h);
    fp_sqr(i, i);                  /* I = (2H)^2 */
    fp_mul(j, h, i);               /* J = H I */
    fp_add(rr, rr, rr);            /* r = 2 (S2 - S1) */
    fp_mul(v, u1, i);              /* V = U1 I */
    fp_add(t, p->z, q->z);
    fp_sqr(t, t);
    fp_sub(t, t, z1z1);
    fp_sub(t, t, z2z2);
    fp_mul(r->z, t, h);            /* Z3 = ((Z1 + Z2)^2 - Z1Z1 - Z2Z2) H */
    fp_sqr(t, rr);
    fp_sub(t, t, j);
    fp_sub(t, t, v);
    fp_sub(r->x, t, v);            /* X3 = r^2 - J - 2V */
    fp_sub(t, v, r->x);
    fp_mul(t, rr, t);
    fp_mul(s1, s1, j);
    fp_add(s1, s1, s1);
    fp_sub(r->y, t, s1);           /* Y3 = r (V - X3) - 2 S1 J */
}

static void jac_cmov(struct jac *r, const struct jac *a, uint32_t mask)
{
    cmov8(r->x, a->x, mask);
    cmov8(r->y, a->y, mask);
    cmov8(r->z, a->z, mask);
}

/*
 * r = p + q in constant time when p != +-q unless one of them is infinity
 * (see the top of the file for why the scalar multiplication never adds equal
 * or opposite finite points).
 */
static void jac_add_ct(struct jac *r, const struct jac *p, const struct jac *q)
{
    struct jac sum;
    uint32_t p_inf = is_zero8(p->z), q_inf = is_zero8(q->z), hz, rz;

    jac_add_generic(&sum, p, q, &hz, &rz);
    jac_cmov(&sum, q, p_inf);
    jac_cmov(&sum, p, q_inf);
    *r = sum;
}

/* r = p + q for any points, in variable time. */
static void jac_add_vartime(struct jac *r, const struct jac *p, const struct jac *q)
{
    struct jac sum;
    uint32_t hz, rz;

    if (is_zero8(p->z)) {
        *r = *q;
        return;
    }
    if (is_zero8(q->z)) {
        *r = *p;
        return;
    }
    jac_add_generic(&sum, p, q, &hz, &rz);
    if (hz) {
        if (rz)
            jac_dbl(r, p);
        else
            jac_infinity(r);
        return;
    }
    *r = sum;
}

/* (x, y) = the affine coordinates of p; p must not be infinity. */
static void jac_to_affine(uint32_t x[8], uint32_t y[8], const struct jac *p)
{
    uint32_t zi[8], zi2[8];

    fp_inv(zi, p->z);
    fp_sqr(zi2, zi);
    fp_mul(x, p->x, zi2);
    fp_mul(zi2, zi2, zi);
    fp_mul(y, p->y, zi2);
}

/* table[i] = i P for i = 0..15; P finite. */
static void jac_table(struct jac table[16], const struct jac *p)
{
    uint32_t hz, rz;

    jac_infinity(&table[0]);
    table[1] = *p;
    jac_dbl(&table[2], p);
    for (int i = 3; i < 16; i++)
        jac_add_generic(&table[i], &table[i - 1], p, &hz, &rz); /* iP != +-P for i < n */
}

/* Digit i (0 = most significant) of a 32-byte big-endian scalar in base 16. */
static inline uint32_t nibble(const uint8_t k[32], int i)
{
    return (k[i >> 1] >> ((i & 1) ? 0 : 4)) & 15;
}

/*
 * r = k P for a secret scalar k in [1, n-1] (big-endian) and a finite point P,
 * in constant time.
 */
static void scalar_mult_ct(struct jac *r, const struct jac *p, const uint8_t k[32])
{
    struct jac table[16], sel;

    jac_table(table, p);
    jac_infinity(r);
    for (int i = 0; i < 64; i++) {
        uint32_t d = nibble(k, i);

        if (i > 0) {
            jac_dbl(r, r);
            jac_dbl(r, r);
            jac_dbl(r, r);
            jac_dbl(r, r);
        }
        jac_infinity(&sel);
        for (uint32_t j = 1; j < 16; j++)
            jac_cmov(&sel, &table[j], ct_is_zero32(j ^ d));
        jac_add_ct(r, r, &sel);
    }
    ct_wipe(&sel, sizeof sel);
    ct_wipe(table, sizeof table);
}

/* r = a G + b Q for public scalars, in variable time. */
static void double_mult_vartime(struct jac *r, const uint8_t a[32], const uint8_t b[32],
                                const struct jac *q)
{
    struct jac tg[16], tq[16], g;

    jac_from_affine(&g, p256_gx, p256_gy);
    jac_table(tg, &g);
    jac_table(tq, q);
    jac_infinity(r);
    for (int i = 0; i < 64; i++) {
        uint32_t da = nibble(a, i), db = nibble(b, i);

        if (!is_zero8(r->z)) {
            jac_dbl(r, r);
            jac_dbl(r, r);
            jac_dbl(r, r);
            jac_dbl(r, r);
        }
        if (da)
            jac_add_vartime(r, r, &tg[da]);
        if (db)
            jac_add_vartime(r, r, &tq[db]);
    }
}

/* ---- encoding ---- */

/* Decode and validate 0x04 || X || Y into affine coordinates. */
static int point_decode(uint32_t x[8], uint32_t y[8], const uint8_t in[P256_POINT_SIZE])
{
    uint32_t lhs[8], rhs[8], t[8];

    if (in[0] != 0x04)
        return CRYPTO_EINVAL;
    load_be(x, in + 1);
    load_be(y, in + 33);
    if (!less_than(x, p256_p) || !less_than(y, p256_p))
        return CRYPTO_EINVAL;
    /* y^2 = x^3 - 3x + b */
    fp_sqr(lhs, y);
    fp_sqr(rhs, x);
    fp_mul(rhs, rhs, x);
    fp_add(t, x, x);
    fp_add(t, t, x);
    fp_sub(rhs, rhs, t);
    fp_add(rhs, rhs, p256_b);
    return memcmp(lhs, rhs, sizeof lhs) == 0 ? CRYPTO_OK : CRYPTO_EINVAL;
}

static void point_encode(uint8_t out[P256_POINT_SIZE], const uint32_t x[8], const uint32_t y[8])
{
    out[0] = 0x04;
    store_be(out + 1, x);
    store_be(out + 33, y);
}

/* ---- scalars mod n ---- */

/* r = a b R^-1 mod n (Montgomery, R = 2^256) for a, b < n; constant time. */
static void sn_montmul(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t t[10] = {0};

    for (int i = 0; i < 8; i++) {
        uint64_t c = 0;
        uint32_t m;

        for (int j = 0; j < 8; j++) {
            c += (uint64_t)a[j] * b[i] + t[j];
            t[j] = (uint32_t)c;
            c >>= 32;
        }
        c += t[8];
        t[8] = (uint32_t)c;
        t[9] = (uint32_t)(c >> 32);

        /* add m n so that the low word vanishes, then shift one word down */
        m = t[0] * P256_N0INV;
        c = (uint64_t)m * p256_n[0] + t[0];
        c >>= 32;
        for (int j = 1; j < 8; j++) {
            c += (uint64_t)m * p256_n[j] + t[j];
            t[j - 1] = (uint32_t)c;
            c >>= 32;
        }
        c += t[8];
        t[7] = (uint32_t)c;
        t[8] = t[9] + (uint32_t)(c >> 32);
    }
    /* t < 2n: subtract n when t >= n (t[8] is the bit above 2^256) */
    {
        uint32_t d[8];
        uint32_t borrow = sub8(d, t, p256_n);
        memcpy(r, t, 32);
        cmov8(r, d, 0u - (t[8] | (borrow ^ 1)));
        ct_wipe(d, sizeof d);
    }
    ct_wipe(t, sizeof t);
}

/* r = a b mod n for a, b < n. */
static void sn_mul(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t t[8];

    sn_montmul(t, a, b);           /* a b R^-1 */
    sn_montmul(r, t, p256_n_rr);   /* a b */
    ct_wipe(t, sizeof t);
}

static void sn_add(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t s[8], t[8];
    uint32_t carry = add8(s, a, b);
    uint32_t borrow = sub8(t, s, p256_n);

    memcpy(r, s, 32);
    cmov8(r, t, 0u - (carry | (borrow ^ 1)));
}

/*
 * r = 1/a mod n = a^(n-2) for a in [1, n-1], by 4-bit windows over the public
 * exponent: the sequence of operations is the same for every a.
 */
static void sn_inv(uint32_t r[8], const uint32_t a[8])
{
    static const uint32_t one[8] = {1};
    uint32_t table[16][8], acc[8], e[8];
    uint8_t eb[32];

    /* table[i] = a^i R mod n */
    sn_montmul(table[1], a, p256_n_rr);
    sn_montmul(table[0], one, p256_n_rr);
    for (int i = 2; i < 16; i++)
        sn_montmul(table[i], table[i - 1], table[1]);

    memcpy(e, p256_n, 32);
    e[0] -= 2; /* n - 2; n's low word is far above 2 */
    store_be(eb, e);
    memcpy(acc, table[0], 32);
    for (int i = 0; i < 64; i++) {
        if (i > 0) {
            sn_montmul(acc, acc, acc);
            sn_montmul(acc, acc, acc);
            sn_montmul(acc, acc, acc);
            sn_montmul(acc, acc, acc);
        }
        sn_montmul(acc, acc, table[nibble(eb, i)]);
    }
    sn_montmul(r, acc, one); /* leave the Montgomery domain */
    ct_wipe(table, sizeof table);
    ct_wipe(acc, sizeof acc);
}

/* All ones when the big-endian scalar is in [1, n-1], else 0; constant time. */
static uint32_t scalar_valid(const uint8_t k[32])
{
    uint32_t w[8], t[8], below, zero;

    load_be(w, k);
    below = sub8(t, w, p256_n);
    zero = is_zero8(w);

    ct_wipe(w, sizeof w);
    ct_wipe(t, sizeof t);
    return (0u - below) & ~zero;
}

/*
 * bits2int of RFC 6979 2.3.2 / FIPS 186-4 6.4: the leftmost 256 bits of the
 * hash as an integer (a shorter hash is taken whole), then reduced mod n once,
 * which is bits2octets of RFC 6979 2.3.4 when stored.
 */
static void hash_to_scalar(uint32_t e[8], const uint8_t *hash, size_t hash_len)
{
    uint8_t b[32] = {0};
    size_t n = hash_len < 32 ? hash_len : 32;

    if (n > 0)
        memcpy(b + 32 - n, hash, n);
    load_be(e, b);
    reduce_once(e, e, p256_n);
}

/* ---- public functions ---- */

int p256_point_check(const uint8_t pub[P256_POINT_SIZE])
{
    uint32_t x[8], y[8];

    return point_decode(x, y, pub);
}

int p256_public_key(uint8_t pub[P256_POINT_SIZE], const uint8_t priv[P256_SCALAR_SIZE])
{
    struct jac g, q;
    uint32_t x[8], y[8];

    if (!scalar_valid(priv)) {
        memset(pub, 0, P256_POINT_SIZE);
        return CRYPTO_EINVAL;
    }
    jac_from_affine(&g, p256_gx, p256_gy);
    scalar_mult_ct(&q, &g, priv);
    jac_to_affine(x, y, &q);
    point_encode(pub, x, y);
    ct_wipe(&q, sizeof q);
    return CRYPTO_OK;
}

int p256_ecdh(uint8_t shared[32], const uint8_t priv[P256_SCALAR_SIZE],
              const uint8_t peer_pub[P256_POINT_SIZE])
{
    struct jac peer, s;
    uint32_t x[8], y[8];

    if (!scalar_valid(priv) || point_decode(x, y, peer_pub) != CRYPTO_OK) {
        memset(shared, 0, 32);
        return CRYPTO_EINVAL;
    }
    jac_from_affine(&peer, x, y);
    scalar_mult_ct(&s, &peer, priv);
    /* The curve has prime order and priv < n, so s is never infinity. */
    jac_to_affine(x, y, &s);
    store_be(shared, x);
    ct_wipe(&s, sizeof s);
    ct_wipe(x, sizeof x);
    ct_wipe(y, sizeof y);
    return CRYPTO_OK;
}

/* The HMAC_DRBG state of RFC 6979 section 3.2 (steps b to h). */
struct rfc6979 {
    const struct hash_alg *alg;
    uint8_t k[HASH_MAX_DIGEST], v[HASH_MAX_DIGEST];
};

/* K = HMAC_K(V || sep || x || h), then V = HMAC_K(V); sep < 0 omits the tail. */
static void rfc6979_update(struct rfc6979 *st, int sep, const uint8_t x[32], const uint8_t h[32])
{
    struct hmac_ctx ctx;
    size_t hlen = st->alg->digest_size;

    hmac_init(&ctx, st->alg, st->k, hlen);
    hmac_update(&ctx, st->v, hlen);
    if (sep >= 0) {
        uint8_t b = (uint8_t)sep;
        hmac_update(&ctx, &b, 1);
        if (x) {
            hmac_update(&ctx, x, 32);
            hmac_update(&ctx, h, 32);
        }
    }
    hmac_final(&ctx, st->k);
    hmac(st->alg, st->k, hlen, st->v, hlen, st->v);
}

static void rfc6979_init(struct rfc6979 *st, const struct hash_alg *alg, const uint8_t x[32],
                         const uint8_t h[32])
{
    st->alg = alg;
    memset(st->v, 0x01, alg->digest_size);
    memset(st->k, 0x00, alg->digest_size);
    rfc6979_update(st, 0x00, x, h);  /* steps d, e */
    rfc6979_update(st, 0x01, x, h);  /* steps f, g */
}

/* Step h: the next candidate k in [1, n-1], as 32 big-endian bytes. */
static void rfc6979_next(struct rfc6979 *st, uint8_t k[32])
{
    size_t hlen = st->alg->digest_size;

    for (;;) {
        size_t have = 0;

        while (have < 32) {
            size_t take = hlen < 32 - have ? hlen : 32 - have;
            hmac(st->alg, st->k, hlen, st->v, hlen, st->v);
            memcpy(k + have, st->v, take); /* bits2int keeps the leftmost 256 bits */
            have += take;
        }
        if (scalar_valid(k))
            return;
        rfc6979_update(st, 0x00, NULL, NULL); /* K = HMAC_K(V || 0x00), V = HMAC_K(V) */
    }
}

int p256_ecdsa_sign(uint8_t sig[64], const uint8_t priv[P256_SCALAR_SIZE], const uint8_t *hash,
                    size_t hash_len, const struct hash_alg *alg)
{
    struct rfc6979 st;
    struct jac g, rp;
    uint32_t d[8], e[8], k[8], kinv[8], r[8], s[8], x[8], y[8];
    uint8_t kb[32], hb[32];

    if (!alg || alg->digest_size > HASH_MAX_DIGEST || !scalar_valid(priv)) {
        memset(sig, 0, 64);
        return CRYPTO_EINVAL;
    }
    load_be(d, priv);
    hash_to_scalar(e, hash, hash_len);
    store_be(hb, e);
    rfc6979_init(&st, alg, priv, hb);
    jac_from_affine(&g, p256_gx, p256_gy);

    for (;;) {
        rfc6979_next(&st, kb);
        load_be(k, kb);
        scalar_mult_ct(&rp, &g, kb);
        jac_to_affine(x, y, &rp);
        reduce_once(r, x, p256_n);     /* r = x mod n; x < p < 2n */
        sn_inv(kinv, k);
        sn_mul(s, r, d);
        sn_add(s, s, e);
        sn_mul(s, kinv, s);            /* s = k^-1 (e + r d) */
        if (!is_zero8(r) && !is_zero8(s))
            break;
        rfc6979_update(&st, 0x00, NULL, NULL);
    }
    store_be(sig, r);
    store_be(sig + 32, s);

    ct_wipe(&st, sizeof st);
    ct_wipe(&rp, sizeof rp);
    ct_wipe(d, sizeof d);
    ct_wipe(k, sizeof k);
    ct_wipe(kinv, sizeof kinv);
    ct_wipe(kb, sizeof kb);
    ct_wipe(s, sizeof s);
    return CRYPTO_OK;
}

int p256_ecdsa_verify(const uint8_t pub[P256_POINT_SIZE], const uint8_t *hash, size_t hash_len,
                      const uint8_t sig[64])
{
    struct jac q, sum;
    uint32_t qx[8], qy[8], r[8], s[8], e[8], w[8], u1[8], u2[8], x[8], y[8];
    uint8_t u1b[32], u2b[32];

    if (point_decode(qx, qy, pub) != CRYPTO_OK)
        return CRYPTO_EINVAL;
    if (!scalar_valid(sig) || !scalar_valid(sig + 32))
        return CRYPTO_EVERIFY;
    load_be(r, sig);
    load_be(s, sig + 32);
    hash_to_scalar(e, hash, hash_len);

    sn_inv(w, s);
    sn_mul(u1, e, w);
    sn_mul(u2, r, w);
    store_be(u1b, u1);
    store_be(u2b, u2);
    jac_from_affine(&q, qx, qy);
    double_mult_vartime(&sum, u1b, u2b, &q);
    if (is_zero8(sum.z))
        return CRYPTO_EVERIFY;
    jac_to_affine(x, y, &sum);
    reduce_once(x, x, p256_n);
    return memcmp(x, r, sizeof x) == 0 ? CRYPTO_OK : CRYPTO_EVERIFY;
}
