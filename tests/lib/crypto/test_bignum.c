/*
 * test_bignum.c - the big-integer layer under RSA, checked by identities that
 * use independent routes to the same value: small cases against the host's
 * 64-bit arithmetic, modular products by Montgomery against schoolbook product
 * plus bit-serial division, Fermat's little theorem for the published primes of
 * the NIST RSA vector files, RSA round trips with their published keys, and the
 * constant-time exponentiation against the variable-time one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/bignum.h>
#include <crypto/error.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd32(void)
{
    /* xorshift64*: reproducible inputs, so a failure can be rerun. */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

/* A random number of len limbs; sometimes with runs of all-ones or zero limbs. */
static void rnd_bn(struct bn *a, size_t len)
{
    uint32_t style = rnd32() % 8;

    a->len = len;
    for (size_t i = 0; i < len; i++) {
        if (style == 0)
            a->v[i] = 0xffffffffu;
        else if (style == 1)
            a->v[i] = (rnd32() % 4) ? 0 : rnd32();
        else
            a->v[i] = rnd32();
    }
}

static size_t rnd_len(size_t max)
{
    return 1 + rnd32() % max;
}

static int bn_eq_u64(const struct bn *a, uint64_t x)
{
    for (size_t i = 0; i < a->len; i++) {
        uint32_t want = i < 2 ? (uint32_t)(x >> (32 * i)) : 0;
        if (a->v[i] != want)
            return 0;
    }
    return a->len >= 2 || (x >> 32) == 0;
}

static void bn_from_u64(struct bn *a, uint64_t x)
{
    a->len = 2;
    a->v[0] = (uint32_t)x;
    a->v[1] = (uint32_t)(x >> 32);
}

/* Values compare equal regardless of their len. */
static int bn_same(const struct bn *a, const struct bn *b)
{
    return bn_cmp(a, b) == 0;
}

TEST(bytes_round_trip)
{
    for (int iter = 0; iter < 500; iter++) {
        uint8_t in[600], out[610];
        size_t n = rnd32() % 600;
        struct bn a;

        for (size_t i = 0; i < n; i++)
            in[i] = (uint8_t)rnd32();
        REQUIRE(bn_from_bytes(&a, in, n) == CRYPTO_OK);
        CHECK_EQ(a.len, n ? (n + 3) / 4 : 1);
        CHECK_EQ(bn_to_bytes(&a, out, n), CRYPTO_OK);
        CHECK_MEM(out, in, n);
        /* A wider output is zero-padded on the left. */
        CHECK_EQ(bn_to_bytes(&a, out, n + 5), CRYPTO_OK);
        CHECK(out[0] == 0 && out[4] == 0 && memcmp(out + 5, in, n) == 0);
        /* A narrower one fails exactly when a dropped byte is non-zero. */
        if (n > 0) {
            int fits = in[0] == 0;
            CHECK_EQ(bn_to_bytes(&a, out, n - 1), fits ? CRYPTO_OK : CRYPTO_ERANGE);
        }
    }
}

TEST(bytes_limits)
{
    static uint8_t big[4 * BN_MAX_LIMBS + 1];
    struct bn a;
    uint8_t out[8];

    big[0] = 1;
    CHECK_EQ(bn_from_bytes(&a, big + 1, 4 * BN_MAX_LIMBS), CRYPTO_OK);
    CHECK_EQ(a.len, BN_MAX_LIMBS);
    CHECK_EQ(bn_from_bytes(&a, big, sizeof big), CRYPTO_ERANGE);
    CHECK_EQ(bn_from_bytes(&a, NULL, 0), CRYPTO_OK);
    CHECK(a.len == 1 && a.v[0] == 0 && bn_is_zero(&a));
    CHECK_EQ(bn_bits(&a), 0);
    bn_set_u32(&a, 0x12345678);
    CHECK_EQ(bn_to_bytes(&a, out, 4), CRYPTO_OK);
    CHECK(out[0] == 0x12 && out[3] == 0x78);
    CHECK_EQ(bn_to_bytes(&a, out, 3), CRYPTO_ERANGE);
    CHECK_EQ(bn_bits(&a), 29);
}

/* Small operands: every operation against the host's own 64-bit arithmetic. */
TEST(small_values_match_native)
{
    for (int iter = 0; iter < 20000; iter++) {
        uint64_t x = ((uint64_t)rnd32() << 32 | rnd32()) >> (rnd32() % 64);
        uint64_t y = ((uint64_t)rnd32() << 32 | rnd32()) >> (rnd32() % 64);
        uint32_t x32 = (uint32_t)x, y32 = (uint32_t)y | 1;
        struct bn a, b, r, q;

        bn_from_u64(&a, x);
        bn_from_u64(&b, y);
        CHECK_EQ(bn_cmp(&a, &b), x < y ? -1 : x > y);
        CHECK_EQ(bn_add(&r, &a, &b), x + y < x);
        CHECK(bn_eq_u64(&r, x + y));
        CHECK_EQ(bn_sub(&r, &a, &b), x < y);
        CHECK(bn_eq_u64(&r, x - y));

        bn_set_u32(&a, x32);
        bn_set_u32(&b, y32);
        REQUIRE(bn_mul(&r, &a, &b) == CRYPTO_OK);
        CHECK(bn_eq_u64(&r, (uint64_t)x32 * y32));

        bn_from_u64(&a, x);
        if (y == 0)
            y = 1;
        bn_from_u64(&b, y);
        REQUIRE(bn_divmod(&q, &r, &a, &b) == CRYPTO_OK);
        CHECK(bn_eq_u64(&q, x / y));
        CHECK(bn_eq_u64(&r, x % y));
    }
}

static uint32_t native_powmod(uint32_t a, uint32_t e, uint32_t m)
{
    uint64_t r = 1 % m, x = a % m;

    for (; e; e >>= 1) {
        if (e & 1)
            r = r * x % m;
        x = x * x % m;
    }
    return (uint32_t)r;
}

/* One-limb moduli: products, powers and inverses against 64-bit arithmetic. */
TEST(small_modular_match_native)
{
    static const uint32_t primes[] = {3, 65521, 2147483647u, 4294967291u};

    for (int iter = 0; iter < 3000; iter++) {
        uint32_t m = (rnd32() >> (rnd32() % 31)) | 1, a = rnd32(), b = rnd32(), e = rnd32();
        struct bn bm, ba, bb, be, r;
        struct bn_mont ctx;

        if (m == 1)
            m = 3;
        bn_set_u32(&bm, m);
        bn_set_u32(&ba, a);
        bn_set_u32(&bb, b);
        bn_set_u32(&be, e >> (rnd32() % 32));
        REQUIRE(bn_mont_init(&ctx, &bm) == CRYPTO_OK);
        bn_mod_mul(&ctx, &r, &ba, &bb);
        CHECK(bn_eq_u64(&r, (uint64_t)a * b % m));
        bn_mod_exp_public(&ctx, &r, &ba, &be);
        CHECK_MSG(bn_eq_u64(&r, native_powmod(a, be.v[0], m)), "%u^%u mod %u", a, be.v[0], m);
        bn_mod_exp_secret(&ctx, &r, &ba, &be);
        CHECK_MSG(bn_eq_u64(&r, native_powmod(a, be.v[0], m)), "%u^%u mod %u (secret)", a,
                  be.v[0], m);
    }
    for (size_t i = 0; i < sizeof primes / sizeof primes[0]; i++) {
        struct bn bm, ba, r;
        struct bn_mont ctx;
        uint32_t a = rnd32() % primes[i];

        if (a == 0)
            a = 1;
        bn_set_u32(&bm, primes[i]);
        bn_set_u32(&ba, a);
        REQUIRE(bn_mont_init(&ctx, &bm) == CRYPTO_OK);
        REQUIRE(bn_mod_inv_prime(&ctx, &r, &ba) == CRYPTO_OK);
        CHECK_EQ((uint64_t)r.v[0] * a % primes[i], 1);
    }
}

TEST(shift_right)
{
    for (int iter = 0; iter < 2000; iter++) {
        uint64_t x = (uint64_t)rnd32() << 32 | rnd32();
        unsigned s = rnd32() % 70;
        struct bn a;

        bn_from_u64(&a, x);
        bn_shr(&a, &a, s);
        CHECK(bn_eq_u64(&a, s >= 64 ? 0 : x >> s));
    }
}

TEST(gcd_small_matches_euclid)
{
    for (int iter = 0; iter < 3000; iter++) {
        uint64_t x = ((uint64_t)rnd32() << 32 | rnd32()) >> (rnd32() % 64);
        uint64_t y = (((uint64_t)rnd32() << 32 | rnd32()) >> (rnd32() % 64)) | 1;
        uint64_t u = x, v = y;
        struct bn a, b, g;

        while (v) {
            uint64_t t = u % v;
            u = v;
            v = t;
        }
        /* Common factors too, so the gcd is not almost always 1. */
        bn_from_u64(&a, x);
        bn_from_u64(&b, y);
        REQUIRE(bn_gcd_odd(&g, &a, &b) == CRYPTO_OK);
        CHECK_MSG(bn_eq_u64(&g, u), "gcd(%llu, %llu) != %llu", (unsigned long long)x,
                  (unsigned long long)y, (unsigned long long)u);
        {
            uint32_t f = rnd32() % 1000 | 1, p = (uint32_t)(x % 100000), o = (uint32_t)y;
            uint64_t gx = (uint64_t)f * p, gy = (uint64_t)f * o;
            uint64_t uu = gx, vv = gy;
            while (vv) {
                uint64_t t = uu % vv;
                uu = vv;
                vv = t;
            }
            bn_from_u64(&a, gx);
            bn_from_u64(&b, gy);
            REQUIRE(bn_gcd_odd(&g, &a, &b) == CRYPTO_OK);
            CHECK(bn_eq_u64(&g, uu));
        }
    }
    {
        struct bn a, b, g;
        bn_set_u32(&a, 3);
        bn_set_u32(&b, 4);
        CHECK_EQ(bn_gcd_odd(&g, &a, &b), CRYPTO_EINVAL);
    }
}

TEST(add_sub_mul_div_identities)
{
    for (int iter = 0; iter < 400; iter++) {
        struct bn a, b, c, s, t, q, r;
        size_t la = rnd_len(BN_MAX_LIMBS / 2), lb = rnd_len(BN_MAX_LIMBS / 2);
        uint32_t carry, borrow;

        rnd_bn(&a, la);
        rnd_bn(&b, lb);
        /* (a + b) - b = a, with the carry and borrow agreeing. */
        carry = bn_add(&s, &a, &b);
        borrow = bn_sub(&t, &s, &b);
        CHECK_EQ(carry, borrow);
        CHECK(bn_same(&t, &a));
        /* a - b borrows exactly when a < b. */
        CHECK_EQ(bn_sub(&t, &a, &b), bn_cmp(&a, &b) < 0);

        /* (a * b + c) / b = a remainder c, for c < b. */
        if (bn_is_zero(&b))
            b.v[0] = 1;
        REQUIRE(bn_mul(&s, &a, &b) == CRYPTO_OK);
        rnd_bn(&c, lb);
        if (bn_cmp(&c, &b) >= 0)
            bn_divmod(NULL, &c, &c, &b);
        CHECK_EQ(bn_add(&s, &s, &c), 0);
        REQUIRE(bn_divmod(&q, &r, &s, &b) == CRYPTO_OK);
        CHECK(bn_same(&q, &a));
        CHECK(bn_same(&r, &c));
        /* b * a + c gives the same sum. */
        REQUIRE(bn_mul(&t, &b, &a) == CRYPTO_OK);
        CHECK_EQ(bn_add(&t, &t, &c), 0);
        CHECK(bn_same(&t, &s));
    }
    {
        struct bn a, b, r;
        rnd_bn(&a, BN_MOD_LIMBS + 1);
        rnd_bn(&b, BN_MOD_LIMBS);
        CHECK_EQ(bn_mul(&r, &a, &b), CRYPTO_ERANGE);
        bn_set_u32(&b, 0);
        CHECK_EQ(bn_divmod(&r, NULL, &a, &b), CRYPTO_EINVAL);
    }
}

/* A random odd modulus of exactly k limbs (top limb non-zero). */
static void rnd_modulus(struct bn *m, size_t k)
{
    rnd_bn(m, k);
    m->v[0] |= 1;
    if (m->v[k - 1] == 0)
        m->v[k - 1] = rnd32() | 1;
    if (k == 1 && m->v[0] == 1)
        m->v[0] = 3;
}

TEST(montgomery_matches_division)
{
    for (int iter = 0; iter < 300; iter++) {
        size_t k = rnd_len(BN_MOD_LIMBS);
        struct bn m, a, b, p, want, got;
        struct bn_mont ctx;

        rnd_modulus(&m, k);
        REQUIRE(bn_mont_init(&ctx, &m) == CRYPTO_OK);
        CHECK_EQ(ctx.k, k);
        rnd_bn(&b, rnd_len(k));
        rnd_bn(&a, rnd_len(2 * k < BN_MAX_LIMBS - b.len ? 2 * k : BN_MAX_LIMBS - b.len));
        /* a mod m */
        REQUIRE(bn_divmod(NULL, &want, &a, &m) == CRYPTO_OK);
        bn_mod_reduce(&ctx, &got, &a);
        CHECK_MSG(bn_same(&got, &want), "reduce, k=%zu", k);
        /* a * b mod m */
        REQUIRE(bn_mul(&p, &a, &b) == CRYPTO_OK);
        REQUIRE(bn_divmod(NULL, &want, &p, &m) == CRYPTO_OK);
        bn_mod_mul(&ctx, &got, &a, &b);
        CHECK_MSG(bn_same(&got, &want), "mod_mul, k=%zu", k);

        /* bn_mont_mul itself: r < m and r * R = a * b (mod m), for a, b < m. */
        {
            struct bn am, bm, rr, lhs;
            bn_mod_reduce(&ctx, &am, &a);
            bn_mod_reduce(&ctx, &bm, &b);
            bn_mont_mul(&ctx, got.v, am.v, bm.v);
            got.len = k;
            CHECK_MSG(bn_cmp(&got, &m) < 0, "mont_mul not reduced, k=%zu", k);
            memset(rr.v, 0, k * sizeof rr.v[0]); /* got * 2^(32k) */
            memcpy(rr.v + k, got.v, k * sizeof rr.v[0]);
            rr.len = 2 * k;
            REQUIRE(bn_divmod(NULL, &lhs, &rr, &m) == CRYPTO_OK);
            REQUIRE(bn_mul(&p, &am, &bm) == CRYPTO_OK);
            REQUIRE(bn_divmod(NULL, &want, &p, &m) == CRYPTO_OK);
            CHECK_MSG(bn_same(&lhs, &want), "mont_mul * R != a * b, k=%zu", k);
            /* a - b mod m */
            bn_mod_sub(&ctx, &got, &am, &bm);
            {
                uint32_t carry = bn_add(&p, &am, &m); /* (a + m - b) mod m */
                p.v[p.len++] = carry;
                bn_sub(&p, &p, &bm);
            }
            REQUIRE(bn_divmod(NULL, &want, &p, &m) == CRYPTO_OK);
            CHECK_MSG(bn_same(&got, &want), "mod_sub, k=%zu", k);
        }
    }
}

TEST(mont_init_rejects)
{
    struct bn m;
    struct bn_mont ctx;

    bn_set_u32(&m, 1);
    CHECK_EQ(bn_mont_init(&ctx, &m), CRYPTO_EINVAL);
    bn_set_u32(&m, 0);
    CHECK_EQ(bn_mont_init(&ctx, &m), CRYPTO_EINVAL);
    bn_set_u32(&m, 1000);
    CHECK_EQ(bn_mont_init(&ctx, &m), CRYPTO_EINVAL);
    rnd_modulus(&m, BN_MOD_LIMBS + 1);
    CHECK_EQ(bn_mont_init(&ctx, &m), CRYPTO_ERANGE);
    /* Leading zero limbs do not count. */
    rnd_modulus(&m, BN_MOD_LIMBS);
    m.len = BN_MOD_LIMBS + 3;
    m.v[BN_MOD_LIMBS] = m.v[BN_MOD_LIMBS + 1] = m.v[BN_MOD_LIMBS + 2] = 0;
    CHECK_EQ(bn_mont_init(&ctx, &m), CRYPTO_OK);
    CHECK_EQ(ctx.k, BN_MOD_LIMBS);
}

TEST(exponent_identities)
{
    for (int iter = 0; iter < 60; iter++) {
        size_t k = rnd_len(iter < 50 ? 24 : BN_MOD_LIMBS);
        struct bn m, base, e1, e2, esum, x1, x2, x12, xs, xp;
        struct bn_mont ctx;
        uint32_t carry;

        rnd_modulus(&m, k);
        REQUIRE(bn_mont_init(&ctx, &m) == CRYPTO_OK);
        rnd_bn(&base, rnd_len(2 * k));
        rnd_bn(&e1, rnd_len(k));
        rnd_bn(&e2, e1.len);
        carry = bn_add(&esum, &e1, &e2);
        esum.v[esum.len++] = carry;
        /* The two exponentiations agree. */
        bn_mod_exp_public(&ctx, &xp, &base, &e1);
        bn_mod_exp_secret(&ctx, &xs, &base, &e1);
        CHECK_MSG(bn_same(&xp, &xs), "secret and public exponentiation differ, k=%zu", k);
        /* base^(e1 + e2) = base^e1 * base^e2 */
        bn_mod_exp_public(&ctx, &x1, &base, &e1);
        bn_mod_exp_public(&ctx, &x2, &base, &e2);
        bn_mod_exp_secret(&ctx, &x12, &base, &esum);
        bn_mod_mul(&ctx, &xp, &x1, &x2);
        CHECK_MSG(bn_same(&x12, &xp), "a^(e1+e2) != a^e1 a^e2, k=%zu", k);
        /* base^1 = base mod m; base^0 = 1. */
        {
            struct bn one, zero, red;
            bn_set_u32(&one, 1);
            bn_set_u32(&zero, 0);
            bn_mod_reduce(&ctx, &red, &base);
            bn_mod_exp_secret(&ctx, &xs, &base, &one);
            CHECK(bn_same(&xs, &red));
            bn_mod_exp_secret(&ctx, &xs, &base, &zero);
            CHECK(bn_same(&xs, &one));
            bn_mod_exp_public(&ctx, &xp, &base, &zero);
            CHECK(bn_same(&xp, &one));
        }
    }
}

/*
 * The primes p and q published in the NIST SigVer files (sections of 1024 to
 * 4096-bit moduli): Fermat's little theorem, inverses, and gcd(p * r, n) = p.
 */
static void check_primes_of_file(const char *path, int *count)
{
    struct vec_file *f = host_vec_open(path);
    char last_n[1100] = "";

    if (!f)
        return;
    while (vec_next(f)) {
        size_t plen, qlen, nlen;
        uint8_t *pb = vec_get_hex(f, "p", &plen), *qb = vec_get_hex(f, "q", &qlen);
        uint8_t *nb = vec_get_hex(f, "n", &nlen);

        /* A file repeats each key; check each once. */
        if (pb && qb && nb && strcmp(vec_get(f, "n"), last_n) != 0) {
            struct bn p, q, n, pq, a, pm1, x, one, inv, t;

            snprintf(last_n, sizeof last_n, "%s", vec_get(f, "n"));
            struct bn_mont ctx;

            REQUIRE(bn_from_bytes(&p, pb, plen) == CRYPTO_OK);
            REQUIRE(bn_from_bytes(&q, qb, qlen) == CRYPTO_OK);
            REQUIRE(bn_from_bytes(&n, nb, nlen) == CRYPTO_OK);
            /* The file's n is p * q. */
            REQUIRE(bn_mul(&pq, &p, &q) == CRYPTO_OK);
            CHECK_MSG(bn_same(&pq, &n), "%s:%d: n != p * q", path, vec_line(f));
            bn_set_u32(&one, 1);
            for (int which = 0; which < 2; which++) {
                const struct bn *pr = which ? &q : &p;
                REQUIRE(bn_mont_init(&ctx, pr) == CRYPTO_OK);
                bn_sub(&pm1, pr, &one);
                rnd_bn(&a, pr->len);
                bn_mod_reduce(&ctx, &a, &a);
                if (bn_is_zero(&a))
                    a.v[0] = 2;
                bn_mod_exp_public(&ctx, &x, &a, &pm1);
                CHECK_MSG(bn_same(&x, &one), "%s:%d: a^(p-1) != 1 (public)", path, vec_line(f));
                bn_mod_exp_secret(&ctx, &x, &a, &pm1);
                CHECK_MSG(bn_same(&x, &one), "%s:%d: a^(p-1) != 1 (secret)", path, vec_line(f));
                REQUIRE(bn_mod_inv_prime(&ctx, &inv, &a) == CRYPTO_OK);
                bn_mod_mul(&ctx, &x, &a, &inv);
                CHECK_MSG(bn_same(&x, &one), "%s:%d: a * a^-1 != 1", path, vec_line(f));
                /* 0 has no inverse. */
                bn_set_u32(&a, 0);
                CHECK_EQ(bn_mod_inv_prime(&ctx, &inv, &a), CRYPTO_EINVAL);
            }
            /* The composite n is a Fermat liar for a random base with negligible chance. */
            REQUIRE(bn_mont_init(&ctx, &n) == CRYPTO_OK);
            bn_sub(&pm1, &n, &one);
            rnd_bn(&a, n.len);
            bn_mod_exp_public(&ctx, &x, &a, &pm1);
            CHECK_MSG(!bn_same(&x, &one), "%s:%d: a^(n-1) = 1 for composite n", path,
                      vec_line(f));
            /* gcd(p * r, n) = p for r < q. */
            rnd_bn(&a, q.len);
            bn_divmod(NULL, &a, &a, &q);
            if (bn_is_zero(&a))
                a.v[0] = 1;
            REQUIRE(bn_mul(&t, &p, &a) == CRYPTO_OK);
            REQUIRE(bn_gcd_odd(&x, &t, &n) == CRYPTO_OK);
            CHECK_MSG(bn_same(&x, &p), "%s:%d: gcd(p * r, n) != p", path, vec_line(f));
            (*count)++;
        }
        free(pb);
        free(qb);
        free(nb);
    }
    vec_close(f);
}

TEST(fermat_on_published_primes)
{
    int count = 0;

    check_primes_of_file("asymmetric/RSA/FIPS_186-2/SigVer15_186-3.rsp", &count);
    check_primes_of_file("asymmetric/RSA/FIPS_186-2/SigVerPSS_186-3.rsp", &count);
    CHECK_EQ(count, 17); /* distinct keys: 8 + 9 */
}

/* (x^e)^d = x mod n for each published key pair of a SigVer file (its first valid record). */
TEST(rsa_round_trip_with_published_keys)
{
    struct vec_file *f = vec_open("asymmetric/RSA/FIPS_186-2/SigVer15_186-3.rsp");
    struct bn n, e, d, x, y, z;
    struct bn_mont ctx;
    int have_n = 0, count = 0;

    REQUIRE(f != NULL);
    while (vec_next(f)) {
        size_t len;
        uint8_t *b = vec_get_hex(f, "n", &len);
        const char *res = vec_get(f, "Result");

        if (b) {
            REQUIRE(bn_from_bytes(&n, b, len) == CRYPTO_OK);
            REQUIRE(bn_mont_init(&ctx, &n) == CRYPTO_OK);
            have_n = 1;
            free(b);
        }
        /* Records with a changed e do not hold a matching pair. */
        if (have_n != 1 || !res || res[0] != 'P')
            continue;
        have_n = 2;
        b = vec_get_hex(f, "e", &len);
        REQUIRE(b && bn_from_bytes(&e, b, len) == CRYPTO_OK);
        free(b);
        b = vec_get_hex(f, "d", &len);
        REQUIRE(b && bn_from_bytes(&d, b, len) == CRYPTO_OK);
        free(b);
        rnd_bn(&x, n.len);
        bn_mod_reduce(&ctx, &x, &x);
        bn_mod_exp_public(&ctx, &y, &x, &e);
        bn_mod_exp_secret(&ctx, &z, &y, &d);
        CHECK_MSG(bn_same(&z, &x), "SigVer15:%d: (x^e)^d != x", vec_line(f));
        count++;
    }
    vec_close(f);
    CHECK_EQ(count, 15);
}
