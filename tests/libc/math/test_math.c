/*
 * test_math.c - libc's math functions (libc/math/, compiled with libc_
 * names) against the host's libm: on generated arguments (random bit
 * patterns over the whole range, uniform values in each function's
 * interesting interval, values near 1, near multiples of pi/2 and near the
 * overflow thresholds) and on a table of special cases (zeros of both
 * signs, infinities, NaN, domain and range errors).
 *
 * The exact operations (fabs, floor, ceil, trunc, round, fmod, sqrt, modf,
 * frexp, ldexp, copysign, fmin, fmax) must give the same bits. The others
 * must be within MAX_ULPS of glibc's result (both are within about an ulp
 * of the exact value); NaN must meet NaN (its sign is not compared), an
 * infinity the same infinity. errno must be the same after every call. The
 * seed is printed; LIBC_MATH_SEED replaces it.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "hostutil.h"

#define MAX_ULPS 2
#define RANDOM_CASES 60000

extern int libc_errno;
int libc_errno;

double libc_fabs(double), libc_floor(double), libc_ceil(double), libc_trunc(double);
double libc_round(double), libc_sqrt(double), libc_exp(double), libc_exp2(double);
double libc_log(double), libc_log2(double), libc_log10(double), libc_sin(double);
double libc_cos(double), libc_tan(double), libc_asin(double), libc_acos(double);
double libc_atan(double), libc_sinh(double), libc_cosh(double), libc_tanh(double);
double libc_fmod(double, double), libc_pow(double, double), libc_atan2(double, double);
double libc_hypot(double, double), libc_copysign(double, double), libc_fmin(double, double);
double libc_fmax(double, double), libc_modf(double, double *), libc_frexp(double, int *);
double libc_ldexp(double, int), libc_scalbn(double, int);

static uint64_t rng;

static uint64_t next(void)
{
    return host_xorshift64(&rng);
}

static double uniform(double lo, double hi)
{
    return lo + (hi - lo) * ((double)(next() >> 11) * 0x1p-53);
}

static double from_bits(uint64_t b)
{
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}

/* Distance in ulps between two finite doubles (through their ordered bit patterns). */
static uint64_t ulps(double a, double b)
{
    int64_t ia, ib;

    memcpy(&ia, &a, sizeof ia);
    memcpy(&ib, &b, sizeof ib);
    if (ia < 0)
        ia = INT64_MIN - ia;
    if (ib < 0)
        ib = INT64_MIN - ib;
    return ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* Per-function tallies. */
struct tally {
    const char *name;
    uint64_t worst;
    double worst_x, worst_y;
    long calls, off_by_one, bad, errno_bad;
};

static void report(struct tally *t)
{
    fprintf(stderr, "%-9s %7ld calls, %6ld off by one ulp, worst %llu ulps (at %a, %a)\n", t->name,
            t->calls, t->off_by_one, (unsigned long long)t->worst, t->worst_x, t->worst_y);
}

/* Compare one result; exact: bits must match. */
static void judge(struct tally *t, double x, double y, double ours, double host, int our_errno,
                  int host_errno, int exact)
{
    uint64_t d = 0;
    int ok;

    t->calls++;
    if (isnan(ours) || isnan(host))
        ok = isnan(ours) && isnan(host);
    else if (isinf(ours) || isinf(host) || exact)
        ok = same_bits(ours, host);
    else {
        d = ulps(ours, host);
        ok = d <= MAX_ULPS && signbit(ours) == signbit(host);
        if (d == 1)
            t->off_by_one++;
    }
    if (d > t->worst || (!ok && t->bad == 0)) {
        t->worst = d;
        t->worst_x = x;
        t->worst_y = y;
    }
    if (!ok && t->bad++ < 5)
        fprintf(stderr, "%s(%a, %a): ours %a, host %a\n", t->name, x, y, ours, host);
    if (our_errno != host_errno && t->errno_bad++ < 5)
        fprintf(stderr, "%s(%a, %a) = %a: errno ours %d, host %d\n", t->name, x, y, ours,
                our_errno, host_errno);
}

struct unary {
    const char *name;
    double (*ours)(double), (*host)(double);
    int exact;
    double lo, hi; /* the interval where most arguments are drawn */
};

static const struct unary unaries[] = {
    {"fabs", libc_fabs, fabs, 1, -10, 10},
    {"floor", libc_floor, floor, 1, -1e6, 1e6},
    {"ceil", libc_ceil, ceil, 1, -1e6, 1e6},
    {"trunc", libc_trunc, trunc, 1, -1e6, 1e6},
    {"round", libc_round, round, 1, -1e6, 1e6},
    {"sqrt", libc_sqrt, sqrt, 1, 0, 1e6},
    {"exp", libc_exp, exp, 0, -750, 750},
    {"exp2", libc_exp2, exp2, 0, -1080, 1030},
    {"log", libc_log, log, 0, 0, 4},
    {"log2", libc_log2, log2, 0, 0, 4},
    {"log10", libc_log10, log10, 0, 0, 4},
    {"sin", libc_sin, sin, 0, -20, 20},
    {"cos", libc_cos, cos, 0, -20, 20},
    {"tan", libc_tan, tan, 0, -20, 20},
    {"asin", libc_asin, asin, 0, -1.1, 1.1},
    {"acos", libc_acos, acos, 0, -1.1, 1.1},
    {"atan", libc_atan, atan, 0, -20, 20},
    {"sinh", libc_sinh, sinh, 0, -715, 715},
    {"cosh", libc_cosh, cosh, 0, -715, 715},
    {"tanh", libc_tanh, tanh, 0, -25, 25},
};

/* Special arguments every function sees. */
static const double specials[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 1.5, 2.5, -2.5, 3.0, 10.0, 100.0, 1000.0, 1e22,
    1e-300, DBL_MIN, -DBL_MIN, DBL_TRUE_MIN, DBL_MAX, -DBL_MAX, M_PI, M_PI_2, M_PI_4,
    -M_PI_2, 3 * M_PI_2, 0x1p52 + 0.5, 0x1p53, -0x1p63, 709.78, 709.79, -745.13, -745.14,
    710.47, 710.48, 0x1.c9c882d3a9b8dp+1023, 0x1.6ac5b262ca1fep+849,
    0x1.921fb54442d18p+0, 0x1.921fb54442d18p+1, 0x1.921fb54442d18p+10,
    0.9999999999999999, 1.0000000000000002, 0.7071067811865476,
};

/* A random argument for an interval lo..hi. */
static double argument(double lo, double hi)
{
    switch (next() % 6) {
    case 0: return from_bits(next());                       /* anything at all */
    case 1: return ldexp(uniform(-1, 1), (int)(next() % 80) - 40); /* moderate magnitudes */
    case 2: return 1 + uniform(-1, 1) * ldexp(1, -(int)(next() % 50)); /* near 1 */
    case 3: return (double)(long)(next() % 2000000 - 1000000) * M_PI_2 *
                   (1 + uniform(-1, 1) * 0x1p-50); /* near multiples of pi/2 */
    default: return uniform(lo, hi);
    }
}

static void run_unary(const struct unary *u)
{
    struct tally t = {.name = u->name};

    for (long i = 0; i < RANDOM_CASES + (long)(sizeof specials / sizeof specials[0]); i++) {
        double x, ours, host;
        int our_errno, host_errno;

        if (i < (long)(sizeof specials / sizeof specials[0]))
            x = specials[i];
        else
            x = argument(u->lo, u->hi);
        for (int neg = 0; neg < 2; neg++, x = -x) {
            libc_errno = 0;
            ours = u->ours(x);
            our_errno = libc_errno;
            errno = 0;
            host = u->host(x);
            host_errno = errno;
            judge(&t, x, 0, ours, host, our_errno, host_errno, u->exact);
        }
    }
    report(&t);
    CHECK_MSG(t.bad == 0, "%s: %ld of %ld results too far from the host's", u->name, t.bad,
              t.calls);
    CHECK_MSG(t.errno_bad == 0, "%s: errno differs %ld times", u->name, t.errno_bad);
}

TEST(unary_functions_match_host)
{
    rng = host_seed("LIBC_MATH_SEED", 0x9e3779b97f4a7c15ull);
    for (size_t i = 0; i < sizeof unaries / sizeof unaries[0]; i++)
        run_unary(&unaries[i]);
    /* The infinities and NaN, through every function. */
    for (size_t i = 0; i < sizeof unaries / sizeof unaries[0]; i++) {
        static const double odd[] = {INFINITY, -INFINITY, NAN};
        for (int j = 0; j < 3; j++) {
            double ours, host;
            int e1, e2;

            libc_errno = 0;
            ours = unaries[i].ours(odd[j]);
            e1 = libc_errno;
            errno = 0;
            host = unaries[i].host(odd[j]);
            e2 = errno;
            CHECK_MSG(same_bits(ours, host) || (isnan(ours) && isnan(host)),
                      "%s(%a): ours %a, host %a", unaries[i].name, odd[j], ours, host);
            CHECK_MSG(e1 == e2, "%s(%a): errno ours %d, host %d", unaries[i].name, odd[j], e1, e2);
        }
    }
}

struct binary {
    const char *name;
    double (*ours)(double, double), (*host)(double, double);
    int exact;
};

static const struct binary binaries[] = {
    {"fmod", libc_fmod, fmod, 1},        {"pow", libc_pow, pow, 0},
    {"atan2", libc_atan2, atan2, 0},     {"hypot", libc_hypot, hypot, 0},
    {"copysign", libc_copysign, copysign, 1}, {"fmin", libc_fmin, fmin, 1},
    {"fmax", libc_fmax, fmax, 1},
};

static double pow_exponent(void)
{
    switch (next() % 5) {
    case 0: return (double)(long)(next() % 200) - 100; /* integers: odd and even */
    case 1: return uniform(-3, 3);
    case 2: return from_bits(next());
    case 3: return (double)(long)(next() % 2000) / 2 - 500; /* halves */
    default: return uniform(-1100, 1100);
    }
}

TEST(binary_functions_match_host)
{
    static const double sp[] = {0.0, -0.0, 1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0,
                                INFINITY, -INFINITY, NAN, DBL_MAX, DBL_TRUE_MIN, 1e300, 0.75};
    const size_t nsp = sizeof sp / sizeof sp[0];

    rng = host_seed("LIBC_MATH_SEED", 0x9e3779b97f4a7c15ull) ^ 0x1234;
    for (size_t f = 0; f < sizeof binaries / sizeof binaries[0]; f++) {
        const struct binary *b = &binaries[f];
        struct tally t = {.name = b->name};

        for (long i = 0; i < RANDOM_CASES + (long)(nsp * nsp); i++) {
            double x, y, ours, host;
            int our_errno, host_errno;

            if (i < (long)(nsp * nsp)) {
                x = sp[i / (long)nsp];
                y = sp[i % (long)nsp];
            } else {
                x = argument(-100, 100);
                y = f == 1 ? pow_exponent() : argument(-100, 100);
                if (f == 1 && next() % 3 == 0)
                    x = -x; /* negative bases with integer exponents */
            }
            libc_errno = 0;
            ours = b->ours(x, y);
            our_errno = libc_errno;
            errno = 0;
            host = b->host(x, y);
            host_errno = errno;
            judge(&t, x, y, ours, host, our_errno, host_errno, b->exact);
        }
        report(&t);
        CHECK_MSG(t.bad == 0, "%s: %ld of %ld results too far from the host's", b->name, t.bad,
                  t.calls);
        CHECK_MSG(t.errno_bad == 0, "%s: errno differs %ld times", b->name, t.errno_bad);
    }
}

TEST(modf_frexp_ldexp_match_host)
{
    rng = host_seed("LIBC_MATH_SEED", 0x9e3779b97f4a7c15ull) ^ 0x5678;
    for (long i = 0; i < RANDOM_CASES; i++) {
        double x = i < 3 ? (double[]){INFINITY, -0.0, NAN}[i] : argument(-1e6, 1e6);
        double ip1, ip2, f1, f2, l1, l2;
        int e1, e2, n = (int)(next() % 4400) - 2200, er1, er2;

        f1 = libc_modf(x, &ip1);
        f2 = modf(x, &ip2);
        CHECK_MSG(same_bits(f1, f2) && same_bits(ip1, ip2), "modf(%a): ours %a %a, host %a %a",
                  x, f1, ip1, f2, ip2);
        e1 = e2 = 0;
        f1 = libc_frexp(x, &e1);
        f2 = frexp(x, &e2);
        CHECK_MSG(same_bits(f1, f2) && (e1 == e2 || !isfinite(x)),
                  "frexp(%a): ours %a %d, host %a %d", x, f1, e1, f2, e2);
        libc_errno = 0;
        l1 = libc_ldexp(x, n);
        er1 = libc_errno;
        errno = 0;
        l2 = ldexp(x, n);
        er2 = errno;
        CHECK_MSG(same_bits(l1, l2), "ldexp(%a, %d): ours %a, host %a", x, n, l1, l2);
        CHECK_MSG(er1 == er2, "ldexp(%a, %d): errno ours %d, host %d", x, n, er1, er2);
        CHECK(same_bits(libc_scalbn(x, n), scalbn(x, n)));
        if (check_case_failed())
            return;
    }
}

/*
 * 6381956970095103 * 2^797 is the double closest to a multiple of pi/2 (r =
 * x - q pi/2 is about 4.7e-19): the expected values were worked out with
 * 500-digit decimal arithmetic from the definitions. glibc's cos and tan are
 * 8 and 14 ulps away here, so they are not the reference for this one.
 */
TEST(hardest_reduction_is_correctly_rounded)
{
    double x = 0x1.6ac5b262ca1ffp+849;

    CHECK(libc_sin(x) == 1.0);
    CHECK(libc_cos(x) == -0x1.14ae72e6ba22fp-61);
    CHECK(libc_tan(x) == -0x1.d9ba9a7975636p+60);
    CHECK(libc_cos(-x) == -0x1.14ae72e6ba22fp-61);
    CHECK(libc_sin(-x) == -1.0);
}

TEST(classification_and_constants)
{
    CHECK(fpclassify(0.0) == FP_ZERO && fpclassify(DBL_TRUE_MIN) == FP_SUBNORMAL);
    CHECK(libc_sqrt(2.0) * libc_sqrt(2.0) != 2.0 || libc_sqrt(4.0) == 2.0);
    CHECK(libc_log10(1000.0) == 3.0 && libc_log2(1024.0) == 10.0 && libc_log(1.0) == 0.0);
    CHECK(libc_pow(2.0, 10.0) == 1024.0 && libc_pow(-2.0, 3.0) == -8.0);
    CHECK(libc_exp(0.0) == 1.0 && libc_cos(0.0) == 1.0 && libc_sin(-0.0) == 0.0 &&
          signbit(libc_sin(-0.0)));
    CHECK(libc_atan2(0.0, -1.0) == M_PI && libc_atan2(-0.0, -1.0) == -M_PI);
}
