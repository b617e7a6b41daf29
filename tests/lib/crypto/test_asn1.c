/*
 * test_asn1.c - the strict DER reader (asn1.h).
 *
 * The corpus is every DER object of the vector package's x509/ tree
 * (certificates, CRLs, requests, OCSP messages, PKITS certificates, CRLs and
 * cross-certificate pairs) and every PEM block of x509/ and asymmetric/. Each
 * is walked element by element and compared with `openssl asn1parse`, run
 * through popen as an independent parser: offsets, depths, header and contents
 * lengths, primitive/constructed, INTEGER and BOOLEAN values. Where OpenSSL
 * shows a header longer than the shortest DER form (non-minimal length, high
 * tag number) or an indefinite length, the reader must refuse the object.
 * Times are checked against the C library's timegm, OIDs by having OpenSSL
 * encode the dotted text we print, and malformed encodings made by mutating
 * real objects must be refused.
 */
#define _GNU_SOURCE /* timegm */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <crypto/asn1.h>
#include <crypto/error.h>
#include <crypto/pem.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

/* ---- helpers ---- */

struct object {
    char name[1100]; /* file, and block number for PEM */
    uint8_t *der;
    size_t len;
};

struct corpus {
    struct object *obj;
    size_t n;
};

static void corpus_add(struct corpus *c, const char *name, const uint8_t *der, size_t len)
{
    c->obj = realloc(c->obj, (c->n + 1) * sizeof *c->obj);
    snprintf(c->obj[c->n].name, sizeof c->obj[c->n].name, "%s", name);
    c->obj[c->n].der = malloc(len ? len : 1);
    memcpy(c->obj[c->n].der, der, len);
    c->obj[c->n].len = len;
    c->n++;
}

/* Add the PEM blocks (any label, unencrypted) of a file. */
static void add_pem_blocks(struct corpus *c, const char *rel)
{
    size_t len, pos = 0, out_len, k = 0;
    char *text = (char *)vec_read_file(rel, &len);
    uint8_t *out;

    if (!text)
        return;
    out = malloc(len + 1);
    for (;;) {
        /* The next BEGIN line, whatever its label. */
        char *b = strstr(text + pos, "-----BEGIN ");
        char label[80], name[1100];
        char *e;
        size_t ll;

        if (!b)
            break;
        e = strstr(b + 11, "-----");
        if (!e || (ll = (size_t)(e - b - 11)) >= sizeof label)
            break;
        memcpy(label, b + 11, ll);
        label[ll] = 0;
        pos = (size_t)(b - text);
        if (pem_next(text, len, &pos, label, out, len + 1, &out_len) == CRYPTO_OK) {
            snprintf(name, sizeof name, "%s#%zu", rel, k);
            corpus_add(c, name, out, out_len);
        }
        k++;
        if (pos <= (size_t)(b - text))
            pos = (size_t)(b - text) + 1;
    }
    free(out);
    free(text);
}

struct corpus_walk {
    struct corpus *c;
    int der_files, pem_files;
};

/* One entry of the vector tree: its PEM blocks and DER objects, as asked. */
static int add_entry(const char *rel, int is_dir, void *arg)
{
    struct corpus_walk *w = arg;
    const char *name = strrchr(rel, '/') + 1;

    if (is_dir) /* PKCS#12 and S/MIME files are BER or MIME, not DER objects. */
        return strcmp(name, "pkcs12") && strcmp(name, "smime");
    if (w->pem_files && host_has_suffix(name, ".pem")) {
        add_pem_blocks(w->c, rel);
    } else if (w->der_files && (host_has_suffix(name, ".der") || host_has_suffix(name, ".crt") ||
                                host_has_suffix(name, ".crl") || host_has_suffix(name, ".cp"))) {
        size_t len;
        uint8_t *der = vec_read_file(rel, &len);

        if (der) {
            corpus_add(w->c, rel, der, len);
            free(der);
        }
    }
    return 0;
}

static void add_dir(struct corpus *c, const char *dir, int der_files, int pem_files)
{
    struct corpus_walk w = {c, der_files, pem_files};

    host_walk_vectors(dir, add_entry, &w);
}

static struct corpus *corpus_get(void)
{
    static struct corpus c;

    if (!c.n) {
        add_dir(&c, "x509", 1, 1);
        add_dir(&c, "asymmetric", 0, 1);
    }
    return &c;
}

/* ---- the element walk ---- */

struct rec {
    size_t off, hl, len;
    int depth, cons;
    uint8_t tag;
    const uint8_t *val;
};

struct walk {
    struct rec *r;
    size_t n, cap;
};

/* Walk all elements depth first into constructed ones; false when the reader refuses. */
static int walk(const uint8_t *base, struct asn1_reader *rd, int depth, struct walk *w)
{
    while (!asn1_at_end(rd)) {
        struct asn1_elem e;
        struct asn1_reader inner;

        if (asn1_next(rd, &e) != CRYPTO_OK)
            return 0;
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 256;
            w->r = realloc(w->r, w->cap * sizeof *w->r);
        }
        w->r[w->n++] = (struct rec){(size_t)(e.der.p - base), e.der.len - e.val.len, e.val.len,
                                    depth, (e.tag & ASN1_CONSTRUCTED) != 0, e.tag, e.val.p};
        if (e.tag & ASN1_CONSTRUCTED) {
            asn1_reader_enter(&inner, &e);
            if (!walk(base, &inner, depth + 1, w))
                return 0;
        }
    }
    return 1;
}

/* One line of openssl asn1parse. */
struct ossl_rec {
    size_t off, hl, len;
    int depth, cons, indefinite;
    char type[40];
    char value[2048]; /* text after the type's ':' */
};

static size_t parse_asn1parse(char *out, struct ossl_rec **recs)
{
    size_t n = 0, cap = 0;
    char *line = strtok(out, "\n");

    *recs = NULL;
    for (; line; line = strtok(NULL, "\n")) {
        struct ossl_rec r;
        char pc[8], *colon, *type;
        int used = 0;

        memset(&r, 0, sizeof r);
        if (sscanf(line, " %zu:d=%d hl=%zu l=%n", &r.off, &r.depth, &r.hl, &used) != 3 || !used)
            continue;
        if (strncmp(line + used, "inf", 3) == 0) {
            r.indefinite = 1;
        } else if (sscanf(line + used, "%zu", &r.len) != 1) {
            continue;
        }
        colon = strstr(line + used, "prim:");
        if (!colon)
            colon = strstr(line + used, "cons:");
        if (!colon)
            continue;
        memcpy(pc, colon, 4);
        pc[4] = 0;
        r.cons = strcmp(pc, "cons") == 0;
        type = colon + 5;
        while (*type == ' ')
            type++;
        {
            char *vc = strchr(type, ':');
            size_t tl = vc ? (size_t)(vc - type) : strlen(type);

            while (tl && type[tl - 1] == ' ')
                tl--;
            if (tl >= sizeof r.type)
                tl = sizeof r.type - 1;
            memcpy(r.type, type, tl);
            if (vc)
                snprintf(r.value, sizeof r.value, "%s", vc + 1);
        }
        if (n == cap) {
            cap = cap ? 2 * cap : 256;
            *recs = realloc(*recs, cap * sizeof **recs);
        }
        (*recs)[n++] = r;
    }
    return n;
}

/* The length of the shortest DER header for a low tag number and this length. */
static size_t der_header_len(size_t len)
{
    size_t k = 0;

    if (len < 128)
        return 2;
    while (len) {
        k++;
        len >>= 8;
    }
    return 2 + k;
}

/* Hex of an INTEGER as openssl asn1parse prints it ("-" and the magnitude for negatives). */
static void integer_text(const uint8_t *v, size_t n, char *buf)
{
    uint8_t mag[4096];
    size_t i = 0;
    int neg = n && (v[0] & 0x80);

    if (n > sizeof mag)
        n = sizeof mag;
    memcpy(mag, v, n);
    if (neg) { /* two's complement negation */
        int carry = 1;

        for (size_t k = n; k-- > 0;) {
            int x = (uint8_t)~mag[k] + carry;

            mag[k] = (uint8_t)x;
            carry = x >> 8;
        }
        *buf++ = '-';
    }
    while (i + 1 < n && mag[i] == 0)
        i++;
    for (; i < n; i++)
        buf += sprintf(buf, "%02X", mag[i]);
    *buf = 0;
}

/* The time an openssl-printed UTCTime/GeneralizedTime denotes, by the RFC 5280 rules;
 * 0 when the text is not in the strict form. Computed with timegm/gmtime. */
static int expected_time(const char *s, int generalized, int64_t *t)
{
    size_t n = strlen(s), digits = generalized ? 14 : 12;
    struct tm tm, back;
    int year;
    time_t tt;

    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    if (n != digits + 1 || s[digits] != 'Z')
        return 0;
    for (size_t i = 0; i < digits; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    memset(&tm, 0, sizeof tm);
#define NUM2(p) (((p)[0] - '0') * 10 + ((p)[1] - '0'))
    if (generalized) {
        year = NUM2(s) * 100 + NUM2(s + 2);
        s += 4;
    } else {
        year = NUM2(s);
        year += year < 50 ? 2000 : 1900;
        s += 2;
    }
    tm.tm_year = year - 1900;
    tm.tm_mon = NUM2(s) - 1;
    tm.tm_mday = NUM2(s + 2);
    tm.tm_hour = NUM2(s + 4);
    tm.tm_min = NUM2(s + 6);
    tm.tm_sec = NUM2(s + 8);
#undef NUM2
    back = tm;
    tt = timegm(&tm);
    /* timegm normalizes out-of-range fields: they must survive unchanged. */
    if (tm.tm_year != back.tm_year || tm.tm_mon != back.tm_mon || tm.tm_mday != back.tm_mday ||
        tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min || tm.tm_sec != back.tm_sec)
        return 0;
    *t = (int64_t)tt;
    return 1;
}

/* Objects the reader may refuse although OpenSSL prints them, with the reason. */
struct expect_refusal {
    const char *name;
    const char *why;
};

/* ---- tests ---- */

TEST(walk_matches_openssl_asn1parse)
{
    struct corpus *c = corpus_get();
    const char *tmp = host_tmp("object.der");
    size_t elements = 0, objects = 0, refused = 0, ints = 0, bools = 0, times = 0;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    REQUIRE(c->n > 600);

    for (size_t i = 0; i < c->n; i++) {
        struct object *o = &c->obj[i];
        struct walk w = {0};
        struct asn1_reader rd;
        struct ossl_rec *recs;
        char cmd[256], *out;
        size_t out_len, nrec;
        int ours, non_der = 0;

        host_write_file(tmp, o->der, o->len);
        snprintf(cmd, sizeof cmd, "openssl asn1parse -inform DER -in '%s' 2>/dev/null", tmp);
        out = host_run_capture(cmd, &out_len);
        asn1_reader_init(&rd, o->der, o->len);
        ours = walk(o->der, &rd, 0, &w);
        if (!out) {
            /* OpenSSL cannot parse it at all: neither may we. */
            CHECK_MSG(!ours, "%s: openssl asn1parse fails, the reader accepts", o->name);
            printf("# refused (openssl fails too): %s\n", o->name);
            refused++;
            free(w.r);
            continue;
        }
        nrec = parse_asn1parse(out, &recs);
        for (size_t k = 0; k < nrec; k++)
            if (recs[k].indefinite || recs[k].hl != der_header_len(recs[k].len))
                non_der = 1;
        if (non_der) {
            CHECK_MSG(!ours, "%s: OpenSSL shows a non-DER header, the reader accepts", o->name);
            printf("# refused (not DER): %s\n", o->name);
            refused++;
        } else {
            CHECK_MSG(ours, "%s: refused, openssl parses it", o->name);
            CHECK_MSG(!ours || w.n == nrec, "%s: %zu elements, openssl %zu", o->name, w.n, nrec);
            for (size_t k = 0; ours && k < w.n && k < nrec; k++) {
                struct rec *r = &w.r[k];
                struct ossl_rec *x = &recs[k];
                struct asn1_elem e;

                if (r->off != x->off || r->depth != x->depth || r->hl != x->hl ||
                    r->len != x->len || r->cons != x->cons) {
                    CHECK_MSG(0, "%s: element %zu differs: %zu:d=%d hl=%zu l=%zu vs openssl "
                                 "%zu:d=%d hl=%zu l=%zu",
                              o->name, k, r->off, r->depth, r->hl, r->len, x->off, x->depth,
                              x->hl, x->len);
                    break;
                }
                elements++;
                e.tag = r->tag;
                e.der.p = o->der + r->off;
                e.der.len = r->hl + r->len;
                e.val.p = r->val;
                e.val.len = r->len;
                if (r->tag == ASN1_INTEGER && strncmp(x->value, "BAD INTEGER", 11) != 0) {
                    struct asn1_span v;
                    char text[8300];

                    CHECK_MSG(asn1_get_integer(&e, &v, NULL) == CRYPTO_OK,
                              "%s @%zu: INTEGER refused", o->name, r->off);
                    integer_text(r->val, r->len, text);
                    CHECK_MSG(strcmp(text, x->value) == 0, "%s @%zu: INTEGER %s, openssl %s",
                              o->name, r->off, text, x->value);
                    ints++;
                } else if (r->tag == ASN1_BOOLEAN) {
                    bool b;
                    int want = atoi(x->value);

                    /* openssl prints the octet; DER allows 0 and 255 only. */
                    if (want == 0 || want == 255) {
                        CHECK_MSG(asn1_get_bool(&e, &b) == CRYPTO_OK && b == (want == 255),
                                  "%s @%zu: BOOLEAN", o->name, r->off);
                    } else {
                        CHECK_MSG(asn1_get_bool(&e, &b) != CRYPTO_OK,
                                  "%s @%zu: BOOLEAN %d accepted", o->name, r->off, want);
                    }
                    bools++;
                } else if (r->tag == ASN1_UTC_TIME || r->tag == ASN1_GENERALIZED_TIME) {
                    int64_t got, want;
                    int ok = expected_time(x->value, r->tag == ASN1_GENERALIZED_TIME, &want);
                    int rc = asn1_get_time(&e, &got);

                    CHECK_MSG(ok ? rc == CRYPTO_OK && got == want : rc != CRYPTO_OK,
                              "%s @%zu: time %s: rc %d, %lld vs %lld", o->name, r->off,
                              x->value, rc, (long long)got, (long long)(ok ? want : 0));
                    times++;
                }
            }
        }
        objects++;
        free(recs);
        free(out);
        free(w.r);
    }
    printf("# %zu objects (%zu elements, %zu INTEGERs, %zu BOOLEANs, %zu times) match openssl; "
           "%zu refused (not DER, or unreadable to openssl too)\n",
           objects, elements, ints, bools, times, refused);
    CHECK(elements > 90000);
}

/* Every OID of the corpus printed as text, encoded back by OpenSSL, gives the same DER. */
TEST(oid_text_matches_openssl)
{
    struct corpus *c = corpus_get();
    struct asn1_span *oids = NULL;
    size_t n = 0, cap = 0, cfg_len = 0, der_len;
    char *cfg = NULL, cmd[256];
    const char *cfgname = host_tmp("oids.cnf"), *outname = host_tmp("oids.der");
    uint8_t *der;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    /* Collect the distinct OIDs. */
    for (size_t i = 0; i < c->n; i++) {
        struct walk w = {0};
        struct asn1_reader rd;

        asn1_reader_init(&rd, c->obj[i].der, c->obj[i].len);
        walk(c->obj[i].der, &rd, 0, &w);
        for (size_t k = 0; k < w.n; k++) {
            struct asn1_elem e;
            struct asn1_span oid;
            int seen = 0;

            if (w.r[k].tag != ASN1_OID)
                continue;
            e.tag = ASN1_OID;
            e.val.p = w.r[k].val;
            e.val.len = w.r[k].len;
            if (asn1_get_oid(&e, &oid) != CRYPTO_OK)
                continue;
            for (size_t j = 0; j < n && !seen; j++)
                seen = oids[j].len == oid.len && memcmp(oids[j].p, oid.p, oid.len) == 0;
            if (seen)
                continue;
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                oids = realloc(oids, cap * sizeof *oids);
            }
            oids[n++] = oid;
        }
        free(w.r);
    }
    REQUIRE(n > 100);

    /* An OpenSSL ASN1_generate_nconf description: a SEQUENCE of our texts. */
    cfg = malloc(n * 300 + 64);
    cfg_len = (size_t)sprintf(cfg, "asn1 = SEQUENCE:s\n[s]\n");
    for (size_t j = 0; j < n; j++) {
        char text[256];

        CHECK_MSG(asn1_oid_to_text(&oids[j], text, sizeof text) == CRYPTO_OK, "oid %zu", j);
        cfg_len += (size_t)sprintf(cfg + cfg_len, "o%zu = OID:%s\n", j, text);
    }
    host_write_file(cfgname, cfg, cfg_len);
    snprintf(cmd, sizeof cmd, "openssl asn1parse -genconf '%s' -noout -out '%s' >/dev/null",
             cfgname, outname);
    CHECK_EQ(system(cmd), 0);
    {
        FILE *f = fopen(outname, "rb");
        struct asn1_elem seq, e;
        struct asn1_reader r;
        size_t j = 0;

        REQUIRE(f != NULL);
        der = malloc(1 << 20);
        der_len = fread(der, 1, 1 << 20, f);
        fclose(f);
        REQUIRE(asn1_parse_single(der, der_len, ASN1_SEQUENCE, &seq) == CRYPTO_OK);
        asn1_reader_enter(&r, &seq);
        while (!asn1_at_end(&r) && j < n) {
            REQUIRE(asn1_expect(&r, ASN1_OID, &e) == CRYPTO_OK);
            CHECK_MSG(e.val.len == oids[j].len && memcmp(e.val.p, oids[j].p, e.val.len) == 0,
                      "OID %zu: openssl encodes our text differently", j);
            j++;
        }
        CHECK_EQ(j, n);
    }
    printf("# %zu distinct OIDs round-trip through openssl\n", n);
    free(der);
    free(cfg);
    free(oids);
}

/* An arc wider than 64 bits (a UUID under 2.25) prints exactly. */
TEST(oid_big_arc)
{
    static const char *text = "2.25.329800735698586629295641978511506172918";
    const char *name = host_tmp("oidbig.der");
    char cmd[256], got[128];
    size_t len;
    uint8_t *der;
    struct asn1_elem e;
    struct asn1_span oid;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    snprintf(cmd, sizeof cmd, "openssl asn1parse -genstr 'OID:%s' -noout -out '%s' >/dev/null "
                              "&& cat '%s'", text, name, name);
    der = host_run_capture(cmd, &len);
    REQUIRE(der != NULL);
    REQUIRE(asn1_parse_single(der, len, ASN1_OID, &e) == CRYPTO_OK);
    REQUIRE(asn1_get_oid(&e, &oid) == CRYPTO_OK);
    CHECK_EQ(asn1_oid_to_text(&oid, got, sizeof got), CRYPTO_OK);
    CHECK_STR(got, text);
    /* Too small a buffer is reported, not truncated silently. */
    CHECK_EQ(asn1_oid_to_text(&oid, got, 10), CRYPTO_ERANGE);
    free(der);
}

/* Structural mutations of a real certificate that DER forbids. */
TEST(der_rejects_mutations)
{
    size_t len;
    uint8_t *der = vec_read_file("x509/PKITS_data/certs/GoodCACert.crt", &len);
    uint8_t *m;
    struct asn1_elem e;
    size_t inner_len;

    REQUIRE(der != NULL);
    REQUIRE(len > 300 && len < 65536 && der[0] == 0x30 && der[1] == 0x82);
    m = malloc(len + 8);
    CHECK_EQ(asn1_parse_single(der, len, ASN1_SEQUENCE, &e), CRYPTO_OK);

    /* Every proper prefix is refused (a length runs past the end). */
    for (size_t n = 0; n < len; n++)
        CHECK_MSG(asn1_parse_single(der, n, ASN1_SEQUENCE, &e) != CRYPTO_OK, "prefix %zu", n);
    /* A trailing octet. */
    memcpy(m, der, len);
    m[len] = 0;
    CHECK(asn1_parse_single(m, len + 1, ASN1_SEQUENCE, &e) != CRYPTO_OK);
    /* The outer length in three octets instead of two (82 xx xx -> 83 00 xx xx). */
    inner_len = len - 4;
    m[0] = 0x30;
    m[1] = 0x83;
    m[2] = 0;
    memcpy(m + 3, der + 2, len - 2);
    CHECK(asn1_parse_single(m, len + 1, ASN1_SEQUENCE, &e) != CRYPTO_OK);
    /* Indefinite length, terminated by end-of-contents. */
    m[1] = 0x80;
    memcpy(m + 2, der + 4, inner_len);
    m[2 + inner_len] = 0;
    m[3 + inner_len] = 0;
    CHECK(asn1_parse_single(m, inner_len + 4, ASN1_SEQUENCE, &e) != CRYPTO_OK);
    /* The same tag in the high-tag-number form (1f 10 for SEQUENCE 16, constructed). */
    m[0] = 0x3f;
    m[1] = 0x10;
    m[2] = 0x82;
    m[3] = der[2];
    m[4] = der[3];
    memcpy(m + 5, der + 4, inner_len);
    {
        struct asn1_reader r;

        asn1_reader_init(&r, m, inner_len + 5);
        CHECK(asn1_next(&r, &e) != CRYPTO_OK);
    }
    /* A long form for a length below 128: the version element a0 03 -> a0 81 03. */
    {
        static const uint8_t v3[] = {0xa0, 0x81, 0x03, 0x02, 0x01, 0x02};
        struct asn1_reader r;

        asn1_reader_init(&r, v3, sizeof v3);
        CHECK(asn1_next(&r, &e) != CRYPTO_OK);
        /* and nothing at all */
        asn1_reader_init(&r, v3, 0);
        CHECK(asn1_next(&r, &e) != CRYPTO_OK);
    }
    free(m);
    free(der);
}

/* Value encodings DER forbids, each next to the accepted form. */
TEST(der_value_rules)
{
    static const struct {
        uint8_t der[8];
        size_t len;
        int ok;
        const char *what;
    } ints[] = {
        {{0x02, 0x01, 0x00}, 3, 1, "zero"},
        {{0x02, 0x02, 0x00, 0x80}, 4, 1, "128"},
        {{0x02, 0x02, 0x00, 0x7f}, 4, 0, "127 with a superfluous 00"},
        {{0x02, 0x02, 0xff, 0x80}, 4, 0, "-128 with a superfluous ff"},
        {{0x02, 0x01, 0x80}, 3, 1, "-128"},
        {{0x02, 0x00}, 2, 0, "empty"},
        {{0x22, 0x03, 0x02, 0x01, 0x01}, 5, 0, "constructed"},
    };
    static const struct {
        uint8_t der[8];
        size_t len;
        int ok;
    } bools[] = {
        {{0x01, 0x01, 0xff}, 3, 1}, {{0x01, 0x01, 0x00}, 3, 1}, {{0x01, 0x01, 0x01}, 3, 0},
        {{0x01, 0x02, 0xff, 0xff}, 4, 0}, {{0x01, 0x00}, 2, 0},
    };
    static const struct {
        uint8_t der[8];
        size_t len;
        int ok;
    } bits[] = {
        {{0x03, 0x02, 0x05, 0xa0}, 4, 1},       /* keyUsage-like, 5 padding bits zero */
        {{0x03, 0x02, 0x05, 0xa1}, 4, 0},       /* a padding bit set */
        {{0x03, 0x02, 0x08, 0x00}, 4, 0},       /* padding count above 7 */
        {{0x03, 0x01, 0x00}, 3, 1},             /* empty */
        {{0x03, 0x01, 0x03}, 3, 0},             /* empty with padding */
        {{0x03, 0x00}, 2, 0},                   /* no padding octet */
    };
    static const struct {
        uint8_t der[8];
        size_t len;
        int ok;
    } oids[] = {
        {{0x06, 0x03, 0x55, 0x04, 0x03}, 5, 1},       /* 2.5.4.3 */
        {{0x06, 0x04, 0x55, 0x80, 0x04, 0x03}, 6, 0}, /* 0x80 leading a sub-identifier */
        {{0x06, 0x02, 0x55, 0x84}, 4, 0},             /* unterminated */
        {{0x06, 0x00}, 2, 0},                         /* empty */
    };
    struct asn1_elem e;
    struct asn1_span s;
    unsigned pad;
    bool b;

    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        struct asn1_reader r;
        int rc;

        asn1_reader_init(&r, ints[i].der, ints[i].len);
        rc = asn1_next(&r, &e);
        if (rc == CRYPTO_OK)
            rc = asn1_get_integer(&e, &s, NULL);
        CHECK_MSG((rc == CRYPTO_OK) == ints[i].ok, "INTEGER %s", ints[i].what);
    }
    for (size_t i = 0; i < sizeof bools / sizeof bools[0]; i++) {
        int rc = asn1_parse_single(bools[i].der, bools[i].len, ASN1_BOOLEAN, &e);

        if (rc == CRYPTO_OK)
            rc = asn1_get_bool(&e, &b);
        CHECK_MSG((rc == CRYPTO_OK) == bools[i].ok, "BOOLEAN case %zu", i);
    }
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        int rc = asn1_parse_single(bits[i].der, bits[i].len, ASN1_BIT_STRING, &e);

        if (rc == CRYPTO_OK)
            rc = asn1_get_bits(&e, &s, &pad);
        CHECK_MSG((rc == CRYPTO_OK) == bits[i].ok, "BIT STRING case %zu", i);
    }
    for (size_t i = 0; i < sizeof oids / sizeof oids[0]; i++) {
        int rc = asn1_parse_single(oids[i].der, oids[i].len, ASN1_OID, &e);

        if (rc == CRYPTO_OK)
            rc = asn1_get_oid(&e, &s);
        CHECK_MSG((rc == CRYPTO_OK) == oids[i].ok, "OID case %zu", i);
    }
    /* u32 range */
    {
        static const uint8_t big[] = {0x02, 0x05, 0x01, 0x00, 0x00, 0x00, 0x00};
        static const uint8_t neg[] = {0x02, 0x01, 0xff};
        uint32_t v;

        REQUIRE(asn1_parse_single(big, sizeof big, ASN1_INTEGER, &e) == CRYPTO_OK);
        CHECK_EQ(asn1_get_u32(&e, &v), CRYPTO_ERANGE);
        REQUIRE(asn1_parse_single(neg, sizeof neg, ASN1_INTEGER, &e) == CRYPTO_OK);
        CHECK_EQ(asn1_get_u32(&e, &v), CRYPTO_EINVAL);
    }
}

/* Time strings outside the strict RFC 5280 forms, and calendar limits, against timegm. */
TEST(time_rules)
{
    static const struct {
        uint8_t tag;
        const char *s;
    } cases[] = {
        {ASN1_UTC_TIME, "491231235959Z"}, {ASN1_UTC_TIME, "500101000000Z"},
        {ASN1_UTC_TIME, "000229000000Z"}, {ASN1_UTC_TIME, "990229000000Z"},
        {ASN1_UTC_TIME, "991231235960Z"}, {ASN1_UTC_TIME, "9912312359Z"},
        {ASN1_UTC_TIME, "991231235959+0000"}, {ASN1_UTC_TIME, "991231235959z"},
        {ASN1_UTC_TIME, "991331235959Z"}, {ASN1_UTC_TIME, "990431235959Z"},
        {ASN1_UTC_TIME, "991231245959Z"}, {ASN1_UTC_TIME, "99123123595 Z"},
        {ASN1_GENERALIZED_TIME, "20500101000000Z"}, {ASN1_GENERALIZED_TIME, "21000229000000Z"},
        {ASN1_GENERALIZED_TIME, "20000229000000Z"}, {ASN1_GENERALIZED_TIME, "99991231235959Z"},
        {ASN1_GENERALIZED_TIME, "20500101000000.5Z"}, {ASN1_GENERALIZED_TIME, "205001010000Z"},
        {ASN1_GENERALIZED_TIME, "19700101000000Z"}, {ASN1_GENERALIZED_TIME, "16010101000000Z"},
        {ASN1_GENERALIZED_TIME, "00000101000000Z"},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct asn1_elem e;
        int64_t got = 0, want = 0;
        int ok = expected_time(cases[i].s, cases[i].tag == ASN1_GENERALIZED_TIME, &want);
        int rc;

        e.tag = cases[i].tag;
        e.val.p = (const uint8_t *)cases[i].s;
        e.val.len = strlen(cases[i].s);
        e.der = e.val;
        rc = asn1_get_time(&e, &got);
        CHECK_MSG(ok ? rc == CRYPTO_OK && got == want : rc != CRYPTO_OK,
                  "%s: rc %d got %lld want %lld (valid %d)", cases[i].s, rc, (long long)got,
                  (long long)want, ok);
    }
}

/* String repertoires: valid and invalid UTF-8 from the vector files, and forbidden characters. */
TEST(string_rules)
{
    static const struct {
        uint8_t tag;
        const char *s;
        size_t len;
        int ok;
    } cases[] = {
        {ASN1_PRINTABLE_STRING, "Test CA (2011) - a/b:c=d?e", 26, 1},
        {ASN1_PRINTABLE_STRING, "a@b", 3, 0},
        {ASN1_PRINTABLE_STRING, "a_b", 3, 0},
        {ASN1_IA5_STRING, "a@b", 3, 1},
        {ASN1_IA5_STRING, "\x80", 1, 0},
        {ASN1_UTF8_STRING, "\xc3\xa9", 2, 1},         /* U+00E9 */
        {ASN1_UTF8_STRING, "\xc0\xa9", 2, 0},         /* overlong */
        {ASN1_UTF8_STRING, "\xe0\x80\xaf", 3, 0},     /* overlong */
        {ASN1_UTF8_STRING, "\xed\xa0\x80", 3, 0},     /* surrogate */
        {ASN1_UTF8_STRING, "\xf4\x90\x80\x80", 4, 0}, /* above U+10FFFF */
        {ASN1_UTF8_STRING, "\xf0\x9f\x98\x80", 4, 1}, /* U+1F600 */
        {ASN1_UTF8_STRING, "\xe2\x84", 2, 0},         /* truncated */
        {ASN1_BMP_STRING, "\x00\x41", 2, 1},
        {ASN1_BMP_STRING, "\x00\x41\x00", 3, 0},
        {ASN1_UNIVERSAL_STRING, "\x00\x00\x00\x41", 4, 1},
        {ASN1_UNIVERSAL_STRING, "\x00\x00\x41", 3, 0},
        {ASN1_NUMERIC_STRING, "12 34", 5, 1},
        {ASN1_NUMERIC_STRING, "12a", 3, 0},
        {ASN1_VISIBLE_STRING, "a\tb", 3, 0},
        {ASN1_OCTET_STRING, "ab", 2, 0},
    };

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct asn1_elem e;
        struct asn1_span s;

        e.tag = cases[i].tag;
        e.val.p = (const uint8_t *)cases[i].s;
        e.val.len = cases[i].len;
        e.der = e.val;
        CHECK_MSG((asn1_get_string(&e, &s) == CRYPTO_OK) == cases[i].ok, "string case %zu", i);
    }
}
