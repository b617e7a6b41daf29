/*
 * pem.h - strict base64 (RFC 4648) and PEM block extraction (RFC 7468).
 *
 * The base64 decoder is constant-time in the data decoded (PEM also carries
 * private keys): no table lookups or branches on the characters' values, only
 * on their count and on where the '=' padding and line breaks are.
 */
#ifndef CRYPTO_PEM_H
#define CRYPTO_PEM_H

#include <stddef.h>
#include <stdint.h>

/* pem_next: no further block with the requested label. Not an error (positive). */
#define PEM_END 1

/* The largest number of octets that in_len base64 characters can decode to. */
#define PEM_BASE64_MAX_DECODED(in_len) ((in_len) / 4 * 3)

/*
 * Decode base64 text of exactly in_len characters: the RFC 4648 alphabet only
 * (no whitespace), a length that is a multiple of 4, '=' only as the final one
 * or two characters, and the unused bits before the padding zero (so every
 * octet string has exactly one accepted encoding). Writes *out_len octets.
 * CRYPTO_EINVAL when malformed, CRYPTO_ERANGE when out_size is too small; on
 * failure the bytes written to out are wiped.
 */
int pem_base64_decode(const char *in, size_t in_len, uint8_t *out, size_t out_size,
                      size_t *out_len);

/*
 * Find the next block "-----BEGIN <label>-----" ... "-----END <label>-----" in
 * text[*pos .. len) and decode its contents into out.
 *
 * Text outside blocks (explanatory text, blocks with other labels) is skipped,
 * as RFC 7468 allows. The block itself must follow the strict grammar of RFC
 * 7468 section 3: the boundary lines start a line and end it (LF, CRLF or CR);
 * the label matches exactly; no header lines; base64 lines of exactly 64
 * characters except the last, which is not empty and at most 64; nothing else
 * between the boundaries.
 *
 * Returns CRYPTO_OK with *out_len set and *pos past the END line; PEM_END when
 * there is no further block with that label; CRYPTO_EINVAL for a malformed
 * block (and *pos past its BEGIN line); CRYPTO_ERANGE when out is too small.
 */
int pem_next(const char *text, size_t len, size_t *pos, const char *label, uint8_t *out,
             size_t out_size, size_t *out_len);

#endif
