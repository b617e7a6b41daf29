/*
 * sha256.c - SHA-256 (FIPS 180-4, section 6.2).
 *
 * The state is eight 32-bit words; md_buffer.c buffers input into 64-byte blocks
 * and each full block goes through sha256_compress(), which expands the message
 * schedule in a rolling 16-word window. Final padding (also md_buffer.c) appends
 * 0x80, zeros and the message length in bits as a big-endian 64-bit number.
 * Nothing here branches on data values, only on lengths, so hashing secrets is
 * constant-time.
 */
#include <string.h>

#include "byteorder.h"
#include "ct.h"
#include "md_buffer.h"
#include "sha256.h"

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* Process one 64-byte block into the state h. */
static void sha256_compress(void *state, const uint8_t *block)
{
    uint32_t *h = state;
    uint32_t w[16], a, b, c, d, e, f, g, hh;

    for (int t = 0; t < 16; t++)
        w[t] = load_be32(block + 4 * t);
    a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];

    for (int t = 0; t < 64; t++) {
        uint32_t wt, t1, t2;

        if (t < 16) {
            wt = w[t];
        } else {
            /* W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], kept mod 16. */
            uint32_t w2 = w[(t - 2) & 15], w15 = w[(t - 15) & 15];
            uint32_t s0 = ror32(w15, 7) ^ ror32(w15, 18) ^ (w15 >> 3);
            uint32_t s1 = ror32(w2, 17) ^ ror32(w2, 19) ^ (w2 >> 10);
            wt = w[t & 15] = s1 + w[(t - 7) & 15] + s0 + w[t & 15];
        }
        t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) +
             sha256_k[t] + wt;
        t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    h[0] += a, h[1] += b, h[2] += c, h[3] += d;
    h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
    ct_wipe(w, sizeof w);
}

static const struct md_hash sha256_md = {SHA256_BLOCK_SIZE, 8, sha256_compress};

void sha256_init(struct sha256_ctx *ctx)
{
    static const uint32_t iv[8] = {
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    };

    memcpy(ctx->h, iv, sizeof iv);
    ctx->length = 0;
    ctx->used = 0;
}

void sha256_update(struct sha256_ctx *ctx, const void *data, size_t len)
{
    md_update(&sha256_md, ctx->h, ctx->block, &ctx->used, &ctx->length, data, len);
}

void sha256_final(struct sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE])
{
    md_final(&sha256_md, ctx->h, ctx->block, ctx->used, ctx->length);
    for (int i = 0; i < 8; i++)
        store_be32(digest + 4 * i, ctx->h[i]);
    ct_wipe(ctx, sizeof *ctx);
}

void sha256(const void *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE])
{
    struct sha256_ctx ctx;

    sha256_init(&ctx);
    sha256_update(&ctx, data, len);
    sha256_final(&ctx, digest);
}
