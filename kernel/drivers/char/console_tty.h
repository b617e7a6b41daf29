/*
 * console_tty.h - the console terminal: /dev/console, /dev/ttyS0, /dev/tty.
 */
#ifndef DRIVERS_CHAR_CONSOLE_TTY_H
#define DRIVERS_CHAR_CONSOLE_TTY_H

/* Register the console terminal's device nodes (after devfs_init). */
void console_tty_init(void);

#endif
