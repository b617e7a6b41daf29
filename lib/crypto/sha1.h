/*
 * sha1.h - SHA-1 (FIPS 180-4). For legacy interoperability only: never use it
 * where collision resistance matters.
 */
#ifndef CRYPTO_SHA1_H
#define CRYPTO_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define SHA1_DIGEST_SIZE 20
#define SHA1_BLOCK_SIZE 64

struct sha1_ctx {
    uint32_t h[5];
    uint64_t length; /* bytes hashed so far */
    uint8_t block[SHA1_BLOCK_SIZE];
    size_t used; /* bytes waiting in block */
};

void sha1_init(struct sha1_ctx *ctx);
void sha1_update(struct sha1_ctx *ctx, const void *data, size_t len);
void sha1_final(struct sha1_ctx *ctx, uint8_t digest[SHA1_DIGEST_SIZE]);
void sha1(const void *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE]);

#endif
