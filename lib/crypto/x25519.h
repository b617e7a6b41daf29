/*
 * x25519.h - X25519 Diffie-Hellman on Curve25519 (RFC 7748).
 *
 * Scalars, u-coordinates and shared secrets are 32-byte little-endian strings.
 * Any 32 bytes are a valid scalar (it is clamped) and a valid u-coordinate (bit
 * 255 is ignored, values >= p are reduced), as RFC 7748 section 5 requires.
 */
#ifndef CRYPTO_X25519_H
#define CRYPTO_X25519_H

#include <stdint.h>

#define X25519_SIZE 32

/*
 * out = X25519(scalar, point). Returns CRYPTO_OK, or CRYPTO_EINVAL when the
 * result is all zeros: the peer sent a point of small order, and RFC 7748
 * section 6.1 says a shared secret must then be refused. out is written in both
 * cases. Runs in time independent of scalar and point.
 */
int x25519(uint8_t out[X25519_SIZE], const uint8_t scalar[X25519_SIZE],
           const uint8_t point[X25519_SIZE]);

/* The public key for a private scalar: X25519(scalar, 9). Never all zeros. */
void x25519_base(uint8_t out[X25519_SIZE], const uint8_t scalar[X25519_SIZE]);

/* 1 when the 32 bytes are all zero, else 0, in constant time. */
int x25519_is_zero(const uint8_t value[X25519_SIZE]);

#endif
