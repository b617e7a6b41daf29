/*
 * test_chacha20poly1305.c - the ChaCha20-Poly1305 AEAD against
 * ciphers/ChaCha20Poly1305/openssl.txt (records with "Result = CIPHERFINAL_ERROR"
 * carry a wrong tag and must be refused) and boringssl.txt (RFC 8439 section
 * 2.8.2 and padding edge cases; IN and AD may be quoted text instead of hex).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/chacha20poly1305.h>
#include <crypto/error.h>

#include "check.h"
#include "vectors.h"

/* A field as bytes: "quoted text" literally, otherwise hex. NULL when absent or bad. */
static uint8_t *get_bytes(struct vec_file *f, const char *key, size_t *len)
{
    const char *v = vec_get(f, key);
    size_t n;

    if (!v)
        return NULL;
    n = strlen(v);
    if (n >= 2 && v[0] == '"' && v[n - 1] == '"') {
        uint8_t *out = malloc(n);
        memcpy(out, v + 1, n - 2);
        *len = n - 2;
        return out;
    }
    return vec_unhex(v, len);
}

/*
 * One record: when must_fail, decryption must be refused with out zeroed;
 * otherwise encryption must give ct and tag, decryption (in place) pt, and a
 * flipped tag bit must be refused.
 */
static int check_record(const uint8_t *key, size_t klen, const uint8_t *nonce, size_t nlen,
                        const uint8_t *aad, size_t aadlen, const uint8_t *pt, size_t ptlen,
                        const uint8_t *ct, size_t ctlen, const uint8_t *tag, size_t taglen,
                        int must_fail)
{
    struct chacha20poly1305_ctx ctx;
    uint8_t *buf, t[16], bad_tag[16];
    int ok;

    if (ptlen != ctlen || taglen != 16)
        return 0;
    if (chacha20poly1305_init(&ctx, key, klen) != CRYPTO_OK)
        return 0;
    buf = malloc(ctlen + 1);
    if (must_fail) {
        memset(buf, 0xa5, ctlen);
        ok = chacha20poly1305_decrypt(&ctx, nonce, nlen, aad, aadlen, ct, buf, ctlen, tag,
                                      taglen) == CRYPTO_EVERIFY;
        for (size_t i = 0; i < ctlen; i++)
            ok = ok && buf[i] == 0;
        free(buf);
        return ok;
    }
    ok = chacha20poly1305_encrypt(&ctx, nonce, nlen, aad, aadlen, pt, buf, ptlen, t, 16) ==
         CRYPTO_OK;
    ok = ok && memcmp(buf, ct, ctlen) == 0 && memcmp(t, tag, 16) == 0;
    memcpy(buf, ct, ctlen);
    ok = ok && chacha20poly1305_decrypt(&ctx, nonce, nlen, aad, aadlen, buf, buf, ctlen, tag,
                                        16) == CRYPTO_OK;
    ok = ok && memcmp(buf, pt, ptlen) == 0;
    memcpy(bad_tag, tag, 16);
    bad_tag[0] ^= 0x80;
    ok = ok && chacha20poly1305_decrypt(&ctx, nonce, nlen, aad, aadlen, ct, buf, ctlen, bad_tag,
                                        16) == CRYPTO_EVERIFY;
    free(buf);
    return ok;
}

TEST(openssl_vectors)
{
    struct vec_file *f = vec_open("ciphers/ChaCha20Poly1305/openssl.txt");
    int n = 0, bad = 0, first_bad = 0, fails = 0;

    REQUIRE(f != NULL);
    while (vec_next(f)) {
        size_t klen, nlen, alen, plen, clen, tlen;
        uint8_t *key = get_bytes(f, "Key", &klen), *iv = get_bytes(f, "IV", &nlen);
        uint8_t *aad = get_bytes(f, "AAD", &alen), *pt = get_bytes(f, "Plaintext", &plen);
        uint8_t *ct = get_bytes(f, "Ciphertext", &clen), *tag = get_bytes(f, "Tag", &tlen);
        const char *result = vec_get(f, "Result");
        int must_fail = result != NULL, ok = key && iv && aad && pt && ct && tag;

        fails += must_fail;
        if (ok)
            ok = check_record(key, klen, iv, nlen, aad, alen, pt, plen, ct, clen, tag, tlen,
                              must_fail);
        if (!ok && bad++ == 0)
            first_bad = vec_line(f);
        n++;
        free(key);
        free(iv);
        free(aad);
        free(pt);
        free(ct);
        free(tag);
    }
    vec_close(f);
    CHECK_MSG(bad == 0, "%d of %d records wrong, first at line %d", bad, n, first_bad);
    CHECK(n >= 5);
    CHECK(fails >= 1);
}

TEST(boringssl_vectors)
{
    struct vec_file *f = vec_open("ciphers/ChaCha20Poly1305/boringssl.txt");
    int n = 0, bad = 0, first_bad = 0;

    REQUIRE(f != NULL);
    while (vec_next(f)) {
        size_t klen, nlen, alen, plen, clen, tlen;
        uint8_t *key = get_bytes(f, "KEY", &klen), *nonce = get_bytes(f, "NONCE", &nlen);
        uint8_t *aad = get_bytes(f, "AD", &alen), *pt = get_bytes(f, "IN", &plen);
        uint8_t *ct = get_bytes(f, "CT", &clen), *tag = get_bytes(f, "TAG", &tlen);
        int ok = key && nonce && aad && pt && ct && tag;

        if (ok)
            ok = check_record(key, klen, nonce, nlen, aad, alen, pt, plen, ct, clen, tag, tlen,
                              0);
        if (!ok && bad++ == 0)
            first_bad = vec_line(f);
        n++;
        free(key);
        free(nonce);
        free(aad);
        free(pt);
        free(ct);
        free(tag);
    }
    vec_close(f);
    CHECK_MSG(bad == 0, "%d of %d records wrong, first at line %d", bad, n, first_bad);
    CHECK(n >= 60);
}

TEST(bad_parameters)
{
    uint8_t key[32] = {0}, nonce[12] = {0}, buf[16] = {0}, tag[16] = {0};
    struct chacha20poly1305_ctx ctx;

    CHECK_EQ(chacha20poly1305_init(&ctx, key, 16), CRYPTO_EINVAL);
    REQUIRE(chacha20poly1305_init(&ctx, key, 32) == CRYPTO_OK);
    CHECK_EQ(chacha20poly1305_encrypt(&ctx, nonce, 8, NULL, 0, buf, buf, 16, tag, 16),
             CRYPTO_EINVAL);
    CHECK_EQ(chacha20poly1305_encrypt(&ctx, nonce, 12, NULL, 0, buf, buf, 16, tag, 12),
             CRYPTO_EINVAL);
    CHECK_EQ(chacha20poly1305_decrypt(&ctx, nonce, 12, NULL, 0, buf, buf, 16, tag, 15),
             CRYPTO_EINVAL);
    CHECK_EQ(chacha20poly1305_encrypt(&ctx, nonce, 12, NULL, 0, NULL, NULL, 0, tag, 16),
             CRYPTO_OK);
    CHECK_EQ(chacha20poly1305_decrypt(&ctx, nonce, 12, NULL, 0, NULL, NULL, 0, tag, 16),
             CRYPTO_OK);
    tag[3] ^= 1;
    CHECK_EQ(chacha20poly1305_decrypt(&ctx, nonce, 12, NULL, 0, NULL, NULL, 0, tag, 16),
             CRYPTO_EVERIFY);
}
