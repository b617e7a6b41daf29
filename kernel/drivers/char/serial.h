/*
 * serial.h - the 16550 UART on COM1.
 */
#ifndef DRIVERS_CHAR_SERIAL_H
#define DRIVERS_CHAR_SERIAL_H

#include <stdbool.h>
#include <stdint.h>

/* Program COM1 (115200 8N1, FIFOs); false when no UART answers. */
bool serial_init(void);
/* Turn on the receive interrupt; call once interrupts are set up. */
void serial_enable_irq(void);
void serial_putc(char c);
/* The next received byte, or -1 when none is waiting (or a receiver takes them). */
int serial_getc(void);
/*
 * From now on give every received byte to fn (from the interrupt handler),
 * starting with those already waiting; NULL goes back to keeping them for
 * serial_getc().
 */
void serial_set_receiver(void (*fn)(uint8_t c));

#endif
