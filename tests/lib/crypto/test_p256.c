/*
 * test_p256.c - P-256 against the CAVP files of the vector package:
 * ECDSA/FIPS_186-3 KeyPair.rsp (d -> Q), PKV.rsp (public-key validation),
 * SigVer.rsp (P/F verdicts), SigGen.rsp and SigGen.txt (their signatures verify;
 * ours over their messages with their keys verify; kG gives their R), and the
 * ECDH KAS validity files (ZZ only, initiator and responder); then the RFC 6979
 * section A.2.5 deterministic signatures, and range checks of scalars and points.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/hash.h>
#include <crypto/p256.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

#define FIPS186_3 "asymmetric/ECDSA/FIPS_186-3/"
#define KAS_INIT "asymmetric/ECDH/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_init.fax"
#define KAS_RESP "asymmetric/ECDH/KASValidityTest_ECCStaticUnified_NOKC_ZZOnly_resp.fax"

/* The group order n (FIPS 186-4 D.1.2.3), a domain parameter used to build out-of-range values. */
static const uint8_t order_n[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
};
/* The field prime p (FIPS 186-4 D.1.2.3). */
static const uint8_t prime_p[32] = {
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
};

/*
 * Parse a hex value of any length into a 32-byte big-endian number, padding on
 * the left. Returns 0, 1 when the value needs more than 256 bits, -1 when the
 * field is missing or not hex.
 */
static int hex32(const char *hex, uint8_t out[32])
{
    size_t n, len;
    char *padded;
    uint8_t *raw;
    int rc = 0;

    if (!hex)
        return -1;
    while (hex[0] == '0' && hex[1] != '\0')
        hex++;
    n = strlen(hex);
    padded = malloc(n + 2);
    if (!padded)
        return -1;
    padded[0] = '0';
    memcpy(padded + 1, hex, n + 1);
    raw = vec_unhex(padded + (n % 2 ? 0 : 1), &len);
    free(padded);
    if (!raw)
        return -1;
    if (len > 32) {
        rc = 1;
    } else {
        memset(out, 0, 32);
        memcpy(out + 32 - len, raw, len);
    }
    free(raw);
    return rc;
}

static int get32(struct vec_file *f, const char *key, uint8_t out[32])
{
    return hex32(vec_get(f, key), out);
}

/* 0x04 || x || y from two record fields; 0, 1 (a coordinate over 256 bits) or -1. */
static int get_point(struct vec_file *f, const char *kx, const char *ky, uint8_t pub[65])
{
    int rx = get32(f, kx, pub + 1), ry = get32(f, ky, pub + 33);

    pub[0] = 0x04;
    if (rx < 0 || ry < 0)
        return -1;
    return rx || ry;
}

/* r = a - b for 32-byte big-endian numbers (mod 2^256). */
static void sub_be(uint8_t r[32], const uint8_t a[32], const uint8_t b[32])
{
    int borrow = 0;

    for (int i = 31; i >= 0; i--) {
        int d = a[i] - b[i] - borrow;
        borrow = d < 0;
        r[i] = (uint8_t)d;
    }
}

/* The hash named in a CAVP section such as "P-256,SHA-384", or NULL if we lack it. */
static const struct hash_alg *section_hash(const char *section)
{
    const char *h = strchr(section, ',');

    if (!h)
        return NULL;
    h++;
    if (strcmp(h, "SHA-1") == 0)
        return &hash_sha1;
    if (strcmp(h, "SHA-256") == 0)
        return &hash_sha256;
    if (strcmp(h, "SHA-384") == 0)
        return &hash_sha384;
    if (strcmp(h, "SHA-512") == 0)
        return &hash_sha512;
    return NULL;
}

static int is_p256_section(const char *section)
{
    return strncmp(section, "P-256", 5) == 0 && (section[5] == '\0' || section[5] == ',');
}

/*
 * The line range of the "[P-256]" block in a file whose curve headers are each
 * followed by another header (KeyPair.rsp), which the record reader folds into
 * one section: from the header to the next curve header.
 */
static int p256_block(const char *path, int *first, int *last)
{
    size_t size;
    char *text = (char *)vec_read_file(path, &size);
    int lineno;

    if (!text)
        return -1;
    *first = *last = -1;
    lineno = 1;
    for (char *p = text; *p; lineno++) {
        char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len >= 3 && p[0] == '[' && (p[1] == 'P' || p[1] == 'K' || p[1] == 'B') &&
            p[2] == '-') {
            if (*first >= 0 && *last < 0)
                *last = lineno;
            if (strncmp(p, "[P-256]", 7) == 0)
                *first = lineno;
        }
        if (!end)
            break;
        p = end + 1;
    }
    free(text);
    if (*first >= 0 && *last < 0)
        *last = lineno + 1;
    return *first >= 0 ? 0 : -1;
}

TEST(keypair_fips186_3)
{
    const char *path = FIPS186_3 "KeyPair.rsp";
    struct vec_file *f;
    int first, last, count = 0;

    REQUIRE(p256_block(path, &first, &last) == 0);
    f = vec_open(path);
    REQUIRE(f);
    while (vec_next(f)) {
        uint8_t d[32], want[65], got[65];

        if (vec_line(f) < first || vec_line(f) > last || !vec_get(f, "d"))
            continue;
        if (get32(f, "d", d) != 0 || get_point(f, "Qx", "Qy", want) != 0) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            continue;
        }
        CHECK_EQ(p256_public_key(got, d), CRYPTO_OK);
        CHECK_MSG(memcmp(got, want, 65) == 0, "%s:%d: wrong public key", path, vec_line(f));
        CHECK_EQ(p256_point_check(got), CRYPTO_OK);
        count++;
    }
    vec_close(f);
    CHECK_EQ(count, 10);
}

TEST(pkv_fips186_3)
{
    const char *path = FIPS186_3 "PKV.rsp";
    struct vec_file *f = host_vec_open(path);
    int count = 0, valid = 0, too_long = 0;

    REQUIRE(f);
    while (vec_next(f)) {
        const char *result = vec_get(f, "Result");
        uint8_t pub[65];
        int rc, expect_ok;

        if (!is_p256_section(vec_section(f)))
            continue;
        rc = get_point(f, "Qx", "Qy", pub);
        REQUIRE(rc >= 0 && result);
        expect_ok = result[0] == 'P';
        if (rc == 1) {
            /* A coordinate over 256 bits has no 65-byte encoding: it can only be invalid. */
            CHECK_MSG(!expect_ok, "%s:%d: valid key with a coordinate over 256 bits", path,
                      vec_line(f));
            too_long++;
        } else {
            CHECK_MSG((p256_point_check(pub) == CRYPTO_OK) == expect_ok, "%s:%d: expected %s",
                      path, vec_line(f), result);
        }
        if (expect_ok && rc == 0) {
            uint8_t alt[65];

            /* (x, p - y) is the negated point, also valid; (x, y + 1) is not on the curve. */
            memcpy(alt, pub, 65);
            sub_be(alt + 33, prime_p, pub + 33);
            CHECK_MSG(p256_point_check(alt) == CRYPTO_OK, "%s:%d: -Q refused", path,
                      vec_line(f));
            memcpy(alt, pub, 65);
            alt[64] ^= 1;
            CHECK_MSG(p256_point_check(alt) == CRYPTO_EINVAL, "%s:%d: Q + (0, 1) accepted",
                      path, vec_line(f));
            /* Other prefixes (compressed, hybrid, infinity) are not accepted. */
            memcpy(alt, pub, 65);
            alt[0] = 0x02;
            CHECK(p256_point_check(alt) == CRYPTO_EINVAL);
            valid++;
        }
        count++;
    }
    vec_close(f);
    CHECK_EQ(count, 12);
    CHECK_MSG(valid > 0 && too_long > 0, "valid %d, over-long %d", valid, too_long);
}

/*
 * Coordinates must be below p. Built from the curve equation: for x = 0,
 * y^2 = b, and b is a square mod p with root y0 = b^((p+1)/4) mod p, so (0, y0)
 * is a valid point and (p, y0), the same residues, a non-canonical encoding.
 */
TEST(coordinates_below_p)
{
    static const uint8_t y0[32] = {
        0x66, 0x48, 0x5c, 0x78, 0x0e, 0x2f, 0x83, 0xd7, 0x24, 0x33, 0xbd, 0x5d, 0x84, 0xa0, 0x6b,
        0xb6, 0x54, 0x1c, 0x2a, 0xf3, 0x1d, 0xae, 0x87, 0x17, 0x28, 0xbf, 0x85, 0x6a, 0x17, 0x4f,
        0x93, 0xf4,
    };
    uint8_t pub[65] = {0x04};

    memcpy(pub + 33, y0, 32);
    CHECK_EQ(p256_point_check(pub), CRYPTO_OK);
    memcpy(pub + 1, prime_p, 32);
    CHECK_EQ(p256_point_check(pub), CRYPTO_EINVAL);
    /* (0, y0 + p) does not fit in 256 bits; (0, p - y0) is -(0, y0), also valid. */
    memset(pub + 1, 0, 32);
    sub_be(pub + 33, prime_p, y0);
    CHECK_EQ(p256_point_check(pub), CRYPTO_OK);
}

/* Hash a record's Msg with alg. */
static int hash_msg(struct vec_file *f, const struct hash_alg *alg, uint8_t *digest)
{
    size_t len;
    uint8_t *msg = vec_get_hex(f, "Msg", &len);

    if (!msg)
        return -1;
    hash_digest(alg, msg, len, digest);
    free(msg);
    return 0;
}

TEST(sigver_fips186_3)
{
    const char *path = FIPS186_3 "SigVer.rsp";
    struct vec_file *f = vec_open(path);
    int count = 0, skipped = 0, failing = 0;

    REQUIRE(f);
    while (vec_next(f)) {
        const struct hash_alg *alg;
        const char *result = vec_get(f, "Result");
        uint8_t pub[65], sig[64], digest[HASH_MAX_DIGEST];
        int rc;

        if (!is_p256_section(vec_section(f)))
            continue;
        alg = section_hash(vec_section(f));
        if (!alg) {
            skipped++; /* SHA-224 */
            continue;
        }
        if (get_point(f, "Qx", "Qy", pub) != 0 || get32(f, "R", sig) != 0 ||
            get32(f, "S", sig + 32) != 0 || !result || hash_msg(f, alg, digest) != 0) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            continue;
        }
        rc = p256_ecdsa_verify(pub, digest, alg->digest_size, sig);
        if (result[0] == 'P') {
            CHECK_MSG(rc == CRYPTO_OK, "%s:%d: valid signature rejected (%d)", path,
                      vec_line(f), rc);
        } else {
            CHECK_MSG(rc == CRYPTO_EVERIFY || rc == CRYPTO_EINVAL,
                      "%s:%d: invalid signature accepted (%s)", path, vec_line(f), result);
            failing++;
        }
        count++;
    }
    vec_close(f);
    CHECK_EQ(count, 60);
    CHECK_EQ(skipped, 15);
    CHECK(failing > 0);
}

/* SigGen.rsp: the file's signatures verify, and changing the message breaks them. */
TEST(siggen_rsp_signatures_verify)
{
    const char *path = FIPS186_3 "SigGen.rsp";
    struct vec_file *f = vec_open(path);
    int count = 0, skipped = 0;

    REQUIRE(f);
    while (vec_next(f)) {
        const struct hash_alg *alg;
        uint8_t pub[65], sig[64], digest[HASH_MAX_DIGEST];

        if (!is_p256_section(vec_section(f)))
            continue;
        alg = section_hash(vec_section(f));
        if (!alg) {
            skipped++;
            continue;
        }
        if (get_point(f, "Qx", "Qy", pub) != 0 || get32(f, "R", sig) != 0 ||
            get32(f, "S", sig + 32) != 0 || hash_msg(f, alg, digest) != 0) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            continue;
        }
        CHECK_MSG(p256_ecdsa_verify(pub, digest, alg->digest_size, sig) == CRYPTO_OK,
                  "%s:%d: signature rejected", path, vec_line(f));
        digest[0] ^= 1;
        CHECK_MSG(p256_ecdsa_verify(pub, digest, alg->digest_size, sig) == CRYPTO_EVERIFY,
                  "%s:%d: signature of another hash accepted", path, vec_line(f));
        count++;
    }
    vec_close(f);
    CHECK_EQ(count, 60);
    CHECK_EQ(skipped, 15);
}

/*
 * SigGen.txt gives d and the random nonce k of each signature. Checked: d gives
 * Q; the file's (R, S) verifies; the x-coordinate of kG is R; our deterministic
 * signature of the same message under d differs from theirs (another nonce) but
 * verifies under Q, and stops verifying when a bit of it is flipped.
 */
TEST(siggen_txt_sign_and_verify)
{
    const char *path = FIPS186_3 "SigGen.txt";
    struct vec_file *f = vec_open(path);
    int count = 0, skipped = 0;

    REQUIRE(f);
    while (vec_next(f)) {
        const struct hash_alg *alg;
        uint8_t d[32], k[32], pub[65], q[65], kg[65], sig[64], ours[64];
        uint8_t digest[HASH_MAX_DIGEST];

        if (!is_p256_section(vec_section(f)))
            continue;
        alg = section_hash(vec_section(f));
        if (!alg) {
            skipped++;
            continue;
        }
        if (get32(f, "d", d) != 0 || get32(f, "k", k) != 0 ||
            get_point(f, "Qx", "Qy", pub) != 0 || get32(f, "R", sig) != 0 ||
            get32(f, "S", sig + 32) != 0 || hash_msg(f, alg, digest) != 0) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            continue;
        }
        CHECK_EQ(p256_public_key(q, d), CRYPTO_OK);
        CHECK_MSG(memcmp(q, pub, 65) == 0, "%s:%d: d does not give Q", path, vec_line(f));
        CHECK_MSG(p256_ecdsa_verify(pub, digest, alg->digest_size, sig) == CRYPTO_OK,
                  "%s:%d: file signature rejected", path, vec_line(f));
        CHECK_EQ(p256_public_key(kg, k), CRYPTO_OK);
        CHECK_MSG(memcmp(kg + 1, sig, 32) == 0, "%s:%d: x(kG) != R", path, vec_line(f));

        CHECK_EQ(p256_ecdsa_sign(ours, d, digest, alg->digest_size, alg), CRYPTO_OK);
        CHECK_MSG(memcmp(ours, sig, 64) != 0, "%s:%d: same nonce as the file", path,
                  vec_line(f));
        CHECK_MSG(p256_ecdsa_verify(pub, digest, alg->digest_size, ours) == CRYPTO_OK,
                  "%s:%d: our signature rejected", path, vec_line(f));
        ours[count % 64] ^= (uint8_t)(1u << (count % 8));
        CHECK_MSG(p256_ecdsa_verify(pub, digest, alg->digest_size, ours) != CRYPTO_OK,
                  "%s:%d: altered signature accepted", path, vec_line(f));
        count++;
    }
    vec_close(f);
    CHECK_EQ(count, 60);
    CHECK_EQ(skipped, 15);
}

/*
 * KAS ECC validity (SP 800-56A, static unified, ZZ only), P-256 section "EC".
 * A record passes when both public keys are valid, the IUT's key pair matches
 * (d gives Q) and ECDH gives Z, from either side; the verdict must be Result.
 */
static int check_kas_file(const char *path)
{
    struct vec_file *f = vec_open(path);
    int count = 0, failing = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        const char *result = vec_get(f, "Result");
        uint8_t d_cavs[32], d_iut[32], q_cavs[65], q_iut[65], z[32], got[65], zz[32];
        int ok;

        if (strncmp(vec_section(f), "EC - ", 5) != 0 || !vec_get(f, "dsIUT"))
            continue;
        if (get32(f, "dsCAVS", d_cavs) != 0 || get32(f, "dsIUT", d_iut) != 0 ||
            get_point(f, "QsCAVSx", "QsCAVSy", q_cavs) != 0 ||
            get_point(f, "QsIUTx", "QsIUTy", q_iut) != 0 || get32(f, "Z", z) != 0 || !result) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            continue;
        }
        ok = p256_point_check(q_cavs) == CRYPTO_OK && p256_point_check(q_iut) == CRYPTO_OK;
        ok = ok && p256_public_key(got, d_iut) == CRYPTO_OK && memcmp(got, q_iut, 65) == 0;
        ok = ok && p256_ecdh(zz, d_iut, q_cavs) == CRYPTO_OK && memcmp(zz, z, 32) == 0;
        CHECK_MSG(ok == (result[0] == 'P'), "%s:%d: verdict %d, expected %s", path, vec_line(f),
                  ok, result);
        if (result[0] == 'P') {
            /* The other side computes the same Z from its own key pair. */
            CHECK_EQ(p256_public_key(got, d_cavs), CRYPTO_OK);
            CHECK_MSG(memcmp(got, q_cavs, 65) == 0, "%s:%d: CAVS key pair", path, vec_line(f));
            CHECK_EQ(p256_ecdh(zz, d_cavs, q_iut), CRYPTO_OK);
            CHECK_MSG(memcmp(zz, z, 32) == 0, "%s:%d: Z from the CAVS side", path, vec_line(f));
        } else {
            failing++;
        }
        count++;
    }
    vec_close(f);
    CHECK(failing > 0);
    return count;
}

TEST(ecdh_kas_validity_init)
{
    CHECK_EQ(check_kas_file(KAS_INIT), 30);
}

TEST(ecdh_kas_validity_resp)
{
    CHECK_EQ(check_kas_file(KAS_RESP), 30);
}

/*
 * RFC 6979 section A.2.5 (ECDSA, 256 bits, prime field): no file on the system
 * carries these, so they are the published values as printed in the RFC, for
 * the hashes this library has (SHA-224 omitted) and both messages.
 */
static const char rfc6979_x[] = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
static const char rfc6979_ux[] = "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6";
static const char rfc6979_uy[] = "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";

static const struct {
    const struct hash_alg *alg;
    const char *msg, *r, *s;
} rfc6979_sigs[] = {
    {&hash_sha1, "sample", "61340C88C3AAEBEB4F6D667F672CA9759A6CCAA9FA8811313039EE4A35471D32",
     "6D7F147DAC089441BB2E2FE8F7A3FA264B9C475098FDCF6E00D7C996E1B8B7EB"},
    {&hash_sha256, "sample", "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
     "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
    {&hash_sha384, "sample", "0EAFEA039B20E9B42309FB1D89E213057CBF973DC0CFC8F129EDDDC800EF7719",
     "4861F0491E6998B9455193E34E7B0D284DDD7149A74B95B9261F13ABDE940954"},
    {&hash_sha512, "sample", "8496A60B5E9B47C825488827E0495B0E3FA109EC4568FD3F8D1097678EB97F00",
     "2362AB1ADBE2B8ADF9CB9EDAB740EA6049C028114F2460F96554F61FAE3302FE"},
    {&hash_sha1, "test", "0CBCC86FD6ABD1D99E703E1EC50069EE5C0B4BA4B9AC60E409E8EC5910D81A89",
     "01B9D7B73DFAA60D5651EC4591A0136F87653E0FD780C3B1BC872FFDEAE479B1"},
    {&hash_sha256, "test", "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367",
     "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
    {&hash_sha384, "test", "83910E8B48BB0C74244EBDF7F07A1C5413D61472BD941EF3920E623FBCCEBEB6",
     "8DDBEC54CF8CD5874883841D712142A56A8D0F218F5003CB0296B6B509619F2C"},
    {&hash_sha512, "test", "461D93F31B6540894788FD206C07CFA0CC35F46FA3C91816FFF1040AD1581A04",
     "39AF9F15DE0DB8D97E72719C74820D304CE5226E32DEDAE67519E840D1194E55"},
};

TEST(rfc6979_a25_deterministic_signatures)
{
    uint8_t x[32], pub[65], want_pub[65], sig[64], want[64], digest[HASH_MAX_DIGEST];

    REQUIRE(hex32(rfc6979_x, x) == 0);
    REQUIRE(hex32(rfc6979_ux, want_pub + 1) == 0 && hex32(rfc6979_uy, want_pub + 33) == 0);
    want_pub[0] = 0x04;
    CHECK_EQ(p256_public_key(pub, x), CRYPTO_OK);
    CHECK_MEM(pub, want_pub, 65);

    for (size_t i = 0; i < sizeof rfc6979_sigs / sizeof rfc6979_sigs[0]; i++) {
        const struct hash_alg *alg = rfc6979_sigs[i].alg;
        const char *msg = rfc6979_sigs[i].msg;

        REQUIRE(hex32(rfc6979_sigs[i].r, want) == 0 && hex32(rfc6979_sigs[i].s, want + 32) == 0);
        hash_digest(alg, msg, strlen(msg), digest);
        CHECK_EQ(p256_ecdsa_sign(sig, x, digest, alg->digest_size, alg), CRYPTO_OK);
        CHECK_MSG(memcmp(sig, want, 64) == 0, "RFC 6979 A.2.5 %s \"%s\": wrong signature",
                  alg->name, msg);
        CHECK_MSG(p256_ecdsa_verify(want_pub, digest, alg->digest_size, want) == CRYPTO_OK,
                  "RFC 6979 A.2.5 %s \"%s\": rejected", alg->name, msg);
    }
}

/*
 * Ranges, with the RFC 6979 key and its SHA-256 "sample" signature: (r, n - s)
 * is the other valid signature; r or s of 0 or n are refused.
 */
TEST(signature_ranges)
{
    static const uint8_t zero[32];
    uint8_t pub[65], bad_pub[65], x[32], sig[64], alt[64], digest[32];

    REQUIRE(hex32(rfc6979_x, x) == 0);
    REQUIRE(p256_public_key(pub, x) == CRYPTO_OK);
    hash_digest(&hash_sha256, "sample", 6, digest);
    REQUIRE(hex32(rfc6979_sigs[1].r, sig) == 0 && hex32(rfc6979_sigs[1].s, sig + 32) == 0);
    REQUIRE(p256_ecdsa_verify(pub, digest, 32, sig) == CRYPTO_OK);

    memcpy(alt, sig, 64);
    sub_be(alt + 32, order_n, sig + 32);
    CHECK_EQ(p256_ecdsa_verify(pub, digest, 32, alt), CRYPTO_OK);

    memcpy(alt, sig, 64);
    memcpy(alt, zero, 32);
    CHECK_EQ(p256_ecdsa_verify(pub, digest, 32, alt), CRYPTO_EVERIFY);
    memcpy(alt, sig, 64);
    memcpy(alt + 32, zero, 32);
    CHECK_EQ(p256_ecdsa_verify(pub, digest, 32, alt), CRYPTO_EVERIFY);
    memcpy(alt, sig, 64);
    memcpy(alt, order_n, 32);
    CHECK_EQ(p256_ecdsa_verify(pub, digest, 32, alt), CRYPTO_EVERIFY);
    memcpy(alt, sig, 64);
    memcpy(alt + 32, order_n, 32);
    CHECK_EQ(p256_ecdsa_verify(pub, digest, 32, alt), CRYPTO_EVERIFY);
    /* A bad key is reported as such. */
    memcpy(bad_pub, pub, 65);
    bad_pub[64] ^= 1;
    CHECK_EQ(p256_ecdsa_verify(bad_pub, digest, 32, sig), CRYPTO_EINVAL);
}

TEST(private_key_ranges)
{
    static const uint8_t zero[32];
    uint8_t pub[65], shared[32], sig[64], digest[32] = {1}, n_minus_1[32], one[32] = {0};
    uint8_t peer[65], d[32];

    one[31] = 1;
    REQUIRE(hex32(rfc6979_x, d) == 0);
    REQUIRE(p256_public_key(peer, d) == CRYPTO_OK);

    CHECK_EQ(p256_public_key(pub, zero), CRYPTO_EINVAL);
    CHECK_EQ(p256_public_key(pub, order_n), CRYPTO_EINVAL);
    CHECK_EQ(p256_ecdh(shared, zero, peer), CRYPTO_EINVAL);
    CHECK_EQ(p256_ecdh(shared, order_n, peer), CRYPTO_EINVAL);
    CHECK_EQ(p256_ecdsa_sign(sig, zero, digest, 32, &hash_sha256), CRYPTO_EINVAL);
    CHECK_EQ(p256_ecdsa_sign(sig, order_n, digest, 32, &hash_sha256), CRYPTO_EINVAL);
    CHECK_EQ(p256_ecdsa_sign(sig, d, digest, 32, NULL), CRYPTO_EINVAL);

    /* n - 1 is the largest valid key: (n-1)G = -G, so it shares x with G = 1 G. */
    sub_be(n_minus_1, order_n, one);
    {
        uint8_t g[65], neg_g[65];
        CHECK_EQ(p256_public_key(g, one), CRYPTO_OK);
        CHECK_EQ(p256_public_key(neg_g, n_minus_1), CRYPTO_OK);
        CHECK_MEM(g + 1, neg_g + 1, 32);
        CHECK(memcmp(g + 33, neg_g + 33, 32) != 0);
        /* ECDH with d and G is d's public x-coordinate. */
        CHECK_EQ(p256_ecdh(shared, d, g), CRYPTO_OK);
        CHECK_MEM(shared, peer + 1, 32);
    }
    /* An invalid peer point: no shared secret, and the output is cleared. */
    memcpy(pub, peer, 65);
    pub[64] ^= 1;
    memset(shared, 0xaa, sizeof shared);
    CHECK_EQ(p256_ecdh(shared, d, pub), CRYPTO_EINVAL);
    CHECK_MEM(shared, zero, 32);
    memset(pub, 0, sizeof pub);
    CHECK_EQ(p256_ecdh(shared, d, pub), CRYPTO_EINVAL);
}
