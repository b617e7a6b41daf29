/*
 * error.h - result codes shared by every libcrypto function that can fail.
 *
 * Functions return 0 on success and one of these negative values otherwise.
 */
#ifndef CRYPTO_ERROR_H
#define CRYPTO_ERROR_H

#define CRYPTO_OK 0
#define CRYPTO_EINVAL (-1)    /* malformed input: bad length, bad encoding, point not on curve */
#define CRYPTO_EVERIFY (-2)   /* well-formed input that does not verify: tag or signature */
#define CRYPTO_ERANGE (-3)    /* output buffer too small or value out of range */
#define CRYPTO_EUNSUPPORTED (-4) /* a valid but unsupported algorithm or parameter */

#endif
