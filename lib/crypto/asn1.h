/*
 * asn1.h - a strict DER reader (ITU-T X.690) over a caller's buffer.
 *
 * Nothing is copied and nothing is allocated: an element is a view (pointer,
 * length) into the buffer it was read from, and a reader walks the contents of
 * one constructed element. Every read is checked against the bounds of the
 * enclosing element, so a malformed length can never reach past it.
 *
 * Only DER is accepted: low tag numbers (0..30), definite lengths in their
 * shortest form, minimal INTEGER encodings, BOOLEAN as 0x00/0xFF, BIT STRING
 * padding bits zero, primitive strings, and the exact time formats of RFC 5280.
 *
 * Value decoders take an element already read with its tag checked (by
 * asn1_expect or asn1_optional), so they also serve IMPLICIT tagged values.
 * Functions return CRYPTO_OK or a negative CRYPTO_E* code (error.h).
 */
#ifndef CRYPTO_ASN1_H
#define CRYPTO_ASN1_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Universal tags, as the whole identifier octet. */
#define ASN1_BOOLEAN 0x01
#define ASN1_INTEGER 0x02
#define ASN1_BIT_STRING 0x03
#define ASN1_OCTET_STRING 0x04
#define ASN1_NULL 0x05
#define ASN1_OID 0x06
#define ASN1_ENUMERATED 0x0a
#define ASN1_UTF8_STRING 0x0c
#define ASN1_NUMERIC_STRING 0x12
#define ASN1_PRINTABLE_STRING 0x13
#define ASN1_T61_STRING 0x14
#define ASN1_IA5_STRING 0x16
#define ASN1_UTC_TIME 0x17
#define ASN1_GENERALIZED_TIME 0x18
#define ASN1_VISIBLE_STRING 0x1a
#define ASN1_UNIVERSAL_STRING 0x1c
#define ASN1_BMP_STRING 0x1e
#define ASN1_SEQUENCE 0x30
#define ASN1_SET 0x31

/* Context-specific tags [n], primitive and constructed, for n in 0..30. */
#define ASN1_CONTEXT(n) (0x80 | (n))
#define ASN1_CONTEXT_CONS(n) (0xa0 | (n))

#define ASN1_CONSTRUCTED 0x20

/* A view of bytes in a caller's buffer. */
struct asn1_span {
    const uint8_t *p;
    size_t len;
};

/* One element: its identifier octet, all of its bytes, and its contents. */
struct asn1_elem {
    uint8_t tag;
    struct asn1_span der; /* identifier, length and contents */
    struct asn1_span val; /* contents only */
};

/* The unread part of a sequence of elements (a buffer or a constructed element's contents). */
struct asn1_reader {
    const uint8_t *p;
    size_t len;
};

/* ---- walking ---- */

void asn1_reader_init(struct asn1_reader *r, const void *p, size_t len);

/* A reader over the contents of element e. */
void asn1_reader_enter(struct asn1_reader *r, const struct asn1_elem *e);

/* True when nothing is left to read. */
bool asn1_at_end(const struct asn1_reader *r);

/* The identifier octet of the next element, or -1 at the end. Does not validate. */
int asn1_peek(const struct asn1_reader *r);

/* Read the next element, whatever its tag. CRYPTO_EINVAL at the end or when malformed. */
int asn1_next(struct asn1_reader *r, struct asn1_elem *e);

/* Read the next element, which must have the given tag. */
int asn1_expect(struct asn1_reader *r, uint8_t tag, struct asn1_elem *e);

/*
 * Read the next element when it has the given tag. Returns 1 when it was read,
 * 0 when absent (at the end, or another tag is next: nothing consumed), or a
 * negative code when present but malformed.
 */
int asn1_optional(struct asn1_reader *r, uint8_t tag, struct asn1_elem *e);

/* asn1_expect of a constructed element, then a reader over its contents. */
int asn1_enter(struct asn1_reader *r, uint8_t tag, struct asn1_reader *inner);

/* CRYPTO_OK when the reader is exhausted, else CRYPTO_EINVAL (trailing data). */
int asn1_finish(const struct asn1_reader *r);

/* The whole buffer must be exactly one element with the given tag. */
int asn1_parse_single(const void *p, size_t len, uint8_t tag, struct asn1_elem *e);

/* ---- value decoders (contents of an element whose tag the caller checked) ---- */

/* BOOLEAN: exactly one octet, 0x00 or 0xFF. */
int asn1_get_bool(const struct asn1_elem *e, bool *out);

/* INTEGER in its minimal two's-complement form; *out views the contents. */
int asn1_get_integer(const struct asn1_elem *e, struct asn1_span *out, bool *negative);

/*
 * A non-negative INTEGER as an unsigned big-endian magnitude without leading
 * zero octets (zero gives an empty span). CRYPTO_EINVAL when negative.
 */
int asn1_get_uint(const struct asn1_elem *e, struct asn1_span *mag);

/* A non-negative INTEGER that fits in 32 bits; CRYPTO_ERANGE when larger. */
int asn1_get_u32(const struct asn1_elem *e, uint32_t *out);

/* BIT STRING: the octets after the padding count, and that count (0..7). */
int asn1_get_bits(const struct asn1_elem *e, struct asn1_span *bits, unsigned *unused);

/* BIT STRING that must hold whole octets (no padding): keys, signatures. */
int asn1_get_bit_octets(const struct asn1_elem *e, struct asn1_span *octets);

/* NULL: empty contents. */
int asn1_get_null(const struct asn1_elem *e);

/* Longest sub-identifier accepted: 40 octets hold 280 bits, far above any OID in use. */
#define ASN1_OID_MAX_SUBID_OCTETS 40

/*
 * OBJECT IDENTIFIER: checks the encoding (every sub-identifier minimal,
 * terminated, at most ASN1_OID_MAX_SUBID_OCTETS long). The comparable form
 * is the contents octets themselves: DER
 * gives each OID exactly one encoding, so two OIDs are equal exactly when
 * their contents are (asn1_oid_eq).
 */
int asn1_get_oid(const struct asn1_elem *e, struct asn1_span *oid);
bool asn1_oid_eq(const struct asn1_span *oid, const uint8_t *der, size_t der_len);

/*
 * The dotted-decimal text of a validated OID ("2.5.4.3"), NUL-terminated.
 * Arcs of any accepted size are printed exactly. CRYPTO_ERANGE when buf is
 * too small (buf then holds a truncated prefix).
 */
int asn1_oid_to_text(const struct asn1_span *oid, char *buf, size_t size);

/*
 * UTCTime (YYMMDDHHMMSSZ; YY < 50 is 20YY, else 19YY) or GeneralizedTime
 * (YYYYMMDDHHMMSSZ), exactly as RFC 5280 4.1.2.5 requires: seconds present,
 * no fraction, always UTC ('Z'). *t gets seconds since 1970-01-01T00:00:00Z.
 * The element's tag chooses the format; any other tag is CRYPTO_EINVAL.
 */
int asn1_get_time(const struct asn1_elem *e, int64_t *t);

/*
 * Seconds since the epoch of a UTC calendar time (proleptic Gregorian). Fields
 * are not range-checked, except that a month outside 1..12 is taken as 1.
 */
int64_t asn1_make_time(int year, int month, int day, int hour, int min, int sec);

/* True for the character-string tags that asn1_get_string accepts. */
bool asn1_is_string_tag(uint8_t tag);

/*
 * A character string, checked against its type's repertoire: PrintableString
 * (X.680 set; '*' and '&' are also let through, see asn1.c), IA5String (7-bit),
 * VisibleString (0x20..0x7e), NumericString, UTF8String (well-formed UTF-8: no
 * overlong forms, surrogates or values above U+10FFFF), BMPString (even length),
 * UniversalString (length a multiple of 4), T61String (any octets).
 */
int asn1_get_string(const struct asn1_elem *e, struct asn1_span *s);

#endif
