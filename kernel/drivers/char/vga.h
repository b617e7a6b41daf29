/*
 * vga.h - the VGA text-mode screen (80x25): cells and the hardware cursor.
 * The terminal that draws on it is vt.h.
 */
#ifndef DRIVERS_CHAR_VGA_H
#define DRIVERS_CHAR_VGA_H

#include <stdbool.h>
#include <stdint.h>

#define VGA_COLS 80
#define VGA_ROWS 25

/*
 * An attribute byte: foreground colour in bits 0-3 (bit 3: bright), background
 * in bits 4-6; bit 7 blinks (the BIOS default), so it is never set here.
 */
#define VGA_ATTR_DEFAULT 0x07 /* light grey on black */

static inline uint16_t vga_cell(uint8_t ch, uint8_t attr)
{
    return (uint16_t)(attr << 8 | ch);
}

/* Clear the screen and home the cursor. */
void vga_init(void);
/* Has vga_init run (may the screen be written)? */
bool vga_present(void);
void vga_put(int row, int col, uint16_t cell);
/* Cells are numbered row by row from the top left: row * VGA_COLS + col. */
/* Set cells [from, to). */
void vga_fill(int from, int to, uint16_t cell);
/* Copy cells [src, src + count) to [dst, dst + count); the ranges may overlap. */
void vga_move(int dst, int src, int count);
void vga_set_cursor(int row, int col);
void vga_show_cursor(bool visible);

#endif
