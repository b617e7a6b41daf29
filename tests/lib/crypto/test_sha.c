/*
 * test_sha.c - SHA-1, SHA-256, SHA-384 and SHA-512 against the NIST CAVP (SHAVS)
 * vectors: ShortMsg and LongMsg files, the Monte Carlo procedure of SHAVS
 * section 6.4, and streaming the LongMsg messages in random-sized pieces.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/hash.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

/* One-shot entry points, so they are tested as well as the descriptors. */
typedef void (*oneshot_fn)(const void *data, size_t len, uint8_t *digest);

static void sha1_fn(const void *d, size_t n, uint8_t *out)
{
    sha1(d, n, out);
}
static void sha256_fn(const void *d, size_t n, uint8_t *out)
{
    sha256(d, n, out);
}
static void sha384_fn(const void *d, size_t n, uint8_t *out)
{
    sha384(d, n, out);
}
static void sha512_fn(const void *d, size_t n, uint8_t *out)
{
    sha512(d, n, out);
}

/* A small deterministic generator, so a failure can be reproduced. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;
static uint32_t rng(void)
{
    return host_xorshift(&rng_state);
}

/*
 * Every record of a ShortMsg/LongMsg file: Len (bits) bytes of Msg hash to MD,
 * through the one-shot function and through hash_digest(). Returns the count.
 */
static int check_msg_file(const char *path, const struct hash_alg *alg, oneshot_fn fn)
{
    struct vec_file *f = host_vec_open(path);
    int count = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        const char *len_s = vec_get(f, "Len");
        size_t msglen, mdlen, bytes;
        uint8_t *msg = vec_get_hex(f, "Msg", &msglen), *md = vec_get_hex(f, "MD", &mdlen);
        uint8_t got[HASH_MAX_DIGEST];

        if (!len_s || !msg || !md) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            free(msg);
            free(md);
            break;
        }
        bytes = strtoul(len_s, NULL, 10) / 8; /* Len = 0 is the empty message */
        CHECK_MSG(bytes <= msglen && mdlen == alg->digest_size, "%s:%d: bad lengths", path,
                  vec_line(f));
        if (bytes <= msglen && mdlen == alg->digest_size) {
            fn(msg, bytes, got);
            CHECK_MSG(memcmp(got, md, mdlen) == 0, "%s:%d: one-shot digest mismatch", path,
                      vec_line(f));
            hash_digest(alg, msg, bytes, got);
            CHECK_MSG(memcmp(got, md, mdlen) == 0, "%s:%d: hash_digest mismatch", path,
                      vec_line(f));
            count++;
        }
        free(msg);
        free(md);
    }
    vec_close(f);
    return count;
}

/*
 * SHAVS 6.4: for j = 0..99, MD0 = MD1 = MD2 = Seed; for i = 3..1002,
 * MDi = H(MDi-3 || MDi-2 || MDi-1); the checkpoint MDj = Seed = MD1002.
 */
static int check_monte_file(const char *path, const struct hash_alg *alg)
{
    struct vec_file *f = host_vec_open(path);
    uint8_t seed[HASH_MAX_DIGEST], buf[3 * HASH_MAX_DIGEST];
    size_t ds = alg->digest_size;
    int have_seed = 0, count = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        size_t n;
        uint8_t *s = vec_get_hex(f, "Seed", &n), *md;

        if (s) {
            if (n != ds) {
                CHECK_MSG(0, "%s:%d: bad seed length", path, vec_line(f));
                free(s);
                break;
            }
            memcpy(seed, s, ds);
            have_seed = 1;
            free(s);
        }
        md = vec_get_hex(f, "MD", &n);
        if (!md || !have_seed || n != ds) {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
            free(md);
            break;
        }
        /* buf holds MDi-3 || MDi-2 || MDi-1; each step shifts left by one digest. */
        memcpy(buf, seed, ds);
        memcpy(buf + ds, seed, ds);
        memcpy(buf + 2 * ds, seed, ds);
        for (int i = 3; i <= 1002; i++) {
            uint8_t next[HASH_MAX_DIGEST];
            hash_digest(alg, buf, 3 * ds, next);
            memmove(buf, buf + ds, 2 * ds);
            memcpy(buf + 2 * ds, next, ds);
        }
        memcpy(seed, buf + 2 * ds, ds);
        CHECK_MSG(memcmp(seed, md, ds) == 0, "%s:%d: Monte checkpoint COUNT = %s mismatch", path,
                  vec_line(f), vec_get(f, "COUNT"));
        count++;
        free(md);
    }
    vec_close(f);
    return count;
}

/* Each LongMsg message fed through init/update/final in random-sized pieces. */
static int check_streaming(const char *path, const struct hash_alg *alg)
{
    struct vec_file *f = host_vec_open(path);
    int count = 0;

    if (!f)
        return -1;
    while (vec_next(f)) {
        const char *len_s = vec_get(f, "Len");
        size_t msglen, mdlen;
        uint8_t *msg = vec_get_hex(f, "Msg", &msglen), *md = vec_get_hex(f, "MD", &mdlen);

        if (len_s && msg && md && mdlen == alg->digest_size &&
            strtoul(len_s, NULL, 10) / 8 == msglen) {
            for (int round = 0; round < 4; round++) {
                union hash_ctx ctx;
                uint8_t got[HASH_MAX_DIGEST];
                size_t pos = 0;
                /* Piece sizes up to 1, 2 blocks, 7 and 300 bytes: hits every buffer state. */
                static const size_t maxpiece[4] = {7, 64, 256, 300};

                alg->init(&ctx);
                while (pos < msglen) {
                    size_t piece = rng() % (maxpiece[round] + 1);
                    if (piece > msglen - pos)
                        piece = msglen - pos;
                    alg->update(&ctx, msg + pos, piece);
                    pos += piece;
                }
                alg->final(&ctx, got);
                CHECK_MSG(memcmp(got, md, mdlen) == 0, "%s:%d: streamed digest mismatch (%zu)",
                          path, vec_line(f), maxpiece[round]);
            }
            count++;
        } else {
            CHECK_MSG(0, "%s:%d: malformed record", path, vec_line(f));
        }
        free(msg);
        free(md);
    }
    vec_close(f);
    return count;
}

#define MSG_TEST(tname, path, alg, fn, want)                                   \
    TEST(tname)                                                                \
    {                                                                          \
        CHECK_EQ(check_msg_file(path, &alg, fn), want);                        \
    }

MSG_TEST(sha1_short, "hashes/SHA1/SHA1ShortMsg.rsp", hash_sha1, sha1_fn, 65)
MSG_TEST(sha1_long, "hashes/SHA1/SHA1LongMsg.rsp", hash_sha1, sha1_fn, 64)
MSG_TEST(sha256_short, "hashes/SHA2/SHA256ShortMsg.rsp", hash_sha256, sha256_fn, 65)
MSG_TEST(sha256_long, "hashes/SHA2/SHA256LongMsg.rsp", hash_sha256, sha256_fn, 64)
MSG_TEST(sha384_short, "hashes/SHA2/SHA384ShortMsg.rsp", hash_sha384, sha384_fn, 129)
MSG_TEST(sha384_long, "hashes/SHA2/SHA384LongMsg.rsp", hash_sha384, sha384_fn, 128)
MSG_TEST(sha512_short, "hashes/SHA2/SHA512ShortMsg.rsp", hash_sha512, sha512_fn, 129)
MSG_TEST(sha512_long, "hashes/SHA2/SHA512LongMsg.rsp", hash_sha512, sha512_fn, 128)

#define MONTE_TEST(tname, path, alg)                                           \
    TEST(tname)                                                                \
    {                                                                          \
        CHECK_EQ(check_monte_file(path, &alg), 100);                           \
    }

MONTE_TEST(sha1_monte, "hashes/SHA1/SHA1Monte.rsp", hash_sha1)
MONTE_TEST(sha256_monte, "hashes/SHA2/SHA256Monte.rsp", hash_sha256)
MONTE_TEST(sha384_monte, "hashes/SHA2/SHA384Monte.rsp", hash_sha384)
MONTE_TEST(sha512_monte, "hashes/SHA2/SHA512Monte.rsp", hash_sha512)

#define STREAM_TEST(tname, path, alg, want)                                    \
    TEST(tname)                                                                \
    {                                                                          \
        CHECK_EQ(check_streaming(path, &alg), want);                           \
    }

STREAM_TEST(sha1_streaming, "hashes/SHA1/SHA1LongMsg.rsp", hash_sha1, 64)
STREAM_TEST(sha256_streaming, "hashes/SHA2/SHA256LongMsg.rsp", hash_sha256, 64)
STREAM_TEST(sha384_streaming, "hashes/SHA2/SHA384LongMsg.rsp", hash_sha384, 128)
STREAM_TEST(sha512_streaming, "hashes/SHA2/SHA512LongMsg.rsp", hash_sha512, 128)

/* Streaming agrees with one-shot for every length around the block and padding edges. */
TEST(streaming_matches_oneshot)
{
    static const struct hash_alg *algs[] = {&hash_sha1, &hash_sha256, &hash_sha384,
                                            &hash_sha512};
    uint8_t msg[600];
    int mismatches = 0;

    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)rng();
    for (size_t a = 0; a < 4; a++) {
        for (size_t len = 0; len <= sizeof msg; len++) {
            uint8_t one[HASH_MAX_DIGEST], streamed[HASH_MAX_DIGEST];
            union hash_ctx ctx;
            size_t pos = 0;

            hash_digest(algs[a], msg, len, one);
            algs[a]->init(&ctx);
            while (pos < len) {
                size_t piece = rng() % 150;
                if (piece > len - pos)
                    piece = len - pos;
                algs[a]->update(&ctx, msg + pos, piece);
                pos += piece;
            }
            algs[a]->final(&ctx, streamed);
            if (memcmp(one, streamed, algs[a]->digest_size) != 0 && mismatches++ == 0)
                CHECK_MSG(0, "%s: streaming differs from one-shot at length %zu",
                          algs[a]->name, len);
        }
    }
    CHECK_EQ(mismatches, 0);
}

TEST(descriptors)
{
    CHECK_STR(hash_sha1.name, "SHA-1");
    CHECK_EQ(hash_sha1.digest_size, 20);
    CHECK_EQ(hash_sha1.block_size, 64);
    CHECK_STR(hash_sha256.name, "SHA-256");
    CHECK_EQ(hash_sha256.digest_size, 32);
    CHECK_EQ(hash_sha256.block_size, 64);
    CHECK_STR(hash_sha384.name, "SHA-384");
    CHECK_EQ(hash_sha384.digest_size, 48);
    CHECK_EQ(hash_sha384.block_size, 128);
    CHECK_STR(hash_sha512.name, "SHA-512");
    CHECK_EQ(hash_sha512.digest_size, 64);
    CHECK_EQ(hash_sha512.block_size, 128);
}

/* final() must leave no trace of the state behind (hash.h: "wipes the state"). */
TEST(final_wipes_state)
{
    static const struct hash_alg *algs[] = {&hash_sha1, &hash_sha256, &hash_sha384,
                                            &hash_sha512};
    for (size_t a = 0; a < 4; a++) {
        union hash_ctx ctx, zero;
        uint8_t out[HASH_MAX_DIGEST];

        memset(&zero, 0, sizeof zero);
        memset(&ctx, 0, sizeof ctx);
        algs[a]->init(&ctx);
        algs[a]->update(&ctx, "secret", 6);
        algs[a]->final(&ctx, out);
        CHECK_MSG(memcmp(&ctx, &zero, sizeof ctx) == 0, "%s: state not wiped", algs[a]->name);
    }
}
