/*
 * chacha20poly1305.h - the ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8),
 * one-shot, with the same call shape as gcm.h.
 */
#ifndef CRYPTO_CHACHA20POLY1305_H
#define CRYPTO_CHACHA20POLY1305_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20POLY1305_KEY_SIZE 32
#define CHACHA20POLY1305_NONCE_SIZE 12
#define CHACHA20POLY1305_TAG_SIZE 16

struct chacha20poly1305_ctx {
    uint8_t key[CHACHA20POLY1305_KEY_SIZE];
};

/* keylen must be 32: returns CRYPTO_OK or CRYPTO_EINVAL. ct_wipe the context when done. */
int chacha20poly1305_init(struct chacha20poly1305_ctx *ctx, const uint8_t *key, size_t keylen);

/*
 * Encrypt len bytes of in to out and write the tag over aad and the ciphertext.
 * noncelen must be 12 and taglen 16. in and out may be the same buffer; aad, in
 * and out may be NULL when their length is 0. Returns CRYPTO_OK, or CRYPTO_EINVAL
 * for other nonce or tag lengths or a message longer than 2^38 - 64 bytes.
 */
int chacha20poly1305_encrypt(const struct chacha20poly1305_ctx *ctx, const uint8_t *nonce,
                             size_t noncelen, const uint8_t *aad, size_t aadlen,
                             const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
                             size_t taglen);

/*
 * Check the tag and decrypt only if it matches. Returns CRYPTO_OK, CRYPTO_EVERIFY
 * (out zeroed) when it does not, or CRYPTO_EINVAL as for encryption. The tag
 * comparison takes the same time wherever it differs.
 */
int chacha20poly1305_decrypt(const struct chacha20poly1305_ctx *ctx, const uint8_t *nonce,
                             size_t noncelen, const uint8_t *aad, size_t aadlen,
                             const uint8_t *in, uint8_t *out, size_t len, const uint8_t *tag,
                             size_t taglen);

#endif
