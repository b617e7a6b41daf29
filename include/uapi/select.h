/*
 * uapi/select.h - select()'s descriptor sets, laid out as on Linux: FD_SETSIZE
 * bits in 32-bit words, descriptor n being bit n % 32 of word n / 32. The
 * kernel reads and writes only the words that cover the first nfds bits.
 * The timeout is a struct timeval (uapi/time.h).
 */
#ifndef UAPI_SELECT_H
#define UAPI_SELECT_H

#include <stdint.h>

#define FD_SETSIZE 1024
#define NFDBITS 32

typedef struct {
    uint32_t fds_bits[FD_SETSIZE / NFDBITS];
} fd_set;

#endif
