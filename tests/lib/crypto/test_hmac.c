/*
 * test_hmac.c - HMAC over SHA-1, SHA-256, SHA-384 and SHA-512 against the test
 * cases of RFC 2202 and RFC 4231, one-shot and streamed, and checks that a
 * changed key or message gives a different tag.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/hmac.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

/*
 * Every record of an RFC HMAC file: HMAC(Key, Msg) starts with MD. A file may
 * give a truncated MD, so only its length is compared. Returns the count.
 */
static int check_hmac_file(const char *path, const struct hash_alg *alg)
{
    struct vec_file *f = host_vec_open(path);
    int count = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        size_t keylen, msglen, mdlen;
        uint8_t *key = vec_get_hex(f, "Key", &keylen);
        uint8_t *msg = vec_get_hex(f, "Msg", &msglen);
        uint8_t *md = vec_get_hex(f, "MD", &mdlen);
        uint8_t got[HASH_MAX_DIGEST];

        if (key && msg && md && mdlen > 0 && mdlen <= alg->digest_size) {
            struct hmac_ctx ctx;

            hmac(alg, key, keylen, msg, msglen, got);
            CHECK_MSG(memcmp(got, md, mdlen) == 0, "%s:%d: HMAC mismatch", path, vec_line(f));

            /* The same through the streaming interface, one byte at a time. */
            hmac_init(&ctx, alg, key, keylen);
            for (size_t i = 0; i < msglen; i++)
                hmac_update(&ctx, msg + i, 1);
            hmac_final(&ctx, got);
            CHECK_MSG(memcmp(got, md, mdlen) == 0, "%s:%d: streamed HMAC mismatch", path,
                      vec_line(f));

            /* A flipped key bit or message bit must change the tag. */
            key[keylen - 1] ^= 1;
            hmac(alg, key, keylen, msg, msglen, got);
            CHECK_MSG(memcmp(got, md, mdlen) != 0, "%s:%d: tag ignores the key", path,
                      vec_line(f));
            key[keylen - 1] ^= 1;
            msg[0] ^= 0x80;
            hmac(alg, key, keylen, msg, msglen, got);
            CHECK_MSG(memcmp(got, md, mdlen) != 0, "%s:%d: tag ignores the message", path,
                      vec_line(f));
            count++;
        } else {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
        }
        free(key);
        free(msg);
        free(md);
    }
    vec_close(f);
    return count;
}

TEST(hmac_sha1_rfc2202)
{
    CHECK_EQ(check_hmac_file("HMAC/rfc-2202-sha1.txt", &hash_sha1), 7);
}

TEST(hmac_sha256_rfc4231)
{
    CHECK_EQ(check_hmac_file("HMAC/rfc-4231-sha256.txt", &hash_sha256), 6);
}

TEST(hmac_sha384_rfc4231)
{
    CHECK_EQ(check_hmac_file("HMAC/rfc-4231-sha384.txt", &hash_sha384), 6);
}

TEST(hmac_sha512_rfc4231)
{
    CHECK_EQ(check_hmac_file("HMAC/rfc-4231-sha512.txt", &hash_sha512), 6);
}

/* hmac_final() wipes the whole context, including both hash states. */
TEST(final_wipes_context)
{
    struct hmac_ctx ctx, zero;
    uint8_t mac[HASH_MAX_DIGEST];

    memset(&zero, 0, sizeof zero);
    hmac_init(&ctx, &hash_sha256, "key", 3);
    hmac_update(&ctx, "data", 4);
    hmac_final(&ctx, mac);
    CHECK(memcmp(&ctx, &zero, sizeof ctx) == 0);
}
