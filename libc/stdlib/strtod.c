/*
 * strtod.c - string to floating point (C11 7.22.1.3): strtod, strtof, atof.
 *
 * The input is read into a decimal significand D of at most MAX_DIGITS
 * digits and an exponent E (digits beyond those only matter as "something
 * nonzero follows", kept as one extra digit 1: no double lies, nor is halfway
 * between two, in the gap that changes). The value D * 10^E is then divided
 * out exactly with big integers, P / Q with P = D * 10^max(E,0) * 2^s and
 * Q = 10^max(-E,0) * 2^-s, s chosen so that the quotient has 63 or 64 bits;
 * the quotient and "remainder nonzero" round once, to nearest with ties to
 * even, into the format asked for. Hexadecimal input needs no division: its
 * first 64 bits and a sticky bit go straight to the rounding.
 *
 * errno is ERANGE on overflow (the result is HUGE_VAL) and on underflow (a
 * result that is tiny after rounding and inexact, as on x86 hardware).
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#define MAX_DIGITS 800
#define BIG_WORDS 200 /* 6400 bits: above the 3900 the clamped exponents need */

struct big {
    uint32_t w[BIG_WORDS]; /* little-endian */
    int n;                 /* words in use; no leading zero word */
};

struct binary_format {
    int mant_bits; /* with the leading bit */
    int emin, emax;
};

static const struct binary_format format_double = {53, -1022, 1023};
static const struct binary_format format_float = {24, -126, 127};

static void big_trim(struct big *b)
{
    while (b->n > 0 && b->w[b->n - 1] == 0)
        b->n--;
}

static void big_muladd(struct big *b, uint32_t mul, uint32_t add)
{
    uint64_t carry = add;

    for (int i = 0; i < b->n; i++) {
        uint64_t v = (uint64_t)b->w[i] * mul + carry;
        b->w[i] = (uint32_t)v;
        carry = v >> 32;
    }
    if (carry)
        b->w[b->n++] = (uint32_t)carry;
}

static void big_mul_pow10(struct big *b, int k)
{
    for (; k >= 9; k -= 9)
        big_muladd(b, 1000000000u, 0);
    if (k > 0) {
        uint32_t f = 1;
        while (k--)
            f *= 10;
        big_muladd(b, f, 0);
    }
}

static void big_shl(struct big *b, int bits)
{
    int words = bits / 32, r = bits % 32;

    if (b->n == 0 || bits <= 0)
        return;
    b->w[b->n + words] = 0;
    for (int i = b->n - 1; i >= 0; i--) {
        uint32_t v = b->w[i];
        b->w[i + words + 1] |= r ? v >> (32 - r) : 0;
        b->w[i + words] = v << r;
    }
    for (int i = 0; i < words; i++)
        b->w[i] = 0;
    b->n += words + 1;
    big_trim(b);
}

static void big_shr1(struct big *b)
{
    for (int i = 0; i < b->n; i++)
        b->w[i] = (b->w[i] >> 1) | (i + 1 < b->n ? b->w[i + 1] << 31 : 0);
    big_trim(b);
}

static int big_bits(const struct big *b)
{
    int bits;

    if (b->n == 0)
        return 0;
    bits = (b->n - 1) * 32;
    for (uint32_t top = b->w[b->n - 1]; top; top >>= 1)
        bits++;
    return bits;
}

static int big_cmp(const struct big *a, const struct big *b)
{
    if (a->n != b->n)
        return a->n < b->n ? -1 : 1;
    for (int i = a->n - 1; i >= 0; i--)
        if (a->w[i] != b->w[i])
            return a->w[i] < b->w[i] ? -1 : 1;
    return 0;
}

/* a -= b; requires a >= b. */
static void big_sub(struct big *a, const struct big *b)
{
    uint32_t borrow = 0;

    for (int i = 0; i < a->n; i++) {
        uint64_t sub = (uint64_t)(i < b->n ? b->w[i] : 0) + borrow;
        borrow = a->w[i] < sub;
        a->w[i] = (uint32_t)(a->w[i] - sub);
    }
    big_trim(a);
}

static int clz64(uint64_t v)
{
    int n = 0;

    while (!(v >> 63)) {
        v <<= 1;
        n++;
    }
    return n;
}

/*
 * Round q * 2^lsb (q with bit 63 set), plus less than one unit of q when
 * sticky, into format f: returns the bit pattern (without sign) and sets
 * ERANGE on overflow or on a tiny inexact result.
 */
static uint64_t round_binary(uint64_t q, int lsb, int sticky, const struct binary_format *f)
{
    int lead = lsb + 63, keep, drop, half, rest, inexact, tiny;
    uint64_t m, top = 1ull << (f->mant_bits - 1);

    keep = lead >= f->emin ? f->mant_bits : f->mant_bits - (f->emin - lead);
    drop = 64 - keep;
    if (drop > 64) {
        m = 0;
        half = 0;
        rest = 1;
    } else if (drop == 64) {
        m = 0;
        half = 1;
        rest = (q << 1) != 0;
    } else {
        m = q >> drop;
        half = (int)(q >> (drop - 1) & 1);
        rest = (q & ((1ull << (drop - 1)) - 1)) != 0;
    }
    rest |= sticky;
    inexact = half || rest;
    /* Tiny after rounding: below 2^emin even when rounded with an unbounded exponent. */
    tiny = lead < f->emin;
    if (lead == f->emin - 1) {
        int d2 = 64 - f->mant_bits;
        uint64_t m2 = q >> d2;
        int h2 = (int)(q >> (d2 - 1) & 1), r2 = (q & ((1ull << (d2 - 1)) - 1)) != 0 || sticky;
        if (h2 && (r2 || (m2 & 1)) && m2 + 1 == top << 1)
            tiny = 0;
    }
    if (half && (rest || (m & 1)))
        m++;
    lsb = lead - keep + 1;
    if (m == top << 1) {
        m >>= 1;
        lsb++;
    }
    if (tiny && inexact)
        errno = ERANGE;
    if (m >= top) {
        int e = lsb + f->mant_bits - 1;
        if (e > f->emax) {
            errno = ERANGE;
            return (uint64_t)(2 * f->emax + 1) << (f->mant_bits - 1); /* infinity */
        }
        return (uint64_t)(e + f->emax) << (f->mant_bits - 1) | (m - top);
    }
    return m; /* subnormal or zero */
}

/* D (ndigits decimal digits) * 10^e10, rounded into f. */
static uint64_t decimal_to_binary(const char *digits, int ndigits, long e10,
                                  const struct binary_format *f)
{
    static struct big p, q; /* large for a stack; callers are not reentrant anyway */
    uint64_t quo = 0;
    int s;

    if (ndigits + e10 > 310) { /* at least 10^310: overflows every format here */
        errno = ERANGE;
        return (uint64_t)(2 * f->emax + 1) << (f->mant_bits - 1);
    }
    if (ndigits + e10 < -326) { /* below 10^-326: rounds to zero */
        errno = ERANGE;
        return 0;
    }
    p.n = 0;
    for (int i = 0; i < ndigits; i++) {
        if (p.n == 0) {
            p.w[0] = (uint32_t)(digits[i] - '0');
            p.n = p.w[0] != 0;
        } else {
            big_muladd(&p, 10, (uint32_t)(digits[i] - '0'));
        }
    }
    q.w[0] = 1;
    q.n = 1;
    if (e10 >= 0)
        big_mul_pow10(&p, (int)e10);
    else
        big_mul_pow10(&q, (int)-e10);
    s = 63 - (big_bits(&p) - big_bits(&q));
    if (s > 0)
        big_shl(&p, s);
    else
        big_shl(&q, -s);
    /* Now 2^62 < p / q < 2^64: long division, one bit at a time. */
    big_shl(&q, 63);
    for (int i = 63; i >= 0; i--) {
        if (big_cmp(&p, &q) >= 0) {
            big_sub(&p, &q);
            quo |= 1ull << i;
        }
        if (i > 0)
            big_shr1(&q);
    }
    if (!(quo >> 63)) {
        quo <<= 1; /* the bit below is in the remainder, which only counts as sticky */
        s++;
        big_shl(&p, 1);
        if (big_cmp(&p, &q) >= 0) {
            quo |= 1;
            big_sub(&p, &q);
        }
    }
    return round_binary(quo, -s, p.n != 0, f);
}

static int is_space(int c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int hex_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Match a word, ignoring case; returns its length or 0. */
static int match(const char *p, const char *word)
{
    int n = 0;

    while (word[n] && lower((unsigned char)p[n]) == word[n])
        n++;
    return word[n] ? 0 : n;
}

/* An optional exponent part at p ([eEpP][+-]digits); returns its length, sets *value (clamped). */
static int exponent_part(const char *p, long *value)
{
    const char *q = p + 1;
    int neg = 0;
    long v = 0;

    if (*q == '+' || *q == '-')
        neg = *q++ == '-';
    if (*q < '0' || *q > '9')
        return 0;
    for (; *q >= '0' && *q <= '9'; q++)
        if (v < 100000000)
            v = v * 10 + (*q - '0');
    *value = neg ? -v : v;
    return (int)(q - p);
}

/* NaN with a payload from "(digits)", as the host C libraries read it. */
static uint64_t nan_payload(const char *p, int *len, const struct binary_format *f)
{
    const char *q = p + 1;
    uint64_t v = 0, quiet = 1ull << (f->mant_bits - 2);
    int base = 10, ok = 1;

    *len = 0;
    if (*p != '(')
        return 0;
    while ((*q >= '0' && *q <= '9') || (lower(*q) >= 'a' && lower(*q) <= 'z') || *q == '_')
        q++;
    if (*q != ')')
        return 0;
    *len = (int)(q - p) + 1;
    q = p + 1;
    if (q[0] == '0' && lower(q[1]) == 'x' && hex_value(q[2]) >= 0) {
        base = 16;
        q += 2;
    } else if (q[0] == '0') {
        base = 8;
    }
    if (*q == ')')
        return 0;
    for (; *q != ')'; q++) {
        int d = hex_value(*q);
        if (d < 0 || d >= base) {
            ok = 0;
            break;
        }
        v = v * (uint64_t)base + (uint64_t)d;
    }
    return ok ? v & (quiet - 1) : 0;
}

/* The common parser: returns the bit pattern in format f, sign included. */
static uint64_t parse(const char *s, char **end, const struct binary_format *f)
{
    char digits[MAX_DIGITS + 1];
    const char *p = s;
    uint64_t sign, bits = 0;
    int neg = 0, n;

    while (is_space((unsigned char)*p))
        p++;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    sign = (uint64_t)neg << (f->mant_bits + (f->emax == 1023 ? 10 : 7));

    if ((n = match(p, "infinity")) || (n = match(p, "inf"))) {
        p += n;
        bits = (uint64_t)(2 * f->emax + 1) << (f->mant_bits - 1);
    } else if ((n = match(p, "nan"))) {
        int plen;
        uint64_t payload = nan_payload(p + n, &plen, f);
        p += n + plen;
        bits = (uint64_t)(2 * f->emax + 1) << (f->mant_bits - 1) |
               1ull << (f->mant_bits - 2) | payload;
    } else if (p[0] == '0' && lower(p[1]) == 'x' &&
               (hex_value(p[2]) >= 0 || (p[2] == '.' && hex_value(p[3]) >= 0))) {
        uint64_t q = 0;
        long bexp = 0, x;
        int nsig = 0, sticky = 0, point = 0;
        for (p += 2;; p++) {
            int d = hex_value(*p);
            if (*p == '.' && !point) {
                point = 1;
                continue;
            }
            if (d < 0)
                break;
            if (nsig < 16) {
                if (q || d) {
                    q = q << 4 | (uint64_t)d;
                    nsig++;
                }
                if (point)
                    bexp -= 4;
            } else {
                sticky |= d != 0;
                if (!point)
                    bexp += 4;
            }
        }
        if (lower(*p) == 'p' && (n = exponent_part(p, &x))) {
            p += n;
            bexp += x;
        }
        if (q) {
            int z = clz64(q);
            if (bexp > 100000)
                bexp = 100000;
            if (bexp < -100000)
                bexp = -100000;
            bits = round_binary(q << z, (int)bexp - z, sticky, f);
        }
    } else {
        long e10 = 0, x;
        int nd = 0, any = 0, point = 0, sticky = 0;
        for (;; p++) {
            if (*p == '.' && !point) {
                point = 1;
                continue;
            }
            if (*p < '0' || *p > '9')
                break;
            any = 1;
            if (nd == 0 && *p == '0') {
                if (point)
                    e10--;
            } else if (nd < MAX_DIGITS) {
                digits[nd++] = *p;
                if (point)
                    e10--;
            } else {
                sticky |= *p != '0';
                if (!point && e10 < 100000000)
                    e10++;
            }
            if (e10 < -100000000)
                e10 = -100000000;
        }
        if (!any) {
            if (end)
                *end = (char *)s;
            return 0;
        }
        if (lower(*p) == 'e' && (n = exponent_part(p, &x))) {
            p += n;
            e10 += x;
        }
        if (sticky) {
            digits[nd++] = '1';
            e10--;
        }
        if (nd)
            bits = decimal_to_binary(digits, nd, e10, f);
    }
    if (end)
        *end = (char *)p;
    return sign | bits;
}

double strtod(const char *restrict s, char **restrict end)
{
    union {
        uint64_t bits;
        double v;
    } u;

    u.bits = parse(s, end, &format_double);
    return u.v;
}

float strtof(const char *restrict s, char **restrict end)
{
    union {
        uint32_t bits;
        float v;
    } u;

    u.bits = (uint32_t)parse(s, end, &format_float);
    return u.v;
}

double atof(const char *s)
{
    return strtod(s, NULL);
}
