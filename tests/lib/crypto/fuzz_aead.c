/*
 * fuzz_aead.c - libFuzzer target for AES-GCM and ChaCha20-Poly1305.
 *
 * The input is read as: four parameter bytes (AES key size, GCM IV length, GCM
 * tag length, AAD length), a 32-byte key, a 64-byte IV area, a 16-byte tag, the
 * AAD, and the rest as the message. Missing bytes read as zero, so short inputs
 * are useful too. For both AEADs:
 *   - decrypting the message as ciphertext under the fuzzed tag must either fail
 *     with CRYPTO_EVERIFY and a zeroed output, or, if it ever verifies, agree with
 *     re-encryption;
 *   - encrypting the message and decrypting it again must round-trip, in place and
 *     out of place alike, and any flipped tag bit (and, for full-length tags, any
 *     flipped ciphertext bit) must be refused.
 * Any disagreement aborts, so the fuzzer reports it as a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/chacha20poly1305.h>
#include <crypto/error.h>
#include <crypto/gcm.h>

#define MAX_MSG 4096

struct reader {
    const uint8_t *p;
    size_t left;
};

static void take(struct reader *r, uint8_t *dst, size_t n)
{
    size_t k = n < r->left ? n : r->left;

    if (k)
        memcpy(dst, r->p, k);
    memset(dst + k, 0, n - k);
    r->p += k;
    r->left -= k;
}

#define ASSERT(c)                                                                              \
    do {                                                                                       \
        if (!(c))                                                                              \
            abort();                                                                           \
    } while (0)

static int all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void fuzz_gcm(const uint8_t *key, size_t keylen, const uint8_t *iv, size_t ivlen,
                     const uint8_t *tag_in, size_t taglen, const uint8_t *aad, size_t aadlen,
                     const uint8_t *msg, size_t len)
{
    static uint8_t out[MAX_MSG], ct[MAX_MSG], back[MAX_MSG];
    uint8_t tag[16], tag2[16];
    struct gcm_ctx ctx;
    int rc;

    ASSERT(gcm_init(&ctx, key, keylen) == CRYPTO_OK);

    /* Forged input. */
    memset(out, 0x5a, len);
    rc = gcm_decrypt(&ctx, iv, ivlen, aad, aadlen, msg, out, len, tag_in, taglen);
    ASSERT(rc == CRYPTO_OK || rc == CRYPTO_EVERIFY);
    if (rc == CRYPTO_EVERIFY) {
        ASSERT(all_zero(out, len));
    } else {
        ASSERT(gcm_encrypt(&ctx, iv, ivlen, aad, aadlen, out, back, len, tag2, taglen) ==
               CRYPTO_OK);
        ASSERT(memcmp(back, msg, len) == 0 && memcmp(tag2, tag_in, taglen) == 0);
    }

    /* Round trip. */
    ASSERT(gcm_encrypt(&ctx, iv, ivlen, aad, aadlen, msg, ct, len, tag, taglen) == CRYPTO_OK);
    memcpy(back, msg, len);
    ASSERT(gcm_encrypt(&ctx, iv, ivlen, aad, aadlen, back, back, len, tag2, taglen) ==
           CRYPTO_OK);
    ASSERT(memcmp(back, ct, len) == 0 && memcmp(tag, tag2, taglen) == 0);
    ASSERT(gcm_decrypt(&ctx, iv, ivlen, aad, aadlen, back, back, len, tag, taglen) ==
           CRYPTO_OK);
    ASSERT(memcmp(back, msg, len) == 0);

    memcpy(tag2, tag, taglen);
    tag2[msg[0] % taglen] ^= (uint8_t)(1u << (aadlen % 8));
    ASSERT(gcm_decrypt(&ctx, iv, ivlen, aad, aadlen, ct, back, len, tag2, taglen) ==
           CRYPTO_EVERIFY);
    if (len > 0 && taglen == 16) {
        /* GHASH is linear: the flip changes the full tag by a nonzero multiple of H. */
        ct[len / 2] ^= 0x10;
        ASSERT(gcm_decrypt(&ctx, iv, ivlen, aad, aadlen, ct, back, len, tag, taglen) ==
               CRYPTO_EVERIFY);
    }
}

static void fuzz_chacha20poly1305(const uint8_t *key, const uint8_t *nonce,
                                  const uint8_t *tag_in, const uint8_t *aad, size_t aadlen,
                                  const uint8_t *msg, size_t len)
{
    static uint8_t out[MAX_MSG], ct[MAX_MSG], back[MAX_MSG];
    uint8_t tag[16], tag2[16];
    struct chacha20poly1305_ctx ctx;
    int rc;

    ASSERT(chacha20poly1305_init(&ctx, key, 32) == CRYPTO_OK);

    memset(out, 0x5a, len);
    rc = chacha20poly1305_decrypt(&ctx, nonce, 12, aad, aadlen, msg, out, len, tag_in, 16);
    ASSERT(rc == CRYPTO_OK || rc == CRYPTO_EVERIFY);
    if (rc == CRYPTO_EVERIFY) {
        ASSERT(all_zero(out, len));
    } else {
        ASSERT(chacha20poly1305_encrypt(&ctx, nonce, 12, aad, aadlen, out, back, len, tag2,
                                        16) == CRYPTO_OK);
        ASSERT(memcmp(back, msg, len) == 0 && memcmp(tag2, tag_in, 16) == 0);
    }

    ASSERT(chacha20poly1305_encrypt(&ctx, nonce, 12, aad, aadlen, msg, ct, len, tag, 16) ==
           CRYPTO_OK);
    memcpy(back, msg, len);
    ASSERT(chacha20poly1305_encrypt(&ctx, nonce, 12, aad, aadlen, back, back, len, tag2, 16) ==
           CRYPTO_OK);
    ASSERT(memcmp(back, ct, len) == 0 && memcmp(tag, tag2, 16) == 0);
    ASSERT(chacha20poly1305_decrypt(&ctx, nonce, 12, aad, aadlen, back, back, len, tag, 16) ==
           CRYPTO_OK);
    ASSERT(memcmp(back, msg, len) == 0);

    memcpy(tag2, tag, 16);
    tag2[(len + aadlen) % 16] ^= 0x01;
    ASSERT(chacha20poly1305_decrypt(&ctx, nonce, 12, aad, aadlen, ct, back, len, tag2, 16) ==
           CRYPTO_EVERIFY);
    if (len > 0) {
        ct[len - 1] ^= 0x80;
        ASSERT(chacha20poly1305_decrypt(&ctx, nonce, 12, aad, aadlen, ct, back, len, tag, 16) ==
               CRYPTO_EVERIFY);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t key_sizes[3] = {16, 24, 32};
    struct reader r = {data, size};
    uint8_t params[4], key[32], iv[64], tag[16];
    static uint8_t aad[256], msg[MAX_MSG + 1];
    size_t keylen, ivlen, taglen, aadlen, len;

    take(&r, params, sizeof params);
    take(&r, key, sizeof key);
    take(&r, iv, sizeof iv);
    take(&r, tag, sizeof tag);
    keylen = key_sizes[params[0] % 3];
    ivlen = 1 + params[1] % sizeof iv;
    taglen = 4 + params[2] % 13;
    aadlen = params[3];
    if (aadlen > r.left)
        aadlen = r.left;
    take(&r, aad, aadlen);
    len = r.left < MAX_MSG ? r.left : MAX_MSG;
    take(&r, msg, len);
    msg[len] = 0; /* msg[0] is read even for an empty message */

    fuzz_gcm(key, keylen, iv, ivlen, tag, taglen, aad, aadlen, msg, len);
    fuzz_chacha20poly1305(key, iv, tag, aad, aadlen, msg, len);
    return 0;
}
