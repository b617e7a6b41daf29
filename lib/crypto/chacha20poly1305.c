/*
 * chacha20poly1305.c - the ChaCha20-Poly1305 AEAD (RFC 8439 section 2.8).
 *
 * Block 0 of ChaCha20(key, nonce) supplies the one-time Poly1305 key (its first 32
 * bytes); blocks 1, 2, ... encrypt the message. The tag is Poly1305 over
 *     aad || pad16 || ciphertext || pad16 || le64(aadlen) || le64(len).
 * Decryption authenticates the ciphertext before decrypting any of it.
 */
#include <string.h>

#include "byteorder.h"
#include "chacha20.h"
#include "chacha20poly1305.h"
#include "ct.h"
#include "error.h"
#include "poly1305.h"

/* 2^32 - 1 blocks of 64 bytes after block 0, which keys Poly1305. */
#define CHACHA20POLY1305_MAX_LEN ((UINT64_C(1) << 38) - 64)

int chacha20poly1305_init(struct chacha20poly1305_ctx *ctx, const uint8_t *key, size_t keylen)
{
    if (keylen != CHACHA20POLY1305_KEY_SIZE)
        return CRYPTO_EINVAL;
    memcpy(ctx->key, key, CHACHA20POLY1305_KEY_SIZE);
    return CRYPTO_OK;
}

static int check_lengths(size_t noncelen, size_t len, size_t taglen)
{
    if (noncelen != CHACHA20POLY1305_NONCE_SIZE || taglen != CHACHA20POLY1305_TAG_SIZE)
        return CRYPTO_EINVAL;
#if SIZE_MAX > UINT32_MAX /* a 32-bit size_t cannot exceed the limit */
    if ((uint64_t)len > CHACHA20POLY1305_MAX_LEN)
        return CRYPTO_EINVAL;
#else
    (void)len;
#endif
    return CRYPTO_OK;
}

/*
 * Set up the cipher at block 0, take the Poly1305 key from it and leave the cipher
 * at block 1; then compute the tag over aad and the ciphertext ct.
 */
static void compute_tag(struct chacha20_ctx *cc, const uint8_t *nonce, const uint8_t *key,
                        const uint8_t *aad, size_t aadlen, const uint8_t *ct, size_t len,
                        uint8_t tag[16])
{
    static const uint8_t zeros[16];
    struct poly1305_ctx pc;
    uint8_t otk[CHACHA20_BLOCK_SIZE] = {0}, lens[16];

    chacha20_init(cc, key, nonce, 0);
    chacha20_xor(cc, otk, otk, sizeof otk); /* the whole block, so the stream is at block 1 */
    poly1305_init(&pc, otk);
    ct_wipe(otk, sizeof otk);

    poly1305_update(&pc, aad, aadlen);
    poly1305_update(&pc, zeros, (16 - aadlen % 16) % 16);
    poly1305_update(&pc, ct, len);
    poly1305_update(&pc, zeros, (16 - len % 16) % 16);
    store_le64(lens, (uint64_t)aadlen);
    store_le64(lens + 8, (uint64_t)len);
    poly1305_update(&pc, lens, sizeof lens);
    poly1305_final(&pc, tag);
}

int chacha20poly1305_encrypt(const struct chacha20poly1305_ctx *ctx, const uint8_t *nonce,
                             size_t noncelen, const uint8_t *aad, size_t aadlen,
                             const uint8_t *in, uint8_t *out, size_t len, uint8_t *tag,
                             size_t taglen)
{
    struct chacha20_ctx cc;
    int err = check_lengths(noncelen, len, taglen);

    if (err != CRYPTO_OK)
        return err;
    chacha20_init(&cc, ctx->key, nonce, 1);
    chacha20_xor(&cc, in, out, len);
    compute_tag(&cc, nonce, ctx->key, aad, aadlen, out, len, tag);
    chacha20_wipe(&cc);
    return CRYPTO_OK;
}

int chacha20poly1305_decrypt(const struct chacha20poly1305_ctx *ctx, const uint8_t *nonce,
                             size_t noncelen, const uint8_t *aad, size_t aadlen,
                             const uint8_t *in, uint8_t *out, size_t len, const uint8_t *tag,
                             size_t taglen)
{
    struct chacha20_ctx cc;
    uint8_t want[CHACHA20POLY1305_TAG_SIZE];
    int err = check_lengths(noncelen, len, taglen);

    if (err != CRYPTO_OK)
        return err;
    compute_tag(&cc, nonce, ctx->key, aad, aadlen, in, len, want);
    if (ct_memeq(want, tag, CHACHA20POLY1305_TAG_SIZE)) {
        chacha20_xor(&cc, in, out, len); /* compute_tag left the stream at block 1 */
    } else {
        err = CRYPTO_EVERIFY;
        if (len)
            ct_wipe(out, len);
    }
    chacha20_wipe(&cc);
    ct_wipe(want, sizeof want);
    return err;
}
