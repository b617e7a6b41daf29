/*
 * test_pem.c - strict base64 and PEM extraction (pem.h).
 *
 * The expected bytes come from OpenSSL, run through popen as an independent
 * implementation: every PEM block of every .pem file in the vector package
 * (x509/ and asymmetric/) is decoded by pem_next and compared with what
 * `openssl base64 -d` makes of the same block's lines; blocks with RFC 1421
 * header lines (encrypted keys) must be refused. Random data is encoded by
 * `openssl base64` and must decode back. Malformed inputs, made by mutating
 * valid encodings, must be rejected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/pem.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

struct pem_list {
    char **files;
    size_t n;
};

static int add_pem_file(const char *rel, int is_dir, void *arg)
{
    struct pem_list *l = arg;

    if (!is_dir && host_has_suffix(rel, ".pem")) {
        l->files = realloc(l->files, (l->n + 1) * sizeof *l->files);
        l->files[l->n++] = strdup(rel);
    }
    return 1;
}

/*
 * The test's own view of a file's blocks: each line "-----BEGIN <label>-----",
 * its offset, label, and the offsets of its body lines, found by plain line
 * splitting (independently of pem.c).
 */
struct block {
    size_t begin;     /* offset of the BEGIN line */
    char label[64];
    size_t body, end; /* body: after the BEGIN line; end: start of the END line */
    int has_header;   /* a "Name: value" line in the body */
    int found_end;
};

static size_t find_blocks(const char *t, size_t len, struct block *b, size_t max)
{
    size_t n = 0, i = 0;

    while (i < len && n < max) {
        size_t e = i;

        while (e < len && t[e] != '\n')
            e++;
        if (e - i > 16 && memcmp(t + i, "-----BEGIN ", 11) == 0) {
            size_t ll = e - i - 16;

            if (t[e - 1] == '\r')
                ll--;
            if (ll < sizeof b[n].label && memcmp(t + i + 11 + ll, "-----", 5) == 0) {
                memset(&b[n], 0, sizeof b[n]);
                b[n].begin = i;
                memcpy(b[n].label, t + i + 11, ll);
                b[n].body = e + 1;
                /* the END line */
                for (size_t j = e + 1; j < len;) {
                    size_t k = j;

                    while (k < len && t[k] != '\n')
                        k++;
                    if (k - j >= 9 && memcmp(t + j, "-----END ", 9) == 0) {
                        b[n].end = j;
                        b[n].found_end = 1;
                        e = k;
                        break;
                    }
                    if (memchr(t + j, ':', k - j))
                        b[n].has_header = 1;
                    j = k + 1;
                }
                n++;
            }
        }
        i = e + 1;
    }
    return n;
}

TEST(pem_blocks_match_openssl_base64)
{
    static const char *dirs[] = {"x509", "asymmetric"};
    struct pem_list list = {NULL, 0};
    char **files;
    size_t nfiles, blocks = 0, refused = 0;
    const char *tmp = host_tmp("body.b64");

    if (!host_have_openssl())
        SKIP("openssl not installed");
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
        host_walk_vectors(dirs[i], add_pem_file, &list);
    files = list.files;
    nfiles = list.n;
    REQUIRE(nfiles > 50);

    for (size_t f = 0; f < nfiles; f++) {
        size_t len;
        char *text = (char *)vec_read_file(files[f], &len);
        struct block b[64];
        size_t nb;

        if (!text) {
            CHECK_MSG(0, "cannot read %s", files[f]);
            continue;
        }
        nb = find_blocks(text, len, b, 64);
        for (size_t k = 0; k < nb; k++) {
            uint8_t *got = malloc(len + 1), *want;
            size_t pos = b[k].begin, got_len = 0, want_len = 0;
            char cmd[256];
            int rc;

            rc = pem_next(text, len, &pos, b[k].label, got, len + 1, &got_len);
            if (b[k].has_header || !b[k].found_end) {
                /* RFC 1421 headers (encrypted PEM) are outside RFC 7468: refused. */
                CHECK_MSG(rc == CRYPTO_EINVAL, "%s block %zu (%s): rc %d, expected refusal",
                          files[f], k, b[k].label, rc);
                refused++;
                free(got);
                continue;
            }
            /* openssl base64 -d on exactly the body lines. */
            host_write_file(tmp, text + b[k].body, b[k].end - b[k].body);
            snprintf(cmd, sizeof cmd, "openssl base64 -d -in '%s'", tmp);
            want = host_run_capture(cmd, &want_len);
            CHECK_MSG(want != NULL, "%s: openssl base64 failed", files[f]);
            CHECK_MSG(rc == CRYPTO_OK, "%s block %zu (%s): rc %d", files[f], k, b[k].label, rc);
            if (want && rc == CRYPTO_OK) {
                CHECK_MSG(got_len == want_len && memcmp(got, want, want_len) == 0,
                          "%s block %zu (%s): %zu bytes decoded, openssl %zu", files[f], k,
                          b[k].label, got_len, want_len);
                CHECK_MSG(pos > b[k].end, "%s block %zu: position not past END", files[f], k);
            }
            blocks++;
            free(want);
            free(got);
        }
        free(text);
        free(files[f]);
    }
    free(files);
    printf("# %zu PEM blocks in %zu files compared with openssl, %zu refused\n", blocks,
           nfiles, refused);
    CHECK(blocks > 100);
}

/* pem_next finds blocks by label, skipping text and other labels, in order. */
TEST(pem_labels_and_surrounding_text)
{
    size_t len, pos = 0, count = 0;
    char *t = (char *)vec_read_file("x509/cryptography.io.with_garbage.pem", &len);
    char *plain = (char *)vec_read_file("x509/cryptography.io.pem", &len);
    char *old = (char *)vec_read_file("x509/cryptography.io.old_header.pem", &len);
    char *chain = (char *)vec_read_file("x509/cryptography.io.chain.pem", &len);
    uint8_t a[4096], b[4096];
    size_t a_len, b_len;

    REQUIRE(t && plain && old && chain);
    /* The certificate among explanatory text and PRIVATE KEY blocks. */
    CHECK_EQ(pem_next(t, strlen(t), &pos, "CERTIFICATE", a, sizeof a, &a_len), CRYPTO_OK);
    CHECK_EQ(pem_next(t, strlen(t), &pos, "CERTIFICATE", b, sizeof b, &b_len), PEM_END);
    pos = 0;
    CHECK_EQ(pem_next(plain, strlen(plain), &pos, "CERTIFICATE", b, sizeof b, &b_len), CRYPTO_OK);
    CHECK(a_len == b_len && memcmp(a, b, a_len) == 0);
    pos = 0;
    while (pem_next(t, strlen(t), &pos, "PRIVATE KEY", a, sizeof a, &a_len) == CRYPTO_OK)
        count++;
    CHECK_EQ(count, 2);
    /* The legacy "X509 CERTIFICATE" label is a different label. */
    pos = 0;
    CHECK_EQ(pem_next(old, strlen(old), &pos, "CERTIFICATE", a, sizeof a, &a_len), PEM_END);
    pos = 0;
    CHECK_EQ(pem_next(old, strlen(old), &pos, "X509 CERTIFICATE", a, sizeof a, &a_len),
             CRYPTO_OK);
    /* Every block of a chain, then the end. */
    pos = 0;
    count = 0;
    while (pem_next(chain, strlen(chain), &pos, "CERTIFICATE", a, sizeof a, &a_len) == CRYPTO_OK)
        count++;
    CHECK_EQ(count, 2);
    free(t);
    free(plain);
    free(old);
    free(chain);
}

/* Mutations of a valid PEM certificate that the strict grammar must refuse. */
TEST(pem_strict_rejections)
{
    size_t len, pos, out_len;
    char *pem = (char *)vec_read_file("x509/cryptography.io.pem", &len);
    char *m = malloc(len * 2 + 64), *p;
    uint8_t out[4096], ref[4096];
    size_t ref_len;

    REQUIRE(pem != NULL);
    pos = 0;
    REQUIRE(pem_next(pem, len, &pos, "CERTIFICATE", ref, sizeof ref, &ref_len) == CRYPTO_OK);

    /* CRLF line ends decode to the same bytes. */
    p = m;
    for (size_t i = 0; i < len; i++) {
        if (pem[i] == '\n')
            *p++ = '\r';
        *p++ = pem[i];
    }
    pos = 0;
    CHECK_EQ(pem_next(m, (size_t)(p - m), &pos, "CERTIFICATE", out, sizeof out, &out_len),
             CRYPTO_OK);
    CHECK(out_len == ref_len && memcmp(out, ref, ref_len) == 0);

    /* Output buffer one byte short. */
    pos = 0;
    CHECK_EQ(pem_next(pem, len, &pos, "CERTIFICATE", out, ref_len - 1, &out_len), CRYPTO_ERANGE);

    /* END label differs. */
    memcpy(m, pem, len);
    p = strstr(m, "-----END CERTIFICATE-----");
    REQUIRE(p != NULL);
    memcpy(p + 9, "CERTIFICATF", 11);
    pos = 0;
    CHECK_EQ(pem_next(m, len, &pos, "CERTIFICATE", out, sizeof out, &out_len), CRYPTO_EINVAL);

    /* No END line at all. */
    pos = 0;
    CHECK_EQ(pem_next(pem, (size_t)(strstr(pem, "-----END") - pem), &pos, "CERTIFICATE", out,
                      sizeof out, &out_len),
             CRYPTO_EINVAL);

    /* An empty line, a header line, then a space and non-alphabet characters inside a line. */
    {
        static const struct {
            const char *text;
            size_t column;
        } inserts[] = {{"\n", 0}, {"Proc-Type: 4,ENCRYPTED\n", 0}, {" ", 10}, {"!", 10},
                       {"-", 10}, {"_", 10}, {"=", 10}, {"\t", 10}};
        size_t body = (size_t)(strchr(pem, '\n') - pem) + 1;

        for (size_t i = 0; i < sizeof inserts / sizeof inserts[0]; i++) {
            size_t il = strlen(inserts[i].text), at = body + inserts[i].column;

            memcpy(m, pem, at);
            memcpy(m + at, inserts[i].text, il);
            memcpy(m + at + il, pem + at, len - at);
            pos = 0;
            CHECK_MSG(pem_next(m, len + il, &pos, "CERTIFICATE", out, sizeof out, &out_len) ==
                          CRYPTO_EINVAL,
                      "insert %zu accepted", i);
        }
    }

    /* A BEGIN line with trailing blanks is not a boundary: no block is found. */
    {
        size_t bl = strlen("-----BEGIN CERTIFICATE-----");

        memcpy(m, pem, bl);
        m[bl] = ' ';
        memcpy(m + bl + 1, pem + bl, len - bl);
        pos = 0;
        CHECK_EQ(pem_next(m, len + 1, &pos, "CERTIFICATE", out, sizeof out, &out_len), PEM_END);
    }
    free(m);
    free(pem);
}

/* Random data of every length 0..200, encoded by openssl, decodes back. */
TEST(base64_matches_openssl)
{
    const char *tmp = host_tmp("data.bin");
    uint8_t data[256], out[300];
    uint32_t x = 0x12345678;
    size_t checked = 0;

    if (!host_have_openssl())
        SKIP("openssl not installed");
    for (size_t n = 0; n <= 200; n++) {
        char cmd[128];
        size_t enc_len, out_len = 0;
        char *enc;

        for (size_t i = 0; i < n; i++) {
            x = x * 1103515245u + 12345u;
            data[i] = (uint8_t)(x >> 16);
        }
        host_write_file(tmp, data, n);
        snprintf(cmd, sizeof cmd, "openssl base64 -A -in '%s'", tmp);
        enc = host_run_capture(cmd, &enc_len);
        if (!enc) {
            CHECK_MSG(0, "openssl base64 failed for %zu bytes", n);
            continue;
        }
        while (enc_len && (enc[enc_len - 1] == '\n' || enc[enc_len - 1] == '\r'))
            enc_len--;
        CHECK_MSG(pem_base64_decode(enc, enc_len, out, sizeof out, &out_len) == CRYPTO_OK &&
                      out_len == n && memcmp(out, data, n) == 0,
                  "length %zu: decode mismatch", n);
        /* One byte too little room. */
        if (n > 0)
            CHECK_EQ(pem_base64_decode(enc, enc_len, out, n - 1, &out_len), CRYPTO_ERANGE);
        checked++;
        free(enc);
    }
    printf("# %zu base64 strings from openssl decoded\n", checked);
}

/* Non-canonical and malformed base64, each made from a valid encoding. */
TEST(base64_rejections)
{
    static const struct {
        const char *in;
        size_t len;
        const char *why;
    } bad[] = {
        {"Zh==", 4, "non-zero bits before == (canonical is Zg==)"},
        {"Zm9=", 4, "non-zero bits before = (canonical is Zm8=)"},
        {"Zg=", 3, "length not a multiple of 4"},
        {"Zg", 2, "missing padding"},
        {"Zg===", 5, "three padding characters"},
        {"Z===", 4, "padding after a single character"},
        {"Zg==Zg==", 8, "data after padding"},
        {"Z=g=", 4, "padding inside a group"},
        {"Zm9v YmFy", 9, "space"},
        {"Zm9v\nYmFy", 9, "line break"},
        {"Zm9-", 4, "URL-safe alphabet"},
        {"Zm9_", 4, "URL-safe alphabet"},
        {"Zm9\x80", 4, "8-bit character"},
        {"Zm9\0", 4, "NUL"},
        {"====", 4, "padding only"},
    };
    uint8_t out[16] = {0};
    size_t out_len;

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(pem_base64_decode(bad[i].in, bad[i].len, out, sizeof out, &out_len) ==
                      CRYPTO_EINVAL,
                  "accepted \"%s\" (%s)", bad[i].in, bad[i].why);
    /* The canonical forms of the first two are accepted (the test can fail). */
    CHECK_EQ(pem_base64_decode("Zg==", 4, out, sizeof out, &out_len), CRYPTO_OK);
    CHECK(out_len == 1 && out[0] == 'f');
    CHECK_EQ(pem_base64_decode("Zm8=", 4, out, sizeof out, &out_len), CRYPTO_OK);
    CHECK(out_len == 2 && memcmp(out, "fo", 2) == 0);
    CHECK_EQ(pem_base64_decode("", 0, out, sizeof out, &out_len), CRYPTO_OK);
    CHECK_EQ(out_len, 0);
}
