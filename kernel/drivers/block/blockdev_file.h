/*
 * blockdev_file.h - /dev nodes for the registered block devices.
 */
#ifndef DRIVERS_BLOCK_BLOCKDEV_FILE_H
#define DRIVERS_BLOCK_BLOCKDEV_FILE_H

/* Create /dev/<name> for every block device registered so far. */
void blockdev_publish_all(void);

#endif
