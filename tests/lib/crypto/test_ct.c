/*
 * test_ct.c - the constant-time helpers of ct.h: results of ct_memeq for a
 * difference at every position and in every bit, ct_is_zero32 at its edges,
 * and ct_wipe clearing exactly the bytes asked.
 */
#include <string.h>

#include <crypto/ct.h>

#include "check.h"

TEST(memeq)
{
    uint8_t a[64], b[64];
    int wrong = 0;

    for (size_t i = 0; i < sizeof a; i++)
        a[i] = b[i] = (uint8_t)(i * 37 + 11);
    CHECK_EQ(ct_memeq(a, b, sizeof a), 1);
    CHECK_EQ(ct_memeq(a, b, 0), 1);
    CHECK_EQ(ct_memeq(NULL, NULL, 0), 1);
    /* Each single-bit difference at each position is seen, for every length covering it. */
    for (size_t i = 0; i < sizeof a; i++) {
        for (int bit = 0; bit < 8; bit++) {
            b[i] ^= (uint8_t)(1u << bit);
            if (ct_memeq(a, b, sizeof a) != 0 || ct_memeq(a, b, i + 1) != 0 ||
                ct_memeq(a, b, i) != 1)
                wrong++;
            b[i] ^= (uint8_t)(1u << bit);
        }
    }
    CHECK_EQ(wrong, 0);
    /* All bytes different. */
    for (size_t i = 0; i < sizeof a; i++)
        b[i] = (uint8_t)~a[i];
    CHECK_EQ(ct_memeq(a, b, sizeof a), 0);
}

TEST(is_zero32)
{
    static const uint32_t nonzero[] = {1, 2, 0x80, 0xff, 0x100, 0x7fffffff, 0x80000000u,
                                       0x80000001u, 0xfffffffeu, 0xffffffffu};

    CHECK_EQ(ct_is_zero32(0), 0xffffffffu);
    for (size_t i = 0; i < sizeof nonzero / sizeof nonzero[0]; i++)
        CHECK_MSG(ct_is_zero32(nonzero[i]) == 0, "ct_is_zero32(0x%x) != 0", nonzero[i]);
    for (uint32_t bit = 0; bit < 32; bit++)
        CHECK_EQ(ct_is_zero32(1u << bit), 0);
}

TEST(wipe)
{
    uint8_t buf[48];

    memset(buf, 0xa5, sizeof buf);
    ct_wipe(buf + 8, 32);
    for (size_t i = 0; i < sizeof buf; i++)
        CHECK_MSG(buf[i] == (i >= 8 && i < 40 ? 0 : 0xa5), "byte %zu is 0x%02x", i, buf[i]);
    ct_wipe(buf, 0); /* a no-op */
    CHECK_EQ(buf[0], 0xa5);
    ct_wipe(NULL, 0);
}
