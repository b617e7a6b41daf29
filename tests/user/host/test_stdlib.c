/*
 * test_stdlib.c - libc's allocator (libc/stdlib/malloc.c), number parsing
 * (strtol.c) and sorting (qsort.c), compiled for the host with the names
 * given a libc_ prefix (rename_stdlib.h) and checked here: the allocator
 * against a model of what each block must still hold, over a fake sbrk on a
 * static arena; the parsers and the sort against the host's C library.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

void *libc_malloc(size_t n);
void libc_free(void *p);
void *libc_calloc(size_t count, size_t size);
void *libc_realloc(void *p, size_t n);
long libc_strtol(const char *s, char **end, int base);
unsigned long libc_strtoul(const char *s, char **end, int base);
long long libc_strtoll(const char *s, char **end, int base);
unsigned long long libc_strtoull(const char *s, char **end, int base);
int libc_atoi(const char *s);
void libc_qsort(void *base, size_t count, size_t size, int (*cmp)(const void *, const void *));

/* ---- what the libc code calls ---- */

int libc_errno;

#define ARENA_SIZE (16 << 20)
static _Alignas(4096) unsigned char arena[ARENA_SIZE];
static size_t arena_brk;   /* bytes of the arena below the break */
static size_t arena_limit = ARENA_SIZE;

void *libc_test_sbrk(intptr_t increment);
void *libc_test_sbrk(intptr_t increment)
{
    size_t old = arena_brk;

    if (increment > 0 && (size_t)increment > arena_limit - arena_brk) {
        libc_errno = ENOMEM;
        return (void *)-1;
    }
    if (increment < 0 && (size_t)-increment > arena_brk) {
        libc_errno = EINVAL;
        return (void *)-1;
    }
    arena_brk += (size_t)increment;
    return arena + old;
}

static jmp_buf fatal_jump;
static const char *fatal_message;

void libc_test_fatal(const char *msg) __attribute__((noreturn));
void libc_test_fatal(const char *msg)
{
    fatal_message = msg;
    longjmp(fatal_jump, 1);
}

static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 16);
}

static int in_arena(const void *p, size_t n)
{
    return (const unsigned char *)p >= arena && (const unsigned char *)p + n <= arena + arena_brk;
}

/* ---- malloc ---- */

#define SLOTS 512

TEST(random_allocations_keep_their_contents)
{
    static unsigned char *ptr[SLOTS];
    static size_t size[SLOTS];
    int bad = 0;

    for (int op = 0; op < 40000 && !bad; op++) {
        int i = (int)(next() % SLOTS);

        if (ptr[i]) {
            /* Everything this block was given is still there. */
            for (size_t j = 0; j < size[i]; j++)
                if (ptr[i][j] != (unsigned char)(i + j))
                    bad = 1;
            if (next() % 3 == 0) {
                size_t n = next() % 3000 + 1;
                unsigned char *q = libc_realloc(ptr[i], n);
                REQUIRE(q != NULL);
                for (size_t j = size[i]; j < n; j++)
                    q[j] = (unsigned char)(i + j);
                ptr[i] = q;
                size[i] = n;
            } else {
                libc_free(ptr[i]);
                ptr[i] = NULL;
            }
        } else {
            /* Mostly small, sometimes large. */
            size[i] = next() % 8 == 0 ? next() % 70000 : next() % 300;
            ptr[i] = libc_malloc(size[i]);
            REQUIRE(ptr[i] != NULL);
            CHECK(((uintptr_t)ptr[i] & 15) == 0);
            CHECK(in_arena(ptr[i], size[i]));
            for (size_t j = 0; j < size[i]; j++)
                ptr[i][j] = (unsigned char)(i + j);
        }
    }
    CHECK(!bad);
    for (int i = 0; i < SLOTS; i++) {
        libc_free(ptr[i]);
        ptr[i] = NULL;
    }
    /* With everything freed and merged, one block takes most of the heap without growing it. */
    size_t before = arena_brk;
    void *all = libc_malloc(before - 4096);
    CHECK(all != NULL);
    CHECK_EQ(arena_brk, before);
    libc_free(all);
}

TEST(free_merges_neighbours)
{
    unsigned char *a = libc_malloc(1000), *b = libc_malloc(1000), *c = libc_malloc(1000);
    unsigned char *guard = libc_malloc(16); /* keeps c away from the free space after it */
    size_t before;
    void *abc;

    REQUIRE(a && b && c && guard);
    CHECK(a < b && b < c);
    libc_free(a);
    libc_free(c);
    libc_free(b); /* joins a and c */
    before = arena_brk;
    abc = libc_malloc(3000);
    CHECK(abc == a);
    CHECK_EQ(arena_brk, before);
    libc_free(abc);
    libc_free(guard);
}

/* Blocks freed in any order merge back into one: no free block is left beside another. */
TEST(free_in_random_order_merges_everything)
{
    enum { COUNT = 600 }; /* at most 190 KiB in all: below the size that is mapped apart */
    static unsigned char *ptr[COUNT];
    static unsigned order[COUNT];
    unsigned char *low = NULL, *high = NULL;
    size_t before;
    void *all;

    for (unsigned i = 0; i < COUNT; i++) {
        ptr[i] = libc_malloc(next() % 300 + 1);
        REQUIRE(ptr[i] != NULL);
        if (!low || ptr[i] < low)
            low = ptr[i];
        if (!high || ptr[i] > high)
            high = ptr[i];
        order[i] = i;
    }
    for (unsigned i = COUNT - 1; i > 0; i--) {
        unsigned j = next() % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (unsigned i = 0; i < COUNT; i++)
        libc_free(ptr[order[i]]);
    /* The blocks were cut one after another from free space; merged again, that space
       starts at the lowest of them and is the first to fit a request for all of it. */
    before = arena_brk;
    all = libc_malloc((size_t)(high - low));
    CHECK(all == low);
    CHECK_EQ(arena_brk, before);
    libc_free(all);
}

/* A break moved by someone else starts a new stretch of heap, which never covers those bytes. */
TEST(heap_grows_past_a_foreign_break)
{
    unsigned char *a = libc_malloc(100), *foreign, *b;

    REQUIRE(a != NULL);
    foreign = libc_test_sbrk(24); /* not a multiple of the alignment, on purpose */
    REQUIRE(foreign != (void *)-1);
    memset(foreign, 0x5a, 24);
    b = libc_malloc(200000); /* more than is free: the heap grows */
    REQUIRE(b != NULL);
    CHECK(((uintptr_t)b & 15) == 0);
    CHECK(b > foreign + 24 || b + 200000 <= foreign);
    memset(b, 0xa5, 200000);
    libc_free(a);
    libc_free(b);
    for (int i = 0; i < 24; i++)
        CHECK_EQ(foreign[i], 0x5a);
    b = libc_malloc(300000); /* and again, now after a stretch of our own */
    REQUIRE(b != NULL);
    memset(b, 0xa5, 300000);
    libc_free(b);
    for (int i = 0; i < 24; i++)
        CHECK_EQ(foreign[i], 0x5a);
}

TEST(realloc_grows_in_place_and_moves)
{
    unsigned char *a = libc_malloc(100), *b = libc_malloc(100), *c;

    REQUIRE(a && b);
    memset(a, 0x11, 100);
    memset(b, 0x22, 100);
    libc_free(b);
    c = libc_realloc(a, 200); /* b's space follows a and is free */
    CHECK(c == a);
    for (int i = 0; i < 100; i++)
        CHECK_EQ(c[i], 0x11);
    c = libc_realloc(c, 50); /* shrinking keeps the place */
    CHECK(c == a);
    b = libc_malloc(16);
    REQUIRE(b != NULL);
    c = libc_realloc(c, 100000); /* must move */
    REQUIRE(c != NULL);
    CHECK(c != a);
    for (int i = 0; i < 50; i++)
        CHECK_EQ(c[i], 0x11);
    libc_free(c);
    libc_free(b);
    CHECK(libc_realloc(NULL, 10) != NULL);
}

TEST(calloc_zeroes_and_checks_overflow)
{
    unsigned char *p = libc_malloc(4096);

    REQUIRE(p != NULL);
    memset(p, 0xff, 4096);
    libc_free(p);
    p = libc_calloc(64, 64); /* likely the same, dirty, block */
    REQUIRE(p != NULL);
    for (int i = 0; i < 4096; i++)
        CHECK_EQ(p[i], 0);
    libc_free(p);
    libc_errno = 0;
    CHECK(libc_calloc(SIZE_MAX / 2, 3) == NULL);
    CHECK_EQ(libc_errno, ENOMEM);
}

TEST(malloc_zero_gives_distinct_blocks)
{
    void *a = libc_malloc(0), *b = libc_malloc(0);

    CHECK(a != NULL && b != NULL && a != b);
    libc_free(a);
    libc_free(b);
    libc_free(NULL); /* allowed, does nothing */
}

TEST(out_of_memory_gives_null_and_enomem)
{
    size_t saved = arena_limit;
    void *p;

    /* The "kernel" gives at most 100000 bytes more: 100000-byte blocks (too
       small to be mapped apart) run out after what the heap holds free. */
    static void *got[1000];
    int n = 0;
    arena_limit = arena_brk + 100000;
    libc_errno = 0;
    while (n < 1000 && (got[n] = libc_malloc(100000)))
        n++;
    CHECK(n < 1000);
    CHECK_EQ(libc_errno, ENOMEM);
    while (n > 0)
        libc_free(got[--n]);
    CHECK(libc_malloc(SIZE_MAX) == NULL);
    p = libc_malloc(1000); /* smaller requests still work */
    CHECK(p != NULL);
    libc_free(p);
    arena_limit = saved;
}

TEST(double_free_is_caught)
{
    void *volatile p = libc_malloc(40);

    REQUIRE(p != NULL);
    libc_free(p);
    fatal_message = NULL;
    if (setjmp(fatal_jump) == 0)
        libc_free(p);
    CHECK(fatal_message != NULL && strstr(fatal_message, "double free"));
}

TEST(free_of_a_foreign_pointer_is_caught)
{
    static _Alignas(16) unsigned char not_from_malloc[64];

    fatal_message = NULL;
    if (setjmp(fatal_jump) == 0)
        libc_free(not_from_malloc + 32);
    CHECK(fatal_message != NULL && strstr(fatal_message, "invalid pointer"));
    fatal_message = NULL;
    if (setjmp(fatal_jump) == 0)
        libc_free(not_from_malloc + 3);
    CHECK(fatal_message != NULL && strstr(fatal_message, "misaligned"));
}

/* ---- strtol and friends against the host ---- */

static const char *const numbers[] = {
    "0", "1", "-1", "+7", "  42", "\t\n -13x", "0x1f", "0X1F", "0x", "0xg", "-0x10", "010",
    "08", "0b101", "z", "Zz", "2147483647", "2147483648", "-2147483648", "-2147483649",
    "4294967295", "4294967296", "-4294967295", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
    "18446744073709551616", "99999999999999999999999999", "-99999999999999999999999",
    "", "   ", "-", "+", " + 1", "12abc", "1e5", "077777777777777777777777",
    "0x7fffffffffffffff", "0xffffffffffffffff", "0x10000000000000000", "-0", "--1",
};
static const int bases[] = {0, 2, 8, 10, 16, 36};

TEST(strtol_family_matches_the_host)
{
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        for (size_t k = 0; k < sizeof bases / sizeof bases[0]; k++) {
            const char *s = numbers[i];
            int base = bases[k];
            char *e1, *e2;
            int err1, err2;

            errno = 0;
            libc_errno = 0;
            long a = libc_strtol(s, &e1, base);
            err1 = libc_errno;
            long b = strtol(s, &e2, base);
            err2 = errno;
            CHECK_MSG(a == b && e1 == e2 && err1 == err2,
                      "strtol(\"%s\", %d): %ld end+%td errno %d, host %ld end+%td errno %d", s,
                      base, a, e1 - s, err1, b, e2 - s, err2);

            libc_errno = 0;
            errno = 0;
            unsigned long ua = libc_strtoul(s, &e1, base);
            err1 = libc_errno;
            unsigned long ub = strtoul(s, &e2, base);
            err2 = errno;
            CHECK_MSG(ua == ub && e1 == e2 && err1 == err2,
                      "strtoul(\"%s\", %d): %lu end+%td errno %d, host %lu end+%td errno %d",
                      s, base, ua, e1 - s, err1, ub, e2 - s, err2);

            libc_errno = 0;
            errno = 0;
            long long la = libc_strtoll(s, &e1, base);
            err1 = libc_errno;
            long long lb = strtoll(s, &e2, base);
            err2 = errno;
            CHECK_MSG(la == lb && e1 == e2 && err1 == err2, "strtoll(\"%s\", %d) differs", s,
                      base);

            libc_errno = 0;
            errno = 0;
            unsigned long long ula = libc_strtoull(s, &e1, base);
            err1 = libc_errno;
            unsigned long long ulb = strtoull(s, &e2, base);
            err2 = errno;
            CHECK_MSG(ula == ulb && e1 == e2 && err1 == err2, "strtoull(\"%s\", %d) differs",
                      s, base);
        }
    }
    /* An invalid base: 0, nothing used, EINVAL (the host agrees, but C leaves it open). */
    static const int bad_bases[] = {1, 37, -1};
    for (size_t k = 0; k < sizeof bad_bases / sizeof bad_bases[0]; k++) {
        const char *twelve = "12";
        char *end = NULL;
        libc_errno = 0;
        CHECK_EQ(libc_strtol(twelve, &end, bad_bases[k]), 0);
        CHECK_EQ(libc_errno, EINVAL);
        CHECK(end == twelve);
    }
    CHECK_EQ(libc_atoi(" -123abc"), -123);
    CHECK(libc_strtol("5", NULL, 10) == 5); /* end may be NULL */
}

/* ---- qsort against the host ---- */

struct record {
    int key;
    char pad[8];
};

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int cmp_byte(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

static int cmp_record(const void *a, const void *b)
{
    return cmp_int(&((const struct record *)a)->key, &((const struct record *)b)->key);
}

TEST(qsort_sorts_like_the_host)
{
    static int mine[1000], theirs[1000];
    static unsigned char bytes[777], bytes2[777];
    static struct record recs[300];

    for (size_t n = 0; n <= 1000; n = n * 3 + 1) {
        for (size_t i = 0; i < n; i++)
            mine[i] = theirs[i] = (int)(next() % 100) - 50; /* many equal keys */
        libc_qsort(mine, n, sizeof mine[0], cmp_int);
        qsort(theirs, n, sizeof theirs[0], cmp_int);
        CHECK_MEM(mine, theirs, n * sizeof mine[0]);
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        bytes[i] = bytes2[i] = (unsigned char)next();
    libc_qsort(bytes, sizeof bytes, 1, cmp_byte);
    qsort(bytes2, sizeof bytes2, 1, cmp_byte);
    CHECK_MEM(bytes, bytes2, sizeof bytes);
    for (size_t i = 0; i < 300; i++) {
        recs[i].key = (int)(next() % 1000);
        memset(recs[i].pad, recs[i].key & 0xff, sizeof recs[i].pad);
    }
    libc_qsort(recs, 300, sizeof recs[0], cmp_record);
    for (size_t i = 0; i < 300; i++) {
        CHECK(i == 0 || recs[i - 1].key <= recs[i].key);
        CHECK_EQ(recs[i].pad[7], (char)(recs[i].key & 0xff)); /* records moved whole */
    }
}

/* Blocks of MAP_MIN (256 KiB) and more get pages of their own, outside the
 * sbrk heap, and keep their contents through realloc both ways. */
TEST(large_blocks_are_mapped_apart)
{
    size_t before = arena_brk, n = 1 << 20;
    unsigned char *p = libc_malloc(n);

    REQUIRE(p != NULL);
    CHECK(((uintptr_t)p & 15) == 0);
    CHECK(!in_arena(p, n));
    CHECK_EQ(arena_brk, before);
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 7);
    unsigned char *q = libc_realloc(p, 3 * n);
    REQUIRE(q != NULL);
    CHECK(!in_arena(q, 3 * n));
    int same = 1;
    for (size_t i = 0; i < n; i++)
        same &= q[i] == (unsigned char)(i * 7);
    CHECK(same);
    q[3 * n - 1] = 1;
    unsigned char *small = libc_realloc(q, 100); /* stays in its pages */
    CHECK(small == q && small[99] == (unsigned char)(99 * 7));
    libc_free(small);
    CHECK_EQ(arena_brk, before);
}
