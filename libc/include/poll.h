/*
 * poll.h - poll(): wait for events on descriptors. struct pollfd and the
 * POLL* bits are the kernel's (uapi/poll.h, Linux's values).
 */
#ifndef _POLL_H
#define _POLL_H

#include <uapi/poll.h>

typedef unsigned int nfds_t;

/* timeout in milliseconds; negative waits forever. The number of entries with events. */
int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
