/*
 * mount.c - the mount and umount system calls.
 */
#include <sys/mount.h>
#include <sys/syscall.h>

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
          const void *data)
{
    return __syscall_ret(__syscall5(SYS_mount, (long)source, (long)target, (long)fstype,
                                    (long)flags, (long)data));
}

int umount(const char *target)
{
    return __syscall_ret(__syscall1(SYS_umount, (long)target));
}
