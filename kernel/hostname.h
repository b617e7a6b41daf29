/*
 * hostname.h - the machine's name, which uname() reports as its nodename and
 * root sets with sethostname() (init sets it from /etc/hostname).
 */
#ifndef HOSTNAME_H
#define HOSTNAME_H

#include <stddef.h>

#define HOSTNAME_MAX 64 /* bytes, without the NUL (uapi/utsname.h has room for it) */

/* Copy the host name, NUL-terminated, into buf (at least HOSTNAME_MAX + 1 bytes). */
void hostname_get(char *buf, size_t size);

#endif
