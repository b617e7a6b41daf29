/*
 * vga.h - the VGA text-mode screen (80x25).
 */
#ifndef DRIVERS_CHAR_VGA_H
#define DRIVERS_CHAR_VGA_H

void vga_init(void);
void vga_putc(char c);

#endif
