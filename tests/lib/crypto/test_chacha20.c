/*
 * test_chacha20.c - ChaCha20 against the RFC 7539/8439 appendix A.2 vectors
 * (ciphers/ChaCha20/rfc7539.txt): one-shot, streamed in uneven pieces, and through
 * the 64-bit-nonce layout, which must give the same keystream when the two
 * layouts describe the same state words.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/chacha20.h>

#include "check.h"
#include "vectors.h"

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

TEST(rfc7539_vectors)
{
    struct vec_file *f = vec_open("ciphers/ChaCha20/rfc7539.txt");
    int n = 0, bad = 0, first_bad = 0;

    REQUIRE(f != NULL);
    while (vec_next(f)) {
        size_t klen, nlen, plen, clen;
        uint8_t *key = vec_get_hex(f, "KEY", &klen);
        uint8_t *nonce = vec_get_hex(f, "NONCE", &nlen);
        uint8_t *pt = vec_get_hex(f, "PLAINTEXT", &plen);
        uint8_t *ct = vec_get_hex(f, "CIPHERTEXT", &clen);
        const char *ctr_text = vec_get(f, "INITIAL_BLOCK_COUNTER");
        int ok = key && nonce && pt && ct && ctr_text && klen == 32 && nlen == 12 &&
                 plen == clen;

        if (ok) {
            uint32_t counter = (uint32_t)strtoul(ctr_text, NULL, 10);
            uint8_t *buf = malloc(plen + 1);
            struct chacha20_ctx ctx;
            size_t done = 0, step = 1;

            chacha20(key, nonce, counter, pt, buf, plen);
            ok = memcmp(buf, ct, plen) == 0;

            /* Streamed in pieces of 1, 2, 3, ... bytes, decrypting in place. */
            memcpy(buf, ct, plen);
            chacha20_init(&ctx, key, nonce, counter);
            while (done < plen) {
                size_t k = plen - done < step ? plen - done : step;
                chacha20_xor(&ctx, buf + done, buf + done, k);
                done += k;
                step++;
            }
            ok = ok && memcmp(buf, pt, plen) == 0;

            /* The same state words through the 64-bit-nonce layout. */
            chacha20_init_nonce64(&ctx, key, nonce + 4, (uint64_t)le32(nonce) << 32 | counter);
            chacha20_xor(&ctx, pt, buf, plen);
            ok = ok && memcmp(buf, ct, plen) == 0;
            chacha20_wipe(&ctx);
            free(buf);
        }
        if (!ok && bad++ == 0)
            first_bad = vec_line(f);
        n++;
        free(key);
        free(nonce);
        free(pt);
        free(ct);
    }
    vec_close(f);
    CHECK_MSG(bad == 0, "%d of %d records wrong, first at line %d", bad, n, first_bad);
    CHECK(n >= 3);
}

/*
 * The 64-bit counter carries into word 13; the RFC 8439 counter stays 32 bits
 * and wraps without touching the nonce.
 */
TEST(counter_carry)
{
    uint8_t key[32], n8[8], n12[12], zero[128] = {0}, got[128], want[64];
    struct chacha20_ctx ctx;

    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)(0xa0 + i);
    for (int i = 0; i < 8; i++)
        n8[i] = (uint8_t)(i * 7 + 1);

    chacha20_init_nonce64(&ctx, key, n8, 0xffffffffu);
    chacha20_xor(&ctx, zero, got, 128);
    memset(n12, 0, 4);
    memcpy(n12 + 4, n8, 8);
    chacha20(key, n12, 0xffffffffu, zero, want, 64);
    CHECK_MEM(got, want, 64);
    n12[0] = 1; /* word 13 = 1 */
    chacha20(key, n12, 0, zero, want, 64);
    CHECK_MEM(got + 64, want, 64);

    chacha20_init(&ctx, key, n12, 0xffffffffu);
    chacha20_xor(&ctx, zero, got, 128);
    chacha20(key, n12, 0, zero, want, 64);
    CHECK_MEM(got + 64, want, 64);
}
