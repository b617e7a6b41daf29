/*
 * drbg.h - a deterministic random bit generator built on ChaCha20, with fast key
 * erasure for forward secrecy. It only stretches what it is fed: the caller (the
 * kernel's entropy pool) supplies the seed and later entropy.
 */
#ifndef CRYPTO_DRBG_H
#define CRYPTO_DRBG_H

#include <stddef.h>
#include <stdint.h>

#define DRBG_KEY_SIZE 32
#define DRBG_MIN_SEED_SIZE 32          /* bytes; the seed must hold 256 bits of entropy */
#define DRBG_MAX_STEP (1u << 16)       /* output bytes per key; longer requests rekey */
#define DRBG_RESEED_INTERVAL (1u << 16) /* steps after which drbg_needs_reseed says so */

struct drbg_ctx {
    uint8_t key[DRBG_KEY_SIZE]; /* the whole secret state */
    uint32_t steps;             /* generator steps since the last drbg_seed */
    uint32_t seeded;            /* 1 after the first drbg_seed */
};

/* Start unseeded, with an all-zero key. */
void drbg_init(struct drbg_ctx *ctx);

/*
 * Mix a full-entropy seed in: key = SHA-256(key || seed). Resets the step counter
 * and marks the generator seeded. Returns CRYPTO_EINVAL (and changes nothing) when
 * len < DRBG_MIN_SEED_SIZE.
 */
int drbg_seed(struct drbg_ctx *ctx, const void *seed, size_t len);

/*
 * Mix in input of unknown entropy (timings, jitter): key = SHA-256(key || data).
 * It never hurts, but it neither seeds the generator nor resets the step counter.
 */
void drbg_add_entropy(struct drbg_ctx *ctx, const void *data, size_t len);

/*
 * Fill out with len random bytes. Returns CRYPTO_OK, or CRYPTO_EINVAL (out zeroed)
 * when the generator was never seeded. The key is replaced before returning, so
 * the state after a call cannot reproduce that call's output.
 */
int drbg_generate(struct drbg_ctx *ctx, void *out, size_t len);

/* 1 when the generator is unseeded or has run DRBG_RESEED_INTERVAL steps since seeding. */
int drbg_needs_reseed(const struct drbg_ctx *ctx);

/* Wipe the state; drbg_init is needed before further use. */
void drbg_wipe(struct drbg_ctx *ctx);

#endif
