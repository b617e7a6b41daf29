/*
 * md_buffer.c - block buffering and padding for the FIPS 180-4 hashes
 * (section 5.1): the message is followed by a 1 bit, the fewest zero bits that
 * leave room for the length field in the last block, and the message length in
 * bits. Lengths are kept in bytes in 64 bits, so a 128-bit length field gets the
 * top three bits of the bit count in its 64th bit from the end and zeros above.
 * Branches depend only on lengths, never on data.
 */
#include <string.h>

#include "byteorder.h"
#include "md_buffer.h"

void md_update(const struct md_hash *md, void *state, uint8_t *block, size_t *used,
               uint64_t *length, const void *data, size_t len)
{
    const size_t bs = md->block_size;
    const uint8_t *p = data;

    if (len == 0)
        return; /* data may then be NULL */
    *length += len;
    if (*used) {
        size_t take = bs - *used;
        if (take > len)
            take = len;
        memcpy(block + *used, p, take);
        *used += take;
        p += take;
        len -= take;
        if (*used < bs)
            return;
        md->compress(state, block);
        *used = 0;
    }
    for (; len >= bs; p += bs, len -= bs)
        md->compress(state, p);
    if (len) {
        memcpy(block, p, len);
        *used = len;
    }
}

void md_final(const struct md_hash *md, void *state, uint8_t *block, size_t used,
              uint64_t length)
{
    const size_t bs = md->block_size;

    block[used++] = 0x80;
    if (used > bs - md->length_size) {
        memset(block + used, 0, bs - used);
        md->compress(state, block);
        used = 0;
    }
    memset(block + used, 0, bs - 8 - used);
    if (md->length_size > 8)
        block[bs - 9] = (uint8_t)(length >> 61);
    store_be64(block + bs - 8, length << 3);
    md->compress(state, block);
}
