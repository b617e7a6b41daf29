/*
 * test_string_ext.c - libc's string functions beyond string.c (strtok,
 * strtok_r, strsep, strpbrk, strchrnul, memrchr, memmem, strcasestr,
 * strcasecmp, strncasecmp, ffs, stpcpy, stpncpy, strncat, strlcat, strcoll,
 * strxfrm; compiled with libc_ names) against the host's on random strings
 * over a small alphabet, so that separators, matches and case differences
 * are frequent. strlcat, which glibc 2.36 lacks, is checked against its BSD
 * definition. The seed is printed; LIBC_STRING_EXT_SEED replaces it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "hostutil.h"

char *libc_strtok(char *, const char *);
char *libc_strtok_r(char *, const char *, char **);
char *libc_strsep(char **, const char *);
char *libc_strpbrk(const char *, const char *);
char *libc_strchrnul(const char *, int);
void *libc_memrchr(const void *, int, size_t);
void *libc_memmem(const void *, size_t, const void *, size_t);
char *libc_strcasestr(const char *, const char *);
int libc_strcasecmp(const char *, const char *);
int libc_strncasecmp(const char *, const char *, size_t);
int libc_ffs(int);
char *libc_stpcpy(char *, const char *);
char *libc_stpncpy(char *, const char *, size_t);
char *libc_strncat(char *, const char *, size_t);
size_t libc_strlcat(char *, const char *, size_t);
int libc_strcoll(const char *, const char *);
size_t libc_strxfrm(char *, const char *, size_t);

#define CASES 50000

static uint64_t rng;

static unsigned int pick(unsigned int n)
{
    return (unsigned int)(host_xorshift64(&rng) % n);
}

/* A random string of up to max bytes over an alphabet with separators and both cases. */
static size_t random_string(char *s, size_t max)
{
    static const char alphabet[] = "abAB,:  c\x80\xff";
    size_t n = pick((unsigned int)max + 1);

    for (size_t i = 0; i < n; i++)
        s[i] = alphabet[pick(sizeof alphabet - 1)];
    s[n] = '\0';
    return n;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

TEST(tokenizers_match_host)
{
    rng = host_seed("LIBC_STRING_EXT_SEED", 0x6a09e667f3bcc909ull);
    for (int i = 0; i < CASES; i++) {
        char a[40], b[40], sep[4];
        char *sa, *sb, *ta, *tb;

        random_string(a, 30);
        memcpy(b, a, sizeof a);
        random_string(sep, 2);
        /* strtok_r */
        sa = sb = NULL;
        ta = libc_strtok_r(a, sep, &sa);
        tb = strtok_r(b, sep, &sb);
        for (;;) {
            CHECK_MSG((ta ? ta - a : -1) == (tb ? tb - b : -1), "strtok_r token at %td, host %td",
                      ta ? ta - a : -1, tb ? tb - b : -1);
            if (!ta || !tb)
                break;
            ta = libc_strtok_r(NULL, sep, &sa);
            tb = strtok_r(NULL, sep, &sb);
        }
        CHECK(memcmp(a, b, sizeof a) == 0);
        /* strsep, from a fresh copy */
        random_string(a, 30);
        memcpy(b, a, sizeof a);
        sa = a;
        sb = b;
        for (;;) {
            ta = libc_strsep(&sa, sep);
            tb = strsep(&sb, sep);
            CHECK((ta ? ta - a : -1) == (tb ? tb - b : -1));
            CHECK((sa ? sa - a : -1) == (sb ? sb - b : -1));
            if (!ta || !tb)
                break;
        }
        CHECK(memcmp(a, b, sizeof a) == 0);
        if (check_case_failed())
            return;
    }
    /* strtok keeps its place between calls. */
    {
        char a[] = ",,x,,yy,", b[] = ",,x,,yy,";
        CHECK(libc_strtok(a, ",") - a == strtok(b, ",") - b);
        CHECK(libc_strtok(NULL, ",") - a == strtok(NULL, ",") - b);
        CHECK(libc_strtok(NULL, ",") == NULL && strtok(NULL, ",") == NULL);
    }
}

TEST(searches_match_host)
{
    rng = host_seed("LIBC_STRING_EXT_SEED", 0x6a09e667f3bcc909ull) ^ 1;
    for (int i = 0; i < CASES; i++) {
        char h[48], n[8], set[4];
        size_t hl = random_string(h, 40), nl = random_string(n, 4);
        int c = "aB,\x80"[pick(4)];
        char *p1, *p2;
        void *v1, *v2;

        random_string(set, 3);
        p1 = libc_strpbrk(h, set);
        p2 = strpbrk(h, set);
        CHECK(p1 == p2);
        CHECK(libc_strchrnul(h, c) == strchrnul(h, c));
        CHECK(libc_strchrnul(h, 0) == strchrnul(h, 0));
        v1 = libc_memrchr(h, c, hl);
        v2 = memrchr(h, c, hl);
        CHECK(v1 == v2);
        v1 = libc_memmem(h, hl, n, nl);
        v2 = memmem(h, hl, n, nl);
        CHECK_MSG(v1 == v2, "memmem(\"%s\", \"%s\")", h, n);
        CHECK(libc_strcasestr(h, n) == strcasestr(h, n));
        CHECK(sign(libc_strcasecmp(h, n)) == sign(strcasecmp(h, n)));
        for (size_t k = 0; k < 6; k++)
            CHECK(sign(libc_strncasecmp(h, n, k)) == sign(strncasecmp(h, n, k)));
        CHECK(sign(libc_strcoll(h, n)) == sign(strcmp(h, n)));
        if (check_case_failed())
            return;
    }
    for (int b = -1; b < 32; b++) {
        int v = b < 0 ? 0 : (int)(1u << b) | (int)(pick(2) ? 1u << 31 : 0);
        CHECK_EQ(libc_ffs(v), ffs(v));
    }
}

TEST(copies_match_host)
{
    rng = host_seed("LIBC_STRING_EXT_SEED", 0x6a09e667f3bcc909ull) ^ 2;
    for (int i = 0; i < CASES; i++) {
        char src[40], d1[96], d2[96];
        size_t sl = random_string(src, 30), k = pick(40), dl;
        char *e1, *e2;

        memset(d1, 'Z', sizeof d1);
        memset(d2, 'Z', sizeof d2);
        e1 = libc_stpcpy(d1, src);
        e2 = stpcpy(d2, src);
        CHECK(e1 - d1 == e2 - d2 && memcmp(d1, d2, sizeof d1) == 0);
        e1 = libc_stpncpy(d1 + 1, src, k);
        e2 = stpncpy(d2 + 1, src, k);
        CHECK(e1 - d1 == e2 - d2 && memcmp(d1, d2, sizeof d1) == 0);
        dl = random_string(d1, 30);
        memcpy(d2, d1, dl + 1);
        libc_strncat(d1, src, k);
        strncat(d2, src, k);
        CHECK(memcmp(d1, d2, sizeof d1) == 0);
        /* strlcat: appends what fits in size with a NUL, returns the length it tried to make. */
        dl = random_string(d1, 30);
        memcpy(d2, d1, sizeof d1);
        {
            size_t size = pick(70), got = libc_strlcat(d1, src, size);
            size_t want = (dl < size ? dl : size) + sl;
            if (dl < size) {
                size_t room = size - dl - 1, n = sl < room ? sl : room;
                memcpy(d2 + dl, src, n);
                d2[dl + n] = '\0';
            }
            CHECK_EQ(got, want);
            CHECK(memcmp(d1, d2, sizeof d1) == 0);
        }
        memset(d1, 'Z', sizeof d1);
        memset(d2, 'Z', sizeof d2);
        CHECK_EQ(libc_strxfrm(d1, src, k), strxfrm(d2, src, k));
        if (sl < k) /* otherwise the array's contents are unspecified */
            CHECK(memcmp(d1, d2, sizeof d1) == 0);
        if (check_case_failed())
            return;
    }
}
