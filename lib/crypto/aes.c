/*
 * aes.c - AES (FIPS 197), bitsliced, and CTR mode (SP 800-38A).
 *
 * The 16-byte state of two blocks is held as eight 32-bit words: word b holds bit
 * b of every state byte. Within a word, the low 16 bits belong to the first block
 * and the high 16 bits to the second; state byte (row r, column c) of a block sits
 * at bit 4r + c of its half. In that layout:
 *   - SubBytes is a boolean circuit applied to all 32 bytes at once: inversion in
 *     GF(2^8) as x^254 (four multiplications and seven squarings, each a fixed
 *     sequence of AND and XOR on the eight words) followed by the affine map;
 *   - ShiftRows rotates each 4-bit row group of every word;
 *   - MixColumns combines each word with copies of itself rotated by whole rows.
 * There are no lookup tables and no branches on data or key, so the running time
 * depends only on the key length and the amount of data.
 *
 * The key schedule follows FIPS 197 section 5.2 on bytes (SubWord uses the same
 * circuit) and stores every round key bitsliced and copied into both halves.
 * Decryption runs the inverse cipher of FIPS 197 section 5.3 with the same round
 * keys in reverse order.
 */
#include <string.h>

#include "aes.h"
#include "aes_ctr.h"
#include "ct.h"
#include "error.h"

/* Bit index, within a 16-bit half, of FIPS 197 state byte k (row k % 4, column k / 4). */
#define AES_POS(k) (4 * ((k) & 3) + ((k) >> 2))

/*
 * Transpose an 8x8 bit matrix held in a 64-bit word, byte j being row j and bit i
 * of it column i: afterwards byte i holds the old column i. Three rounds swap the
 * off-diagonal 1x1, 2x2 and 4x4 blocks in place.
 */
static uint64_t transpose8(uint64_t x)
{
    uint64_t t;

    t = (x ^ (x >> 7)) & UINT64_C(0x00aa00aa00aa00aa);
    x ^= t ^ (t << 7);
    t = (x ^ (x >> 14)) & UINT64_C(0x0000cccc0000cccc);
    x ^= t ^ (t << 14);
    t = (x ^ (x >> 28)) & UINT64_C(0x00000000f0f0f0f0);
    x ^= t ^ (t << 28);
    return x;
}

/* The 16 bytes of a block in bit-position order, as two 8x8 bit matrices. */
static void block_to_rows(const uint8_t *in, uint64_t m[2])
{
    uint8_t p[16];

    for (unsigned k = 0; k < 16; k++)
        p[AES_POS(k)] = in[k];
    m[0] = m[1] = 0;
    for (unsigned j = 0; j < 8; j++) {
        m[0] |= (uint64_t)p[j] << (8 * j);
        m[1] |= (uint64_t)p[8 + j] << (8 * j);
    }
    ct_wipe(p, sizeof p);
}

static void rows_to_block(const uint64_t m[2], uint8_t *out)
{
    for (unsigned k = 0; k < 16; k++) {
        unsigned pos = AES_POS(k);
        out[k] = (uint8_t)(m[pos >> 3] >> (8 * (pos & 7)));
    }
}

/* Load two 16-byte blocks into the bitsliced state (b may equal a). */
static void slice(uint32_t s[8], const uint8_t *a, const uint8_t *b)
{
    uint64_t ma[2], mb[2];

    block_to_rows(a, ma);
    block_to_rows(b, mb);
    ma[0] = transpose8(ma[0]);
    ma[1] = transpose8(ma[1]);
    mb[0] = transpose8(mb[0]);
    mb[1] = transpose8(mb[1]);
    /* Byte i of a transposed matrix is bit plane i of its eight bytes. */
    for (unsigned i = 0; i < 8; i++)
        s[i] = (uint32_t)(ma[0] >> (8 * i) & 0xff) | (uint32_t)(ma[1] >> (8 * i) & 0xff) << 8 |
               (uint32_t)(mb[0] >> (8 * i) & 0xff) << 16 |
               (uint32_t)(mb[1] >> (8 * i) & 0xff) << 24;
    ct_wipe(ma, sizeof ma);
    ct_wipe(mb, sizeof mb);
}

/* Store the bitsliced state as two 16-byte blocks (either pointer may be NULL). */
static void unslice(const uint32_t s[8], uint8_t *a, uint8_t *b)
{
    uint64_t ma[2] = {0, 0}, mb[2] = {0, 0};

    for (unsigned i = 0; i < 8; i++) {
        ma[0] |= (uint64_t)(s[i] & 0xff) << (8 * i);
        ma[1] |= (uint64_t)(s[i] >> 8 & 0xff) << (8 * i);
        mb[0] |= (uint64_t)(s[i] >> 16 & 0xff) << (8 * i);
        mb[1] |= (uint64_t)(s[i] >> 24) << (8 * i);
    }
    if (a) {
        ma[0] = transpose8(ma[0]);
        ma[1] = transpose8(ma[1]);
        rows_to_block(ma, a);
    }
    if (b) {
        mb[0] = transpose8(mb[0]);
        mb[1] = transpose8(mb[1]);
        rows_to_block(mb, b);
    }
    ct_wipe(ma, sizeof ma);
    ct_wipe(mb, sizeof mb);
}

/*
 * GF(2^8) arithmetic modulo x^8 + x^4 + x^3 + x + 1 on bitsliced operands: word i
 * is the coefficient of x^i for all 32 lanes. Written out in straight lines so
 * that the compiler keeps the words in registers.
 */

/* Product of two degree-3 polynomials: 16 ANDs. */
#define POLY4_MUL(d, a, b)                                                                    \
    do {                                                                                      \
        d##0 = a##0 & b##0;                                                                   \
        d##1 = (a##0 & b##1) ^ (a##1 & b##0);                                                 \
        d##2 = (a##0 & b##2) ^ (a##1 & b##1) ^ (a##2 & b##0);                                 \
        d##3 = (a##0 & b##3) ^ (a##1 & b##2) ^ (a##2 & b##1) ^ (a##3 & b##0);                 \
        d##4 = (a##1 & b##3) ^ (a##2 & b##2) ^ (a##3 & b##1);                                 \
        d##5 = (a##2 & b##3) ^ (a##3 & b##2);                                                 \
        d##6 = a##3 & b##3;                                                                   \
    } while (0)

/* r = a * b: one level of Karatsuba on the 4-bit halves, then reduction. */
static inline void gf_mul(uint32_t r[8], const uint32_t a[8], const uint32_t b[8])
{
    uint32_t l0 = a[0], l1 = a[1], l2 = a[2], l3 = a[3];
    uint32_t h0 = a[4], h1 = a[5], h2 = a[6], h3 = a[7];
    uint32_t m0 = b[0], m1 = b[1], m2 = b[2], m3 = b[3];
    uint32_t n0 = b[4], n1 = b[5], n2 = b[6], n3 = b[7];
    uint32_t s0 = l0 ^ h0, s1 = l1 ^ h1, s2 = l2 ^ h2, s3 = l3 ^ h3;
    uint32_t t0 = m0 ^ n0, t1 = m1 ^ n1, t2 = m2 ^ n2, t3 = m3 ^ n3;
    uint32_t lo0, lo1, lo2, lo3, lo4, lo5, lo6;
    uint32_t hi0, hi1, hi2, hi3, hi4, hi5, hi6;
    uint32_t md0, md1, md2, md3, md4, md5, md6;
    uint32_t c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13, c14;

    POLY4_MUL(lo, l, m);
    POLY4_MUL(hi, h, n);
    POLY4_MUL(md, s, t);
    /* c = lo + x^4 (md - lo - hi) + x^8 hi */
    c0 = lo0;
    c1 = lo1;
    c2 = lo2;
    c3 = lo3;
    c4 = lo4 ^ md0 ^ lo0 ^ hi0;
    c5 = lo5 ^ md1 ^ lo1 ^ hi1;
    c6 = lo6 ^ md2 ^ lo2 ^ hi2;
    c7 = md3 ^ lo3 ^ hi3;
    c8 = hi0 ^ md4 ^ lo4 ^ hi4;
    c9 = hi1 ^ md5 ^ lo5 ^ hi5;
    c10 = hi2 ^ md6 ^ lo6 ^ hi6;
    c11 = hi3;
    c12 = hi4;
    c13 = hi5;
    c14 = hi6;
    /* x^8 = x^4 + x^3 + x + 1: fold each high coefficient down, highest first. */
    c10 ^= c14, c9 ^= c14, c7 ^= c14, c6 ^= c14;
    c9 ^= c13, c8 ^= c13, c6 ^= c13, c5 ^= c13;
    c8 ^= c12, c7 ^= c12, c5 ^= c12, c4 ^= c12;
    c7 ^= c11, c6 ^= c11, c4 ^= c11, c3 ^= c11;
    c6 ^= c10, c5 ^= c10, c3 ^= c10, c2 ^= c10;
    c5 ^= c9, c4 ^= c9, c2 ^= c9, c1 ^= c9;
    c4 ^= c8, c3 ^= c8, c1 ^= c8, c0 ^= c8;
    r[0] = c0;
    r[1] = c1;
    r[2] = c2;
    r[3] = c3;
    r[4] = c4;
    r[5] = c5;
    r[6] = c6;
    r[7] = c7;
}

/*
 * Squaring is linear in characteristic 2: a^2 = sum a_i x^2i, and reducing
 * x^8, x^10, x^12, x^14 gives these sums.
 */
static inline void gf_sq(uint32_t r[8], const uint32_t a[8])
{
    uint32_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];
    uint32_t a4 = a[4], a5 = a[5], a6 = a[6], a7 = a[7];

    r[0] = a0 ^ a4 ^ a6;
    r[1] = a4 ^ a6 ^ a7;
    r[2] = a1 ^ a5;
    r[3] = a4 ^ a5 ^ a6 ^ a7;
    r[4] = a2 ^ a4 ^ a7;
    r[5] = a5 ^ a6;
    r[6] = a3 ^ a5;
    r[7] = a6 ^ a7;
}

/* x^254, which is x^-1 for x != 0 and 0 for x == 0, as AES requires. */
static void gf_inv(uint32_t x[8])
{
    uint32_t x2[8], x3[8], x12[8], x14[8], t[8];

    gf_sq(x2, x);
    gf_mul(x3, x2, x);
    gf_sq(t, x3);       /* x^6 */
    gf_sq(x12, t);      /* x^12 */
    gf_mul(x14, x12, x2);
    gf_mul(t, x12, x3); /* x^15 */
    gf_sq(t, t);        /* x^30 */
    gf_sq(t, t);        /* x^60 */
    gf_sq(t, t);        /* x^120 */
    gf_sq(t, t);        /* x^240 */
    gf_mul(x, t, x14);  /* x^254 */
}

/* SubBytes: inversion, then b_i ^ b_{i+4} ^ b_{i+5} ^ b_{i+6} ^ b_{i+7} ^ 0x63_i. */
static void sub_bytes(uint32_t s[8])
{
    uint32_t t[8];

    gf_inv(s);
    for (unsigned i = 0; i < 8; i++)
        t[i] = s[i] ^ s[(i + 4) & 7] ^ s[(i + 5) & 7] ^ s[(i + 6) & 7] ^ s[(i + 7) & 7];
    t[0] = ~t[0];
    t[1] = ~t[1];
    t[5] = ~t[5];
    t[6] = ~t[6];
    memcpy(s, t, sizeof t);
}

/* InvSubBytes: the inverse affine map b_{i+2} ^ b_{i+5} ^ b_{i+7} ^ 0x05_i, then inversion. */
static void inv_sub_bytes(uint32_t s[8])
{
    uint32_t t[8];

    for (unsigned i = 0; i < 8; i++)
        t[i] = s[(i + 2) & 7] ^ s[(i + 5) & 7] ^ s[(i + 7) & 7];
    t[0] = ~t[0];
    t[2] = ~t[2];
    gf_inv(t);
    memcpy(s, t, sizeof t);
}

/* ShiftRows: row r moves left by r columns, i.e. its 4-bit group rotates right by r. */
static void shift_rows(uint32_t s[8])
{
    for (unsigned i = 0; i < 8; i++) {
        uint32_t x = s[i];
        s[i] = (x & 0x000f000fu) |
               ((x >> 1) & 0x00700070u) | ((x << 3) & 0x00800080u) |
               ((x >> 2) & 0x03000300u) | ((x << 2) & 0x0c000c00u) |
               ((x >> 3) & 0x10001000u) | ((x << 1) & 0xe000e000u);
    }
}

static void inv_shift_rows(uint32_t s[8])
{
    for (unsigned i = 0; i < 8; i++) {
        uint32_t x = s[i];
        s[i] = (x & 0x000f000fu) |
               ((x << 1) & 0x00e000e0u) | ((x >> 3) & 0x00100010u) |
               ((x >> 2) & 0x03000300u) | ((x << 2) & 0x0c000c00u) |
               ((x << 3) & 0x80008000u) | ((x >> 1) & 0x70007000u);
    }
}

/* The value one row below (row r takes row r + 1 of the same column), and two rows below. */
static uint32_t rot_row1(uint32_t x)
{
    return ((x >> 4) & 0x0fff0fffu) | ((x << 12) & 0xf000f000u);
}

static uint32_t rot_row2(uint32_t x)
{
    return ((x >> 8) & 0x00ff00ffu) | ((x << 8) & 0xff00ff00u);
}

/* Multiply every byte by x ({02}). */
static void xtime(uint32_t r[8], const uint32_t a[8])
{
    uint32_t hi = a[7];

    r[7] = a[6];
    r[6] = a[5];
    r[5] = a[4];
    r[4] = a[3] ^ hi;
    r[3] = a[2] ^ hi;
    r[2] = a[1];
    r[1] = a[0] ^ hi;
    r[0] = hi;
}

/*
 * MixColumns: out_r = 2a_r ^ 3a_{r+1} ^ a_{r+2} ^ a_{r+3}
 *                   = 2t_r ^ a_{r+1} ^ t_{r+2}, with t_r = a_r ^ a_{r+1}.
 */
static void mix_columns(uint32_t s[8])
{
    uint32_t t[8], t2[8];

    for (unsigned i = 0; i < 8; i++)
        t[i] = s[i] ^ rot_row1(s[i]);
    xtime(t2, t);
    for (unsigned i = 0; i < 8; i++)
        s[i] = t2[i] ^ rot_row1(s[i]) ^ rot_row2(t[i]);
}

/*
 * InvMixColumns = MixColumns after the map a_r -> 5a_r ^ 4a_{r+2}, because
 * ({03}y^3 + y^2 + y + {02})({04}y^2 + {05}) = {0b}y^3 + {0d}y^2 + {09}y + {0e}
 * modulo y^4 + 1.
 */
static void inv_mix_columns(uint32_t s[8])
{
    uint32_t t[8], t4[8];

    for (unsigned i = 0; i < 8; i++)
        t[i] = s[i] ^ rot_row2(s[i]);
    xtime(t4, t);
    xtime(t, t4);
    for (unsigned i = 0; i < 8; i++)
        s[i] ^= t[i];
    mix_columns(s);
}

static void add_round_key(uint32_t s[8], const uint32_t rk[8])
{
    for (unsigned i = 0; i < 8; i++)
        s[i] ^= rk[i];
}

static void encrypt_state(const struct aes_ctx *ctx, uint32_t s[8])
{
    add_round_key(s, ctx->rk[0]);
    for (unsigned r = 1; r < ctx->rounds; r++) {
        sub_bytes(s);
        shift_rows(s);
        mix_columns(s);
        add_round_key(s, ctx->rk[r]);
    }
    sub_bytes(s);
    shift_rows(s);
    add_round_key(s, ctx->rk[ctx->rounds]);
}

static void decrypt_state(const struct aes_ctx *ctx, uint32_t s[8])
{
    add_round_key(s, ctx->rk[ctx->rounds]);
    for (unsigned r = ctx->rounds - 1; r > 0; r--) {
        inv_shift_rows(s);
        inv_sub_bytes(s);
        add_round_key(s, ctx->rk[r]);
        inv_mix_columns(s);
    }
    inv_shift_rows(s);
    inv_sub_bytes(s);
    add_round_key(s, ctx->rk[0]);
}

/* SubWord on four bytes, through the same circuit. */
static void sub_word(uint8_t w[4])
{
    uint8_t blk[16] = {0};
    uint32_t s[8];

    memcpy(blk, w, 4);
    slice(s, blk, blk);
    sub_bytes(s);
    unslice(s, blk, NULL);
    memcpy(w, blk, 4);
    ct_wipe(blk, sizeof blk);
    ct_wipe(s, sizeof s);
}

int aes_init(struct aes_ctx *ctx, const uint8_t *key, size_t keylen)
{
    uint8_t w[4 * 4 * (AES_MAX_ROUNDS + 1)]; /* the expanded key as bytes */
    uint8_t t[4], rcon = 0x01;
    unsigned nk, nwords;

    if (keylen != 16 && keylen != 24 && keylen != 32)
        return CRYPTO_EINVAL;
    nk = (unsigned)keylen / 4;
    ctx->rounds = nk + 6;
    nwords = 4 * (ctx->rounds + 1);

    memcpy(w, key, keylen);
    for (unsigned i = nk; i < nwords; i++) {
        memcpy(t, &w[4 * (i - 1)], 4);
        if (i % nk == 0) {
            uint8_t first = t[0]; /* RotWord */
            t[0] = t[1];
            t[1] = t[2];
            t[2] = t[3];
            t[3] = first;
            sub_word(t);
            t[0] ^= rcon;
            rcon = (uint8_t)((rcon << 1) ^ ((rcon >> 7) * 0x1b));
        } else if (nk > 6 && i % nk == 4) {
            sub_word(t);
        }
        for (unsigned j = 0; j < 4; j++)
            w[4 * i + j] = w[4 * (i - nk) + j] ^ t[j];
    }
    for (unsigned r = 0; r <= ctx->rounds; r++)
        slice(ctx->rk[r], &w[16 * r], &w[16 * r]);
    for (unsigned r = ctx->rounds + 1; r <= AES_MAX_ROUNDS; r++)
        memset(ctx->rk[r], 0, sizeof ctx->rk[r]);
    ct_wipe(w, sizeof w);
    ct_wipe(t, sizeof t);
    return CRYPTO_OK;
}

void aes_encrypt_block(const struct aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                       uint8_t out[AES_BLOCK_SIZE])
{
    uint32_t s[8];

    slice(s, in, in);
    encrypt_state(ctx, s);
    unslice(s, out, NULL);
    ct_wipe(s, sizeof s);
}

void aes_decrypt_block(const struct aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                       uint8_t out[AES_BLOCK_SIZE])
{
    uint32_t s[8];

    slice(s, in, in);
    decrypt_state(ctx, s);
    unslice(s, out, NULL);
    ct_wipe(s, sizeof s);
}

void aes_encrypt_blocks(const struct aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                        size_t nblocks)
{
    uint32_t s[8];

    for (; nblocks >= 2; nblocks -= 2, in += 32, out += 32) {
        slice(s, in, in + 16);
        encrypt_state(ctx, s);
        unslice(s, out, out + 16);
    }
    if (nblocks) {
        slice(s, in, in);
        encrypt_state(ctx, s);
        unslice(s, out, NULL);
    }
    ct_wipe(s, sizeof s);
}

/*
 * Add 1 to the big-endian counter in the last width bytes of ctr; the loop length
 * does not depend on the value.
 */
static void ctr_increment(uint8_t ctr[AES_BLOCK_SIZE], size_t width)
{
    unsigned carry = 1;

    for (int i = AES_BLOCK_SIZE - 1; i >= AES_BLOCK_SIZE - (int)width; i--) {
        carry += ctr[i];
        ctr[i] = (uint8_t)carry;
        carry >>= 8;
    }
}

void aes_ctr_xor_width(const struct aes_ctx *ctx, uint8_t ctr[AES_BLOCK_SIZE], size_t width,
                       const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t ks[2 * AES_BLOCK_SIZE];

    while (len > 0) {
        size_t n = len < sizeof ks ? len : sizeof ks;

        memcpy(ks, ctr, AES_BLOCK_SIZE);
        ctr_increment(ctr, width);
        if (n > AES_BLOCK_SIZE) {
            memcpy(ks + AES_BLOCK_SIZE, ctr, AES_BLOCK_SIZE);
            ctr_increment(ctr, width);
            aes_encrypt_blocks(ctx, ks, ks, 2);
        } else {
            aes_encrypt_block(ctx, ks, ks);
        }
        for (size_t i = 0; i < n; i++)
            out[i] = in[i] ^ ks[i];
        in += n;
        out += n;
        len -= n;
    }
    ct_wipe(ks, sizeof ks);
}

void aes_ctr_xor(const struct aes_ctx *ctx, uint8_t ctr[AES_BLOCK_SIZE], const uint8_t *in,
                 uint8_t *out, size_t len)
{
    aes_ctr_xor_width(ctx, ctr, AES_BLOCK_SIZE, in, out, len);
}
