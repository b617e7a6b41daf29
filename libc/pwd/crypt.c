/*
 * crypt.c - crypt() (<crypt.h>) over libcrypto's SHA-256-crypt
 * (lib/crypto/sha256crypt.c, compiled into libc by libc/libc.mk so that
 * every program can check a password without linking libcrypto).
 */
#include <crypt.h>
#include <errno.h>

#include <crypto/error.h>
#include <crypto/sha256crypt.h>

char *crypt(const char *key, const char *setting)
{
    static char out[SHA256CRYPT_OUT_MAX];

    if (sha256crypt(key, setting, out, sizeof out) != CRYPTO_OK) {
        errno = EINVAL;
        return NULL;
    }
    return out;
}
