/*
 * ed25519.c - Ed25519 key generation, signing and verification (RFC 8032).
 *
 * Points of the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2 are kept in
 * extended coordinates (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z, and added
 * with the formulas of Hisil, Wong, Carter and Dawson ("Twisted Edwards curves
 * revisited", 2008), which are complete for this curve: no input needs a special
 * case, so the same code runs for the identity, doubling and negatives. Field
 * arithmetic is in fe25519.c.
 *
 * Fixed-base multiplication (key generation, the nonce point R) uses 4-bit
 * windows over a table of 0B..15B: every table entry is read at every step and
 * the wanted one kept with masks, so neither branches nor addresses depend on
 * the secret scalar. Verification, whose inputs are all public, computes
 * [S]B - [k]A with interleaved windows and skips zero digits.
 *
 * Scalars modulo the group order L are reduced bit by bit (shift, then
 * subtract L under a mask), which is slow next to Barrett reduction but simple
 * and constant time; it costs a few percent of a signature.
 */
#include <string.h>

#include "ct.h"
#include "ed25519.h"
#include "error.h"
#include "fe25519.h"
#include "sha512.h"

/*
 * Curve constants as carried field elements (limbs centred on zero; see
 * fe25519.h). d = -121665/121666, sqrt(-1) = 2^((p-1)/4), and the base point B
 * with y = 4/5 and x even (RFC 8032 section 5.1).
 */
static const struct fe25519 ed_d = {{-10913610, 13857413, -15372611, 6949391, 114729, -8787816,
                                     -6275908, -3247719, -18696448, -12055116}};
/* 0x52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3 */
static const struct fe25519 ed_d2 = {{-21827239, -5839606, -30745221, 13898782, 229458,
                                      15978800, -12551817, -6495438, 29715968, 9444199}};
/* 2d = 0x2406d9dc56dffce7198e80f2eef3d13000e0149a8283b156ebd69b9426b2f159 */
static const struct fe25519 ed_sqrtm1 = {{-32595792, -7943725, 9377950, 3500415, 12389472,
                                          -272473, -25146209, -2005654, 326686, 11406482}};
/* 0x2b8324804fc1df0b2b4d00993dfbd7a72f431806ad2fe478c4ee1b274a0ea0b0 */
static const struct fe25519 ed_bx = {{-14297830, -7645148, 16144683, -16471763, 27570974,
                                      -2696100, -26142465, 8378389, 20764389, 8758491}};
/* 0x216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a */
static const struct fe25519 ed_by = {{-26843541, -6710886, 13421773, -13421773, 26843546,
                                      6710886, -13421773, 13421773, -26843546, -6710886}};
/* 4/5 = 0x6666666666666666666666666666666666666666666666666666666666666658 */
static const struct fe25519 ed_bt = {{28827062, -6116119, -27349572, 244363, 8635006, 11264893,
                                      19351346, 13413597, 16611511, -6414980}};
/* x * y = 0x67875f0fd78b766566ea4e8e64abe37d20f09f80775152f56dde8ab3a5b7dda3 */

/* L = 2^252 + 27742317777372353535851937790883648493, little-endian 32-bit words. */
static const uint32_t ed_l[8] = {0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de,
                                 0x00000000, 0x00000000, 0x00000000, 0x10000000};

/* ---- group elements ---- */

struct ge {
    struct fe25519 x, y, z, t;
};

/* A point ready to be added: (Y + X, Y - X, Z, 2dT). */
struct ge_cached {
    struct fe25519 ypx, ymx, z, t2d;
};

static void ge_identity(struct ge *p)
{
    fe25519_zero(&p->x);
    fe25519_one(&p->y);
    fe25519_one(&p->z);
    fe25519_zero(&p->t);
}

static void ge_base(struct ge *p)
{
    p->x = ed_bx;
    p->y = ed_by;
    fe25519_one(&p->z);
    p->t = ed_bt;
}

static void ge_to_cached(struct ge_cached *c, const struct ge *p)
{
    fe25519_add(&c->ypx, &p->y, &p->x);
    fe25519_sub(&c->ymx, &p->y, &p->x);
    c->z = p->z;
    fe25519_mul(&c->t2d, &p->t, &ed_d2);
}

static void ge_cached_identity(struct ge_cached *c)
{
    fe25519_one(&c->ypx);
    fe25519_one(&c->ymx);
    fe25519_one(&c->z);
    fe25519_zero(&c->t2d);
}

/* r = p + q ("add-2008-hwcd-3" for a = -1); r may alias p. */
static void ge_add(struct ge *r, const struct ge *p, const struct ge_cached *q)
{
    struct fe25519 a, b, c, d, e, f, g, h;

    fe25519_sub(&a, &p->y, &p->x);
    fe25519_mul(&a, &a, &q->ymx);
    fe25519_add(&b, &p->y, &p->x);
    fe25519_mul(&b, &b, &q->ypx);
    fe25519_mul(&c, &p->t, &q->t2d);
    fe25519_mul(&d, &p->z, &q->z);
    fe25519_add(&d, &d, &d);
    fe25519_sub(&e, &b, &a);
    fe25519_sub(&f, &d, &c);
    fe25519_add(&g, &d, &c);
    fe25519_add(&h, &b, &a);
    fe25519_mul(&r->x, &e, &f);
    fe25519_mul(&r->y, &g, &h);
    fe25519_mul(&r->t, &e, &h);
    fe25519_mul(&r->z, &f, &g);
}

/* r = 2p ("dbl-2008-hwcd" for a = -1); r may alias p. */
static void ge_dbl(struct ge *r, const struct ge *p)
{
    struct fe25519 a, b, c, e, f, g, h;

    fe25519_sq(&a, &p->x);
    fe25519_sq(&b, &p->y);
    fe25519_sq(&c, &p->z);
    fe25519_add(&c, &c, &c);        /* C = 2 Z^2 */
    fe25519_add(&e, &p->x, &p->y);
    fe25519_sq(&e, &e);
    fe25519_sub(&e, &e, &a);
    fe25519_sub(&e, &e, &b);        /* E = (X + Y)^2 - A - B */
    fe25519_sub(&g, &b, &a);        /* G = -A + B */
    fe25519_sub(&f, &g, &c);
    fe25519_carry(&f, &f);          /* F = G - C, four terms: carry before multiplying */
    fe25519_add(&h, &a, &b);
    fe25519_neg(&h, &h);            /* H = -A - B */
    fe25519_mul(&r->x, &e, &f);
    fe25519_mul(&r->y, &g, &h);
    fe25519_mul(&r->t, &e, &h);
    fe25519_mul(&r->z, &f, &g);
}

static void ge_tobytes(uint8_t s[32], const struct ge *p)
{
    struct fe25519 zi, x, y;

    fe25519_invert(&zi, &p->z);
    fe25519_mul(&x, &p->x, &zi);
    fe25519_mul(&y, &p->y, &zi);
    fe25519_tobytes(s, &y);
    s[31] |= (uint8_t)(fe25519_isnegative(&x) << 7);
}

/* 1 when the 32 bytes, bit 255 excluded, encode a value >= p = 2^255 - 19. */
static int fe_bytes_noncanonical(const uint8_t s[32])
{
    if ((s[31] & 0x7f) != 0x7f)
        return 0;
    for (int i = 30; i > 0; i--)
        if (s[i] != 0xff)
            return 0;
    return s[0] >= 0xed;
}

static int fe_equal(const struct fe25519 *a, const struct fe25519 *b)
{
    uint8_t sa[32], sb[32];

    fe25519_tobytes(sa, a);
    fe25519_tobytes(sb, b);
    return memcmp(sa, sb, 32) == 0;
}

/*
 * Decode a point (RFC 8032 section 5.1.3), rejecting a y that is not below p, a
 * y with no matching x, and x = 0 with the sign bit set. Variable time: only
 * used on public values. Returns 0 on success, -1 otherwise.
 */
static int ge_frombytes(struct ge *p, const uint8_t s[32])
{
    struct fe25519 u, v, v3, vxx, t;
    uint32_t sign = s[31] >> 7;

    if (fe_bytes_noncanonical(s))
        return -1;
    fe25519_frombytes(&p->y, s);
    fe25519_one(&p->z);

    /* x^2 = u / v with u = y^2 - 1, v = d y^2 + 1 */
    fe25519_sq(&u, &p->y);
    fe25519_mul(&v, &u, &ed_d);
    fe25519_sub(&u, &u, &p->z);
    fe25519_add(&v, &v, &p->z);

    /* candidate x = u v^3 (u v^7)^((p-5)/8) */
    fe25519_sq(&v3, &v);
    fe25519_mul(&v3, &v3, &v);
    fe25519_sq(&t, &v3);
    fe25519_mul(&t, &t, &v);
    fe25519_mul(&t, &t, &u);
    fe25519_pow22523(&t, &t);
    fe25519_mul(&t, &t, &v3);
    fe25519_mul(&p->x, &t, &u);

    fe25519_sq(&vxx, &p->x);
    fe25519_mul(&vxx, &vxx, &v);
    if (!fe_equal(&vxx, &u)) {
        fe25519_neg(&t, &u);
        if (!fe_equal(&vxx, &t))
            return -1; /* u / v is not a square: no point has this y */
        fe25519_mul(&p->x, &p->x, &ed_sqrtm1);
    }
    if (fe25519_iszero(&p->x) && sign)
        return -1;
    if (fe25519_isnegative(&p->x) != sign)
        fe25519_neg(&p->x, &p->x);
    fe25519_mul(&p->t, &p->x, &p->y);
    return 0;
}

/* 16 entries 0P..15P of a table for 4-bit windows. */
static void ge_table(struct ge_cached table[16], const struct ge *p)
{
    struct ge acc = *p;
    struct ge_cached pc;

    ge_cached_identity(&table[0]);
    ge_to_cached(&pc, p);
    table[1] = pc;
    for (int i = 2; i < 16; i++) {
        ge_add(&acc, &acc, &pc);
        ge_to_cached(&table[i], &acc);
    }
}

/* Digit i (0..63) of a 256-bit little-endian scalar in base 16. */
static inline uint32_t nibble(const uint8_t s[32], int i)
{
    return (s[i >> 1] >> ((i & 1) * 4)) & 15;
}

/* r = table[index], reading every entry. */
static void ge_select(struct ge_cached *r, const struct ge_cached table[16], uint32_t index)
{
    ge_cached_identity(r);
    for (uint32_t j = 0; j < 16; j++) {
        uint32_t eq = ((j ^ index) - 1) >> 31; /* 1 when j == index (both below 16) */
        fe25519_cmov(&r->ypx, &table[j].ypx, eq);
        fe25519_cmov(&r->ymx, &table[j].ymx, eq);
        fe25519_cmov(&r->z, &table[j].z, eq);
        fe25519_cmov(&r->t2d, &table[j].t2d, eq);
    }
}

/* r = [s]B for a secret 256-bit little-endian scalar, in constant time. */
static void ge_scalarmult_base(struct ge *r, const uint8_t s[32])
{
    struct ge_cached table[16], sel;
    struct ge base;

    ge_base(&base);
    ge_table(table, &base);
    ge_identity(r);
    for (int i = 63; i >= 0; i--) {
        if (i != 63) {
            ge_dbl(r, r);
            ge_dbl(r, r);
            ge_dbl(r, r);
            ge_dbl(r, r);
        }
        ge_select(&sel, table, nibble(s, i));
        ge_add(r, r, &sel);
    }
    ct_wipe(&sel, sizeof sel);
}

/* r = [a]B + [b]P for public scalars, in variable time. */
static void ge_double_scalarmult_vartime(struct ge *r, const uint8_t a[32], const uint8_t b[32],
                                         const struct ge *p)
{
    struct ge_cached tb[16], tp[16];
    struct ge base;
    int i = 63;

    ge_base(&base);
    ge_table(tb, &base);
    ge_table(tp, p);
    ge_identity(r);
    while (i >= 0 && nibble(a, i) == 0 && nibble(b, i) == 0)
        i--;
    for (; i >= 0; i--) {
        uint32_t da = nibble(a, i), db = nibble(b, i);

        ge_dbl(r, r);
        ge_dbl(r, r);
        ge_dbl(r, r);
        ge_dbl(r, r);
        if (da)
            ge_add(r, r, &tb[da]);
        if (db)
            ge_add(r, r, &tp[db]);
    }
}

/* ---- scalars modulo L ---- */

static void load_words(uint32_t *w, const uint8_t *s, int nwords)
{
    for (int i = 0; i < nwords; i++)
        w[i] = (uint32_t)s[4 * i] | (uint32_t)s[4 * i + 1] << 8 | (uint32_t)s[4 * i + 2] << 16 |
               (uint32_t)s[4 * i + 3] << 24;
}

static void store_words(uint8_t *s, const uint32_t *w, int nwords)
{
    for (int i = 0; i < nwords; i++) {
        s[4 * i] = (uint8_t)w[i];
        s[4 * i + 1] = (uint8_t)(w[i] >> 8);
        s[4 * i + 2] = (uint8_t)(w[i] >> 16);
        s[4 * i + 3] = (uint8_t)(w[i] >> 24);
    }
}

/*
 * out = x mod L for x of nwords 32-bit words (little-endian), one bit at a time
 * from the top: r = 2r + bit stays below 2L, and one masked subtraction of L
 * brings it back below L. Constant time.
 */
static void sc_reduce_words(uint8_t out[32], const uint32_t *x, int nwords)
{
    uint32_t r[8] = {0}, t[8];

    for (int bit = nwords * 32 - 1; bit >= 0; bit--) {
        uint32_t in = (x[bit >> 5] >> (bit & 31)) & 1, borrow = 0, keep;

        for (int i = 7; i > 0; i--)
            r[i] = r[i] << 1 | r[i - 1] >> 31;
        r[0] = r[0] << 1 | in;
        for (int i = 0; i < 8; i++) {
            uint64_t d = (uint64_t)r[i] - ed_l[i] - borrow;
            t[i] = (uint32_t)d;
            borrow = (uint32_t)(d >> 63);
        }
        keep = 0u - borrow; /* all ones when r < L: keep r */
        for (int i = 0; i < 8; i++)
            r[i] = (r[i] & keep) | (t[i] & ~keep);
    }
    store_words(out, r, 8);
    ct_wipe(r, sizeof r);
    ct_wipe(t, sizeof t);
}

/* out = SHA-512 digest (64 bytes, little-endian) mod L. */
static void sc_reduce64(uint8_t out[32], const uint8_t digest[64])
{
    uint32_t x[16];

    load_words(x, digest, 16);
    sc_reduce_words(out, x, 16);
    ct_wipe(x, sizeof x);
}

/* out = (a * b + c) mod L for 256-bit a, b, c. Constant time. */
static void sc_muladd(uint8_t out[32], const uint8_t a[32], const uint8_t b[32],
                      const uint8_t c[32])
{
    uint32_t wa[8], wb[8], wc[8], x[17] = {0};
    uint64_t carry;

    load_words(wa, a, 8);
    load_words(wb, b, 8);
    load_words(wc, c, 8);
    for (int i = 0; i < 8; i++) {
        carry = 0;
        for (int j = 0; j < 8; j++) {
            uint64_t t = (uint64_t)wa[i] * wb[j] + x[i + j] + carry;
            x[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        x[i + 8] = (uint32_t)carry;
    }
    carry = 0;
    for (int i = 0; i < 17; i++) {
        carry += (uint64_t)x[i] + (i < 8 ? wc[i] : 0);
        x[i] = (uint32_t)carry;
        carry >>= 32;
    }
    sc_reduce_words(out, x, 17);
    ct_wipe(wa, sizeof wa);
    ct_wipe(wb, sizeof wb);
    ct_wipe(wc, sizeof wc);
    ct_wipe(x, sizeof x);
}

/* 1 when the 32-byte little-endian s is below L (RFC 8032 5.1.7 step 1). */
static int sc_is_canonical(const uint8_t s[32])
{
    uint32_t w[8];

    load_words(w, s, 8);
    for (int i = 7; i >= 0; i--) {
        if (w[i] != ed_l[i])
            return w[i] < ed_l[i];
    }
    return 0; /* s == L */
}

/* ---- the scheme ---- */

/* The secret scalar a (clamped) and the nonce prefix from SHA-512(seed). */
static void expand_seed(uint8_t h[64], const uint8_t seed[32])
{
    sha512(seed, 32, h);
    h[0] &= 248;
    h[31] &= 127;
    h[31] |= 64;
}

void ed25519_public_key(uint8_t pub[ED25519_PUBLIC_KEY_SIZE],
                        const uint8_t seed[ED25519_SEED_SIZE])
{
    uint8_t h[64];
    struct ge a;

    expand_seed(h, seed);
    ge_scalarmult_base(&a, h);
    ge_tobytes(pub, &a);
    ct_wipe(h, sizeof h);
    ct_wipe(&a, sizeof a);
}

void ed25519_sign(uint8_t sig[ED25519_SIGNATURE_SIZE], const uint8_t *msg, size_t len,
                  const uint8_t seed[ED25519_SEED_SIZE])
{
    uint8_t h[64], pub[32], digest[64], r[32], k[32];
    struct sha512_ctx ctx;
    struct ge p;

    expand_seed(h, seed);
    ge_scalarmult_base(&p, h);
    ge_tobytes(pub, &p);

    /* r = SHA-512(prefix || M) mod L; R = [r]B */
    sha512_init(&ctx);
    sha512_update(&ctx, h + 32, 32);
    sha512_update(&ctx, msg, len);
    sha512_final(&ctx, digest);
    sc_reduce64(r, digest);
    ge_scalarmult_base(&p, r);
    ge_tobytes(sig, &p);

    /* k = SHA-512(R || A || M) mod L; S = (r + k a) mod L */
    sha512_init(&ctx);
    sha512_update(&ctx, sig, 32);
    sha512_update(&ctx, pub, 32);
    sha512_update(&ctx, msg, len);
    sha512_final(&ctx, digest);
    sc_reduce64(k, digest);
    sc_muladd(sig + 32, k, h, r);

    ct_wipe(h, sizeof h);
    ct_wipe(digest, sizeof digest);
    ct_wipe(r, sizeof r);
    ct_wipe(&p, sizeof p);
}

int ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32])
{
    uint8_t digest[64], k[32], check[32];
    struct sha512_ctx ctx;
    struct ge a, r, p;

    if (ge_frombytes(&a, pub) != 0)
        return CRYPTO_EINVAL;
    if (!sc_is_canonical(sig + 32) || ge_frombytes(&r, sig) != 0)
        return CRYPTO_EVERIFY;

    sha512_init(&ctx);
    sha512_update(&ctx, sig, 32);
    sha512_update(&ctx, pub, 32);
    sha512_update(&ctx, msg, len);
    sha512_final(&ctx, digest);
    sc_reduce64(k, digest);

    /* [S]B + [k](-A) must be R; R is canonical, so comparing encodings compares points. */
    fe25519_neg(&a.x, &a.x);
    fe25519_neg(&a.t, &a.t);
    ge_double_scalarmult_vartime(&p, sig + 32, k, &a);
    ge_tobytes(check, &p);
    return memcmp(check, sig, 32) == 0 ? CRYPTO_OK : CRYPTO_EVERIFY;
}
