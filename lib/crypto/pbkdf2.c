/*
 * pbkdf2.c - PBKDF2-HMAC (RFC 8018, section 5.2).
 *
 * DK = T_1 || T_2 || ..., T_i = U_1 ^ U_2 ^ ... ^ U_c, U_1 = PRF(P, S || INT(i)),
 * U_j = PRF(P, U_{j-1}). The password is absorbed into an HMAC state once; each
 * U_j then costs two hash-block compressions on copies of the keyed inner and
 * outer states, which is what makes large iteration counts affordable. Every
 * buffer holding password-derived data is wiped before returning.
 */
#include <string.h>

#include "ct.h"
#include "error.h"
#include "hmac.h"
#include "pbkdf2.h"

int pbkdf2_hmac(const struct hash_alg *alg, const void *password, size_t password_len,
                const void *salt, size_t salt_len, uint32_t iterations, uint8_t *out,
                size_t out_len)
{
    struct hmac_ctx keyed;
    union hash_ctx h;
    uint8_t u[HASH_MAX_DIGEST], t[HASH_MAX_DIGEST];
    size_t hlen = alg->digest_size, done = 0;

    if (iterations == 0)
        return CRYPTO_EINVAL;
    if ((uint64_t)out_len > (uint64_t)0xffffffffu * hlen)
        return CRYPTO_ERANGE;

    hmac_init(&keyed, alg, password, password_len);
    for (uint32_t block = 1; done < out_len; block++) {
        uint8_t be[4] = {(uint8_t)(block >> 24), (uint8_t)(block >> 16), (uint8_t)(block >> 8),
                         (uint8_t)block};
        size_t take = out_len - done < hlen ? out_len - done : hlen;

        /* U_1 = HMAC(P, S || INT(block)) */
        h = keyed.inner;
        alg->update(&h, salt, salt_len);
        alg->update(&h, be, 4);
        alg->final(&h, u);
        h = keyed.outer;
        alg->update(&h, u, hlen);
        alg->final(&h, u);
        memcpy(t, u, hlen);

        for (uint32_t j = 1; j < iterations; j++) {
            h = keyed.inner;
            alg->update(&h, u, hlen);
            alg->final(&h, u);
            h = keyed.outer;
            alg->update(&h, u, hlen);
            alg->final(&h, u);
            for (size_t k = 0; k < hlen; k++)
                t[k] ^= u[k];
        }
        memcpy(out + done, t, take);
        done += take;
    }
    ct_wipe(u, sizeof u);
    ct_wipe(t, sizeof t);
    ct_wipe(&h, sizeof h);
    ct_wipe(&keyed, sizeof keyed);
    return CRYPTO_OK;
}
