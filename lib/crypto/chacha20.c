/*
 * chacha20.c - the ChaCha20 stream cipher (RFC 8439 section 2.4).
 *
 * The state is sixteen 32-bit words: four constants, the 256-bit key, the block
 * counter and the nonce. A keystream block is the state after twenty rounds
 * (ten column/diagonal double rounds of the quarter round, RFC 8439 section 2.1)
 * added word-wise to the input state, serialized little-endian. Only additions,
 * XORs and fixed rotations are used, so the running time does not depend on the
 * key or the data.
 */
#include <string.h>

#include "byteorder.h"
#include "chacha20.h"
#include "ct.h"

#define QUARTER_ROUND(x, a, b, c, d)                                                          \
    do {                                                                                      \
        x[a] += x[b];                                                                         \
        x[d] = rol32(x[d] ^ x[a], 16);                                                        \
        x[c] += x[d];                                                                         \
        x[b] = rol32(x[b] ^ x[c], 12);                                                        \
        x[a] += x[b];                                                                         \
        x[d] = rol32(x[d] ^ x[a], 8);                                                         \
        x[c] += x[d];                                                                         \
        x[b] = rol32(x[b] ^ x[c], 7);                                                         \
    } while (0)

/* One keystream block from the state; then advance the block counter. */
static void chacha20_block(struct chacha20_ctx *ctx)
{
    uint32_t x[16];

    memcpy(x, ctx->state, sizeof x);
    for (int i = 0; i < 10; i++) {
        QUARTER_ROUND(x, 0, 4, 8, 12);
        QUARTER_ROUND(x, 1, 5, 9, 13);
        QUARTER_ROUND(x, 2, 6, 10, 14);
        QUARTER_ROUND(x, 3, 7, 11, 15);
        QUARTER_ROUND(x, 0, 5, 10, 15);
        QUARTER_ROUND(x, 1, 6, 11, 12);
        QUARTER_ROUND(x, 2, 7, 8, 13);
        QUARTER_ROUND(x, 3, 4, 9, 14);
    }
    for (int i = 0; i < 16; i++)
        store_le32(ctx->ks + 4 * i, x[i] + ctx->state[i]);
    ct_wipe(x, sizeof x);

    ctx->state[12]++;
    if (ctx->wide_counter)
        ctx->state[13] += ctx->state[12] == 0;
    ctx->ks_used = 0;
}

static void init_key(struct chacha20_ctx *ctx, const uint8_t key[CHACHA20_KEY_SIZE])
{
    /* "expand 32-byte k" */
    ctx->state[0] = 0x61707865u;
    ctx->state[1] = 0x3320646eu;
    ctx->state[2] = 0x79622d32u;
    ctx->state[3] = 0x6b206574u;
    for (int i = 0; i < 8; i++)
        ctx->state[4 + i] = load_le32(key + 4 * i);
    ctx->ks_used = CHACHA20_BLOCK_SIZE;
}

void chacha20_init(struct chacha20_ctx *ctx, const uint8_t key[CHACHA20_KEY_SIZE],
                   const uint8_t nonce[CHACHA20_NONCE_SIZE], uint32_t counter)
{
    init_key(ctx, key);
    ctx->state[12] = counter;
    ctx->state[13] = load_le32(nonce);
    ctx->state[14] = load_le32(nonce + 4);
    ctx->state[15] = load_le32(nonce + 8);
    ctx->wide_counter = 0;
}

void chacha20_init_nonce64(struct chacha20_ctx *ctx, const uint8_t key[CHACHA20_KEY_SIZE],
                           const uint8_t nonce[8], uint64_t counter)
{
    init_key(ctx, key);
    ctx->state[12] = (uint32_t)counter;
    ctx->state[13] = (uint32_t)(counter >> 32);
    ctx->state[14] = load_le32(nonce);
    ctx->state[15] = load_le32(nonce + 4);
    ctx->wide_counter = 1;
}

void chacha20_xor(struct chacha20_ctx *ctx, const uint8_t *in, uint8_t *out, size_t len)
{
    while (len > 0) {
        size_t n;

        if (ctx->ks_used == CHACHA20_BLOCK_SIZE)
            chacha20_block(ctx);
        n = CHACHA20_BLOCK_SIZE - ctx->ks_used;
        if (n > len)
            n = len;
        for (size_t i = 0; i < n; i++)
            out[i] = in[i] ^ ctx->ks[ctx->ks_used + i];
        ctx->ks_used += (unsigned)n;
        in += n;
        out += n;
        len -= n;
    }
}

void chacha20_wipe(struct chacha20_ctx *ctx)
{
    ct_wipe(ctx, sizeof *ctx);
}

void chacha20(const uint8_t key[CHACHA20_KEY_SIZE], const uint8_t nonce[CHACHA20_NONCE_SIZE],
              uint32_t counter, const uint8_t *in, uint8_t *out, size_t len)
{
    struct chacha20_ctx ctx;

    chacha20_init(&ctx, key, nonce, counter);
    chacha20_xor(&ctx, in, out, len);
    chacha20_wipe(&ctx);
}
