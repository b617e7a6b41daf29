/*
 * fuzz_x509.c - libFuzzer target for the DER reader, the certificate parser
 * and the PEM decoder.
 *
 * Every input goes through:
 *   - a full DER walk (into every constructed element) with each value decoder
 *     applied to the elements of its type, and asn1_oid_to_text on OIDs;
 *   - x509_parse of the whole input; when it parses, every field must lie
 *     inside the input, the names must print (x509_name_to_text) into a large
 *     enough buffer and equal themselves, and the SAN walk, host-name checks,
 *     self-signature check and chain verification with itself as anchor run;
 *   - x509_parse of up to three DER elements read one after the other, and
 *     x509_verify_chain over them (leaf, intermediate, anchor);
 *   - pem_next for CERTIFICATE blocks (each decoded block also parsed) and
 *     pem_base64_decode of the whole input;
 *   - x509_name_equal / x509_name_to_text on the raw input as a Name.
 * Broken invariants abort, so libFuzzer reports them like a crash;
 * AddressSanitizer reports any read outside the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/asn1.h>
#include <crypto/error.h>
#include <crypto/pem.h>
#include <crypto/x509.h>

#define NOW 1700000000 /* 2023-11-14 */

static void require(int cond)
{
    if (!cond)
        abort();
}

static void walk(struct asn1_reader *r, int depth)
{
    while (!asn1_at_end(r)) {
        struct asn1_elem e;
        struct asn1_reader inner;
        struct asn1_span s;
        char text[256];
        bool b;
        unsigned pad;
        uint32_t u;
        int64_t t;

        if (asn1_next(r, &e) != CRYPTO_OK)
            return;
        require(e.val.p >= e.der.p && e.val.p + e.val.len == e.der.p + e.der.len);
        switch (e.tag) {
        case ASN1_BOOLEAN:
            asn1_get_bool(&e, &b);
            break;
        case ASN1_INTEGER:
            asn1_get_integer(&e, &s, &b);
            asn1_get_uint(&e, &s);
            asn1_get_u32(&e, &u);
            break;
        case ASN1_BIT_STRING:
            if (asn1_get_bits(&e, &s, &pad) == CRYPTO_OK)
                require(pad < 8 && s.len + 1 == e.val.len);
            break;
        case ASN1_NULL:
            asn1_get_null(&e);
            break;
        case ASN1_OID:
            if (asn1_get_oid(&e, &s) == CRYPTO_OK) {
                int rc = asn1_oid_to_text(&s, text, sizeof text);

                require(rc == CRYPTO_OK || rc == CRYPTO_ERANGE || rc == CRYPTO_EINVAL);
                require(strlen(text) < sizeof text);
            }
            break;
        case ASN1_UTC_TIME:
        case ASN1_GENERALIZED_TIME:
            asn1_get_time(&e, &t);
            break;
        default:
            if (asn1_is_string_tag(e.tag))
                asn1_get_string(&e, &s);
            break;
        }
        if ((e.tag & ASN1_CONSTRUCTED) && depth < 64) {
            asn1_reader_enter(&inner, &e);
            walk(&inner, depth + 1);
        }
    }
}

static int inside(const struct asn1_span *s, const uint8_t *data, size_t size)
{
    return s->len == 0 || (s->p >= data && s->p + s->len <= data + size);
}

static void exercise_cert(const struct x509_cert *c, const uint8_t *data, size_t size)
{
    static const char *hosts[] = {"example.com", "a.example.com", "127.0.0.1", "::1",
                                  "xn--bcher-kva.example"};
    size_t big = 8 * size + 1024;
    char *text = malloc(big), small[16];
    struct asn1_reader it;
    struct asn1_span v;
    struct asn1_elem cn;
    int type;

    require(inside(&c->der, data, size) && inside(&c->tbs, data, size));
    require(inside(&c->issuer, data, size) && inside(&c->subject, data, size));
    require(inside(&c->serial, data, size) && inside(&c->signature, data, size));
    require(inside(&c->key.spki, data, size) && inside(&c->key.key, data, size));
    require(inside(&c->san, data, size) && inside(&c->ski, data, size) &&
            inside(&c->aki, data, size));
    require(c->version >= 1 && c->version <= 3);

    require(x509_name_to_text(&c->subject, text, big) == X509_OK);
    require(x509_name_to_text(&c->issuer, text, big) == X509_OK);
    x509_name_to_text(&c->subject, small, sizeof small);
    require(strlen(small) < sizeof small);
    require(x509_name_equal(&c->subject, &c->subject));
    require(x509_name_equal(&c->issuer, &c->issuer));
    x509_name_equal(&c->issuer, &c->subject);
    if (x509_name_common_name(&c->subject, &cn))
        require(cn.val.p >= data && cn.val.p + cn.val.len <= data + size);

    x509_san_begin(c, &it);
    while (x509_san_next(&it, &type, &v))
        require(inside(&v, data, size) && type >= 0 && type <= 30);
    for (size_t i = 0; i < sizeof hosts / sizeof hosts[0]; i++)
        x509_check_hostname(c, hosts[i]);

    x509_check_validity(c, NOW);
    x509_check_signature(c, c);
    x509_verify_chain(c, NULL, 0, c, 1, NOW, "example.com");
    x509_verify_chain(c, c, 1, NULL, 0, NOW, NULL);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct asn1_reader r;
    struct x509_cert c, chain[3];
    struct asn1_span whole = {data, size};
    size_t n = 0;

    /* DER walk */
    asn1_reader_init(&r, data, size);
    walk(&r, 0);

    /* One certificate */
    if (x509_parse(&c, data, size) == X509_OK)
        exercise_cert(&c, data, size);

    /* Up to three certificates in a row: a path. */
    asn1_reader_init(&r, data, size);
    while (n < 3 && !asn1_at_end(&r)) {
        struct asn1_elem e;

        if (asn1_next(&r, &e) != CRYPTO_OK)
            break;
        if (x509_parse(&chain[n], e.der.p, e.der.len) == X509_OK)
            n++;
    }
    if (n >= 2)
        x509_verify_chain(&chain[0], &chain[1], n - 2, &chain[n - 1], 1, NOW, "example.com");

    /* PEM */
    {
        size_t pos = 0, out_len, cap = size + 1;
        uint8_t *out = malloc(cap);
        int rc, blocks = 0;

        while ((rc = pem_next((const char *)data, size, &pos, "CERTIFICATE", out, cap,
                              &out_len)) != PEM_END &&
               blocks++ < 16) {
            require(pos <= size);
            if (rc == CRYPTO_OK) {
                require(out_len <= PEM_BASE64_MAX_DECODED(size));
                if (x509_parse(&c, out, out_len) == X509_OK)
                    exercise_cert(&c, out, out_len);
            }
        }
        rc = pem_base64_decode((const char *)data, size, out, cap, &out_len);
        require(rc != CRYPTO_OK || out_len <= PEM_BASE64_MAX_DECODED(size));
        free(out);
    }

    /* The raw input as a Name. */
    {
        char text[512];
        struct asn1_span half = {data, size / 2};

        x509_name_equal(&whole, &half);
        x509_name_to_text(&whole, text, sizeof text);
        require(strlen(text) < sizeof text);
    }
    return 0;
}
