/*
 * test_string.c - libc/string/string.c (compiled with kern_ names) against the
 * host C library on random buffers: same results, same signs, same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

void *kern_memcpy(void *dst, const void *src, size_t n);
void *kern_memmove(void *dst, const void *src, size_t n);
void *kern_memset(void *dst, int c, size_t n);
int kern_memcmp(const void *a, const void *b, size_t n);
void *kern_memchr(const void *s, int c, size_t n);
size_t kern_strlen(const char *s);
size_t kern_strnlen(const char *s, size_t max);
int kern_strcmp(const char *a, const char *b);
int kern_strncmp(const char *a, const char *b, size_t n);
char *kern_strcpy(char *dst, const char *src);
char *kern_strncpy(char *dst, const char *src, size_t n);
size_t kern_strlcpy(char *dst, const char *src, size_t size);
char *kern_strcat(char *dst, const char *src);
char *kern_strchr(const char *s, int c);
char *kern_strrchr(const char *s, int c);
char *kern_strstr(const char *h, const char *n);
size_t kern_strspn(const char *s, const char *a);
size_t kern_strcspn(const char *s, const char *r);

static uint64_t rng = 0x853c49e6748fea9bull;

static unsigned next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

/* A random string over a small alphabet (so searches and compares hit often). */
static void random_string(char *s, size_t max)
{
    size_t n = next() % max;
    for (size_t i = 0; i < n; i++)
        s[i] = "abc\x80\xff"[next() % 5];
    s[n] = '\0';
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

TEST(memcpy_memset_at_all_alignments)
{
    uint8_t src[96], a[96], b[96];

    for (int i = 0; i < 96; i++)
        src[i] = (uint8_t)next();
    for (int off = 0; off < 8; off++) {
        for (int n = 0; n < 64; n++) {
            memset(a, 0x11, sizeof a);
            memset(b, 0x11, sizeof b);
            memcpy(a + off, src + (n % 5), (size_t)n);
            CHECK(kern_memcpy(b + off, src + (n % 5), (size_t)n) == b + off);
            CHECK_MEM(b, a, sizeof a);
            memset(a + off, n, (size_t)n);
            CHECK(kern_memset(b + off, n, (size_t)n) == b + off);
            CHECK_MEM(b, a, sizeof a);
        }
    }
}

/* The word-sized bulk paths: every source and destination offset, lengths past several words. */
TEST(long_copies_and_fills_at_all_offsets)
{
    uint8_t src[320], a[320], b[320];

    for (int i = 0; i < 320; i++)
        src[i] = (uint8_t)next();
    for (int so = 0; so < 8; so++) {
        for (int off = 0; off < 8; off++) {
            for (int n = 0; n < 300; n += 1 + n / 16) {
                memset(a, 0x11, sizeof a);
                memset(b, 0x11, sizeof b);
                memcpy(a + off, src + so, (size_t)n);
                CHECK(kern_memcpy(b + off, src + so, (size_t)n) == b + off);
                CHECK_MEM(b, a, sizeof a);
                memset(a + off, 0x80 | so, (size_t)n);
                CHECK(kern_memset(b + off, 0x80 | so, (size_t)n) == b + off);
                CHECK_MEM(b, a, sizeof a);
            }
        }
    }
}

/* strlen and strcmp read words: every alignment of each string, the end in every byte. */
TEST(string_words_at_all_alignments)
{
    char x[64], y[64];
    int bad = 0;

    for (int xo = 0; xo < 8; xo++) {
        for (int yo = 0; yo < 8; yo++) {
            for (int len = 0; len < 40; len++) {
                memset(x, 'q', sizeof x);
                memset(y, 'q', sizeof y);
                for (int i = 0; i < len; i++)
                    x[xo + i] = y[yo + i] = "ab\x80\xff\x01"[next() % 5];
                x[xo + len] = y[yo + len] = '\0';
                bad += kern_strlen(x + xo) != (size_t)len;
                bad += kern_strcmp(x + xo, y + yo) != 0;
                if (len == 0)
                    continue;
                /* A difference at one place, either way round, high bit set or not. */
                int at = (int)(next() % (unsigned)len);
                y[yo + at] = (char)(x[xo + at] ^ (next() % 2 ? 0x80 : 0x01));
                bad += sign(kern_strcmp(x + xo, y + yo)) != sign(strcmp(x + xo, y + yo));
                bad += sign(kern_strcmp(y + yo, x + xo)) != sign(strcmp(y + yo, x + xo));
                /* One string a prefix of the other. */
                y[yo + at] = x[xo + at];
                y[yo + at] = '\0';
                bad += sign(kern_strcmp(x + xo, y + yo)) != sign(strcmp(x + xo, y + yo));
                bad += sign(kern_strcmp(y + yo, x + xo)) != sign(strcmp(y + yo, x + xo));
            }
        }
    }
    CHECK_EQ(bad, 0);
}

TEST(memmove_overlapping)
{
    uint8_t a[128], b[128];

    for (int i = 0; i < 5000; i++) {
        size_t n = next() % 64, src = next() % 64, dst = next() % 64;
        for (int k = 0; k < 128; k++)
            a[k] = b[k] = (uint8_t)k;
        memmove(a + dst, a + src, n);
        kern_memmove(b + dst, b + src, n);
        CHECK_MEM(b, a, sizeof a);
    }
}

TEST(compares_have_the_host_sign)
{
    char x[40], y[40];
    int bad = 0;

    for (int i = 0; i < 20000; i++) {
        size_t n = next() % 40;
        random_string(x, 12);
        random_string(y, 12);
        if (next() % 3 == 0)
            strcpy(y, x);
        bad += sign(kern_strcmp(x, y)) != sign(strcmp(x, y));
        bad += sign(kern_strncmp(x, y, n % 14)) != sign(strncmp(x, y, n % 14));
        bad += sign(kern_memcmp(x, y, n % 12)) != sign(memcmp(x, y, n % 12));
    }
    CHECK_EQ(bad, 0);
}

TEST(lengths_and_searches)
{
    char s[40], t[8];
    int bad = 0;

    for (int i = 0; i < 20000; i++) {
        int c = "abc\x80\xff"[next() % 5];
        size_t max = next() % 20;
        random_string(s, 30);
        random_string(t, 4);
        bad += kern_strlen(s) != strlen(s);
        bad += kern_strnlen(s, max) != strnlen(s, max);
        bad += kern_strchr(s, c) != strchr(s, c);
        bad += kern_strchr(s, 0) != strchr(s, 0);
        bad += kern_strrchr(s, c) != strrchr(s, c);
        bad += kern_memchr(s, c, strlen(s)) != memchr(s, c, strlen(s));
        bad += kern_strstr(s, t) != strstr(s, t);
        bad += kern_strspn(s, t) != strspn(s, t);
        bad += kern_strcspn(s, t) != strcspn(s, t);
    }
    CHECK_EQ(bad, 0);
}

TEST(copies_and_concatenation)
{
    char s[32], a[80], b[80];

    for (int i = 0; i < 5000; i++) {
        size_t n = next() % 40;
        random_string(s, 30);
        memset(a, 'z', sizeof a);
        memset(b, 'z', sizeof b);
        strncpy(a, s, n);
        CHECK(kern_strncpy(b, s, n) == b);
        CHECK_MEM(b, a, sizeof a);
        strcpy(a, s);
        strcat(a, s);
        kern_strcpy(b, s);
        CHECK(kern_strcat(b, s) == b);
        CHECK_STR(b, a);
    }
}

/* strlcpy (BSD): copies at most size - 1 bytes, always terminates, returns strlen(src). */
TEST(strlcpy_truncates_and_terminates)
{
    char dst[16];
    const char *src = "0123456789abcdefghij";

    for (size_t size = 1; size <= sizeof dst; size++) {
        memset(dst, 'z', sizeof dst);
        CHECK_EQ(kern_strlcpy(dst, src, size), strlen(src));
        CHECK_EQ(strlen(dst), size - 1);
        CHECK(memcmp(dst, src, size - 1) == 0);
    }
    memset(dst, 'z', sizeof dst);
    CHECK_EQ(kern_strlcpy(dst, src, 0), strlen(src));
    CHECK(dst[0] == 'z'); /* size 0 writes nothing */
}
