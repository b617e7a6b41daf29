/*
 * test_crc32c.c - kernel/lib/crc32c.c against published check values (the
 * CRC catalogue's "123456789" and RFC 3720 appendix B.4), against a bit-at-a-
 * time reference written from the definition, and for continuation: feeding
 * the data in pieces must give the checksum of the whole.
 */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include <lib/crc32c.h>

/* The definition, one bit at a time: no table to get wrong. */
static uint32_t crc32c_bitwise(const uint8_t *p, size_t len)
{
    uint32_t c = 0xffffffffu;

    for (size_t i = 0; i < len; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0x82f63b78u & (0u - (c & 1)));
    }
    return c ^ 0xffffffffu;
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint8_t next_byte(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint8_t)(rng >> 24);
}

TEST(check_value)
{
    CHECK_EQ(crc32c(0, "123456789", 9), 0xe3069283u);
}

TEST(empty_input)
{
    CHECK_EQ(crc32c(0, "", 0), 0);
    /* Continuing with nothing leaves a checksum unchanged. */
    CHECK_EQ(crc32c(0xe3069283u, "", 0), 0xe3069283u);
}

TEST(rfc3720_zeros)
{
    uint8_t buf[32];

    memset(buf, 0, sizeof buf);
    CHECK_EQ(crc32c(0, buf, sizeof buf), 0x8a9136aau);
}

TEST(rfc3720_ones)
{
    uint8_t buf[32];

    memset(buf, 0xff, sizeof buf);
    CHECK_EQ(crc32c(0, buf, sizeof buf), 0x62a8ab43u);
}

TEST(rfc3720_ascending)
{
    uint8_t buf[32];

    for (int i = 0; i < 32; i++)
        buf[i] = (uint8_t)i;
    CHECK_EQ(crc32c(0, buf, sizeof buf), 0x46dd794eu);
}

TEST(rfc3720_descending)
{
    uint8_t buf[32];

    for (int i = 0; i < 32; i++)
        buf[i] = (uint8_t)(31 - i);
    CHECK_EQ(crc32c(0, buf, sizeof buf), 0x113fdb5cu);
}

/* Every single byte value exercises one table entry on its own. */
TEST(every_byte_matches_bitwise)
{
    int bad = 0;

    for (int v = 0; v < 256; v++) {
        uint8_t b = (uint8_t)v;
        bad += crc32c(0, &b, 1) != crc32c_bitwise(&b, 1);
    }
    CHECK_EQ(bad, 0);
}

TEST(random_buffers_match_bitwise)
{
    static uint8_t buf[5000];
    int bad = 0;

    for (int round = 0; round < 200; round++) {
        size_t len = (size_t)(next_byte() * 19 + next_byte()) % sizeof buf;
        for (size_t i = 0; i < len; i++)
            buf[i] = next_byte();
        bad += crc32c(0, buf, len) != crc32c_bitwise(buf, len);
    }
    CHECK_EQ(bad, 0);
}

TEST(continuation_equals_whole)
{
    static uint8_t buf[4096 + 20];
    int bad = 0;

    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = next_byte();
    uint32_t whole = crc32c(0, buf, sizeof buf);
    CHECK_EQ(whole, crc32c_bitwise(buf, sizeof buf));
    for (size_t cut = 0; cut <= sizeof buf; cut += 97) {
        uint32_t part = crc32c(0, buf, cut);
        bad += crc32c(part, buf + cut, sizeof buf - cut) != whole;
    }
    /* Three pieces, as the journal checksums a descriptor and its blocks. */
    uint32_t c = crc32c(0, buf, 20);
    c = crc32c(c, buf + 20, 2048);
    c = crc32c(c, buf + 2068, sizeof buf - 2068);
    CHECK_EQ(c, whole);
    CHECK_EQ(bad, 0);
}
