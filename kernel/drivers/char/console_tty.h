/*
 * console_tty.h - the console terminals: /dev/ttyS0, /dev/tty1, /dev/console
 * and /dev/tty (console_tty.c).
 */
#ifndef DRIVERS_CHAR_CONSOLE_TTY_H
#define DRIVERS_CHAR_CONSOLE_TTY_H

/* Register the terminals' device nodes (after devfs_init and the command line). */
void console_tty_init(void);

#endif
