/*
 * sys/reboot.h - powering off and restarting (uapi/reboot.h has the
 * commands and the contract). AdventOS's own call: reboot(REBOOT_POWER_OFF, 0)
 * powers off reporting success, reboot(REBOOT_POWER_OFF, 1) failure. Returns
 * only on error (-1 with errno).
 */
#ifndef _SYS_REBOOT_H
#define _SYS_REBOOT_H

#include <uapi/reboot.h>

int reboot(int cmd, int status);

#endif
