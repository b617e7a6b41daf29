/*
 * format_float.c - the floating-point conversions of the printf family
 * (f F e E g G, C11 7.21.6.1), called by vsnprintf through its hook
 * (kernel/lib/format.c, FORMAT_FLOAT).
 *
 * The value, m * 2^e with an integer m, is expanded exactly into decimal:
 * m * 2^e when e >= 0, or m * 5^-e (then read with -e digits after the point)
 * when e < 0, in a big number of base-10^9 limbs. The digits are then rounded
 * half to even at the precision asked, on the exact value, so the output is
 * the correctly rounded one. A rounding is kept as "the first keep digits,
 * plus one in the last place or not", and digits are read from it on demand,
 * so no digit string of the whole number is built. The field is produced
 * twice: once to count its length (for the padding), once to write it.
 */
#include <lib/format.h>
#include <stdint.h>

#define LIMB_BASE 1000000000u
/* An 80-bit long double needs 11,530 digits at most (its least subnormal): 1,282 limbs. */
#define MAX_LIMBS 1300

struct decimal {
    uint32_t limb[MAX_LIMBS]; /* little-endian base 10^9 */
    int nlimb;
    int ndigits; /* digits of the integer D in limb (0 for zero) */
    int dexp;    /* the value is 0.d1d2d3... * 10^dexp */
};

/* The digits kept after rounding: the first keep digits of D, one added in the last place when up. */
struct rounded {
    const struct decimal *d;
    int keep;
    int up;
    int last_non9; /* index of the digit that takes the carry when up */
    int carry;     /* up and all kept digits were 9: the result is 1 followed by zeros */
    int dexp;      /* decimal exponent of the result */
};

static const uint32_t pow10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/* Digit i of D, counted from the most significant (0 outside D). */
static int digit(const struct decimal *d, int i)
{
    int j;

    if (i < 0 || i >= d->ndigits)
        return 0;
    j = d->ndigits - 1 - i;
    return (int)(d->limb[j / 9] / pow10[j % 9] % 10);
}

static void mul_small(struct decimal *d, uint32_t factor)
{
    uint64_t carry = 0;

    for (int i = 0; i < d->nlimb; i++) {
        uint64_t v = (uint64_t)d->limb[i] * factor + carry;
        d->limb[i] = (uint32_t)(v % LIMB_BASE);
        carry = v / LIMB_BASE;
    }
    while (carry) {
        d->limb[d->nlimb++] = (uint32_t)(carry % LIMB_BASE);
        carry /= LIMB_BASE;
    }
}

/* Expand mant * 2^exp2 exactly. */
static void expand(struct decimal *d, uint64_t mant, int exp2)
{
    int frac = 0;

    d->nlimb = 0;
    while (mant) {
        d->limb[d->nlimb++] = (uint32_t)(mant % LIMB_BASE);
        mant /= LIMB_BASE;
    }
    if (d->nlimb == 0) {
        d->ndigits = 0;
        d->dexp = 0;
        return;
    }
    for (; exp2 >= 28; exp2 -= 28)
        mul_small(d, 1u << 28);
    if (exp2 > 0)
        mul_small(d, 1u << exp2);
    for (; exp2 <= -13; exp2 += 13) {
        mul_small(d, 1220703125u); /* 5^13 */
        frac += 13;
    }
    if (exp2 < 0) {
        uint32_t f = 1;
        for (int i = exp2; i < 0; i++)
            f *= 5;
        mul_small(d, f);
        frac -= exp2;
    }
    d->ndigits = (d->nlimb - 1) * 9;
    for (uint32_t top = d->limb[d->nlimb - 1]; top; top /= 10)
        d->ndigits++;
    d->dexp = d->ndigits - frac;
}

/* Round D to its first keep digits, half to even. */
static void round_at(struct rounded *r, const struct decimal *d, int keep)
{
    int first, sticky = 0;

    r->d = d;
    r->keep = keep;
    r->up = r->carry = 0;
    r->dexp = d->dexp;
    if (d->ndigits == 0 || keep < 0 || keep >= d->ndigits) {
        if (keep < 0)
            r->keep = 0; /* below half of the last place: zero */
        return;
    }
    first = digit(d, keep);
    for (int i = keep + 1; i < d->ndigits && !sticky; i++)
        sticky = digit(d, i) != 0;
    if (first > 5 || (first == 5 && (sticky || (keep > 0 && digit(d, keep - 1) % 2))))
        r->up = 1;
    if (!r->up)
        return;
    r->last_non9 = keep - 1;
    while (r->last_non9 >= 0 && digit(d, r->last_non9) == 9)
        r->last_non9--;
    if (r->last_non9 < 0) {
        r->carry = 1;
        r->dexp++;
    }
}

/* Digit i (from the most significant) of the rounded value. */
static int rdigit(const struct rounded *r, int i)
{
    if (r->carry)
        return i == 0;
    if (i < 0 || i >= r->keep)
        return 0;
    if (!r->up || i < r->last_non9)
        return digit(r->d, i);
    return i == r->last_non9 ? digit(r->d, i) + 1 : 0;
}

static int is_zero(const struct rounded *r)
{
    return r->d->ndigits == 0 || (r->keep == 0 && !r->up);
}

struct sink {
    struct format_out *o; /* NULL: only count */
    int count;
};

static void emit(struct sink *k, char c)
{
    if (k->o)
        format_put(k->o, c);
    k->count++;
}

/* Style f with prec digits after the point; strip: drop trailing zeros (g without #). */
static void body_f(struct sink *k, const struct decimal *d, int prec, int hash, int strip)
{
    struct rounded r;
    int ex, last;

    round_at(&r, d, d->dexp + prec);
    ex = is_zero(&r) ? 0 : r.dexp;
    if (ex <= 0)
        emit(k, '0');
    for (int i = 0; i < ex; i++)
        emit(k, (char)('0' + rdigit(&r, i)));
    last = prec;
    if (strip)
        while (last > 0 && (is_zero(&r) || rdigit(&r, ex + last - 1) == 0))
            last--;
    if (last > 0 || hash)
        emit(k, '.');
    for (int j = 0; j < last; j++)
        emit(k, (char)('0' + (is_zero(&r) ? 0 : rdigit(&r, ex + j))));
}

/* Style e with prec digits after the point. */
static void body_e(struct sink *k, const struct decimal *d, int prec, int hash, int strip,
                   char e)
{
    struct rounded r;
    int x, last, ndig = 0;
    char xd[8];

    round_at(&r, d, prec + 1);
    x = is_zero(&r) ? 0 : r.dexp - 1;
    emit(k, (char)('0' + (is_zero(&r) ? 0 : rdigit(&r, 0))));
    last = prec;
    if (strip)
        while (last > 0 && (is_zero(&r) || rdigit(&r, last) == 0))
            last--;
    if (last > 0 || hash)
        emit(k, '.');
    for (int j = 1; j <= last; j++)
        emit(k, (char)('0' + (is_zero(&r) ? 0 : rdigit(&r, j))));
    emit(k, e);
    emit(k, x < 0 ? '-' : '+');
    if (x < 0)
        x = -x;
    do {
        xd[ndig++] = (char)('0' + x % 10);
        x /= 10;
    } while (x);
    if (ndig < 2)
        xd[ndig++] = '0';
    while (ndig)
        emit(k, xd[--ndig]);
}

static void body(struct sink *k, const struct decimal *d, const struct format_float_spec *s)
{
    int prec = s->precision < 0 ? 6 : s->precision, hash = s->flags & FORMAT_HASH;
    char c = s->conv;

    if (c == 'f' || c == 'F') {
        body_f(k, d, prec, hash, 0);
    } else if (c == 'e' || c == 'E') {
        body_e(k, d, prec, hash, 0, c);
    } else {
        /* g: P significant digits; style e when the exponent X is < -4 or >= P. */
        struct rounded r;
        int p = prec == 0 ? 1 : prec, x;
        round_at(&r, d, p);
        x = is_zero(&r) ? 0 : r.dexp - 1;
        if (p > x && x >= -4)
            body_f(k, d, p - 1 - x, hash, !hash);
        else if (r.carry && x == p)
            /*
             * The value had P digits before the point and rounding carried
             * into a new one (99.5 with %#.2g). glibc then prints style e
             * with no digits after the point ("1.e+02", where the standard
             * asks for "1.0e+02"); printing as glibc does keeps the two
             * libraries' output identical. Without # the zeros go anyway.
             */
            body_e(k, d, 0, hash, !hash, c == 'G' ? 'E' : 'e');
        else
            body_e(k, d, p - 1, hash, !hash, c == 'G' ? 'E' : 'e');
    }
}

static void pad(struct format_out *o, char c, int n)
{
    while (n-- > 0)
        format_put(o, c);
}

/*
 * Split the argument into sign, class and mant * 2^exp2. Returns 0 for a
 * finite value, 1 for infinity, 2 for NaN.
 */
static int read_arg(const struct format_float_spec *s, va_list *ap, int *neg, uint64_t *mant,
                    int *exp2)
{
    if (s->long_double) {
        union {
            long double v;
            struct {
                uint64_t mant;
                uint16_t se;
            } b;
        } u;
        int e;
        u.v = va_arg(*ap, long double);
        e = u.b.se & 0x7fff;
        *neg = u.b.se >> 15;
        *mant = u.b.mant;
        if (e == 0x7fff)
            return (u.b.mant << 1) ? 2 : 1;
        *exp2 = (e ? e : 1) - 16383 - 63;
    } else {
        union {
            double v;
            uint64_t b;
        } u;
        int e;
        u.v = va_arg(*ap, double);
        e = (int)(u.b >> 52 & 0x7ff);
        *neg = (int)(u.b >> 63);
        *mant = u.b & ((1ull << 52) - 1);
        if (e == 0x7ff)
            return *mant ? 2 : 1;
        if (e)
            *mant |= 1ull << 52;
        *exp2 = (e ? e : 1) - 1023 - 52;
    }
    return 0;
}

void format_float(struct format_out *o, const struct format_float_spec *s, va_list *ap)
{
    struct decimal d;
    struct sink count = {NULL, 0}, out = {o, 0};
    uint64_t mant = 0;
    int neg, exp2 = 0, kind, upper = s->conv == 'F' || s->conv == 'E' || s->conv == 'G';
    char sign = 0;
    int len, padding;

    kind = read_arg(s, ap, &neg, &mant, &exp2);
    if (neg)
        sign = '-';
    else if (s->flags & FORMAT_PLUS)
        sign = '+';
    else if (s->flags & FORMAT_SPACE)
        sign = ' ';
    if (kind) {
        const char *word = kind == 1 ? (upper ? "INF" : "inf") : (upper ? "NAN" : "nan");
        padding = s->width - 3 - (sign != 0);
        if (!(s->flags & FORMAT_MINUS))
            pad(o, ' ', padding); /* the 0 flag does not apply to inf and nan */
        if (sign)
            format_put(o, sign);
        for (int i = 0; i < 3; i++)
            format_put(o, word[i]);
        if (s->flags & FORMAT_MINUS)
            pad(o, ' ', padding);
        return;
    }
    expand(&d, mant, exp2);
    body(&count, &d, s);
    len = count.count + (sign != 0);
    padding = s->width - len;
    if (!(s->flags & (FORMAT_MINUS | FORMAT_ZERO)))
        pad(o, ' ', padding);
    if (sign)
        format_put(o, sign);
    if ((s->flags & FORMAT_ZERO) && !(s->flags & FORMAT_MINUS))
        pad(o, '0', padding);
    body(&out, &d, s);
    if (s->flags & FORMAT_MINUS)
        pad(o, ' ', padding);
}
