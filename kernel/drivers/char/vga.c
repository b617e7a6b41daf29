/*
 * vga.c - the VGA text screen: 80x25 cells of (character, attribute) at
 * physical 0xB8000, written through the direct map. Handles newline, carriage
 * return, backspace and tab, scrolls at the bottom, and moves the hardware
 * cursor through the CRT controller's cursor-location registers.
 */
#include <arch/i386/io.h>
#include <arch/i386/memlayout.h>
#include <drivers/char/vga.h>
#include <stdint.h>
#include <string.h>

#define VGA_TEXT_PHYS 0xb8000
#define COLS 80
#define ROWS 25
#define ATTR_GREY_ON_BLACK 0x07
#define CRTC_INDEX 0x3d4
#define CRTC_DATA 0x3d5
#define CRTC_CURSOR_HIGH 0x0e
#define CRTC_CURSOR_LOW 0x0f

static volatile uint16_t *screen;
static int row, col;

static uint16_t cell(char c)
{
    return (uint16_t)(ATTR_GREY_ON_BLACK << 8 | (uint8_t)c);
}

static void move_cursor(void)
{
    uint16_t pos = (uint16_t)(row * COLS + col);

    outb(CRTC_INDEX, CRTC_CURSOR_HIGH);
    outb(CRTC_DATA, (uint8_t)(pos >> 8));
    outb(CRTC_INDEX, CRTC_CURSOR_LOW);
    outb(CRTC_DATA, (uint8_t)pos);
}

void vga_init(void)
{
    screen = P2V(VGA_TEXT_PHYS);
    for (int i = 0; i < COLS * ROWS; i++)
        screen[i] = cell(' ');
    row = col = 0;
    move_cursor();
}

static void scroll(void)
{
    for (int i = 0; i < COLS * (ROWS - 1); i++)
        screen[i] = screen[i + COLS];
    for (int i = COLS * (ROWS - 1); i < COLS * ROWS; i++)
        screen[i] = cell(' ');
    row = ROWS - 1;
}

void vga_putc(char c)
{
    if (!screen)
        return;
    switch (c) {
    case '\n':
        col = 0;
        row++;
        break;
    case '\r':
        col = 0;
        break;
    case '\b':
        if (col > 0)
            col--;
        break;
    case '\t':
        col = (col + 8) & ~7;
        break;
    default:
        screen[row * COLS + col] = cell(c);
        col++;
        break;
    }
    if (col >= COLS) {
        col = 0;
        row++;
    }
    if (row >= ROWS)
        scroll();
    move_cursor();
}
