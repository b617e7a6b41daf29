/*
 * uapi/reboot.h - the commands of the reboot system call:
 *
 *     reboot(cmd, status)      SYS_reboot, ebx = cmd, ecx = status
 *
 * REBOOT_POWER_OFF syncs the file systems and powers the machine off. status
 * says how a test run went: 0 = success, anything else = failure. Under QEMU
 * the kernel writes 0 (success) or 1 (failure) to the isa-debug-exit device,
 * so that QEMU exits with 1 or 3 (docs/testing.md). REBOOT_RESTART syncs and
 * resets the machine; status is ignored. REBOOT_HALT syncs and stops the
 * CPUs without powering off. None returns on success.
 * Errors: EPERM unless the caller's effective user id is 0; EINVAL for an
 * unknown cmd.
 */
#ifndef UAPI_REBOOT_H
#define UAPI_REBOOT_H

#define REBOOT_POWER_OFF 1
#define REBOOT_RESTART 2
#define REBOOT_HALT 3 /* sync and stop every CPU; the machine stays on */

#endif
