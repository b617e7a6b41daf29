/*
 * gcm.h - AES-GCM authenticated encryption (NIST SP 800-38D), one-shot.
 */
#ifndef CRYPTO_GCM_H
#define CRYPTO_GCM_H

#include <stddef.h>
#include <stdint.h>

#include "aes.h"

#define GCM_TAG_SIZE 16      /* the full tag; shorter tags are accepted down to 4 bytes */
#define GCM_MIN_TAG_SIZE 4
#define GCM_IV_SIZE 12       /* the recommended IV length */

struct gcm_ctx {
    struct aes_ctx aes;
    uint64_t h[2]; /* the hash key H = AES_K(0^128), as two big-endian halves */
};

/*
 * Set up for key (16, 24 or 32 bytes). Returns CRYPTO_OK or CRYPTO_EINVAL. The
 * context holds key material: ct_wipe it when done.
 */
int gcm_init(struct gcm_ctx *ctx, const uint8_t *key, size_t keylen);

/*
 * Encrypt len bytes of in to out and write a taglen-byte tag over aad and the
 * ciphertext. ivlen may be any length from 1 byte (12 is the recommended one and
 * the fastest); taglen is 4..16. in and out may be the same buffer; aad, in and
 * out may be NULL when their length is 0. Returns CRYPTO_OK, or CRYPTO_EINVAL for
 * an IV or tag length out of range or a message longer than GCM allows
 * (2^36 - 32 bytes).
 */
int gcm_encrypt(const struct gcm_ctx *ctx, const uint8_t *iv, size_t ivlen, const uint8_t *aad,
                size_t aadlen, const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
                size_t taglen);

/*
 * Check the tag over aad and the ciphertext in, and decrypt it to out only if it
 * matches. Returns CRYPTO_OK, CRYPTO_EVERIFY when the tag does not match (out is
 * then zeroed, never left holding unauthenticated plaintext), or CRYPTO_EINVAL as
 * for gcm_encrypt. The tag comparison takes the same time wherever it differs.
 */
int gcm_decrypt(const struct gcm_ctx *ctx, const uint8_t *iv, size_t ivlen, const uint8_t *aad,
                size_t aadlen, const uint8_t *in, uint8_t *out, size_t len, const uint8_t *tag,
                size_t taglen);

#endif
