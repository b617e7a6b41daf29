/*
 * hash.h - a descriptor for each hash function, so that HMAC, HKDF, PBKDF2, RSA
 * and X.509 take "which hash" as a value instead of a switch.
 *
 * union hash_ctx is large enough for the state of any hash described here.
 */
#ifndef CRYPTO_HASH_H
#define CRYPTO_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "sha1.h"
#include "sha256.h"
#include "sha512.h"

#define HASH_MAX_DIGEST 64
#define HASH_MAX_BLOCK 128

union hash_ctx {
    struct sha1_ctx sha1;
    struct sha256_ctx sha256;
    struct sha512_ctx sha512; /* SHA-384 uses the SHA-512 state */
};

struct hash_alg {
    const char *name; /* "SHA-256", ... */
    size_t digest_size;
    size_t block_size;
    void (*init)(union hash_ctx *ctx);
    void (*update)(union hash_ctx *ctx, const void *data, size_t len);
    void (*final)(union hash_ctx *ctx, uint8_t *digest); /* wipes the state */
};

extern const struct hash_alg hash_sha1, hash_sha256, hash_sha384, hash_sha512;

/* One-shot digest of len bytes. */
void hash_digest(const struct hash_alg *alg, const void *data, size_t len, uint8_t *digest);

#endif
