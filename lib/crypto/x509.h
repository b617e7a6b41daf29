/*
 * x509.h - X.509 certificates (RFC 5280): parsing, signature checks and path
 * validation.
 *
 * x509_parse turns a DER certificate into a struct x509_cert whose fields are
 * views into the caller's buffer (nothing is allocated or copied; the buffer
 * must outlive the struct). x509_verify_chain builds and checks a path from a
 * leaf to one of the caller's trust anchors: names, signatures, validity
 * periods, basicConstraints, keyUsage, pathLenConstraint and, for TLS, the
 * host name. Revocation, certificate policies and name constraints are not
 * processed; a certificate that marks one of those extensions critical is
 * rejected by x509_parse, as RFC 5280 4.2 requires for any critical extension
 * that is not understood.
 *
 * Functions return X509_OK (0) or a negative enum x509_error.
 */
#ifndef CRYPTO_X509_H
#define CRYPTO_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "asn1.h"
#include "hash.h"
#include "rsa.h"

enum x509_error {
    X509_OK = 0,
    /* Parsing */
    X509_ERR_MALFORMED = -100,         /* not DER, or a field not as RFC 5280 defines it */
    X509_ERR_VERSION,                  /* version not v1/v2/v3, or a field its version lacks */
    X509_ERR_EXTENSION,                /* a known extension with a value RFC 5280 forbids */
    X509_ERR_DUPLICATE_EXTENSION,      /* the same extension twice */
    X509_ERR_UNKNOWN_CRITICAL_EXTENSION, /* a critical extension this code does not process */
    X509_ERR_ALGORITHM_MISMATCH,       /* signatureAlgorithm is not tbsCertificate.signature */
    /* Signatures */
    X509_ERR_UNSUPPORTED_ALGORITHM,    /* a signature or key algorithm this code cannot check */
    X509_ERR_KEY_MISMATCH,             /* the issuer's key cannot make this kind of signature */
    X509_ERR_BAD_SIGNATURE,            /* the signature does not verify */
    /* Path validation */
    X509_ERR_NOT_YET_VALID,            /* now < notBefore of a certificate in the path */
    X509_ERR_EXPIRED,                  /* now > notAfter of a certificate in the path */
    X509_ERR_ISSUER_NOT_FOUND,         /* no intermediate or anchor has the issuer's name */
    X509_ERR_NOT_CA,                   /* an issuer without basicConstraints cA = TRUE */
    X509_ERR_KEY_USAGE,                /* an issuer whose keyUsage lacks keyCertSign */
    X509_ERR_NAME_CONSTRAINTS,         /* an issuer with (non-critical) nameConstraints */
    X509_ERR_PATH_LENGTH,              /* a pathLenConstraint is exceeded */
    X509_ERR_CHAIN_TOO_LONG,           /* beyond X509_MAX_INTERMEDIATES or the search budget */
    X509_ERR_HOSTNAME,                 /* the host name matches no subjectAltName entry */
    X509_ERR_EXT_KEY_USAGE,            /* the leaf's extendedKeyUsage excludes TLS server use */
    X509_ERR_BUFFER,                   /* an output buffer is too small */
    X509_ERR_INVALID_ARGUMENT,         /* e.g. a host name that is not a valid DNS name or IP */
};

/* A name for each error code ("X509_ERR_EXPIRED"); "unknown" for other values. */
const char *x509_error_name(int err);

/* Longest path tried: intermediates between the leaf and the anchor. */
#define X509_MAX_INTERMEDIATES 8

enum x509_sig_type {
    X509_SIG_UNKNOWN = 0, /* parsed, but cannot be checked */
    X509_SIG_RSA_PKCS1,   /* RSASSA-PKCS1-v1_5 with SHA-1/256/384/512 */
    X509_SIG_RSA_PSS,     /* RSASSA-PSS, MGF1 */
    X509_SIG_ECDSA,       /* ECDSA with SHA-256/384/512 */
    X509_SIG_ED25519,
};

struct x509_sig_alg {
    enum x509_sig_type type;
    const struct hash_alg *hash;     /* message digest; NULL for Ed25519 and unknown */
    const struct hash_alg *mgf_hash; /* RSA-PSS only */
    size_t salt_len;                 /* RSA-PSS only */
};

enum x509_key_type {
    X509_KEY_UNKNOWN = 0, /* any other algorithm or curve (kept as raw spki/key) */
    X509_KEY_RSA,         /* rsaEncryption */
    X509_KEY_RSA_PSS,     /* id-RSASSA-PSS: an RSA key for PSS signatures only */
    X509_KEY_P256,        /* id-ecPublicKey on P-256, uncompressed point */
    X509_KEY_ED25519,
};

struct x509_pubkey {
    enum x509_key_type type;
    struct asn1_span spki;     /* the whole SubjectPublicKeyInfo */
    struct asn1_span alg_oid;  /* its algorithm OID */
    struct asn1_span key;      /* subjectPublicKey octets: 65-byte point, 32-byte Ed25519 key */
    struct rsa_public_key rsa; /* RSA and RSA-PSS: modulus and exponent magnitudes */
    struct x509_sig_alg pss;   /* RSA-PSS key parameters; type X509_SIG_UNKNOWN if none */
};

/* keyUsage bits (RFC 5280 4.2.1.3), bit n of the BIT STRING as 1 << n. */
#define X509_KU_DIGITAL_SIGNATURE (1u << 0)
#define X509_KU_NON_REPUDIATION (1u << 1)
#define X509_KU_KEY_ENCIPHERMENT (1u << 2)
#define X509_KU_DATA_ENCIPHERMENT (1u << 3)
#define X509_KU_KEY_AGREEMENT (1u << 4)
#define X509_KU_KEY_CERT_SIGN (1u << 5)
#define X509_KU_CRL_SIGN (1u << 6)
#define X509_KU_ENCIPHER_ONLY (1u << 7)
#define X509_KU_DECIPHER_ONLY (1u << 8)

/* extendedKeyUsage purposes (RFC 5280 4.2.1.12). */
#define X509_EKU_SERVER_AUTH (1u << 0)
#define X509_EKU_CLIENT_AUTH (1u << 1)
#define X509_EKU_CODE_SIGNING (1u << 2)
#define X509_EKU_EMAIL_PROTECTION (1u << 3)
#define X509_EKU_TIME_STAMPING (1u << 4)
#define X509_EKU_OCSP_SIGNING (1u << 5)
#define X509_EKU_ANY (1u << 6)
#define X509_EKU_OTHER (1u << 7) /* some purpose not listed here */

/* Extensions found (x509_cert.ext) */
#define X509_EXT_BASIC_CONSTRAINTS (1u << 0)
#define X509_EXT_KEY_USAGE (1u << 1)
#define X509_EXT_EXT_KEY_USAGE (1u << 2)
#define X509_EXT_SUBJECT_ALT_NAME (1u << 3)
#define X509_EXT_SUBJECT_KEY_ID (1u << 4)
#define X509_EXT_AUTHORITY_KEY_ID (1u << 5)
#define X509_EXT_NAME_CONSTRAINTS (1u << 6) /* present but not applied: see x509_verify_chain */

/* GeneralName choices (RFC 5280 4.2.1.6), the context tag number. */
#define X509_GN_OTHER_NAME 0
#define X509_GN_EMAIL 1
#define X509_GN_DNS 2
#define X509_GN_X400 3
#define X509_GN_DIRECTORY 4
#define X509_GN_EDI_PARTY 5
#define X509_GN_URI 6
#define X509_GN_IP 7
#define X509_GN_REGISTERED_ID 8

struct x509_cert {
    struct asn1_span der;      /* the whole certificate */
    struct asn1_span tbs;      /* tbsCertificate with its header: the signed bytes */
    int version;               /* 1, 2 or 3 */
    struct asn1_span serial;   /* INTEGER contents, two's complement, at most 20 value octets */
    bool serial_negative;
    struct x509_sig_alg sig_alg;
    struct asn1_span sig_alg_der; /* the AlgorithmIdentifier as encoded */
    struct asn1_span issuer;   /* Name, whole DER element */
    struct asn1_span subject;
    int64_t not_before;        /* seconds since the epoch, UTC */
    int64_t not_after;
    struct x509_pubkey key;
    struct asn1_span signature; /* signatureValue octets */

    uint32_t ext;              /* X509_EXT_* present */
    uint32_t ext_critical;     /* X509_EXT_* marked critical */
    bool ca;                   /* basicConstraints cA */
    int path_len;              /* pathLenConstraint, -1 when absent; values above 255 read as 255 */
    uint32_t key_usage;        /* X509_KU_*; meaningful when ext has X509_EXT_KEY_USAGE */
    uint32_t ext_key_usage;    /* X509_EKU_*; meaningful when ext has X509_EXT_EXT_KEY_USAGE */
    struct asn1_span san;      /* subjectAltName: the GeneralName elements (SEQUENCE contents) */
    struct asn1_span ski;      /* subjectKeyIdentifier octets */
    struct asn1_span aki;      /* authorityKeyIdentifier keyIdentifier octets */
};

/*
 * Parse the DER certificate that fills exactly der[0..len). Unknown signature
 * and key algorithms parse (type UNKNOWN); unknown non-critical extensions are
 * skipped; every processed field is checked against RFC 5280 and DER.
 */
int x509_parse(struct x509_cert *cert, const uint8_t *der, size_t len);

/* X509_OK when not_before <= now <= not_after, else X509_ERR_NOT_YET_VALID / _EXPIRED. */
int x509_check_validity(const struct x509_cert *cert, int64_t now);

/*
 * Whether two Names (whole DER elements) are the same name under RFC 5280 7.1:
 * same RDN sequence, each RDN the same set of attributes; PrintableString and
 * UTF8String values compare after removing leading and trailing spaces,
 * collapsing inner runs of white space, and folding ASCII case (other bytes
 * must be equal); values of other types compare as encoded. Malformed names
 * are unequal to everything.
 */
bool x509_name_equal(const struct asn1_span *a, const struct asn1_span *b);

/*
 * The value of the last (most specific) attribute of the given type (OID
 * contents octets) in a Name. Returns false when absent or malformed.
 */
bool x509_name_find(const struct asn1_span *name, const uint8_t *oid, size_t oid_len,
                    struct asn1_elem *value);

/* x509_name_find for commonName (2.5.4.3); *cn views the string value's contents. */
bool x509_name_common_name(const struct asn1_span *name, struct asn1_elem *cn);

/*
 * The name as RFC 4514 text ("CN=example.com,O=Example,C=US": RDNs in reverse
 * order, '+' between attributes of one RDN), NUL-terminated. Types CN, L, ST,
 * O, OU, C, STREET, DC and UID print by name, others as dotted OIDs. String
 * values print as UTF-8 (T61String read as Latin-1, BMPString as UTF-16,
 * UniversalString as UTF-32) with the RFC 4514 escapes, control characters as
 * \XX; other values as '#' and the hex of their DER. X509_ERR_BUFFER when it
 * does not fit.
 */
int x509_name_to_text(const struct asn1_span *name, char *buf, size_t size);

/*
 * Walk the subjectAltName entries: x509_san_begin, then x509_san_next until it
 * returns false. *type is an X509_GN_* value; *value views the contents (the
 * IA5 text of a dNSName, the 4 or 16 octets of an iPAddress, ...).
 */
void x509_san_begin(const struct x509_cert *cert, struct asn1_reader *it);
bool x509_san_next(struct asn1_reader *it, int *type, struct asn1_span *value);

/*
 * Whether the certificate is for host (a DNS name, or an IPv4/IPv6 literal),
 * per RFC 6125 with subjectAltName only (the subject's commonName is not
 * used): dNSName entries compare without regard to ASCII case, and "*" may
 * stand for the whole left-most label only ("*.example.com" matches
 * "a.example.com", not "example.com" or "a.b.example.com"; at least two labels
 * must follow it). IP literals compare with iPAddress entries.
 * X509_OK, X509_ERR_HOSTNAME, or X509_ERR_INVALID_ARGUMENT for a malformed host.
 */
int x509_check_hostname(const struct x509_cert *cert, const char *host);

/*
 * Check cert's signature with issuer's public key (the issuer's name is not
 * compared). X509_OK, X509_ERR_BAD_SIGNATURE, X509_ERR_KEY_MISMATCH, or
 * X509_ERR_UNSUPPORTED_ALGORITHM.
 */
int x509_check_signature(const struct x509_cert *cert, const struct x509_cert *issuer);

/*
 * Validate leaf at time now (seconds since the epoch) against the trust
 * anchors, using any of the intermediates (in any order; unused ones are
 * ignored). Paths are searched depth first; a path holds at most
 * X509_MAX_INTERMEDIATES intermediates and each certificate once.
 *
 * Each certificate in the path: its issuer name equals the next one's subject
 * (x509_name_equal), its signature verifies with the next one's key, and
 * now lies in its validity period. Each intermediate: basicConstraints with
 * cA = TRUE (v1/v2 certificates cannot be intermediates), keyUsage (when
 * present) with keyCertSign, and a pathLenConstraint (when present) not below
 * the number of non-self-issued intermediates between it and the leaf. An
 * anchor is trusted for its subject name and key and must be within its
 * validity period; its own signature and other extensions are not checked. A
 * leaf that is itself one of the anchors is trusted directly. An intermediate
 * or anchor with a nameConstraints extension is refused
 * (X509_ERR_NAME_CONSTRAINTS): the constraints are not applied, and ignoring
 * them would widen what the CA may issue (a critical one already fails
 * x509_parse). Candidates whose subjectKeyIdentifier matches the child's
 * authorityKeyIdentifier are tried first.
 *
 * When host is not NULL, the leaf must match it (x509_check_hostname) and, if
 * it has extendedKeyUsage, allow serverAuth or anyExtendedKeyUsage.
 *
 * Returns X509_OK, or the error of the path that got furthest.
 */
int x509_verify_chain(const struct x509_cert *leaf, const struct x509_cert *intermediates,
                      size_t n_intermediates, const struct x509_cert *anchors, size_t n_anchors,
                      int64_t now, const char *host);

#endif
