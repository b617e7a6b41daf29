/*
 * test_aes.c - AES against the NIST AESAVS known-answer and multi-block message
 * files (ciphers/AES/ECB), and CTR mode against the RFC 3686 vectors
 * (ciphers/AES/CTR).
 *
 * Every ECB record is checked in both directions: encrypting PLAINTEXT must give
 * CIPHERTEXT and decrypting CIPHERTEXT must give PLAINTEXT, whatever section it
 * is in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/aes.h>
#include <crypto/error.h>

#include "check.h"
#include "vectors.h"

/* Check every record of one ECB file; returns the number of records checked. */
static int check_ecb_file(const char *name)
{
    char path[128];
    struct vec_file *f;
    int n = 0, bad = 0, first_bad = 0;

    snprintf(path, sizeof path, "ciphers/AES/ECB/%s", name);
    f = vec_open(path);
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return 0;
    while (vec_next(f)) {
        size_t klen, plen, clen;
        uint8_t *key = vec_get_hex(f, "KEY", &klen);
        uint8_t *pt = vec_get_hex(f, "PLAINTEXT", &plen);
        uint8_t *ct = vec_get_hex(f, "CIPHERTEXT", &clen);
        struct aes_ctx ctx;
        int ok = key && pt && ct && plen == clen && plen % 16 == 0 && plen > 0;

        if (ok)
            ok = aes_init(&ctx, key, klen) == CRYPTO_OK;
        if (ok) {
            uint8_t *buf = malloc(plen);
            /* Multi-block encryption, then block by block, both directions. */
            aes_encrypt_blocks(&ctx, pt, buf, plen / 16);
            ok = memcmp(buf, ct, plen) == 0;
            for (size_t i = 0; ok && i < plen; i += 16) {
                uint8_t b[16];
                aes_encrypt_block(&ctx, pt + i, b);
                ok = memcmp(b, ct + i, 16) == 0;
                aes_decrypt_block(&ctx, ct + i, b);
                ok = ok && memcmp(b, pt + i, 16) == 0;
            }
            /* In place. */
            memcpy(buf, ct, plen);
            for (size_t i = 0; ok && i < plen; i += 16)
                aes_decrypt_block(&ctx, buf + i, buf + i);
            ok = ok && memcmp(buf, pt, plen) == 0;
            free(buf);
        }
        if (!ok && bad++ == 0)
            first_bad = vec_line(f);
        n++;
        free(key);
        free(pt);
        free(ct);
    }
    vec_close(f);
    CHECK_MSG(bad == 0, "%s: %d of %d records wrong, first at line %d", name, bad, n, first_bad);
    return n;
}

static void check_ecb_kind(const char *kind, int min_records)
{
    static const int bits[] = {128, 192, 256};

    for (int i = 0; i < 3; i++) {
        char name[64];
        int n;

        snprintf(name, sizeof name, "ECB%s%d.rsp", kind, bits[i]);
        n = check_ecb_file(name);
        CHECK_MSG(n >= min_records, "%s: only %d records", name, n);
    }
}

TEST(ecb_gfsbox)
{
    check_ecb_kind("GFSbox", 5);
}

TEST(ecb_keysbox)
{
    check_ecb_kind("KeySbox", 16);
}

TEST(ecb_varkey)
{
    check_ecb_kind("VarKey", 128);
}

TEST(ecb_vartxt)
{
    check_ecb_kind("VarTxt", 128);
}

TEST(ecb_mmt)
{
    check_ecb_kind("MMT", 10);
}

TEST(bad_key_length)
{
    static const size_t lens[] = {0, 8, 15, 17, 20, 31, 33, 64};
    uint8_t key[64] = {0};
    struct aes_ctx ctx;

    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
        CHECK_EQ(aes_init(&ctx, key, lens[i]), CRYPTO_EINVAL);
}

TEST(ctr_rfc3686)
{
    static const char *files[] = {"aes-128-ctr.txt", "aes-192-ctr.txt", "aes-256-ctr.txt"};
    int n = 0, bad = 0, first_bad = 0;

    for (int i = 0; i < 3; i++) {
        char path[128];
        struct vec_file *f;

        snprintf(path, sizeof path, "ciphers/AES/CTR/%s", files[i]);
        f = vec_open(path);
        REQUIRE(f != NULL);
        while (vec_next(f)) {
            size_t klen, ivlen, plen, clen;
            uint8_t *key = vec_get_hex(f, "KEY", &klen);
            uint8_t *iv = vec_get_hex(f, "IV", &ivlen);
            uint8_t *pt = vec_get_hex(f, "PLAINTEXT", &plen);
            uint8_t *ct = vec_get_hex(f, "CIPHERTEXT", &clen);
            struct aes_ctx ctx;
            int ok = key && iv && pt && ct && ivlen == 16 && plen == clen;

            if (ok)
                ok = aes_init(&ctx, key, klen) == CRYPTO_OK;
            if (ok) {
                uint8_t ctr[16], *buf = malloc(plen + 1);

                memcpy(ctr, iv, 16);
                aes_ctr_xor(&ctx, ctr, pt, buf, plen);
                ok = memcmp(buf, ct, plen) == 0;
                /* Decrypt in place, in two calls split at a block boundary. */
                memcpy(ctr, iv, 16);
                size_t first = plen > 16 ? 16 : plen;
                aes_ctr_xor(&ctx, ctr, buf, buf, first);
                aes_ctr_xor(&ctx, ctr, buf + first, buf + first, plen - first);
                ok = ok && memcmp(buf, pt, plen) == 0;
                free(buf);
            }
            if (!ok && bad++ == 0)
                first_bad = vec_line(f);
            n++;
            free(key);
            free(iv);
            free(pt);
            free(ct);
        }
        vec_close(f);
    }
    CHECK_MSG(bad == 0, "%d of %d CTR records wrong, first at line %d", bad, n, first_bad);
    CHECK(n >= 9);
}

/*
 * The counter is a full 128-bit big-endian integer: check the carry across all
 * bytes and the wrap to zero, against single-block encryptions of the expected
 * counter values (the block cipher itself is checked by the KAT cases).
 */
TEST(ctr_counter_carry)
{
    uint8_t key[16], ctr[16], zero[48] = {0}, ks[48], want[16], blk[16];
    struct aes_ctx ctx;

    for (int i = 0; i < 16; i++)
        key[i] = (uint8_t)(i * 17 + 3);
    REQUIRE(aes_init(&ctx, key, sizeof key) == CRYPTO_OK);

    memset(ctr, 0xff, sizeof ctr); /* 2^128 - 1, then 0, then 1 */
    aes_ctr_xor(&ctx, ctr, zero, ks, sizeof ks);
    memset(blk, 0xff, 16);
    aes_encrypt_block(&ctx, blk, want);
    CHECK_MEM(ks, want, 16);
    memset(blk, 0, 16);
    aes_encrypt_block(&ctx, blk, want);
    CHECK_MEM(ks + 16, want, 16);
    blk[15] = 1;
    aes_encrypt_block(&ctx, blk, want);
    CHECK_MEM(ks + 32, want, 16);
    blk[15] = 2;
    CHECK_MEM(ctr, blk, 16);

    /* A carry out of the low 64 bits reaches the high half. */
    memset(ctr, 0, sizeof ctr);
    memset(ctr + 8, 0xff, 8);
    aes_ctr_xor(&ctx, ctr, zero, ks, 32);
    memset(blk, 0, 16);
    blk[7] = 1;
    aes_encrypt_block(&ctx, blk, want);
    CHECK_MEM(ks + 16, want, 16);
}
