/*
 * tty_ioctl.c - the terminal requests of ioctl() (uapi/ioctl.h; each one is
 * described in docs/tty.md): attributes (TCGETS, TCSETS, TCSETSW, TCSETSF),
 * flushing and draining (TCFLSH, TCSBRK, TCXONC), the controlling terminal
 * and its foreground group (TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP,
 * TIOCGSID), the window size (TIOCGWINSZ, TIOCSWINSZ) and queue sizes
 * (FIONREAD, TIOCOUTQ). Unknown requests are ENOTTY.
 *
 * User memory is copied before or after tty->lock is held, never under it.
 */
#include <drivers/char/tty_internal.h>
#include <fs/poll.h>
#include <fs/vfs.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/ioctl.h>

static long put_int(unsigned long uptr, int v)
{
    return copy_to_user((void *)uptr, &v, sizeof v) < 0 ? -EFAULT : 0;
}

static long get_int(unsigned long uptr, int *v)
{
    return copy_from_user(v, (const void *)uptr, sizeof *v) < 0 ? -EFAULT : 0;
}

static long get_termios(struct tty *tty, unsigned long arg)
{
    struct termios t;

    spin_lock(&tty->lock);
    t = tty->termios;
    spin_unlock(&tty->lock);
    return copy_to_user((void *)arg, &t, sizeof t) < 0 ? -EFAULT : 0;
}

/* TCSETS*: output is written synchronously, so there is never anything to drain. */
static long set_termios(struct tty *tty, unsigned long arg, int flush)
{
    struct termios t;
    long err;

    if (copy_from_user(&t, (const void *)arg, sizeof t) < 0)
        return -EFAULT;
    if ((err = tty_job_check(tty, SIGTTOU)))
        return err;
    tty_ldisc_set_termios(tty, &t, flush);
    return 0;
}

static long flush(struct tty *tty, unsigned long queue)
{
    long err;

    if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH)
        return -EINVAL;
    if ((err = tty_job_check(tty, SIGTTOU)))
        return err;
    if (queue != TCOFLUSH) { /* no output queue to flush */
        spin_lock(&tty->lock);
        tty_ldisc_flush(tty);
        spin_unlock(&tty->lock);
    }
    return 0;
}

static long get_winsize(struct tty *tty, unsigned long arg)
{
    struct winsize ws;

    spin_lock(&tty->lock);
    ws = tty->winsize;
    spin_unlock(&tty->lock);
    return copy_to_user((void *)arg, &ws, sizeof ws) < 0 ? -EFAULT : 0;
}

/* A new size tells the foreground group with SIGWINCH (only when it changed). */
static long set_winsize(struct tty *tty, unsigned long arg)
{
    struct winsize ws;
    int changed, pgrp;

    if (copy_from_user(&ws, (const void *)arg, sizeof ws) < 0)
        return -EFAULT;
    spin_lock(&tty->lock);
    changed = memcmp(&ws, &tty->winsize, sizeof ws) != 0;
    tty->winsize = ws;
    pgrp = tty->pgrp;
    spin_unlock(&tty->lock);
    if (changed && pgrp > 0)
        signal_send_group(pgrp, SIGWINCH);
    return 0;
}

/* TIOCGPGRP, TIOCGSID: only on the caller's controlling terminal. */
static long get_owner(struct tty *tty, unsigned long arg, int want_session)
{
    int v;

    if (!tty_is_ctty(tty, current_process()))
        return -ENOTTY;
    spin_lock(&tty->lock);
    v = want_session ? tty->session : tty->pgrp;
    spin_unlock(&tty->lock);
    return put_int(arg, v);
}

/* TIOCSPGRP: the group must exist in the caller's session, which the terminal controls. */
static long set_pgrp(struct tty *tty, unsigned long arg)
{
    struct process *p = current_process();
    int pgid;
    long err;

    if (!tty_is_ctty(tty, p))
        return -ENOTTY;
    if (get_int(arg, &pgid) < 0)
        return -EFAULT;
    if (pgid < 0)
        return -EINVAL;
    if ((err = tty_job_check(tty, SIGTTOU)))
        return err;
    if (!process_pgrp_in_session(pgid, p->sid))
        return -EPERM;
    spin_lock(&tty->lock);
    tty->pgrp = pgid;
    spin_unlock(&tty->lock);
    return 0;
}

static long set_ctty(struct tty *tty, unsigned long force)
{
    long err;

    mutex_lock(&tty->open_lock);
    err = tty_set_ctty(tty, current_process(), force == 1);
    mutex_unlock(&tty->open_lock);
    return err;
}

static long input_count(struct tty *tty, unsigned long arg)
{
    int n;

    spin_lock(&tty->lock);
    n = (int)tty_ldisc_readable(tty);
    spin_unlock(&tty->lock);
    return put_int(arg, n);
}

long tty_ioctl(struct file *f, unsigned long cmd, unsigned long arg)
{
    struct tty *tty = f->private_data;

    switch (cmd) {
    case TCGETS:
        return get_termios(tty, arg);
    case TCSETS:
    case TCSETSW:
        return set_termios(tty, arg, 0);
    case TCSETSF:
        return set_termios(tty, arg, 1);
    case TCFLSH:
        return flush(tty, arg);
    case TCSBRK: /* drain (nothing is queued) or send a break (not on this hardware) */
        return 0;
    case TCXONC: /* no flow control: accepted, nothing to stop or start */
        return arg <= TCION ? 0 : -EINVAL;
    case TIOCGWINSZ:
        return get_winsize(tty, arg);
    case TIOCSWINSZ:
        return set_winsize(tty, arg);
    case TIOCGPGRP:
        return get_owner(tty, arg, 0);
    case TIOCGSID:
        return get_owner(tty, arg, 1);
    case TIOCSPGRP:
        return set_pgrp(tty, arg);
    case TIOCSCTTY:
        return set_ctty(tty, arg);
    case TIOCNOTTY:
        if (!tty_is_ctty(tty, current_process()))
            return -ENOTTY;
        return tty_give_up_ctty(tty, current_process());
    case FIONREAD:
        return input_count(tty, arg);
    case TIOCOUTQ:
        return put_int(arg, 0);
    default:
        return -ENOTTY;
    }
}
