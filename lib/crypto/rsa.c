/*
 * rsa.c - RSA signatures of RFC 8017: RSASSA-PKCS1-v1_5 and RSASSA-PSS (with
 * MGF1), signing and verification, for moduli of 1024 to 4096 bits and the
 * hashes SHA-1, SHA-256, SHA-384 and SHA-512.
 *
 * Verification is RSAVP1 (s^e mod n with the variable-time exponentiation: all
 * of it is public) followed by a strict decoding. For PKCS#1 v1.5 the expected
 * encoded message is built and compared as a whole, so any difference (padding,
 * DigestInfo, trailing bytes) is a failure; PSS follows EMSA-PSS-VERIFY step by
 * step with every check of the RFC.
 *
 * Signing is RSASP1 with the CRT (two half-size constant-time exponentiations
 * and Garner's recombination) or, without p and q, one full-size constant-time
 * exponentiation with d. Each signature is verified with the public key before
 * it is released, so a fault in the private computation, which could reveal a
 * prime factor through the CRT, never leaves this file. Secrets in temporaries
 * are wiped before returning.
 *
 * Stack use stays below about 14 KiB (i386, 4096 bits): the large numbers live in the
 * frames of short helper functions that return before the next one runs.
 */
#include <string.h>

#include "bignum.h"
#include "ct.h"
#include "error.h"
#include "rsa.h"

/* Keeps a helper's big locals out of its caller's frame (see the stack note above). */
#define RSA_NOINLINE __attribute__((noinline))

#define RSA_MIN_BITS 1024
#define RSA_MAX_BITS 4096

/* DER of DigestInfo up to the digest itself (RFC 8017 section 9.2, note 1). */
static const uint8_t di_sha1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                  0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
static const uint8_t di_sha256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};
static const uint8_t di_sha384[] = {0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30};
static const uint8_t di_sha512[] = {0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40};

/* The DigestInfo prefix for alg, or NULL for a hash this file does not support. */
static const uint8_t *digest_info(const struct hash_alg *alg, size_t *len)
{
    if (alg == &hash_sha1) {
        *len = sizeof di_sha1;
        return di_sha1;
    }
    if (alg == &hash_sha256) {
        *len = sizeof di_sha256;
        return di_sha256;
    }
    if (alg == &hash_sha384) {
        *len = sizeof di_sha384;
        return di_sha384;
    }
    if (alg == &hash_sha512) {
        *len = sizeof di_sha512;
        return di_sha512;
    }
    return NULL;
}

static int hash_supported(const struct hash_alg *alg)
{
    size_t len;
    return digest_info(alg, &len) != NULL;
}

/* Drop leading zero bytes of a public value. */
static void skip_zeros(const uint8_t **p, size_t *len)
{
    while (*len > 0 && **p == 0) {
        (*p)++;
        (*len)--;
    }
}

size_t rsa_modulus_size(const uint8_t *n, size_t n_len)
{
    skip_zeros(&n, &n_len);
    return n_len;
}

/* ---- the public key and RSAVP1 ---- */

struct rsa_pub {
    struct bn_mont mont; /* modulus n */
    struct bn e;
    size_t bits;         /* bit length of n */
    size_t k;            /* byte length of n: the signature size */
};

/* Parse and check (n, e): 1024..4096-bit odd n; odd e with 3 <= e < n. */
static int load_public(struct rsa_pub *pub, const uint8_t *n, size_t n_len, const uint8_t *e,
                       size_t e_len)
{
    struct bn nb;
    int rc;

    if (!n || !e)
        return CRYPTO_EINVAL;
    skip_zeros(&n, &n_len);
    skip_zeros(&e, &e_len);
    if (n_len > RSA_MAX_BYTES)
        return CRYPTO_EUNSUPPORTED;
    bn_from_bytes(&nb, n, n_len);
    pub->bits = bn_bits(&nb);
    if (pub->bits < RSA_MIN_BITS || pub->bits > RSA_MAX_BITS)
        return CRYPTO_EUNSUPPORTED;
    pub->k = (pub->bits + 7) / 8;
    rc = bn_mont_init(&pub->mont, &nb);
    if (rc != CRYPTO_OK)
        return CRYPTO_EINVAL;
    if (e_len == 0 || e_len > n_len)
        return CRYPTO_EINVAL;
    bn_from_bytes(&pub->e, e, e_len);
    if ((pub->e.v[0] & 1) == 0 || bn_bits(&pub->e) < 2 || bn_cmp(&pub->e, &nb) >= 0)
        return CRYPTO_EINVAL;
    return CRYPTO_OK;
}

/* em = s^e mod n as k bytes (RSAVP1), for a signature of exactly k bytes with s < n. */
static int public_op(const struct rsa_pub *pub, const uint8_t *sig, size_t sig_len, uint8_t *em)
{
    struct bn s, n;

    if (!sig || sig_len != pub->k)
        return CRYPTO_EINVAL;
    bn_from_bytes(&s, sig, sig_len);
    memcpy(n.v, pub->mont.m, pub->mont.k * sizeof n.v[0]);
    n.len = pub->mont.k;
    if (bn_cmp(&s, &n) >= 0)
        return CRYPTO_EINVAL;
    bn_mod_exp_public(&pub->mont, &s, &s, &pub->e);
    return bn_to_bytes(&s, em, pub->k);
}

/* ---- encodings ---- */

/* EMSA-PKCS1-v1_5: em = 00 01 FF..FF 00 DigestInfo(hash), k bytes. */
static int pkcs1_encode(const struct hash_alg *alg, const uint8_t *hash, size_t hash_len,
                        uint8_t *em, size_t k)
{
    size_t di_len, t_len;
    const uint8_t *di = digest_info(alg, &di_len);

    if (!di)
        return CRYPTO_EUNSUPPORTED;
    if (!hash || hash_len != alg->digest_size)
        return CRYPTO_EINVAL;
    t_len = di_len + hash_len;
    if (k < t_len + 11) /* at least 8 bytes of FF; always true from 1024 bits */
        return CRYPTO_EINVAL;
    em[0] = 0x00;
    em[1] = 0x01;
    memset(em + 2, 0xff, k - t_len - 3);
    em[k - t_len - 1] = 0x00;
    memcpy(em + k - t_len, di, di_len);
    memcpy(em + k - hash_len, hash, hash_len);
    return CRYPTO_OK;
}

/* out[0..len) ^= MGF1(seed, len) over alg. */
static void mgf1_xor(const struct hash_alg *alg, const uint8_t *seed, size_t seed_len,
                     uint8_t *out, size_t len)
{
    union hash_ctx ctx;
    uint8_t block[HASH_MAX_DIGEST], counter[4];

    for (uint32_t c = 0; len > 0; c++) {
        size_t n = len < alg->digest_size ? len : alg->digest_size;

        counter[0] = (uint8_t)(c >> 24);
        counter[1] = (uint8_t)(c >> 16);
        counter[2] = (uint8_t)(c >> 8);
        counter[3] = (uint8_t)c;
        alg->init(&ctx);
        alg->update(&ctx, seed, seed_len);
        alg->update(&ctx, counter, 4);
        alg->final(&ctx, block);
        for (size_t i = 0; i < n; i++)
            out[i] ^= block[i];
        out += n;
        len -= n;
    }
    ct_wipe(block, sizeof block);
}

/* H = Hash(00 00 00 00 00 00 00 00 || mHash || salt). */
static void pss_hash(const struct hash_alg *alg, const uint8_t *mhash, const uint8_t *salt,
                     size_t salt_len, uint8_t *h)
{
    static const uint8_t zeros[8];
    union hash_ctx ctx;

    alg->init(&ctx);
    alg->update(&ctx, zeros, sizeof zeros);
    alg->update(&ctx, mhash, alg->digest_size);
    if (salt_len)
        alg->update(&ctx, salt, salt_len);
    alg->final(&ctx, h);
}

static int pss_params(const struct hash_alg *alg, const struct hash_alg *mgf_alg,
                      const uint8_t *hash, size_t hash_len)
{
    if (!hash_supported(alg) || !hash_supported(mgf_alg))
        return CRYPTO_EUNSUPPORTED;
    if (!hash || hash_len != alg->digest_size)
        return CRYPTO_EINVAL;
    return CRYPTO_OK;
}

/*
 * EMSA-PSS-ENCODE into em[0..k) for a modulus of `bits` bits: emBits = bits - 1
 * and emLen = ceil(emBits / 8), which is k or k - 1; in the latter case em[0]
 * is a zero byte in front of the encoded message.
 */
static int pss_encode(const struct hash_alg *alg, const struct hash_alg *mgf_alg,
                      const uint8_t *salt, size_t salt_len, const uint8_t *mhash, uint8_t *em,
                      size_t k, size_t bits)
{
    size_t em_bits = bits - 1, em_len = (em_bits + 7) / 8, h_len = alg->digest_size, db_len;
    uint8_t *m = em + (k - em_len);

    if (salt_len > em_len || em_len - salt_len < h_len + 2)
        return CRYPTO_EINVAL;
    if (salt_len && !salt)
        return CRYPTO_EINVAL;
    db_len = em_len - h_len - 1;
    memset(em, 0, k);
    /* DB = PS (zeros) || 01 || salt, then H, then BC. */
    m[db_len - salt_len - 1] = 0x01;
    if (salt_len)
        memcpy(m + db_len - salt_len, salt, salt_len);
    pss_hash(alg, mhash, salt, salt_len, m + db_len);
    mgf1_xor(mgf_alg, m + db_len, h_len, m, db_len);
    m[0] &= 0xff >> (8 * em_len - em_bits);
    m[em_len - 1] = 0xbc;
    return CRYPTO_OK;
}

/* ---- verification ---- */

int rsa_pkcs1_verify(const struct rsa_public_key *key, const struct hash_alg *alg,
                     const uint8_t *hash, size_t hash_len, const uint8_t *sig, size_t sig_len)
{
    struct rsa_pub pub;
    uint8_t em[RSA_MAX_BYTES], want[RSA_MAX_BYTES];
    int rc;

    if (!key)
        return CRYPTO_EINVAL;
    if (!hash_supported(alg))
        return CRYPTO_EUNSUPPORTED;
    rc = load_public(&pub, key->n, key->n_len, key->e, key->e_len);
    if (rc == CRYPTO_OK)
        rc = pkcs1_encode(alg, hash, hash_len, want, pub.k);
    if (rc == CRYPTO_OK)
        rc = public_op(&pub, sig, sig_len, em);
    if (rc == CRYPTO_OK && !ct_memeq(em, want, pub.k))
        rc = CRYPTO_EVERIFY;
    return rc;
}

int rsa_pss_verify(const struct rsa_public_key *key, const struct hash_alg *alg,
                   const struct hash_alg *mgf_alg, size_t salt_len, const uint8_t *hash,
                   size_t hash_len, const uint8_t *sig, size_t sig_len)
{
    struct rsa_pub pub;
    uint8_t buf[RSA_MAX_BYTES], h2[HASH_MAX_DIGEST], *em;
    size_t em_bits, em_len, h_len, db_len, ps_len, top;
    uint8_t bad;
    int rc;

    if (!key)
        return CRYPTO_EINVAL;
    rc = pss_params(alg, mgf_alg, hash, hash_len);
    if (rc == CRYPTO_OK)
        rc = load_public(&pub, key->n, key->n_len, key->e, key->e_len);
    if (rc == CRYPTO_OK)
        rc = public_op(&pub, sig, sig_len, buf);
    if (rc != CRYPTO_OK)
        return rc;

    /* Everything below works on public data. */
    em_bits = pub.bits - 1;
    em_len = (em_bits + 7) / 8;
    em = buf + (pub.k - em_len);
    h_len = alg->digest_size;
    if (em_len < pub.k && buf[0] != 0) /* the representative needs more than emLen bytes */
        return CRYPTO_EVERIFY;
    if (salt_len > em_len || em_len - salt_len < h_len + 2)
        return CRYPTO_EVERIFY;
    if (em[em_len - 1] != 0xbc)
        return CRYPTO_EVERIFY;
    db_len = em_len - h_len - 1;
    top = 8 * em_len - em_bits; /* leftmost bits of maskedDB that must be zero */
    if (em[0] & (uint8_t)~(0xff >> top))
        return CRYPTO_EVERIFY;
    mgf1_xor(mgf_alg, em + db_len, h_len, em, db_len);
    em[0] &= 0xff >> top;
    ps_len = db_len - salt_len - 1;
    bad = 0;
    for (size_t i = 0; i < ps_len; i++)
        bad |= em[i];
    if (bad || em[ps_len] != 0x01)
        return CRYPTO_EVERIFY;
    pss_hash(alg, hash, em + db_len - salt_len, salt_len, h2);
    return ct_memeq(h2, em + db_len, h_len) ? CRYPTO_OK : CRYPTO_EVERIFY;
}

/* ---- RSASP1 ---- */

/* sig = em^d mod n, both k bytes, without the CRT. */
static RSA_NOINLINE int private_plain(const struct rsa_private_key *key, const uint8_t *em,
                                      size_t k, uint8_t *sig)
{
    struct bn_mont mont;
    struct bn x, d;
    int rc;

    if (!key->d || bn_from_bytes(&d, key->d, key->d_len) != CRYPTO_OK)
        return CRYPTO_EINVAL;
    bn_from_bytes(&x, key->n, key->n_len); /* checked by load_public */
    rc = bn_mont_init(&mont, &x);
    if (rc == CRYPTO_OK) {
        bn_from_bytes(&x, em, k);
        bn_mod_exp_secret(&mont, &x, &x, &d);
        rc = bn_to_bytes(&x, sig, k);
    }
    bn_wipe(&x);
    bn_wipe(&d);
    return rc;
}

/* out = c^exp mod prime (one half of the CRT). */
static RSA_NOINLINE int crt_exp(const uint8_t *prime, size_t prime_len, const uint8_t *exp,
                                size_t exp_len, const struct bn *c, struct bn *out)
{
    struct bn_mont mont;
    struct bn x;
    int rc = CRYPTO_EINVAL;

    if (bn_from_bytes(&x, prime, prime_len) == CRYPTO_OK &&
        bn_mont_init(&mont, &x) == CRYPTO_OK &&
        bn_from_bytes(&x, exp, exp_len) == CRYPTO_OK) {
        bn_mod_exp_secret(&mont, out, c, &x);
        rc = CRYPTO_OK;
    }
    bn_mont_wipe(&mont);
    bn_wipe(&x);
    return rc;
}

/* Garner: out = m2 + q * (qinv * (m1 - m2) mod p). m1 is overwritten. */
static RSA_NOINLINE int crt_combine(const struct rsa_private_key *key, struct bn *m1,
                                    const struct bn *m2, struct bn *out)
{
    struct bn_mont mont;
    struct bn t;
    int rc = CRYPTO_EINVAL;

    if (bn_from_bytes(&t, key->p, key->p_len) != CRYPTO_OK ||
        bn_mont_init(&mont, &t) != CRYPTO_OK)
        goto done;
    bn_mod_reduce(&mont, &t, m2);
    bn_mod_sub(&mont, m1, m1, &t);
    if (bn_from_bytes(&t, key->qinv, key->qinv_len) != CRYPTO_OK)
        goto done;
    bn_mod_mul(&mont, m1, m1, &t);
    if (bn_from_bytes(&t, key->q, key->q_len) != CRYPTO_OK || bn_mul(out, &t, m1) != CRYPTO_OK)
        goto done;
    bn_add(out, out, m2); /* below n for a consistent key; the result check covers the rest */
    rc = CRYPTO_OK;
done:
    bn_mont_wipe(&mont);
    bn_wipe(&t);
    return rc;
}

/* sig = em^d mod n, both k bytes, with the CRT. */
static RSA_NOINLINE int private_crt(const struct rsa_private_key *key, const uint8_t *em,
                                    size_t k, uint8_t *sig)
{
    struct bn c, m1, m2;
    int rc;

    if (!key->q || !key->dp || !key->dq || !key->qinv)
        return CRYPTO_EINVAL;
    bn_from_bytes(&c, em, k);
    rc = crt_exp(key->p, key->p_len, key->dp, key->dp_len, &c, &m1);
    if (rc == CRYPTO_OK)
        rc = crt_exp(key->q, key->q_len, key->dq, key->dq_len, &c, &m2);
    if (rc == CRYPTO_OK)
        rc = crt_combine(key, &m1, &m2, &c);
    if (rc == CRYPTO_OK)
        rc = bn_to_bytes(&c, sig, k) == CRYPTO_OK ? CRYPTO_OK : CRYPTO_EINVAL;
    bn_wipe(&c);
    bn_wipe(&m1);
    bn_wipe(&m2);
    return rc;
}

/* The signature must verify: em == sig^e mod n. */
static RSA_NOINLINE int check_signature(const struct rsa_private_key *key, const uint8_t *em,
                                        size_t k, const uint8_t *sig)
{
    struct rsa_pub pub;
    uint8_t back[RSA_MAX_BYTES];

    if (load_public(&pub, key->n, key->n_len, key->e, key->e_len) != CRYPTO_OK ||
        public_op(&pub, sig, k, back) != CRYPTO_OK)
        return CRYPTO_EINVAL;
    return ct_memeq(back, em, k) ? CRYPTO_OK : CRYPTO_EINVAL;
}

/* Sign the k-byte encoded message em into sig; nothing but a checked signature comes out. */
static int sign_em(const struct rsa_private_key *key, const uint8_t *em, size_t k, uint8_t *sig)
{
    int rc = key->p ? private_crt(key, em, k, sig) : private_plain(key, em, k, sig);

    if (rc == CRYPTO_OK)
        rc = check_signature(key, em, k, sig);
    if (rc != CRYPTO_OK)
        ct_wipe(sig, k);
    return rc;
}

/* Check the public half of a private key. */
static int check_public(const struct rsa_private_key *key)
{
    struct rsa_pub pub;

    return load_public(&pub, key->n, key->n_len, key->e, key->e_len);
}

/* Check the public half of key and that sig_len is its modulus size; *bits gets n's size. */
static int sign_prepare(const struct rsa_private_key *key, uint8_t *sig, size_t sig_len,
                        size_t *bits)
{
    struct rsa_pub pub;
    int rc;

    if (!key || !sig)
        return CRYPTO_EINVAL;
    rc = load_public(&pub, key->n, key->n_len, key->e, key->e_len);
    if (rc != CRYPTO_OK)
        return rc;
    if (sig_len != pub.k)
        return CRYPTO_ERANGE;
    *bits = pub.bits;
    return CRYPTO_OK;
}

int rsa_pkcs1_sign(const struct rsa_private_key *key, const struct hash_alg *alg,
                   const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len)
{
    uint8_t em[RSA_MAX_BYTES];
    size_t bits;
    int rc;

    if (!hash_supported(alg))
        return CRYPTO_EUNSUPPORTED;
    rc = sign_prepare(key, sig, sig_len, &bits);
    if (rc == CRYPTO_OK)
        rc = pkcs1_encode(alg, hash, hash_len, em, sig_len);
    if (rc == CRYPTO_OK)
        rc = sign_em(key, em, sig_len, sig);
    return rc;
}

int rsa_pss_sign(const struct rsa_private_key *key, const struct hash_alg *alg,
                 const struct hash_alg *mgf_alg, const uint8_t *salt, size_t salt_len,
                 const uint8_t *hash, size_t hash_len, uint8_t *sig, size_t sig_len)
{
    uint8_t em[RSA_MAX_BYTES];
    size_t bits;
    int rc;

    rc = pss_params(alg, mgf_alg, hash, hash_len);
    if (rc == CRYPTO_OK)
        rc = sign_prepare(key, sig, sig_len, &bits);
    if (rc == CRYPTO_OK)
        rc = pss_encode(alg, mgf_alg, salt, salt_len, hash, em, sig_len, bits);
    if (rc == CRYPTO_OK)
        rc = sign_em(key, em, sig_len, sig);
    ct_wipe(em, sizeof em); /* holds the salt, which some protocols keep secret */
    return rc;
}

/* ---- key completion ---- */

/* r = odd part of d * e - 1, with d * e - 1 = 2^t * r. */
static RSA_NOINLINE int odd_part_of_de1(const struct rsa_private_key *key, struct bn *r, size_t *t)
{
    struct bn d, e, one;
    const uint8_t *eb = key->e;
    size_t e_len = key->e_len, bits;
    int rc = CRYPTO_EINVAL;

    skip_zeros(&eb, &e_len);
    bn_set_u32(&one, 1);
    if (bn_from_bytes(&d, key->d, key->d_len) != CRYPTO_OK ||
        bn_from_bytes(&e, eb, e_len) != CRYPTO_OK || bn_mul(r, &d, &e) != CRYPTO_OK)
        goto done;
    bn_sub(r, r, &one);
    bits = bn_bits(r);
    for (*t = 0; *t < bits && !((r->v[*t / 32] >> (*t % 32)) & 1); (*t)++)
        ;
    if (*t == 0 || *t >= bits) /* d * e - 1 must be even and non-zero */
        goto done;
    bn_shr(r, r, *t);
    rc = CRYPTO_OK;
done:
    bn_wipe(&d);
    return rc;
}

/* 1 when a == 1. */
static int is_one(const struct bn *a)
{
    uint32_t acc = a->v[0] ^ 1;

    for (size_t i = 1; i < a->len; i++)
        acc |= a->v[i];
    return acc == 0;
}

/* Bytes needed for a (at least 1). Variable time: the bit length of a prime is public. */
static size_t byte_len(const struct bn *a)
{
    size_t bits = bn_bits(a);
    return bits ? (bits + 7) / 8 : 1;
}

/*
 * Factor n knowing d (NIST SP 800-56B rev. 2, appendix C.2): with de - 1 = 2^t r
 * and r odd, g^(2^j r) runs into 1 for j <= t; the last value before 1, when it
 * is not -1, is a square root of 1 other than +-1, and gcd(y - 1, n) is a
 * prime factor. A random base fails with probability at most 1/2 for a valid
 * key; the fixed bases 2, 3, 4, ... used here behave alike in practice, and 100
 * of them are plenty. A base with g^(de - 1) != 1 proves d wrong and ends the
 * search. The exponentiations are constant time, but t, and which g and which
 * step succeed, show in the running time: a few bits about the factorization,
 * accepted because this runs once, at key import.
 */
static int recover_primes(const struct rsa_private_key *key, uint8_t *p_out, size_t *p_len,
                          uint8_t *q_out, size_t *q_len)
{
    struct bn_mont mont;
    struct bn n, nm1, r, y, x;
    size_t t;
    int rc = CRYPTO_EINVAL, found = 0;

    if (!key->d || odd_part_of_de1(key, &r, &t) != CRYPTO_OK)
        goto done;
    bn_from_bytes(&n, key->n, key->n_len);
    if (bn_mont_init(&mont, &n) != CRYPTO_OK)
        goto done;
    bn_set_u32(&x, 1);
    bn_sub(&nm1, &n, &x);
    for (uint32_t g = 2; g < 102 && !found; g++) {
        size_t j;

        bn_set_u32(&x, g);
        bn_mod_exp_secret(&mont, &y, &x, &r);
        if (is_one(&y) || bn_cmp(&y, &nm1) == 0)
            continue;
        for (j = 1; j <= t; j++) {
            bn_mod_mul(&mont, &x, &y, &y);
            if (is_one(&x)) {
                found = 1; /* y is the square root wanted */
                break;
            }
            if (bn_cmp(&x, &nm1) == 0)
                break;
            y = x;
        }
        /* g^(de - 1) must be 1 for every g prime to n: otherwise d is wrong. */
        if (!found && j >= t)
            goto done;
    }
    if (!found)
        goto done;
    /* p = gcd(y - 1, n), q = n / p, exactly. */
    bn_set_u32(&x, 1);
    bn_sub(&y, &y, &x);
    bn_gcd_odd(&x, &y, &n);
    bn_divmod(&y, &r, &n, &x);
    if (!bn_is_zero(&r) || byte_len(&x) > RSA_MAX_BYTES || byte_len(&y) > RSA_MAX_BYTES)
        goto done;
    *p_len = byte_len(&x);
    *q_len = byte_len(&y);
    bn_to_bytes(&x, p_out, *p_len);
    bn_to_bytes(&y, q_out, *q_len);
    rc = CRYPTO_OK;
done:
    bn_wipe(&r);
    bn_wipe(&y);
    bn_wipe(&x);
    bn_mont_wipe(&mont);
    return rc;
}

/* d mod (prime - 1), written with prime_len bytes. */
static int crt_exponent(const struct rsa_private_key *key, const uint8_t *prime, size_t prime_len,
                        uint8_t *out)
{
    struct bn a, pm1, one;
    int rc = CRYPTO_EINVAL;

    bn_set_u32(&one, 1);
    if (bn_from_bytes(&pm1, prime, prime_len) == CRYPTO_OK &&
        bn_from_bytes(&a, key->d, key->d_len) == CRYPTO_OK) {
        bn_sub(&pm1, &pm1, &one);
        if (bn_divmod(NULL, &a, &a, &pm1) == CRYPTO_OK)
            rc = bn_to_bytes(&a, out, prime_len);
    }
    bn_wipe(&a);
    bn_wipe(&pm1);
    return rc == CRYPTO_OK ? CRYPTO_OK : CRYPTO_EINVAL;
}

/* q^-1 mod p, written with p_len bytes. */
static int crt_coefficient(const struct rsa_private_key *key, uint8_t *out)
{
    struct bn_mont mont;
    struct bn a;
    int rc = CRYPTO_EINVAL;

    if (bn_from_bytes(&a, key->p, key->p_len) == CRYPTO_OK &&
        bn_mont_init(&mont, &a) == CRYPTO_OK &&
        bn_from_bytes(&a, key->q, key->q_len) == CRYPTO_OK &&
        bn_mod_inv_prime(&mont, &a, &a) == CRYPTO_OK)
        rc = bn_to_bytes(&a, out, key->p_len);
    bn_mont_wipe(&mont);
    bn_wipe(&a);
    return rc == CRYPTO_OK ? CRYPTO_OK : CRYPTO_EINVAL;
}

/* 1 when p * q = n. */
static RSA_NOINLINE int primes_match(const struct rsa_private_key *key)
{
    struct bn p, q, n;
    int ok = 0;

    if (bn_from_bytes(&p, key->p, key->p_len) == CRYPTO_OK &&
        bn_from_bytes(&q, key->q, key->q_len) == CRYPTO_OK && bn_mul(&p, &p, &q) == CRYPTO_OK &&
        bn_from_bytes(&n, key->n, key->n_len) == CRYPTO_OK)
        ok = bn_cmp(&p, &n) == 0;
    bn_wipe(&p);
    bn_wipe(&q);
    return ok;
}

int rsa_private_key_complete(struct rsa_private_key *key, struct rsa_crt_storage *st)
{
    struct rsa_private_key k2;
    int rc;

    if (!key || !st)
        return CRYPTO_EINVAL;
    rc = check_public(key);
    if (rc != CRYPTO_OK)
        return rc;
    k2 = *key;
    if (!k2.p || !k2.q) {
        rc = recover_primes(&k2, st->p, &k2.p_len, st->q, &k2.q_len);
        if (rc != CRYPTO_OK)
            return rc;
        k2.p = st->p;
        k2.q = st->q;
        k2.dp = k2.dq = k2.qinv = NULL;
    }
    if (!primes_match(&k2))
        return CRYPTO_EINVAL;
    if (!k2.dp || !k2.dq || !k2.qinv) {
        if (!k2.d || k2.p_len > RSA_MAX_BYTES || k2.q_len > RSA_MAX_BYTES)
            return CRYPTO_EINVAL;
        if ((rc = crt_exponent(&k2, k2.p, k2.p_len, st->dp)) != CRYPTO_OK ||
            (rc = crt_exponent(&k2, k2.q, k2.q_len, st->dq)) != CRYPTO_OK ||
            (rc = crt_coefficient(&k2, st->qinv)) != CRYPTO_OK)
            return rc;
        k2.dp = st->dp;
        k2.dp_len = k2.p_len;
        k2.dq = st->dq;
        k2.dq_len = k2.q_len;
        k2.qinv = st->qinv;
        k2.qinv_len = k2.p_len;
    }
    *key = k2;
    return CRYPTO_OK;
}
