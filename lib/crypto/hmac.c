/*
 * hmac.c - HMAC (RFC 2104, FIPS 198-1) over any hash_alg.
 *
 * HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m)), where K0 is the key padded
 * with zeros to the hash's block size, or the hash of the key first when it is
 * longer than a block. hmac_init() absorbs both padded keys right away, so the
 * context holds two hash states and never the key itself; every temporary copy
 * of the key is wiped.
 */
#include <string.h>

#include "ct.h"
#include "hmac.h"

void hmac_init(struct hmac_ctx *ctx, const struct hash_alg *alg, const void *key, size_t keylen)
{
    uint8_t k0[HASH_MAX_BLOCK], pad[HASH_MAX_BLOCK];
    size_t bs = alg->block_size;

    ctx->alg = alg;
    memset(k0, 0, bs);
    if (keylen > bs) {
        hash_digest(alg, key, keylen, k0);
    } else if (keylen) {
        memcpy(k0, key, keylen);
    }

    for (size_t i = 0; i < bs; i++)
        pad[i] = k0[i] ^ 0x36;
    alg->init(&ctx->inner);
    alg->update(&ctx->inner, pad, bs);

    for (size_t i = 0; i < bs; i++)
        pad[i] = k0[i] ^ 0x5c;
    alg->init(&ctx->outer);
    alg->update(&ctx->outer, pad, bs);

    ct_wipe(k0, sizeof k0);
    ct_wipe(pad, sizeof pad);
}

void hmac_update(struct hmac_ctx *ctx, const void *data, size_t len)
{
    ctx->alg->update(&ctx->inner, data, len);
}

void hmac_final(struct hmac_ctx *ctx, uint8_t *mac)
{
    uint8_t inner[HASH_MAX_DIGEST];
    const struct hash_alg *alg = ctx->alg;

    alg->final(&ctx->inner, inner);
    alg->update(&ctx->outer, inner, alg->digest_size);
    alg->final(&ctx->outer, mac);
    ct_wipe(inner, sizeof inner);
    ct_wipe(ctx, sizeof *ctx);
}

void hmac(const struct hash_alg *alg, const void *key, size_t keylen, const void *data,
          size_t len, uint8_t *mac)
{
    struct hmac_ctx ctx;

    hmac_init(&ctx, alg, key, keylen);
    hmac_update(&ctx, data, len);
    hmac_final(&ctx, mac);
}
