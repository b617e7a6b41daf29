/*
 * vectors.h - reading published test-vector files in host tests.
 *
 * The vectors come from Debian's python3-cryptography-vectors package (NIST CAVP
 * .rsp files, RFC test cases, ...), read in place from its install path, or from
 * $CRYPTO_VECTORS when set. Most of those files are lists of "key = value" lines:
 *
 *     [Keylen = 128]          a section header: attributes of the records below it
 *     # comment
 *     Count = 0               a record: consecutive key = value lines; a record
 *     Key = 00112233...       ends when one of its keys appears again, at a new
 *     FAIL                    section header or at the end of the file. A bare
 *                             word is a key with an empty value.
 *
 * Keys compare case-sensitively. Values are the text after '=' with surrounding
 * blanks removed.
 *
 * Shared parameters. NIST CAVP files may set a parameter for the records that
 * follow it without a new section header, e.g. a new RSA key in SigVer15:
 *
 *     [mod = 1024]
 *     n = ...                 parameter block of the first key
 *     p = ...
 *     SHAAlg = SHA1           records (leading key "SHAAlg")
 *     ...
 *     Result = P
 *                             (blank line)
 *     n = ...                 a new key: ends the record above and starts
 *     p = ...                 the next one, to which it belongs
 *     SHAAlg = SHA1
 *
 * The reader learns from the records it has read the leading key (the key whose
 * repetition after a blank line ended a record) and the body keys (the keys
 * records had from their leading key on). A line whose key the current record
 * does not have also ends the record when the record already has the leading key,
 * a blank line precedes the line, and the key is not a body key. That line and
 * the lines after it up to the leading key form a parameter block at the start of
 * the next record. vec_get() sees a block in that record only, as record keys
 * (the same holds for the block after a section header, which starts the
 * section's first record); vec_get_shared() also sees its values in the later
 * records of the section, until another block sets the same key again. Blank
 * lines followed by body keys (the RFC 5869 files have them inside records) and
 * comment lines never end a record.
 *
 * Limits: until a record has ended with a repeated key after a blank line, only
 * the plain rule applies (in a file where that never happens, a block still joins
 * the preceding record); a block with no blank line before it, or whose first key
 * is a body key, joins the preceding record; a block followed directly by a
 * section header or the end of the file is returned as a record of its own.
 */
#ifndef TESTS_HOST_VECTORS_H
#define TESTS_HOST_VECTORS_H

#include <stddef.h>
#include <stdint.h>

struct vec_file;

/* The directory holding the vector tree. */
const char *vec_root(void);

/* Open a file by its path below vec_root(); NULL (with a message on stderr) if absent. */
struct vec_file *vec_open(const char *relpath);
void vec_close(struct vec_file *f);

/* Advance to the next record. Returns 1 when a record was read, 0 at the end. */
int vec_next(struct vec_file *f);

/* The value of key in the current record, else in the current section; NULL if absent. */
const char *vec_get(struct vec_file *f, const char *key);

/*
 * The value of key in the current record, else among the shared parameters of the
 * section (the latest parameter block that set it, see above), else in the
 * section header; NULL if absent.
 */
const char *vec_get_shared(struct vec_file *f, const char *key);

/* The text of the last section header seen, without brackets ("" when none). */
const char *vec_section(struct vec_file *f);

/* Line number where the current record started (for failure messages). */
int vec_line(struct vec_file *f);

/*
 * Decode a hex string into a new buffer (malloc'd, at least 1 byte, caller frees).
 * Returns NULL when the string is not valid hex. *len gets the byte count.
 */
uint8_t *vec_unhex(const char *hex, size_t *len);

/* vec_unhex(vec_get(f, key)); NULL when the key is absent or not hex. */
uint8_t *vec_get_hex(struct vec_file *f, const char *key, size_t *len);

/* Read a whole file below vec_root() (malloc'd, NUL-terminated); NULL if absent. */
uint8_t *vec_read_file(const char *relpath, size_t *len);

#endif
