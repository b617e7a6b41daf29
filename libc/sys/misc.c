/*
 * misc.c - the system as a whole: its name, its random generator, and the
 * constants of sysconf().
 */
#include <errno.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <uapi/time.h>
#include <unistd.h>

int uname(struct utsname *buf)
{
    return __syscall_ret(__syscall1(SYS_uname, (long)buf));
}

ssize_t getrandom(void *buf, size_t length, unsigned int flags)
{
    return __syscall_ret(__syscall3(SYS_getrandom, (long)buf, (long)length, (long)flags));
}

long sysconf(int name)
{
    switch (name) {
    case _SC_CLK_TCK: return CLK_TCK;
    case _SC_OPEN_MAX: return 64; /* the kernel's descriptor table (FD_MAX) */
    case _SC_PAGESIZE: return 4096;
    default:
        errno = EINVAL;
        return -1;
    }
}

int getpagesize(void)
{
    return 4096;
}
