/*
 * sha512.h - SHA-512 and SHA-384 (FIPS 180-4), streaming and one-shot.
 * SHA-384 is SHA-512 with other initial values, truncated to 48 bytes.
 */
#ifndef CRYPTO_SHA512_H
#define CRYPTO_SHA512_H

#include <stddef.h>
#include <stdint.h>

#define SHA512_DIGEST_SIZE 64
#define SHA384_DIGEST_SIZE 48
#define SHA512_BLOCK_SIZE 128

struct sha512_ctx {
    uint64_t h[8];
    uint64_t length; /* bytes hashed so far (2^64 bytes is plenty) */
    uint8_t block[SHA512_BLOCK_SIZE];
    size_t used;
    size_t digest_size; /* 64 for SHA-512, 48 for SHA-384 */
};

void sha512_init(struct sha512_ctx *ctx);
void sha384_init(struct sha512_ctx *ctx);
void sha512_update(struct sha512_ctx *ctx, const void *data, size_t len);
/* Writes ctx->digest_size bytes. */
void sha512_final(struct sha512_ctx *ctx, uint8_t *digest);
void sha512(const void *data, size_t len, uint8_t digest[SHA512_DIGEST_SIZE]);
void sha384(const void *data, size_t len, uint8_t digest[SHA384_DIGEST_SIZE]);

#endif
