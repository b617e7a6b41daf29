/*
 * sys/mount.h - mount() and umount() (root only; docs/vfs.md). MS_RDONLY
 * comes from uapi/mount.h.
 */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#include <uapi/mount.h>

/* source: a block device ("/dev/hdb1"), ignored for devfs; data is unused. */
int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
          const void *data);
int umount(const char *target);

#endif
