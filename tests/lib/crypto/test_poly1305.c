/*
 * test_poly1305.c - Poly1305 against the RFC 7539/8439 vectors in
 * poly1305/rfc7539.txt (including the edge cases of appendix A.3 that exercise
 * the final reduction), one-shot and fed in uneven pieces.
 */
#include <stdlib.h>
#include <string.h>

#include <crypto/poly1305.h>

#include "check.h"
#include "vectors.h"

TEST(rfc7539_vectors)
{
    struct vec_file *f = vec_open("poly1305/rfc7539.txt");
    int n = 0, bad = 0, first_bad = 0;

    REQUIRE(f != NULL);
    while (vec_next(f)) {
        size_t klen, mlen, tlen;
        uint8_t *key = vec_get_hex(f, "KEY", &klen);
        uint8_t *msg = vec_get_hex(f, "MSG", &mlen);
        uint8_t *want = vec_get_hex(f, "TAG", &tlen);
        int ok = key && msg && want && klen == 32 && tlen == 16;

        if (ok) {
            uint8_t tag[16];

            poly1305(key, msg, mlen, tag);
            ok = memcmp(tag, want, 16) == 0;
            /* Every split point, and byte-at-a-time. */
            for (size_t cut = 0; ok && cut <= mlen; cut++) {
                struct poly1305_ctx ctx;
                poly1305_init(&ctx, key);
                poly1305_update(&ctx, msg, cut);
                poly1305_update(&ctx, msg + cut, mlen - cut);
                poly1305_final(&ctx, tag);
                ok = memcmp(tag, want, 16) == 0;
            }
            if (ok) {
                struct poly1305_ctx ctx;
                poly1305_init(&ctx, key);
                for (size_t i = 0; i < mlen; i++)
                    poly1305_update(&ctx, msg + i, 1);
                poly1305_final(&ctx, tag);
                ok = memcmp(tag, want, 16) == 0;
            }
        }
        if (!ok && bad++ == 0)
            first_bad = vec_line(f);
        n++;
        free(key);
        free(msg);
        free(want);
    }
    vec_close(f);
    CHECK_MSG(bad == 0, "%d of %d records wrong, first at line %d", bad, n, first_bad);
    CHECK(n >= 11);
}
