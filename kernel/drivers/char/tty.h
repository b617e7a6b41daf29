/*
 * tty.h - terminals: the device-independent part of a terminal (attributes,
 * the input buffer and line discipline, the foreground process group and the
 * session it controls) and the interface its driver plugs into. See
 * docs/tty.md.
 *
 * A driver fills in a struct tty_driver, calls tty_init() and
 * tty_register() (which makes the /dev node), and then:
 *   - calls tty_input(tty, c) for every byte it receives (also from its
 *     interrupt handler): the line discipline edits, echoes, signals;
 *   - gets processed output (and echoes) through its write hook.
 */
#ifndef DRIVERS_CHAR_TTY_H
#define DRIVERS_CHAR_TTY_H

#include <arch/i386/spinlock.h>
#include <proc/mutex.h>
#include <proc/wait.h>
#include <stddef.h>
#include <stdint.h>
#include <uapi/ioctl.h>
#include <uapi/termios.h>

/* Input buffer entries: the byte, plus these marks in the high bits. */
#define TTY_BUF_SIZE 4096
#define TTY_DELIM 0x100 /* ends a canonical line (newline, EOL, EOF) */
#define TTY_EOF 0x200   /* the EOF character: ends a line, is never returned */

struct tty;

struct tty_driver {
    /*
     * Send len bytes, already processed for output (OPOST), to the device.
     * Must not sleep: it is called from interrupt handlers (echo) and with
     * the tty's lock held.
     */
    void (*write)(struct tty *tty, const char *buf, size_t len);
    /* The first open file and the last close (optional; may sleep). */
    void (*first_open)(struct tty *tty);
    void (*last_close)(struct tty *tty);
};

struct tty {
    const char *name;
    const struct tty_driver *driver;
    void *driver_data;

    /*
     * open_lock (mutex) serializes opens, closes and changes of the
     * controlling session (they call into proc/process.c); it guards opens.
     */
    struct mutex open_lock;
    int opens;

    /*
     * lock (spinlock) guards everything below. Taken from interrupt
     * handlers (tty_input); never held while taking proc_lock.
     */
    struct spinlock lock;
    struct termios termios;
    struct winsize winsize;
    int session; /* the session it is the controlling terminal of; 0: none */
    int pgrp;    /* the foreground process group; 0: none */
    /*
     * The input ring, free-running indices: [head, line) can be read;
     * [line, tail) is the canonical line being edited (empty in raw mode,
     * where line == tail).
     */
    uint16_t buf[TTY_BUF_SIZE];
    uint32_t head, line, tail;
    struct wait_queue readers;
};

/* Set up tty with the default attributes (canonical, echo, signals, CR -> NL, NL -> CR NL). */
void tty_init(struct tty *tty, const char *name, const struct tty_driver *driver);
/* Make /dev/<name>, a character device with permissions perm and number rdev. 0 or -errno. */
int tty_register(struct tty *tty, const char *name, uint32_t perm, uint32_t rdev);
/* Make /dev/tty, the caller's controlling terminal. */
int tty_register_ctty_node(void);
/* A byte arrived from the device. Interrupt-safe. */
void tty_input(struct tty *tty, uint8_t c);

#endif
