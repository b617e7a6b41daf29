/*
 * console.c - see console.h. Kernel messages (console_write) get CR LF on
 * the serial line; terminal output (console_write_raw) arrives already
 * processed by the tty layer and goes out as it is.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/spinlock.h>
#include <drivers/char/console.h>
#include <drivers/char/serial.h>
#include <drivers/char/vga.h>

/* console_lock guards the output devices' cursor state and keeps messages whole. */
static struct spinlock console_lock = SPINLOCK_INIT_RANKED("console", RANK_CONSOLE);
static int outputs = CONSOLE_SERIAL | CONSOLE_VGA;

void console_init(void)
{
    if (!serial_init())
        outputs &= ~CONSOLE_SERIAL;
    vga_init();
}

void console_select(int mask)
{
    outputs = mask;
}

void console_write_unlocked(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (outputs & CONSOLE_SERIAL) {
            if (s[i] == '\n')
                serial_putc('\r');
            serial_putc(s[i]);
        }
        if (outputs & CONSOLE_VGA)
            vga_putc(s[i]);
    }
}

void console_write_raw(const char *s, size_t len)
{
    spin_lock(&console_lock);
    for (size_t i = 0; i < len; i++) {
        if (outputs & CONSOLE_SERIAL)
            serial_putc(s[i]);
        if (outputs & CONSOLE_VGA)
            vga_putc(s[i]);
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
    return serial_getc();
}
