/*
 * console_tty.c - the console terminal: /dev/console and /dev/ttyS0 (the same
 * tty, as there is no keyboard driver yet) and /dev/tty, the caller's
 * controlling terminal.
 *
 * Output goes to every console output (serial line and VGA screen) as the
 * line discipline processed it. Input is COM1's: while the terminal is open,
 * the serial driver hands each received byte to tty_input() from its
 * interrupt handler; when the last file closes, received bytes stay in the
 * serial ring again, where the kernel monitor reads them.
 */
#include <drivers/char/console.h>
#include <drivers/char/console_tty.h>
#include <drivers/char/serial.h>
#include <drivers/char/tty.h>
#include <lib/kprintf.h>
#include <uapi/stat.h>

#define TTY_MAJOR 4
#define TTYS0_MINOR 64
#define CONSOLE_MAJOR 5
#define CONSOLE_MINOR 1

static struct tty console_tty;

static void console_tty_write(struct tty *tty, const char *buf, size_t len)
{
    (void)tty;
    console_write_raw(buf, len);
}

static void console_tty_receive(uint8_t c)
{
    tty_input(&console_tty, c);
}

static void console_tty_first_open(struct tty *tty)
{
    (void)tty;
    serial_set_receiver(console_tty_receive);
}

static void console_tty_last_close(struct tty *tty)
{
    (void)tty;
    serial_set_receiver(NULL);
}

static const struct tty_driver console_tty_driver = {
    .write = console_tty_write,
    .first_open = console_tty_first_open,
    .last_close = console_tty_last_close,
};

void console_tty_init(void)
{
    tty_init(&console_tty, "console", &console_tty_driver);
    if (tty_register(&console_tty, "console", 0600, makedev(CONSOLE_MAJOR, CONSOLE_MINOR)) < 0 ||
        tty_register(&console_tty, "ttyS0", 0660, makedev(TTY_MAJOR, TTYS0_MINOR)) < 0 ||
        tty_register_ctty_node() < 0)
        kprintf("tty: cannot register the console terminal in /dev\n");
}
