/*
 * errno.c - errno and the conversion of a raw system-call result to the C
 * convention. The kernel returns -errno for a failure; no valid result lies
 * in [-4095, -1] when read as unsigned (addresses returned by mmap or brk
 * are below 0xC0000000), so that range alone means an error.
 */
#include <errno.h>
#include <sys/syscall.h>

int errno;

long __syscall_ret(unsigned long r)
{
    if (r > -4096UL) {
        errno = -(long)r;
        return -1;
    }
    return (long)r;
}
