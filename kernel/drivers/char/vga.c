/*
 * vga.c - the VGA text screen: 80x25 cells of (character, attribute) at
 * physical 0xB8000, written through the direct map, and the hardware cursor,
 * moved through the CRT controller's cursor registers (IBM VGA Technical
 * Reference, CRT controller registers 0Ah, 0Bh, 0Eh, 0Fh).
 *
 * These are the primitives only: what the bytes written to the screen mean
 * (newlines, escape sequences, scrolling) is the terminal emulator's, vt.c.
 * Callers serialize (console_lock), except a panic, which writes regardless.
 */
#include <arch/i386/io.h>
#include <arch/i386/memlayout.h>
#include <drivers/char/vga.h>
#include <string.h>

#define VGA_TEXT_PHYS 0xb8000
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5
#define CRTC_CURSOR_START 0x0a
#define CRTC_CURSOR_HIGH 0x0e
#define CRTC_CURSOR_LOW 0x0f
#define CURSOR_START_DISABLE 0x20 /* bit 5 of the cursor start register hides the cursor */

static volatile uint16_t *screen;

void vga_init(void)
{
    screen = P2V(VGA_TEXT_PHYS);
    vga_fill(0, VGA_COLS * VGA_ROWS, vga_cell(' ', VGA_ATTR_DEFAULT));
    vga_set_cursor(0, 0);
}

bool vga_present(void)
{
    return screen != NULL;
}

void vga_put(int row, int col, uint16_t cell)
{
    screen[row * VGA_COLS + col] = cell;
}

void vga_fill(int from, int to, uint16_t cell)
{
    for (int i = from; i < to; i++)
        screen[i] = cell;
}

void vga_move(int dst, int src, int count)
{
    /* memmove, by hand: the screen is volatile (device memory). */
    if (dst < src) {
        for (int i = 0; i < count; i++)
            screen[dst + i] = screen[src + i];
    } else if (dst > src) {
        for (int i = count - 1; i >= 0; i--)
            screen[dst + i] = screen[src + i];
    }
}

void vga_set_cursor(int row, int col)
{
    uint16_t pos = (uint16_t)(row * VGA_COLS + col);

    outb(CRTC_INDEX, CRTC_CURSOR_HIGH);
    outb(CRTC_DATA, (uint8_t)(pos >> 8));
    outb(CRTC_INDEX, CRTC_CURSOR_LOW);
    outb(CRTC_DATA, (uint8_t)pos);
}

void vga_show_cursor(bool visible)
{
    uint8_t start;

    outb(CRTC_INDEX, CRTC_CURSOR_START);
    start = inb(CRTC_DATA);
    start = visible ? start & ~CURSOR_START_DISABLE : start | CURSOR_START_DISABLE;
    outb(CRTC_DATA, start);
}
