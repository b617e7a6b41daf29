/*
 * uapi/random.h - flags of the getrandom() system call, shared by the kernel
 * and libc (values as on Linux).
 */
#ifndef UAPI_RANDOM_H
#define UAPI_RANDOM_H

#define GRND_NONBLOCK 0x1 /* EAGAIN instead of waiting for the generator to be seeded */
#define GRND_RANDOM 0x2   /* accepted; the same generator serves both */

#endif
