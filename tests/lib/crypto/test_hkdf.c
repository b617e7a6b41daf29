/*
 * test_hkdf.c - HKDF (RFC 5869) against the RFC's appendix A test cases and a
 * published 1200-byte vector: extract, expand and the combined call, plus the
 * 255 * HashLen output limit.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/hkdf.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

static const struct hash_alg *alg_by_name(const char *name)
{
    static const struct hash_alg *algs[] = {&hash_sha1, &hash_sha256, &hash_sha384,
                                            &hash_sha512};
    for (size_t i = 0; name && i < sizeof algs / sizeof algs[0]; i++)
        if (strcmp(algs[i]->name, name) == 0)
            return algs[i];
    return NULL;
}

/*
 * Every record: hkdf() gives OKM; when the record has PRK, hkdf_extract() gives
 * PRK and hkdf_expand() from it gives OKM. Returns the count.
 */
static int check_hkdf_file(const char *path)
{
    struct vec_file *f = host_vec_open(path);
    int count = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        const struct hash_alg *alg = alg_by_name(vec_get(f, "Hash"));
        const char *l_s = vec_get(f, "L");
        size_t ikm_len, salt_len, info_len, okm_len, prk_len = 0;
        uint8_t *ikm = vec_get_hex(f, "IKM", &ikm_len);
        uint8_t *salt = vec_get_hex(f, "salt", &salt_len);
        uint8_t *info = vec_get_hex(f, "info", &info_len);
        uint8_t *okm = vec_get_hex(f, "OKM", &okm_len);
        uint8_t *prk = vec_get(f, "PRK") ? vec_get_hex(f, "PRK", &prk_len) : NULL;

        if (alg && l_s && ikm && salt && info && okm && strtoul(l_s, NULL, 10) == okm_len) {
            uint8_t *got = malloc(okm_len);
            uint8_t got_prk[HASH_MAX_DIGEST];

            CHECK_EQ(hkdf(alg, salt, salt_len, ikm, ikm_len, info, info_len, got, okm_len),
                     CRYPTO_OK);
            CHECK_MSG(memcmp(got, okm, okm_len) == 0, "%s:%d: hkdf OKM mismatch", path,
                      vec_line(f));
            if (prk) {
                CHECK_EQ(prk_len, alg->digest_size);
                hkdf_extract(alg, salt, salt_len, ikm, ikm_len, got_prk);
                CHECK_MSG(memcmp(got_prk, prk, prk_len) == 0, "%s:%d: PRK mismatch", path,
                          vec_line(f));
                memset(got, 0, okm_len);
                CHECK_EQ(hkdf_expand(alg, prk, prk_len, info, info_len, got, okm_len),
                         CRYPTO_OK);
                CHECK_MSG(memcmp(got, okm, okm_len) == 0, "%s:%d: expand OKM mismatch", path,
                          vec_line(f));
            }
            /* A shorter output is a prefix of the longer one. */
            memset(got, 0, okm_len);
            CHECK_EQ(hkdf(alg, salt, salt_len, ikm, ikm_len, info, info_len, got, okm_len / 2),
                     CRYPTO_OK);
            CHECK_MSG(memcmp(got, okm, okm_len / 2) == 0, "%s:%d: truncated OKM mismatch",
                      path, vec_line(f));
            free(got);
            count++;
        } else {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
        }
        free(ikm);
        free(salt);
        free(info);
        free(okm);
        free(prk);
    }
    vec_close(f);
    return count;
}

TEST(rfc5869_sha256)
{
    CHECK_EQ(check_hkdf_file("KDF/rfc-5869-HKDF-SHA256.txt"), 3);
}

TEST(rfc5869_sha1)
{
    CHECK_EQ(check_hkdf_file("KDF/rfc-5869-HKDF-SHA1.txt"), 4);
}

TEST(generated_1200_bytes)
{
    CHECK_EQ(check_hkdf_file("KDF/hkdf-generated.txt"), 1);
}

/* L may be at most 255 * HashLen; beyond that expand fails and writes nothing. */
TEST(output_limit)
{
    static const struct hash_alg *algs[] = {&hash_sha1, &hash_sha256, &hash_sha384,
                                            &hash_sha512};
    uint8_t prk[HASH_MAX_DIGEST] = {1, 2, 3};
    uint8_t *buf = malloc(255 * HASH_MAX_DIGEST + 1);

    REQUIRE(buf != NULL);
    for (size_t i = 0; i < 4; i++) {
        size_t max = 255 * algs[i]->digest_size;

        CHECK_EQ(hkdf_expand(algs[i], prk, algs[i]->digest_size, "", 0, buf, max), CRYPTO_OK);
        memset(buf, 0xa5, max + 1);
        CHECK_EQ(hkdf_expand(algs[i], prk, algs[i]->digest_size, "", 0, buf, max + 1),
                 CRYPTO_ERANGE);
        CHECK_EQ(buf[0], 0xa5);
        CHECK_EQ(hkdf(algs[i], NULL, 0, "k", 1, NULL, 0, buf, max + 1), CRYPTO_ERANGE);
    }
    free(buf);
}

/* A zero-length output is allowed and writes nothing. */
TEST(empty_output)
{
    uint8_t prk[32] = {0}, sentinel = 0x5a;

    CHECK_EQ(hkdf_expand(&hash_sha256, prk, sizeof prk, NULL, 0, &sentinel, 0), CRYPTO_OK);
    CHECK_EQ(sentinel, 0x5a);
}
