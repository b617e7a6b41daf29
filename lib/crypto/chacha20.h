/*
 * chacha20.h - the ChaCha20 stream cipher (RFC 8439), streaming and one-shot.
 *
 * Two state layouts are offered: RFC 8439's 96-bit nonce with a 32-bit block
 * counter (used by TLS and the ChaCha20-Poly1305 AEAD), and the original 64-bit
 * nonce with a 64-bit block counter (used by SSH's chacha20-poly1305 construction).
 */
#ifndef CRYPTO_CHACHA20_H
#define CRYPTO_CHACHA20_H

#include <stddef.h>
#include <stdint.h>

#define CHACHA20_KEY_SIZE 32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64

struct chacha20_ctx {
    uint32_t state[16];              /* constants, key, counter, nonce */
    uint8_t ks[CHACHA20_BLOCK_SIZE]; /* keystream of the current block */
    unsigned ks_used;                /* bytes of ks already used (64: none left) */
    unsigned wide_counter;           /* 1: 64-bit counter in words 12-13 */
};

/*
 * RFC 8439 layout. The 32-bit counter wraps after 2^32 blocks (256 GiB); callers
 * must not encrypt that much under one nonce.
 */
void chacha20_init(struct chacha20_ctx *ctx, const uint8_t key[CHACHA20_KEY_SIZE],
                   const uint8_t nonce[CHACHA20_NONCE_SIZE], uint32_t counter);

/* Original layout: 64-bit nonce, 64-bit little-endian block counter. */
void chacha20_init_nonce64(struct chacha20_ctx *ctx, const uint8_t key[CHACHA20_KEY_SIZE],
                           const uint8_t nonce[8], uint64_t counter);

/*
 * XOR len bytes of in with the next len keystream bytes; the keystream continues
 * across calls at byte granularity. in and out may be the same buffer. To get raw
 * keystream, pass zeros as in.
 */
void chacha20_xor(struct chacha20_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len);

/* Wipe the key and keystream held by ctx. */
void chacha20_wipe(struct chacha20_ctx *ctx);

/* One-shot RFC 8439 encryption/decryption starting at block counter. */
void chacha20(const uint8_t key[CHACHA20_KEY_SIZE], const uint8_t nonce[CHACHA20_NONCE_SIZE],
              uint32_t counter, const uint8_t *in, uint8_t *out, size_t len);

#endif
