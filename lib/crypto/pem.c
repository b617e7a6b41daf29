/*
 * pem.c - strict base64 decoding and PEM block extraction (see pem.h).
 *
 * Base64: each character is mapped to its 6-bit value with range masks
 * computed arithmetically (no table indexed by the character, no branch on
 * it); an "invalid" mask is accumulated and examined once at the end. Only the
 * position of '=' padding is found by comparison, and it is public (it follows
 * from the length of the data).
 *
 * PEM: the text is scanned line by line for the BEGIN boundary with the
 * requested label; the lines up to the END boundary are checked for shape
 * (base64 characters only, '=' only at the very end), then decoded as one
 * base64 string with the line breaks skipped.
 */
#include <string.h>

#include "ct.h"
#include "error.h"
#include "pem.h"

/* All-ones when lo <= c <= hi (all values below 256), else 0; no branches. */
static uint32_t in_range(uint32_t c, uint32_t lo, uint32_t hi)
{
    /* (lo - 1 - c) wraps (top bit set) when c >= lo; (c - hi - 1) when c <= hi. */
    return 0u - ((((lo - 1) - c) & (c - (hi + 1))) >> 31);
}

/* The 6-bit value of a base64 character; *bad gets all-ones when it is not one. */
static uint32_t b64_value(uint8_t ch, uint32_t *bad)
{
    uint32_t c = ch, v = 0, ok;
    uint32_t up = in_range(c, 'A', 'Z'), low = in_range(c, 'a', 'z');
    uint32_t dig = in_range(c, '0', '9'), plus = in_range(c, '+', '+');
    uint32_t slash = in_range(c, '/', '/');

    v |= up & (c - 'A');
    v |= low & (c - 'a' + 26);
    v |= dig & (c - '0' + 52);
    v |= plus & 62;
    v |= slash & 63;
    ok = up | low | dig | plus | slash;
    *bad |= ~ok;
    return v & 63;
}

/*
 * Decode n base64 characters from in, skipping CR and LF when skip_eol (the
 * PEM caller has already checked the line structure). The count of data
 * characters (excluding line breaks) must be a multiple of 4.
 */
static int b64_decode(const char *in, size_t n, int skip_eol, uint8_t *out, size_t out_size,
                      size_t *out_len)
{
    const uint8_t *s = (const uint8_t *)in;
    uint32_t bad = 0, quad[4];
    size_t chars = 0, pad = 0, o = 0, i = 0, q = 0, total;

    /* Count the data characters and the '=' padding at their end. */
    for (size_t k = 0; k < n; k++)
        if (!(skip_eol && (s[k] == '\r' || s[k] == '\n')))
            chars++;
    for (size_t k = n; k > 0 && pad < 3; k--) {
        if (skip_eol && (s[k - 1] == '\r' || s[k - 1] == '\n'))
            continue;
        if (s[k - 1] != '=')
            break;
        pad++;
    }
    if (chars % 4 != 0 || pad > 2 || (chars == 0 && pad != 0))
        return CRYPTO_EINVAL;
    total = chars / 4 * 3 - pad;
    if (total > out_size)
        return CRYPTO_ERANGE;

    for (size_t seen = 0; seen < chars - pad; i++) {
        if (skip_eol && (s[i] == '\r' || s[i] == '\n'))
            continue;
        quad[q++] = b64_value(s[i], &bad);
        seen++;
        if (q == 4) {
            out[o++] = (uint8_t)(quad[0] << 2 | quad[1] >> 4);
            out[o++] = (uint8_t)(quad[1] << 4 | quad[2] >> 2);
            out[o++] = (uint8_t)(quad[2] << 6 | quad[3]);
            q = 0;
        }
    }
    /* The final group: 2 or 3 characters before the padding. */
    if (pad == 2) {
        out[o++] = (uint8_t)(quad[0] << 2 | quad[1] >> 4);
        bad |= 0u - ((quad[1] & 0x0f) != 0); /* unused bits must be zero */
    } else if (pad == 1) {
        out[o++] = (uint8_t)(quad[0] << 2 | quad[1] >> 4);
        out[o++] = (uint8_t)(quad[1] << 4 | quad[2] >> 2);
        bad |= 0u - ((quad[2] & 0x03) != 0);
    }
    ct_wipe(quad, sizeof quad);
    if (bad) {
        ct_wipe(out, o);
        return CRYPTO_EINVAL;
    }
    *out_len = o;
    return CRYPTO_OK;
}

int pem_base64_decode(const char *in, size_t in_len, uint8_t *out, size_t out_size,
                      size_t *out_len)
{
    return b64_decode(in, in_len, 0, out, out_size, out_len);
}

/* ---- PEM ---- */

/* The end of the line starting at i (index of its CR/LF, or len). */
static size_t line_end(const char *t, size_t len, size_t i)
{
    while (i < len && t[i] != '\r' && t[i] != '\n')
        i++;
    return i;
}

/* The start of the next line after a line ending at e (skips one CRLF, CR or LF). */
static size_t next_line(const char *t, size_t len, size_t e)
{
    if (e < len && t[e] == '\r') {
        e++;
        if (e < len && t[e] == '\n')
            e++;
    } else if (e < len && t[e] == '\n') {
        e++;
    }
    return e;
}

/* Whether t[s..e) is exactly "-----<word> <label>-----". */
static int is_boundary(const char *t, size_t s, size_t e, const char *word, const char *label)
{
    size_t wl = strlen(word), ll = strlen(label);

    if (e - s != 5 + wl + 1 + ll + 5)
        return 0;
    return memcmp(t + s, "-----", 5) == 0 && memcmp(t + s + 5, word, wl) == 0 &&
           t[s + 5 + wl] == ' ' && memcmp(t + s + 6 + wl, label, ll) == 0 &&
           memcmp(t + e - 5, "-----", 5) == 0;
}

int pem_next(const char *text, size_t len, size_t *pos, const char *label, uint8_t *out,
             size_t out_size, size_t *out_len)
{
    size_t i = *pos, body, body_end, e;

    if (i > len)
        return CRYPTO_EINVAL;
    /* Find the BEGIN line; lines are found from the start of a line only. */
    for (;;) {
        if (i >= len)
            return PEM_END;
        e = line_end(text, len, i);
        if (is_boundary(text, i, e, "BEGIN", label))
            break;
        i = next_line(text, len, e);
    }
    body = i = next_line(text, len, e);
    *pos = body;
    if (body == e) /* BEGIN at the very end, without a line break */
        return CRYPTO_EINVAL;

    /* Base64 lines up to the END line. '=' may appear only at the end of the
     * last line; the END line must follow it immediately. */
    for (int last = 0;;) {
        if (i >= len)
            return CRYPTO_EINVAL; /* no END line */
        e = line_end(text, len, i);
        if (is_boundary(text, i, e, "END", label))
            break;
        if (e == i || last)
            return CRYPTO_EINVAL; /* empty line, or data after the padding */
        for (size_t k = i; k < e; k++) {
            if (text[k] == '=') {
                /* Padding ends the data: only more '=' may follow on this line. */
                for (size_t m = k; m < e; m++)
                    if (text[m] != '=')
                        return CRYPTO_EINVAL;
                last = 1;
                break;
            }
            if (text[k] == '-' || text[k] == ' ' || text[k] == '\t' || text[k] == ':')
                return CRYPTO_EINVAL; /* not base64; headers are refused too */
        }
        i = next_line(text, len, e);
    }
    body_end = i;
    if (body_end == body)
        return CRYPTO_EINVAL; /* no data */
    *pos = next_line(text, len, e);
    /* The remaining character checks happen in the decoder, in constant time. */
    return b64_decode(text + body, body_end - body, 1, out, out_size, out_len);
}
