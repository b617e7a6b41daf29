/*
 * io.c - system-call wrappers for file descriptors: open, read, write,
 * seeking, duplication, pipes, truncation, fcntl and ioctl.
 *
 * 64-bit values (offsets, lengths) travel as two registers, the low word
 * first. lseek's 64-bit result does not fit in eax, so the kernel stores it
 * through a pointer (docs/userspace.md lists every call's registers).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LO(v) ((long)(uint32_t)(uint64_t)(v))
#define HI(v) ((long)(uint32_t)((uint64_t)(v) >> 32))

int open(const char *path, int flags, ...)
{
    mode_t mode = 0;

    if (flags & O_CREAT) {
        va_list ap;
        va_start(ap, flags);
        mode = va_arg(ap, mode_t);
        va_end(ap);
    }
    return __syscall_ret(__syscall3(SYS_open, (long)path, flags, (long)mode));
}

int creat(const char *path, mode_t mode)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
}

int close(int fd)
{
    return __syscall_ret(__syscall1(SYS_close, fd));
}

ssize_t read(int fd, void *buf, size_t count)
{
    return __syscall_ret(__syscall3(SYS_read, fd, (long)buf, (long)count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
    return __syscall_ret(__syscall3(SYS_write, fd, (long)buf, (long)count));
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
    return __syscall_ret(
        __syscall5(SYS_pread, fd, (long)buf, (long)count, LO(offset), HI(offset)));
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
    return __syscall_ret(
        __syscall5(SYS_pwrite, fd, (long)buf, (long)count, LO(offset), HI(offset)));
}

off_t lseek(int fd, off_t offset, int whence)
{
    int64_t result = 0;

    if (__syscall_ret(__syscall5(SYS_lseek, fd, LO(offset), HI(offset), whence, (long)&result)) < 0)
        return -1;
    return result;
}

int dup(int fd)
{
    return __syscall_ret(__syscall1(SYS_dup, fd));
}

int dup2(int fd, int newfd)
{
    return __syscall_ret(__syscall2(SYS_dup2, fd, newfd));
}

int pipe(int fds[2])
{
    return __syscall_ret(__syscall1(SYS_pipe, (long)fds));
}

int truncate(const char *path, off_t length)
{
    return __syscall_ret(__syscall3(SYS_truncate, (long)path, LO(length), HI(length)));
}

int ftruncate(int fd, off_t length)
{
    return __syscall_ret(__syscall3(SYS_ftruncate, fd, LO(length), HI(length)));
}

void sync(void)
{
    __syscall0(SYS_sync);
}

int fcntl(int fd, int cmd, ...)
{
    long arg = 0;

    /* Only the commands that take an argument read one (the others were passed none). */
    if (cmd != F_GETFD && cmd != F_GETFL) {
        va_list ap;
        va_start(ap, cmd);
        arg = va_arg(ap, long);
        va_end(ap);
    }
    return __syscall_ret(__syscall3(SYS_fcntl, fd, cmd, arg));
}

int ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);
    return __syscall_ret(__syscall3(SYS_ioctl, fd, (long)request, (long)arg));
}
