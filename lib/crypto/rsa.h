/*
 * rsa.h - RSA signatures (RFC 8017): PKCS#1 v1.5 and PSS, sign and verify, for
 * moduli of 1024 to 4096 bits. Numbers cross this interface as big-endian byte
 * strings. Private-key operations use constant-time modular exponentiation.
 */
#ifndef CRYPTO_RSA_H
#define CRYPTO_RSA_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"

#define RSA_MAX_BYTES 512 /* 4096-bit modulus */

struct rsa_public_key {
    const uint8_t *n;
    size_t n_len;
    const uint8_t *e;
    size_t e_len;
};

/*
 * hash is the message digest already computed with alg. Returns 0 when valid;
 * CRYPTO_EINVAL for a signature of the wrong length or not below n, or a bad
 * key; CRYPTO_EVERIFY when the encoded message is not exactly the expected one;
 * CRYPTO_EUNSUPPORTED for another hash or a modulus outside 1024..4096 bits.
 */
int rsa_pkcs1_verify(const struct rsa_public_key *key, const struct hash_alg *alg,
                     const uint8_t *hash, size_t hash_len, const uint8_t *sig, size_t sig_len);

/* PSS with MGF1 over mgf_alg; salt_len is the expected salt length. Returns 0 when valid. */
int rsa_pss_verify(const struct rsa_public_key *key, const struct hash_alg *alg,
                   const struct hash_alg *mgf_alg, size_t salt_len, const uint8_t *hash,
                   size_t hash_len, const uint8_t *sig, size_t sig_len);

/*
 * A private key: the components of RFC 8017 section 3.2 as big-endian byte
 * strings (leading zero bytes allowed). n and e are always needed: every
 * signature is checked with them before it is released. Signing uses the CRT
 * form when p is set, and then q, dp, dq and qinv must be set too; with p NULL
 * it computes s = m^d mod n directly (about 3.5 times slower).
 */
struct rsa_private_key {
    const uint8_t *n;
    size_t n_len;
    const uint8_t *e;
    size_t e_len;
    const uint8_t *d;
    size_t d_len;
    const uint8_t *p;
    size_t p_len;
    const uint8_t *q;
    size_t q_len;
    const uint8_t *dp;   /* d mod (p - 1) */
    size_t dp_len;
    const uint8_t *dq;   /* d mod (q - 1) */
    size_t dq_len;
    const uint8_t *qinv; /* q^-1 mod p */
    size_t qinv_len;
};

/* Room for the CRT components rsa_private_key_complete() derives. */
struct rsa_crt_storage {
    uint8_t p[RSA_MAX_BYTES], q[RSA_MAX_BYTES];
    uint8_t dp[RSA_MAX_BYTES], dq[RSA_MAX_BYTES], qinv[RSA_MAX_BYTES];
};

/*
 * Derive what the CRT form is missing, into st, and point key at it: p and q
 * from n, e and d when p or q is NULL (NIST SP 800-56B rev. 2, appendix C.2),
 * then dp, dq and qinv when any of them is NULL. Meant for key import, not for
 * every signature; see docs/crypto for its timing behaviour. CRYPTO_EINVAL when
 * the components are inconsistent.
 */
int rsa_private_key_complete(struct rsa_private_key *key, struct rsa_crt_storage *st);

/* The signature length for modulus n: its byte length without leading zero bytes. */
size_t rsa_modulus_size(const uint8_t *n, size_t n_len);

/*
 * RSASSA-PKCS1-v1_5 signature of a digest computed with alg (SHA-1, SHA-256,
 * SHA-384 or SHA-512). sig_len must be rsa_modulus_size(n). Returns 0, or
 * CRYPTO_EUNSUPPORTED (hash, modulus size), CRYPTO_ERANGE (sig_len),
 * CRYPTO_EINVAL (bad input or a key whose signature does not verify; sig is
 * then zeroed).
 */
int rsa_pkcs1_sign(const struct rsa_private_key *key, const struct hash_alg *alg,
                   const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len);

/*
 * RSASSA-PSS signature with MGF1 over mgf_alg. The salt (salt_len random bytes
 * from the caller, usually alg->digest_size of them) is used as given. Results
 * as for rsa_pkcs1_sign().
 */
int rsa_pss_sign(const struct rsa_private_key *key, const struct hash_alg *alg,
                 const struct hash_alg *mgf_alg, const uint8_t *salt, size_t salt_len,
                 const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len);

#endif
