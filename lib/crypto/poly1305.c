/*
 * poly1305.c - Poly1305 (RFC 8439 section 2.5).
 *
 * The tag is ((sum of m_i * r^(n-i+1)) mod 2^130 - 5 + s) mod 2^128, with each
 * 16-byte block m_i read little-endian and extended by a 1 byte. The accumulator
 * h and the clamped r are kept as five 26-bit limbs so that every partial product
 * fits in 64 bits on a 32-bit CPU: a limb of h stays below 2^27, r's limbs below
 * 2^26, and 2^130 = 5 (mod p) lets the high partial products be folded in with a
 * factor of 5 (below 2^29), so one column sums five products below 2^56 each.
 * The final reduction selects h or h - p with a mask, not a branch.
 */
#include <string.h>

#include "byteorder.h"
#include "ct.h"
#include "poly1305.h"

#define LIMB_MASK 0x3ffffffu

/* Split 128 little-endian bits into five 26-bit limbs (the fifth gets the top 24). */
static void to_limbs(uint32_t l[5], const uint8_t b[16])
{
    uint32_t t0 = load_le32(b), t1 = load_le32(b + 4), t2 = load_le32(b + 8),
             t3 = load_le32(b + 12);

    l[0] = t0 & LIMB_MASK;
    l[1] = (t0 >> 26 | t1 << 6) & LIMB_MASK;
    l[2] = (t1 >> 20 | t2 << 12) & LIMB_MASK;
    l[3] = (t2 >> 14 | t3 << 18) & LIMB_MASK;
    l[4] = t3 >> 8;
}

void poly1305_init(struct poly1305_ctx *ctx, const uint8_t key[POLY1305_KEY_SIZE])
{
    uint8_t r[16];

    /* Clamp r: clear the top four bits of bytes 3, 7, 11, 15 and the low two of 4, 8, 12. */
    memcpy(r, key, 16);
    r[3] &= 0x0f;
    r[7] &= 0x0f;
    r[11] &= 0x0f;
    r[15] &= 0x0f;
    r[4] &= 0xfc;
    r[8] &= 0xfc;
    r[12] &= 0xfc;
    to_limbs(ctx->r, r);
    ct_wipe(r, sizeof r);
    for (int i = 0; i < 4; i++)
        ctx->s[i] = load_le32(key + 16 + 4 * i);
    memset(ctx->h, 0, sizeof ctx->h);
    ctx->used = 0;
}

/* h = (h + m) * r mod p (partially reduced); hibit is 2^128 as seen from limb 4. */
static void poly1305_block(struct poly1305_ctx *ctx, const uint8_t m[16], uint32_t hibit)
{
    uint32_t *h = ctx->h, *r = ctx->r, mi[5];
    uint32_t s1 = r[1] * 5, s2 = r[2] * 5, s3 = r[3] * 5, s4 = r[4] * 5;
    uint64_t d0, d1, d2, d3, d4;

    to_limbs(mi, m);
    h[0] += mi[0];
    h[1] += mi[1];
    h[2] += mi[2];
    h[3] += mi[3];
    h[4] += mi[4] | hibit;

    d0 = (uint64_t)h[0] * r[0] + (uint64_t)h[1] * s4 + (uint64_t)h[2] * s3 +
         (uint64_t)h[3] * s2 + (uint64_t)h[4] * s1;
    d1 = (uint64_t)h[0] * r[1] + (uint64_t)h[1] * r[0] + (uint64_t)h[2] * s4 +
         (uint64_t)h[3] * s3 + (uint64_t)h[4] * s2;
    d2 = (uint64_t)h[0] * r[2] + (uint64_t)h[1] * r[1] + (uint64_t)h[2] * r[0] +
         (uint64_t)h[3] * s4 + (uint64_t)h[4] * s3;
    d3 = (uint64_t)h[0] * r[3] + (uint64_t)h[1] * r[2] + (uint64_t)h[2] * r[1] +
         (uint64_t)h[3] * r[0] + (uint64_t)h[4] * s4;
    d4 = (uint64_t)h[0] * r[4] + (uint64_t)h[1] * r[3] + (uint64_t)h[2] * r[2] +
         (uint64_t)h[3] * r[1] + (uint64_t)h[4] * r[0];

    d1 += d0 >> 26;
    d2 += d1 >> 26;
    d3 += d2 >> 26;
    d4 += d3 >> 26;
    h[1] = (uint32_t)d1 & LIMB_MASK;
    h[2] = (uint32_t)d2 & LIMB_MASK;
    h[3] = (uint32_t)d3 & LIMB_MASK;
    h[4] = (uint32_t)d4 & LIMB_MASK;
    d0 = ((uint32_t)d0 & LIMB_MASK) + (d4 >> 26) * 5; /* the carry out of 2^130 */
    h[0] = (uint32_t)d0 & LIMB_MASK;
    h[1] += (uint32_t)(d0 >> 26);
    ct_wipe(mi, sizeof mi);
}

void poly1305_update(struct poly1305_ctx *ctx, const void *data, size_t len)
{
    const uint8_t *p = data;

    if (len == 0)
        return;
    if (ctx->used) {
        size_t n = 16 - ctx->used;
        if (n > len)
            n = len;
        memcpy(ctx->buf + ctx->used, p, n);
        ctx->used += (unsigned)n;
        p += n;
        len -= n;
        if (ctx->used < 16)
            return;
        poly1305_block(ctx, ctx->buf, 1u << 24);
        ctx->used = 0;
    }
    for (; len >= 16; p += 16, len -= 16)
        poly1305_block(ctx, p, 1u << 24);
    if (len) {
        memcpy(ctx->buf, p, len);
        ctx->used = (unsigned)len;
    }
}

/* Carry every limb into the next once, 2^130 wrapping to 5. */
static void carry_pass(uint32_t h[5])
{
    uint32_t c;

    c = h[1] >> 26;
    h[1] &= LIMB_MASK;
    h[2] += c;
    c = h[2] >> 26;
    h[2] &= LIMB_MASK;
    h[3] += c;
    c = h[3] >> 26;
    h[3] &= LIMB_MASK;
    h[4] += c;
    c = h[4] >> 26;
    h[4] &= LIMB_MASK;
    h[0] += c * 5;
    c = h[0] >> 26;
    h[0] &= LIMB_MASK;
    h[1] += c;
}

void poly1305_final(struct poly1305_ctx *ctx, uint8_t tag[POLY1305_TAG_SIZE])
{
    uint32_t *h = ctx->h, g[5], c, mask, w[4];
    uint64_t f;

    if (ctx->used) {
        /* The last partial block: its 1 byte goes right after the data, no 2^128 bit. */
        memset(ctx->buf + ctx->used, 0, 16 - ctx->used);
        ctx->buf[ctx->used] = 1;
        poly1305_block(ctx, ctx->buf, 0);
    }

    /*
     * Two passes leave every limb below 2^26 (a second carry out of 2^130 can only
     * happen when the first pass left limb 1 at exactly 2^26, so limb 1 absorbs it).
     */
    carry_pass(h);
    carry_pass(h);

    /* g = h + 5 - 2^130; when it does not go negative, h >= p and the result is g. */
    g[0] = h[0] + 5;
    c = g[0] >> 26;
    g[0] &= LIMB_MASK;
    for (int i = 1; i < 4; i++) {
        g[i] = h[i] + c;
        c = g[i] >> 26;
        g[i] &= LIMB_MASK;
    }
    g[4] = h[4] + c - (1u << 26);
    mask = (g[4] >> 31) - 1; /* all ones when g >= 0 */
    for (int i = 0; i < 5; i++)
        h[i] = (h[i] & ~mask) | (g[i] & mask);

    /* h mod 2^128 as four little-endian words, plus s modulo 2^128. */
    w[0] = h[0] | h[1] << 26;
    w[1] = h[1] >> 6 | h[2] << 20;
    w[2] = h[2] >> 12 | h[3] << 14;
    w[3] = h[3] >> 18 | h[4] << 8;
    f = 0;
    for (int i = 0; i < 4; i++) {
        f += (uint64_t)w[i] + ctx->s[i];
        store_le32(tag + 4 * i, (uint32_t)f);
        f >>= 32;
    }
    ct_wipe(g, sizeof g);
    ct_wipe(w, sizeof w);
    ct_wipe(ctx, sizeof *ctx);
}

void poly1305(const uint8_t key[POLY1305_KEY_SIZE], const void *data, size_t len,
              uint8_t tag[POLY1305_TAG_SIZE])
{
    struct poly1305_ctx ctx;

    poly1305_init(&ctx, key);
    poly1305_update(&ctx, data, len);
    poly1305_final(&ctx, tag);
}
