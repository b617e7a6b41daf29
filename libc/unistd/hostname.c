/*
 * hostname.c - gethostname (uname's nodename) and sethostname (a system
 * call, root only).
 */
#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

int gethostname(char *name, size_t len)
{
    struct utsname u;
    size_t n;

    if (uname(&u) < 0)
        return -1;
    n = strlen(u.nodename);
    if (n + 1 > len) { /* POSIX leaves truncation open; say so, as glibc does */
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(name, u.nodename, n + 1);
    return 0;
}

int sethostname(const char *name, size_t len)
{
    return __syscall_ret(__syscall2(SYS_sethostname, (long)name, (long)len));
}
