/*
 * fw_cfg.h - QEMU's firmware configuration device, where the test harness and
 * users put the kernel command line (-fw_cfg name=opt/adventos/cmdline,...).
 */
#ifndef DRIVERS_FIRMWARE_FW_CFG_H
#define DRIVERS_FIRMWARE_FW_CFG_H

#include <stddef.h>

/*
 * Copy the named fw_cfg file into buf (at most size - 1 bytes, NUL-terminated).
 * Returns its length, -ENODEV without the device, -ENOENT when no such file.
 */
int fw_cfg_read_file(const char *name, char *buf, size_t size);

#endif
