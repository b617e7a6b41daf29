/*
 * test_sha256crypt.c - the "$5$" password hash: the examples published in the
 * specification ("Unix crypt using SHA-256 and SHA-512"), agreement with the
 * host C library's crypt() over many random keys, salts and round counts, and
 * the argument checks.
 *
 * The host's crypt() is looked up at run time in libcrypt.so.1 (libxcrypt on
 * Debian), so the test links with the usual flags; without it those cases skip.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypto/error.h>
#include <crypto/sha256crypt.h>

#include "check.h"
#include "hostutil.h"

/*
 * The specification's own examples. No file on the build host carries them
 * (the vector package has none for this scheme), so they are written out here.
 */
static const struct {
    const char *setting, *key, *hash;
} spec_examples[] = {
    {"$5$saltstring", "Hello world!",
     "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"},
    {"$5$rounds=10000$saltstringsaltstring", "Hello world!",
     "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"},
    {"$5$rounds=5000$toolongsaltstring", "This is just a test",
     "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5"},
    {"$5$rounds=1400$anotherlongsaltstring",
     "a very much longer text to encrypt.  This one even stretches over more"
     "than one line.",
     "$5$rounds=1400$anotherlongsalts$Rx.j8H.h8HjEDGomFU8bDkXm3XIUnzyxf12oP84Bnq1"},
    {"$5$rounds=77777$short", "we have a short salt string but not a short password",
     "$5$rounds=77777$short$JiO1O3ZpDAxGJeaDIuqCoEFysAe1mZNJRs3pw0KQRd/"},
    {"$5$rounds=123456$asaltof16chars..", "a short string",
     "$5$rounds=123456$asaltof16chars..$gP3VQ/6X7UUEW3HkBn2w1/Ptq2jxPyzV/cZKmF/wJvD"},
    {"$5$rounds=10$roundstoolow", "the minimum number is still observed",
     "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC"},
};
#define N_SPEC (sizeof spec_examples / sizeof spec_examples[0])

TEST(spec_examples)
{
    for (size_t i = 0; i < N_SPEC; i++) {
        char out[SHA256CRYPT_OUT_MAX];

        CHECK_EQ(sha256crypt(spec_examples[i].key, spec_examples[i].setting, out, sizeof out),
                 CRYPTO_OK);
        CHECK_MSG(strcmp(out, spec_examples[i].hash) == 0, "example %zu: got %s", i, out);
    }
}

TEST(verify_spec_examples)
{
    for (size_t i = 0; i < N_SPEC; i++) {
        const char *hash = spec_examples[i].hash;
        char bad[SHA256CRYPT_OUT_MAX + 1], key[128];
        size_t n = strlen(hash);

        CHECK_MSG(sha256crypt_verify(spec_examples[i].key, hash) == CRYPTO_OK,
                  "example %zu does not verify", i);

        /* Another key: one character changed, one appended, one removed. */
        snprintf(key, sizeof key, "%s", spec_examples[i].key);
        key[0] ^= 1;
        CHECK_EQ(sha256crypt_verify(key, hash), CRYPTO_EVERIFY);
        snprintf(key, sizeof key, "%sx", spec_examples[i].key);
        CHECK_EQ(sha256crypt_verify(key, hash), CRYPTO_EVERIFY);
        snprintf(key, sizeof key, "%s", spec_examples[i].key);
        key[strlen(key) - 1] = '\0';
        CHECK_EQ(sha256crypt_verify(key, hash), CRYPTO_EVERIFY);

        /* A changed last digit, a truncated hash, trailing garbage. */
        memcpy(bad, hash, n + 1);
        bad[n - 1] = bad[n - 1] == 'A' ? 'B' : 'A';
        CHECK_EQ(sha256crypt_verify(spec_examples[i].key, bad), CRYPTO_EVERIFY);
        bad[n - 1] = '\0';
        CHECK_EQ(sha256crypt_verify(spec_examples[i].key, bad), CRYPTO_EVERIFY);
        memcpy(bad, hash, n);
        bad[n] = 'x';
        bad[n + 1] = '\0';
        CHECK_EQ(sha256crypt_verify(spec_examples[i].key, bad), CRYPTO_EVERIFY);
    }
}

static uint64_t rng_state = 0x0123456789abcdefULL;
static uint32_t rng(void)
{
    return host_xorshift(&rng_state);
}

typedef char *(*crypt_fn)(const char *key, const char *setting);

/*
 * Random keys (any non-NUL byte, lengths around the 32-byte digest multiples and
 * up to the host's 511-byte limit), salts (0 to 20 characters of the scheme's
 * alphabet, so truncation is covered) and round counts (default, or 1000 to
 * 6000 given explicitly); our result must equal the host's.
 */
TEST(matches_host_crypt)
{
    static const char alphabet[] =
        "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    static const size_t lengths[] = {0, 1, 2, 3, 7, 31, 32, 33, 63, 64, 65, 96, 127, 200, 511};
    void *lib = dlopen("libcrypt.so.1", RTLD_NOW);
    crypt_fn host_crypt;
    int cases = 0, mismatches = 0;

    if (!lib)
        SKIP("libcrypt.so.1 not available on this host: %s", dlerror());
    host_crypt = (crypt_fn)(uintptr_t)dlsym(lib, "crypt");
    if (!host_crypt) {
        dlclose(lib);
        SKIP("libcrypt.so.1 has no crypt()");
    }

    for (int t = 0; t < 300; t++) {
        char key[512], setting[64], ours[SHA256CRYPT_OUT_MAX];
        const char *theirs;
        size_t key_len = t < 15 ? lengths[t] : rng() % 100, salt_len = rng() % 21, n;

        for (size_t i = 0; i < key_len; i++)
            key[i] = (char)(1 + rng() % 255);
        key[key_len] = '\0';
        if (rng() % 3 == 0)
            n = (size_t)snprintf(setting, sizeof setting, "$5$");
        else
            n = (size_t)snprintf(setting, sizeof setting, "$5$rounds=%u$",
                                 1000 + (unsigned)(rng() % 5001));
        for (size_t i = 0; i < salt_len; i++)
            setting[n++] = alphabet[rng() % 64];
        setting[n] = '\0';

        theirs = host_crypt(key, setting);
        if (!theirs || theirs[0] == '*') {
            CHECK_MSG(0, "host crypt() refused key length %zu, setting %s", key_len, setting);
            continue;
        }
        CHECK_EQ(sha256crypt(key, setting, ours, sizeof ours), CRYPTO_OK);
        if (strcmp(ours, theirs) != 0 && mismatches++ == 0)
            CHECK_MSG(0, "case %d (key length %zu, setting %s): got %s, host %s", t, key_len,
                      setting, ours, theirs);
        CHECK_EQ(sha256crypt_verify(key, theirs), CRYPTO_OK);
        cases++;
    }
    CHECK_EQ(mismatches, 0);
    CHECK_EQ(cases, 300);
    dlclose(lib);
}

TEST(bad_settings_rejected)
{
    static const char *bad[] = {
        "",                   /* no prefix */
        "$6$saltstring",      /* another scheme */
        "$5",                 /* truncated prefix */
        "$5$rounds=$salt",    /* no digits */
        "$5$rounds=12a$salt", /* not a number */
        "$5$rounds=-5$salt",  /* sign */
        "$5$rounds=5000",     /* no '$' after the number */
        "$5$sa:lt",           /* ':' would break /etc/shadow */
        "$5$sa lt",           /* blank */
        "$5$sa\nlt",          /* control character */
        "$5$sa\xc3\xa9lt",    /* not ASCII */
    };
    char out[SHA256CRYPT_OUT_MAX];

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(out, 'x', sizeof out);
        CHECK_MSG(sha256crypt("key", bad[i], out, sizeof out) == CRYPTO_EINVAL,
                  "setting %zu accepted", i);
        CHECK_EQ(out[0], '\0');
        CHECK_EQ(sha256crypt_verify("key", bad[i]), CRYPTO_EINVAL);
    }
}

TEST(key_length_limit)
{
    char *key = malloc(SHA256CRYPT_KEY_MAX + 2);
    char out[SHA256CRYPT_OUT_MAX];

    REQUIRE(key != NULL);
    memset(key, 'k', SHA256CRYPT_KEY_MAX + 1);
    key[SHA256CRYPT_KEY_MAX + 1] = '\0';
    CHECK_EQ(sha256crypt(key, "$5$salt", out, sizeof out), CRYPTO_EINVAL);
    key[SHA256CRYPT_KEY_MAX] = '\0';
    CHECK_EQ(sha256crypt(key, "$5$rounds=1000$salt", out, sizeof out), CRYPTO_OK);
    CHECK_EQ(strlen(out), strlen("$5$rounds=1000$salt$") + 43);
    free(key);
}

/* The output must fit with its NUL; one byte short is CRYPTO_ERANGE and an empty string. */
TEST(output_buffer_size)
{
    const char *setting = "$5$rounds=1000$abcdefghijklmnop";
    char out[SHA256CRYPT_OUT_MAX], full[SHA256CRYPT_OUT_MAX];
    size_t need;

    REQUIRE(sha256crypt("pw", setting, full, sizeof full) == CRYPTO_OK);
    need = strlen(full) + 1;
    CHECK_EQ(need, strlen("$5$rounds=1000$abcdefghijklmnop$") + 43 + 1);
    memset(out, 'x', sizeof out);
    CHECK_EQ(sha256crypt("pw", setting, out, need - 1), CRYPTO_ERANGE);
    CHECK_EQ(out[0], '\0');
    CHECK_EQ(sha256crypt("pw", setting, out, 0), CRYPTO_ERANGE);
    CHECK_EQ(sha256crypt("pw", setting, out, need), CRYPTO_OK);
    CHECK_STR(out, full);
}

/* rounds= is shown as given (after clamping), the default is not shown. */
TEST(rounds_shown_only_when_given)
{
    char a[SHA256CRYPT_OUT_MAX], b[SHA256CRYPT_OUT_MAX];

    REQUIRE(sha256crypt("pw", "$5$salt", a, sizeof a) == CRYPTO_OK);
    REQUIRE(sha256crypt("pw", "$5$rounds=5000$salt", b, sizeof b) == CRYPTO_OK);
    CHECK(strncmp(a, "$5$salt$", 8) == 0);
    CHECK(strncmp(b, "$5$rounds=5000$salt$", 20) == 0);
    /* Same rounds, so the same digest. */
    CHECK_STR(a + 8, b + 20);
    REQUIRE(sha256crypt("pw", "$5$rounds=999$salt", b, sizeof b) == CRYPTO_OK);
    CHECK(strncmp(b, "$5$rounds=1000$salt$", 20) == 0);
}
