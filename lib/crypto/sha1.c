/*
 * sha1.c - SHA-1 (FIPS 180-4, section 6.1).
 *
 * Kept for legacy protocols (HMAC-SHA1, PBKDF2-SHA1, old certificates); SHA-1 is
 * broken for collision resistance. Buffering and padding as for SHA-256 (md_buffer.c),
 * with a five-word state, 80 rounds and a rolling 16-word message schedule.
 */
#include <string.h>

#include "byteorder.h"
#include "ct.h"
#include "md_buffer.h"
#include "sha1.h"

/*
 * W[t] for t >= 16, computed in place in the rolling 16-word window:
 * W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]).
 */
static inline uint32_t sha1_schedule(uint32_t w[16], int t)
{
    w[t & 15] = rol32(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
    return w[t & 15];
}

/* One round: f is the round's logical function of b, c, d; k its constant. */
#define SHA1_ROUND(f, k, wt)                                                   \
    do {                                                                       \
        uint32_t tmp_ = rol32(a, 5) + (f) + e + (k) + (wt);                    \
        e = d;                                                                 \
        d = c;                                                                 \
        c = rol32(b, 30);                                                      \
        b = a;                                                                 \
        a = tmp_;                                                              \
    } while (0)

/* Process one 64-byte block into the state h. The four 20-round stages of FIPS 180-4. */
static void sha1_compress(void *state, const uint8_t *block)
{
    uint32_t *h = state;
    uint32_t w[16], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    int t;

    for (t = 0; t < 16; t++) {
        w[t] = load_be32(block + 4 * t);
        SHA1_ROUND((b & c) | (~b & d), 0x5a827999, w[t]);
    }
    for (; t < 20; t++)
        SHA1_ROUND((b & c) | (~b & d), 0x5a827999, sha1_schedule(w, t));
    for (; t < 40; t++)
        SHA1_ROUND(b ^ c ^ d, 0x6ed9eba1, sha1_schedule(w, t));
    for (; t < 60; t++)
        SHA1_ROUND((b & c) | (b & d) | (c & d), 0x8f1bbcdc, sha1_schedule(w, t));
    for (; t < 80; t++)
        SHA1_ROUND(b ^ c ^ d, 0xca62c1d6, sha1_schedule(w, t));

    h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
    ct_wipe(w, sizeof w);
}

static const struct md_hash sha1_md = {SHA1_BLOCK_SIZE, 8, sha1_compress};

void sha1_init(struct sha1_ctx *ctx)
{
    ctx->h[0] = 0x67452301;
    ctx->h[1] = 0xefcdab89;
    ctx->h[2] = 0x98badcfe;
    ctx->h[3] = 0x10325476;
    ctx->h[4] = 0xc3d2e1f0;
    ctx->length = 0;
    ctx->used = 0;
}

void sha1_update(struct sha1_ctx *ctx, const void *data, size_t len)
{
    md_update(&sha1_md, ctx->h, ctx->block, &ctx->used, &ctx->length, data, len);
}

void sha1_final(struct sha1_ctx *ctx, uint8_t digest[SHA1_DIGEST_SIZE])
{
    md_final(&sha1_md, ctx->h, ctx->block, ctx->used, ctx->length);
    for (int i = 0; i < 5; i++)
        store_be32(digest + 4 * i, ctx->h[i]);
    ct_wipe(ctx, sizeof *ctx);
}

void sha1(const void *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE])
{
    struct sha1_ctx ctx;

    sha1_init(&ctx);
    sha1_update(&ctx, data, len);
    sha1_final(&ctx, digest);
}
