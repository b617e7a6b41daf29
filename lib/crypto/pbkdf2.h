/*
 * pbkdf2.h - PBKDF2 (RFC 8018, section 5.2) with HMAC over any hash in hash.h.
 */
#ifndef CRYPTO_PBKDF2_H
#define CRYPTO_PBKDF2_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

/*
 * Derive out_len bytes from a password and salt with the given iteration count.
 * Returns CRYPTO_OK; CRYPTO_EINVAL when iterations is 0; CRYPTO_ERANGE when
 * out_len exceeds (2^32 - 1) * HashLen. out is untouched on error.
 */
int pbkdf2_hmac(const struct hash_alg *alg, const void *password, size_t password_len,
                const void *salt, size_t salt_len, uint32_t iterations, uint8_t *out,
                size_t out_len);

#endif
