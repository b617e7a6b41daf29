/*
 * ps2kbd.h - the PS/2 keyboard on the i8042 controller (ps2kbd.c).
 */
#ifndef DRIVERS_CHAR_PS2KBD_H
#define DRIVERS_CHAR_PS2KBD_H

#include <stdint.h>

/* Program the controller and take IRQ 1; call once interrupts are set up. */
void ps2kbd_init(void);
/* The next typed byte, or -1 when none is waiting (or a receiver takes them). */
int ps2kbd_getc(void);
/*
 * From now on give every typed byte to fn (from the interrupt handler),
 * starting with those already waiting; NULL goes back to keeping them for
 * ps2kbd_getc().
 */
void ps2kbd_set_receiver(void (*fn)(uint8_t c));

#endif
