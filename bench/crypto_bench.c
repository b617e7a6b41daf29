/*
 * crypto_bench.c - speed of libcrypto's primitives.
 *
 * Prints one table: throughput in MB/s (10^6 bytes per second) for the hashes
 * and AEADs over 16 KiB messages, and operations per second for the public-key
 * primitives. Each figure comes from running its operation repeatedly for at
 * least MIN_NS of CLOCK_MONOTONIC time, after one untimed run. The whole run
 * takes about 4 seconds.
 *
 * The output of each timed operation is checked once, after timing: digests and
 * AEAD tags against values computed with an independent implementation,
 * decryption back to the message, signatures verifying (and failing when
 * altered), both sides of a key agreement computing the same secret, and the RSA
 * signature equal to the published one. Any wrong result is reported and the
 * program exits with status 1.
 *
 * The file is meant to build for the guest too: it uses no services beyond
 * clock_gettime() and printf(), keeps every buffer static, and computes the
 * figures with integer arithmetic only (64-bit division included, see div64).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <crypto/chacha20poly1305.h>
#include <crypto/ct.h>
#include <crypto/ed25519.h>
#include <crypto/error.h>
#include <crypto/gcm.h>
#include <crypto/hash.h>
#include <crypto/p256.h>
#include <crypto/rsa.h>
#include <crypto/sha256.h>
#include <crypto/sha512.h>
#include <crypto/x25519.h>

#define MIN_NS 300000000ull /* time spent on each figure, at least */
#define MSG_SIZE 16384      /* message length for the throughput figures */

/* ---- fixed inputs ---- */

/*
 * RSA-2048 key and signature: the NIST FIPS 186-2 SigGen15 vectors
 * (python3-cryptography-vectors, asymmetric/RSA/FIPS_186-2/SigGen15_186-2.txt,
 * section [mod = 2048], its first SHA-256 record). The CRT components are
 * derived at start-up with rsa_private_key_complete().
 */
static const char rsa_n_hex[] =
    "e0b14b99cd61cd3db9c2076668841324fa3174f33ce66ffd514394d34178d29a"
    "49493276b6777233e7d46a3e68bc7ca7e899e901d54f6dee0749c3e48ddf6868"
    "5867ee2ae66df88eb563f6db137a9f6b175a112e0eda8368e88e45efe1ce14bc"
    "6016d52639627066af1872c72f60b9161c1d237eeb34b0f841b3f0896f9fe0e1"
    "6b0f74352d101292cc464a7e7861bbeb86f6df6151cb265417c66c565ed8974b"
    "d8fc984d5ddfd4eb91a3d5234ce1b5467f3ade375f802ec07293f1236efa3068"
    "bc91b158551c875c5dc0a9d6fa321bf9421f08deac910e35c1c28549ee8eed83"
    "30cf70595ff70b94b49907e27698a9d911f7ac0706afcb1a4a39feb38b0a8049";
static const char rsa_e_hex[] =
    "010001";
static const char rsa_d_hex[] =
    "1dbca92e4245c2d57bfba76210cc06029b502753b7c821a32b799fbd33c98b49"
    "db10226b1eac0143c8574ef652833b96374d034ef84daa5559c693f3f028d497"
    "16b82e87a3f682f25424563bd9409dcf9d08110500f73f74076f28e75e0199b1"
    "f29fa2f70b9a31190dec54e872a740e7a1b1e38c3d11bca8267deb842cef4262"
    "237ac875725068f32563b478aca8d6a99f34cb8876b97145b2e8529ec8adea83"
    "ead4ec63e3ff2d17a2ffefb05c902ca7a92168378c89f75c928fc4f0707e4348"
    "7a4f47df70cae87e24272c136d3e98cf59066d41a3d038857d073d8b4d2c27b8"
    "f0ea6bfa50d263091a4a18c63f446bc9a61e8c4a688347b2435ec8e72eddaea7";
static const char rsa_msg_hex[] =
    "6504921a97cd57aa8f3863dc32e1f2d0b57aff63106e59f6afc3f9726b459388"
    "bae16b3e224f6aa7f4f471f13606eda6e1f1ac2b4df9ef8de921c07c2f4c8598"
    "d7a3d6ec4b368cb85ce61a74338221118a303e821c0f277b591af6795f50c402"
    "26127a2efacce4662fd7076c109eb59b18005e7165f6294a6976436ee397774e";
static const char rsa_sig_hex[] =
    "335ffadc0b1b8bd2b1eb670dd246e76dcccdc955a1687a15f74aa3e1596ebd43"
    "e607c640525f89dda95809cfd065f1be4e4a249477d24f400d4d4c9438a0af95"
    "b26b28b416e42aa950e2a52851b52132048f1b1ce944322fc99c1aabb49b7fae"
    "4c2f0fef674b50adee3bbb5c6c33822b608e4b9577275ca20c710af9fc41b1c0"
    "1d9c0ff6f0d8324dc08e1a76e232d8feaa06c73bbf64053bea35f1c528b27227"
    "64822ef1ff06246e75a9a22a10da4ea84fc2441bea24b35506f8447fcf69093c"
    "5d21ab0305cce2c7ea9ffac357c664b491fc55f2919ec490c38accbab378c252"
    "ac2df3845acff575ec7524cd2f586cca1497c74f24b299d6d6254c8cdb1d227d";

/*
 * Expected results for the messages built by fill_inputs(), computed once with
 * Python's hashlib and the "cryptography" package (OpenSSL).
 */
static const char sha256_expect_hex[] =
    "9d7b302c380ab919db7a37fe08b2a34f9580d52ee2395434e59cafbd543b3fe7";
static const char sha512_expect_hex[] =
    "124e42340bfcdf1e414d20cd861127b242aa340d9be64966babd39667a5e6724"
    "321ebb72de3626ca72d6edb85074a95ffe8b683ad0b8ff22b76d934d4b4d7c45";
static const char gcm_tag_expect_hex[] = "cfef8a78215d69238fd5cc53a78cb78d";
static const char chacha_tag_expect_hex[] = "ba590fb70c3a919aceb58818f36fc5a6";

/* ---- state shared by the timed operations ---- */

static uint8_t msg[MSG_SIZE], ct[MSG_SIZE], pt[MSG_SIZE];
static uint8_t digest[SHA512_DIGEST_SIZE], tag[16];
static struct gcm_ctx gcm;
static uint8_t gcm_key[16], gcm_iv[GCM_IV_SIZE];
static struct chacha20poly1305_ctx chacha;
static uint8_t chacha_key[CHACHA20POLY1305_KEY_SIZE], chacha_nonce[CHACHA20POLY1305_NONCE_SIZE];
static int op_rc; /* the result code of the last timed call */

static uint8_t x_priv_a[X25519_SIZE], x_priv_b[X25519_SIZE];
static uint8_t x_pub_a[X25519_SIZE], x_pub_b[X25519_SIZE], x_shared[X25519_SIZE];

static uint8_t p_priv_a[P256_SCALAR_SIZE], p_priv_b[P256_SCALAR_SIZE];
static uint8_t p_pub_a[P256_POINT_SIZE], p_pub_b[P256_POINT_SIZE], p_shared[32];
static uint8_t p_hash[SHA256_DIGEST_SIZE], p_sig[64];

static uint8_t ed_seed[ED25519_SEED_SIZE], ed_pub[ED25519_PUBLIC_KEY_SIZE];
static uint8_t ed_msg[64], ed_sig[ED25519_SIGNATURE_SIZE];

static uint8_t rsa_n[256], rsa_e[4], rsa_d[256], rsa_msg[128], rsa_published[256];
static size_t rsa_n_len, rsa_e_len, rsa_d_len, rsa_msg_len, rsa_published_len;
static uint8_t rsa_hash[SHA256_DIGEST_SIZE], rsa_sig[256];
static struct rsa_public_key rsa_pub;
static struct rsa_private_key rsa_priv;
static struct rsa_crt_storage rsa_crt;

static int failures;

static void fail(const char *what)
{
    printf("FAILED: %s\n", what);
    failures++;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode hex into out (at most max bytes); the byte count, or 0 when malformed. */
static size_t unhex(const char *hex, uint8_t *out, size_t max)
{
    size_t n = strlen(hex);

    if (n % 2 || n / 2 > max)
        return 0;
    for (size_t i = 0; i < n / 2; i++) {
        int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return 0;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return n / 2;
}

/* 1 when the n bytes at got equal the hex string want. */
static int equals_hex(const uint8_t *got, size_t n, const char *want)
{
    uint8_t buf[SHA512_DIGEST_SIZE];

    return n <= sizeof buf && unhex(want, buf, sizeof buf) == n && memcmp(got, buf, n) == 0;
}

/* ---- timing ---- */

/*
 * n / d (d > 0) and, when rem is not NULL, n % d, by shift and subtract: a
 * freestanding i386 build then needs no compiler helper for 64-bit division.
 */
static uint64_t div64(uint64_t n, uint64_t d, uint64_t *rem)
{
    uint64_t q = 0, r = 0;

    for (int bit = 63; bit >= 0; bit--) {
        r = r << 1 | (n >> bit & 1);
        if (r >= d) {
            r -= d;
            q |= 1ull << bit;
        }
    }
    if (rem)
        *rem = r;
    return q;
}

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * Run op until at least MIN_NS have passed: the batch doubles while the elapsed
 * time is short, then the remaining count is predicted from the rate so far, so
 * that the run ends soon after MIN_NS. Returns the number of calls; *ns gets
 * the time they took.
 */
static uint64_t measure(void (*op)(void), uint64_t *ns)
{
    uint64_t iters = 0, batch = 1, start, elapsed;

    op(); /* untimed: caches, lazy page mapping */
    start = now_ns();
    for (;;) {
        for (uint64_t i = 0; i < batch; i++)
            op();
        iters += batch;
        elapsed = now_ns() - start;
        if (elapsed >= MIN_NS)
            break;
        if (elapsed < MIN_NS / 8)
            batch = iters;
        else
            batch = div64(iters * (MIN_NS - elapsed), elapsed, NULL) + 1;
    }
    *ns = elapsed;
    return iters;
}

/* Print one row; bytes is the data per call for a throughput figure, 0 for a rate. */
static void report(const char *name, void (*op)(void), size_t bytes)
{
    uint64_t ns, iters = measure(op, &ns);
    uint64_t tenths, whole, tenth; /* the figure in tenths of its unit */

    if (bytes)
        tenths = div64(iters * bytes * 10000ull, ns, NULL); /* bytes/ns * 1000 = MB/s */
    else
        tenths = div64(iters * 10000000000ull, ns, NULL);
    whole = div64(tenths, 10, &tenth);
    printf("%-40s %10llu.%llu %-6s %10llu %8llu\n", name, (unsigned long long)whole,
           (unsigned long long)tenth, bytes ? "MB/s" : "op/s", (unsigned long long)iters,
           (unsigned long long)div64(ns, 1000000, NULL));
}

/* ---- the timed operations ---- */

static void op_sha256(void)
{
    sha256(msg, sizeof msg, digest);
}

static void op_sha512(void)
{
    sha512(msg, sizeof msg, digest);
}

static void op_gcm_encrypt(void)
{
    op_rc = gcm_encrypt(&gcm, gcm_iv, sizeof gcm_iv, NULL, 0, msg, ct, sizeof msg, tag,
                        GCM_TAG_SIZE);
}

static void op_chacha_encrypt(void)
{
    op_rc = chacha20poly1305_encrypt(&chacha, chacha_nonce, sizeof chacha_nonce, NULL, 0, msg,
                                     ct, sizeof msg, tag, CHACHA20POLY1305_TAG_SIZE);
}

static void op_x25519(void)
{
    op_rc = x25519(x_shared, x_priv_a, x_pub_b);
}

static void op_p256_ecdh(void)
{
    op_rc = p256_ecdh(p_shared, p_priv_a, p_pub_b);
}

static void op_ecdsa_sign(void)
{
    op_rc = p256_ecdsa_sign(p_sig, p_priv_a, p_hash, sizeof p_hash, &hash_sha256);
}

static void op_ecdsa_verify(void)
{
    op_rc = p256_ecdsa_verify(p_pub_a, p_hash, sizeof p_hash, p_sig);
}

static void op_ed25519_sign(void)
{
    ed25519_sign(ed_sig, ed_msg, sizeof ed_msg, ed_seed);
}

static void op_ed25519_verify(void)
{
    op_rc = ed25519_verify(ed_sig, ed_msg, sizeof ed_msg, ed_pub);
}

static void op_rsa_verify(void)
{
    op_rc = rsa_pkcs1_verify(&rsa_pub, &hash_sha256, rsa_hash, sizeof rsa_hash, rsa_published,
                             rsa_published_len);
}

static void op_rsa_sign(void)
{
    op_rc = rsa_pkcs1_sign(&rsa_priv, &hash_sha256, rsa_hash, sizeof rsa_hash, rsa_sig,
                           rsa_n_len);
}

/* ---- set-up and checks ---- */

static int setup(void)
{
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 167 + 13);
    for (size_t i = 0; i < sizeof gcm_key; i++)
        gcm_key[i] = (uint8_t)i;
    for (size_t i = 0; i < sizeof gcm_iv; i++)
        gcm_iv[i] = (uint8_t)(0xa0 + i);
    for (size_t i = 0; i < sizeof chacha_key; i++)
        chacha_key[i] = (uint8_t)(0x40 + i);
    for (size_t i = 0; i < sizeof chacha_nonce; i++)
        chacha_nonce[i] = (uint8_t)(0x30 + i);
    if (gcm_init(&gcm, gcm_key, sizeof gcm_key) != CRYPTO_OK ||
        chacha20poly1305_init(&chacha, chacha_key, sizeof chacha_key) != CRYPTO_OK) {
        fail("AEAD key set-up");
        return -1;
    }

    /* Arbitrary fixed keys; a P-256 key starting with 0x1? is below the group order. */
    for (size_t i = 0; i < 32; i++) {
        x_priv_a[i] = (uint8_t)(3 * i + 1);
        x_priv_b[i] = (uint8_t)(5 * i + 2);
        p_priv_a[i] = (uint8_t)(0x10 + 7 * i);
        p_priv_b[i] = (uint8_t)(0x11 + 11 * i);
        ed_seed[i] = (uint8_t)(0x20 + 13 * i);
    }
    for (size_t i = 0; i < sizeof ed_msg; i++)
        ed_msg[i] = (uint8_t)(0x61 + i % 26);
    x25519_base(x_pub_a, x_priv_a);
    x25519_base(x_pub_b, x_priv_b);
    if (p256_public_key(p_pub_a, p_priv_a) != CRYPTO_OK ||
        p256_public_key(p_pub_b, p_priv_b) != CRYPTO_OK) {
        fail("P-256 public keys");
        return -1;
    }
    sha256("crypto_bench", 12, p_hash);
    ed25519_public_key(ed_pub, ed_seed);

    rsa_n_len = unhex(rsa_n_hex, rsa_n, sizeof rsa_n);
    rsa_e_len = unhex(rsa_e_hex, rsa_e, sizeof rsa_e);
    rsa_d_len = unhex(rsa_d_hex, rsa_d, sizeof rsa_d);
    rsa_msg_len = unhex(rsa_msg_hex, rsa_msg, sizeof rsa_msg);
    rsa_published_len = unhex(rsa_sig_hex, rsa_published, sizeof rsa_published);
    if (!rsa_n_len || !rsa_e_len || !rsa_d_len || !rsa_msg_len ||
        rsa_published_len != rsa_n_len) {
        fail("RSA constants");
        return -1;
    }
    sha256(rsa_msg, rsa_msg_len, rsa_hash);
    rsa_pub = (struct rsa_public_key){rsa_n, rsa_n_len, rsa_e, rsa_e_len};
    memset(&rsa_priv, 0, sizeof rsa_priv);
    rsa_priv.n = rsa_n;
    rsa_priv.n_len = rsa_n_len;
    rsa_priv.e = rsa_e;
    rsa_priv.e_len = rsa_e_len;
    rsa_priv.d = rsa_d;
    rsa_priv.d_len = rsa_d_len;
    if (rsa_private_key_complete(&rsa_priv, &rsa_crt) != CRYPTO_OK) {
        fail("RSA CRT components");
        return -1;
    }
    return 0;
}

static void check_aead(const char *name, const char *tag_hex,
                       int (*decrypt)(const void *ctx, const uint8_t *iv, const uint8_t *in,
                                      uint8_t *out, const uint8_t *tag),
                       const void *ctx, const uint8_t *iv)
{
    uint8_t bad[16];

    if (op_rc != CRYPTO_OK || !equals_hex(tag, 16, tag_hex))
        fail(name);
    else if (decrypt(ctx, iv, ct, pt, tag) != CRYPTO_OK || memcmp(pt, msg, sizeof msg) != 0)
        fail(name);
    memcpy(bad, tag, sizeof bad);
    bad[5] ^= 0x10;
    if (decrypt(ctx, iv, ct, pt, bad) != CRYPTO_EVERIFY)
        fail(name);
}

static int gcm_decrypt_msg(const void *ctx, const uint8_t *iv, const uint8_t *in, uint8_t *out,
                           const uint8_t *t)
{
    return gcm_decrypt(ctx, iv, GCM_IV_SIZE, NULL, 0, in, out, MSG_SIZE, t, GCM_TAG_SIZE);
}

static int chacha_decrypt_msg(const void *ctx, const uint8_t *iv, const uint8_t *in,
                              uint8_t *out, const uint8_t *t)
{
    return chacha20poly1305_decrypt(ctx, iv, CHACHA20POLY1305_NONCE_SIZE, NULL, 0, in, out,
                                    MSG_SIZE, t, CHACHA20POLY1305_TAG_SIZE);
}

int main(void)
{
    uint8_t other[64];

    if (setup() != 0)
        return 1;
    printf("libcrypto speed: %u-byte messages, at least %llu ms per figure\n", (unsigned)MSG_SIZE,
           MIN_NS / 1000000);
    printf("%-40s %12s %-6s %10s %8s\n", "operation", "rate", "unit", "calls", "ms");

    report("SHA-256", op_sha256, MSG_SIZE);
    if (!equals_hex(digest, SHA256_DIGEST_SIZE, sha256_expect_hex))
        fail("SHA-256 digest");

    report("SHA-512", op_sha512, MSG_SIZE);
    if (!equals_hex(digest, SHA512_DIGEST_SIZE, sha512_expect_hex))
        fail("SHA-512 digest");

    report("AES-128-GCM encrypt", op_gcm_encrypt, MSG_SIZE);
    check_aead("AES-128-GCM", gcm_tag_expect_hex, gcm_decrypt_msg, &gcm, gcm_iv);

    report("ChaCha20-Poly1305 encrypt", op_chacha_encrypt, MSG_SIZE);
    check_aead("ChaCha20-Poly1305", chacha_tag_expect_hex, chacha_decrypt_msg, &chacha,
               chacha_nonce);

    report("X25519", op_x25519, 0);
    if (op_rc != CRYPTO_OK || x25519(other, x_priv_b, x_pub_a) != CRYPTO_OK ||
        memcmp(other, x_shared, X25519_SIZE) != 0)
        fail("X25519 agreement");

    report("P-256 ECDH", op_p256_ecdh, 0);
    if (op_rc != CRYPTO_OK || p256_ecdh(other, p_priv_b, p_pub_a) != CRYPTO_OK ||
        memcmp(other, p_shared, 32) != 0)
        fail("P-256 ECDH agreement");

    report("P-256 ECDSA sign (SHA-256)", op_ecdsa_sign, 0);
    if (op_rc != CRYPTO_OK || p256_ecdsa_verify(p_pub_a, p_hash, sizeof p_hash, p_sig) != 0)
        fail("P-256 ECDSA signature does not verify");

    report("P-256 ECDSA verify", op_ecdsa_verify, 0);
    p_sig[40] ^= 0x01;
    if (op_rc != CRYPTO_OK || p256_ecdsa_verify(p_pub_a, p_hash, sizeof p_hash, p_sig) == 0)
        fail("P-256 ECDSA verification");

    report("Ed25519 sign (64-byte message)", op_ed25519_sign, 0);
    if (ed25519_verify(ed_sig, ed_msg, sizeof ed_msg, ed_pub) != 0)
        fail("Ed25519 signature does not verify");

    report("Ed25519 verify", op_ed25519_verify, 0);
    ed_msg[0] ^= 0x01;
    if (op_rc != CRYPTO_OK || ed25519_verify(ed_sig, ed_msg, sizeof ed_msg, ed_pub) == 0)
        fail("Ed25519 verification");

    report("RSA-2048 verify (PKCS#1 v1.5, e=65537)", op_rsa_verify, 0);
    memcpy(rsa_sig, rsa_published, rsa_published_len);
    rsa_sig[100] ^= 0x01;
    if (op_rc != CRYPTO_OK || rsa_pkcs1_verify(&rsa_pub, &hash_sha256, rsa_hash, sizeof rsa_hash,
                                               rsa_sig, rsa_published_len) == 0)
        fail("RSA-2048 verification");

    report("RSA-2048 sign (PKCS#1 v1.5, CRT)", op_rsa_sign, 0);
    if (op_rc != CRYPTO_OK || memcmp(rsa_sig, rsa_published, rsa_published_len) != 0)
        fail("RSA-2048 signature differs from the published one");

    ct_wipe(&gcm, sizeof gcm);
    ct_wipe(&chacha, sizeof chacha);
    ct_wipe(&rsa_crt, sizeof rsa_crt);
    if (failures) {
        printf("%d result(s) wrong\n", failures);
        return 1;
    }
    printf("all results checked\n");
    return 0;
}
