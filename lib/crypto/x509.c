/*
 * x509.c - X.509 certificate parsing, signature checks and path validation
 * (RFC 5280), as declared in x509.h.
 *
 * Parsing follows the ASN.1 of RFC 5280 4.1 field by field with the DER
 * reader of asn1.c and records views into the certificate buffer. Each field
 * that later code relies on (names, keys, extensions it processes) is fully
 * validated here, so the rest of the file can walk them again without
 * re-checking every case: it still never reads out of bounds, since every walk
 * goes through the bounded reader.
 *
 * Path validation is a depth-first search from the leaf towards the anchors,
 * over candidates whose subject matches the current issuer name; the checks
 * of RFC 5280 6.1 that apply without policies, name constraints or revocation
 * are made on each step. Nothing here handles secrets.
 */
#include <string.h>

#include "ed25519.h"
#include "error.h"
#include "p256.h"
#include "x509.h"

/* Implementation limits (far above what real certificates use). */
#define MAX_EXTENSIONS 64 /* per certificate */
#define MAX_RDNS 64       /* per Name */
#define MAX_AVAS 16       /* per RDN */
#define MAX_SIG_CHECKS 64 /* signature verifications per path search */
#define MAX_SERIAL_OCTETS 20

/* OIDs, as DER contents octets. */
static const uint8_t oid_rsa_encryption[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01};
static const uint8_t oid_rsa_pss[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a};
static const uint8_t oid_mgf1[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08};
static const uint8_t oid_sha1_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05};
static const uint8_t oid_sha256_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b};
static const uint8_t oid_sha384_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c};
static const uint8_t oid_sha512_rsa[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d};
static const uint8_t oid_sha1_rsa_oiw[] = {0x2b, 0x0e, 0x03, 0x02, 0x1d}; /* 1.3.14.3.2.29 */
static const uint8_t oid_ecdsa_sha256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};
static const uint8_t oid_ecdsa_sha384[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03};
static const uint8_t oid_ecdsa_sha512[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04};
static const uint8_t oid_ec_public_key[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01};
static const uint8_t oid_p256[] = {0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07};
static const uint8_t oid_ed25519[] = {0x2b, 0x65, 0x70};
static const uint8_t oid_sha1[] = {0x2b, 0x0e, 0x03, 0x02, 0x1a};
static const uint8_t oid_sha256[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
static const uint8_t oid_sha384[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02};
static const uint8_t oid_sha512[] = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03};

static const uint8_t oid_ext_ski[] = {0x55, 0x1d, 0x0e};
static const uint8_t oid_ext_key_usage[] = {0x55, 0x1d, 0x0f};
static const uint8_t oid_ext_san[] = {0x55, 0x1d, 0x11};
static const uint8_t oid_ext_basic_constraints[] = {0x55, 0x1d, 0x13};
static const uint8_t oid_ext_aki[] = {0x55, 0x1d, 0x23};
static const uint8_t oid_ext_eku[] = {0x55, 0x1d, 0x25};
static const uint8_t oid_ext_name_constraints[] = {0x55, 0x1d, 0x1e};
static const uint8_t oid_eku_any[] = {0x55, 0x1d, 0x25, 0x00};
/* id-kp-* are 1.3.6.1.5.5.7.3.n: this prefix and one octet n. */
static const uint8_t oid_kp_prefix[] = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03};

static const uint8_t oid_at_cn[] = {0x55, 0x04, 0x03};

#define OID(x) x, sizeof x

const char *x509_error_name(int err)
{
    switch (err) {
    case X509_OK: return "X509_OK";
    case X509_ERR_MALFORMED: return "X509_ERR_MALFORMED";
    case X509_ERR_VERSION: return "X509_ERR_VERSION";
    case X509_ERR_EXTENSION: return "X509_ERR_EXTENSION";
    case X509_ERR_DUPLICATE_EXTENSION: return "X509_ERR_DUPLICATE_EXTENSION";
    case X509_ERR_UNKNOWN_CRITICAL_EXTENSION: return "X509_ERR_UNKNOWN_CRITICAL_EXTENSION";
    case X509_ERR_ALGORITHM_MISMATCH: return "X509_ERR_ALGORITHM_MISMATCH";
    case X509_ERR_UNSUPPORTED_ALGORITHM: return "X509_ERR_UNSUPPORTED_ALGORITHM";
    case X509_ERR_KEY_MISMATCH: return "X509_ERR_KEY_MISMATCH";
    case X509_ERR_BAD_SIGNATURE: return "X509_ERR_BAD_SIGNATURE";
    case X509_ERR_NOT_YET_VALID: return "X509_ERR_NOT_YET_VALID";
    case X509_ERR_EXPIRED: return "X509_ERR_EXPIRED";
    case X509_ERR_ISSUER_NOT_FOUND: return "X509_ERR_ISSUER_NOT_FOUND";
    case X509_ERR_NOT_CA: return "X509_ERR_NOT_CA";
    case X509_ERR_KEY_USAGE: return "X509_ERR_KEY_USAGE";
    case X509_ERR_NAME_CONSTRAINTS: return "X509_ERR_NAME_CONSTRAINTS";
    case X509_ERR_PATH_LENGTH: return "X509_ERR_PATH_LENGTH";
    case X509_ERR_CHAIN_TOO_LONG: return "X509_ERR_CHAIN_TOO_LONG";
    case X509_ERR_HOSTNAME: return "X509_ERR_HOSTNAME";
    case X509_ERR_EXT_KEY_USAGE: return "X509_ERR_EXT_KEY_USAGE";
    case X509_ERR_BUFFER: return "X509_ERR_BUFFER";
    case X509_ERR_INVALID_ARGUMENT: return "X509_ERR_INVALID_ARGUMENT";
    default: return "unknown";
    }
}

/* ---- algorithm identifiers ---- */

/*
 * AlgorithmIdentifier ::= SEQUENCE { algorithm OID, parameters ANY OPTIONAL }.
 * *params is set to the parameters element and *has_params tells whether present.
 */
static int read_alg_id(const struct asn1_elem *alg, struct asn1_span *oid,
                       struct asn1_elem *params, bool *has_params)
{
    struct asn1_reader r;
    struct asn1_elem e;

    asn1_reader_enter(&r, alg);
    if (asn1_expect(&r, ASN1_OID, &e) != CRYPTO_OK || asn1_get_oid(&e, oid) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    *has_params = !asn1_at_end(&r);
    if (*has_params && asn1_next(&r, params) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    return asn1_finish(&r) == CRYPTO_OK ? X509_OK : X509_ERR_MALFORMED;
}

/* A hash AlgorithmIdentifier (parameters NULL or absent); *alg NULL when not one we have. */
static int read_hash_alg(const struct asn1_elem *alg_id, const struct hash_alg **alg)
{
    struct asn1_span oid;
    struct asn1_elem params;
    bool has_params;
    int err = read_alg_id(alg_id, &oid, &params, &has_params);

    if (err)
        return err;
    if (has_params && (params.tag != ASN1_NULL || asn1_get_null(&params) != CRYPTO_OK))
        return X509_ERR_MALFORMED;
    *alg = asn1_oid_eq(&oid, OID(oid_sha1))     ? &hash_sha1
           : asn1_oid_eq(&oid, OID(oid_sha256)) ? &hash_sha256
           : asn1_oid_eq(&oid, OID(oid_sha384)) ? &hash_sha384
           : asn1_oid_eq(&oid, OID(oid_sha512)) ? &hash_sha512
                                                : NULL;
    return X509_OK;
}

/*
 * RSASSA-PSS-params (RFC 4055 3.1):
 *   SEQUENCE { hashAlgorithm [0] DEFAULT sha1, maskGenAlgorithm [1] DEFAULT
 *              mgf1SHA1, saltLength [2] DEFAULT 20, trailerField [3] DEFAULT 1 }
 * Unknown hashes or mask functions leave out->type X509_SIG_UNKNOWN.
 */
static int read_pss_params(const struct asn1_elem *params, struct x509_sig_alg *out)
{
    struct asn1_reader r, inner;
    struct asn1_elem e;
    const struct hash_alg *hash = &hash_sha1, *mgf_hash = &hash_sha1;
    uint32_t salt = 20, trailer = 1;
    int err;

    if (params->tag != ASN1_SEQUENCE)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&r, params);
    if (asn1_peek(&r) == ASN1_CONTEXT_CONS(0)) {
        if (asn1_enter(&r, ASN1_CONTEXT_CONS(0), &inner) != CRYPTO_OK ||
            asn1_expect(&inner, ASN1_SEQUENCE, &e) != CRYPTO_OK ||
            asn1_finish(&inner) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        if ((err = read_hash_alg(&e, &hash)))
            return err;
    }
    if (asn1_peek(&r) == ASN1_CONTEXT_CONS(1)) {
        struct asn1_span mgf_oid;
        struct asn1_elem mgf_params;
        bool has;

        if (asn1_enter(&r, ASN1_CONTEXT_CONS(1), &inner) != CRYPTO_OK ||
            asn1_expect(&inner, ASN1_SEQUENCE, &e) != CRYPTO_OK ||
            asn1_finish(&inner) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        if ((err = read_alg_id(&e, &mgf_oid, &mgf_params, &has)))
            return err;
        if (!asn1_oid_eq(&mgf_oid, OID(oid_mgf1))) {
            mgf_hash = NULL;
        } else {
            if (!has || mgf_params.tag != ASN1_SEQUENCE)
                return X509_ERR_MALFORMED;
            if ((err = read_hash_alg(&mgf_params, &mgf_hash)))
                return err;
        }
    }
    if (asn1_peek(&r) == ASN1_CONTEXT_CONS(2)) {
        if (asn1_enter(&r, ASN1_CONTEXT_CONS(2), &inner) != CRYPTO_OK ||
            asn1_expect(&inner, ASN1_INTEGER, &e) != CRYPTO_OK ||
            asn1_get_u32(&e, &salt) != CRYPTO_OK || asn1_finish(&inner) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
    }
    if (asn1_peek(&r) == ASN1_CONTEXT_CONS(3)) {
        if (asn1_enter(&r, ASN1_CONTEXT_CONS(3), &inner) != CRYPTO_OK ||
            asn1_expect(&inner, ASN1_INTEGER, &e) != CRYPTO_OK ||
            asn1_get_u32(&e, &trailer) != CRYPTO_OK || asn1_finish(&inner) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
    }
    if (asn1_finish(&r) != CRYPTO_OK || trailer != 1) /* trailerFieldBC is the only one */
        return X509_ERR_MALFORMED;
    out->type = hash && mgf_hash ? X509_SIG_RSA_PSS : X509_SIG_UNKNOWN;
    out->hash = hash;
    out->mgf_hash = mgf_hash;
    out->salt_len = salt;
    return X509_OK;
}

/* The signature AlgorithmIdentifier. Unknown algorithms parse as X509_SIG_UNKNOWN. */
static int read_sig_alg(const struct asn1_elem *alg, struct x509_sig_alg *out)
{
    static const struct {
        const uint8_t *oid;
        size_t len;
        enum x509_sig_type type;
        const struct hash_alg *hash;
    } table[] = {
        {OID(oid_sha1_rsa), X509_SIG_RSA_PKCS1, &hash_sha1},
        {OID(oid_sha1_rsa_oiw), X509_SIG_RSA_PKCS1, &hash_sha1},
        {OID(oid_sha256_rsa), X509_SIG_RSA_PKCS1, &hash_sha256},
        {OID(oid_sha384_rsa), X509_SIG_RSA_PKCS1, &hash_sha384},
        {OID(oid_sha512_rsa), X509_SIG_RSA_PKCS1, &hash_sha512},
        {OID(oid_ecdsa_sha256), X509_SIG_ECDSA, &hash_sha256},
        {OID(oid_ecdsa_sha384), X509_SIG_ECDSA, &hash_sha384},
        {OID(oid_ecdsa_sha512), X509_SIG_ECDSA, &hash_sha512},
        {OID(oid_ed25519), X509_SIG_ED25519, NULL},
    };
    struct asn1_span oid;
    struct asn1_elem params;
    bool has_params;
    int err = read_alg_id(alg, &oid, &params, &has_params);

    if (err)
        return err;
    memset(out, 0, sizeof *out);
    if (asn1_oid_eq(&oid, OID(oid_rsa_pss))) {
        /* RFC 4055: the parameters are required in a signature algorithm. */
        if (!has_params)
            return X509_ERR_MALFORMED;
        return read_pss_params(&params, out);
    }
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (!asn1_oid_eq(&oid, table[i].oid, table[i].len))
            continue;
        if (table[i].type == X509_SIG_RSA_PKCS1) {
            /* RFC 8017 A.2.4 says NULL; its absence is a known encoder variant. */
            if (has_params && (params.tag != ASN1_NULL || asn1_get_null(&params) != CRYPTO_OK))
                return X509_ERR_MALFORMED;
        } else if (has_params) {
            return X509_ERR_MALFORMED; /* RFC 5758 3.2, RFC 8410 3: absent */
        }
        out->type = table[i].type;
        out->hash = table[i].hash;
        return X509_OK;
    }
    return X509_OK; /* unknown: X509_SIG_UNKNOWN */
}

/* ---- SubjectPublicKeyInfo ---- */

static int read_rsa_key(struct x509_pubkey *k)
{
    struct asn1_reader r;
    struct asn1_elem seq, n, e;
    struct asn1_span nm, em;

    /* RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } */
    if (asn1_parse_single(k->key.p, k->key.len, ASN1_SEQUENCE, &seq) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&r, &seq);
    if (asn1_expect(&r, ASN1_INTEGER, &n) != CRYPTO_OK || asn1_get_uint(&n, &nm) != CRYPTO_OK ||
        asn1_expect(&r, ASN1_INTEGER, &e) != CRYPTO_OK || asn1_get_uint(&e, &em) != CRYPTO_OK ||
        asn1_finish(&r) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    if (nm.len == 0 || em.len == 0)
        return X509_ERR_MALFORMED;
    k->rsa.n = nm.p;
    k->rsa.n_len = nm.len;
    k->rsa.e = em.p;
    k->rsa.e_len = em.len;
    return X509_OK;
}

static int read_spki(const struct asn1_elem *spki, struct x509_pubkey *k)
{
    struct asn1_reader r;
    struct asn1_elem alg, bits, params;
    struct asn1_span oid;
    bool has_params;
    unsigned pad;
    int err;

    memset(k, 0, sizeof *k);
    k->spki = spki->der;
    asn1_reader_enter(&r, spki);
    if (asn1_expect(&r, ASN1_SEQUENCE, &alg) != CRYPTO_OK ||
        asn1_expect(&r, ASN1_BIT_STRING, &bits) != CRYPTO_OK || asn1_finish(&r) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    if ((err = read_alg_id(&alg, &oid, &params, &has_params)))
        return err;
    if (asn1_get_bits(&bits, &k->key, &pad) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    k->alg_oid = oid;

    if (asn1_oid_eq(&oid, OID(oid_rsa_encryption))) {
        /* RFC 3279 2.3.1: the parameters are NULL. */
        if (pad || !has_params || params.tag != ASN1_NULL || asn1_get_null(&params) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        k->type = X509_KEY_RSA;
        return read_rsa_key(k);
    }
    if (asn1_oid_eq(&oid, OID(oid_rsa_pss))) {
        /* RFC 4055 1.2: absent parameters leave the key unrestricted among PSS choices. */
        if (pad)
            return X509_ERR_MALFORMED;
        if (has_params && (err = read_pss_params(&params, &k->pss)))
            return err;
        k->type = X509_KEY_RSA_PSS;
        return read_rsa_key(k);
    }
    if (asn1_oid_eq(&oid, OID(oid_ec_public_key))) {
        struct asn1_span curve;

        /* ECParameters: namedCurve OID (RFC 5480 2.1.1); other forms are unsupported. */
        if (pad || !has_params)
            return X509_ERR_MALFORMED;
        if (params.tag == ASN1_OID) {
            if (asn1_get_oid(&params, &curve) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
            /* Compressed points (RFC 5480 allows them) are left unsupported. */
            if (asn1_oid_eq(&curve, OID(oid_p256)) && k->key.len == P256_POINT_SIZE &&
                k->key.p[0] == 0x04)
                k->type = X509_KEY_P256;
        }
        return X509_OK;
    }
    if (asn1_oid_eq(&oid, OID(oid_ed25519))) {
        /* RFC 8410 3: no parameters; the key is 32 octets. */
        if (pad || has_params || k->key.len != 32)
            return X509_ERR_MALFORMED;
        k->type = X509_KEY_ED25519;
        return X509_OK;
    }
    return X509_OK; /* unknown algorithm: X509_KEY_UNKNOWN */
}

/* ---- names ---- */

/*
 * Name ::= SEQUENCE OF RelativeDistinguishedName
 * RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 * AttributeTypeAndValue ::= SEQUENCE { type OID, value ANY }
 * Character-string values must be valid for their type.
 */
static int check_name(const struct asn1_elem *name)
{
    struct asn1_reader rdns, avas, ava;
    struct asn1_elem e;
    struct asn1_span s;
    size_t n_rdn = 0;

    if (name->tag != ASN1_SEQUENCE)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&rdns, name);
    while (!asn1_at_end(&rdns)) {
        size_t n_ava = 0;

        if (++n_rdn > MAX_RDNS || asn1_enter(&rdns, ASN1_SET, &avas) != CRYPTO_OK ||
            asn1_at_end(&avas))
            return X509_ERR_MALFORMED;
        while (!asn1_at_end(&avas)) {
            if (++n_ava > MAX_AVAS || asn1_enter(&avas, ASN1_SEQUENCE, &ava) != CRYPTO_OK ||
                asn1_expect(&ava, ASN1_OID, &e) != CRYPTO_OK ||
                asn1_get_oid(&e, &s) != CRYPTO_OK || asn1_next(&ava, &e) != CRYPTO_OK ||
                asn1_finish(&ava) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
            if (asn1_is_string_tag(e.tag) && asn1_get_string(&e, &s) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
        }
    }
    return X509_OK;
}

/* ---- extensions ---- */

/* DNS names hold printable ASCII only: IA5String, and no controls, spaces or DEL. */
static bool dns_chars_ok(const struct asn1_span *s)
{
    for (size_t i = 0; i < s->len; i++)
        if (s->p[i] <= 0x20 || s->p[i] >= 0x7f)
            return false;
    return true;
}

/* GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, contents in r. */
static int check_general_names(struct asn1_reader *r)
{
    struct asn1_elem e, x;
    struct asn1_reader inner;
    struct asn1_span s;

    if (asn1_at_end(r))
        return X509_ERR_EXTENSION;
    while (!asn1_at_end(r)) {
        if (asn1_next(r, &e) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        switch (e.tag) {
        case ASN1_CONTEXT_CONS(X509_GN_OTHER_NAME): /* { type-id OID, value [0] EXPLICIT ANY } */
            asn1_reader_enter(&inner, &e);
            if (asn1_expect(&inner, ASN1_OID, &x) != CRYPTO_OK ||
                asn1_get_oid(&x, &s) != CRYPTO_OK ||
                asn1_expect(&inner, ASN1_CONTEXT_CONS(0), &x) != CRYPTO_OK ||
                asn1_finish(&inner) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
            break;
        case ASN1_CONTEXT(X509_GN_EMAIL):
        case ASN1_CONTEXT(X509_GN_URI):
            x = e;
            x.tag = ASN1_IA5_STRING;
            if (asn1_get_string(&x, &s) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
            break;
        case ASN1_CONTEXT(X509_GN_DNS):
            if (!dns_chars_ok(&e.val))
                return X509_ERR_MALFORMED;
            break;
        case ASN1_CONTEXT_CONS(X509_GN_X400):
        case ASN1_CONTEXT_CONS(X509_GN_EDI_PARTY):
            break; /* not interpreted */
        case ASN1_CONTEXT_CONS(X509_GN_DIRECTORY): /* [4] EXPLICIT Name */
            asn1_reader_enter(&inner, &e);
            if (asn1_next(&inner, &x) != CRYPTO_OK || asn1_finish(&inner) != CRYPTO_OK ||
                check_name(&x) != X509_OK)
                return X509_ERR_MALFORMED;
            break;
        case ASN1_CONTEXT(X509_GN_IP):
            if (e.val.len != 4 && e.val.len != 16)
                return X509_ERR_MALFORMED;
            break;
        case ASN1_CONTEXT(X509_GN_REGISTERED_ID):
            if (asn1_get_oid(&e, &s) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
            break;
        default:
            return X509_ERR_MALFORMED;
        }
    }
    return X509_OK;
}

/* BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL } */
static int read_basic_constraints(struct x509_cert *c, const struct asn1_elem *v)
{
    struct asn1_reader r;
    struct asn1_elem e;
    uint32_t len;
    int rc;

    if (v->tag != ASN1_SEQUENCE)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&r, v);
    if ((rc = asn1_optional(&r, ASN1_BOOLEAN, &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc) {
        /* DER leaves out a value equal to its DEFAULT: an explicit FALSE is not DER. */
        if (asn1_get_bool(&e, &c->ca) != CRYPTO_OK || !c->ca)
            return X509_ERR_MALFORMED;
    }
    if ((rc = asn1_optional(&r, ASN1_INTEGER, &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc) {
        rc = asn1_get_u32(&e, &len);
        if (rc == CRYPTO_ERANGE)
            len = 255;
        else if (rc != CRYPTO_OK)
            return X509_ERR_EXTENSION; /* negative */
        /* RFC 5280 4.2.1.9: only a CA may carry pathLenConstraint. */
        if (!c->ca)
            return X509_ERR_EXTENSION;
        c->path_len = len > 255 ? 255 : (int)len;
    }
    return asn1_finish(&r) == CRYPTO_OK ? X509_OK : X509_ERR_MALFORMED;
}

/* KeyUsage ::= BIT STRING { digitalSignature (0), ..., decipherOnly (8) } */
static int read_key_usage(struct x509_cert *c, const struct asn1_elem *v)
{
    struct asn1_span bits;
    unsigned pad;

    if (v->tag != ASN1_BIT_STRING || asn1_get_bits(v, &bits, &pad) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    c->key_usage = 0;
    for (unsigned i = 0; i < 9 && i / 8 < bits.len; i++)
        if (bits.p[i / 8] & (0x80 >> (i % 8)))
            c->key_usage |= 1u << i;
    /* RFC 5280 4.2.1.3: at least one bit is set. */
    return c->key_usage ? X509_OK : X509_ERR_EXTENSION;
}

/* ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
static int read_ext_key_usage(struct x509_cert *c, const struct asn1_elem *v)
{
    struct asn1_reader r;
    struct asn1_elem e;
    struct asn1_span oid;

    if (v->tag != ASN1_SEQUENCE)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&r, v);
    if (asn1_at_end(&r))
        return X509_ERR_EXTENSION;
    while (!asn1_at_end(&r)) {
        if (asn1_expect(&r, ASN1_OID, &e) != CRYPTO_OK || asn1_get_oid(&e, &oid) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        if (asn1_oid_eq(&oid, OID(oid_eku_any))) {
            c->ext_key_usage |= X509_EKU_ANY;
        } else if (oid.len == sizeof oid_kp_prefix + 1 &&
                   memcmp(oid.p, oid_kp_prefix, sizeof oid_kp_prefix) == 0) {
            switch (oid.p[sizeof oid_kp_prefix]) {
            case 1: c->ext_key_usage |= X509_EKU_SERVER_AUTH; break;
            case 2: c->ext_key_usage |= X509_EKU_CLIENT_AUTH; break;
            case 3: c->ext_key_usage |= X509_EKU_CODE_SIGNING; break;
            case 4: c->ext_key_usage |= X509_EKU_EMAIL_PROTECTION; break;
            case 8: c->ext_key_usage |= X509_EKU_TIME_STAMPING; break;
            case 9: c->ext_key_usage |= X509_EKU_OCSP_SIGNING; break;
            default: c->ext_key_usage |= X509_EKU_OTHER; break;
            }
        } else {
            c->ext_key_usage |= X509_EKU_OTHER;
        }
    }
    return X509_OK;
}

/*
 * AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] OCTET STRING OPTIONAL,
 *     authorityCertIssuer [1] GeneralNames OPTIONAL,
 *     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }  (IMPLICIT tags)
 */
static int read_aki(struct x509_cert *c, const struct asn1_elem *v)
{
    struct asn1_reader r, names;
    struct asn1_elem e;
    struct asn1_span serial;
    int rc, err;

    if (v->tag != ASN1_SEQUENCE)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&r, v);
    if ((rc = asn1_optional(&r, ASN1_CONTEXT(0), &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc)
        c->aki = e.val;
    if ((rc = asn1_optional(&r, ASN1_CONTEXT_CONS(1), &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc) {
        asn1_reader_enter(&names, &e);
        if ((err = check_general_names(&names)))
            return err;
    }
    if ((rc = asn1_optional(&r, ASN1_CONTEXT(2), &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc && asn1_get_integer(&e, &serial, NULL) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    return asn1_finish(&r) == CRYPTO_OK ? X509_OK : X509_ERR_MALFORMED;
}

static int read_extension(struct x509_cert *c, const struct asn1_span *oid, bool critical,
                          const struct asn1_span *value)
{
    static const struct {
        const uint8_t *oid;
        size_t len;
        uint32_t bit;
    } known[] = {
        {OID(oid_ext_basic_constraints), X509_EXT_BASIC_CONSTRAINTS},
        {OID(oid_ext_key_usage), X509_EXT_KEY_USAGE},
        {OID(oid_ext_eku), X509_EXT_EXT_KEY_USAGE},
        {OID(oid_ext_san), X509_EXT_SUBJECT_ALT_NAME},
        {OID(oid_ext_ski), X509_EXT_SUBJECT_KEY_ID},
        {OID(oid_ext_aki), X509_EXT_AUTHORITY_KEY_ID},
    };
    struct asn1_elem v;
    struct asn1_reader r;
    uint32_t bit = 0;

    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (asn1_oid_eq(oid, known[i].oid, known[i].len))
            bit = known[i].bit;
    if (!bit && !critical && asn1_oid_eq(oid, OID(oid_ext_name_constraints))) {
        /* Not applied: only recorded, so that path validation can refuse the CA. */
        c->ext |= X509_EXT_NAME_CONSTRAINTS;
        return X509_OK;
    }
    if (!bit)
        return critical ? X509_ERR_UNKNOWN_CRITICAL_EXTENSION : X509_OK;
    c->ext |= bit;
    if (critical)
        c->ext_critical |= bit;
    /* The OCTET STRING holds exactly one DER value. */
    asn1_reader_init(&r, value->p, value->len);
    if (asn1_next(&r, &v) != CRYPTO_OK || asn1_finish(&r) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    switch (bit) {
    case X509_EXT_BASIC_CONSTRAINTS:
        return read_basic_constraints(c, &v);
    case X509_EXT_KEY_USAGE:
        return read_key_usage(c, &v);
    case X509_EXT_EXT_KEY_USAGE:
        return read_ext_key_usage(c, &v);
    case X509_EXT_SUBJECT_ALT_NAME:
        if (v.tag != ASN1_SEQUENCE)
            return X509_ERR_MALFORMED;
        c->san = v.val;
        asn1_reader_enter(&r, &v);
        return check_general_names(&r);
    case X509_EXT_SUBJECT_KEY_ID:
        if (v.tag != ASN1_OCTET_STRING)
            return X509_ERR_MALFORMED;
        c->ski = v.val;
        return X509_OK;
    default: /* X509_EXT_AUTHORITY_KEY_ID */
        return read_aki(c, &v);
    }
}

/* Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension, the element inside [3]. */
static int read_extensions(struct x509_cert *c, const struct asn1_elem *exts)
{
    struct asn1_reader r, ext, prev;
    struct asn1_elem e, crit_e, value;
    struct asn1_span oid;
    size_t n = 0;
    int rc, err;

    if (exts->tag != ASN1_SEQUENCE)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&r, exts);
    if (asn1_at_end(&r))
        return X509_ERR_MALFORMED;
    while (!asn1_at_end(&r)) {
        bool critical = false;
        const uint8_t *start = r.p;

        /* Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
         *                          extnValue OCTET STRING } */
        if (++n > MAX_EXTENSIONS || asn1_enter(&r, ASN1_SEQUENCE, &ext) != CRYPTO_OK ||
            asn1_expect(&ext, ASN1_OID, &e) != CRYPTO_OK || asn1_get_oid(&e, &oid) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        if ((rc = asn1_optional(&ext, ASN1_BOOLEAN, &crit_e)) < 0)
            return X509_ERR_MALFORMED;
        /* An explicit FALSE equals the DEFAULT, which DER leaves out. */
        if (rc && (asn1_get_bool(&crit_e, &critical) != CRYPTO_OK || !critical))
            return X509_ERR_MALFORMED;
        if (asn1_expect(&ext, ASN1_OCTET_STRING, &value) != CRYPTO_OK ||
            asn1_finish(&ext) != CRYPTO_OK)
            return X509_ERR_MALFORMED;

        /* RFC 5280 4.2: at most one instance of each extension. */
        asn1_reader_enter(&prev, exts);
        while (prev.p < start) {
            struct asn1_reader pe;
            struct asn1_elem po;

            if (asn1_enter(&prev, ASN1_SEQUENCE, &pe) != CRYPTO_OK ||
                asn1_expect(&pe, ASN1_OID, &po) != CRYPTO_OK)
                return X509_ERR_MALFORMED;
            if (asn1_oid_eq(&oid, po.val.p, po.val.len))
                return X509_ERR_DUPLICATE_EXTENSION;
        }
        if ((err = read_extension(c, &oid, critical, &value.val)))
            return err;
    }
    return X509_OK;
}

/* ---- the certificate ---- */

int x509_parse(struct x509_cert *c, const uint8_t *der, size_t len)
{
    struct asn1_reader cert, tbs, inner;
    struct asn1_elem cert_e, tbs_e, alg_e, sig_e, e, name_e;
    struct x509_sig_alg inner_alg;
    uint32_t v;
    int rc, err;

    memset(c, 0, sizeof *c);
    c->path_len = -1;
    /* Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
    if (asn1_parse_single(der, len, ASN1_SEQUENCE, &cert_e) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    c->der = cert_e.der;
    asn1_reader_enter(&cert, &cert_e);
    if (asn1_expect(&cert, ASN1_SEQUENCE, &tbs_e) != CRYPTO_OK ||
        asn1_expect(&cert, ASN1_SEQUENCE, &alg_e) != CRYPTO_OK ||
        asn1_expect(&cert, ASN1_BIT_STRING, &sig_e) != CRYPTO_OK ||
        asn1_finish(&cert) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    c->tbs = tbs_e.der;
    c->sig_alg_der = alg_e.der;
    if ((err = read_sig_alg(&alg_e, &c->sig_alg)))
        return err;
    if (asn1_get_bit_octets(&sig_e, &c->signature) != CRYPTO_OK)
        return X509_ERR_MALFORMED;

    asn1_reader_enter(&tbs, &tbs_e);
    /* version [0] EXPLICIT Version DEFAULT v1: present only for v2 (1) and v3 (2). */
    c->version = 1;
    if ((rc = asn1_optional(&tbs, ASN1_CONTEXT_CONS(0), &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc) {
        asn1_reader_enter(&inner, &e);
        if (asn1_expect(&inner, ASN1_INTEGER, &e) != CRYPTO_OK ||
            asn1_finish(&inner) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        rc = asn1_get_u32(&e, &v);
        if (rc == CRYPTO_EINVAL)
            return X509_ERR_MALFORMED;
        if (rc != CRYPTO_OK || (v != 1 && v != 2))
            return X509_ERR_VERSION;
        c->version = (int)v + 1;
    }
    /* serialNumber: RFC 5280 4.1.2.2 allows up to 20 octets of value. A
     * positive 20-octet value may need a 21st octet for the sign. */
    if (asn1_expect(&tbs, ASN1_INTEGER, &e) != CRYPTO_OK ||
        asn1_get_integer(&e, &c->serial, &c->serial_negative) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    if (c->serial.len > MAX_SERIAL_OCTETS + 1 ||
        (c->serial.len == MAX_SERIAL_OCTETS + 1 && c->serial.p[0] != 0))
        return X509_ERR_MALFORMED;
    /* signature: must repeat signatureAlgorithm exactly (RFC 5280 4.1.1.2). */
    if (asn1_expect(&tbs, ASN1_SEQUENCE, &e) != CRYPTO_OK ||
        read_sig_alg(&e, &inner_alg) != X509_OK)
        return X509_ERR_MALFORMED;
    if (e.der.len != alg_e.der.len || memcmp(e.der.p, alg_e.der.p, e.der.len) != 0)
        return X509_ERR_ALGORITHM_MISMATCH;
    /* issuer */
    if (asn1_expect(&tbs, ASN1_SEQUENCE, &name_e) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    if ((err = check_name(&name_e)))
        return err;
    c->issuer = name_e.der;
    /* validity ::= SEQUENCE { notBefore Time, notAfter Time } */
    if (asn1_enter(&tbs, ASN1_SEQUENCE, &inner) != CRYPTO_OK ||
        asn1_next(&inner, &e) != CRYPTO_OK || asn1_get_time(&e, &c->not_before) != CRYPTO_OK ||
        asn1_next(&inner, &e) != CRYPTO_OK || asn1_get_time(&e, &c->not_after) != CRYPTO_OK ||
        asn1_finish(&inner) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    /* subject */
    if (asn1_expect(&tbs, ASN1_SEQUENCE, &name_e) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    if ((err = check_name(&name_e)))
        return err;
    c->subject = name_e.der;
    /* subjectPublicKeyInfo */
    if (asn1_expect(&tbs, ASN1_SEQUENCE, &e) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    if ((err = read_spki(&e, &c->key)))
        return err;
    /* issuerUniqueID [1] and subjectUniqueID [2] IMPLICIT BIT STRING: v2 and v3 only. */
    for (uint8_t t = 1; t <= 2; t++) {
        struct asn1_span bits;
        unsigned pad;

        if ((rc = asn1_optional(&tbs, ASN1_CONTEXT(t), &e)) < 0)
            return X509_ERR_MALFORMED;
        if (rc && c->version < 2)
            return X509_ERR_VERSION;
        if (rc && asn1_get_bits(&e, &bits, &pad) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
    }
    /* extensions [3] EXPLICIT Extensions: v3 only. */
    if ((rc = asn1_optional(&tbs, ASN1_CONTEXT_CONS(3), &e)) < 0)
        return X509_ERR_MALFORMED;
    if (rc) {
        if (c->version != 3)
            return X509_ERR_VERSION;
        asn1_reader_enter(&inner, &e);
        if (asn1_next(&inner, &e) != CRYPTO_OK || asn1_finish(&inner) != CRYPTO_OK)
            return X509_ERR_MALFORMED;
        if ((err = read_extensions(c, &e)))
            return err;
    }
    if (asn1_finish(&tbs) != CRYPTO_OK)
        return X509_ERR_MALFORMED;
    return X509_OK;
}

int x509_check_validity(const struct x509_cert *c, int64_t now)
{
    if (now < c->not_before)
        return X509_ERR_NOT_YET_VALID;
    if (now > c->not_after)
        return X509_ERR_EXPIRED;
    return X509_OK;
}

/* ---- name comparison and text ---- */

static uint8_t ascii_lower(uint8_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

static bool is_space(uint8_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * The next character of a string under the comparison rules of
 * x509_name_equal: leading and trailing white space dropped, inner runs
 * reduced to one space, ASCII letters lower-cased. -1 at the end.
 */
static int norm_next(const struct asn1_span *s, size_t *i)
{
    if (*i == 0)
        while (*i < s->len && is_space(s->p[*i]))
            (*i)++;
    if (*i >= s->len)
        return -1;
    if (is_space(s->p[*i])) {
        while (*i < s->len && is_space(s->p[*i]))
            (*i)++;
        return *i < s->len ? ' ' : -1;
    }
    return ascii_lower(s->p[(*i)++]);
}

static bool value_equal(const struct asn1_elem *a, const struct asn1_elem *b)
{
    bool a_text = a->tag == ASN1_PRINTABLE_STRING || a->tag == ASN1_UTF8_STRING;
    bool b_text = b->tag == ASN1_PRINTABLE_STRING || b->tag == ASN1_UTF8_STRING;

    if (a_text && b_text) {
        size_t i = 0, j = 0;
        int x, y;

        do {
            x = norm_next(&a->val, &i);
            y = norm_next(&b->val, &j);
            if (x != y)
                return false;
        } while (x != -1);
        return true;
    }
    return a->der.len == b->der.len && memcmp(a->der.p, b->der.p, a->der.len) == 0;
}

/* Read one AttributeTypeAndValue. */
static bool read_ava(struct asn1_reader *set, struct asn1_span *type, struct asn1_elem *value)
{
    struct asn1_reader ava;
    struct asn1_elem t;

    return asn1_enter(set, ASN1_SEQUENCE, &ava) == CRYPTO_OK &&
           asn1_expect(&ava, ASN1_OID, &t) == CRYPTO_OK && asn1_get_oid(&t, type) == CRYPTO_OK &&
           asn1_next(&ava, value) == CRYPTO_OK && asn1_finish(&ava) == CRYPTO_OK;
}

/* Whether some attribute of the RDN (SET contents) equals (type, value). */
static bool rdn_has(const struct asn1_elem *rdn, const struct asn1_span *type,
                    const struct asn1_elem *value)
{
    struct asn1_reader r;
    struct asn1_span t;
    struct asn1_elem v;

    asn1_reader_enter(&r, rdn);
    while (!asn1_at_end(&r)) {
        if (!read_ava(&r, &t, &v))
            return false;
        if (t.len == type->len && memcmp(t.p, type->p, t.len) == 0 && value_equal(&v, value))
            return true;
    }
    return false;
}

/* Count the attributes of an RDN; 0 when malformed or too many. */
static size_t rdn_count(const struct asn1_elem *rdn)
{
    struct asn1_reader r;
    struct asn1_span t;
    struct asn1_elem v;
    size_t n = 0;

    asn1_reader_enter(&r, rdn);
    while (!asn1_at_end(&r))
        if (++n > MAX_AVAS || !read_ava(&r, &t, &v))
            return 0;
    return n;
}

/*
 * Same number of attributes and each attribute of a is in b. With the
 * attributes of an RDN distinct (as they are in any sensible name), this is
 * set equality.
 */
static bool rdn_equal(const struct asn1_elem *a, const struct asn1_elem *b)
{
    struct asn1_reader r;
    struct asn1_span t;
    struct asn1_elem v;
    size_t n = rdn_count(a);

    if (n == 0 || n != rdn_count(b))
        return false;
    asn1_reader_enter(&r, a);
    while (!asn1_at_end(&r))
        if (!read_ava(&r, &t, &v) || !rdn_has(b, &t, &v))
            return false;
    return true;
}

bool x509_name_equal(const struct asn1_span *a, const struct asn1_span *b)
{
    struct asn1_elem na, nb, ra, rb;
    struct asn1_reader rda, rdb;

    if (asn1_parse_single(a->p, a->len, ASN1_SEQUENCE, &na) != CRYPTO_OK ||
        asn1_parse_single(b->p, b->len, ASN1_SEQUENCE, &nb) != CRYPTO_OK)
        return false;
    if (a->len == b->len && memcmp(a->p, b->p, a->len) == 0)
        return true;
    asn1_reader_enter(&rda, &na);
    asn1_reader_enter(&rdb, &nb);
    for (size_t n = 0; !asn1_at_end(&rda) || !asn1_at_end(&rdb); n++) {
        if (n >= MAX_RDNS || asn1_expect(&rda, ASN1_SET, &ra) != CRYPTO_OK ||
            asn1_expect(&rdb, ASN1_SET, &rb) != CRYPTO_OK || !rdn_equal(&ra, &rb))
            return false;
    }
    return true;
}

bool x509_name_find(const struct asn1_span *name, const uint8_t *oid, size_t oid_len,
                    struct asn1_elem *value)
{
    struct asn1_elem n, rdn, v;
    struct asn1_reader rdns, set;
    struct asn1_span t;
    bool found = false;

    if (asn1_parse_single(name->p, name->len, ASN1_SEQUENCE, &n) != CRYPTO_OK)
        return false;
    asn1_reader_enter(&rdns, &n);
    while (!asn1_at_end(&rdns)) {
        if (asn1_expect(&rdns, ASN1_SET, &rdn) != CRYPTO_OK)
            return false;
        asn1_reader_enter(&set, &rdn);
        while (!asn1_at_end(&set)) {
            if (!read_ava(&set, &t, &v))
                return false;
            if (asn1_oid_eq(&t, oid, oid_len)) {
                *value = v;
                found = true;
            }
        }
    }
    return found;
}

bool x509_name_common_name(const struct asn1_span *name, struct asn1_elem *cn)
{
    return x509_name_find(name, OID(oid_at_cn), cn);
}

struct text_out {
    char *buf;
    size_t size, pos;
    bool overflow;
};

static void out_bytes(struct text_out *o, const void *s, size_t n)
{
    if (o->overflow || n >= o->size - o->pos) {
        o->overflow = true;
        return;
    }
    memcpy(o->buf + o->pos, s, n);
    o->pos += n;
    o->buf[o->pos] = 0;
}

static void out_str(struct text_out *o, const char *s)
{
    out_bytes(o, s, strlen(s));
}

static void out_hex(struct text_out *o, uint8_t b)
{
    static const char hex[] = "0123456789ABCDEF";
    char t[2] = {hex[b >> 4], hex[b & 15]};

    out_bytes(o, t, 2);
}

/* One code point as UTF-8 with the RFC 4514 escapes; first/last: position in the value. */
static void out_char(struct text_out *o, uint32_t cp, bool first, bool last)
{
    uint8_t u[4];
    size_t n;

    if (cp < 0x20 || cp == 0x7f) {
        out_bytes(o, "\\", 1);
        out_hex(o, (uint8_t)cp);
        return;
    }
    if (cp < 0x80) {
        char c = (char)cp;

        if (strchr("\"+,;<>\\", c) || (first && (c == ' ' || c == '#')) || (last && c == ' '))
            out_bytes(o, "\\", 1);
        out_bytes(o, &c, 1);
        return;
    }
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        cp = 0xfffd;
    if (cp < 0x800) {
        u[0] = (uint8_t)(0xc0 | cp >> 6);
        n = 1;
    } else if (cp < 0x10000) {
        u[0] = (uint8_t)(0xe0 | cp >> 12);
        n = 2;
    } else {
        u[0] = (uint8_t)(0xf0 | cp >> 18);
        n = 3;
    }
    for (size_t i = 1; i <= n; i++)
        u[i] = (uint8_t)(0x80 | ((cp >> (6 * (n - i))) & 0x3f));
    out_bytes(o, u, n + 1);
}

/* Decode the code point at s[*i] for the string type tag (validated by check_name). */
static uint32_t string_char(uint8_t tag, const struct asn1_span *s, size_t *i)
{
    const uint8_t *p = s->p + *i;
    size_t left = s->len - *i;
    uint32_t cp;

    switch (tag) {
    case ASN1_BMP_STRING:
        cp = (uint32_t)p[0] << 8 | p[1];
        *i += 2;
        /* A UTF-16 surrogate pair; lone surrogates come out as U+FFFD. */
        if (cp >= 0xd800 && cp <= 0xdbff && left >= 4) {
            uint32_t lo = (uint32_t)p[2] << 8 | p[3];

            if (lo >= 0xdc00 && lo <= 0xdfff) {
                *i += 2;
                return 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            }
        }
        return cp;
    case ASN1_UNIVERSAL_STRING:
        *i += 4;
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    case ASN1_UTF8_STRING:
        if (p[0] < 0x80) {
            *i += 1;
            return p[0];
        } else if (p[0] < 0xe0) {
            *i += 2;
            return (uint32_t)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
        } else if (p[0] < 0xf0) {
            *i += 3;
            return (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
        }
        *i += 4;
        return (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3f) << 12 |
               (uint32_t)(p[2] & 0x3f) << 6 | (p[3] & 0x3f);
    default: /* ASCII types, and T61String read as Latin-1 */
        *i += 1;
        return p[0];
    }
}

static void out_value(struct text_out *o, const struct asn1_elem *v)
{
    struct asn1_span s;

    if (asn1_is_string_tag(v->tag) && asn1_get_string(v, &s) == CRYPTO_OK) {
        size_t i = 0;

        while (i < s.len) {
            bool first = i == 0;
            uint32_t cp = string_char(v->tag, &s, &i);

            out_char(o, cp, first, i == s.len);
        }
        return;
    }
    out_bytes(o, "#", 1);
    for (size_t i = 0; i < v->der.len; i++)
        out_hex(o, v->der.p[i]);
}

static void out_type(struct text_out *o, const struct asn1_span *type)
{
    static const uint8_t dc[] = {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x19};
    static const uint8_t uid[] = {0x09, 0x92, 0x26, 0x89, 0x93, 0xf2, 0x2c, 0x64, 0x01, 0x01};

    if (type->len == 3 && type->p[0] == 0x55 && type->p[1] == 0x04) {
        switch (type->p[2]) {
        case 3: out_str(o, "CN"); return;
        case 6: out_str(o, "C"); return;
        case 7: out_str(o, "L"); return;
        case 8: out_str(o, "ST"); return;
        case 9: out_str(o, "STREET"); return;
        case 10: out_str(o, "O"); return;
        case 11: out_str(o, "OU"); return;
        default: break;
        }
    }
    if (asn1_oid_eq(type, OID(dc))) {
        out_str(o, "DC");
        return;
    }
    if (asn1_oid_eq(type, OID(uid))) {
        out_str(o, "UID");
        return;
    }
    /* Printed in place: the text of a long OID needs no bound of its own. */
    if (o->overflow || asn1_oid_to_text(type, o->buf + o->pos, o->size - o->pos) != CRYPTO_OK) {
        o->overflow = true;
        return;
    }
    o->pos += strlen(o->buf + o->pos);
}

int x509_name_to_text(const struct asn1_span *name, char *buf, size_t size)
{
    struct text_out o = {buf, size, 0, false};
    struct asn1_elem n, rdn, v;
    struct asn1_reader rdns, set;
    struct asn1_span t;
    size_t count = 0;

    if (size == 0)
        return X509_ERR_BUFFER;
    buf[0] = 0;
    if (asn1_parse_single(name->p, name->len, ASN1_SEQUENCE, &n) != CRYPTO_OK ||
        check_name(&n) != X509_OK)
        return X509_ERR_MALFORMED;
    asn1_reader_enter(&rdns, &n);
    while (!asn1_at_end(&rdns)) {
        asn1_expect(&rdns, ASN1_SET, &rdn);
        count++;
    }
    /* RFC 4514 2.1: the last RDN of the sequence comes first. */
    for (size_t k = count; k-- > 0;) {
        bool first = true;

        asn1_reader_enter(&rdns, &n);
        for (size_t i = 0; i <= k; i++)
            asn1_expect(&rdns, ASN1_SET, &rdn);
        if (k + 1 != count)
            out_bytes(&o, ",", 1);
        asn1_reader_enter(&set, &rdn);
        while (!asn1_at_end(&set)) {
            read_ava(&set, &t, &v);
            if (!first)
                out_bytes(&o, "+", 1);
            first = false;
            out_type(&o, &t);
            out_bytes(&o, "=", 1);
            out_value(&o, &v);
        }
    }
    if (o.overflow) {
        buf[0] = 0;
        return X509_ERR_BUFFER;
    }
    return X509_OK;
}

/* ---- subjectAltName and host names ---- */

void x509_san_begin(const struct x509_cert *c, struct asn1_reader *it)
{
    asn1_reader_init(it, c->san.p, c->san.len);
}

bool x509_san_next(struct asn1_reader *it, int *type, struct asn1_span *value)
{
    struct asn1_elem e;

    if (asn1_at_end(it) || asn1_next(it, &e) != CRYPTO_OK)
        return false;
    *type = e.tag & 0x1f;
    *value = e.val;
    return true;
}

/* Parse a decimal IPv4 literal (four octets, no leading zeros) into out[4]. */
static bool parse_ipv4(const char *s, size_t n, uint8_t out[4])
{
    size_t i = 0;

    for (int part = 0; part < 4; part++) {
        uint32_t v = 0;
        size_t start = i;

        if (part > 0) {
            if (i >= n || s[i] != '.')
                return false;
            start = ++i;
        }
        while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 3)
            v = v * 10 + (uint32_t)(s[i++] - '0');
        if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
            return false;
        out[part] = (uint8_t)v;
    }
    return i == n;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/*
 * Parse an IPv6 literal (RFC 4291 2.2: eight groups of 1-4 hex digits, one
 * "::" for a run of zero groups, optionally ending in a dotted IPv4 address).
 */
static bool parse_ipv6(const char *s, size_t n, uint8_t out[16])
{
    uint8_t words[16];
    size_t i = 0, w = 0;
    int gap = -1;

    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 0;
        i = 2;
    } else if (n >= 1 && s[0] == ':') {
        return false;
    }
    while (i < n) {
        size_t start = i;
        uint32_t v = 0;

        if (w >= 16)
            return false;
        /* A dotted IPv4 tail takes the last 32 bits. */
        for (size_t k = i; k < n && s[k] != ':'; k++) {
            if (s[k] == '.') {
                if (w > 12 || !parse_ipv4(s + i, n - i, words + w))
                    return false;
                w += 4;
                i = n;
                break;
            }
        }
        if (i == n)
            break;
        while (i < n && hex_digit(s[i]) >= 0 && i - start < 4)
            v = v << 4 | (uint32_t)hex_digit(s[i++]);
        if (i == start)
            return false;
        words[w++] = (uint8_t)(v >> 8);
        words[w++] = (uint8_t)v;
        if (i == n)
            break;
        if (s[i] != ':')
            return false;
        i++;
        if (i < n && s[i] == ':') {
            if (gap >= 0)
                return false; /* a second "::" */
            gap = (int)w;
            i++;
        } else if (i == n) {
            return false; /* a trailing single ':' */
        }
    }
    if (gap < 0) {
        if (w != 16)
            return false;
        memcpy(out, words, 16);
        return true;
    }
    if (w > 14)
        return false; /* "::" must stand for at least one group */
    memset(out, 0, 16);
    memcpy(out, words, (size_t)gap);
    memcpy(out + 16 - (w - (size_t)gap), words + gap, w - (size_t)gap);
    return true;
}

static bool ascii_ieq(const char *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ascii_lower((uint8_t)a[i]) != ascii_lower(b[i]))
            return false;
    return true;
}

/* Whether a dNSName pattern matches the (validated, lower- or mixed-case) host. */
static bool dns_match(const char *host, size_t hlen, const struct asn1_span *pat)
{
    const uint8_t *p = pat->p;
    size_t plen = pat->len, dot = 0;

    if (plen == 0)
        return false;
    if (p[0] != '*')
        return plen == hlen && memchr(p, '*', plen) == NULL && ascii_ieq(host, p, plen);
    /* "*.<rest>": the wildcard is the whole first label and rest has at least two labels. */
    if (plen < 2 || p[1] != '.' || memchr(p + 1, '*', plen - 1) != NULL ||
        memchr(p + 2, '.', plen - 2) == NULL)
        return false;
    while (dot < hlen && host[dot] != '.')
        dot++;
    if (dot == 0 || dot == hlen)
        return false;
    return hlen - dot == plen - 1 && ascii_ieq(host + dot, p + 1, plen - 1);
}

/* A host name: labels of letters, digits, '-' and '_', separated by single dots. */
static bool valid_dns_host(const char *h, size_t n)
{
    size_t label = 0;

    if (n == 0 || n > 253)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = h[i];

        if (c == '.') {
            if (label == 0)
                return false;
            label = 0;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   c == '-' || c == '_') {
            if (++label > 63)
                return false;
        } else {
            return false;
        }
    }
    return label > 0;
}

int x509_check_hostname(const struct x509_cert *c, const char *host)
{
    struct asn1_reader it;
    struct asn1_span v;
    uint8_t ip[16];
    size_t n, ip_len = 0;
    int type;

    if (!host)
        return X509_ERR_INVALID_ARGUMENT;
    n = strlen(host);
    if (parse_ipv4(host, n, ip))
        ip_len = 4;
    else if (memchr(host, ':', n) && parse_ipv6(host, n, ip))
        ip_len = 16;
    else if (n > 0 && host[n - 1] == '.')
        n--; /* an absolute name: the root label's dot does not take part */
    if (!ip_len && !valid_dns_host(host, n))
        return X509_ERR_INVALID_ARGUMENT;

    x509_san_begin(c, &it);
    while (x509_san_next(&it, &type, &v)) {
        if (ip_len && type == X509_GN_IP && v.len == ip_len && memcmp(v.p, ip, ip_len) == 0)
            return X509_OK;
        if (!ip_len && type == X509_GN_DNS && dns_match(host, n, &v))
            return X509_OK;
    }
    return X509_ERR_HOSTNAME;
}

/* ---- signatures ---- */

/*
 * Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } to the 64-byte r || s
 * that p256_ecdsa_verify takes. false when it cannot be a P-256 signature.
 */
static bool ecdsa_sig_to_raw(const struct asn1_span *sig, uint8_t raw[64])
{
    struct asn1_elem seq, e;
    struct asn1_reader r;
    struct asn1_span m;

    if (asn1_parse_single(sig->p, sig->len, ASN1_SEQUENCE, &seq) != CRYPTO_OK)
        return false;
    asn1_reader_enter(&r, &seq);
    memset(raw, 0, 64);
    for (int half = 0; half < 2; half++) {
        if (asn1_expect(&r, ASN1_INTEGER, &e) != CRYPTO_OK || asn1_get_uint(&e, &m) != CRYPTO_OK)
            return false;
        if (m.len == 0 || m.len > 32)
            return false;
        memcpy(raw + 32 * half + 32 - m.len, m.p, m.len);
    }
    return asn1_finish(&r) == CRYPTO_OK;
}

int x509_check_signature(const struct x509_cert *cert, const struct x509_cert *issuer)
{
    const struct x509_sig_alg *alg = &cert->sig_alg;
    const struct x509_pubkey *key = &issuer->key;
    uint8_t digest[HASH_MAX_DIGEST], raw[64];
    int rc;

    if (alg->type == X509_SIG_UNKNOWN || key->type == X509_KEY_UNKNOWN)
        return X509_ERR_UNSUPPORTED_ALGORITHM;
    if (alg->hash)
        hash_digest(alg->hash, cert->tbs.p, cert->tbs.len, digest);

    switch (alg->type) {
    case X509_SIG_RSA_PKCS1:
        /* An id-RSASSA-PSS key signs with PSS only (RFC 4055 1.2). */
        if (key->type != X509_KEY_RSA)
            return X509_ERR_KEY_MISMATCH;
        rc = rsa_pkcs1_verify(&key->rsa, alg->hash, digest, alg->hash->digest_size,
                              cert->signature.p, cert->signature.len);
        break;
    case X509_SIG_RSA_PSS:
        if (key->type != X509_KEY_RSA && key->type != X509_KEY_RSA_PSS)
            return X509_ERR_KEY_MISMATCH;
        /* A key with PSS parameters fixes the hashes and a minimum salt (RFC 4055 3.3). */
        if (key->type == X509_KEY_RSA_PSS && key->pss.type == X509_SIG_RSA_PSS &&
            (key->pss.hash != alg->hash || key->pss.mgf_hash != alg->mgf_hash ||
             alg->salt_len < key->pss.salt_len))
            return X509_ERR_KEY_MISMATCH;
        rc = rsa_pss_verify(&key->rsa, alg->hash, alg->mgf_hash, alg->salt_len, digest,
                            alg->hash->digest_size, cert->signature.p, cert->signature.len);
        break;
    case X509_SIG_ECDSA:
        if (key->type != X509_KEY_P256)
            return X509_ERR_KEY_MISMATCH;
        if (!ecdsa_sig_to_raw(&cert->signature, raw))
            return X509_ERR_BAD_SIGNATURE;
        rc = p256_ecdsa_verify(key->key.p, digest, alg->hash->digest_size, raw);
        break;
    case X509_SIG_ED25519:
        if (key->type != X509_KEY_ED25519)
            return X509_ERR_KEY_MISMATCH;
        if (cert->signature.len != 64)
            return X509_ERR_BAD_SIGNATURE;
        rc = ed25519_verify(cert->signature.p, cert->tbs.p, cert->tbs.len, key->key.p);
        break;
    default:
        return X509_ERR_UNSUPPORTED_ALGORITHM;
    }
    if (rc == CRYPTO_OK)
        return X509_OK;
    return rc == CRYPTO_EUNSUPPORTED ? X509_ERR_UNSUPPORTED_ALGORITHM : X509_ERR_BAD_SIGNATURE;
}

/* ---- path validation ---- */

struct path_search {
    const struct x509_cert *inter, *anchors;
    size_t n_inter, n_anchors;
    int64_t now;
    const struct x509_cert *path[X509_MAX_INTERMEDIATES + 1]; /* path[0] is the leaf */
    size_t depth;
    unsigned sig_checks;
    int err;  /* the error of the attempt that got furthest */
    int rank; /* how far it got */
};

static bool same_cert(const struct x509_cert *a, const struct x509_cert *b)
{
    return a == b || (a->der.len == b->der.len && memcmp(a->der.p, b->der.p, a->der.len) == 0);
}

static bool self_issued(const struct x509_cert *c)
{
    return x509_name_equal(&c->issuer, &c->subject);
}

/*
 * Remember err when it comes from further along than the best so far. An
 * attempt at level L (looking for the issuer of path[L]) ranks 3L when no
 * certificate has the issuer's name, 3L+1 when a candidate's signature check
 * fails and 3L+2 when a candidate whose signature verified fails a check: a
 * genuine issuer that breaks a constraint explains more than a same-named
 * certificate with another key, and any failure one level up explains more
 * than either.
 */
static void note(struct path_search *s, int err, int rank)
{
    if (rank > s->rank) {
        s->err = err;
        s->rank = rank;
    }
}

static int signature_step(struct path_search *s, const struct x509_cert *cert,
                          const struct x509_cert *issuer)
{
    if (++s->sig_checks > MAX_SIG_CHECKS)
        return X509_ERR_CHAIN_TOO_LONG;
    return x509_check_signature(cert, issuer);
}

/*
 * The checks of RFC 5280 6.1.4 (k), (l), (m), (n) for an intermediate CA;
 * below is the number of non-self-issued intermediates between it and the leaf.
 */
static int ca_checks(const struct path_search *s, const struct x509_cert *ca, unsigned below)
{
    int err = x509_check_validity(ca, s->now);

    if (err)
        return err;
    if (!(ca->ext & X509_EXT_BASIC_CONSTRAINTS) || !ca->ca)
        return X509_ERR_NOT_CA;
    if ((ca->ext & X509_EXT_KEY_USAGE) && !(ca->key_usage & X509_KU_KEY_CERT_SIGN))
        return X509_ERR_KEY_USAGE;
    if (ca->path_len >= 0 && below > (unsigned)ca->path_len)
        return X509_ERR_PATH_LENGTH;
    /* Constraints this code does not apply must not be ignored (RFC 5280 requires the
     * extension to be critical, which x509_parse already refuses). */
    if (ca->ext & X509_EXT_NAME_CONSTRAINTS)
        return X509_ERR_NAME_CONSTRAINTS;
    return X509_OK;
}

/*
 * Whether the authorityKeyIdentifier of cert names c's subjectKeyIdentifier.
 * Only an ordering hint: candidates it points at are tried first, so that
 * same-named certificates with other keys (rollover) cost no signature check
 * in the common case. Nothing is decided on it.
 */
static bool key_id_hint(const struct x509_cert *cert, const struct x509_cert *c)
{
    return cert->aki.len && cert->aki.len == c->ski.len &&
           memcmp(cert->aki.p, c->ski.p, c->ski.len) == 0;
}

/* Find a path from path[depth - 1] to an anchor. */
static int search(struct path_search *s, unsigned below)
{
    const struct x509_cert *cert = s->path[s->depth - 1];
    int level = (int)s->depth - 1, err;

    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < s->n_anchors; i++) {
            const struct x509_cert *a = &s->anchors[i];

            if (key_id_hint(cert, a) != (pass == 0) ||
                !x509_name_equal(&cert->issuer, &a->subject))
                continue;
            if ((err = signature_step(s, cert, a))) {
                if (err == X509_ERR_CHAIN_TOO_LONG)
                    return err;
                note(s, err, 3 * level + 1);
                continue;
            }
            if ((err = x509_check_validity(a, s->now)) ||
                ((a->ext & X509_EXT_NAME_CONSTRAINTS) && (err = X509_ERR_NAME_CONSTRAINTS))) {
                note(s, err, 3 * level + 2);
                continue;
            }
            return X509_OK;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < s->n_inter; i++) {
            const struct x509_cert *c = &s->inter[i];
            bool used = false;

            if (key_id_hint(cert, c) != (pass == 0) ||
                !x509_name_equal(&cert->issuer, &c->subject))
                continue;
            for (size_t k = 0; k < s->depth; k++)
                used = used || same_cert(s->path[k], c);
            if (used)
                continue;
            if (s->depth > X509_MAX_INTERMEDIATES) {
                note(s, X509_ERR_CHAIN_TOO_LONG, 3 * level + 1);
                continue;
            }
            if ((err = signature_step(s, cert, c))) {
                if (err == X509_ERR_CHAIN_TOO_LONG)
                    return err;
                note(s, err, 3 * level + 1);
                continue;
            }
            if ((err = ca_checks(s, c, below))) {
                note(s, err, 3 * level + 2);
                continue;
            }
            s->path[s->depth++] = c;
            err = search(s, below + (self_issued(c) ? 0 : 1));
            s->depth--;
            if (err == X509_OK || err == X509_ERR_CHAIN_TOO_LONG)
                return err;
        }
    }
    note(s, X509_ERR_ISSUER_NOT_FOUND, 3 * level);
    return s->err;
}

int x509_verify_chain(const struct x509_cert *leaf, const struct x509_cert *intermediates,
                      size_t n_intermediates, const struct x509_cert *anchors, size_t n_anchors,
                      int64_t now, const char *host)
{
    struct path_search s;
    bool trusted = false;
    int err;

    if (!leaf || (n_intermediates && !intermediates) || (n_anchors && !anchors))
        return X509_ERR_INVALID_ARGUMENT;
    if ((err = x509_check_validity(leaf, now)))
        return err;
    for (size_t i = 0; i < n_anchors && !trusted; i++)
        trusted = same_cert(leaf, &anchors[i]);
    if (!trusted) {
        memset(&s, 0, sizeof s);
        s.inter = intermediates;
        s.n_inter = n_intermediates;
        s.anchors = anchors;
        s.n_anchors = n_anchors;
        s.now = now;
        s.path[0] = leaf;
        s.depth = 1;
        s.err = X509_ERR_ISSUER_NOT_FOUND;
        s.rank = -1;
        if ((err = search(&s, 0)))
            return err;
    }
    if (host) {
        if ((err = x509_check_hostname(leaf, host)))
            return err;
        if ((leaf->ext & X509_EXT_EXT_KEY_USAGE) &&
            !(leaf->ext_key_usage & (X509_EKU_SERVER_AUTH | X509_EKU_ANY)))
            return X509_ERR_EXT_KEY_USAGE;
    }
    return X509_OK;
}
