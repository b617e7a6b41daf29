/*
 * test_arith64.c - the 64-bit division helpers of kernel/lib/arith64.c (what gcc
 * calls for "/" and "%" on 64-bit integers on i386) against the host's own
 * 64-bit division, on random and edge-case operands.
 */
#include <stdint.h>

#include "check.h"

uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rem);
int64_t __divdi3(int64_t n, int64_t d);
int64_t __moddi3(int64_t n, int64_t d);

static uint64_t rng = 88172645463325252ull;

static uint64_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

TEST(unsigned_matches_host)
{
    int bad = 0;

    for (int i = 0; i < 200000; i++) {
        uint64_t n = next() >> (next() % 64), d = next() >> (next() % 64), r;
        if (d == 0)
            d = 1;
        if (__udivmoddi4(n, d, &r) != n / d || r != n % d)
            bad++;
    }
    CHECK_EQ(bad, 0);
}

TEST(signed_matches_host)
{
    int bad = 0;

    for (int i = 0; i < 200000; i++) {
        int64_t n = (int64_t)(next() >> (next() % 64)), d = (int64_t)(next() >> (next() % 64));
        if (next() & 1)
            n = -n;
        if (next() & 1)
            d = -d;
        if (d == 0 || (n == INT64_MIN && d == -1))
            continue;
        if (__divdi3(n, d) != n / d || __moddi3(n, d) != n % d)
            bad++;
    }
    CHECK_EQ(bad, 0);
}

TEST(edge_cases)
{
    uint64_t r;

    CHECK(__udivmoddi4(UINT64_MAX, 1, &r) == UINT64_MAX && r == 0);
    CHECK(__udivmoddi4(UINT64_MAX, UINT64_MAX, &r) == 1 && r == 0);
    CHECK(__udivmoddi4(5, UINT64_MAX, &r) == 0 && r == 5);
    CHECK(__udivmoddi4(1ull << 63, 3, &r) == (1ull << 63) / 3 && r == (1ull << 63) % 3);
    CHECK_EQ(__divdi3(INT64_MIN, 1), INT64_MIN);
    CHECK_EQ(__moddi3(-7, 2), -1);
}
