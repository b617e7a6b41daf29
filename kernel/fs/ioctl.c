/*
 * ioctl.c - the ioctl system call: requests every file understands (FIONBIO)
 * are answered here; the rest go to the file's driver (file_ops.ioctl, which
 * copies its argument from and to user memory itself). A file without an
 * ioctl op is not a device: ENOTTY.
 */
#include <fs/vfs.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e

/* FIONBIO: *arg nonzero sets O_NONBLOCK, zero clears it. */
static long set_nonblock(struct file *f, uint32_t uarg)
{
    int on;

    if (copy_from_user(&on, (const void *)uarg, sizeof on) < 0)
        return -EFAULT;
    if (on)
        __atomic_or_fetch(&f->flags, (uint32_t)O_NONBLOCK, __ATOMIC_RELAXED);
    else
        __atomic_and_fetch(&f->flags, ~(uint32_t)O_NONBLOCK, __ATOMIC_RELAXED);
    return 0;
}

/* ioctl(fd, request, arg): arg is passed on as it is (usually a user pointer). */
SYSCALL_DECL(ioctl)
{
    struct file *f = fd_get(current_process(), (int)a);
    long r;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    if (b == FIONBIO)
        r = set_nonblock(f, c);
    else if (f->ops && f->ops->ioctl)
        r = f->ops->ioctl(f, b, c);
    else
        r = -ENOTTY;
    file_put(f);
    return r;
}
