/*
 * test_drbg.c - the ChaCha20 generator: the documented construction (checked
 * against ChaCha20 and SHA-256, which have their own vector tests), determinism,
 * seed and reseed sensitivity, forward secrecy (the key changes on every request
 * and is the first keystream bytes under the old key), the refusal to run
 * unseeded, the reseed counter, and a loose statistical sanity check on 1 MiB.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/chacha20.h>
#include <crypto/drbg.h>
#include <crypto/error.h>
#include <crypto/sha256.h>

#include "check.h"

static void seeded(struct drbg_ctx *ctx, uint8_t tweak)
{
    uint8_t seed[48];

    for (size_t i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(i * 29 + 11);
    seed[47] ^= tweak;
    drbg_init(ctx);
    drbg_seed(ctx, seed, sizeof seed);
}

TEST(construction)
{
    static const uint8_t zero_nonce[12];
    uint8_t seed[32], key[32], buf[64 + 100] = {0}, out[100], want_key[32];
    struct drbg_ctx ctx;
    struct sha256_ctx h;

    for (int i = 0; i < 32; i++)
        seed[i] = (uint8_t)(255 - i);
    /* Seeding: key = SHA-256(zero key || seed). */
    memset(key, 0, sizeof key);
    sha256_init(&h);
    sha256_update(&h, key, 32);
    sha256_update(&h, seed, 32);
    sha256_final(&h, want_key);
    drbg_init(&ctx);
    REQUIRE(drbg_seed(&ctx, seed, sizeof seed) == CRYPTO_OK);
    CHECK_MEM(ctx.key, want_key, 32);

    /* A step: new key = keystream[0..32), output = keystream[32..32+n). */
    memcpy(key, ctx.key, 32);
    chacha20(key, zero_nonce, 0, buf, buf, 32 + sizeof out);
    REQUIRE(drbg_generate(&ctx, out, sizeof out) == CRYPTO_OK);
    CHECK_MEM(out, buf + 32, sizeof out);
    CHECK_MEM(ctx.key, buf, 32);

    /* Mixing: key = SHA-256(key || data). */
    memcpy(key, ctx.key, 32);
    sha256_init(&h);
    sha256_update(&h, key, 32);
    sha256_update(&h, "jitter", 6);
    sha256_final(&h, want_key);
    drbg_add_entropy(&ctx, "jitter", 6);
    CHECK_MEM(ctx.key, want_key, 32);
}

/* A request longer than one step is served by consecutive steps, each rekeying. */
TEST(long_request_steps)
{
    enum { LEN = 2 * DRBG_MAX_STEP + 1000 };
    static const uint8_t zero_nonce[12];
    uint8_t *got = malloc(LEN), *want = calloc(1, LEN), key[32], head[32];
    struct drbg_ctx a, b;
    size_t off = 0;

    REQUIRE(got && want);
    seeded(&a, 0);
    b = a;
    memcpy(key, a.key, 32);
    REQUIRE(drbg_generate(&a, got, LEN) == CRYPTO_OK);
    while (off < LEN) {
        size_t n = LEN - off < DRBG_MAX_STEP ? LEN - off : DRBG_MAX_STEP;
        struct chacha20_ctx cc;

        memset(head, 0, 32);
        chacha20_init(&cc, key, zero_nonce, 0);
        chacha20_xor(&cc, head, head, 32);
        chacha20_xor(&cc, want + off, want + off, n);
        memcpy(key, head, 32);
        off += n;
    }
    CHECK_MEM(got, want, LEN);
    CHECK_MEM(a.key, key, 32);
    CHECK_EQ(a.steps, 3);
    /* Same output when asked for in step-sized pieces. */
    for (off = 0; off < LEN; off += DRBG_MAX_STEP)
        drbg_generate(&b, want + off, LEN - off < DRBG_MAX_STEP ? LEN - off : DRBG_MAX_STEP);
    CHECK_MEM(got, want, LEN);
    free(got);
    free(want);
}

TEST(deterministic)
{
    uint8_t x[300], y[300];
    struct drbg_ctx a, b;

    seeded(&a, 0);
    seeded(&b, 0);
    for (int i = 0; i < 5; i++) {
        drbg_generate(&a, x, sizeof x - (size_t)i * 37);
        drbg_generate(&b, y, sizeof y - (size_t)i * 37);
        CHECK_MEM(x, y, sizeof x - (size_t)i * 37);
    }
}

TEST(different_seeds_differ)
{
    uint8_t x[64], y[64];
    struct drbg_ctx a, b;

    seeded(&a, 0);
    seeded(&b, 1); /* one bit of the seed */
    drbg_generate(&a, x, sizeof x);
    drbg_generate(&b, y, sizeof y);
    CHECK(memcmp(x, y, sizeof x) != 0);
}

TEST(reseed_changes_stream)
{
    uint8_t x[64], y[64], z[64], seed2[32];
    struct drbg_ctx a, b, c;

    memset(seed2, 0x77, sizeof seed2);
    seeded(&a, 0);
    drbg_generate(&a, x, 16);
    b = a;
    c = a;
    drbg_generate(&a, x, sizeof x);
    CHECK_EQ(drbg_seed(&b, seed2, sizeof seed2), CRYPTO_OK);
    drbg_generate(&b, y, sizeof y);
    drbg_add_entropy(&c, "\x01", 1);
    drbg_generate(&c, z, sizeof z);
    CHECK(memcmp(x, y, sizeof x) != 0);
    CHECK(memcmp(x, z, sizeof x) != 0);
    CHECK(memcmp(y, z, sizeof x) != 0);
}

TEST(key_changes_every_request)
{
    uint8_t prev[32], out[16];
    struct drbg_ctx a;
    int changed = 0;

    seeded(&a, 0);
    for (int i = 0; i < 100; i++) {
        memcpy(prev, a.key, 32);
        drbg_generate(&a, out, (size_t)(i % 17));
        changed += memcmp(prev, a.key, 32) != 0;
    }
    CHECK_EQ(changed, 100);
}

TEST(unseeded_and_short_seed_refused)
{
    uint8_t out[32], seed[31] = {1};
    struct drbg_ctx a;

    drbg_init(&a);
    CHECK(drbg_needs_reseed(&a));
    memset(out, 0xee, sizeof out);
    CHECK_EQ(drbg_generate(&a, out, sizeof out), CRYPTO_EINVAL);
    CHECK_EQ(out[0] | out[31], 0);
    CHECK_EQ(drbg_seed(&a, seed, sizeof seed), CRYPTO_EINVAL);
    drbg_add_entropy(&a, seed, sizeof seed); /* does not count as seeding */
    CHECK_EQ(drbg_generate(&a, out, sizeof out), CRYPTO_EINVAL);
}

TEST(reseed_counter)
{
    uint8_t out[1], seed[32] = {9};
    struct drbg_ctx a;

    seeded(&a, 0);
    CHECK(!drbg_needs_reseed(&a));
    for (uint32_t i = 0; i + 1 < DRBG_RESEED_INTERVAL; i++)
        drbg_generate(&a, out, 1);
    CHECK(!drbg_needs_reseed(&a));
    drbg_generate(&a, out, 1);
    CHECK(drbg_needs_reseed(&a));
    drbg_add_entropy(&a, seed, sizeof seed);
    CHECK(drbg_needs_reseed(&a));
    CHECK_EQ(drbg_seed(&a, seed, sizeof seed), CRYPTO_OK);
    CHECK(!drbg_needs_reseed(&a));
}

/*
 * Bit balance over 1 MiB within 8 standard deviations (sd = sqrt(n)/2 for n bits),
 * and the byte histogram's chi-square (255 degrees of freedom: mean 255, sd 22.6)
 * below 255 + 8 * 22.6. Loose on purpose: this catches gross breakage (a stuck
 * stream, zero output, a repeating block), not subtle bias.
 */
TEST(statistics_1mib)
{
    enum { LEN = 1 << 20 };
    uint8_t *buf = malloc(LEN);
    unsigned long ones = 0, hist[256] = {0};
    double expect = LEN / 256.0, chi2 = 0, bits = 8.0 * LEN, sd = 1448.15; /* sqrt(2^23)/2 */
    struct drbg_ctx a;

    REQUIRE(buf);
    seeded(&a, 0);
    for (size_t off = 0; off < LEN; off += 4096)
        REQUIRE(drbg_generate(&a, buf + off, 4096) == CRYPTO_OK);
    for (size_t i = 0; i < LEN; i++) {
        ones += (unsigned long)__builtin_popcount(buf[i]);
        hist[buf[i]]++;
    }
    for (int i = 0; i < 256; i++)
        chi2 += (hist[i] - expect) * (hist[i] - expect) / expect;
    CHECK_MSG(ones > bits / 2 - 8 * sd && ones < bits / 2 + 8 * sd, "%lu one bits of %.0f",
              ones, bits);
    CHECK_MSG(chi2 < 255 + 8 * 22.6, "byte chi-square %.1f", chi2);
    /* No 64-byte block repeats its predecessor. */
    int repeats = 0;
    for (size_t off = 64; off < LEN; off += 64)
        repeats += memcmp(buf + off, buf + off - 64, 64) == 0;
    CHECK_EQ(repeats, 0);
    free(buf);
}
