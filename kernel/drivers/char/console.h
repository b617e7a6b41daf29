/*
 * console.h - the kernel console: where kernel messages go (serial port, VGA
 * screen or both, chosen by console= on the command line) and where the kernel
 * monitor reads its input. The terminal /dev/console (console_tty.c) writes
 * to the same outputs.
 */
#ifndef DRIVERS_CHAR_CONSOLE_H
#define DRIVERS_CHAR_CONSOLE_H

#include <stddef.h>

#define CONSOLE_SERIAL 1
#define CONSOLE_VGA 2

void console_init(void);
/* Select the outputs (a mask of CONSOLE_*). */
void console_select(int outputs);
/* Kernel messages: a newline becomes CR LF on the serial line. */
void console_write(const char *s, size_t len);
/* Bytes exactly as given: the console terminal's output, already processed (drivers/char/tty.h). */
void console_write_raw(const char *s, size_t len);
/* The next input character, or -1 when none is waiting. */
int console_getc(void);
/* Write without taking the console lock: for panic, when the lock may be held. */
void console_write_unlocked(const char *s, size_t len);

#endif
