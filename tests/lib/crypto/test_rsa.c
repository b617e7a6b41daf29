/*
 * test_rsa.c - RSA signatures (PKCS#1 v1.5 and PSS) against published vectors:
 * the NIST CAVP SigVer files (every Result must match, and the valid records
 * are re-signed with the published primes), the SigGen files (published
 * signatures verify; where d is published our signatures, CRT and non-CRT,
 * equal them), the SigVer15 EM test file, and the RSA Laboratories PKCS#1 v1.5
 * and PSS example files. Hand-made encodings (signed with the published keys
 * through the bignum layer) check that every malformed encoding is refused.
 * SHA-224 records are skipped and counted: the library has no SHA-224.
 *
 * The NIST files change the key in the middle of a section, so they are read
 * line by line here (each "key = value" updates the current state and a Result
 * or S line completes a case) rather than with vec_next's record model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/bignum.h>
#include <crypto/error.h>
#include <crypto/rsa.h>

#include "check.h"
#include "vectors.h"

#define NIST "asymmetric/RSA/FIPS_186-2/"

/* ---- reading ---- */

/* A line reader over a whole vector file. */
struct lines {
    char *buf, *pos;
    int lineno;
};

static int lines_open(struct lines *l, const char *path)
{
    size_t len;

    l->buf = (char *)vec_read_file(path, &len);
    l->pos = l->buf;
    l->lineno = 0;
    return l->buf != NULL;
}

static char *trim(char *s)
{
    char *end;

    while (*s == ' ' || *s == '\t')
        s++;
    end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        *--end = '\0';
    return s;
}

/* The next line, trimmed; NULL at the end. */
static char *lines_get(struct lines *l)
{
    char *line = l->pos, *end;

    if (!*line)
        return NULL;
    end = strchr(line, '\n');
    if (end) {
        *end = '\0';
        l->pos = end + 1;
    } else {
        l->pos = line + strlen(line);
    }
    l->lineno++;
    return trim(line);
}

/* The next "key = value" line of a CAVP file (comments come back with key "#"). */
static int lines_next_pair(struct lines *l, char **key, char **value)
{
    char *line, *eq;

    while ((line = lines_get(l))) {
        if (*line == '#') {
            *key = "#";
            *value = line + 1;
            return 1;
        }
        if (*line == '[' || !(eq = strchr(line, '=')))
            continue;
        *eq = '\0';
        *key = trim(line);
        *value = trim(eq + 1);
        return 1;
    }
    return 0;
}

/* A decoded hex value. */
struct blob {
    uint8_t *p;
    size_t len;
};

static int blob_hex(struct blob *b, const char *hex)
{
    free(b->p);
    b->p = hex ? vec_unhex(hex, &b->len) : NULL;
    if (!b->p)
        b->len = 0;
    return b->p != NULL;
}

static void blob_free(struct blob *b)
{
    free(b->p);
    b->p = NULL;
    b->len = 0;
}

/* NIST names; NULL for SHA-224, which the library does not have. */
static const struct hash_alg *nist_hash(const char *name)
{
    if (!name)
        return NULL;
    if (strcmp(name, "SHA1") == 0)
        return &hash_sha1;
    if (strcmp(name, "SHA256") == 0)
        return &hash_sha256;
    if (strcmp(name, "SHA384") == 0)
        return &hash_sha384;
    if (strcmp(name, "SHA512") == 0)
        return &hash_sha512;
    return NULL;
}

/* Copy a string into a fixed buffer (values point into the file buffer anyway). */
#define var = value ((var) = (value))

/* ---- key helpers ---- */

struct test_key {
    struct blob n, e, d, p, q, dp, dq, qinv;
};

static void test_key_free(struct test_key *k)
{
    blob_free(&k->n);
    blob_free(&k->e);
    blob_free(&k->d);
    blob_free(&k->p);
    blob_free(&k->q);
    blob_free(&k->dp);
    blob_free(&k->dq);
    blob_free(&k->qinv);
}

static struct rsa_public_key pub_of(const struct test_key *k)
{
    struct rsa_public_key pub = {k->n.p, k->n.len, k->e.p, k->e.len};
    return pub;
}

/* The private key with whatever components k holds (NULL for the missing ones). */
static struct rsa_private_key priv_of(const struct test_key *k)
{
    struct rsa_private_key key = {
        k->n.p, k->n.len, k->e.p, k->e.len, k->d.p, k->d.len, k->p.p, k->p.len,
        k->q.p, k->q.len, k->dp.p, k->dp.len, k->dq.p, k->dq.len, k->qinv.p, k->qinv.len,
    };
    return key;
}

/* sig = em^d mod n through the bignum layer, for hand-made encodings. */
static void raw_sign(const struct test_key *k, const uint8_t *em, size_t len, uint8_t *sig)
{
    struct bn n, d, x;
    struct bn_mont mont;

    bn_from_bytes(&n, k->n.p, k->n.len);
    bn_from_bytes(&d, k->d.p, k->d.len);
    bn_from_bytes(&x, em, len);
    bn_mont_init(&mont, &n);
    bn_mod_exp_secret(&mont, &x, &x, &d);
    bn_to_bytes(&x, sig, len);
}

/* em = sig^e mod n through the bignum layer. */
static void raw_open(const struct test_key *k, const uint8_t *sig, size_t len, uint8_t *em)
{
    struct bn n, e, x;
    struct bn_mont mont;

    bn_from_bytes(&n, k->n.p, k->n.len);
    bn_from_bytes(&e, k->e.p, k->e.len);
    bn_from_bytes(&x, sig, len);
    bn_mont_init(&mont, &n);
    bn_mod_exp_public(&mont, &x, &x, &e);
    bn_to_bytes(&x, em, len);
}

/* 1 when the byte strings have the same value (leading zeros aside). */
static int same_number(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    while (alen && !*a)
        a++, alen--;
    while (blen && !*b)
        b++, blen--;
    return alen == blen && memcmp(a, b, alen) == 0;
}

/* ---- NIST SigVer files ---- */

struct sigver_counts {
    int checked, skipped, resigned, recovered;
};

/*
 * Verify every record of a SigVer file and compare with its Result. For records
 * that must pass, sign the message again with the published primes (CRT, the
 * CRT exponents derived by rsa_private_key_complete) and require the published
 * signature: PKCS#1 v1.5 is deterministic, and PSS is too with the published
 * salt. For each new key, p and q recovered from (n, e, d) must be the
 * published ones.
 */
static void check_sigver(const char *path, int pss, struct sigver_counts *c)
{
    struct lines l;
    char *key, *value;
    const char *n = NULL, *p = NULL, *q = NULL, *e = NULL, *d = NULL, *msg = NULL, *s = NULL;
    const char *salt = NULL, *sha = NULL, *recovered_n = "";

    memset(c, 0, sizeof *c);
    if (!lines_open(&l, path)) {
        CHECK_MSG(0, "cannot open %s", path);
        return;
    }
    while (lines_next_pair(&l, &key, &value)) {
        struct test_key k = {0};
        struct blob m = {0}, sig = {0}, sv = {0};
        const struct hash_alg *alg;
        uint8_t h[HASH_MAX_DIGEST], out[RSA_MAX_BYTES];
        struct rsa_public_key pub;
        int rc, want_pass;

        if (strcmp(key, "n") == 0)
            n = value;
        else if (strcmp(key, "p") == 0)
            p = value;
        else if (strcmp(key, "q") == 0)
            q = value;
        else if (strcmp(key, "e") == 0)
            e = value;
        else if (strcmp(key, "d") == 0)
            d = value;
        else if (strcmp(key, "Msg") == 0)
            msg = value;
        else if (strcmp(key, "S") == 0)
            s = value;
        else if (strcmp(key, "SaltVal") == 0)
            salt = value;
        else if (strcmp(key, "SHAAlg") == 0)
            sha = value;
        if (strcmp(key, "Result") != 0)
            continue;

        alg = nist_hash(sha);
        if (!alg) {
            c->skipped++;
            continue;
        }
        want_pass = value[0] == 'P';
        if (!blob_hex(&k.n, n) || !blob_hex(&k.e, e) || !blob_hex(&k.d, d) ||
            !blob_hex(&m, msg) || !blob_hex(&sig, s) || !blob_hex(&sv, salt)) {
            CHECK_MSG(0, "%s:%d: malformed record", path, l.lineno);
            goto next;
        }
        hash_digest(alg, m.p, m.len, h);
        pub = pub_of(&k);
        if (pss)
            rc = rsa_pss_verify(&pub, alg, alg, sv.len, h, alg->digest_size, sig.p, sig.len);
        else
            rc = rsa_pkcs1_verify(&pub, alg, h, alg->digest_size, sig.p, sig.len);
        CHECK_MSG((rc == CRYPTO_OK) == want_pass, "%s:%d: verify returned %d, Result = %s",
                  path, l.lineno, rc, value);
        c->checked++;

        if (want_pass) {
            struct rsa_private_key priv;
            struct rsa_crt_storage st;

            blob_hex(&k.p, p);
            blob_hex(&k.q, q);
            priv = priv_of(&k);
            rc = rsa_private_key_complete(&priv, &st);
            CHECK_MSG(rc == CRYPTO_OK, "%s:%d: complete returned %d", path, l.lineno, rc);
            if (pss)
                rc = rsa_pss_sign(&priv, alg, alg, sv.p, sv.len, h, alg->digest_size, out,
                                  sig.len);
            else
                rc = rsa_pkcs1_sign(&priv, alg, h, alg->digest_size, out, sig.len);
            CHECK_MSG(rc == CRYPTO_OK && memcmp(out, sig.p, sig.len) == 0,
                      "%s:%d: signature differs from the published one (rc %d)", path,
                      l.lineno, rc);
            c->resigned++;

            if (strcmp(n, recovered_n) != 0) {
                /* Without p and q: they must come back from n, e and d. */
                priv = priv_of(&k);
                priv.p = priv.q = NULL;
                rc = rsa_private_key_complete(&priv, &st);
                CHECK_MSG(rc == CRYPTO_OK &&
                              ((same_number(priv.p, priv.p_len, k.p.p, k.p.len) &&
                                same_number(priv.q, priv.q_len, k.q.p, k.q.len)) ||
                               (same_number(priv.p, priv.p_len, k.q.p, k.q.len) &&
                                same_number(priv.q, priv.q_len, k.p.p, k.p.len))),
                          "%s:%d: recovered primes differ (rc %d)", path, l.lineno, rc);
                recovered_n = n;
                c->recovered++;
            }
        }
    next:
        test_key_free(&k);
        blob_free(&m);
        blob_free(&sig);
        blob_free(&sv);
    }
    free(l.buf);
}

TEST(nist_sigver_pkcs1)
{
    struct sigver_counts c;

    check_sigver(NIST "SigVer15_186-3.rsp", 0, &c);
    CHECK_EQ(c.checked, 360);
    CHECK_EQ(c.skipped, 90);
    CHECK_EQ(c.resigned, 60);
    CHECK_EQ(c.recovered, 8);
}

TEST(nist_sigver_pss)
{
    struct sigver_counts c;

    check_sigver(NIST "SigVerPSS_186-3.rsp", 1, &c);
    CHECK_EQ(c.checked, 360);
    CHECK_EQ(c.skipped, 90);
    CHECK_EQ(c.resigned, 60);
    CHECK_EQ(c.recovered, 9);
}

/* ---- NIST SigGen files ---- */

/*
 * Every signature of a SigGen file must verify; with a changed message bit it
 * must not. When the file gives d (the 186-2 .txt files), our signatures must
 * equal the published ones: CRT after recovering p and q, and once per key
 * without the CRT. PSS files give the salt as SaltVal, or only its length in
 * the "Salt len" header comment.
 */
static void check_siggen(const char *path, int pss, int *count, int *skipped, int *signed_)
{
    struct lines l;
    char *key, *value;
    const char *n = NULL, *e = NULL, *d = NULL, *msg = NULL, *salt = NULL, *sha = NULL;
    const char *key_n = "";
    size_t header_salt_len = 0;
    int plain_done = 0;
    struct test_key k = {0};
    struct rsa_private_key crt = {0};
    static struct rsa_crt_storage st;

    *count = *skipped = *signed_ = 0;
    if (!lines_open(&l, path)) {
        CHECK_MSG(0, "cannot open %s", path);
        return;
    }
    while (lines_next_pair(&l, &key, &value)) {
        struct blob m = {0}, sig = {0}, sv = {0};
        const struct hash_alg *alg;
        uint8_t h[HASH_MAX_DIGEST], out[RSA_MAX_BYTES];
        struct rsa_public_key pub;
        size_t salt_len;
        int rc;

        if (strcmp(key, "#") == 0 && strstr(value, "Salt len:"))
            header_salt_len = strtoul(strstr(value, ":") + 1, NULL, 10);
        else if (strcmp(key, "n") == 0)
            n = value;
        else if (strcmp(key, "e") == 0)
            e = value;
        else if (strcmp(key, "d") == 0)
            d = value;
        else if (strcmp(key, "Msg") == 0)
            msg = value;
        else if (strcmp(key, "SaltVal") == 0)
            salt = value;
        else if (strcmp(key, "SHAAlg") == 0)
            sha = value;
        if (strcmp(key, "S") != 0)
            continue;

        alg = nist_hash(sha);
        if (!alg) {
            (*skipped)++;
            continue;
        }
        if (strcmp(n, key_n) != 0) {
            /* A new key: decode it, and derive its CRT form when d is given. */
            test_key_free(&k);
            blob_hex(&k.n, n);
            blob_hex(&k.e, e);
            if (d)
                blob_hex(&k.d, d);
            key_n = n;
            plain_done = 0;
            if (k.d.p) {
                crt = priv_of(&k);
                rc = rsa_private_key_complete(&crt, &st);
                CHECK_MSG(rc == CRYPTO_OK, "%s:%d: complete returned %d", path, l.lineno, rc);
            }
        }
        if (!blob_hex(&m, msg) || !blob_hex(&sig, value) || (salt && !blob_hex(&sv, salt))) {
            CHECK_MSG(0, "%s:%d: malformed record", path, l.lineno);
            goto next;
        }
        salt_len = salt ? sv.len : header_salt_len;
        hash_digest(alg, m.p, m.len, h);
        pub = pub_of(&k);
        for (int flip = 0; flip < 2; flip++) {
            h[0] ^= (uint8_t)flip;
            if (pss)
                rc = rsa_pss_verify(&pub, alg, alg, salt_len, h, alg->digest_size, sig.p,
                                    sig.len);
            else
                rc = rsa_pkcs1_verify(&pub, alg, h, alg->digest_size, sig.p, sig.len);
            h[0] ^= (uint8_t)flip;
            CHECK_MSG(flip ? rc == CRYPTO_EVERIFY : rc == CRYPTO_OK,
                      "%s:%d: verify returned %d%s", path, l.lineno, rc,
                      flip ? " for a changed digest" : "");
        }
        (*count)++;

        if (k.d.p) {
            for (int plain = 0; plain < 2; plain++) {
                struct rsa_private_key priv = crt;

                if (plain) {
                    /* Without the CRT: once per key (it is the slow path). */
                    if (plain_done)
                        break;
                    plain_done = 1;
                    priv = priv_of(&k);
                }
                memset(out, 0xaa, sizeof out);
                if (pss)
                    rc = rsa_pss_sign(&priv, alg, alg, sv.p, sv.len, h, alg->digest_size, out,
                                      sig.len);
                else
                    rc = rsa_pkcs1_sign(&priv, alg, h, alg->digest_size, out, sig.len);
                CHECK_MSG(rc == CRYPTO_OK && memcmp(out, sig.p, sig.len) == 0,
                          "%s:%d: %s signature differs from the published one (rc %d)", path,
                          l.lineno, plain ? "non-CRT" : "CRT", rc);
            }
            (*signed_)++;
        }
    next:
        blob_free(&m);
        blob_free(&sig);
        blob_free(&sv);
    }
    test_key_free(&k);
    free(l.buf);
}

TEST(nist_siggen_pkcs1_verify)
{
    int count, skipped, signed_;

    check_siggen(NIST "SigGen15_186-3.rsp", 0, &count, &skipped, &signed_);
    CHECK_EQ(count, 200);
    CHECK_EQ(skipped, 50);
    CHECK_EQ(signed_, 0);
}

TEST(nist_siggen_pss_verify)
{
    int count, skipped, signed_;

    check_siggen(NIST "SigGenPSS_186-3.rsp", 1, &count, &skipped, &signed_);
    CHECK_EQ(count, 200);
    CHECK_EQ(skipped, 50);
    CHECK_EQ(signed_, 0);
}

TEST(nist_siggen_pkcs1_sign)
{
    int count, skipped, signed_;

    check_siggen(NIST "SigGen15_186-2.txt", 0, &count, &skipped, &signed_);
    CHECK_EQ(count, 200);
    CHECK_EQ(skipped, 50);
    CHECK_EQ(signed_, 200);
}

TEST(nist_siggen_pss_sign)
{
    int count, skipped, signed_;

    check_siggen(NIST "SigGenPSS_186-2.txt", 1, &count, &skipped, &signed_);
    CHECK_EQ(count, 200);
    CHECK_EQ(skipped, 50);
    CHECK_EQ(signed_, 200);
}

/*
 * SigVer15EMTest.txt: signatures over malformed encodings, each record giving
 * the encoded message. Our RSAVP1 must reproduce that EM exactly (so the
 * rejection is about the format, not a wrong exponentiation), and verification
 * must refuse every record.
 */
TEST(nist_sigver15_em_test)
{
    struct lines l;
    char *key, *value;
    const char *n = NULL, *e = NULL, *msg = NULL, *s = NULL, *em = NULL, *sha = NULL;
    int count = 0, skipped = 0;

    REQUIRE(lines_open(&l, "asymmetric/RSA/SigVer15EMTest.txt"));
    while (lines_next_pair(&l, &key, &value)) {
        struct test_key k = {0};
        struct blob m = {0}, sig = {0}, want = {0};
        const struct hash_alg *alg;
        uint8_t h[HASH_MAX_DIGEST], got[RSA_MAX_BYTES];
        struct rsa_public_key pub;
        int rc;

        if (strcmp(key, "n") == 0)
            n = value;
        else if (strcmp(key, "e") == 0)
            e = value;
        else if (strcmp(key, "Msg") == 0)
            msg = value;
        else if (strcmp(key, "S") == 0)
            s = value;
        else if (strncmp(key, "EM with", 7) == 0)
            em = value;
        else if (strcmp(key, "SHAAlg") == 0)
            sha = value;
        if (strcmp(key, "Result") != 0)
            continue;
        alg = nist_hash(sha);
        if (!alg) {
            skipped++;
            continue;
        }
        if (!blob_hex(&k.n, n) || !blob_hex(&k.e, e) || !blob_hex(&m, msg) ||
            !blob_hex(&sig, s) || !blob_hex(&want, em) || want.len != sig.len) {
            CHECK_MSG(0, "nist EM test:%d: malformed record", l.lineno);
        } else {
            raw_open(&k, sig.p, sig.len, got);
            CHECK_MSG(memcmp(got, want.p, want.len) == 0, "EM test:%d: s^e differs from the EM",
                      l.lineno);
            hash_digest(alg, m.p, m.len, h);
            pub = pub_of(&k);
            rc = rsa_pkcs1_verify(&pub, alg, h, alg->digest_size, sig.p, sig.len);
            CHECK_MSG(rc == CRYPTO_EVERIFY, "EM test:%d: verify returned %d", l.lineno, rc);
            count++;
        }
        test_key_free(&k);
        blob_free(&m);
        blob_free(&sig);
        blob_free(&want);
    }
    free(l.buf);
    CHECK_EQ(count, 120);
    CHECK_EQ(skipped, 30);
}

/* ---- RSA Laboratories example files ---- */

/*
 * pkcs1v15sign-vectors.txt and pss-vect.txt: labelled blocks of hex bytes
 * ("# Modulus:", then lines of "a5 6e ..."). A key's "Exponent" is e under
 * "# Public key" and d under "# Private key". A case is complete when the block
 * after its "# Signature:" ends.
 */
enum labs_field { LF_NONE, LF_N, LF_E, LF_D, LF_P, LF_Q, LF_DP, LF_DQ, LF_QINV, LF_MSG,
                  LF_SALT, LF_SIG, LF_COUNT };

struct labs_case {
    struct blob f[LF_COUNT];
};

static enum labs_field labs_label(const char *label, int private_part)
{
    static const struct {
        const char *name;
        enum labs_field field;
    } names[] = {
        {"Modulus:", LF_N},         {"Public exponent:", LF_E},  {"Prime 1:", LF_P},
        {"Prime 2:", LF_Q},         {"Prime exponent 1:", LF_DP}, {"Prime exponent 2:", LF_DQ},
        {"Coefficient:", LF_QINV},  {"Message to be signed:", LF_MSG}, {"Salt:", LF_SALT},
        {"Signature:", LF_SIG},
    };

    if (strcmp(label, "Exponent:") == 0)
        return private_part ? LF_D : LF_E;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(label, names[i].name) == 0)
            return names[i].field;
    return LF_NONE;
}

/* Append the hex bytes of a line like "a5 6e 4a" to b. Returns 0 on a malformed line. */
static int append_hex_line(struct blob *b, const char *line)
{
    char *tmp = strdup(line), *save, *tok;
    int ok = 1;

    for (tok = strtok_r(tmp, " ", &save); tok && ok; tok = strtok_r(NULL, " ", &save)) {
        size_t len;
        uint8_t *byte = vec_unhex(tok, &len);
        if (!byte || len != 1) {
            ok = 0;
        } else {
            b->p = realloc(b->p, b->len + 1);
            b->p[b->len++] = byte[0];
        }
        free(byte);
    }
    free(tmp);
    return ok;
}

typedef void (*labs_fn)(const struct labs_case *c, int line);

static int read_labs_file(const char *path, labs_fn fn)
{
    struct lines l;
    struct labs_case c = {0};
    enum labs_field cur = LF_NONE;
    int private_part = 0, count = 0;
    char *line;

    if (!lines_open(&l, path)) {
        CHECK_MSG(0, "cannot open %s", path);
        return -1;
    }
    while ((line = lines_get(&l))) {
        if (*line == '#') {
            char *label = trim(line + 1);
            if (cur == LF_SIG && c.f[LF_SIG].len) {
                fn(&c, l.lineno);
                count++;
            }
            if (strcmp(label, "Private key") == 0)
                private_part = 1;
            else if (strcmp(label, "Public key") == 0)
                private_part = 0;
            cur = labs_label(label, private_part);
            if (cur != LF_NONE)
                blob_free(&c.f[cur]);
        } else if (*line && cur != LF_NONE) {
            CHECK_MSG(append_hex_line(&c.f[cur], line), "%s:%d: bad hex line", path, l.lineno);
        }
    }
    if (cur == LF_SIG && c.f[LF_SIG].len) {
        fn(&c, l.lineno);
        count++;
    }
    for (int i = 0; i < LF_COUNT; i++)
        blob_free(&c.f[i]);
    free(l.buf);
    return count;
}

static struct test_key labs_key(const struct labs_case *c)
{
    struct test_key k = {c->f[LF_N], c->f[LF_E], c->f[LF_D],  c->f[LF_P],
                         c->f[LF_Q], c->f[LF_DP], c->f[LF_DQ], c->f[LF_QINV]};
    return k;
}

static int labs_extra_byte_cases;

/* Sign with the published CRT key and with derived CRT components; verify. */
static void labs_case_check(const struct labs_case *c, int line, int pss, const char *path)
{
    struct test_key k = labs_key(c);
    struct rsa_public_key pub = pub_of(&k);
    struct rsa_private_key priv = priv_of(&k), derived;
    struct rsa_crt_storage st;
    const struct blob *sig = &c->f[LF_SIG], *salt = &c->f[LF_SALT];
    uint8_t h[SHA1_DIGEST_SIZE], out[RSA_MAX_BYTES];
    int rc;

    sha1(c->f[LF_MSG].p, c->f[LF_MSG].len, h);
    if (pss)
        rc = rsa_pss_verify(&pub, &hash_sha1, &hash_sha1, salt->len, h, sizeof h, sig->p,
                            sig->len);
    else
        rc = rsa_pkcs1_verify(&pub, &hash_sha1, h, sizeof h, sig->p, sig->len);
    CHECK_MSG(rc == CRYPTO_OK, "%s:%d: verify returned %d", path, line, rc);

    if (pss)
        rc = rsa_pss_sign(&priv, &hash_sha1, &hash_sha1, salt->p, salt->len, h, sizeof h, out,
                          sig->len);
    else
        rc = rsa_pkcs1_sign(&priv, &hash_sha1, h, sizeof h, out, sig->len);
    CHECK_MSG(rc == CRYPTO_OK && memcmp(out, sig->p, sig->len) == 0,
              "%s:%d: signature differs from the published one (rc %d)", path, line, rc);

    /*
     * With a modulus of 8j + 1 bits the encoded message is one byte shorter than
     * the signature, and the representative's first byte must be zero: a valid
     * encoding behind a 01 byte (still below n) must be refused.
     */
    if (pss && k.n.p[0] == 0x01) {
        uint8_t em[RSA_MAX_BYTES];

        raw_open(&k, sig->p, sig->len, em);
        CHECK_MSG(em[0] == 0, "%s:%d: representative has a non-zero first byte", path, line);
        em[0] = 0x01;
        if (memcmp(em, k.n.p, sig->len) < 0) {
            raw_sign(&k, em, sig->len, out);
            rc = rsa_pss_verify(&pub, &hash_sha1, &hash_sha1, salt->len, h, sizeof h, out,
                                sig->len);
            CHECK_MSG(rc == CRYPTO_EVERIFY, "%s:%d: 01 in front of the EM accepted (rc %d)",
                      path, line, rc);
            labs_extra_byte_cases++;
        }
    }

    /* dp, dq and qinv derived from p, q and d equal the published ones. */
    derived = priv;
    derived.dp = derived.dq = derived.qinv = NULL;
    rc = rsa_private_key_complete(&derived, &st);
    CHECK_MSG(rc == CRYPTO_OK && same_number(derived.dp, derived.dp_len, k.dp.p, k.dp.len) &&
                  same_number(derived.dq, derived.dq_len, k.dq.p, k.dq.len) &&
                  same_number(derived.qinv, derived.qinv_len, k.qinv.p, k.qinv.len),
              "%s:%d: derived CRT components differ (rc %d)", path, line, rc);
}

static void labs_pkcs1(const struct labs_case *c, int line)
{
    labs_case_check(c, line, 0, "pkcs1v15sign-vectors.txt");
}

static void labs_pss(const struct labs_case *c, int line)
{
    labs_case_check(c, line, 1, "pss-vect.txt");
}

TEST(rsalabs_pkcs1v15_sign)
{
    CHECK_EQ(read_labs_file("asymmetric/RSA/pkcs1v15sign-vectors.txt", labs_pkcs1), 300);
}

TEST(rsalabs_pss_vect)
{
    labs_extra_byte_cases = 0;
    CHECK_EQ(read_labs_file("asymmetric/RSA/pkcs-1v2-1d2-vec/pss-vect.txt", labs_pss), 60);
    CHECK(labs_extra_byte_cases > 0);
}

/* ---- hand-made malformed encodings ---- */

/*
 * The key of the first record of a SigVer file whose modulus has `bits` bits
 * (P record). Callers keep k static, so a REQUIRE that ends a case early leaves
 * it reachable rather than leaked.
 */
static int load_nist_key(const char *path, size_t bits, struct test_key *k)
{
    struct lines l;
    char *key, *value;
    const char *n = NULL, *p = NULL, *q = NULL, *e = NULL, *d = NULL;
    int found = 0;

    test_key_free(k);
    if (!lines_open(&l, path))
        return 0;
    while (!found && lines_next_pair(&l, &key, &value)) {
        if (strcmp(key, "n") == 0)
            n = value;
        else if (strcmp(key, "p") == 0)
            p = value;
        else if (strcmp(key, "q") == 0)
            q = value;
        else if (strcmp(key, "e") == 0)
            e = value;
        else if (strcmp(key, "d") == 0)
            d = value;
        else if (strcmp(key, "Result") == 0 && value[0] == 'P' && strlen(n) * 4 == bits) {
            found = blob_hex(&k->n, n) && blob_hex(&k->e, e) && blob_hex(&k->d, d) &&
                    blob_hex(&k->p, p) && blob_hex(&k->q, q);
        }
    }
    free(l.buf);
    return found;
}

/* Build 00 01 FF.. 00 || prefix || hash || trailer into em (k bytes) with `pad` FF bytes. */
static void build_em(uint8_t *em, size_t k, uint8_t type, const uint8_t *prefix, size_t plen,
                     const uint8_t *hash, size_t hlen, size_t trailer)
{
    size_t pad = k - 3 - plen - hlen - trailer;

    em[0] = 0x00;
    em[1] = type;
    memset(em + 2, 0xff, pad);
    em[2 + pad] = 0x00;
    memcpy(em + 3 + pad, prefix, plen);
    memcpy(em + 3 + pad + plen, hash, hlen);
    memset(em + 3 + pad + plen + hlen, 0x00, trailer);
}

TEST(pkcs1_rejects_malformed)
{
    static const uint8_t di256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
    /* The same DigestInfo without the NULL parameters (lengths adjusted). */
    static const uint8_t di256_noparam[] = {0x30, 0x2f, 0x30, 0x0b, 0x06, 0x09, 0x60, 0x86,
                                            0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x04, 0x20};
    static struct test_key k;
    struct rsa_public_key pub;
    uint8_t h[32], em[RSA_MAX_BYTES], sig[RSA_MAX_BYTES + 1], di[sizeof di256];
    size_t kb;
    struct bn nb, one;

    REQUIRE(load_nist_key(NIST "SigVer15_186-3.rsp", 2048, &k));
    pub = pub_of(&k);
    kb = k.n.len;
    sha256("abc", 3, h);

    /* The well-formed encoding, made the same way, verifies: the method works. */
    build_em(em, kb, 0x01, di256, sizeof di256, h, sizeof h, 0);
    raw_sign(&k, em, kb, sig);
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig, kb), CRYPTO_OK);
    /* ...and not for another digest, nor as SHA-384 or SHA-1 with their lengths. */
    h[31] ^= 1;
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig, kb), CRYPTO_EVERIFY);
    h[31] ^= 1;
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha1, h, 20, sig, kb), CRYPTO_EVERIFY);
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 31, sig, kb), CRYPTO_EINVAL);

    /* Signature length: one byte short, one byte long (even with a leading zero). */
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig + 1, kb - 1), CRYPTO_EINVAL);
    memmove(sig + 1, sig, kb);
    sig[0] = 0;
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig, kb + 1), CRYPTO_EINVAL);
    /* s = n and s = n + 1 are out of range. */
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, k.n.p, kb), CRYPTO_EINVAL);
    bn_from_bytes(&nb, k.n.p, kb);
    bn_set_u32(&one, 1);
    bn_add(&nb, &nb, &one);
    bn_to_bytes(&nb, sig, kb);
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);

    /* Malformed encodings, each signed properly. */
    {
        struct {
            const char *what;
            uint8_t type;
            const uint8_t *prefix;
            size_t plen, trailer;
            int corrupt_at; /* index into em to change, or -1 */
        } bad[] = {
            {"DigestInfo without NULL parameters", 1, di256_noparam, sizeof di256_noparam, 0, -1},
            {"trailing byte after the digest", 1, di256, sizeof di256, 1, -1},
            {"block type 2", 2, di256, sizeof di256, 0, -1},
            {"a padding byte not FF", 1, di256, sizeof di256, 0, 10},
            {"no zero separator", 1, di256, sizeof di256, 0, -2},
            {"first byte not zero", 1, di256, sizeof di256, 0, 0},
            {"OID changed", 1, di, sizeof di, 0, -1},
        };
        memcpy(di, di256, sizeof di);
        di[14] = 0x02; /* sha384's OID arc under a SHA-256-sized digest */
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            build_em(em, kb, bad[i].type, bad[i].prefix, bad[i].plen, h, sizeof h,
                     bad[i].trailer);
            if (bad[i].corrupt_at >= 0)
                em[bad[i].corrupt_at] ^= 0x01;
            if (bad[i].corrupt_at == -2)
                em[kb - sizeof h - bad[i].plen - 1] = 0xff;
            REQUIRE(memcmp(em, k.n.p, kb) < 0); /* a representative below n */
            raw_sign(&k, em, kb, sig);
            CHECK_MSG(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig, kb) == CRYPTO_EVERIFY,
                      "accepted: %s", bad[i].what);
        }
    }
    test_key_free(&k);
}

TEST(pss_rejects_malformed)
{
    static struct test_key k;
    struct rsa_public_key pub;
    struct rsa_private_key priv;
    uint8_t h[32], salt[32], sig[RSA_MAX_BYTES], em[RSA_MAX_BYTES], em2[RSA_MAX_BYTES];
    size_t kb;

    REQUIRE(load_nist_key(NIST "SigVerPSS_186-3.rsp", 2048, &k));
    pub = pub_of(&k);
    priv = priv_of(&k);
    priv.p = NULL; /* sign with d */
    kb = k.n.len;
    sha256("abc", 3, h);
    for (size_t i = 0; i < sizeof salt; i++)
        salt[i] = (uint8_t)(i * 7 + 1);

    REQUIRE(rsa_pss_sign(&priv, &hash_sha256, &hash_sha256, salt, 32, h, 32, sig, kb) ==
            CRYPTO_OK);
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, 32, h, 32, sig, kb), CRYPTO_OK);
    /* Wrong expectations: salt length, MGF hash, digest, hash. */
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, 31, h, 32, sig, kb),
             CRYPTO_EVERIFY);
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, 33, h, 32, sig, kb),
             CRYPTO_EVERIFY);
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha1, 32, h, 32, sig, kb),
             CRYPTO_EVERIFY);
    h[5] ^= 0x10;
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, 32, h, 32, sig, kb),
             CRYPTO_EVERIFY);
    h[5] ^= 0x10;
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha512, &hash_sha256, 32, h, 32, sig, kb),
             CRYPTO_EINVAL);
    /* A salt longer than the encoding allows. */
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, kb, h, 32, sig, kb),
             CRYPTO_EVERIFY);

    /* Changes to the encoded message itself, re-signed with d. */
    raw_open(&k, sig, kb, em);
    CHECK_EQ(em[kb - 1], 0xbc);
    {
        struct {
            const char *what;
            size_t at;
            uint8_t x;
        } bad[] = {
            {"trailer not BC", kb - 1, 0x01},
            {"top bit of maskedDB set", 0, 0x80},
            {"H changed", kb - 2, 0x01},
            {"padding byte of DB changed", 3, 0x01},
            {"the 01 separator changed", kb - 33 - 32 - 1, 0x01},
            {"salt changed", kb - 33 - 5, 0x01},
        };
        for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            memcpy(em2, em, kb);
            em2[bad[i].at] ^= bad[i].x;
            REQUIRE(memcmp(em2, k.n.p, kb) < 0); /* a representative below n */
            raw_sign(&k, em2, kb, sig);
            CHECK_MSG(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, 32, h, 32, sig, kb) ==
                          CRYPTO_EVERIFY,
                      "accepted: %s", bad[i].what);
        }
        /* The unchanged encoding passes through the same path. */
        raw_sign(&k, em, kb, sig);
        CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, 32, h, 32, sig, kb),
                 CRYPTO_OK);
    }
    test_key_free(&k);
}

/* ---- parameters, faults ---- */

TEST(parameter_checks)
{
    static struct test_key k;
    struct rsa_public_key pub;
    struct rsa_private_key priv;
    struct hash_alg fake = hash_sha256; /* the same functions, but not a known descriptor */
    uint8_t h[32] = {1}, sig[RSA_MAX_BYTES + 8], n[RSA_MAX_BYTES + 8], e[4];
    size_t kb;

    REQUIRE(load_nist_key(NIST "SigVer15_186-3.rsp", 2048, &k));
    pub = pub_of(&k);
    priv = priv_of(&k);
    priv.p = NULL;
    kb = k.n.len;
    CHECK_EQ(rsa_modulus_size(k.n.p, kb), kb);

    REQUIRE(rsa_pkcs1_sign(&priv, &hash_sha256, h, 32, sig, kb) == CRYPTO_OK);
    CHECK_EQ(rsa_pkcs1_verify(&pub, &hash_sha256, h, 32, sig, kb), CRYPTO_OK);
    /* Leading zero bytes in n and e are accepted. */
    n[0] = 0;
    memcpy(n + 1, k.n.p, kb);
    {
        struct rsa_public_key padded = {n, kb + 1, k.e.p, k.e.len};
        CHECK_EQ(rsa_modulus_size(n, kb + 1), kb);
        CHECK_EQ(rsa_pkcs1_verify(&padded, &hash_sha256, h, 32, sig, kb), CRYPTO_OK);
    }
    /* Unknown hash descriptors. */
    CHECK_EQ(rsa_pkcs1_verify(&pub, &fake, h, 32, sig, kb), CRYPTO_EUNSUPPORTED);
    CHECK_EQ(rsa_pkcs1_sign(&priv, &fake, h, 32, sig, kb), CRYPTO_EUNSUPPORTED);
    CHECK_EQ(rsa_pss_verify(&pub, &fake, &hash_sha256, 32, h, 32, sig, kb), CRYPTO_EUNSUPPORTED);
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &fake, 32, h, 32, sig, kb), CRYPTO_EUNSUPPORTED);
    CHECK_EQ(rsa_pss_sign(&priv, &hash_sha256, &fake, h, 32, h, 32, sig, kb),
             CRYPTO_EUNSUPPORTED);
    CHECK_EQ(rsa_pkcs1_verify(&pub, NULL, h, 32, sig, kb), CRYPTO_EUNSUPPORTED);
    /* Digest of the wrong length; output of the wrong size; salt too long. */
    CHECK_EQ(rsa_pkcs1_sign(&priv, &hash_sha256, h, 20, sig, kb), CRYPTO_EINVAL);
    CHECK_EQ(rsa_pkcs1_sign(&priv, &hash_sha256, h, 32, sig, kb - 1), CRYPTO_ERANGE);
    CHECK_EQ(rsa_pkcs1_sign(&priv, &hash_sha256, h, 32, sig, kb + 1), CRYPTO_ERANGE);
    CHECK_EQ(rsa_pss_sign(&priv, &hash_sha256, &hash_sha256, n, kb - 33, h, 32, sig, kb),
             CRYPTO_EINVAL);
    CHECK_EQ(rsa_pss_sign(&priv, &hash_sha256, &hash_sha256, n, kb - 34, h, 32, sig, kb),
             CRYPTO_OK);
    CHECK_EQ(rsa_pss_verify(&pub, &hash_sha256, &hash_sha256, kb - 34, h, 32, sig, kb),
             CRYPTO_OK);
    /* Moduli of 1016 and 4104 bits are not supported. */
    {
        struct rsa_public_key small = {k.n.p, 127, k.e.p, k.e.len};
        struct rsa_public_key big = {n, 513, k.e.p, k.e.len};
        memset(n, 0xff, 513);
        CHECK_EQ(rsa_pkcs1_verify(&small, &hash_sha256, h, 32, sig, 127), CRYPTO_EUNSUPPORTED);
        CHECK_EQ(rsa_pkcs1_verify(&big, &hash_sha256, h, 32, sig, 513), CRYPTO_EUNSUPPORTED);
    }
    /* An even modulus; e = 1, e even, e >= n. */
    {
        struct rsa_public_key bad = pub;
        memcpy(n, k.n.p, kb);
        n[kb - 1] ^= 1;
        bad.n = n;
        CHECK_EQ(rsa_pkcs1_verify(&bad, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
        bad = pub;
        bad.e = e;
        bad.e_len = 1;
        e[0] = 1;
        CHECK_EQ(rsa_pkcs1_verify(&bad, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
        e[0] = 4;
        CHECK_EQ(rsa_pkcs1_verify(&bad, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
        bad.e = k.n.p;
        bad.e_len = kb;
        CHECK_EQ(rsa_pkcs1_verify(&bad, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
        bad.e = NULL;
        CHECK_EQ(rsa_pkcs1_verify(&bad, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
    }
    /* CRT form with a component missing. */
    priv = priv_of(&k);
    CHECK_EQ(rsa_pkcs1_sign(&priv, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
    test_key_free(&k);
}

/* A signature computed with a faulty CRT component is never released. */
TEST(faulty_key_is_caught)
{
    static struct test_key k;
    struct rsa_private_key priv, faulty;
    struct rsa_crt_storage st;
    uint8_t h[32] = {7}, sig[RSA_MAX_BYTES], zero[RSA_MAX_BYTES] = {0};
    uint8_t buf[RSA_MAX_BYTES];
    size_t kb;

    REQUIRE(load_nist_key(NIST "SigVer15_186-3.rsp", 2048, &k));
    kb = k.n.len;
    priv = priv_of(&k);
    REQUIRE(rsa_private_key_complete(&priv, &st) == CRYPTO_OK);
    REQUIRE(rsa_pkcs1_sign(&priv, &hash_sha256, h, 32, sig, kb) == CRYPTO_OK);

    const struct {
        const char *what;
        size_t off; /* offset of the field pointer in struct rsa_private_key */
        size_t len_off;
    } fields[] = {
        {"dp", offsetof(struct rsa_private_key, dp), offsetof(struct rsa_private_key, dp_len)},
        {"dq", offsetof(struct rsa_private_key, dq), offsetof(struct rsa_private_key, dq_len)},
        {"qinv", offsetof(struct rsa_private_key, qinv),
         offsetof(struct rsa_private_key, qinv_len)},
        {"p", offsetof(struct rsa_private_key, p), offsetof(struct rsa_private_key, p_len)},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        const uint8_t **ptr;
        size_t len;

        faulty = priv;
        ptr = (const uint8_t **)((char *)&faulty + fields[i].off);
        len = *(size_t *)((char *)&faulty + fields[i].len_off);
        memcpy(buf, *ptr, len);
        buf[len / 2] ^= 0x04;
        *ptr = buf;
        memset(sig, 0x55, kb);
        CHECK_MSG(rsa_pkcs1_sign(&faulty, &hash_sha256, h, 32, sig, kb) == CRYPTO_EINVAL,
                  "faulty %s accepted", fields[i].what);
        CHECK_MSG(memcmp(sig, zero, kb) == 0, "output not cleared after faulty %s",
                  fields[i].what);
    }
    /* Without the CRT: a wrong d. */
    faulty = priv;
    faulty.p = NULL;
    memcpy(buf, k.d.p, k.d.len);
    buf[k.d.len - 1] ^= 0x02;
    faulty.d = buf;
    CHECK_EQ(rsa_pkcs1_sign(&faulty, &hash_sha256, h, 32, sig, kb), CRYPTO_EINVAL);
    CHECK_MEM(sig, zero, kb);
    /* A p that does not divide n is refused at completion. */
    faulty = priv;
    memcpy(buf, priv.p, priv.p_len);
    buf[priv.p_len - 1] ^= 0x02;
    faulty.p = buf;
    faulty.dp = NULL;
    CHECK_EQ(rsa_private_key_complete(&faulty, &st), CRYPTO_EINVAL);
    /* Recovery from a wrong d fails. */
    faulty = priv;
    faulty.p = NULL;
    memcpy(buf, k.d.p, k.d.len);
    buf[k.d.len - 1] ^= 0x02;
    faulty.d = buf;
    faulty.q = NULL;
    CHECK(rsa_private_key_complete(&faulty, &st) != CRYPTO_OK);
    test_key_free(&k);
}
