/*
 * drbg.c - a ChaCha20 generator with fast key erasure.
 *
 * The state is one 256-bit key K. A generator step producing n <= DRBG_MAX_STEP
 * bytes runs ChaCha20 with key K, an all-zero nonce and block counter 0: the first
 * 32 keystream bytes become the new K and the next n bytes are the output. The old
 * key is overwritten before the call returns, so a later compromise of the state
 * reveals nothing about earlier output (forward secrecy). A request longer than
 * DRBG_MAX_STEP is served by several steps. New input is mixed with
 * K = SHA-256(K || input), which keeps K secret as long as either the old key or
 * the input was.
 */
#include <string.h>

#include "chacha20.h"
#include "ct.h"
#include "drbg.h"
#include "error.h"
#include "sha256.h"

void drbg_init(struct drbg_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
}

static void mix(struct drbg_ctx *ctx, const void *data, size_t len)
{
    struct sha256_ctx h;

    sha256_init(&h);
    sha256_update(&h, ctx->key, sizeof ctx->key);
    sha256_update(&h, data, len);
    sha256_final(&h, ctx->key);
    ct_wipe(&h, sizeof h);
}

int drbg_seed(struct drbg_ctx *ctx, const void *seed, size_t len)
{
    if (len < DRBG_MIN_SEED_SIZE)
        return CRYPTO_EINVAL;
    mix(ctx, seed, len);
    ctx->steps = 0;
    ctx->seeded = 1;
    return CRYPTO_OK;
}

void drbg_add_entropy(struct drbg_ctx *ctx, const void *data, size_t len)
{
    mix(ctx, data, len);
}

int drbg_generate(struct drbg_ctx *ctx, void *out, size_t len)
{
    static const uint8_t zero_nonce[CHACHA20_NONCE_SIZE];
    uint8_t *p = out;
    struct chacha20_ctx cc;

    if (!ctx->seeded) {
        if (len)
            memset(out, 0, len);
        return CRYPTO_EINVAL;
    }
    do {
        size_t n = len < DRBG_MAX_STEP ? len : DRBG_MAX_STEP;

        chacha20_init(&cc, ctx->key, zero_nonce, 0);
        memset(ctx->key, 0, sizeof ctx->key);
        chacha20_xor(&cc, ctx->key, ctx->key, sizeof ctx->key);
        if (n) {
            memset(p, 0, n);
            chacha20_xor(&cc, p, p, n);
        }
        if (ctx->steps < UINT32_MAX)
            ctx->steps++;
        p += n;
        len -= n;
    } while (len > 0);
    chacha20_wipe(&cc);
    return CRYPTO_OK;
}

int drbg_needs_reseed(const struct drbg_ctx *ctx)
{
    return !ctx->seeded || ctx->steps >= DRBG_RESEED_INTERVAL;
}

void drbg_wipe(struct drbg_ctx *ctx)
{
    ct_wipe(ctx, sizeof *ctx);
}
