/*
 * console.c - see console.h. Kernel messages (console_write) get CR LF on
 * every output; terminal output (console_write_device) arrives already
 * processed by the tty layer and goes out as it is, to one device. The VGA
 * screen is drawn by the terminal emulator (vt.c), which terminal output
 * and kernel messages share.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <drivers/char/console.h>
#include <drivers/char/ps2kbd.h>
#include <drivers/char/serial.h>
#include <drivers/char/vga.h>
#include <drivers/char/vt.h>

/* console_lock guards the output devices' cursor state and keeps messages whole. */
static struct spinlock console_lock = SPINLOCK_INIT_RANKED("console", RANK_CONSOLE);
static int outputs = CONSOLE_SERIAL | CONSOLE_VGA;
static bool serial_present;

void console_init(void)
{
    serial_present = serial_init();
    if (!serial_present)
        outputs &= ~CONSOLE_SERIAL;
    vga_init();
    vt_init();
}

void console_select(int mask)
{
    if (!serial_present)
        mask &= ~CONSOLE_SERIAL;
    outputs = mask ? mask : CONSOLE_VGA;
}

int console_outputs(void)
{
    return outputs;
}

void console_write_unlocked(const char *s, size_t len)
{
    if (outputs & CONSOLE_SERIAL) {
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '\n')
                serial_putc('\r');
            serial_putc(s[i]);
        }
    }
    if (outputs & CONSOLE_VGA) {
        /* A message cut into a terminal's escape sequence must still show. */
        vt_abort_sequence();
        for (size_t start = 0, i = 0; i <= len; i++) {
            if (i == len || s[i] == '\n') {
                vt_write(s + start, i - start);
                if (i < len)
                    vt_write("\r\n", 2);
                start = i + 1;
            }
        }
    }
}

void console_write_device(int device, const char *s, size_t len)
{
    spin_lock(&console_lock);
    if (device == CONSOLE_SERIAL) {
        for (size_t i = 0; i < len; i++)
            serial_putc(s[i]);
    } else if (device == CONSOLE_VGA) {
        vt_write(s, len);
    }
    spin_unlock(&console_lock);
}

void console_write(const char *s, size_t len)
{
    spin_lock(&console_lock);
    console_write_unlocked(s, len);
    spin_unlock(&console_lock);
}

int console_getc(void)
{
    int c = serial_getc();

    return c >= 0 ? c : ps2kbd_getc();
}
