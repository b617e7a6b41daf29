/*
 * poly1305.h - the Poly1305 one-time authenticator (RFC 8439 section 2.5).
 *
 * A key must authenticate one message only: the AEAD in chacha20poly1305.h
 * derives a fresh one per nonce.
 */
#ifndef CRYPTO_POLY1305_H
#define CRYPTO_POLY1305_H

#include <stddef.h>
#include <stdint.h>

#define POLY1305_KEY_SIZE 32
#define POLY1305_TAG_SIZE 16

struct poly1305_ctx {
    uint32_t r[5];   /* clamped r, 26-bit limbs */
    uint32_t h[5];   /* accumulator, 26-bit limbs */
    uint32_t s[4];   /* the second key half, little-endian words */
    uint8_t buf[16]; /* a partial block waiting for more input */
    unsigned used;   /* bytes in buf */
};

void poly1305_init(struct poly1305_ctx *ctx, const uint8_t key[POLY1305_KEY_SIZE]);
void poly1305_update(struct poly1305_ctx *ctx, const void *data, size_t len);
/* Write the tag and wipe the context. */
void poly1305_final(struct poly1305_ctx *ctx, uint8_t tag[POLY1305_TAG_SIZE]);
void poly1305(const uint8_t key[POLY1305_KEY_SIZE], const void *data, size_t len,
              uint8_t tag[POLY1305_TAG_SIZE]);

#endif
