/*
 * hmac.h - HMAC (RFC 2104) over any hash in hash.h.
 */
#ifndef CRYPTO_HMAC_H
#define CRYPTO_HMAC_H

#include "hash.h"

struct hmac_ctx {
    const struct hash_alg *alg;
    union hash_ctx inner;
    union hash_ctx outer;
};

void hmac_init(struct hmac_ctx *ctx, const struct hash_alg *alg, const void *key, size_t keylen);
void hmac_update(struct hmac_ctx *ctx, const void *data, size_t len);
/* Writes alg->digest_size bytes and wipes the context. */
void hmac_final(struct hmac_ctx *ctx, uint8_t *mac);
void hmac(const struct hash_alg *alg, const void *key, size_t keylen, const void *data,
          size_t len, uint8_t *mac);

#endif
