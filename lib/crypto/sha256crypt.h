/*
 * sha256crypt.h - the "$5$" password hash ("Unix crypt using SHA-256 and
 * SHA-512", version 0.6), as stored in /etc/shadow.
 *
 * A setting is "$5$<salt>" or "$5$rounds=<N>$<salt>"; anything after a further
 * '$' (such as the hash part of a stored hash) is ignored, so a stored hash can
 * be passed as the setting. The result is "$5$[rounds=<N>$]<salt>$<43 chars>".
 */
#ifndef CRYPTO_SHA256CRYPT_H
#define CRYPTO_SHA256CRYPT_H

#include <stddef.h>

#define SHA256CRYPT_SALT_MAX 16           /* longer salts are truncated */
#define SHA256CRYPT_ROUNDS_DEFAULT 5000
#define SHA256CRYPT_ROUNDS_MIN 1000       /* rounds= below/above are clamped */
#define SHA256CRYPT_ROUNDS_MAX 999999999
#define SHA256CRYPT_KEY_MAX 1024          /* the key costs key_len^2 bytes of hashing */
/* Longest result including the NUL: "$5$rounds=999999999$" + 16 + "$" + 43 + NUL. */
#define SHA256CRYPT_OUT_MAX 81

/*
 * Hash the NUL-terminated key with the given setting into out (NUL-terminated).
 * rounds=N is clamped to SHA256CRYPT_ROUNDS_MIN..SHA256CRYPT_ROUNDS_MAX and shown
 * in the result only when the setting has it.
 * Returns CRYPTO_OK; CRYPTO_EINVAL when the setting is not "$5$...", "rounds=" is
 * not followed by decimal digits and '$', a salt character is a control
 * character, a space, ':' or not ASCII, or the key is longer than
 * SHA256CRYPT_KEY_MAX; CRYPTO_ERANGE when outlen is too small. On error out is
 * set to "" when outlen > 0.
 */
int sha256crypt(const char *key, const char *setting, char *out, size_t outlen);

/*
 * Check a key against a stored "$5$" hash; the final comparison takes the same
 * time wherever the strings differ. Returns CRYPTO_OK on a match, CRYPTO_EVERIFY
 * on a mismatch, CRYPTO_EINVAL when the stored hash is malformed.
 */
int sha256crypt_verify(const char *key, const char *hash);

#endif
