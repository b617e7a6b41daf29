/*
 * write_all.c - write a whole buffer to a file descriptor. write(2) may take
 * less than it is given (a pipe, a terminal, a signal); tools that copy data
 * with write rather than stdio loop until everything is written.
 */
#include <errno.h>
#include <libutil.h>
#include <unistd.h>

int
write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;

    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}
