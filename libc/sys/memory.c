/*
 * memory.c - the program break and memory mappings.
 *
 * SYS_brk(addr) moves the break to addr when it can and returns the break
 * after the call (so addr 0 just asks for it); a result other than addr
 * means failure. sbrk asks for the current break each time rather than
 * caching it, so it stays right after fork, exec and direct brk calls.
 *
 * SYS_mmap takes the file offset in pages (4096 bytes, the sixth argument),
 * so a 32-bit register reaches 16 TiB into a file.
 */
#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE_SIZE 4096

int brk(void *addr)
{
    long r = __syscall_ret(__syscall1(SYS_brk, (long)addr));

    if (r == -1)
        return -1;
    if ((uintptr_t)r != (uintptr_t)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *sbrk(intptr_t increment)
{
    long r = __syscall_ret(__syscall1(SYS_brk, 0));
    uintptr_t old = (uintptr_t)r, want = old + (uintptr_t)increment;

    if (r == -1)
        return (void *)-1;
    if (increment == 0)
        return (void *)old;
    if ((increment > 0 && want < old) || (increment < 0 && want > old)) {
        errno = ENOMEM; /* wraps around the address space */
        return (void *)-1;
    }
    if (brk((void *)want) < 0)
        return (void *)-1;
    return (void *)old;
}

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
    if (offset < 0 || (offset & (PAGE_SIZE - 1)) || (offset / PAGE_SIZE) > UINT32_MAX) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    return (void *)__syscall_ret(__syscall6(SYS_mmap, (long)addr, (long)length, prot, flags, fd,
                                            (long)(uint32_t)(offset / PAGE_SIZE)));
}

int munmap(void *addr, size_t length)
{
    return __syscall_ret(__syscall2(SYS_munmap, (long)addr, (long)length));
}

int mprotect(void *addr, size_t length, int prot)
{
    return __syscall_ret(__syscall3(SYS_mprotect, (long)addr, (long)length, prot));
}
