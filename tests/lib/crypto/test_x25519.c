/*
 * test_x25519.c - X25519 (RFC 7748) against the section 5.2 vectors in
 * asymmetric/X25519/rfc7748.txt, the iterated test of section 5.2, refusal of
 * all-zero shared secrets from small-order points, and agreement between two
 * parties.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/x25519.h>

#include "check.h"
#include "vectors.h"

#define RFC7748_FILE "asymmetric/X25519/rfc7748.txt"

/* Reads one 32-byte hex field of the current record; NULL when missing or malformed. */
static uint8_t *get32(struct vec_file *f, const char *key)
{
    size_t len;
    uint8_t *v = vec_get_hex(f, key, &len);

    if (v && len != 32) {
        free(v);
        return NULL;
    }
    return v;
}

TEST(rfc7748_vectors)
{
    struct vec_file *f = vec_open(RFC7748_FILE);
    int count = 0;

    REQUIRE(f);
    while (vec_next(f)) {
        uint8_t *k = get32(f, "INPUT_SCALAR"), *u = get32(f, "INPUT_U");
        uint8_t *want = get32(f, "OUTPUT_U");
        uint8_t out[32];

        if (k && u && want) {
            CHECK_EQ(x25519(out, k, u), CRYPTO_OK);
            CHECK_MSG(memcmp(out, want, 32) == 0, "%s:%d: wrong output", RFC7748_FILE,
                      vec_line(f));
            /* Bit 255 of the u-coordinate is ignored (RFC 7748 section 5). */
            u[31] ^= 0x80;
            x25519(out, k, u);
            CHECK_MSG(memcmp(out, want, 32) == 0, "%s:%d: bit 255 of u not ignored",
                      RFC7748_FILE, vec_line(f));
            /* A different scalar bit that survives clamping changes the result. */
            k[10] ^= 0x04;
            x25519(out, k, u);
            CHECK_MSG(memcmp(out, want, 32) != 0, "%s:%d: scalar bit ignored", RFC7748_FILE,
                      vec_line(f));
            count++;
        } else {
            CHECK_MSG(0, "%s:%d: malformed record", RFC7748_FILE, vec_line(f));
        }
        free(k);
        free(u);
        free(want);
    }
    vec_close(f);
    CHECK_EQ(count, 3);
}

/*
 * The iterated test of RFC 7748 section 5.2: k = u = 9, then repeatedly
 * (k, u) = (X25519(k, u), k). Returns the k reached after n iterations.
 */
static void iterate(uint8_t k[32], unsigned long n)
{
    uint8_t u[32] = {9}, next[32];

    memset(k, 0, 32);
    k[0] = 9;
    for (unsigned long i = 0; i < n; i++) {
        x25519(next, k, u);
        memcpy(u, k, 32);
        memcpy(k, next, 32);
    }
}

/* The value after one iteration is X25519(9, 9): record COUNT = 3 of the file. */
TEST(rfc7748_iterated_1)
{
    struct vec_file *f = vec_open(RFC7748_FILE);
    uint8_t k[32], *want = NULL;
    int found = 0;

    REQUIRE(f);
    while (vec_next(f)) {
        const char *count = vec_get(f, "COUNT");
        if (count && strcmp(count, "3") == 0) {
            want = get32(f, "OUTPUT_U");
            found = 1;
            break;
        }
    }
    vec_close(f);
    REQUIRE(found && want);
    iterate(k, 1);
    CHECK_MEM(k, want, 32);
    free(want);
}

/*
 * No file on the system holds the results of the 1,000 and 1,000,000 iteration
 * runs, so they are the published values of RFC 7748 section 5.2, as printed there.
 */
static const char rfc7748_iter_1000[] =
    "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51";
static const char rfc7748_iter_1000000[] =
    "7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424";

TEST(rfc7748_iterated_1000)
{
    size_t len;
    uint8_t k[32], *want = vec_unhex(rfc7748_iter_1000, &len);

    REQUIRE(want && len == 32);
    iterate(k, 1000);
    CHECK_MEM(k, want, 32);
    free(want);
}

/*
 * A million iterations take minutes under the sanitizers, far beyond the budget
 * of a unit test; CRYPTO_SLOW_TESTS=1 runs them anyway.
 */
TEST(rfc7748_iterated_1000000)
{
    const char *slow = getenv("CRYPTO_SLOW_TESTS");
    size_t len;
    uint8_t k[32], *want;

    if (!slow || strcmp(slow, "1") != 0)
        SKIP("1,000,000 iterations take minutes with ASan/UBSan; set CRYPTO_SLOW_TESTS=1");
    want = vec_unhex(rfc7748_iter_1000000, &len);
    REQUIRE(want && len == 32);
    iterate(k, 1000000);
    CHECK_MEM(k, want, 32);
    free(want);
}

/*
 * Points of small order (u = 0, and u = 1 of order 4) send every clamped scalar,
 * a multiple of 8, to the identity: the output is all zeros and must be reported.
 * p and p + 1 are non-canonical encodings of the same two points.
 */
TEST(small_order_points_give_zero)
{
    static const uint8_t p_le[32] = {
        0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    };
    struct vec_file *f = vec_open(RFC7748_FILE);
    uint8_t points[4][32], out[32];
    int scalars = 0;

    memset(points, 0, sizeof points);
    points[1][0] = 1;
    memcpy(points[2], p_le, 32);
    memcpy(points[3], p_le, 32);
    points[3][0]++;

    REQUIRE(f);
    while (vec_next(f)) {
        uint8_t *k = get32(f, "INPUT_SCALAR");
        if (!k)
            continue;
        for (int i = 0; i < 4; i++) {
            memset(out, 0xaa, sizeof out);
            CHECK_MSG(x25519(out, k, points[i]) == CRYPTO_EINVAL,
                      "small-order point %d not refused", i);
            CHECK(x25519_is_zero(out));
        }
        free(k);
        scalars++;
    }
    vec_close(f);
    CHECK_EQ(scalars, 3);
}

TEST(is_zero)
{
    uint8_t v[32];

    memset(v, 0, sizeof v);
    CHECK_EQ(x25519_is_zero(v), 1);
    for (int i = 0; i < 32; i++) {
        for (int bit = 0; bit < 8; bit++) {
            v[i] = (uint8_t)(1u << bit);
            CHECK_EQ(x25519_is_zero(v), 0);
        }
        v[i] = 0;
    }
}

/*
 * Two parties with the file's scalars as private keys reach the same secret,
 * and x25519_base agrees with x25519 on the base point u = 9.
 */
TEST(diffie_hellman_agreement)
{
    struct vec_file *f = vec_open(RFC7748_FILE);
    uint8_t keys[3][32], pub[3][32], nine[32] = {9}, t[32];
    int n = 0;

    REQUIRE(f);
    while (n < 3 && vec_next(f)) {
        uint8_t *k = get32(f, "INPUT_SCALAR");
        if (k) {
            memcpy(keys[n++], k, 32);
            free(k);
        }
    }
    vec_close(f);
    REQUIRE(n == 3);
    for (int i = 0; i < 3; i++) {
        x25519_base(pub[i], keys[i]);
        CHECK_EQ(x25519(t, keys[i], nine), CRYPTO_OK);
        CHECK_MEM(pub[i], t, 32);
    }
    for (int i = 0; i < 3; i++) {
        for (int j = i + 1; j < 3; j++) {
            uint8_t s1[32], s2[32];
            CHECK_EQ(x25519(s1, keys[i], pub[j]), CRYPTO_OK);
            CHECK_EQ(x25519(s2, keys[j], pub[i]), CRYPTO_OK);
            CHECK_MEM(s1, s2, 32);
        }
    }
}
