/*
 * random.h - the kernel's random numbers: a ChaCha20 DRBG (lib/crypto/drbg.c)
 * seeded from every source the machine offers.
 */
#ifndef DRIVERS_CHAR_RANDOM_H
#define DRIVERS_CHAR_RANDOM_H

#include <stddef.h>

void random_init(void);
/* Fill buf with len random bytes. */
void random_bytes(void *buf, size_t len);
/* Mix in an event's timing (interrupts call this); cheap. */
void random_add_event(unsigned value);

#endif
