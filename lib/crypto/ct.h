/*
 * ct.h - constant-time helpers: comparisons whose running time does not depend
 * on the data compared, and wiping secrets so the compiler cannot drop the store.
 */
#ifndef CRYPTO_CT_H
#define CRYPTO_CT_H

#include <stddef.h>
#include <stdint.h>

/* 1 when the n bytes at a and b are equal, else 0; time depends only on n. */
int ct_memeq(const void *a, const void *b, size_t n);

/* Overwrite n bytes at p with zeros in a way the optimizer keeps. */
void ct_wipe(void *p, size_t n);

/* All-ones (0xffffffff) when x == 0, else 0, without a branch. */
uint32_t ct_is_zero32(uint32_t x);

#endif
