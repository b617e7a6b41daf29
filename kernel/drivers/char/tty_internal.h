/*
 * tty_internal.h - what the parts of the tty layer share: tty.c (files,
 * job control, controlling terminals), tty_ldisc.c (the line discipline)
 * and tty_ioctl.c (the requests). Not for drivers: they use tty.h.
 */
#ifndef DRIVERS_CHAR_TTY_INTERNAL_H
#define DRIVERS_CHAR_TTY_INTERNAL_H

#include <drivers/char/tty.h>

struct file;
struct process;

/* ---- tty_ldisc.c ---- */

/* Read up to len bytes (canonical or raw rules); blocks unless nonblock. Count or -errno. */
long tty_ldisc_read(struct tty *tty, uint8_t *buf, size_t len, int nonblock);
/* Write len bytes through output processing. */
long tty_ldisc_write(struct tty *tty, const uint8_t *buf, size_t len);
/* Bytes a read could return now (FIONREAD). lock held. */
uint32_t tty_ldisc_readable(struct tty *tty);
/* Discard unread and half-edited input. lock held. */
void tty_ldisc_flush(struct tty *tty);
/* Install new attributes (flush: discard input first) and wake readers. */
void tty_ldisc_set_termios(struct tty *tty, const struct termios *t, int flush);

/* ---- tty.c ---- */

/* Is tty the controlling terminal of p (and of p's session)? */
int tty_is_ctty(struct tty *tty, struct process *p);
/*
 * Job control for the caller touching tty: when tty is its controlling
 * terminal and its group is not the foreground one, send sig (SIGTTIN,
 * SIGTTOU) to its group and return -ERESTARTSYS. When it ignores or blocks
 * sig: -EIO for SIGTTIN, 0 (go ahead) for SIGTTOU. 0 otherwise.
 */
int tty_job_check(struct tty *tty, int sig);
/*
 * Make tty p's controlling terminal (open, TIOCSCTTY; force: root may take
 * it from another session). tty->open_lock held.
 */
int tty_set_ctty(struct tty *tty, struct process *p, int force);
/* TIOCNOTTY: p gives up tty (its controlling terminal). */
int tty_give_up_ctty(struct tty *tty, struct process *p);

/* ---- tty_ioctl.c ---- */

long tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg);

#endif
