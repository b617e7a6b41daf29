/*
 * sys/ioctl.h - ioctl(): device-specific requests. The request numbers come
 * with the devices that define them (uapi/).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

int ioctl(int fd, unsigned long request, ...);

#endif
