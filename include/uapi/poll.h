/*
 * uapi/poll.h - poll(): struct pollfd and the event bits, as on Linux.
 * Shared by the kernel (kernel/fs/poll.c) and libc's <poll.h>.
 */
#ifndef UAPI_POLL_H
#define UAPI_POLL_H

#define POLLIN 0x001     /* data to read (or end of file) */
#define POLLPRI 0x002    /* urgent data */
#define POLLOUT 0x004    /* writing would not block */
#define POLLERR 0x008    /* an error (a pipe without readers); always reported */
#define POLLHUP 0x010    /* hung up (a pipe without writers); always reported */
#define POLLNVAL 0x020   /* fd is not open; always reported */
#define POLLRDNORM 0x040 /* normal data to read: with POLLIN */
#define POLLRDBAND 0x080
#define POLLWRNORM 0x100 /* with POLLOUT */
#define POLLWRBAND 0x200

#ifndef __ASSEMBLER__
struct pollfd {
    int fd;            /* negative: ignored (revents 0) */
    short events;      /* what the caller waits for */
    short revents;     /* what happened */
};
#endif

#endif
