/*
 * gcm.c - AES-GCM (NIST SP 800-38D).
 *
 * GHASH multiplies in GF(2^128) without tables and without branches: the 128-bit
 * carry-less product is built by Karatsuba from nine 32x32-bit carry-less
 * products, and each of those from sixteen ordinary integer multiplications of
 * operands whose set bits are at least four positions apart, so that no carry of
 * the integer product can reach a bit that is kept (see clmul32). The running time
 * therefore depends only on the lengths, on a CPU whose integer multiply takes a
 * fixed time (every x86 since the Pentium Pro; see docs/crypto/symmetric.md).
 *
 * Bit order: GCM numbers the bits of a block from the most significant bit of byte
 * 0, and bit i is the coefficient of x^i. Read as a big-endian 128-bit integer,
 * the block holds coefficient i at integer bit 127 - i ("reflected"). The integer
 * carry-less product of two reflected operands holds coefficient k of the product
 * at bit 254 - k; shifted left by one it is the reflected 256-bit product, whose
 * low half (degrees 128..255) is then folded with x^128 = x^7 + x^2 + x + 1.
 */
#include <string.h>

#include "aes_ctr.h"
#include "byteorder.h"
#include "ct.h"
#include "error.h"
#include "gcm.h"

#define GCM_MAX_LEN ((UINT64_C(1) << 36) - 32) /* 2^39 - 256 bits */

/*
 * Carry-less product of two 32-bit values. Each operand is split into four parts
 * holding the bits at positions = 0, 1, 2, 3 (mod 4). A product of two parts has
 * bits only at positions = i + j (mod 4), and any one such position collects at
 * most 8 partial products, so the integer carries out of it (at most the value 8)
 * land on the three positions above, which belong to other residues and are
 * masked off. XOR of the products with the same residue then gives the carry-less
 * product on that residue.
 */
static uint64_t clmul32(uint32_t a, uint32_t b)
{
    uint64_t a0 = a & 0x11111111u, a1 = a & 0x22222222u;
    uint64_t a2 = a & 0x44444444u, a3 = a & 0x88888888u;
    uint64_t b0 = b & 0x11111111u, b1 = b & 0x22222222u;
    uint64_t b2 = b & 0x44444444u, b3 = b & 0x88888888u;
    uint64_t z0 = (a0 * b0) ^ (a1 * b3) ^ (a2 * b2) ^ (a3 * b1);
    uint64_t z1 = (a0 * b1) ^ (a1 * b0) ^ (a2 * b3) ^ (a3 * b2);
    uint64_t z2 = (a0 * b2) ^ (a1 * b1) ^ (a2 * b0) ^ (a3 * b3);
    uint64_t z3 = (a0 * b3) ^ (a1 * b2) ^ (a2 * b1) ^ (a3 * b0);

    return (z0 & UINT64_C(0x1111111111111111)) | (z1 & UINT64_C(0x2222222222222222)) |
           (z2 & UINT64_C(0x4444444444444444)) | (z3 & UINT64_C(0x8888888888888888));
}

/* 64x64 -> 128-bit carry-less product (Karatsuba): r[0] high half, r[1] low half. */
static void clmul64(uint64_t r[2], uint64_t a, uint64_t b)
{
    uint32_t a0 = (uint32_t)a, a1 = (uint32_t)(a >> 32);
    uint32_t b0 = (uint32_t)b, b1 = (uint32_t)(b >> 32);
    uint64_t lo = clmul32(a0, b0), hi = clmul32(a1, b1);
    uint64_t mid = clmul32(a0 ^ a1, b0 ^ b1) ^ lo ^ hi;

    r[1] = lo ^ (mid << 32);
    r[0] = hi ^ (mid >> 32);
}

/* x = x * h in GF(2^128); both are reflected big-endian halves (x[0] = bytes 0..7). */
static void gf128_mul(uint64_t x[2], const uint64_t h[2])
{
    uint64_t lo[2], hi[2], mid[2];
    uint64_t z0, z1, z2, z3, t0, t1;

    /* 256-bit carry-less product z0:z1:z2:z3, z0 most significant. */
    clmul64(hi, x[0], h[0]);
    clmul64(lo, x[1], h[1]);
    clmul64(mid, x[0] ^ x[1], h[0] ^ h[1]);
    mid[0] ^= lo[0] ^ hi[0];
    mid[1] ^= lo[1] ^ hi[1];
    z0 = hi[0];
    z1 = hi[1] ^ mid[0];
    z2 = lo[0] ^ mid[1];
    z3 = lo[1];

    /* Shift left by one: now z0:z1 hold degrees 0..127 and z2:z3 degrees 128..255. */
    z0 = z0 << 1 | z1 >> 63;
    z1 = z1 << 1 | z2 >> 63;
    z2 = z2 << 1 | z3 >> 63;
    z3 <<= 1;

    /*
     * Fold L = z2:z3 (L(x) = degrees 128..255 lowered by 128) as L(x) * (1 + x + x^2
     * + x^7); multiplying by x^s is a right shift by s. The bits that the shifts
     * push below bit 0 (degrees 128..134) are first folded back into the top byte:
     * they are (L << 127) ^ (L << 126) ^ (L << 121) modulo 2^128, which only the
     * low seven bits of z3 reach.
     */
    t0 = z2 ^ (z3 << 63) ^ (z3 << 62) ^ (z3 << 57);
    t1 = z3;
    x[0] = z0 ^ t0 ^ (t0 >> 1) ^ (t0 >> 2) ^ (t0 >> 7);
    x[1] = z1 ^ t1 ^ (t1 >> 1 | t0 << 63) ^ (t1 >> 2 | t0 << 62) ^ (t1 >> 7 | t0 << 57);
}

/* y = (y ^ block) * h for each 16-byte block of data, the last one padded with zeros. */
static void ghash_update(uint64_t y[2], const uint64_t h[2], const uint8_t *data, size_t len)
{
    while (len > 0) {
        uint8_t blk[16] = {0};
        size_t n = len < 16 ? len : 16;

        memcpy(blk, data, n);
        y[0] ^= load_be64(blk);
        y[1] ^= load_be64(blk + 8);
        gf128_mul(y, h);
        data += n;
        len -= n;
    }
}

int gcm_init(struct gcm_ctx *ctx, const uint8_t *key, size_t keylen)
{
    uint8_t h[16] = {0};
    int err = aes_init(&ctx->aes, key, keylen);

    if (err != CRYPTO_OK)
        return err;
    aes_encrypt_block(&ctx->aes, h, h);
    ctx->h[0] = load_be64(h);
    ctx->h[1] = load_be64(h + 8);
    ct_wipe(h, sizeof h);
    return CRYPTO_OK;
}

static int check_lengths(size_t ivlen, size_t aadlen, size_t len, size_t taglen)
{
    if (ivlen == 0 || taglen < GCM_MIN_TAG_SIZE || taglen > GCM_TAG_SIZE)
        return CRYPTO_EINVAL;
#if SIZE_MAX > UINT32_MAX /* a 32-bit size_t cannot exceed these limits */
    if ((uint64_t)len > GCM_MAX_LEN || (uint64_t)aadlen >> 61 != 0 ||
        (uint64_t)ivlen >> 61 != 0)
        return CRYPTO_EINVAL;
#else
    (void)aadlen;
    (void)len;
#endif
    return CRYPTO_OK;
}

/* The pre-counter block J0 (SP 800-38D section 7.1, step 2). */
static void gcm_j0(const struct gcm_ctx *ctx, const uint8_t *iv, size_t ivlen, uint8_t j0[16])
{
    if (ivlen == GCM_IV_SIZE) {
        memcpy(j0, iv, GCM_IV_SIZE);
        j0[12] = j0[13] = j0[14] = 0;
        j0[15] = 1;
    } else {
        uint64_t y[2] = {0, 0};
        uint8_t lenblk[16] = {0};

        ghash_update(y, ctx->h, iv, ivlen);
        store_be64(lenblk + 8, (uint64_t)ivlen * 8);
        ghash_update(y, ctx->h, lenblk, 16);
        store_be64(j0, y[0]);
        store_be64(j0 + 8, y[1]);
    }
}

/*
 * GCTR starting at inc32(J0): CTR mode whose counter is the last 32 bits of the
 * block, modulo 2^32. cb holds J0 on entry.
 */
static void gctr(const struct aes_ctx *aes, uint8_t cb[16], const uint8_t *in, uint8_t *out,
                 size_t len)
{
    store_be32(cb + 12, load_be32(cb + 12) + 1);
    aes_ctr_xor_width(aes, cb, 4, in, out, len);
}

/* The full 16-byte tag E(K, J0) ^ GHASH(A, C). */
static void gcm_tag(const struct gcm_ctx *ctx, const uint8_t j0[16], const uint8_t *aad,
                    size_t aadlen, const uint8_t *ct, size_t len, uint8_t tag[16])
{
    uint64_t y[2] = {0, 0};
    uint8_t blk[16];

    ghash_update(y, ctx->h, aad, aadlen);
    ghash_update(y, ctx->h, ct, len);
    store_be64(blk, (uint64_t)aadlen * 8);
    store_be64(blk + 8, (uint64_t)len * 8);
    ghash_update(y, ctx->h, blk, 16);
    aes_encrypt_block(&ctx->aes, j0, blk);
    store_be64(tag, y[0] ^ load_be64(blk));
    store_be64(tag + 8, y[1] ^ load_be64(blk + 8));
    ct_wipe(blk, sizeof blk);
    ct_wipe(y, sizeof y);
}

int gcm_encrypt(const struct gcm_ctx *ctx, const uint8_t *iv, size_t ivlen, const uint8_t *aad,
                size_t aadlen, const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
                size_t taglen)
{
    uint8_t j0[16], cb[16], full[16];
    int err = check_lengths(ivlen, aadlen, len, taglen);

    if (err != CRYPTO_OK)
        return err;
    gcm_j0(ctx, iv, ivlen, j0);
    memcpy(cb, j0, 16);
    gctr(&ctx->aes, cb, in, out, len);
    gcm_tag(ctx, j0, aad, aadlen, out, len, full);
    memcpy(tag, full, taglen);
    ct_wipe(full, sizeof full);
    ct_wipe(j0, sizeof j0);
    ct_wipe(cb, sizeof cb);
    return CRYPTO_OK;
}

int gcm_decrypt(const struct gcm_ctx *ctx, const uint8_t *iv, size_t ivlen, const uint8_t *aad,
                size_t aadlen, const uint8_t *in, uint8_t *out, size_t len, const uint8_t *tag,
                size_t taglen)
{
    uint8_t j0[16], cb[16], full[16];
    int err = check_lengths(ivlen, aadlen, len, taglen);

    if (err != CRYPTO_OK)
        return err;
    gcm_j0(ctx, iv, ivlen, j0);
    gcm_tag(ctx, j0, aad, aadlen, in, len, full);
    if (!ct_memeq(full, tag, taglen)) {
        err = CRYPTO_EVERIFY;
        if (len)
            ct_wipe(out, len);
    } else {
        memcpy(cb, j0, 16);
        gctr(&ctx->aes, cb, in, out, len);
        ct_wipe(cb, sizeof cb);
    }
    ct_wipe(full, sizeof full);
    ct_wipe(j0, sizeof j0);
    return err;
}
