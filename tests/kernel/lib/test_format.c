/*
 * test_format.c - the kernel's vsnprintf (kernel/lib/format.c) against the host
 * C library's on many generated formats and values. Only combinations whose
 * meaning the C standard defines are generated.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC diagnostic ignored "-Wformat-truncation" /* truncation is what is tested */

#include "check.h"

int kern_snprintf(char *buf, size_t size, const char *fmt, ...);

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static int pick(int n)
{
    return (int)(next() % (uint64_t)n);
}

/* A random integer with interesting magnitudes (0, small, near limits). */
static uint64_t random_bits(void)
{
    switch (pick(5)) {
    case 0: return 0;
    case 1: return (uint64_t)pick(20);
    case 2: return next() >> pick(64);
    case 3: return ~0ull - (uint64_t)pick(3);
    default: return next();
    }
}

/* Build one conversion specification for conversion c into spec. */
static void make_spec(char *spec, char c, const char *length)
{
    char *p = spec;
    int integer = strchr("diouxX", c) != NULL;

    *p++ = '%';
    if (pick(2)) *p++ = '-';
    if (integer && c != 'u' && (c == 'd' || c == 'i') && pick(3) == 0) *p++ = '+';
    if ((c == 'd' || c == 'i') && pick(3) == 0) *p++ = ' ';
    if ((c == 'o' || c == 'x' || c == 'X') && pick(2)) *p++ = '#';
    if (integer && pick(3) == 0) *p++ = '0';
    if (pick(2))
        p += sprintf(p, "%d", pick(25));
    if ((integer || c == 's') && pick(2))
        p += sprintf(p, ".%d", pick(22));
    p += sprintf(p, "%s%c", length, c);
    *p = '\0';
}

TEST(matches_host_on_integers)
{
    static const char *const lengths[] = {"hh", "h", "", "l", "ll", "z", "j", "t"};
    char fmt[64], want[256], got[256];
    int mismatches = 0;

    for (int i = 0; i < 30000; i++) {
        char c = "diouxX"[pick(6)];
        int li = pick(8);
        uint64_t v = random_bits();
        int wn, gn;
        make_spec(fmt, c, lengths[li]);
        /* Pass the argument with the type the length modifier names. */
        switch (li) {
        case 0: case 1: case 2:
            wn = snprintf(want, sizeof want, fmt, (int)v);
            gn = kern_snprintf(got, sizeof got, fmt, (int)v);
            break;
        case 3:
            wn = snprintf(want, sizeof want, fmt, (long)v);
            gn = kern_snprintf(got, sizeof got, fmt, (long)v);
            break;
        case 4:
            wn = snprintf(want, sizeof want, fmt, (long long)v);
            gn = kern_snprintf(got, sizeof got, fmt, (long long)v);
            break;
        case 5:
            wn = snprintf(want, sizeof want, fmt, (size_t)v);
            gn = kern_snprintf(got, sizeof got, fmt, (size_t)v);
            break;
        case 6:
            wn = snprintf(want, sizeof want, fmt, (intmax_t)v);
            gn = kern_snprintf(got, sizeof got, fmt, (intmax_t)v);
            break;
        default:
            wn = snprintf(want, sizeof want, fmt, (ptrdiff_t)v);
            gn = kern_snprintf(got, sizeof got, fmt, (ptrdiff_t)v);
            break;
        }
        if (wn != gn || strcmp(want, got) != 0) {
            if (!mismatches++)
                CHECK_MSG(0, "format \"%s\" value %llu: got \"%s\" (%d), host \"%s\" (%d)", fmt,
                          (unsigned long long)v, got, gn, want, wn);
        }
    }
    CHECK_EQ(mismatches, 0);
}

TEST(matches_host_on_strings_chars_pointers)
{
    static const char *const words[] = {"", "a", "hello", "a longer string of text", "tab\there"};
    char fmt[64], want[256], got[256];
    int mismatches = 0;

    for (int i = 0; i < 10000; i++) {
        int kind = pick(3), wn, gn;
        if (kind == 0) {
            const char *w = words[pick(5)];
            make_spec(fmt, 's', "");
            wn = snprintf(want, sizeof want, fmt, w);
            gn = kern_snprintf(got, sizeof got, fmt, w);
        } else if (kind == 1) {
            int ch = 32 + pick(95);
            make_spec(fmt, 'c', "");
            wn = snprintf(want, sizeof want, fmt, ch);
            gn = kern_snprintf(got, sizeof got, fmt, ch);
        } else {
            void *ptr = pick(4) ? (void *)(uintptr_t)random_bits() : NULL;
            snprintf(fmt, sizeof fmt, "%%%s%dp", pick(2) ? "-" : "", pick(25));
            wn = snprintf(want, sizeof want, fmt, ptr);
            gn = kern_snprintf(got, sizeof got, fmt, ptr);
        }
        if (wn != gn || strcmp(want, got) != 0) {
            if (!mismatches++)
                CHECK_MSG(0, "format \"%s\": got \"%s\" (%d), host \"%s\" (%d)", fmt, got, gn,
                          want, wn);
        }
    }
    CHECK_EQ(mismatches, 0);
}

TEST(star_width_and_precision)
{
    char want[128], got[128];

    for (int w = -12; w <= 12; w += 3) {
        for (int pr = -2; pr <= 8; pr += 2) {
            snprintf(want, sizeof want, "[%*.*d|%*.*s]", w, pr, 1234, w, pr, "string");
            kern_snprintf(got, sizeof got, "[%*.*d|%*.*s]", w, pr, 1234, w, pr, "string");
            CHECK_STR(got, want);
        }
    }
}

TEST(truncation_and_return_value)
{
    char buf[8];

    for (size_t size = 0; size <= sizeof buf; size++) {
        char want[8] = "xxxxxxx", got[8] = "xxxxxxx";
        int wn = snprintf(want, size, "%s-%d", "abcdef", 12345);
        int gn = kern_snprintf(got, size, "%s-%d", "abcdef", 12345);
        CHECK_EQ(gn, wn);
        CHECK_MEM(got, want, sizeof buf);
    }
}

/* The kernel's formatter has no floating point: the conversion prints "?" and ends the output. */
TEST(float_conversion_stops_in_the_kernel)
{
    char got[32];

    CHECK_EQ(kern_snprintf(got, sizeof got, "a%fb%d", 1.0, 2), 2);
    CHECK_STR(got, "a?");
}
