/*
 * p256.h - the NIST P-256 curve (FIPS 186-4, SEC 1): ECDH and ECDSA.
 * Points cross this interface uncompressed (0x04 || X || Y, 65 bytes);
 * scalars and signature halves as 32-byte big-endian strings.
 */
#ifndef CRYPTO_P256_H
#define CRYPTO_P256_H

#include <stddef.h>
#include <stdint.h>

#define P256_POINT_SIZE 65
#define P256_SCALAR_SIZE 32

/*
 * Verify an ECDSA signature (r || s, 64 bytes) over hash (any length: it is
 * truncated to 256 bits as FIPS 186-4 says). Returns 0 when valid,
 * CRYPTO_EINVAL for a bad point, CRYPTO_EVERIFY for a bad signature.
 */
int p256_ecdsa_verify(const uint8_t pub[P256_POINT_SIZE], const uint8_t *hash, size_t hash_len,
                      const uint8_t sig[64]);

#endif
