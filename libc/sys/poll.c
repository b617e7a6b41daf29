/*
 * poll.c - poll() and select(), each one system call (kernel/fs/poll.c).
 */
#include <poll.h>
#include <sys/select.h>
#include <sys/syscall.h>

int poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    return (int)__syscall_ret(__syscall3(SYS_poll, (long)fds, (long)nfds, timeout));
}

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
           fd_set *restrict exceptfds, struct timeval *restrict timeout)
{
    return (int)__syscall_ret(__syscall5(SYS_select, nfds, (long)readfds, (long)writefds,
                                         (long)exceptfds, (long)timeout));
}
