/*
 * sys/select.h - select() and descriptor sets. fd_set is the kernel's
 * (uapi/select.h: FD_SETSIZE 1024 bits in 32-bit words); the timeout is a
 * struct timeval, which the kernel updates with the time left, as Linux does.
 */
#ifndef _SYS_SELECT_H
#define _SYS_SELECT_H

#include <sys/time.h>
#include <sys/types.h>
#include <uapi/select.h>

#define FD_ZERO(set) __builtin_memset((set), 0, sizeof(fd_set))
#define FD_SET(fd, set) ((set)->fds_bits[(unsigned)(fd) / NFDBITS] |= 1u << ((unsigned)(fd) % NFDBITS))
#define FD_CLR(fd, set) ((set)->fds_bits[(unsigned)(fd) / NFDBITS] &= ~(1u << ((unsigned)(fd) % NFDBITS)))
#define FD_ISSET(fd, set) (((set)->fds_bits[(unsigned)(fd) / NFDBITS] >> ((unsigned)(fd) % NFDBITS)) & 1u)

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
           fd_set *restrict exceptfds, struct timeval *restrict timeout);

#endif
