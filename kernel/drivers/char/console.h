/*
 * console.h - the kernel console: where kernel messages go (serial port, VGA
 * screen or both, chosen by console= on the command line) and where the kernel
 * monitor reads its input (serial port and keyboard, while no terminal takes
 * them). The terminals ttyS0 and tty1 (console_tty.c) write to one device each.
 */
#ifndef DRIVERS_CHAR_CONSOLE_H
#define DRIVERS_CHAR_CONSOLE_H

#include <stddef.h>

#define CONSOLE_SERIAL 1
#define CONSOLE_VGA 2

void console_init(void);
/* Select the outputs of kernel messages (a mask of CONSOLE_*; never none). */
void console_select(int outputs);
/* The selected outputs (without the serial port when there is no UART). */
int console_outputs(void);
/* Kernel messages: a newline becomes CR LF on every output. */
void console_write(const char *s, size_t len);
/*
 * Bytes exactly as given to one device (CONSOLE_SERIAL or CONSOLE_VGA),
 * whatever the selection: a terminal's output, already processed
 * (drivers/char/tty.h).
 */
void console_write_device(int device, const char *s, size_t len);
/* The next input character, or -1 when none is waiting. */
int console_getc(void);
/* Write without taking the console lock: for panic, when the lock may be held. */
void console_write_unlocked(const char *s, size_t len);

#endif
