/*
 * hash.c - the hash_alg descriptors of hash.h and hash_digest().
 *
 * Each descriptor wraps one hash's streaming functions in adapters taking the
 * shared union hash_ctx, so generic code (HMAC, HKDF, PBKDF2, signatures) calls
 * through a table instead of switching on an algorithm identifier.
 */
#include "hash.h"

static void h_sha1_init(union hash_ctx *ctx)
{
    sha1_init(&ctx->sha1);
}

static void h_sha1_update(union hash_ctx *ctx, const void *data, size_t len)
{
    sha1_update(&ctx->sha1, data, len);
}

static void h_sha1_final(union hash_ctx *ctx, uint8_t *digest)
{
    sha1_final(&ctx->sha1, digest);
}

static void h_sha256_init(union hash_ctx *ctx)
{
    sha256_init(&ctx->sha256);
}

static void h_sha256_update(union hash_ctx *ctx, const void *data, size_t len)
{
    sha256_update(&ctx->sha256, data, len);
}

static void h_sha256_final(union hash_ctx *ctx, uint8_t *digest)
{
    sha256_final(&ctx->sha256, digest);
}

static void h_sha384_init(union hash_ctx *ctx)
{
    sha384_init(&ctx->sha512);
}

static void h_sha512_init(union hash_ctx *ctx)
{
    sha512_init(&ctx->sha512);
}

static void h_sha512_update(union hash_ctx *ctx, const void *data, size_t len)
{
    sha512_update(&ctx->sha512, data, len);
}

/* Serves SHA-384 too: the context knows its digest size. */
static void h_sha512_final(union hash_ctx *ctx, uint8_t *digest)
{
    sha512_final(&ctx->sha512, digest);
}

const struct hash_alg hash_sha1 = {
    .name = "SHA-1",
    .digest_size = SHA1_DIGEST_SIZE,
    .block_size = SHA1_BLOCK_SIZE,
    .init = h_sha1_init,
    .update = h_sha1_update,
    .final = h_sha1_final,
};

const struct hash_alg hash_sha256 = {
    .name = "SHA-256",
    .digest_size = SHA256_DIGEST_SIZE,
    .block_size = SHA256_BLOCK_SIZE,
    .init = h_sha256_init,
    .update = h_sha256_update,
    .final = h_sha256_final,
};

const struct hash_alg hash_sha384 = {
    .name = "SHA-384",
    .digest_size = SHA384_DIGEST_SIZE,
    .block_size = SHA512_BLOCK_SIZE,
    .init = h_sha384_init,
    .update = h_sha512_update,
    .final = h_sha512_final,
};

const struct hash_alg hash_sha512 = {
    .name = "SHA-512",
    .digest_size = SHA512_DIGEST_SIZE,
    .block_size = SHA512_BLOCK_SIZE,
    .init = h_sha512_init,
    .update = h_sha512_update,
    .final = h_sha512_final,
};

void hash_digest(const struct hash_alg *alg, const void *data, size_t len, uint8_t *digest)
{
    union hash_ctx ctx;

    alg->init(&ctx);
    alg->update(&ctx, data, len);
    alg->final(&ctx, digest);
}
