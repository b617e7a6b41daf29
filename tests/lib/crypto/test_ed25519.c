/*
 * test_ed25519.c - Ed25519 (RFC 8032) against asymmetric/Ed25519/sign.input,
 * whose first three lines are tests 1-3 of RFC 8032 section 7.1: key
 * derivation, exact signatures, verification, and rejection of every altered
 * signature, message and key. Then the encoding rules of verification:
 * S >= L, and public keys or R values that are not canonical point encodings.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/ed25519.h>
#include <crypto/error.h>

#include "check.h"
#include "vectors.h"

#define SIGN_INPUT "asymmetric/Ed25519/sign.input"

/*
 * One line of sign.input: "seed||pub : pub : msg : sig||msg :", all hex.
 * Fields are split in place; returns 0 on success with malloc'd buffers.
 */
struct ed_vector {
    uint8_t *key, *pub, *msg, *sigmsg;
    size_t key_len, pub_len, msg_len, sigmsg_len;
};

static int parse_line(char *line, struct ed_vector *v)
{
    char *field[4];

    memset(v, 0, sizeof *v);
    for (int i = 0; i < 4; i++) {
        char *colon = strchr(line, ':');
        if (!colon)
            return -1;
        *colon = '\0';
        field[i] = line;
        line = colon + 1;
    }
    v->key = vec_unhex(field[0], &v->key_len);
    v->pub = vec_unhex(field[1], &v->pub_len);
    v->msg = vec_unhex(field[2], &v->msg_len);
    v->sigmsg = vec_unhex(field[3], &v->sigmsg_len);
    if (!v->key || !v->pub || !v->msg || !v->sigmsg || v->key_len != 64 || v->pub_len != 32 ||
        v->sigmsg_len != 64 + v->msg_len)
        return -1;
    return 0;
}

static void free_vector(struct ed_vector *v)
{
    free(v->key);
    free(v->pub);
    free(v->msg);
    free(v->sigmsg);
}

TEST(sign_input)
{
    size_t size;
    char *text = (char *)vec_read_file(SIGN_INPUT, &size), *line, *save = NULL;
    int count = 0, lineno = 0;

    REQUIRE(text);
    for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        struct ed_vector v;
        uint8_t pub[32], sig[64], bad[64];

        lineno++;
        if (parse_line(line, &v) != 0) {
            CHECK_MSG(0, "%s:%d: malformed line", SIGN_INPUT, lineno);
            free_vector(&v);
            continue;
        }
        /* The file's own consistency: key = seed || pub, last field = sig || msg. */
        CHECK_MSG(memcmp(v.key + 32, v.pub, 32) == 0 &&
                      memcmp(v.sigmsg + 64, v.msg, v.msg_len) == 0,
                  "%s:%d: inconsistent line", SIGN_INPUT, lineno);

        ed25519_public_key(pub, v.key);
        CHECK_MSG(memcmp(pub, v.pub, 32) == 0, "%s:%d: wrong public key", SIGN_INPUT, lineno);
        ed25519_sign(sig, v.msg, v.msg_len, v.key);
        CHECK_MSG(memcmp(sig, v.sigmsg, 64) == 0, "%s:%d: wrong signature", SIGN_INPUT,
                  lineno);
        CHECK_MSG(ed25519_verify(v.sigmsg, v.msg, v.msg_len, v.pub) == CRYPTO_OK,
                  "%s:%d: valid signature rejected", SIGN_INPUT, lineno);

        /* One bit of the signature flipped, moving through R and S line by line. */
        memcpy(bad, v.sigmsg, 64);
        bad[lineno % 64] ^= (uint8_t)(1u << (lineno % 8));
        CHECK_MSG(ed25519_verify(bad, v.msg, v.msg_len, v.pub) != CRYPTO_OK,
                  "%s:%d: altered signature accepted", SIGN_INPUT, lineno);
        /* One bit of the message flipped, or a byte appended to the empty one. */
        if (v.msg_len > 0) {
            v.msg[lineno % v.msg_len] ^= (uint8_t)(1u << (lineno % 8));
            CHECK_MSG(ed25519_verify(v.sigmsg, v.msg, v.msg_len, v.pub) != CRYPTO_OK,
                      "%s:%d: altered message accepted", SIGN_INPUT, lineno);
            v.msg[lineno % v.msg_len] ^= (uint8_t)(1u << (lineno % 8));
        } else {
            static const uint8_t extra = 0;
            CHECK_MSG(ed25519_verify(v.sigmsg, &extra, 1, v.pub) != CRYPTO_OK,
                      "%s:%d: extended message accepted", SIGN_INPUT, lineno);
        }
        /* One bit of the public key flipped. */
        memcpy(pub, v.pub, 32);
        pub[(lineno * 7) % 32] ^= (uint8_t)(1u << (lineno % 8));
        CHECK_MSG(ed25519_verify(v.sigmsg, v.msg, v.msg_len, pub) != CRYPTO_OK,
                  "%s:%d: signature accepted under another key", SIGN_INPUT, lineno);
        count++;
        free_vector(&v);
    }
    free(text);
    CHECK_EQ(count, 1024);
}

/* The group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 5.1). */
static const uint8_t order_l[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

/* a + b for 32-byte little-endian numbers whose sum fits. */
static void add_le(uint8_t r[32], const uint8_t a[32], const uint8_t b[32])
{
    unsigned carry = 0;

    for (int i = 0; i < 32; i++) {
        carry += (unsigned)a[i] + b[i];
        r[i] = (uint8_t)carry;
        carry >>= 8;
    }
}

/*
 * S + L encodes the same residue as S, so [S + L]B = [S]B and the signature
 * would verify without the S < L check of RFC 8032 5.1.7. Checked on the first
 * 64 lines of the file.
 */
TEST(non_canonical_s_rejected)
{
    size_t size;
    char *text = (char *)vec_read_file(SIGN_INPUT, &size), *line, *save = NULL;
    int count = 0;

    REQUIRE(text);
    for (line = strtok_r(text, "\n", &save); line && count < 64;
         line = strtok_r(NULL, "\n", &save)) {
        struct ed_vector v;
        uint8_t sig[64];

        REQUIRE(parse_line(line, &v) == 0);
        memcpy(sig, v.sigmsg, 32);
        add_le(sig + 32, v.sigmsg + 32, order_l);
        CHECK_EQ(ed25519_verify(sig, v.msg, v.msg_len, v.pub), CRYPTO_EVERIFY);
        free_vector(&v);
        count++;
    }
    free(text);
    CHECK_EQ(count, 64);
}

/*
 * Encodings built from the curve's definition (RFC 8032 5.1.3) rather than taken
 * from a file. The identity (0, 1) encodes as y = 1 with sign 0. With A the
 * identity, the cofactorless equation [S]B = R + [k]A holds for R = identity,
 * S = 0 and any message, so that signature verifies; the same points in a
 * non-canonical form (y = p + 1, or x = 0 with the sign bit set) would verify too
 * if decoding accepted them, and must be refused.
 */
static const uint8_t enc_identity[32] = {1};
static const uint8_t enc_identity_p_plus_1[32] = {
    0xee, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
};
static const uint8_t enc_identity_neg_zero[32] = {
    0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80,
};
/* y = 2: (y^2 - 1) / (d y^2 + 1) is not a square mod p, so no x exists. */
static const uint8_t enc_not_on_curve[32] = {2};

static void make_sig(uint8_t sig[64], const uint8_t r[32], const uint8_t s[32])
{
    memcpy(sig, r, 32);
    memcpy(sig + 32, s, 32);
}

TEST(degenerate_signature_under_identity_key)
{
    static const uint8_t zero[32];
    static const char msg[] = "any message";
    uint8_t sig[64];

    make_sig(sig, enc_identity, zero);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity), CRYPTO_OK);
    /* S = L is the same residue as 0 */
    make_sig(sig, enc_identity, order_l);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity),
             CRYPTO_EVERIFY);
}

TEST(non_canonical_public_key_rejected)
{
    static const uint8_t zero[32];
    static const char msg[] = "any message";
    uint8_t sig[64];

    make_sig(sig, enc_identity, zero);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity_p_plus_1),
             CRYPTO_EINVAL);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity_neg_zero),
             CRYPTO_EINVAL);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_not_on_curve),
             CRYPTO_EINVAL);
}

TEST(non_canonical_r_rejected)
{
    static const uint8_t zero[32];
    static const char msg[] = "any message";
    uint8_t sig[64];

    make_sig(sig, enc_identity_p_plus_1, zero);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity),
             CRYPTO_EVERIFY);
    make_sig(sig, enc_identity_neg_zero, zero);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity),
             CRYPTO_EVERIFY);
    make_sig(sig, enc_not_on_curve, zero);
    CHECK_EQ(ed25519_verify(sig, (const uint8_t *)msg, sizeof msg - 1, enc_identity),
             CRYPTO_EVERIFY);
}

/* Signing the same message twice gives the same signature (RFC 8032 is deterministic). */
TEST(sign_is_deterministic_and_verifies)
{
    size_t size;
    char *text = (char *)vec_read_file(SIGN_INPUT, &size), *save = NULL;
    char *line;
    struct ed_vector v;
    uint8_t pub[32], s1[64], s2[64];
    static const char msg[] = "a message not in the file";

    REQUIRE(text);
    line = strtok_r(text, "\n", &save);
    REQUIRE(line && parse_line(line, &v) == 0);
    ed25519_public_key(pub, v.key);
    ed25519_sign(s1, (const uint8_t *)msg, sizeof msg - 1, v.key);
    ed25519_sign(s2, (const uint8_t *)msg, sizeof msg - 1, v.key);
    CHECK_MEM(s1, s2, 64);
    CHECK_EQ(ed25519_verify(s1, (const uint8_t *)msg, sizeof msg - 1, pub), CRYPTO_OK);
    free_vector(&v);
    free(text);
}
