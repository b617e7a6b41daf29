/*
 * ct.c - constant-time helpers (see ct.h).
 *
 * Comparisons accumulate the XOR of every byte pair and look at the result only
 * once, so the loop never exits early. Wiping is a memset followed by a compiler
 * barrier that claims to read the memory, so the stores survive optimization even
 * when the buffer is never used again.
 */
#include <string.h>

#include "ct.h"

int ct_memeq(const void *a, const void *b, size_t n)
{
    const volatile uint8_t *pa = a, *pb = b;
    uint32_t diff = 0;

    for (size_t i = 0; i < n; i++)
        diff |= (uint32_t)(pa[i] ^ pb[i]);
    /* diff is 0..255: (diff - 1) >> 31 is 1 exactly when diff == 0. */
    return (int)((diff - 1) >> 31);
}

void ct_wipe(void *p, size_t n)
{
    if (n == 0)
        return;
    memset(p, 0, n);
    /*
     * The empty asm takes p and clobbers memory: as far as the compiler knows it
     * reads the zeroed bytes, so the memset cannot be removed as a dead store.
     */
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

uint32_t ct_is_zero32(uint32_t x)
{
    /* (x | -x) has its top bit set exactly when x != 0. */
    return ((x | (0u - x)) >> 31) - 1u;
}
