/*
 * asn1.c - the strict DER reader declared in asn1.h.
 *
 * A reader is a (pointer, remaining length) pair. asn1_next decodes one
 * identifier and length, checks that the contents fit in what remains, and
 * advances past the element; it is the only place that turns encoded lengths
 * into offsets, so no other function can be led outside its element. Value
 * decoders then look only at an element's contents span.
 *
 * Parsing X.509 does not involve secrets, so nothing here is constant-time.
 */
#include <string.h>

#include "asn1.h"
#include "error.h"

void asn1_reader_init(struct asn1_reader *r, const void *p, size_t len)
{
    r->p = p;
    r->len = len;
}

void asn1_reader_enter(struct asn1_reader *r, const struct asn1_elem *e)
{
    r->p = e->val.p;
    r->len = e->val.len;
}

bool asn1_at_end(const struct asn1_reader *r)
{
    return r->len == 0;
}

int asn1_peek(const struct asn1_reader *r)
{
    return r->len ? r->p[0] : -1;
}

int asn1_next(struct asn1_reader *r, struct asn1_elem *e)
{
    const uint8_t *p = r->p;
    size_t n = r->len, hdr;
    uint32_t len;

    if (n < 2)
        return CRYPTO_EINVAL;
    /* Tag number 31 announces the high-tag-number form, which X.509 never needs;
     * an identifier of 0 is the end-of-contents marker of indefinite lengths. */
    if ((p[0] & 0x1f) == 0x1f || p[0] == 0)
        return CRYPTO_EINVAL;
    if (p[1] < 0x80) {
        len = p[1];
        hdr = 2;
    } else {
        size_t k = p[1] & 0x7f;

        /* 0x80 is the indefinite form; lengths beyond 32 bits cannot fit any buffer here. */
        if (k == 0 || k > 4 || n - 2 < k)
            return CRYPTO_EINVAL;
        if (p[2] == 0) /* a leading zero octet: not the shortest form */
            return CRYPTO_EINVAL;
        len = 0;
        for (size_t i = 0; i < k; i++)
            len = len << 8 | p[2 + i];
        if (len < 0x80) /* fits the short form */
            return CRYPTO_EINVAL;
        hdr = 2 + k;
    }
    if (len > n - hdr)
        return CRYPTO_EINVAL;
    e->tag = p[0];
    e->der.p = p;
    e->der.len = hdr + len;
    e->val.p = p + hdr;
    e->val.len = len;
    r->p += hdr + len;
    r->len -= hdr + len;
    return CRYPTO_OK;
}

int asn1_expect(struct asn1_reader *r, uint8_t tag, struct asn1_elem *e)
{
    if (asn1_peek(r) != tag)
        return CRYPTO_EINVAL;
    return asn1_next(r, e);
}

int asn1_optional(struct asn1_reader *r, uint8_t tag, struct asn1_elem *e)
{
    if (asn1_peek(r) != tag)
        return 0;
    return asn1_next(r, e) == CRYPTO_OK ? 1 : CRYPTO_EINVAL;
}

int asn1_enter(struct asn1_reader *r, uint8_t tag, struct asn1_reader *inner)
{
    struct asn1_elem e;

    if (!(tag & ASN1_CONSTRUCTED) || asn1_expect(r, tag, &e) != CRYPTO_OK)
        return CRYPTO_EINVAL;
    asn1_reader_enter(inner, &e);
    return CRYPTO_OK;
}

int asn1_finish(const struct asn1_reader *r)
{
    return r->len == 0 ? CRYPTO_OK : CRYPTO_EINVAL;
}

int asn1_parse_single(const void *p, size_t len, uint8_t tag, struct asn1_elem *e)
{
    struct asn1_reader r;

    asn1_reader_init(&r, p, len);
    if (asn1_expect(&r, tag, e) != CRYPTO_OK)
        return CRYPTO_EINVAL;
    return asn1_finish(&r);
}

/* ---- primitive values ---- */

int asn1_get_bool(const struct asn1_elem *e, bool *out)
{
    if (e->tag & ASN1_CONSTRUCTED || e->val.len != 1)
        return CRYPTO_EINVAL;
    if (e->val.p[0] != 0x00 && e->val.p[0] != 0xff)
        return CRYPTO_EINVAL;
    *out = e->val.p[0] == 0xff;
    return CRYPTO_OK;
}

int asn1_get_integer(const struct asn1_elem *e, struct asn1_span *out, bool *negative)
{
    const uint8_t *v = e->val.p;
    size_t n = e->val.len;

    if (e->tag & ASN1_CONSTRUCTED || n == 0)
        return CRYPTO_EINVAL;
    /* A leading 0x00 is only needed before a set sign bit, a leading 0xff only
     * before a clear one; anything else is a longer encoding than needed. */
    if (n >= 2 && ((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xff && (v[1] & 0x80))))
        return CRYPTO_EINVAL;
    *out = e->val;
    if (negative)
        *negative = (v[0] & 0x80) != 0;
    return CRYPTO_OK;
}

int asn1_get_uint(const struct asn1_elem *e, struct asn1_span *mag)
{
    struct asn1_span v;
    bool neg;

    if (asn1_get_integer(e, &v, &neg) != CRYPTO_OK || neg)
        return CRYPTO_EINVAL;
    if (v.p[0] == 0) { /* sign octet, or the value zero */
        v.p++;
        v.len--;
    }
    *mag = v;
    return CRYPTO_OK;
}

int asn1_get_u32(const struct asn1_elem *e, uint32_t *out)
{
    struct asn1_span m;
    uint32_t x = 0;

    if (asn1_get_uint(e, &m) != CRYPTO_OK)
        return CRYPTO_EINVAL;
    if (m.len > 4)
        return CRYPTO_ERANGE;
    for (size_t i = 0; i < m.len; i++)
        x = x << 8 | m.p[i];
    *out = x;
    return CRYPTO_OK;
}

int asn1_get_bits(const struct asn1_elem *e, struct asn1_span *bits, unsigned *unused)
{
    const uint8_t *v = e->val.p;
    size_t n = e->val.len;
    unsigned pad;

    /* DER forbids the constructed form of BIT STRING. */
    if (e->tag & ASN1_CONSTRUCTED || n == 0)
        return CRYPTO_EINVAL;
    pad = v[0];
    if (pad > 7 || (n == 1 && pad != 0))
        return CRYPTO_EINVAL;
    /* DER (X.690 11.2.1): the padding bits are zero. */
    if (n > 1 && (v[n - 1] & ((1u << pad) - 1)) != 0)
        return CRYPTO_EINVAL;
    bits->p = v + 1;
    bits->len = n - 1;
    *unused = pad;
    return CRYPTO_OK;
}

int asn1_get_bit_octets(const struct asn1_elem *e, struct asn1_span *octets)
{
    unsigned pad;

    if (asn1_get_bits(e, octets, &pad) != CRYPTO_OK || pad != 0)
        return CRYPTO_EINVAL;
    return CRYPTO_OK;
}

int asn1_get_null(const struct asn1_elem *e)
{
    return (e->tag & ASN1_CONSTRUCTED) || e->val.len != 0 ? CRYPTO_EINVAL : CRYPTO_OK;
}

/* ---- object identifiers ---- */

int asn1_get_oid(const struct asn1_elem *e, struct asn1_span *oid)
{
    const uint8_t *v = e->val.p;
    size_t n = e->val.len, octets = 0;
    bool start = true;

    if (e->tag & ASN1_CONSTRUCTED || n == 0)
        return CRYPTO_EINVAL;
    for (size_t i = 0; i < n; i++) {
        /* A sub-identifier may not begin with a 0x80 octet (a leading zero group). */
        if (start && v[i] == 0x80)
            return CRYPTO_EINVAL;
        octets = start ? 1 : octets + 1;
        if (octets > ASN1_OID_MAX_SUBID_OCTETS)
            return CRYPTO_EINVAL;
        start = !(v[i] & 0x80);
    }
    if (!start) /* the last sub-identifier is unterminated */
        return CRYPTO_EINVAL;
    *oid = e->val;
    return CRYPTO_OK;
}

bool asn1_oid_eq(const struct asn1_span *oid, const uint8_t *der, size_t der_len)
{
    return oid->len == der_len && memcmp(oid->p, der, der_len) == 0;
}

/*
 * A sub-identifier as a little-endian array of base-10^9 limbs, so that arcs
 * wider than 64 bits (UUID arcs under 2.25 are 128 bits) still print exactly.
 */
#define OID_LIMBS 12 /* 108 decimal digits: more than 280 bits need */

struct oid_arc {
    uint32_t limb[OID_LIMBS];
    size_t n;
};

static void arc_mul_add(struct oid_arc *a, uint32_t mul, uint32_t add)
{
    uint64_t carry = add;

    for (size_t i = 0; i < a->n; i++) {
        uint64_t t = (uint64_t)a->limb[i] * mul + carry;
        a->limb[i] = (uint32_t)(t % 1000000000u);
        carry = t / 1000000000u;
    }
    while (carry && a->n < OID_LIMBS) {
        a->limb[a->n++] = (uint32_t)(carry % 1000000000u);
        carry /= 1000000000u;
    }
}

/* Subtract a small value known not to exceed the arc. */
static void arc_sub(struct oid_arc *a, uint32_t sub)
{
    for (size_t i = 0; i < a->n && sub; i++) {
        if (a->limb[i] >= sub) {
            a->limb[i] -= sub;
            sub = 0;
        } else {
            a->limb[i] = a->limb[i] + 1000000000u - sub;
            sub = 1;
        }
    }
    while (a->n > 0 && a->limb[a->n - 1] == 0)
        a->n--;
}

static bool arc_less(const struct oid_arc *a, uint32_t x)
{
    return a->n == 0 || (a->n == 1 && a->limb[0] < x);
}

/* Append text to buf at *pos; false when it does not fit (with room for the NUL). */
static bool put_text(char *buf, size_t size, size_t *pos, const char *s, size_t len)
{
    if (len >= size - *pos)
        return false;
    memcpy(buf + *pos, s, len);
    *pos += len;
    buf[*pos] = 0;
    return true;
}

static bool put_arc(char *buf, size_t size, size_t *pos, const struct oid_arc *a)
{
    char tmp[OID_LIMBS * 9 + 1];
    size_t t = sizeof tmp;

    if (a->n == 0)
        return put_text(buf, size, pos, "0", 1);
    for (size_t i = 0; i < a->n; i++) {
        uint32_t limb = a->limb[i];
        bool top = i + 1 == a->n;

        /* Lower limbs print all nine digits; the top one without leading zeros. */
        for (int d = 0; d < 9 && (!top || limb); d++) {
            tmp[--t] = (char)('0' + limb % 10);
            limb /= 10;
        }
    }
    return put_text(buf, size, pos, tmp + t, sizeof tmp - t);
}

int asn1_oid_to_text(const struct asn1_span *oid, char *buf, size_t size)
{
    size_t i = 0, pos = 0;
    bool first = true;

    if (size == 0)
        return CRYPTO_ERANGE;
    buf[0] = 0;
    while (i < oid->len) {
        struct oid_arc a = {{0}, 0};
        size_t octets = 0;

        do {
            if (i >= oid->len || ++octets > ASN1_OID_MAX_SUBID_OCTETS)
                return CRYPTO_EINVAL;
            arc_mul_add(&a, 128, oid->p[i] & 0x7f);
        } while (oid->p[i++] & 0x80);
        if (first) {
            /* The first sub-identifier packs two arcs: 40 * X + Y, X in 0..2. */
            const char *x = arc_less(&a, 40) ? "0." : arc_less(&a, 80) ? "1." : "2.";

            arc_sub(&a, arc_less(&a, 40) ? 0 : arc_less(&a, 80) ? 40 : 80);
            if (!put_text(buf, size, &pos, x, 2))
                return CRYPTO_ERANGE;
            first = false;
        } else if (!put_text(buf, size, &pos, ".", 1)) {
            return CRYPTO_ERANGE;
        }
        if (!put_arc(buf, size, &pos, &a))
            return CRYPTO_ERANGE;
    }
    return first ? CRYPTO_EINVAL : CRYPTO_OK;
}

/* ---- times ---- */

int64_t asn1_make_time(int year, int month, int day, int hour, int min, int sec)
{
    static const int before_month[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    /* Count days from 0000-01-01 (a leap year) in whole 400-year cycles of
     * 146097 days, so that the leap-year sums below only see y >= 0. */
    int64_t y = year, cycles = 0, days;

    if (month < 1 || month > 12)
        month = 1;
    if (y < 0) {
        cycles = (-y + 399) / 400;
        y += cycles * 400;
    }
    /* Leap days in years 0 .. y-1: multiples of 4, minus of 100, plus of 400. */
    days = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
    days -= cycles * 146097;
    days += before_month[month - 1];
    if (month > 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
        days++;
    days += day - 1;
    days -= 719528; /* days from 0000-01-01 to 1970-01-01 */
    return ((days * 24 + hour) * 60 + min) * 60 + sec;
}

static bool two_digits(const uint8_t *s, int *v)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return false;
    *v = (s[0] - '0') * 10 + (s[1] - '0');
    return true;
}

int asn1_get_time(const struct asn1_elem *e, int64_t *t)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const uint8_t *s = e->val.p;
    int year, hi, mon, day, hour, min, sec, dim;

    if (e->tag == ASN1_UTC_TIME && e->val.len == 13) {
        if (!two_digits(s, &year))
            return CRYPTO_EINVAL;
        year += year < 50 ? 2000 : 1900; /* RFC 5280 4.1.2.5.1 */
        s += 2;
    } else if (e->tag == ASN1_GENERALIZED_TIME && e->val.len == 15) {
        if (!two_digits(s, &hi) || !two_digits(s + 2, &year))
            return CRYPTO_EINVAL;
        year += hi * 100;
        s += 4;
    } else {
        return CRYPTO_EINVAL;
    }
    if (!two_digits(s, &mon) || !two_digits(s + 2, &day) || !two_digits(s + 4, &hour) ||
        !two_digits(s + 6, &min) || !two_digits(s + 8, &sec) || s[10] != 'Z')
        return CRYPTO_EINVAL;
    if (mon < 1 || mon > 12 || hour > 23 || min > 59 || sec > 59)
        return CRYPTO_EINVAL;
    dim = mdays[mon - 1];
    if (mon == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))
        dim = 29;
    if (day < 1 || day > dim)
        return CRYPTO_EINVAL;
    *t = asn1_make_time(year, mon, day, hour, min, sec);
    return CRYPTO_OK;
}

/* ---- character strings ---- */

bool asn1_is_string_tag(uint8_t tag)
{
    switch (tag) {
    case ASN1_UTF8_STRING:
    case ASN1_NUMERIC_STRING:
    case ASN1_PRINTABLE_STRING:
    case ASN1_T61_STRING:
    case ASN1_IA5_STRING:
    case ASN1_VISIBLE_STRING:
    case ASN1_UNIVERSAL_STRING:
    case ASN1_BMP_STRING:
        return true;
    default:
        return false;
    }
}

static bool printable_char(uint8_t c)
{
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        return true;
    /* X.680 41.4 adds space ' ( ) + , - . / : = ?. Many deployed certificates
     * also put '*' (wildcard names) and '&' in PrintableString; both are
     * harmless here and rejecting them would refuse those certificates. */
    return c != 0 && strchr(" '()+,-./:=?*&", c) != NULL;
}

/* Strict UTF-8 (RFC 3629): shortest forms only, no surrogates, at most U+10FFFF. */
static bool utf8_valid(const uint8_t *s, size_t n)
{
    size_t i = 0;

    while (i < n) {
        uint8_t c = s[i];
        size_t more;
        uint8_t lo = 0x80, hi = 0xbf; /* allowed range of the second octet */

        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            more = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            more = 2;
            if (c == 0xe0)
                lo = 0xa0; /* overlong below U+0800 */
            else if (c == 0xed)
                hi = 0x9f; /* surrogates U+D800..U+DFFF */
        } else if (c >= 0xf0 && c <= 0xf4) {
            more = 3;
            if (c == 0xf0)
                lo = 0x90; /* overlong below U+10000 */
            else if (c == 0xf4)
                hi = 0x8f; /* above U+10FFFF */
        } else {
            return false; /* continuation octet, 0xc0/0xc1 or 0xf5.. */
        }
        if (n - i - 1 < more)
            return false;
        if (s[i + 1] < lo || s[i + 1] > hi)
            return false;
        for (size_t k = 2; k <= more; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return false;
        i += more + 1;
    }
    return true;
}

int asn1_get_string(const struct asn1_elem *e, struct asn1_span *s)
{
    const uint8_t *v = e->val.p;
    size_t n = e->val.len;

    switch (e->tag) {
    case ASN1_UTF8_STRING:
        if (!utf8_valid(v, n))
            return CRYPTO_EINVAL;
        break;
    case ASN1_PRINTABLE_STRING:
        for (size_t i = 0; i < n; i++)
            if (!printable_char(v[i]))
                return CRYPTO_EINVAL;
        break;
    case ASN1_IA5_STRING:
        for (size_t i = 0; i < n; i++)
            if (v[i] >= 0x80)
                return CRYPTO_EINVAL;
        break;
    case ASN1_VISIBLE_STRING:
        for (size_t i = 0; i < n; i++)
            if (v[i] < 0x20 || v[i] > 0x7e)
                return CRYPTO_EINVAL;
        break;
    case ASN1_NUMERIC_STRING:
        for (size_t i = 0; i < n; i++)
            if (v[i] != ' ' && (v[i] < '0' || v[i] > '9'))
                return CRYPTO_EINVAL;
        break;
    case ASN1_BMP_STRING:
        if (n % 2)
            return CRYPTO_EINVAL;
        break;
    case ASN1_UNIVERSAL_STRING:
        if (n % 4)
            return CRYPTO_EINVAL;
        break;
    case ASN1_T61_STRING:
        break; /* its repertoire switches by escape sequences; taken as octets */
    default:
        return CRYPTO_EINVAL;
    }
    *s = e->val;
    return CRYPTO_OK;
}
