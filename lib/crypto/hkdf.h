/*
 * hkdf.h - HKDF (RFC 5869), the HMAC-based extract-and-expand key derivation
 * function, over any hash in hash.h.
 */
#ifndef CRYPTO_HKDF_H
#define CRYPTO_HKDF_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

/*
 * PRK = HMAC-Hash(salt, IKM); writes alg->digest_size bytes to prk. A missing salt
 * (salt_len 0, salt may be NULL) means HashLen zero bytes, as the RFC specifies.
 */
void hkdf_extract(const struct hash_alg *alg, const void *salt, size_t salt_len,
                  const void *ikm, size_t ikm_len, uint8_t *prk);

/*
 * OKM = the first okm_len bytes of T(1) || T(2) || ..., where
 * T(i) = HMAC-Hash(PRK, T(i-1) || info || i). prk should be at least HashLen bytes
 * (normally the output of hkdf_extract). okm must not overlap prk or info.
 * Returns CRYPTO_OK, or CRYPTO_ERANGE (okm untouched) when okm_len > 255 * HashLen.
 */
int hkdf_expand(const struct hash_alg *alg, const uint8_t *prk, size_t prk_len,
                const void *info, size_t info_len, uint8_t *okm, size_t okm_len);

/* Extract then expand; the intermediate PRK is wiped. Same errors as hkdf_expand. */
int hkdf(const struct hash_alg *alg, const void *salt, size_t salt_len, const void *ikm,
         size_t ikm_len, const void *info, size_t info_len, uint8_t *okm, size_t okm_len);

#endif
