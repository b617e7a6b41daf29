/*
 * test_format_float.c - the floating-point conversions of libc's printf
 * family (kernel/lib/format.c with libc/stdio/format_float.c, compiled with
 * kern_ names) against the host C library's snprintf on generated doubles,
 * flags, widths and precisions. The generator's seed is printed; the
 * environment variable FORMAT_FLOAT_SEED replaces it to reproduce a run.
 */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hostutil.h"

int kern_snprintf(char *buf, size_t size, const char *fmt, ...);

static uint64_t rng;

static uint64_t next(void)
{
    return host_xorshift64(&rng);
}

static int pick(int n)
{
    return (int)(next() % (uint64_t)n);
}

static void seed(void)
{
    rng = host_seed("FORMAT_FLOAT_SEED", 0x2545f4914f6cdd1dull);
}

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* A double of an interesting kind: any bit pattern, subnormal, integer, exact half ... */
static double random_double(void)
{
    double v;

    switch (pick(9)) {
    case 0: return from_bits(next());
    case 1: return from_bits(next() & 0x800fffffffffffffull); /* subnormal */
    case 2: return (double)(int64_t)(next() >> pick(64));     /* integer */
    case 3: return (double)pick(100000) / (double)(1 << pick(12)); /* exact binary fraction */
    case 4: return ((double)pick(2000) + 0.5) / pow(10, pick(8));   /* near decimal halves */
    case 5: v = pow(10, pick(40) - 20); return pick(2) ? v : -v;
    case 6: {
        static const double special[] = {0.0, -0.0, 0.125, 2.5, 0.5, 1.5, 9.5, 99.5, 0.05,
                                         DBL_MAX, DBL_MIN, 4.9e-324, 1e23, 9.999999, 1e-5};
        return special[pick((int)(sizeof special / sizeof special[0]))];
    }
    case 7: return from_bits((next() & 0x800fffffffffffffull) | ((uint64_t)(1023 + pick(80) - 40) << 52));
    default: return pick(2) ? INFINITY * (pick(2) ? 1 : -1) : (pick(2) ? NAN : -NAN);
    }
}

static void make_spec(char *fmt, char conv, const char *length)
{
    char *p = fmt;

    *p++ = '%';
    if (pick(3) == 0) *p++ = '-';
    if (pick(3) == 0) *p++ = '+';
    if (pick(4) == 0) *p++ = ' ';
    if (pick(3) == 0) *p++ = '#';
    if (pick(3) == 0) *p++ = '0';
    if (pick(2))
        p += sprintf(p, "%d", pick(30));
    if (pick(4))
        p += sprintf(p, ".%d", pick(21));
    sprintf(p, "%s%c", length, conv);
}

TEST(matches_host_on_doubles)
{
    char fmt[32], want[1600], got[1600];
    int mismatches = 0, cases = 40000;

    seed();
    for (int i = 0; i < cases; i++) {
        double v = random_double();
        int wn, gn;
        make_spec(fmt, "fFeEgG"[pick(6)], "");
        wn = snprintf(want, sizeof want, fmt, v);
        gn = kern_snprintf(got, sizeof got, fmt, v);
        if (wn != gn || strcmp(want, got) != 0) {
            if (!mismatches++) {
                uint64_t b;
                memcpy(&b, &v, sizeof b);
                CHECK_MSG(0, "case %d format \"%s\" bits %#llx: got \"%s\" (%d), host \"%s\" (%d)",
                          i, fmt, (unsigned long long)b, got, gn, want, wn);
            }
        }
    }
    CHECK_EQ(mismatches, 0);
}

TEST(matches_host_on_long_doubles)
{
    char fmt[32], want[1600], got[1600];
    int mismatches = 0;

    for (int i = 0; i < 5000; i++) {
        long double v = (long double)random_double();
        int wn, gn;
        if (pick(2))
            v = v * (long double)random_double();
        make_spec(fmt, "fFeEgG"[pick(6)], "L");
        if (fabsl(v) > 1e300L && (fmt[strlen(fmt) - 1] | 32) == 'f')
            continue; /* keep %Lf fields within the buffers */
        wn = snprintf(want, sizeof want, fmt, v);
        gn = kern_snprintf(got, sizeof got, fmt, v);
        if (wn != gn || strcmp(want, got) != 0) {
            if (!mismatches++)
                CHECK_MSG(0, "case %d format \"%s\" %Lg: got \"%s\" (%d), host \"%s\" (%d)", i,
                          fmt, v, got, gn, want, wn);
        }
    }
    CHECK_EQ(mismatches, 0);
}

TEST(mixed_with_other_conversions)
{
    char want[256], got[256];

    snprintf(want, sizeof want, "[%d|%.3f|%s|%*.*e|%5.2Lf|%c]", 42, 3.14159, "pi", 12, 2,
             -1234.5, 2.675L, 'x');
    kern_snprintf(got, sizeof got, "[%d|%.3f|%s|%*.*e|%5.2Lf|%c]", 42, 3.14159, "pi", 12, 2,
                  -1234.5, 2.675L, 'x');
    CHECK_STR(got, want);
    CHECK_EQ(kern_snprintf(got, 4, "%f", 1.0), 8);
    CHECK_STR(got, "1.0");
}

TEST(huge_precision_and_extremes)
{
    static char want[20000], got[20000];
    static const char *const fmts[] = {"%.1100f", "%.800e", "%f", "%.0f", "%#.0e", "%g"};
    const double values[] = {DBL_MAX, -DBL_MAX, 4.9e-324, DBL_MIN, 0.1, 1e300};

    for (size_t f = 0; f < sizeof fmts / sizeof fmts[0]; f++) {
        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
            snprintf(want, sizeof want, fmts[f], values[v]);
            kern_snprintf(got, sizeof got, fmts[f], values[v]);
            CHECK_STR(got, want);
        }
    }
    snprintf(want, sizeof want, "%Lg|%.30Le|%.20Lf", LDBL_MAX, LDBL_TRUE_MIN, LDBL_MIN);
    kern_snprintf(got, sizeof got, "%Lg|%.30Le|%.20Lf", LDBL_MAX, LDBL_TRUE_MIN, LDBL_MIN);
    CHECK_STR(got, want);
}
