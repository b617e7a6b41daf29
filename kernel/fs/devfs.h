/*
 * devfs.h - the device file system mounted at /dev: one node per device a
 * driver registers (null, zero, console, hda1, ...), kept in memory.
 */
#ifndef FS_DEVFS_H
#define FS_DEVFS_H

#include <fs/vfs.h>

void devfs_init(void);
/* Add /dev/<name>: mode is S_IFCHR or S_IFBLK plus permissions. 0 or -errno. */
int devfs_register(const char *name, uint32_t mode, uint32_t rdev, const struct file_ops *fops,
                   void *private_data);
/* The private_data a device node was registered with (for its file_ops). */
void *devfs_private(struct inode *inode);
/* The device number of the first node registered with private_data, or 0 (a terminal's number). */
uint32_t devfs_rdev_of(const void *private_data);

#endif
