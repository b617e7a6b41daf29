/*
 * test_pbkdf2.c - PBKDF2-HMAC-SHA1 against the RFC 6070 test vectors; PBKDF2 over
 * every hash against the host's OpenSSL (looked up at run time, skipped when
 * absent), since the vector package has published vectors for SHA-1 only; and
 * the argument checks.
 */
#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/pbkdf2.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

/* The file writes NUL bytes inside passwords and salts as "\0". */
static size_t unescape(const char *s, char *out)
{
    size_t n = 0;

    while (*s) {
        if (s[0] == '\\' && s[1] == '0') {
            out[n++] = '\0';
            s += 2;
        } else {
            out[n++] = *s++;
        }
    }
    return n;
}

/* Checks the records whose iteration count is within [min_iter, max_iter]. */
static int check_rfc6070(uint32_t min_iter, uint32_t max_iter)
{
    const char *path = "KDF/rfc-6070-PBKDF2-SHA1.txt";
    struct vec_file *f = host_vec_open(path);
    int count = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        const char *pw_s = vec_get(f, "PASSWORD"), *salt_s = vec_get(f, "SALT");
        const char *it_s = vec_get(f, "ITERATIONS"), *len_s = vec_get(f, "LENGTH");
        size_t dk_len;
        uint8_t *dk = vec_get_hex(f, "DERIVED_KEY", &dk_len);

        if (pw_s && salt_s && it_s && len_s && dk && strtoul(len_s, NULL, 10) == dk_len) {
            uint32_t iterations = (uint32_t)strtoul(it_s, NULL, 10);

            if (iterations >= min_iter && iterations <= max_iter) {
                char *pw = malloc(strlen(pw_s) + 1), *salt = malloc(strlen(salt_s) + 1);
                size_t pw_len = unescape(pw_s, pw), salt_len = unescape(salt_s, salt);
                uint8_t *got = malloc(dk_len);

                CHECK_EQ(pbkdf2_hmac(&hash_sha1, pw, pw_len, salt, salt_len, iterations, got,
                                     dk_len),
                         CRYPTO_OK);
                CHECK_MSG(memcmp(got, dk, dk_len) == 0, "%s:%d: derived key mismatch", path,
                          vec_line(f));
                free(pw);
                free(salt);
                free(got);
                count++;
            }
        } else {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
        }
        free(dk);
    }
    vec_close(f);
    return count;
}

TEST(rfc6070_sha1)
{
    CHECK_EQ(check_rfc6070(1, 100000), 5);
}

/*
 * RFC 6070 test 3: 16777216 iterations, about 33.5 million SHA-1 compressions
 * (under 20 s with the sanitizers on).
 */
TEST(rfc6070_sha1_16m_iterations)
{
    CHECK_EQ(check_rfc6070(16777216, 16777216), 1);
}

TEST(zero_iterations_rejected)
{
    uint8_t out[20];

    memset(out, 0xa5, sizeof out);
    CHECK_EQ(pbkdf2_hmac(&hash_sha1, "p", 1, "s", 1, 0, out, sizeof out), CRYPTO_EINVAL);
    CHECK_EQ(out[0], 0xa5);
}

static uint64_t rng_state = 0x243f6a8885a308d3ULL;
static uint32_t rng(void)
{
    return host_xorshift(&rng_state);
}

typedef const void *(*md_fn)(void);
typedef int (*openssl_pbkdf2_fn)(const char *pass, int passlen, const unsigned char *salt,
                                 int saltlen, int iter, const void *md, int keylen,
                                 unsigned char *out);

/*
 * Random passwords (0 to 150 bytes, so longer than a block too), salts, iteration
 * counts and output lengths up to four digests, for each hash, compared with
 * OpenSSL's PKCS5_PBKDF2_HMAC.
 */
TEST(matches_host_openssl)
{
    static const struct {
        const struct hash_alg *alg;
        const char *md;
    } algs[] = {{&hash_sha1, "EVP_sha1"}, {&hash_sha256, "EVP_sha256"},
                {&hash_sha384, "EVP_sha384"}, {&hash_sha512, "EVP_sha512"}};
    void *lib = dlopen("libcrypto.so.3", RTLD_NOW);
    openssl_pbkdf2_fn ref;
    int cases = 0, mismatches = 0;

    if (!lib)
        SKIP("libcrypto.so.3 (OpenSSL) not available on this host: %s", dlerror());
    ref = (openssl_pbkdf2_fn)(uintptr_t)dlsym(lib, "PKCS5_PBKDF2_HMAC");
    if (!ref) {
        dlclose(lib);
        SKIP("libcrypto.so.3 has no PKCS5_PBKDF2_HMAC");
    }
    for (size_t a = 0; a < sizeof algs / sizeof algs[0]; a++) {
        md_fn md = (md_fn)(uintptr_t)dlsym(lib, algs[a].md);

        if (!md) {
            CHECK_MSG(0, "libcrypto.so.3 has no %s", algs[a].md);
            continue;
        }
        for (int t = 0; t < 40; t++) {
            uint8_t pw[150], salt[40], want[4 * HASH_MAX_DIGEST], got[4 * HASH_MAX_DIGEST];
            size_t pw_len = rng() % sizeof pw, salt_len = rng() % sizeof salt;
            size_t out_len = 1 + rng() % (4 * algs[a].alg->digest_size);
            uint32_t iterations = 1 + rng() % 300;

            for (size_t i = 0; i < pw_len; i++)
                pw[i] = (uint8_t)rng();
            for (size_t i = 0; i < salt_len; i++)
                salt[i] = (uint8_t)rng();
            if (ref((const char *)pw, (int)pw_len, salt, (int)salt_len, (int)iterations, md(),
                    (int)out_len, want) != 1) {
                CHECK_MSG(0, "OpenSSL PKCS5_PBKDF2_HMAC failed");
                continue;
            }
            CHECK_EQ(pbkdf2_hmac(algs[a].alg, pw, pw_len, salt, salt_len, iterations, got,
                                 out_len),
                     CRYPTO_OK);
            if (memcmp(got, want, out_len) != 0 && mismatches++ == 0)
                CHECK_MSG(0, "%s: case %d (password %zu bytes, salt %zu, %u iterations, "
                             "%zu bytes out) differs from OpenSSL",
                          algs[a].alg->name, t, pw_len, salt_len, iterations, out_len);
            cases++;
        }
    }
    CHECK_EQ(mismatches, 0);
    CHECK_EQ(cases, 160);
    dlclose(lib);
}
