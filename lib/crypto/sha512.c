/*
 * sha512.c - SHA-512 and SHA-384 (FIPS 180-4, sections 6.4 and 6.5).
 *
 * Same structure as SHA-256 with 64-bit words, 80 rounds and 128-byte blocks.
 * SHA-384 differs only in its initial values and in writing the first 48 bytes
 * of the final state; ctx->digest_size records which one a context computes.
 * The padding ends with the message length in bits as a 128-bit big-endian
 * number (md_buffer.c); the byte count is kept in 64 bits, so the top bits come
 * from its upper three bits. No data-dependent branches.
 */
#include <string.h>

#include "byteorder.h"
#include "ct.h"
#include "md_buffer.h"
#include "sha512.h"

static const uint64_t sha512_k[80] = {
    0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
    0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
    0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
    0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
    0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
    0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
    0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
    0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
    0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
    0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
    0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
    0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
    0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
    0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
    0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
    0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
    0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
    0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
    0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
    0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
};

/* Process one 128-byte block into the state h. */
static void sha512_compress(void *state, const uint8_t *block)
{
    uint64_t *h = state;
    uint64_t w[16], a, b, c, d, e, f, g, hh;

    for (int t = 0; t < 16; t++)
        w[t] = load_be64(block + 8 * t);
    a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];

    for (int t = 0; t < 80; t++) {
        uint64_t wt, t1, t2;

        if (t < 16) {
            wt = w[t];
        } else {
            /* W[t] = sigma1(W[t-2]) + W[t-7] + sigma0(W[t-15]) + W[t-16], kept mod 16. */
            uint64_t w2 = w[(t - 2) & 15], w15 = w[(t - 15) & 15];
            uint64_t s0 = ror64(w15, 1) ^ ror64(w15, 8) ^ (w15 >> 7);
            uint64_t s1 = ror64(w2, 19) ^ ror64(w2, 61) ^ (w2 >> 6);
            wt = w[t & 15] = s1 + w[(t - 7) & 15] + s0 + w[t & 15];
        }
        t1 = hh + (ror64(e, 14) ^ ror64(e, 18) ^ ror64(e, 41)) + ((e & f) ^ (~e & g)) +
             sha512_k[t] + wt;
        t2 = (ror64(a, 28) ^ ror64(a, 34) ^ ror64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
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

static const struct md_hash sha512_md = {SHA512_BLOCK_SIZE, 16, sha512_compress};

static void sha512_start(struct sha512_ctx *ctx, const uint64_t iv[8], size_t digest_size)
{
    memcpy(ctx->h, iv, sizeof ctx->h);
    ctx->length = 0;
    ctx->used = 0;
    ctx->digest_size = digest_size;
}

void sha512_init(struct sha512_ctx *ctx)
{
    static const uint64_t iv[8] = {
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL,
        0xa54ff53a5f1d36f1ULL, 0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL,
        0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
    };

    sha512_start(ctx, iv, SHA512_DIGEST_SIZE);
}

void sha384_init(struct sha512_ctx *ctx)
{
    static const uint64_t iv[8] = {
        0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL,
        0x152fecd8f70e5939ULL, 0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL,
        0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
    };

    sha512_start(ctx, iv, SHA384_DIGEST_SIZE);
}

void sha512_update(struct sha512_ctx *ctx, const void *data, size_t len)
{
    md_update(&sha512_md, ctx->h, ctx->block, &ctx->used, &ctx->length, data, len);
}

void sha512_final(struct sha512_ctx *ctx, uint8_t *digest)
{
    uint8_t full[SHA512_DIGEST_SIZE];

    md_final(&sha512_md, ctx->h, ctx->block, ctx->used, ctx->length);
    for (int i = 0; i < 8; i++)
        store_be64(full + 8 * i, ctx->h[i]);
    memcpy(digest, full, ctx->digest_size);
    ct_wipe(full, sizeof full);
    ct_wipe(ctx, sizeof *ctx);
}

void sha512(const void *data, size_t len, uint8_t digest[SHA512_DIGEST_SIZE])
{
    struct sha512_ctx ctx;

    sha512_init(&ctx);
    sha512_update(&ctx, data, len);
    sha512_final(&ctx, digest);
}

void sha384(const void *data, size_t len, uint8_t digest[SHA384_DIGEST_SIZE])
{
    struct sha512_ctx ctx;

    sha384_init(&ctx);
    sha512_update(&ctx, data, len);
    sha512_final(&ctx, digest);
}
