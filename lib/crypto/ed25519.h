/*
 * ed25519.h - Ed25519 signatures (RFC 8032).
 *
 * A private key is a 32-byte seed (RFC 8032's "private key"), public keys are
 * 32-byte point encodings and signatures are 64 bytes (R || S).
 */
#ifndef CRYPTO_ED25519_H
#define CRYPTO_ED25519_H

#include <stddef.h>
#include <stdint.h>

#define ED25519_SEED_SIZE 32
#define ED25519_PUBLIC_KEY_SIZE 32
#define ED25519_SIGNATURE_SIZE 64

/*
 * Returns 0 when sig is a valid signature of msg under pub, else a negative CRYPTO_E*:
 * CRYPTO_EINVAL when pub is not the canonical encoding of a curve point,
 * CRYPTO_EVERIFY for any signature that does not verify, including one whose S
 * is not below the group order L or whose R is not a canonical point encoding.
 * The check is the cofactorless equation [S]B = R + [k]A of RFC 8032 section
 * 5.1.7 (without the optional factor 8). Runs in variable time: all inputs are public.
 */
int ed25519_verify(const uint8_t sig[64], const uint8_t *msg, size_t len, const uint8_t pub[32]);

/* The public key of a 32-byte seed (RFC 8032 section 5.1.5). Constant time. */
void ed25519_public_key(uint8_t pub[ED25519_PUBLIC_KEY_SIZE],
                        const uint8_t seed[ED25519_SEED_SIZE]);

/*
 * Sign msg with the key pair of seed (RFC 8032 section 5.1.6). The public key is
 * recomputed from the seed rather than taken from the caller, so a mismatched
 * pair can never leak the secret scalar. Constant time in the seed.
 */
void ed25519_sign(uint8_t sig[ED25519_SIGNATURE_SIZE], const uint8_t *msg, size_t len,
                  const uint8_t seed[ED25519_SEED_SIZE]);

#endif
