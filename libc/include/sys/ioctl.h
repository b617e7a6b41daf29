/*
 * sys/ioctl.h - ioctl(): device-specific requests. The request numbers and
 * struct winsize are the kernel's (uapi/ioctl.h, Linux's values).
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#include <uapi/ioctl.h>

int ioctl(int fd, unsigned long request, ...);

#endif
