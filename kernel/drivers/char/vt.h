/*
 * vt.h - the terminal emulator on the VGA text screen (vt.c): escape
 * sequences, colours, scrolling, the hardware cursor.
 */
#ifndef DRIVERS_CHAR_VT_H
#define DRIVERS_CHAR_VT_H

#include <stddef.h>

/* Reset the emulator: cursor home, default colours, whole-screen scroll region. */
void vt_init(void);
/*
 * Interpret len bytes (LF only moves down: CR LF comes from the caller) and
 * move the hardware cursor. The caller holds console_lock, or is panicking.
 */
void vt_write(const char *s, size_t len);
/* Drop a half-received escape sequence, so that what follows is drawn. */
void vt_abort_sequence(void);

#endif
