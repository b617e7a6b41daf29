/*
 * hkdf.c - HKDF (RFC 5869) over any hash_alg.
 *
 * Extract is a single HMAC keyed with the salt. Expand chains HMAC blocks keyed
 * with the PRK: the keyed HMAC state is computed once and copied for each block,
 * so the PRK is absorbed only once. Every intermediate block is wiped.
 */
#include <string.h>

#include "ct.h"
#include "error.h"
#include "hkdf.h"
#include "hmac.h"

void hkdf_extract(const struct hash_alg *alg, const void *salt, size_t salt_len,
                  const void *ikm, size_t ikm_len, uint8_t *prk)
{
    /*
     * An absent salt is HashLen zero bytes; HMAC pads a short key with zeros to a
     * full block, so the empty key gives the same result.
     */
    static const uint8_t no_salt[1];

    hmac(alg, salt_len ? salt : no_salt, salt_len, ikm, ikm_len, prk);
}

int hkdf_expand(const struct hash_alg *alg, const uint8_t *prk, size_t prk_len,
                const void *info, size_t info_len, uint8_t *okm, size_t okm_len)
{
    struct hmac_ctx keyed, ctx;
    uint8_t t[HASH_MAX_DIGEST];
    size_t hlen = alg->digest_size, done = 0;

    if (okm_len > 255 * hlen)
        return CRYPTO_ERANGE;
    hmac_init(&keyed, alg, prk, prk_len);
    for (unsigned i = 1; done < okm_len; i++) {
        uint8_t counter = (uint8_t)i; /* i <= 255 by the check above */
        size_t take = okm_len - done < hlen ? okm_len - done : hlen;

        ctx = keyed;
        if (i > 1)
            hmac_update(&ctx, t, hlen);
        hmac_update(&ctx, info, info_len);
        hmac_update(&ctx, &counter, 1);
        hmac_final(&ctx, t);
        memcpy(okm + done, t, take);
        done += take;
    }
    ct_wipe(t, sizeof t);
    ct_wipe(&keyed, sizeof keyed);
    return CRYPTO_OK;
}

int hkdf(const struct hash_alg *alg, const void *salt, size_t salt_len, const void *ikm,
         size_t ikm_len, const void *info, size_t info_len, uint8_t *okm, size_t okm_len)
{
    uint8_t prk[HASH_MAX_DIGEST];
    int rc;

    if (okm_len > 255 * alg->digest_size)
        return CRYPTO_ERANGE;
    hkdf_extract(alg, salt, salt_len, ikm, ikm_len, prk);
    rc = hkdf_expand(alg, prk, alg->digest_size, info, info_len, okm, okm_len);
    ct_wipe(prk, sizeof prk);
    return rc;
}
