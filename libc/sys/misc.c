/*
 * misc.c - system-call wrappers for the system as a whole: its name and its
 * random generator.
 */
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

int uname(struct utsname *buf)
{
    return __syscall_ret(__syscall1(SYS_uname, (long)buf));
}

ssize_t getrandom(void *buf, size_t length, unsigned int flags)
{
    return __syscall_ret(__syscall3(SYS_getrandom, (long)buf, (long)length, (long)flags));
}
