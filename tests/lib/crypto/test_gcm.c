/*
 * test_gcm.c - AES-GCM against the NIST CAVP files in ciphers/AES/GCM:
 * gcmEncryptExtIV{128,192,256}.rsp (encrypt, then decrypt back, and a corrupted
 * tag must be refused) and gcmDecrypt{128,192,256}.rsp (records marked FAIL must
 * be refused with the output zeroed; the others must decrypt to PT). The files
 * cover IVs of 8, 96 and 1024 bits, tags of 32..128 bits and empty/non-empty
 * plaintext and AAD.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/gcm.h>

#include "check.h"
#include "vectors.h"

struct gcm_record {
    uint8_t *key, *iv, *pt, *aad, *ct, *tag;
    size_t klen, ivlen, ptlen, aadlen, ctlen, taglen;
};

static void free_record(struct gcm_record *r)
{
    free(r->key);
    free(r->iv);
    free(r->pt);
    free(r->aad);
    free(r->ct);
    free(r->tag);
    memset(r, 0, sizeof *r);
}

/* Returns 1 when the record has every field needed (PT may be absent: FAIL records). */
static int load_record(struct vec_file *f, struct gcm_record *r)
{
    memset(r, 0, sizeof *r);
    r->key = vec_get_hex(f, "Key", &r->klen);
    r->iv = vec_get_hex(f, "IV", &r->ivlen);
    r->pt = vec_get_hex(f, "PT", &r->ptlen);
    r->aad = vec_get_hex(f, "AAD", &r->aadlen);
    r->ct = vec_get_hex(f, "CT", &r->ctlen);
    r->tag = vec_get_hex(f, "Tag", &r->taglen);
    return r->key && r->iv && r->aad && r->ct && r->tag;
}

/* Encrypt-file record: returns 1 when every check passed. */
static int check_encrypt_record(struct gcm_record *r)
{
    struct gcm_ctx ctx;
    uint8_t *buf, tag[16];
    int ok;

    if (!r->pt || r->ptlen != r->ctlen || r->taglen < 4 || r->taglen > 16)
        return 0;
    if (gcm_init(&ctx, r->key, r->klen) != CRYPTO_OK)
        return 0;
    buf = malloc(r->ptlen + 1);
    ok = gcm_encrypt(&ctx, r->iv, r->ivlen, r->aad, r->aadlen, r->pt, buf, r->ptlen, tag,
                     r->taglen) == CRYPTO_OK;
    ok = ok && memcmp(buf, r->ct, r->ctlen) == 0 && memcmp(tag, r->tag, r->taglen) == 0;

    /* Decrypt in place. */
    memcpy(buf, r->ct, r->ctlen);
    ok = ok && gcm_decrypt(&ctx, r->iv, r->ivlen, r->aad, r->aadlen, buf, buf, r->ctlen, r->tag,
                           r->taglen) == CRYPTO_OK;
    ok = ok && memcmp(buf, r->pt, r->ptlen) == 0;

    /* The last tag bit flipped: refused, and the output zeroed. */
    memcpy(tag, r->tag, r->taglen);
    tag[r->taglen - 1] ^= 0x01;
    memset(buf, 0xa5, r->ctlen);
    ok = ok && gcm_decrypt(&ctx, r->iv, r->ivlen, r->aad, r->aadlen, r->ct, buf, r->ctlen, tag,
                           r->taglen) == CRYPTO_EVERIFY;
    for (size_t i = 0; i < r->ctlen; i++)
        ok = ok && buf[i] == 0;
    free(buf);
    return ok;
}

/* Decrypt-file record. */
static int check_decrypt_record(struct vec_file *f, struct gcm_record *r, int *fails)
{
    struct gcm_ctx ctx;
    uint8_t *buf;
    int must_fail = vec_get(f, "FAIL") != NULL, ok, rc;

    if (!must_fail && (!r->pt || r->ptlen != r->ctlen))
        return 0;
    if (gcm_init(&ctx, r->key, r->klen) != CRYPTO_OK)
        return 0;
    buf = malloc(r->ctlen + 1);
    memset(buf, 0xa5, r->ctlen);
    rc = gcm_decrypt(&ctx, r->iv, r->ivlen, r->aad, r->aadlen, r->ct, buf, r->ctlen, r->tag,
                     r->taglen);
    if (must_fail) {
        (*fails)++;
        ok = rc == CRYPTO_EVERIFY;
        for (size_t i = 0; i < r->ctlen; i++)
            ok = ok && buf[i] == 0;
    } else {
        ok = rc == CRYPTO_OK && memcmp(buf, r->pt, r->ptlen) == 0;
    }
    free(buf);
    return ok;
}

static void check_file(const char *name, int decrypt, int min_records)
{
    char path[128];
    struct vec_file *f;
    int n = 0, bad = 0, first_bad = 0, fails = 0;

    snprintf(path, sizeof path, "ciphers/AES/GCM/%s", name);
    f = vec_open(path);
    REQUIRE(f != NULL);
    while (vec_next(f)) {
        struct gcm_record r;
        int ok = load_record(f, &r);

        if (ok)
            ok = decrypt ? check_decrypt_record(f, &r, &fails) : check_encrypt_record(&r);
        if (!ok && bad++ == 0)
            first_bad = vec_line(f);
        n++;
        free_record(&r);
    }
    vec_close(f);
    CHECK_MSG(bad == 0, "%s: %d of %d records wrong, first at line %d", name, bad, n, first_bad);
    CHECK_MSG(n >= min_records, "%s: only %d records", name, n);
    if (decrypt)
        CHECK_MSG(fails > 0 && fails < n, "%s: %d FAIL records of %d", name, fails, n);
}

TEST(encrypt_128)
{
    check_file("gcmEncryptExtIV128.rsp", 0, 7000);
}

TEST(encrypt_192)
{
    check_file("gcmEncryptExtIV192.rsp", 0, 7000);
}

TEST(encrypt_256)
{
    check_file("gcmEncryptExtIV256.rsp", 0, 7000);
}

TEST(decrypt_128)
{
    check_file("gcmDecrypt128.rsp", 1, 7000);
}

TEST(decrypt_192)
{
    check_file("gcmDecrypt192.rsp", 1, 7000);
}

TEST(decrypt_256)
{
    check_file("gcmDecrypt256.rsp", 1, 7000);
}

TEST(bad_parameters)
{
    uint8_t key[16] = {0}, iv[12] = {0}, buf[16] = {0}, tag[16] = {0};
    struct gcm_ctx ctx;

    CHECK_EQ(gcm_init(&ctx, key, 15), CRYPTO_EINVAL);
    REQUIRE(gcm_init(&ctx, key, sizeof key) == CRYPTO_OK);
    CHECK_EQ(gcm_encrypt(&ctx, iv, 0, NULL, 0, buf, buf, 16, tag, 16), CRYPTO_EINVAL);
    CHECK_EQ(gcm_encrypt(&ctx, iv, 12, NULL, 0, buf, buf, 16, tag, 3), CRYPTO_EINVAL);
    CHECK_EQ(gcm_encrypt(&ctx, iv, 12, NULL, 0, buf, buf, 16, tag, 17), CRYPTO_EINVAL);
    CHECK_EQ(gcm_decrypt(&ctx, iv, 12, NULL, 0, buf, buf, 16, tag, 0), CRYPTO_EINVAL);
    CHECK_EQ(gcm_encrypt(&ctx, iv, 12, NULL, 0, buf, buf, 16, tag, 4), CRYPTO_OK);
    CHECK_EQ(gcm_decrypt(&ctx, iv, 12, NULL, 0, buf, buf, 16, tag, 4), CRYPTO_OK);
}

/*
 * Data longer than the vectors (they stop at 51 bytes): encrypting a long message
 * in one call must agree with the published per-block GCTR construction checked
 * above, i.e. decrypting it in place gives back the message, and every single-bit
 * change of ciphertext, AAD or tag is refused.
 */
TEST(long_message_round_trip)
{
    enum { LEN = 4099 };
    static uint8_t msg[LEN], buf[LEN], aad[37];
    uint8_t key[32], iv[12], tag[16];
    struct gcm_ctx ctx;
    int refused = 0, tries = 0;

    for (size_t i = 0; i < LEN; i++)
        msg[i] = (uint8_t)(i * 131 + 7);
    for (size_t i = 0; i < sizeof aad; i++)
        aad[i] = (uint8_t)(i ^ 0x5c);
    for (size_t i = 0; i < sizeof key; i++)
        key[i] = (uint8_t)(i + 1);
    memset(iv, 0x42, sizeof iv);
    REQUIRE(gcm_init(&ctx, key, sizeof key) == CRYPTO_OK);
    REQUIRE(gcm_encrypt(&ctx, iv, 12, aad, sizeof aad, msg, buf, LEN, tag, 16) == CRYPTO_OK);
    CHECK(memcmp(buf, msg, LEN) != 0);
    for (size_t pos = 0; pos < LEN; pos += 97) {
        uint8_t tmp[LEN];
        memcpy(tmp, buf, LEN);
        tmp[pos] ^= 0x80;
        tries++;
        refused += gcm_decrypt(&ctx, iv, 12, aad, sizeof aad, tmp, tmp, LEN, tag, 16) ==
                   CRYPTO_EVERIFY;
    }
    aad[5] ^= 1;
    tries++;
    refused += gcm_decrypt(&ctx, iv, 12, aad, sizeof aad, buf, msg, LEN, tag, 16) ==
               CRYPTO_EVERIFY;
    aad[5] ^= 1;
    tag[15] ^= 0x40;
    tries++;
    refused += gcm_decrypt(&ctx, iv, 12, aad, sizeof aad, buf, msg, LEN, tag, 16) ==
               CRYPTO_EVERIFY;
    tag[15] ^= 0x40;
    CHECK_EQ(refused, tries);
    REQUIRE(gcm_decrypt(&ctx, iv, 12, aad, sizeof aad, buf, buf, LEN, tag, 16) == CRYPTO_OK);
    for (size_t i = 0; i < LEN; i++)
        if (buf[i] != (uint8_t)(i * 131 + 7)) {
            CHECK_MSG(0, "round trip differs at %zu", i);
            return;
        }
    CHECK(1);
}
