/*
 * ed25519.h - Ed25519 signatures (RFC 8032).
 */
#ifndef CRYPTO_ED25519_H
#define CRYPTO_ED25519_H

#include <stddef.h>
#include <stdint.h>

/* Returns 0 when sig is a valid signature of msg under pub, else a negative CRYPTO_E*. */
int ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32]);

#endif
