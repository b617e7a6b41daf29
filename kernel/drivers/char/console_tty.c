/*
 * console_tty.c - the console terminals: /dev/ttyS0 (COM1), /dev/tty1 (the
 * VGA screen and the PS/2 keyboard), /dev/console (one of the two) and
 * /dev/tty, the caller's controlling terminal.
 *
 * Each terminal writes the line discipline's output to its own device
 * (console_write_device) and takes its input from its own: while it is
 * open, the serial or keyboard driver hands each received byte to
 * tty_input() from its interrupt handler; when its last file closes,
 * received bytes stay in the driver's ring again, where the kernel monitor
 * reads them (console_getc).
 *
 * /dev/console is the serial terminal, unless kernel messages go to the
 * screen alone (console=vga, or no UART): then it is the screen terminal.
 * As Linux does with the last console= device, the kernel's console and
 * process 1's terminal are the same.
 */
#include <drivers/char/console.h>
#include <drivers/char/console_tty.h>
#include <drivers/char/ps2kbd.h>
#include <drivers/char/serial.h>
#include <drivers/char/tty.h>
#include <drivers/char/vga.h>
#include <lib/kprintf.h>
#include <uapi/stat.h>

#define TTY_MAJOR 4
#define TTY1_MINOR 1
#define TTYS0_MINOR 64
#define CONSOLE_MAJOR 5
#define CONSOLE_MINOR 1

static struct tty serial_tty;
static struct tty screen_tty;

/* ---- ttyS0: COM1 ---- */

static void serial_tty_write(struct tty *tty, const char *buf, size_t len)
{
    (void)tty;
    console_write_device(CONSOLE_SERIAL, buf, len);
}

static void serial_tty_receive(uint8_t c)
{
    tty_input(&serial_tty, c);
}

static void serial_tty_first_open(struct tty *tty)
{
    (void)tty;
    serial_set_receiver(serial_tty_receive);
}

static void serial_tty_last_close(struct tty *tty)
{
    (void)tty;
    serial_set_receiver(NULL);
}

static const struct tty_driver serial_tty_driver = {
    .write = serial_tty_write,
    .first_open = serial_tty_first_open,
    .last_close = serial_tty_last_close,
};

/* ---- tty1: the screen and the keyboard ---- */

static void screen_tty_write(struct tty *tty, const char *buf, size_t len)
{
    (void)tty;
    console_write_device(CONSOLE_VGA, buf, len);
}

static void screen_tty_receive(uint8_t c)
{
    tty_input(&screen_tty, c);
}

static void screen_tty_first_open(struct tty *tty)
{
    (void)tty;
    ps2kbd_set_receiver(screen_tty_receive);
}

static void screen_tty_last_close(struct tty *tty)
{
    (void)tty;
    ps2kbd_set_receiver(NULL);
}

static const struct tty_driver screen_tty_driver = {
    .write = screen_tty_write,
    .first_open = screen_tty_first_open,
    .last_close = screen_tty_last_close,
};

void console_tty_init(void)
{
    struct tty *console;

    tty_init(&serial_tty, "ttyS0", &serial_tty_driver);
    tty_init(&screen_tty, "tty1", &screen_tty_driver);
    screen_tty.winsize.ws_row = VGA_ROWS;
    screen_tty.winsize.ws_col = VGA_COLS;
    console = console_outputs() & CONSOLE_SERIAL ? &serial_tty : &screen_tty;
    if (tty_register(&serial_tty, "ttyS0", 0660, makedev(TTY_MAJOR, TTYS0_MINOR)) < 0 ||
        tty_register(&screen_tty, "tty1", 0620, makedev(TTY_MAJOR, TTY1_MINOR)) < 0 ||
        tty_register(console, "console", 0600, makedev(CONSOLE_MAJOR, CONSOLE_MINOR)) < 0 ||
        tty_register_ctty_node() < 0)
        kprintf("tty: cannot register the console terminals in /dev\n");
}
