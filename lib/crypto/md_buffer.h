/*
 * md_buffer.h - the Merkle-Damgard streaming shared by SHA-1, SHA-256 and
 * SHA-512/384; internal to libcrypto.
 *
 * A hash supplies its block size, the size of the length field that ends its
 * padding (8 or 16 bytes) and its compression function; its context keeps the
 * chaining state, a one-block buffer, the number of bytes waiting in it and the
 * number of bytes hashed so far. md_update() feeds whole blocks straight from
 * the input and buffers the rest; md_final() appends 0x80, zeros and the
 * message length in bits as a big-endian number, and compresses what is left.
 */
#ifndef CRYPTO_MD_BUFFER_H
#define CRYPTO_MD_BUFFER_H

#include <stddef.h>
#include <stdint.h>

struct md_hash {
    size_t block_size;  /* bytes per block, at most 128 */
    size_t length_size; /* bytes of the big-endian bit count at the end: 8 or 16 */
    void (*compress)(void *state, const uint8_t *block);
};

/* Hash len bytes of data (NULL allowed when len is 0); adds len to *length. */
void md_update(const struct md_hash *md, void *state, uint8_t *block, size_t *used,
               uint64_t *length, const void *data, size_t len);

/* Pad after the used bytes in block, append the bit count of length bytes, compress. */
void md_final(const struct md_hash *md, void *state, uint8_t *block, size_t used,
              uint64_t length);

#endif
