/*
 * aes.h - the AES block cipher (FIPS 197) with 128-, 192- and 256-bit keys, and
 * CTR mode (NIST SP 800-38A) with a 128-bit big-endian counter block.
 *
 * The implementation is bitsliced and uses no lookup tables, so its timing does
 * not depend on the key or the data (see aes.c).
 */
#ifndef CRYPTO_AES_H
#define CRYPTO_AES_H

#include <stddef.h>
#include <stdint.h>

#define AES_BLOCK_SIZE 16
#define AES_MAX_ROUNDS 14

/* Expanded key: each round key is kept in bitsliced form, ready to XOR into the state. */
struct aes_ctx {
    uint32_t rk[AES_MAX_ROUNDS + 1][8];
    unsigned rounds; /* 10, 12 or 14 */
};

/*
 * Expand a key of keylen bytes (16, 24 or 32). Returns CRYPTO_OK, or CRYPTO_EINVAL
 * for any other length. The context holds key material: ct_wipe it when done.
 */
int aes_init(struct aes_ctx *ctx, const uint8_t *key, size_t keylen);

/* Encrypt or decrypt one 16-byte block; in and out may be the same buffer. */
void aes_encrypt_block(const struct aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                       uint8_t out[AES_BLOCK_SIZE]);
void aes_decrypt_block(const struct aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                       uint8_t out[AES_BLOCK_SIZE]);

/*
 * Encrypt nblocks consecutive blocks independently (ECB). Faster per block than
 * aes_encrypt_block, because two blocks go through the cipher at once. in and out
 * may be the same buffer; partial overlap is not allowed.
 */
void aes_encrypt_blocks(const struct aes_ctx *ctx, const uint8_t *in, uint8_t *out,
                        size_t nblocks);

/*
 * CTR mode: XOR len bytes of in with the keystream AES(ctr), AES(ctr + 1), ...,
 * where ctr is a 128-bit big-endian counter that wraps modulo 2^128. On return
 * ctr holds the next unused counter block; the rest of a final partial keystream
 * block is discarded, so a message split across calls must be split at multiples
 * of 16 bytes. Encryption and decryption are the same operation. in and out may be
 * the same buffer.
 */
void aes_ctr_xor(const struct aes_ctx *ctx, uint8_t ctr[AES_BLOCK_SIZE], const uint8_t *in,
                 uint8_t *out, size_t len);

#endif
