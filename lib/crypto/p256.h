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

struct hash_alg;

/*
 * Verify an ECDSA signature (r || s, 64 bytes) over hash (any length: it is
 * truncated to 256 bits as FIPS 186-4 says). Returns 0 when valid,
 * CRYPTO_EINVAL for a bad point, CRYPTO_EVERIFY for a bad signature.
 */
int p256_ecdsa_verify(const uint8_t pub[P256_POINT_SIZE], const uint8_t *hash, size_t hash_len,
                      const uint8_t sig[64]);

/*
 * Public-key validation (SP 800-56A 5.6.2.3.3; the cofactor is 1): 0 when pub
 * is 0x04 || X || Y with X, Y < p and (X, Y) on the curve, else CRYPTO_EINVAL.
 * The point at infinity has no 65-byte encoding and is always refused.
 */
int p256_point_check(const uint8_t pub[P256_POINT_SIZE]);

/*
 * pub = priv * G. Returns 0, or CRYPTO_EINVAL (pub zeroed) when priv is not in
 * [1, n-1]. Constant time in priv.
 */
int p256_public_key(uint8_t pub[P256_POINT_SIZE], const uint8_t priv[P256_SCALAR_SIZE]);

/*
 * ECDH (SEC 1 3.3.1): shared = x-coordinate of priv * peer_pub. Returns 0, or
 * CRYPTO_EINVAL (shared zeroed) when peer_pub fails p256_point_check or priv is
 * not in [1, n-1]. Constant time in priv.
 */
int p256_ecdh(uint8_t shared[32], const uint8_t priv[P256_SCALAR_SIZE],
              const uint8_t peer_pub[P256_POINT_SIZE]);

/*
 * ECDSA signature (r || s) of hash, a digest computed with alg, with the nonce
 * derived deterministically from priv and hash as RFC 6979 section 3.2
 * describes (HMAC-DRBG over alg). s is not normalized to the lower half.
 * Returns 0, or CRYPTO_EINVAL (sig zeroed) when priv is not in [1, n-1] or alg
 * is NULL. Constant time in priv and in the nonce.
 */
int p256_ecdsa_sign(uint8_t sig[64], const uint8_t priv[P256_SCALAR_SIZE], const uint8_t *hash,
                    size_t hash_len, const struct hash_alg *alg);

#endif
