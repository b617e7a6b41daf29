/*
 * sha256crypt.c - the "$5$" password hash of "Unix crypt using SHA-256 and
 * SHA-512" (version 0.6), built on sha256.c.
 *
 * The specification's steps, in order: digest B = H(key salt key); digest
 * A = H(key salt, B repeated to the key's length, then B or the key for each bit
 * of the key's length); P = H(key repeated key_len times) stretched to key_len
 * bytes; S = H(salt repeated 16 + A[0] times) cut to the salt's length; then
 * `rounds` rounds that each hash a mix of the previous digest, P and S chosen by
 * the round number; finally the 32 bytes are written in the scheme's own
 * base-64 order and alphabet.
 *
 * Timing: the work depends on the key's length (not its content) and, in the
 * S step, on the byte A[0], as the specification requires; nothing else
 * branches on or indexes by secret data. The base-64 digits are computed
 * arithmetically instead of through a table. Every intermediate is wiped.
 */
#include <stdint.h>
#include <string.h>

#include "ct.h"
#include "error.h"
#include "sha256.h"
#include "sha256crypt.h"

static const char sha256crypt_prefix[] = "$5$";
static const char sha256crypt_rounds_prefix[] = "rounds=";

/*
 * The base-64 digit for v (0..63) in the alphabet "./0-9A-Za-z", without a
 * table: '.', '/', '0'..'9' are consecutive in ASCII, then A-Z, then a-z.
 */
static char b64_digit(uint32_t v)
{
    uint32_t ge12 = 0u - ((11u - v) >> 31); /* all ones when v >= 12 */
    uint32_t ge38 = 0u - ((37u - v) >> 31); /* all ones when v >= 38 */
    uint32_t c = '.' + v;

    c += ge12 & (uint32_t)('A' - 12 - '.');
    c += ge38 & (uint32_t)('a' - 38 - ('A' - 12));
    return (char)c;
}

/* Append n digits of the 24-bit value (b2 b1 b0), least significant 6 bits first. */
static char *b64_from_24bit(char *p, uint8_t b2, uint8_t b1, uint8_t b0, int n)
{
    uint32_t w = (uint32_t)b2 << 16 | (uint32_t)b1 << 8 | b0;

    while (n-- > 0) {
        *p++ = b64_digit(w & 0x3f);
        w >>= 6;
    }
    return p;
}

/* Feed len bytes made of src (n bytes) repeated and cut, as steps 9 and 15 do. */
static void add_repeated(struct sha256_ctx *ctx, const uint8_t *src, size_t n, size_t len)
{
    for (; len >= n; len -= n)
        sha256_update(ctx, src, n);
    sha256_update(ctx, src, len);
}

/* Parse the setting: salt (not NUL-terminated), its length, the rounds. */
struct sha256crypt_params {
    const char *salt;
    size_t salt_len;
    uint32_t rounds;
    int rounds_given;
};

static int parse_setting(const char *setting, struct sha256crypt_params *pp)
{
    const char *s = setting;
    size_t n = 0;

    if (strncmp(s, sha256crypt_prefix, 3) != 0)
        return CRYPTO_EINVAL;
    s += 3;
    pp->rounds = SHA256CRYPT_ROUNDS_DEFAULT;
    pp->rounds_given = 0;
    if (strncmp(s, sha256crypt_rounds_prefix, 7) == 0) {
        uint32_t r = 0;

        s += 7;
        if (*s < '0' || *s > '9')
            return CRYPTO_EINVAL;
        for (; *s >= '0' && *s <= '9'; s++) {
            r = r * 10 + (uint32_t)(*s - '0');
            if (r > SHA256CRYPT_ROUNDS_MAX)
                r = SHA256CRYPT_ROUNDS_MAX + 1u; /* saturate; clamped below */
        }
        if (*s != '$')
            return CRYPTO_EINVAL;
        s++;
        if (r < SHA256CRYPT_ROUNDS_MIN)
            r = SHA256CRYPT_ROUNDS_MIN;
        if (r > SHA256CRYPT_ROUNDS_MAX)
            r = SHA256CRYPT_ROUNDS_MAX;
        pp->rounds = r;
        pp->rounds_given = 1;
    }
    /* The salt ends at '$' or the end and is cut to SHA256CRYPT_SALT_MAX characters. */
    while (n < SHA256CRYPT_SALT_MAX && s[n] != '\0' && s[n] != '$') {
        unsigned char c = (unsigned char)s[n];
        if (c <= ' ' || c >= 0x7f || c == ':')
            return CRYPTO_EINVAL; /* would break the /etc/shadow line format */
        n++;
    }
    pp->salt = s;
    pp->salt_len = n;
    return CRYPTO_OK;
}

/* Write the decimal form of v at p; returns the end. */
static char *put_decimal(char *p, uint32_t v)
{
    char digits[10];
    int n = 0;

    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        *p++ = digits[--n];
    return p;
}

int sha256crypt(const char *key, const char *setting, char *out, size_t outlen)
{
    struct sha256crypt_params pp;
    struct sha256_ctx ctx;
    uint8_t a[SHA256_DIGEST_SIZE], b[SHA256_DIGEST_SIZE], dp[SHA256_DIGEST_SIZE];
    uint8_t p[SHA256CRYPT_KEY_MAX], s[SHA256CRYPT_SALT_MAX];
    char buf[SHA256CRYPT_OUT_MAX], *o = buf;
    size_t key_len = strlen(key), len;
    int rc;

    if (outlen)
        out[0] = '\0';
    rc = parse_setting(setting, &pp);
    if (rc != CRYPTO_OK)
        return rc;
    if (key_len > SHA256CRYPT_KEY_MAX)
        return CRYPTO_EINVAL;

    /* Steps 4-8: B = H(key salt key). */
    sha256_init(&ctx);
    sha256_update(&ctx, key, key_len);
    sha256_update(&ctx, pp.salt, pp.salt_len);
    sha256_update(&ctx, key, key_len);
    sha256_final(&ctx, b);

    /* Steps 1-3 and 9-11: A. */
    sha256_init(&ctx);
    sha256_update(&ctx, key, key_len);
    sha256_update(&ctx, pp.salt, pp.salt_len);
    add_repeated(&ctx, b, sizeof b, key_len);
    for (len = key_len; len > 0; len >>= 1) {
        if (len & 1)
            sha256_update(&ctx, b, sizeof b);
        else
            sha256_update(&ctx, key, key_len);
    }
    sha256_final(&ctx, a);

    /* Steps 12-15: DP = H(key repeated key_len times); P = DP stretched to key_len. */
    sha256_init(&ctx);
    for (len = 0; len < key_len; len++)
        sha256_update(&ctx, key, key_len);
    sha256_final(&ctx, dp);
    for (len = 0; len < key_len; len++)
        p[len] = dp[len % SHA256_DIGEST_SIZE];

    /* Steps 16-19: DS = H(salt repeated 16 + A[0] times); S = its first salt_len bytes. */
    sha256_init(&ctx);
    for (unsigned i = 0; i < 16u + a[0]; i++)
        sha256_update(&ctx, pp.salt, pp.salt_len);
    sha256_final(&ctx, dp);
    memcpy(s, dp, pp.salt_len);

    /* Step 21: the rounds; a holds the digest of the previous round (A at first). */
    for (uint32_t i = 0; i < pp.rounds; i++) {
        sha256_init(&ctx);
        if (i & 1)
            sha256_update(&ctx, p, key_len);
        else
            sha256_update(&ctx, a, sizeof a);
        if (i % 3)
            sha256_update(&ctx, s, pp.salt_len);
        if (i % 7)
            sha256_update(&ctx, p, key_len);
        if (i & 1)
            sha256_update(&ctx, a, sizeof a);
        else
            sha256_update(&ctx, p, key_len);
        sha256_final(&ctx, a);
    }

    /* Step 22: "$5$", "rounds=N$" when given, the salt, '$', the encoded digest. */
    memcpy(o, sha256crypt_prefix, 3);
    o += 3;
    if (pp.rounds_given) {
        memcpy(o, sha256crypt_rounds_prefix, 7);
        o = put_decimal(o + 7, pp.rounds);
        *o++ = '$';
    }
    memcpy(o, pp.salt, pp.salt_len);
    o += pp.salt_len;
    *o++ = '$';
    /* The specification's byte order: triples (i, i+10, i+20) rotated by i mod 3. */
    for (int i = 0; i < 10; i++) {
        uint8_t x = a[i], y = a[i + 10], z = a[i + 20];
        if (i % 3 == 0)
            o = b64_from_24bit(o, x, y, z, 4);
        else if (i % 3 == 1)
            o = b64_from_24bit(o, z, x, y, 4);
        else
            o = b64_from_24bit(o, y, z, x, 4);
    }
    o = b64_from_24bit(o, 0, a[31], a[30], 3);
    *o++ = '\0';

    len = (size_t)(o - buf);
    if (len > outlen) {
        rc = CRYPTO_ERANGE;
    } else {
        memcpy(out, buf, len);
        rc = CRYPTO_OK;
    }
    ct_wipe(a, sizeof a);
    ct_wipe(b, sizeof b);
    ct_wipe(dp, sizeof dp);
    ct_wipe(p, sizeof p);
    ct_wipe(s, sizeof s);
    ct_wipe(buf, sizeof buf);
    return rc;
}

int sha256crypt_verify(const char *key, const char *hash)
{
    char computed[SHA256CRYPT_OUT_MAX];
    size_t n;
    int rc = sha256crypt(key, hash, computed, sizeof computed);

    if (rc != CRYPTO_OK)
        return rc;
    /* The computed string has the stored one's public shape; only the lengths decide early. */
    n = strlen(computed);
    rc = strlen(hash) == n && ct_memeq(computed, hash, n) ? CRYPTO_OK : CRYPTO_EVERIFY;
    ct_wipe(computed, sizeof computed);
    return rc;
}
