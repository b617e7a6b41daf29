/*
 * read_all.c - read a file descriptor to its end into one malloc'ed buffer,
 * for tools that need the whole input at once (sort, diff, tail of a pipe).
 * The buffer doubles as it fills, so reading n bytes costs O(n). read_file
 * does the same for a file named on the command line.
 */
#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define READ_ALL_START 4096

int
read_all(int fd, char **bufp, size_t *lenp)
{
    size_t cap = READ_ALL_START, len = 0;
    char *buf = malloc(cap), *bigger;
    ssize_t n;

    if (!buf)
        return -1;
    for (;;) {
        if (len == cap) {
            bigger = realloc(buf, cap * 2);
            if (!bigger) {
                free(buf);
                errno = ENOMEM;
                return -1;
            }
            buf = bigger;
            cap *= 2;
        }
        n = read(fd, buf + len, cap - len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            free(buf);
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    *bufp = buf;
    *lenp = len;
    return 0;
}

int
read_file(const char *path, char **bufp, size_t *lenp)
{
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
    int r, e;

    if (fd < 0)
        return -1;
    r = read_all(fd, bufp, lenp);
    e = errno;
    if (fd != STDIN_FILENO)
        close(fd);
    errno = e;
    return r;
}
