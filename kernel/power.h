/*
 * power.h - powering off and rebooting the machine.
 */
#ifndef POWER_H
#define POWER_H

#include <stdbool.h>

/*
 * Power off. Under QEMU with the isa-debug-exit device the exit status tells
 * the test harness how the run went: status 0 makes QEMU exit with 1 (success),
 * status 1 makes it exit with 3 (failure).
 */
void power_off(int status) __attribute__((noreturn));
void power_reboot(void) __attribute__((noreturn));
/* Stop every CPU, the machine left on (the halt command). */
void power_halt(void) __attribute__((noreturn));
/* What a panic does at the end: power off with status 1 (tests) or halt (default). */
void power_set_panic_poweroff(bool on);
void power_panic_stop(void) __attribute__((noreturn));

#endif
