/*
 * aes_ctr.h - CTR mode with a counter of chosen width; internal to libcrypto.
 * aes_ctr_xor() counts in all 16 bytes, GCM's GCTR in the last 4 (inc32).
 */
#ifndef CRYPTO_AES_CTR_H
#define CRYPTO_AES_CTR_H

#include <stddef.h>
#include <stdint.h>

#include "aes.h"

/*
 * As aes_ctr_xor(), but only the last width bytes of ctr (1 to 16) form the
 * big-endian counter, which wraps modulo 2^(8 * width); the bytes before it
 * stay fixed.
 */
void aes_ctr_xor_width(const struct aes_ctx *ctx, uint8_t ctr[AES_BLOCK_SIZE], size_t width,
                       const uint8_t *in, uint8_t *out, size_t len);

#endif
