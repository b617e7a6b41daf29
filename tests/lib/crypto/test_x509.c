/*
 * test_x509.c - certificate parsing, signatures and path validation (x509.h).
 *
 * Parsing: every certificate of the vector package's x509/ tree (PEM blocks,
 * DER files, and the 405 PKITS certificates) is parsed. Those known to be
 * malformed are listed below with the reason and must be refused with the
 * given error; a certificate that OpenSSL shows with a critical extension this
 * code does not process must be refused as X509_ERR_UNKNOWN_CRITICAL_EXTENSION;
 * every other one must parse, and its fields are compared with what
 * `openssl x509` (run through popen, an independent implementation) prints:
 * version, serial, validity, subject and issuer text, signature and key
 * algorithms, RSA modulus and exponent, EC and Ed25519 keys, basicConstraints,
 * keyUsage, extendedKeyUsage, subjectAltName DNS and IP entries, key
 * identifiers, and which extensions are critical.
 *
 * Signatures: for every pair of certificates where one's issuer is the other's
 * subject, x509_check_signature must agree with `openssl dgst -verify` /
 * `openssl pkeyutl -verify` on the same signed bytes and key.
 *
 * Path validation: the NIST PKITS tests of the sections within what
 * x509_verify_chain checks (4.1 signatures, 4.2 validity, 4.3 name chaining,
 * 4.5 self-issued certificates, 4.6 basic constraints and path length, 4.7
 * key usage, 4.16 private extensions), each with the path of the PKITS
 * description and the expected result; the other sections (CRLs, policies,
 * name constraints, DSA) are not run. Host names are checked against
 * `openssl x509 -checkhost / -checkip`.
 */
#define _GNU_SOURCE /* timegm, strptime */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <crypto/asn1.h>
#include <crypto/error.h>
#include <crypto/pem.h>
#include <crypto/x509.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

/* ---- helpers ---- */

static void hex(const uint8_t *p, size_t n, char *out, const char *sep)
{
    for (size_t i = 0; i < n; i++)
        out += sprintf(out, "%s%02X", i && sep ? sep : "", p[i]);
    *out = 0;
}

/* Parse "Mon DD HH:MM:SS YYYY GMT" as openssl prints dates. */
static int64_t openssl_date(const char *s)
{
    struct tm tm;

    memset(&tm, 0, sizeof tm);
    if (!strptime(s, "%b %d %H:%M:%S %Y GMT", &tm))
        return INT64_MIN;
    return (int64_t)timegm(&tm);
}

#define PKITS "x509/PKITS_data/certs/"

/* ---- the certificate corpus ---- */

struct certfile {
    char name[300];
    uint8_t *der;
    size_t len;
};

static struct certfile *files;
static size_t nfiles;

static void add_cert(const char *name, const uint8_t *der, size_t len)
{
    files = realloc(files, (nfiles + 1) * sizeof *files);
    snprintf(files[nfiles].name, sizeof files[nfiles].name, "%s", name);
    files[nfiles].der = malloc(len);
    memcpy(files[nfiles].der, der, len);
    files[nfiles].len = len;
    nfiles++;
}

static void add_dir(const char *dir)
{
    char path[1024], rel[600];
    struct dirent **ents;
    int n;

    snprintf(path, sizeof path, "%s/%s", vec_root(), dir);
    n = scandir(path, &ents, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *f = ents[i]->d_name;
        size_t len, pos = 0, out_len;
        uint8_t *data;

        snprintf(rel, sizeof rel, "%s/%s", dir, f);
        if (host_has_suffix(f, ".pem")) {
            uint8_t out[65536];
            char name[700];
            size_t k = 0;

            data = vec_read_file(rel, &len);
            while (data && pem_next((char *)data, len, &pos, "CERTIFICATE", out, sizeof out,
                                    &out_len) == CRYPTO_OK) {
                snprintf(name, sizeof name, "%s#%zu", rel, k++);
                add_cert(name, out, out_len);
            }
            free(data);
        } else if ((host_has_suffix(f, ".der") && strncmp(f, "crl_", 4) != 0) ||
                   host_has_suffix(f, ".crt")) {
            data = vec_read_file(rel, &len);
            if (data)
                add_cert(rel, data, len);
            free(data);
        }
        free(ents[i]);
    }
    if (n >= 0)
        free(ents);
}

static void load_corpus(void)
{
    if (nfiles)
        return;
    add_dir("x509");
    add_dir("x509/custom");
    add_dir("x509/custom/ca");
    add_dir("x509/ed25519");
    add_dir("x509/ed448");
    add_dir("x509/PKITS_data/certs");
}

static const struct certfile *find_file(const char *name)
{
    load_corpus();
    for (size_t i = 0; i < nfiles; i++)
        if (strcmp(files[i].name, name) == 0)
            return &files[i];
    return NULL;
}

/*
 * Certificates that are not valid DER certificates under RFC 5280, and the
 * error x509_parse must give. (Found by reading each with openssl asn1parse.)
 */
static const struct {
    const char *name;
    int err;
    const char *why;
} malformed[] = {
    {"x509/badasn1time.pem#0", X509_ERR_MALFORMED,
     "notAfter is a UTCTime with a four-digit year (19020701025736Z)"},
    {"x509/custom/invalid_version.pem#0", X509_ERR_VERSION, "version INTEGER 7"},
    {"x509/custom/long-form-name-attribute.pem#0", X509_ERR_MALFORMED,
     "a name attribute value with a high-tag-number identifier"},
    {"x509/custom/invalid_utf8_common_name.pem#0", X509_ERR_MALFORMED,
     "a UTF8String commonName that is not UTF-8"},
    {"x509/custom/two_basic_constraints.pem#0", X509_ERR_DUPLICATE_EXTENSION,
     "basicConstraints twice"},
    {"x509/wosign-bc-invalid.pem#0", X509_ERR_EXTENSION,
     "basicConstraints with pathLenConstraint and cA FALSE (RFC 5280 4.2.1.9)"},
    {"x509/utf8-dnsname.pem#0", X509_ERR_MALFORMED, "a dNSName (IA5String) with UTF-8 octets"},
    {"x509/cryptography-scts-tbs-precert.der", X509_ERR_MALFORMED,
     "a tbsCertificate, not a Certificate"},
    {"x509/PKITS_data/certs/BadSignedCACert.crt", X509_ERR_MALFORMED,
     "signatureValue BIT STRING with 1 unused bit (PKITS altered the signature's first octet, "
     "which is the padding count)"},
    {"x509/PKITS_data/certs/InvalidDSASignatureTest6EE.crt", X509_ERR_MALFORMED,
     "signatureValue BIT STRING with 1 unused bit, as above"},
    {"x509/v1_cert.pem#0", X509_ERR_ALGORITHM_MISMATCH,
     "tbsCertificate.signature is md5WithRSAEncryption, signatureAlgorithm is md5"},
    {"x509/ed25519/ed25519-rfc8410.pem#0", X509_ERR_MALFORMED,
     "keyUsage with critical BOOLEAN FALSE encoded (DER leaves DEFAULT values out)"},
};

/* Extensions x509.c processes, as openssl -text names them. */
static const char *handled_ext[] = {
    "X509v3 Basic Constraints",       "X509v3 Key Usage",
    "X509v3 Extended Key Usage",      "X509v3 Subject Alternative Name",
    "X509v3 Subject Key Identifier",  "X509v3 Authority Key Identifier",
};

/* ---- openssl -text, parsed ---- */

struct ossl_ext {
    char name[128];
    int critical;
    char value[8192];
};

struct ossl_facts {
    int version;
    char serial[128];
    int64_t not_before, not_after;
    char subject[4096], issuer[4096];
    char sig_alg[64], key_alg[64], curve[64];
    char pss_hash[32], pss_mgf[64];
    unsigned pss_salt;
    char modulus[2100], pub[400];
    unsigned long exponent;
    struct ossl_ext ext[32];
    size_t n_ext;
};

static void strip(char *s)
{
    size_t n = strlen(s);

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = 0;
}

/* Append the hex digits of a colon-separated dump line, uppercased. */
static void append_hex(char *dst, size_t size, const char *line)
{
    size_t n = strlen(dst);

    for (; *line && n + 1 < size; line++)
        if ((*line >= '0' && *line <= '9') || (*line >= 'a' && *line <= 'f') ||
            (*line >= 'A' && *line <= 'F'))
            dst[n++] = (char)(*line >= 'a' ? *line - 32 : *line);
    dst[n] = 0;
}

static int indent(const char *l)
{
    int n = 0;

    while (l[n] == ' ')
        n++;
    return n;
}

static int openssl_facts(const struct certfile *f, struct ossl_facts *o)
{
    char cmd[512], *out, *line, *save;
    const char *der = host_tmp("cert.der");
    enum { NONE, MODULUS, PUB, EXTS } mode = NONE;
    int in_ext = 0;

    memset(o, 0, sizeof *o);
    host_write_file(der, f->der, f->len);
    snprintf(cmd, sizeof cmd,
             "openssl x509 -inform DER -in '%s' -noout -serial -startdate -enddate "
             "-nameopt RFC2253,-esc_msb -subject -issuer -text 2>/dev/null",
             der);
    out = host_run_capture(cmd, NULL);
    if (!out)
        return 0;
    /* First the "key=value" lines, up to the -text part. */
    for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        strip(line);
        if (!strcmp(line, "Certificate:"))
            break;
        if (!strncmp(line, "serial=", 7))
            snprintf(o->serial, sizeof o->serial, "%s", line + 7);
        else if (!strncmp(line, "notBefore=", 10))
            o->not_before = openssl_date(line + 10);
        else if (!strncmp(line, "notAfter=", 9))
            o->not_after = openssl_date(line + 9);
        else if (!strncmp(line, "subject=", 8))
            snprintf(o->subject, sizeof o->subject, "%s", line + 8);
        else if (!strncmp(line, "issuer=", 7))
            snprintf(o->issuer, sizeof o->issuer, "%s", line + 7);
    }
    for (line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int ind = indent(line);
        char *l = line + ind;

        strip(line);
        /* Extension values may hold raw octets, even line breaks: the section ends at the
         * outer signature algorithm only. */
        if (in_ext && ind == 4 && !strncmp(l, "Signature", 9)) {
            in_ext = 0;
            mode = NONE;
        }
        if (mode == MODULUS || mode == PUB) {
            if (ind >= 20) {
                if (mode == MODULUS)
                    append_hex(o->modulus, sizeof o->modulus, l);
                else
                    append_hex(o->pub, sizeof o->pub, l);
                continue;
            }
            mode = NONE;
        }
        if (in_ext) {
            if (ind == 12 && o->n_ext < 32) {
                struct ossl_ext *e = &o->ext[o->n_ext++];
                char *c = strstr(l, ": critical");

                e->critical = c != NULL;
                if (c)
                    *c = 0;
                else if (l[strlen(l) - 1] == ':')
                    l[strlen(l) - 1] = 0;
                snprintf(e->name, sizeof e->name, "%s", l);
            } else if (ind >= 16 && o->n_ext) {
                struct ossl_ext *e = &o->ext[o->n_ext - 1];
                size_t n = strlen(e->value);

                snprintf(e->value + n, sizeof e->value - n, "%s%s", n ? "\n" : "", l);
            }
            continue;
        }
        if (!strncmp(l, "Version:", 8))
            o->version = atoi(l + 8);
        else if (!strncmp(l, "Signature Algorithm:", 20) && !o->sig_alg[0])
            sscanf(l + 20, " %63s", o->sig_alg);
        else if (!strncmp(l, "Hash Algorithm:", 15) && !o->pss_hash[0])
            sscanf(l + 15, " %31s", o->pss_hash);
        else if (!strncmp(l, "Mask Algorithm:", 15) && !o->pss_mgf[0]) {
            char *d;

            snprintf(o->pss_mgf, sizeof o->pss_mgf, "%s", l + 16);
            if ((d = strstr(o->pss_mgf, " (default)")))
                *d = 0;
        }
        else if (!strncmp(l, "Salt Length:", 12) && !o->pss_salt)
            o->pss_salt = (unsigned)strtoul(l + 12, NULL, 0);
        else if (!strncmp(l, "Public Key Algorithm:", 21))
            sscanf(l + 21, " %63s", o->key_alg);
        else if (!strncmp(l, "ASN1 OID:", 9))
            sscanf(l + 9, " %63s", o->curve);
        else if (!strncmp(l, "Modulus:", 8))
            mode = MODULUS;
        else if (!strncmp(l, "pub:", 4))
            mode = PUB;
        else if (!strncmp(l, "Exponent:", 9))
            o->exponent = strtoul(l + 9, NULL, 10);
        else if (!strncmp(l, "X509v3 extensions:", 18))
            in_ext = 1;
    }
    free(out);
    return 1;
}

static const struct ossl_ext *find_ext(const struct ossl_facts *o, const char *name)
{
    for (size_t i = 0; i < o->n_ext; i++)
        if (strcmp(o->ext[i].name, name) == 0)
            return &o->ext[i];
    return NULL;
}

/* Whether openssl shows a critical extension that x509.c does not process. */
static int unhandled_critical(const struct ossl_facts *o)
{
    for (size_t i = 0; i < o->n_ext; i++) {
        int handled = 0;

        for (size_t k = 0; k < sizeof handled_ext / sizeof handled_ext[0]; k++)
            handled |= strcmp(o->ext[i].name, handled_ext[k]) == 0;
        if (o->ext[i].critical && !handled)
            return 1;
    }
    return 0;
}

/* Serial as openssl -serial prints it: hex of the magnitude, '-' for negatives. */
static void serial_text(const struct x509_cert *c, char *out)
{
    uint8_t mag[32];
    size_t n = c->serial.len, i = 0;

    memcpy(mag, c->serial.p, n);
    if (c->serial_negative) {
        int carry = 1;

        for (size_t k = n; k-- > 0;) {
            int x = (uint8_t)~mag[k] + carry;

            mag[k] = (uint8_t)x;
            carry = x >> 8;
        }
        *out++ = '-';
    }
    while (i + 1 < n && mag[i] == 0)
        i++;
    hex(mag + i, n - i, out, NULL);
}

/* Expected x509_sig_alg for openssl's name of a signature algorithm. */
static void expected_sig(const struct ossl_facts *o, struct x509_sig_alg *want)
{
    static const struct {
        const char *name;
        enum x509_sig_type type;
        const struct hash_alg *hash;
    } names[] = {
        {"sha1WithRSAEncryption", X509_SIG_RSA_PKCS1, &hash_sha1},
        {"sha1WithRSA", X509_SIG_RSA_PKCS1, &hash_sha1}, /* the OIW OID 1.3.14.3.2.29 */
        {"sha256WithRSAEncryption", X509_SIG_RSA_PKCS1, &hash_sha256},
        {"sha384WithRSAEncryption", X509_SIG_RSA_PKCS1, &hash_sha384},
        {"sha512WithRSAEncryption", X509_SIG_RSA_PKCS1, &hash_sha512},
        {"ecdsa-with-SHA256", X509_SIG_ECDSA, &hash_sha256},
        {"ecdsa-with-SHA384", X509_SIG_ECDSA, &hash_sha384},
        {"ecdsa-with-SHA512", X509_SIG_ECDSA, &hash_sha512},
        {"ED25519", X509_SIG_ED25519, NULL},
    };

    memset(want, 0, sizeof *want);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(o->sig_alg, names[i].name) == 0) {
            want->type = names[i].type;
            want->hash = names[i].hash;
        }
    }
    if (strcmp(o->sig_alg, "rsassaPss") == 0) {
        const struct hash_alg *h[] = {&hash_sha1, &hash_sha256, &hash_sha384, &hash_sha512};
        const char *hn[] = {"sha1", "sha256", "sha384", "sha512"};
        char mgf[64];

        want->type = X509_SIG_RSA_PSS;
        for (size_t i = 0; i < 4; i++) {
            snprintf(mgf, sizeof mgf, "mgf1 with %s", hn[i]);
            if (strcmp(o->pss_hash, hn[i]) == 0 ||
                (!o->pss_hash[0] && i == 0)) /* openssl prints nothing for defaults */
                want->hash = h[i];
            if (strcmp(o->pss_mgf, mgf) == 0 || (!o->pss_mgf[0] && i == 0))
                want->mgf_hash = h[i];
        }
        want->salt_len = o->pss_salt ? o->pss_salt : 20;
    }
}

static uint32_t ku_bits(const char *v)
{
    static const char *names[] = {"Digital Signature", "Non Repudiation", "Key Encipherment",
                                  "Data Encipherment", "Key Agreement",   "Certificate Sign",
                                  "CRL Sign",          "Encipher Only",   "Decipher Only"};
    uint32_t bits = 0;

    for (unsigned i = 0; i < 9; i++)
        if (strstr(v, names[i]))
            bits |= 1u << i;
    return bits;
}

static uint32_t eku_bits(const char *v)
{
    static const struct {
        const char *name;
        uint32_t bit;
    } names[] = {
        {"TLS Web Server Authentication", X509_EKU_SERVER_AUTH},
        {"TLS Web Client Authentication", X509_EKU_CLIENT_AUTH},
        {"Code Signing", X509_EKU_CODE_SIGNING},
        {"E-mail Protection", X509_EKU_EMAIL_PROTECTION},
        {"Time Stamping", X509_EKU_TIME_STAMPING},
        {"OCSP Signing", X509_EKU_OCSP_SIGNING},
        {"Any Extended Key Usage", X509_EKU_ANY},
    };
    uint32_t bits = 0;
    char buf[8192], *tok, *save;

    snprintf(buf, sizeof buf, "%s", v);
    for (tok = strtok_r(buf, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save)) {
        int known = 0;

        while (*tok == ' ')
            tok++;
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            if (strcmp(tok, names[i].name) == 0) {
                bits |= names[i].bit;
                known = 1;
            }
        }
        if (!known)
            bits |= X509_EKU_OTHER;
    }
    return bits;
}

/* Our SAN DNS and IP entries in openssl's notation, ", "-separated. */
static void our_san_text(const struct x509_cert *c, char *out, size_t size)
{
    struct asn1_reader it;
    struct asn1_span v;
    int type;
    size_t n = 0;

    out[0] = 0;
    x509_san_begin(c, &it);
    while (x509_san_next(&it, &type, &v) && n + 200 < size) {
        if (type == X509_GN_DNS) {
            n += (size_t)snprintf(out + n, size - n, "%sDNS:%.*s", n ? ", " : "", (int)v.len,
                                  (const char *)v.p);
        } else if (type == X509_GN_IP && v.len == 4) {
            n += (size_t)snprintf(out + n, size - n, "%sIP Address:%u.%u.%u.%u", n ? ", " : "",
                                  v.p[0], v.p[1], v.p[2], v.p[3]);
        } else if (type == X509_GN_IP) {
            n += (size_t)snprintf(out + n, size - n, "%sIP Address:", n ? ", " : "");
            for (int g = 0; g < 8; g++)
                n += (size_t)snprintf(out + n, size - n, "%s%X", g ? ":" : "",
                                      (unsigned)(v.p[2 * g] << 8 | v.p[2 * g + 1]));
        }
    }
}

/* openssl's SAN line reduced to its DNS and IP entries. */
static void openssl_san_text(const char *v, char *out, size_t size)
{
    char buf[8192], *tok, *save;
    size_t n = 0;

    out[0] = 0;
    snprintf(buf, sizeof buf, "%s", v);
    for (tok = strtok_r(buf, ",\n", &save); tok; tok = strtok_r(NULL, ",\n", &save)) {
        while (*tok == ' ')
            tok++;
        if (!strncmp(tok, "DNS:", 4) || !strncmp(tok, "IP Address:", 11))
            n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", tok);
    }
}

/*
 * Our RFC 4514 text with attribute types renamed as openssl's RFC2253 output
 * names them (OpenSSL has short names for more types than RFC 4514 lists).
 */
static void openssl_naming(const char *ours, char *out, size_t size)
{
    static const struct {
        const char *ours, *theirs;
    } names[] = {
        {"STREET", "street"},
        {"1.2.840.113549.1.9.1", "emailAddress"},
        {"2.5.4.4", "SN"},
        {"2.5.4.5", "serialNumber"},
        {"2.5.4.12", "title"},
        {"2.5.4.42", "GN"},
        {"2.5.4.43", "initials"},
        {"2.5.4.44", "generationQualifier"},
        {"2.5.4.46", "dnQualifier"},
        {"2.5.4.65", "pseudonym"},
        {"2.5.4.17", "postalCode"},
        {"1.3.6.1.4.1.311.60.2.1.3", "jurisdictionC"},
        {"0.9.2342.19200300.100.1.1", "UID"},
        {"1.2.643.3.131.1.1", "INN"},
        {"1.2.643.100.1", "OGRN"},
    };
    const char *p = ours;
    size_t n = 0;

    out[0] = 0;
    while (*p && n + 64 < size) {
        const char *eq = strchr(p, '=');
        size_t tl = eq ? (size_t)(eq - p) : strlen(p);
        int renamed = 0;

        for (size_t i = 0; i < sizeof names / sizeof names[0] && !renamed; i++) {
            if (strlen(names[i].ours) == tl && !strncmp(p, names[i].ours, tl)) {
                n += (size_t)snprintf(out + n, size - n, "%s", names[i].theirs);
                renamed = 1;
            }
        }
        if (!renamed)
            n += (size_t)snprintf(out + n, size - n, "%.*s", (int)tl, p);
        p += tl;
        /* The value, up to an unescaped ',' or '+', and that separator. */
        while (*p && *p != ',' && *p != '+' && n + 4 < size) {
            if (*p == '\\' && p[1])
                out[n++] = *p++;
            out[n++] = *p++;
        }
        if (*p && n + 4 < size)
            out[n++] = *p++;
        out[n] = 0;
    }
}

struct fact_counts {
    size_t names, keys, exts;
};

/* Compare the parsed certificate with openssl's view of it. */
static void compare_facts(const struct certfile *f, const struct x509_cert *c,
                          const struct ossl_facts *o, struct fact_counts *n)
{
    char text[8192], want[8192];
    struct x509_sig_alg ws;
    const struct ossl_ext *e;

    CHECK_MSG(c->version == o->version, "%s: version %d, openssl %d", f->name, c->version,
              o->version);
    serial_text(c, text);
    CHECK_MSG(strcmp(text, o->serial) == 0, "%s: serial %s, openssl %s", f->name, text,
              o->serial);
    CHECK_MSG(c->not_before == o->not_before && c->not_after == o->not_after,
              "%s: validity %lld..%lld, openssl %lld..%lld", f->name, (long long)c->not_before,
              (long long)c->not_after, (long long)o->not_before, (long long)o->not_after);

    /* Names */
    for (int which = 0; which < 2; which++) {
        const struct asn1_span *name = which ? &c->issuer : &c->subject;
        const char *theirs = which ? o->issuer : o->subject;

        CHECK_MSG(x509_name_to_text(name, text, sizeof text) == X509_OK, "%s: name text",
                  f->name);
        openssl_naming(text, want, sizeof want);
        CHECK_MSG(strcmp(want, theirs) == 0, "%s: %s \"%s\", openssl \"%s\"", f->name,
                  which ? "issuer" : "subject", want, theirs);
        n->names++;
    }

    /* Signature algorithm */
    expected_sig(o, &ws);
    CHECK_MSG(c->sig_alg.type == ws.type && c->sig_alg.hash == ws.hash,
              "%s: signature algorithm %d, openssl %s", f->name, c->sig_alg.type, o->sig_alg);
    if (ws.type == X509_SIG_RSA_PSS)
        CHECK_MSG(c->sig_alg.mgf_hash == ws.mgf_hash && c->sig_alg.salt_len == ws.salt_len,
                  "%s: PSS parameters", f->name);

    /* Key */
    if (!strcmp(o->key_alg, "rsaEncryption") || !strcmp(o->key_alg, "rsassaPss")) {
        size_t skip = 0;

        CHECK_MSG(c->key.type == (o->key_alg[0] == 'r' && o->key_alg[3] == 'E' ? X509_KEY_RSA
                                                                               : X509_KEY_RSA_PSS),
                  "%s: key type %d, openssl %s", f->name, c->key.type, o->key_alg);
        hex(c->key.rsa.n, c->key.rsa.n_len, text, NULL);
        while (!strncmp(o->modulus + skip, "00", 2))
            skip += 2;
        CHECK_MSG(strcmp(text, o->modulus + skip) == 0, "%s: modulus", f->name);
        {
            unsigned long ev = 0;

            for (size_t i = 0; i < c->key.rsa.e_len; i++)
                ev = ev << 8 | c->key.rsa.e[i];
            CHECK_MSG(ev == o->exponent, "%s: exponent %lu, openssl %lu", f->name, ev,
                      o->exponent);
        }
        n->keys++;
    } else if (!strcmp(o->key_alg, "id-ecPublicKey") && !strcmp(o->curve, "prime256v1") &&
               !strncmp(o->pub, "04", 2)) {
        CHECK_MSG(c->key.type == X509_KEY_P256, "%s: key type %d, expected P-256", f->name,
                  c->key.type);
        hex(c->key.key.p, c->key.key.len, text, NULL);
        CHECK_MSG(strcmp(text, o->pub) == 0, "%s: EC point", f->name);
        n->keys++;
    } else if (!strcmp(o->key_alg, "ED25519")) {
        CHECK_MSG(c->key.type == X509_KEY_ED25519, "%s: key type %d, expected Ed25519", f->name,
                  c->key.type);
        hex(c->key.key.p, c->key.key.len, text, NULL);
        CHECK_MSG(strcmp(text, o->pub) == 0, "%s: Ed25519 key", f->name);
        n->keys++;
    } else {
        CHECK_MSG(c->key.type == X509_KEY_UNKNOWN, "%s: key type %d, openssl %s %s", f->name,
                  c->key.type, o->key_alg, o->curve);
    }

    /* Extensions x509.c reads: presence, criticality, values. */
    for (size_t k = 0; k < sizeof handled_ext / sizeof handled_ext[0]; k++) {
        uint32_t bit = 1u << k; /* same order as X509_EXT_* */

        e = find_ext(o, handled_ext[k]);
        CHECK_MSG(!!(c->ext & bit) == !!e, "%s: %s presence", f->name, handled_ext[k]);
        if (!e || !(c->ext & bit))
            continue;
        CHECK_MSG(!!(c->ext_critical & bit) == e->critical, "%s: %s criticality", f->name,
                  handled_ext[k]);
        n->exts++;
        switch (bit) {
        case X509_EXT_BASIC_CONSTRAINTS:
            snprintf(want, sizeof want, "CA:%s", c->ca ? "TRUE" : "FALSE");
            if (c->path_len >= 0)
                snprintf(want + strlen(want), sizeof want - strlen(want), ", pathlen:%d",
                         c->path_len);
            CHECK_MSG(strcmp(want, e->value) == 0, "%s: basicConstraints %s, openssl %s",
                      f->name, want, e->value);
            break;
        case X509_EXT_KEY_USAGE:
            CHECK_MSG(c->key_usage == ku_bits(e->value), "%s: keyUsage %x, openssl %s", f->name,
                      c->key_usage, e->value);
            break;
        case X509_EXT_EXT_KEY_USAGE:
            CHECK_MSG(c->ext_key_usage == eku_bits(e->value), "%s: EKU %x, openssl %s", f->name,
                      c->ext_key_usage, e->value);
            break;
        case X509_EXT_SUBJECT_ALT_NAME:
            our_san_text(c, text, sizeof text);
            openssl_san_text(e->value, want, sizeof want);
            CHECK_MSG(strcmp(text, want) == 0, "%s: SAN \"%s\", openssl \"%s\"", f->name, text,
                      want);
            break;
        case X509_EXT_SUBJECT_KEY_ID:
            hex(c->ski.p, c->ski.len, text, ":");
            CHECK_MSG(strcmp(text, e->value) == 0, "%s: SKI", f->name);
            break;
        case X509_EXT_AUTHORITY_KEY_ID:
            /* openssl prints the keyIdentifier first, as its first line, when present */
            if (c->aki.len) {
                hex(c->aki.p, c->aki.len, text, ":");
                CHECK_MSG(strncmp(e->value, text, strlen(text)) == 0 ||
                              (strncmp(e->value, "keyid:", 6) == 0 &&
                               strncmp(e->value + 6, text, strlen(text)) == 0),
                          "%s: AKI %s, openssl %s", f->name, text, e->value);
            }
            break;
        }
    }
}

TEST(parse_vector_certificates)
{
    struct fact_counts counts = {0};
    size_t parsed = 0, refused_malformed = 0, refused_critical = 0;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    load_corpus();
    REQUIRE(nfiles > 500);
    for (size_t i = 0; i < nfiles; i++) {
        const struct certfile *f = &files[i];
        struct x509_cert c;
        struct ossl_facts o;
        int rc = x509_parse(&c, f->der, f->len), want = X509_OK, listed = 0;

        for (size_t k = 0; k < sizeof malformed / sizeof malformed[0]; k++) {
            if (strcmp(malformed[k].name, f->name) == 0) {
                want = malformed[k].err;
                listed = 1;
                CHECK_MSG(rc == want, "%s: %s, expected %s (%s)", f->name, x509_error_name(rc),
                          x509_error_name(want), malformed[k].why);
                refused_malformed++;
            }
        }
        if (listed)
            continue;
        if (!openssl_facts(f, &o)) {
            CHECK_MSG(0, "%s: openssl cannot read it, and it is not listed as malformed", f->name);
            continue;
        }
        if (unhandled_critical(&o)) {
            CHECK_MSG(rc == X509_ERR_UNKNOWN_CRITICAL_EXTENSION, "%s: %s, expected %s", f->name,
                      x509_error_name(rc), x509_error_name(X509_ERR_UNKNOWN_CRITICAL_EXTENSION));
            refused_critical++;
            continue;
        }
        CHECK_MSG(rc == X509_OK, "%s: %s", f->name, x509_error_name(rc));
        if (rc == X509_OK) {
            compare_facts(f, &c, &o, &counts);
            parsed++;
        }
    }
    printf("# %zu certificates parsed and compared with openssl (%zu names, %zu keys, %zu "
           "extensions); %zu refused as malformed, %zu for critical extensions not processed\n",
           parsed, counts.names, counts.keys, counts.exts, refused_malformed, refused_critical);
    CHECK(parsed > 300);
}

/* Mutations of a good certificate. */
TEST(parse_rejects_mutations)
{
    const struct certfile *f = find_file("x509/PKITS_data/certs/GoodCACert.crt");
    struct x509_cert c;
    uint8_t *m;

    REQUIRE(f != NULL);
    REQUIRE(x509_parse(&c, f->der, f->len) == X509_OK);
    m = malloc(f->len + 1);
    /* Every proper prefix, and a trailing octet. */
    for (size_t n = 0; n < f->len; n++)
        CHECK_MSG(x509_parse(&c, f->der, n) == X509_ERR_MALFORMED, "prefix %zu", n);
    memcpy(m, f->der, f->len);
    m[f->len] = 0;
    CHECK_EQ(x509_parse(&c, m, f->len + 1), X509_ERR_MALFORMED);
    /* The outer signatureAlgorithm changed (sha256WithRSA -> sha384WithRSA). */
    {
        struct asn1_reader r;
        struct asn1_elem cert, tbs, alg;

        REQUIRE(asn1_parse_single(m, f->len, ASN1_SEQUENCE, &cert) == CRYPTO_OK);
        asn1_reader_enter(&r, &cert);
        REQUIRE(asn1_expect(&r, ASN1_SEQUENCE, &tbs) == CRYPTO_OK);
        REQUIRE(asn1_expect(&r, ASN1_SEQUENCE, &alg) == CRYPTO_OK);
        REQUIRE(alg.val.p[10] == 0x0b); /* last OID octet: 1.2.840.113549.1.1.11 */
        m[alg.val.p + 10 - m] = 0x0c;
        CHECK_EQ(x509_parse(&c, m, f->len), X509_ERR_ALGORITHM_MISMATCH);
    }
    free(m);
}

/* ---- signatures against openssl ---- */

/* openssl's verdict on cert's signature by issuer's key: 1 good, 0 bad, -1 cannot tell. */
static int openssl_signature(const struct x509_cert *cert, const struct certfile *issuer,
                             size_t issuer_index)
{
    char cmd[1024], key[160];
    const char *tbs = host_tmp("tbs.bin"), *sig = host_tmp("sig.bin");
    const char *md = cert->sig_alg.hash == &hash_sha1     ? "sha1"
                     : cert->sig_alg.hash == &hash_sha256 ? "sha256"
                     : cert->sig_alg.hash == &hash_sha384 ? "sha384"
                                                          : "sha512";
    char *out;
    int rc;

    host_write_file(tbs, cert->tbs.p, cert->tbs.len);
    host_write_file(sig, cert->signature.p, cert->signature.len);
    /* The issuer's public key, extracted once per issuer. */
    snprintf(key, sizeof key, "%s", host_tmp("key"));
    snprintf(key + strlen(key), sizeof key - strlen(key), "%zu.pem", issuer_index);
    if (access(key, R_OK) != 0) {
        const char *iss = host_tmp("issuer.der");

        host_write_file(iss, issuer->der, issuer->len);
        snprintf(cmd, sizeof cmd,
                 "openssl x509 -inform DER -in '%s' -noout -pubkey > '%s' 2>/dev/null", iss, key);
        if (system(cmd) != 0)
            return -1;
    }
    switch (cert->sig_alg.type) {
    case X509_SIG_RSA_PKCS1:
    case X509_SIG_ECDSA:
        snprintf(cmd, sizeof cmd,
                 "openssl dgst -%s -verify '%s' -signature '%s' '%s' 2>/dev/null", md, key, sig,
                 tbs);
        break;
    case X509_SIG_RSA_PSS: {
        const char *mgf = cert->sig_alg.mgf_hash == &hash_sha1     ? "sha1"
                          : cert->sig_alg.mgf_hash == &hash_sha256 ? "sha256"
                          : cert->sig_alg.mgf_hash == &hash_sha384 ? "sha384"
                                                                   : "sha512";

        snprintf(cmd, sizeof cmd,
                 "openssl dgst -%s -verify '%s' -sigopt rsa_padding_mode:pss -sigopt "
                 "rsa_pss_saltlen:%zu -sigopt rsa_mgf1_md:%s -signature '%s' '%s' 2>/dev/null",
                 md, key, cert->sig_alg.salt_len, mgf, sig, tbs);
        break;
    }
    case X509_SIG_ED25519:
        snprintf(cmd, sizeof cmd,
                 "openssl pkeyutl -verify -pubin -inkey '%s' -rawin -in '%s' -sigfile '%s' "
                 "2>/dev/null",
                 key, tbs, sig);
        break;
    default:
        return -1;
    }
    out = host_run_capture(cmd, NULL);
    rc = out && (strstr(out, "Verified OK") || strstr(out, "Signature Verified Successfully"));
    free(out);
    return rc;
}

TEST(signatures_match_openssl)
{
    struct x509_cert *certs;
    size_t good = 0, bad = 0, unsupported = 0;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    load_corpus();
    certs = calloc(nfiles, sizeof *certs);
    for (size_t i = 0; i < nfiles; i++)
        if (x509_parse(&certs[i], files[i].der, files[i].len) != X509_OK)
            certs[i].der.p = NULL;
    for (size_t i = 0; i < nfiles; i++) {
        if (!certs[i].der.p)
            continue;
        for (size_t j = 0; j < nfiles; j++) {
            int ours, theirs;

            if (!certs[j].der.p || !x509_name_equal(&certs[i].issuer, &certs[j].subject))
                continue;
            ours = x509_check_signature(&certs[i], &certs[j]);
            if (certs[i].sig_alg.type == X509_SIG_UNKNOWN ||
                certs[j].key.type == X509_KEY_UNKNOWN) {
                CHECK_MSG(ours == X509_ERR_UNSUPPORTED_ALGORITHM, "%s by %s: %s", files[i].name,
                          files[j].name, x509_error_name(ours));
                unsupported++;
                continue;
            }
            if (ours == X509_ERR_KEY_MISMATCH)
                continue; /* e.g. an ECDSA signature and an RSA issuer of the same name */
            theirs = openssl_signature(&certs[i], &files[j], j);
            CHECK_MSG(theirs >= 0, "%s by %s: openssl could not check", files[i].name,
                      files[j].name);
            CHECK_MSG((ours == X509_OK) == (theirs == 1), "%s by %s: %s, openssl %s",
                      files[i].name, files[j].name, x509_error_name(ours),
                      theirs == 1 ? "good" : "bad");
            if (ours == X509_OK)
                good++;
            else
                bad++;
        }
    }
    printf("# signatures agree with openssl: %zu good, %zu bad; %zu unsupported\n", good, bad,
           unsupported);
    CHECK(good > 300);
    CHECK(bad > 10);
    free(certs);
}

/* A corrupted signature octet must fail, for each signature type in the vectors. */
TEST(signature_corruption)
{
    static const struct {
        const char *cert, *issuer;
    } pairs[] = {
        {PKITS "GoodCACert.crt", PKITS "TrustAnchorRootCertificate.crt"},
        {"x509/cryptography.io.pem#0", "x509/rapidssl_sha256_ca_g3.pem#0"},
        {"x509/custom/ca/ca.pem#0", "x509/custom/ca/ca.pem#0"},
        {"x509/ed25519/root-ed25519.pem#0", "x509/ed25519/root-ed25519.pem#0"},
        {"x509/custom/rsa_pss_cert.pem#0", "x509/custom/rsa_pss_cert.pem#0"},
    };

    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const struct certfile *f = find_file(pairs[i].cert), *g = find_file(pairs[i].issuer);
        struct x509_cert c, issuer;
        uint8_t *m;

        REQUIRE(f && g);
        REQUIRE(x509_parse(&c, f->der, f->len) == X509_OK);
        REQUIRE(x509_parse(&issuer, g->der, g->len) == X509_OK);
        CHECK_MSG(x509_check_signature(&c, &issuer) == X509_OK, "%s: good signature refused",
                  f->name);
        /* Flip a bit in the signature, then in the signed bytes. */
        m = malloc(f->len);
        memcpy(m, f->der, f->len);
        m[c.signature.p - f->der + c.signature.len / 2] ^= 0x01;
        REQUIRE(x509_parse(&c, m, f->len) == X509_OK);
        CHECK_MSG(x509_check_signature(&c, &issuer) == X509_ERR_BAD_SIGNATURE,
                  "%s: corrupted signature accepted", f->name);
        /* The last octet of the serial number: still a valid certificate, not the signed one. */
        memcpy(m, f->der, f->len);
        REQUIRE(x509_parse(&c, m, f->len) == X509_OK);
        m[c.serial.p - m + c.serial.len - 1] ^= 0x01;
        REQUIRE(x509_parse(&c, m, f->len) == X509_OK);
        CHECK_MSG(x509_check_signature(&c, &issuer) == X509_ERR_BAD_SIGNATURE,
                  "%s: altered tbsCertificate accepted", f->name);
        free(m);
    }
}

/* ---- PKITS ---- */

/*
 * The PKITS tests (NIST, "Public Key Interoperability Test Suite", 2011
 * edition) that x509_verify_chain covers. The path of each is the one its
 * description gives (section 4.x.y; certificate file names follow the test
 * names), from the certificate issued by the trust anchor down to the end
 * entity, which is last. The expected result is the test's: "Valid" tests
 * succeed, "Invalid" tests fail with the error their description names.
 */
static const struct pkits_test {
    const char *section, *name;
    int expect;
    const char *path[6];
} pkits[] = {
    /* 4.1 Signature Verification (4.1.4-4.1.6 use DSA: not run) */
    {"4.1.1", "Valid Signatures Test1", X509_OK, {"GoodCACert", "ValidCertificatePathTest1EE"}},
    /* BadSignedCACert's signatureValue BIT STRING declares 1 unused bit (the altered octet
     * is the padding count), so the certificate is refused as malformed before any
     * signature check; the path is invalid either way. */
    {"4.1.2", "Invalid CA Signature Test2", X509_ERR_MALFORMED,
     {"BadSignedCACert", "InvalidCASignatureTest2EE"}},
    {"4.1.3", "Invalid EE Signature Test3", X509_ERR_BAD_SIGNATURE,
     {"GoodCACert", "InvalidEESignatureTest3EE"}},
    /* 4.2 Validity Periods */
    {"4.2.1", "Invalid CA notBefore Date Test1", X509_ERR_NOT_YET_VALID,
     {"BadnotBeforeDateCACert", "InvalidCAnotBeforeDateTest1EE"}},
    {"4.2.2", "Invalid EE notBefore Date Test2", X509_ERR_NOT_YET_VALID,
     {"GoodCACert", "InvalidEEnotBeforeDateTest2EE"}},
    {"4.2.3", "Valid pre2000 UTC notBefore Date Test3", X509_OK,
     {"GoodCACert", "Validpre2000UTCnotBeforeDateTest3EE"}},
    {"4.2.4", "Valid GeneralizedTime notBefore Date Test4", X509_OK,
     {"GoodCACert", "ValidGeneralizedTimenotBeforeDateTest4EE"}},
    {"4.2.5", "Invalid CA notAfter Date Test5", X509_ERR_EXPIRED,
     {"BadnotAfterDateCACert", "InvalidCAnotAfterDateTest5EE"}},
    {"4.2.6", "Invalid EE notAfter Date Test6", X509_ERR_EXPIRED,
     {"GoodCACert", "InvalidEEnotAfterDateTest6EE"}},
    {"4.2.7", "Invalid pre2000 UTC EE notAfter Date Test7", X509_ERR_EXPIRED,
     {"GoodCACert", "Invalidpre2000UTCEEnotAfterDateTest7EE"}},
    {"4.2.8", "Valid GeneralizedTime notAfter Date Test8", X509_OK,
     {"GoodCACert", "ValidGeneralizedTimenotAfterDateTest8EE"}},
    /* 4.3 Verifying Name Chaining */
    {"4.3.1", "Invalid Name Chaining EE Test1", X509_ERR_ISSUER_NOT_FOUND,
     {"GoodCACert", "InvalidNameChainingTest1EE"}},
    {"4.3.2", "Invalid Name Chaining Order Test2", X509_ERR_ISSUER_NOT_FOUND,
     {"NameOrderingCACert", "InvalidNameChainingOrderTest2EE"}},
    {"4.3.3", "Valid Name Chaining Whitespace Test3", X509_OK,
     {"GoodCACert", "ValidNameChainingWhitespaceTest3EE"}},
    {"4.3.4", "Valid Name Chaining Whitespace Test4", X509_OK,
     {"GoodCACert", "ValidNameChainingWhitespaceTest4EE"}},
    {"4.3.5", "Valid Name Chaining Capitalization Test5", X509_OK,
     {"GoodCACert", "ValidNameChainingCapitalizationTest5EE"}},
    {"4.3.6", "Valid Name Chaining UIDs Test6", X509_OK, {"UIDCACert", "ValidNameUIDsTest6EE"}},
    {"4.3.7", "Valid RFC3280 Mandatory Attribute Types Test7", X509_OK,
     {"RFC3280MandatoryAttributeTypesCACert", "ValidRFC3280MandatoryAttributeTypesTest7EE"}},
    {"4.3.8", "Valid RFC3280 Optional Attribute Types Test8", X509_OK,
     {"RFC3280OptionalAttributeTypesCACert", "ValidRFC3280OptionalAttributeTypesTest8EE"}},
    {"4.3.9", "Valid UTF8String Encoded Names Test9", X509_OK,
     {"UTF8StringEncodedNamesCACert", "ValidUTF8StringEncodedNamesTest9EE"}},
    {"4.3.10", "Valid Rollover from PrintableString to UTF8String Test10", X509_OK,
     {"RolloverfromPrintableStringtoUTF8StringCACert",
      "ValidRolloverfromPrintableStringtoUTF8StringTest10EE"}},
    {"4.3.11", "Valid UTF8String Case Insensitive Match Test11", X509_OK,
     {"UTF8StringCaseInsensitiveMatchCACert", "ValidUTF8StringCaseInsensitiveMatchTest11EE"}},
    /* 4.5 Verifying Paths with Self-Issued Certificates (4.5.2, 4.5.5, 4.5.7 need CRLs) */
    {"4.5.1", "Valid Basic Self-Issued Old With New Test1", X509_OK,
     {"BasicSelfIssuedNewKeyCACert", "BasicSelfIssuedNewKeyOldWithNewCACert",
      "ValidBasicSelfIssuedOldWithNewTest1EE"}},
    {"4.5.3", "Valid Basic Self-Issued New With Old Test3", X509_OK,
     {"BasicSelfIssuedOldKeyCACert", "BasicSelfIssuedOldKeyNewWithOldCACert",
      "ValidBasicSelfIssuedNewWithOldTest3EE"}},
    {"4.5.4", "Valid Basic Self-Issued New With Old Test4", X509_OK,
     {"BasicSelfIssuedOldKeyCACert", "BasicSelfIssuedOldKeyNewWithOldCACert",
      "ValidBasicSelfIssuedNewWithOldTest4EE"}},
    {"4.5.6", "Valid Basic Self-Issued CRL Signing Key Test6", X509_OK,
     {"BasicSelfIssuedCRLSigningKeyCACert", "BasicSelfIssuedCRLSigningKeyCRLCert",
      "ValidBasicSelfIssuedCRLSigningKeyTest6EE"}},
    {"4.5.8", "Invalid Basic Self-Issued CRL Signing Key Test8", X509_ERR_NOT_CA,
     {"BasicSelfIssuedCRLSigningKeyCACert", "BasicSelfIssuedCRLSigningKeyCRLCert",
      "InvalidBasicSelfIssuedCRLSigningKeyTest8EE"}},
    /* 4.6 Verifying Basic Constraints */
    {"4.6.1", "Invalid Missing basicConstraints Test1", X509_ERR_NOT_CA,
     {"MissingbasicConstraintsCACert", "InvalidMissingbasicConstraintsTest1EE"}},
    {"4.6.2", "Invalid cA False Test2", X509_ERR_NOT_CA,
     {"basicConstraintsCriticalcAFalseCACert", "InvalidcAFalseTest2EE"}},
    {"4.6.3", "Invalid cA False Test3", X509_ERR_NOT_CA,
     {"basicConstraintsNotCriticalcAFalseCACert", "InvalidcAFalseTest3EE"}},
    {"4.6.4", "Valid basicConstraints Not Critical Test4", X509_OK,
     {"basicConstraintsNotCriticalCACert", "ValidbasicConstraintsNotCriticalTest4EE"}},
    {"4.6.5", "Invalid pathLenConstraint Test5", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint0CACert", "pathLenConstraint0subCACert",
      "InvalidpathLenConstraintTest5EE"}},
    {"4.6.6", "Invalid pathLenConstraint Test6", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint0CACert", "pathLenConstraint0subCACert",
      "InvalidpathLenConstraintTest6EE"}},
    {"4.6.7", "Valid pathLenConstraint Test7", X509_OK,
     {"pathLenConstraint0CACert", "ValidpathLenConstraintTest7EE"}},
    {"4.6.8", "Valid pathLenConstraint Test8", X509_OK,
     {"pathLenConstraint0CACert", "ValidpathLenConstraintTest8EE"}},
    {"4.6.9", "Invalid pathLenConstraint Test9", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint6CACert", "pathLenConstraint6subCA0Cert",
      "pathLenConstraint6subsubCA00Cert",
      "InvalidpathLenConstraintTest9EE"}},
    {"4.6.10", "Invalid pathLenConstraint Test10", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint6CACert", "pathLenConstraint6subCA0Cert",
      "pathLenConstraint6subsubCA00Cert",
      "InvalidpathLenConstraintTest10EE"}},
    {"4.6.11", "Invalid pathLenConstraint Test11", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint6CACert", "pathLenConstraint6subCA1Cert",
      "pathLenConstraint6subsubCA11Cert",
      "pathLenConstraint6subsubsubCA11XCert", "InvalidpathLenConstraintTest11EE"}},
    {"4.6.12", "Invalid pathLenConstraint Test12", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint6CACert", "pathLenConstraint6subCA1Cert",
      "pathLenConstraint6subsubCA11Cert",
      "pathLenConstraint6subsubsubCA11XCert", "InvalidpathLenConstraintTest12EE"}},
    {"4.6.13", "Valid pathLenConstraint Test13", X509_OK,
     {"pathLenConstraint6CACert", "pathLenConstraint6subCA4Cert",
      "pathLenConstraint6subsubCA41Cert",
      "pathLenConstraint6subsubsubCA41XCert", "ValidpathLenConstraintTest13EE"}},
    {"4.6.14", "Valid pathLenConstraint Test14", X509_OK,
     {"pathLenConstraint6CACert", "pathLenConstraint6subCA4Cert",
      "pathLenConstraint6subsubCA41Cert",
      "pathLenConstraint6subsubsubCA41XCert", "ValidpathLenConstraintTest14EE"}},
    {"4.6.15", "Valid Self-Issued pathLenConstraint Test15", X509_OK,
     {"pathLenConstraint0CACert", "pathLenConstraint0SelfIssuedCACert",
      "ValidSelfIssuedpathLenConstraintTest15EE"}},
    {"4.6.16", "Invalid Self-Issued pathLenConstraint Test16", X509_ERR_PATH_LENGTH,
     {"pathLenConstraint0CACert", "pathLenConstraint0SelfIssuedCACert",
      "pathLenConstraint0subCA2Cert", "InvalidSelfIssuedpathLenConstraintTest16EE"}},
    {"4.6.17", "Valid Self-Issued pathLenConstraint Test17", X509_OK,
     {"pathLenConstraint1CACert", "pathLenConstraint1SelfIssuedCACert",
      "pathLenConstraint1subCACert", "pathLenConstraint1SelfIssuedsubCACert",
      "ValidSelfIssuedpathLenConstraintTest17EE"}},
    /* 4.7 Key Usage (4.7.4 and 4.7.5 are about CRL signing: not run) */
    {"4.7.1", "Invalid keyUsage Critical keyCertSign False Test1", X509_ERR_KEY_USAGE,
     {"keyUsageCriticalkeyCertSignFalseCACert", "InvalidkeyUsageCriticalkeyCertSignFalseTest1EE"}},
    {"4.7.2", "Invalid keyUsage Not Critical keyCertSign False Test2", X509_ERR_KEY_USAGE,
     {"keyUsageNotCriticalkeyCertSignFalseCACert",
      "InvalidkeyUsageNotCriticalkeyCertSignFalseTest2EE"}},
    {"4.7.3", "Valid keyUsage Not Critical Test3", X509_OK,
     {"keyUsageNotCriticalCACert", "ValidkeyUsageNotCriticalTest3EE"}},
    /* 4.16 Private Certificate Extensions */
    {"4.16.1", "Valid Unknown Not Critical Certificate Extension Test1", X509_OK,
     {"ValidUnknownNotCriticalCertificateExtensionTest1EE"}},
    {"4.16.2", "Invalid Unknown Critical Certificate Extension Test2",
     X509_ERR_UNKNOWN_CRITICAL_EXTENSION, {"InvalidUnknownCriticalCertificateExtensionTest2EE"}},
};

/* PKITS validity: every certificate is dated 2010..2030 apart from the deliberate ones. */
static int64_t pkits_now(void)
{
    struct tm tm = {.tm_year = 2020 - 1900, .tm_mon = 5, .tm_mday = 1};

    return (int64_t)timegm(&tm);
}

/* Run one PKITS test; mode 0: CA certificates in path order, 1: reversed, 2: reversed
 * and every other parseable PKITS certificate added as a candidate. */
static int run_pkits(const struct pkits_test *t, int mode, struct x509_cert *pool, size_t npool)
{
    struct x509_cert anchor, chain[6], *inter;
    const struct certfile *f;
    size_t n = 0, ni = 0;
    int rc;

    f = find_file(PKITS "TrustAnchorRootCertificate.crt");
    if (!f || x509_parse(&anchor, f->der, f->len) != X509_OK)
        return 1;
    while (n < 6 && t->path[n]) {
        char name[256];

        snprintf(name, sizeof name, PKITS "%s.crt", t->path[n]);
        f = find_file(name);
        if (!f)
            return 1;
        rc = x509_parse(&chain[n], f->der, f->len);
        if (rc != X509_OK)
            return rc; /* a certificate the path cannot use */
        n++;
    }
    inter = calloc(n + npool, sizeof *inter);
    for (size_t i = 0; i + 1 < n; i++)
        inter[ni++] = chain[mode ? n - 2 - i : i];
    if (mode == 2)
        for (size_t i = 0; i < npool; i++)
            inter[ni++] = pool[i];
    rc = x509_verify_chain(&chain[n - 1], inter, ni, &anchor, 1, pkits_now(), NULL);
    free(inter);
    return rc;
}

TEST(pkits_path_validation)
{
    size_t pass = 0, total = sizeof pkits / sizeof pkits[0];

    load_corpus();
    for (size_t i = 0; i < total; i++) {
        int rc = run_pkits(&pkits[i], 0, NULL, 0);

        CHECK_MSG(rc == pkits[i].expect, "PKITS %s %s: %s, expected %s", pkits[i].section,
                  pkits[i].name, x509_error_name(rc), x509_error_name(pkits[i].expect));
        pass += rc == pkits[i].expect;
        rc = run_pkits(&pkits[i], 1, NULL, 0);
        CHECK_MSG(rc == pkits[i].expect, "PKITS %s (intermediates reversed): %s, expected %s",
                  pkits[i].section, x509_error_name(rc), x509_error_name(pkits[i].expect));
    }
    printf("# PKITS: %zu of %zu tests in sections 4.1, 4.2, 4.3, 4.5, 4.6, 4.7, 4.16 give the "
           "expected result\n",
           pass, total);
}

/* Path building among all of PKITS: valid paths stay valid, invalid ones stay invalid. */
TEST(pkits_path_building_in_full_pool)
{
    struct x509_cert *pool;
    size_t npool = 0;

    load_corpus();
    pool = calloc(nfiles, sizeof *pool);
    for (size_t i = 0; i < nfiles; i++) {
        const char *base = files[i].name + strlen(PKITS);

        if (strncmp(files[i].name, PKITS, strlen(PKITS)) || strstr(base, "EE.crt") ||
            !strcmp(base, "TrustAnchorRootCertificate.crt"))
            continue;
        if (x509_parse(&pool[npool], files[i].der, files[i].len) == X509_OK)
            npool++;
    }
    CHECK_MSG(npool > 100, "only %zu PKITS CA certificates parse", npool);
    for (size_t i = 0; i < sizeof pkits / sizeof pkits[0]; i++) {
        int rc = run_pkits(&pkits[i], 2, pool, npool);

        CHECK_MSG((rc == X509_OK) == (pkits[i].expect == X509_OK),
                  "PKITS %s %s with %zu candidates: %s, expected %s", pkits[i].section,
                  pkits[i].name, npool, x509_error_name(rc), x509_error_name(pkits[i].expect));
    }
    free(pool);
}

/*
 * Copy the DER tree at p[0..len) to out leaving out the bytes [cut, cut + cut_len)
 * (which must be whole elements), with the lengths of all enclosing elements
 * re-encoded. Returns the output length.
 */
static size_t der_cut(const uint8_t *p, size_t len, const uint8_t *cut, size_t cut_len,
                      uint8_t *out)
{
    struct asn1_reader r;
    struct asn1_elem e;
    size_t o = 0;

    asn1_reader_init(&r, p, len);
    while (!asn1_at_end(&r) && asn1_next(&r, &e) == CRYPTO_OK) {
        uint8_t body[65536];
        size_t blen;

        if (e.der.p >= cut && e.der.p < cut + cut_len)
            continue;
        if ((e.tag & ASN1_CONSTRUCTED) && cut >= e.val.p && cut < e.val.p + e.val.len) {
            blen = der_cut(e.val.p, e.val.len, cut, cut_len, body);
        } else {
            blen = e.val.len;
            memcpy(body, e.val.p, blen);
        }
        out[o++] = e.tag;
        if (blen < 128) {
            out[o++] = (uint8_t)blen;
        } else if (blen < 256) {
            out[o++] = 0x81;
            out[o++] = (uint8_t)blen;
        } else {
            out[o++] = 0x82;
            out[o++] = (uint8_t)(blen >> 8);
            out[o++] = (uint8_t)blen;
        }
        memcpy(out + o, body, blen);
        o += blen;
    }
    return o;
}

/* The critical BOOLEAN of the extension with this OID in a certificate; NULL if none. */
static const uint8_t *find_critical_flag(const uint8_t *der, size_t len, const uint8_t *oid,
                                         size_t oid_len)
{
    for (size_t i = 0; i + oid_len + 5 <= len; i++)
        if (der[i] == ASN1_OID && der[i + 1] == oid_len && !memcmp(der + i + 2, oid, oid_len) &&
            der[i + 2 + oid_len] == ASN1_BOOLEAN)
            return der + i + 2 + oid_len;
    return NULL;
}

/* A CA whose (critical) nameConstraints is made non-critical is refused as an issuer; an
 * explicit critical FALSE is not DER. */
TEST(name_constraints_not_ignored)
{
    static const uint8_t nc_oid[] = {0x55, 0x1d, 0x1e};
    const struct certfile *ca_f = find_file(PKITS "nameConstraintsDN1CACert.crt");
    const struct certfile *ee_f = find_file(PKITS "ValidDNnameConstraintsTest1EE.crt");
    const struct certfile *ta_f = find_file(PKITS "TrustAnchorRootCertificate.crt");
    struct x509_cert ca, ee, ta;
    const uint8_t *flag;
    uint8_t *m;
    size_t mlen;

    REQUIRE(ca_f && ee_f && ta_f);
    REQUIRE(x509_parse(&ee, ee_f->der, ee_f->len) == X509_OK);
    REQUIRE(x509_parse(&ta, ta_f->der, ta_f->len) == X509_OK);
    CHECK_EQ(x509_parse(&ca, ca_f->der, ca_f->len), X509_ERR_UNKNOWN_CRITICAL_EXTENSION);
    flag = find_critical_flag(ca_f->der, ca_f->len, nc_oid, sizeof nc_oid);
    REQUIRE(flag != NULL && flag[1] == 1 && flag[2] == 0xff);

    m = malloc(ca_f->len);
    /* critical FALSE, encoded: not DER. */
    memcpy(m, ca_f->der, ca_f->len);
    m[flag - ca_f->der + 2] = 0x00;
    CHECK_EQ(x509_parse(&ca, m, ca_f->len), X509_ERR_MALFORMED);
    /* critical left out: parses (its own signature no longer matches, which is checked one
     * level up), and the path through it is refused for the constraints. */
    mlen = der_cut(ca_f->der, ca_f->len, flag, 3, m);
    REQUIRE(mlen == ca_f->len - 3);
    REQUIRE(x509_parse(&ca, m, mlen) == X509_OK);
    CHECK(ca.ext & X509_EXT_NAME_CONSTRAINTS);
    CHECK_EQ(x509_verify_chain(&ee, &ca, 1, &ta, 1, pkits_now(), NULL),
             X509_ERR_NAME_CONSTRAINTS);
    free(m);
}

/* ---- real-world chains and host names ---- */

static int parse_file(const char *name, struct x509_cert *c)
{
    const struct certfile *f = find_file(name);

    return f ? x509_parse(c, f->der, f->len) : -1;
}

TEST(verify_real_chains)
{
    struct x509_cert leaf, inter, root, ed_leaf, ed_root;
    int64_t t;

    REQUIRE(parse_file("x509/cryptography.io.pem#0", &leaf) == X509_OK);
    REQUIRE(parse_file("x509/rapidssl_sha256_ca_g3.pem#0", &inter) == X509_OK);
    /* The RapidSSL intermediate as the anchor (its root is not among the vectors). */
    t = leaf.not_before + 86400;
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &inter, 1, t, "cryptography.io"), X509_OK);
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &inter, 1, t, "www.cryptography.io"), X509_OK);
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &inter, 1, t, "WWW.Cryptography.IO."), X509_OK);
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &inter, 1, t, "docs.cryptography.io"),
             X509_ERR_HOSTNAME);
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &inter, 1, leaf.not_after + 1, NULL),
             X509_ERR_EXPIRED);
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &inter, 1, leaf.not_before - 1, NULL),
             X509_ERR_NOT_YET_VALID);
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, NULL, 0, t, NULL), X509_ERR_ISSUER_NOT_FOUND);
    /* The same intermediate as an intermediate only: no anchor for it. */
    CHECK_EQ(x509_verify_chain(&leaf, &inter, 1, NULL, 0, t, NULL), X509_ERR_ISSUER_NOT_FOUND);
    /* An anchor is trusted directly. */
    CHECK_EQ(x509_verify_chain(&leaf, NULL, 0, &leaf, 1, t, "cryptography.io"), X509_OK);

    /* Ed25519: the self-signed root of RFC 8410's examples, as its own issuer. */
    REQUIRE(parse_file("x509/ed25519/root-ed25519.pem#0", &ed_root) == X509_OK);
    CHECK_EQ(x509_check_signature(&ed_root, &ed_root), X509_OK);
    /* The Ed25519 server certificate's issuer ("Root CA") is not among the vectors. */
    REQUIRE(parse_file("x509/ed25519/server-ed25519-cert.pem#0", &ed_leaf) == X509_OK);
    CHECK_EQ(x509_verify_chain(&ed_leaf, &ed_root, 1, &inter, 1, ed_leaf.not_before + 1, NULL),
             X509_ERR_ISSUER_NOT_FOUND);

    /* P-256: a self-signed CA trusted directly and checked by its own signature. */
    REQUIRE(parse_file("x509/custom/ca/ca.pem#0", &root) == X509_OK);
    CHECK_EQ(x509_check_signature(&root, &root), X509_OK);
}

/* x509_check_hostname against `openssl x509 -checkhost/-checkip` for certificates with SANs. */
TEST(hostnames_match_openssl)
{
    static const char *certs[] = {
        "x509/cryptography.io.pem#0",       "x509/wildcard_san.pem#0",
        "x509/custom/san_wildcard_idna.pem#0", "x509/custom/san_ipaddr.pem#0",
        "x509/custom/san_idna2003_dnsname.pem#0", "x509/custom/san_email_dns_ip_dirname_uri.pem#0",
        "x509/letsencryptx3.pem#0",
    };
    size_t compared = 0;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    for (size_t i = 0; i < sizeof certs / sizeof certs[0]; i++) {
        const struct certfile *f = find_file(certs[i]);
        struct x509_cert c;
        struct asn1_reader it;
        struct asn1_span v;
        char hosts[64][300];
        size_t nh = 0;
        int type;

        REQUIRE(f != NULL);
        REQUIRE(x509_parse(&c, f->der, f->len) == X509_OK);
        /* Candidate names from the certificate's entries: the entry, with case changed, one
         * label more or less, and the wildcard replaced. */
        x509_san_begin(&c, &it);
        while (x509_san_next(&it, &type, &v) && nh + 8 < 64) {
            if (type == X509_GN_DNS && v.len > 0 && v.len < 200) {
                char d[256];

                snprintf(d, sizeof d, "%.*s", (int)v.len, (const char *)v.p);
                if (d[0] == '*') {
                    snprintf(hosts[nh++], 300, "foo%s", d + 1);
                    snprintf(hosts[nh++], 300, "a.b%s", d + 1);
                    snprintf(hosts[nh++], 300, "%s", d + 2);
                    snprintf(hosts[nh++], 300, "xn--abc%s", d + 1);
                } else {
                    snprintf(hosts[nh++], 300, "%s", d);
                    snprintf(hosts[nh++], 300, "www.%s", d);
                    snprintf(hosts[nh], 300, "%s", d);
                    for (char *p = hosts[nh]; *p; p++)
                        if (*p >= 'a' && *p <= 'z')
                            *p = (char)(*p - 32);
                    nh++;
                    if (strchr(d, '.'))
                        snprintf(hosts[nh++], 300, "%s", strchr(d, '.') + 1);
                }
            } else if (type == X509_GN_IP && v.len == 4) {
                snprintf(hosts[nh++], 300, "%u.%u.%u.%u", v.p[0], v.p[1], v.p[2], v.p[3]);
                snprintf(hosts[nh++], 300, "%u.%u.%u.%u", v.p[0], v.p[1], v.p[2], v.p[3] ^ 1);
            } else if (type == X509_GN_IP && v.len == 16) {
                char *p = hosts[nh];

                for (int g = 0; g < 8; g++)
                    p += sprintf(p, "%s%x", g ? ":" : "", v.p[2 * g] << 8 | v.p[2 * g + 1]);
                nh++;
                snprintf(hosts[nh++], 300, "::1");
            }
        }
        snprintf(hosts[nh++], 300, "example.com");
        for (size_t h = 0; h < nh; h++) {
            char cmd[1024], *out;
            const char *der = host_tmp("host.der");
            int ip = strchr(hosts[h], ':') ||
                     strspn(hosts[h], "0123456789.") == strlen(hosts[h]);
            int theirs, ours = x509_check_hostname(&c, hosts[h]);

            host_write_file(der, f->der, f->len);
            snprintf(cmd, sizeof cmd, "openssl x509 -inform DER -in '%s' -noout %s '%.255s'", der,
                     ip ? "-checkip" : "-checkhost", hosts[h]);
            out = host_run_capture(cmd, NULL);
            REQUIRE(out != NULL);
            theirs = strstr(out, "does match") != NULL;
            CHECK_MSG((ours == X509_OK) == theirs, "%s: host %s: %s, openssl %s", f->name,
                      hosts[h], x509_error_name(ours), theirs ? "match" : "no match");
            compared++;
            free(out);
        }
    }
    printf("# %zu host names compared with openssl\n", compared);
    CHECK(compared > 30);
}

/* Host-name rules that OpenSSL applies differently or that need no certificate. */
TEST(hostname_rules)
{
    struct x509_cert c;

    /* No subjectAltName: the commonName is not used (RFC 6125 6.4.4, CA/B practice). */
    REQUIRE(parse_file("x509/custom/extended_key_usage.pem#0", &c) == X509_OK);
    {
        struct asn1_elem cn;
        char name[256];

        REQUIRE(!(c.ext & X509_EXT_SUBJECT_ALT_NAME));
        REQUIRE(x509_name_common_name(&c.subject, &cn));
        snprintf(name, sizeof name, "%.*s", (int)cn.val.len, (const char *)cn.val.p);
        CHECK_STR(name, "cryptography.io");
        CHECK_EQ(x509_check_hostname(&c, name), X509_ERR_HOSTNAME);
    }
    REQUIRE(parse_file("x509/cryptography.io.pem#0", &c) == X509_OK);
    /* Malformed host names are refused, not matched. */
    CHECK_EQ(x509_check_hostname(&c, ""), X509_ERR_INVALID_ARGUMENT);
    CHECK_EQ(x509_check_hostname(&c, "cryptography..io"), X509_ERR_INVALID_ARGUMENT);
    CHECK_EQ(x509_check_hostname(&c, "*.cryptography.io"), X509_ERR_INVALID_ARGUMENT);
    CHECK_EQ(x509_check_hostname(&c, "cryptography.io\n"), X509_ERR_INVALID_ARGUMENT);
    CHECK_EQ(x509_check_hostname(&c, "1.2.3"), X509_ERR_HOSTNAME); /* a DNS name, no match */
    CHECK_EQ(x509_check_hostname(&c, "::1::2"), X509_ERR_INVALID_ARGUMENT);
}

/* Name comparison and the text form against openssl on the PKITS name-chaining certificates. */
TEST(name_comparison)
{
    static const struct {
        const char *a, *b; /* a's issuer against b's subject */
        int equal;
    } cases[] = {
        {PKITS "ValidNameChainingWhitespaceTest3EE.crt", PKITS "GoodCACert.crt", 1},
        {PKITS "ValidNameChainingWhitespaceTest4EE.crt", PKITS "GoodCACert.crt", 1},
        {PKITS "ValidNameChainingCapitalizationTest5EE.crt", PKITS "GoodCACert.crt", 1},
        {PKITS "ValidRolloverfromPrintableStringtoUTF8StringTest10EE.crt",
         PKITS "RolloverfromPrintableStringtoUTF8StringCACert.crt", 1},
        {PKITS "ValidUTF8StringCaseInsensitiveMatchTest11EE.crt",
         PKITS "UTF8StringCaseInsensitiveMatchCACert.crt", 1},
        {PKITS "InvalidNameChainingTest1EE.crt", PKITS "GoodCACert.crt", 0},
        {PKITS "InvalidNameChainingOrderTest2EE.crt", PKITS "NameOrderingCACert.crt", 0},
        {PKITS "GoodCACert.crt", PKITS "GoodCACert.crt", 0},
    };

    load_corpus();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct x509_cert a, b;

        REQUIRE(parse_file(cases[i].a, &a) == X509_OK);
        REQUIRE(parse_file(cases[i].b, &b) == X509_OK);
        CHECK_MSG(x509_name_equal(&a.issuer, &b.subject) == cases[i].equal, "%s / %s",
                  cases[i].a, cases[i].b);
        CHECK(x509_name_equal(&a.issuer, &a.issuer));
    }
    /* A too-small buffer for the text form is reported. */
    {
        struct x509_cert c;
        char small[8];

        REQUIRE(parse_file(PKITS "GoodCACert.crt", &c) == X509_OK);
        CHECK_EQ(x509_name_to_text(&c.subject, small, sizeof small), X509_ERR_BUFFER);
    }
}
