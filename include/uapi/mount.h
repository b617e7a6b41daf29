/*
 * uapi/mount.h - the flags of mount() (values as on Linux).
 */
#ifndef UAPI_MOUNT_H
#define UAPI_MOUNT_H

#define MS_RDONLY 1 /* mount read-only */

#endif
