/*
 * tty.c - terminal files: open, close, read, write and poll on a struct
 * tty, job control, and controlling terminals. The line discipline is in
 * tty_ldisc.c, the ioctl requests in tty_ioctl.c. See docs/tty.md.
 *
 * Controlling terminal: a session leader without one that opens a terminal
 * without O_NOCTTY (or asks with TIOCSCTTY) makes it its session's, when no
 * live session has it: process_acquire_ctty() (proc/process.c) sets every
 * member's ctty, and the tty records the session and takes the leader's
 * group as its foreground group. A session whose leader has exited loses
 * the terminal the next time someone wants it (the check is lazy: nothing
 * tells the tty when a leader exits).
 *
 * Job control: a process touching its controlling terminal from a
 * background group is stopped with SIGTTIN (reads) or SIGTTOU (writes with
 * TOSTOP, attribute changes), by sending the signal to its group and
 * returning -ERESTARTSYS, so that the call starts again once the group is
 * continued. A reader that ignores or blocks SIGTTIN gets EIO instead; a
 * writer that ignores or blocks SIGTTOU goes ahead.
 *
 * Fields of the calling process (pgid, sid, ctty) are read without
 * proc_lock: they are aligned words, and a value a moment old only means
 * the check saw the group the process was in a moment ago.
 */
#include <drivers/char/tty_internal.h>
#include <fs/devfs.h>
#include <fs/poll.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

/* The tty of a file: devfs's private data, or for /dev/tty, the caller's controlling terminal. */
static int tty_open(struct inode *inode, struct file *f)
{
    struct process *p = current_process();
    struct tty *tty = devfs_private(inode);
    int ctty_node = tty == NULL;

    if (ctty_node) {
        tty = p ? __atomic_load_n(&p->ctty, __ATOMIC_RELAXED) : NULL;
        if (!tty)
            return -ENXIO;
    }
    f->private_data = tty;
    mutex_lock(&tty->open_lock);
    if (tty->opens++ == 0 && tty->driver->first_open)
        tty->driver->first_open(tty);
    if (!ctty_node && p && !(f->flags & O_NOCTTY))
        (void)tty_set_ctty(tty, p, 0); /* only if p may have it: not an error otherwise */
    mutex_unlock(&tty->open_lock);
    return 0;
}

static void tty_release(struct file *f)
{
    struct tty *tty = f->private_data;

    mutex_lock(&tty->open_lock);
    if (--tty->opens == 0 && tty->driver->last_close)
        tty->driver->last_close(tty);
    mutex_unlock(&tty->open_lock);
}

int tty_is_ctty(struct tty *tty, struct process *p)
{
    int session;

    if (!p || __atomic_load_n(&p->ctty, __ATOMIC_RELAXED) != tty)
        return 0;
    spin_lock(&tty->lock);
    session = tty->session;
    spin_unlock(&tty->lock);
    return session == p->sid;
}

int tty_job_check(struct tty *tty, int sig)
{
    struct process *p = current_process();
    int pgrp;

    if (!tty_is_ctty(tty, p))
        return 0;
    spin_lock(&tty->lock);
    pgrp = tty->pgrp;
    spin_unlock(&tty->lock);
    if (pgrp <= 0 || p->pgid == pgrp)
        return 0;
    if (signal_ignored_or_blocked(p, sig))
        return sig == SIGTTIN ? -EIO : 0;
    signal_send_group(p->pgid, sig);
    return -ERESTARTSYS;
}

static long tty_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    struct tty *tty = f->private_data;
    int err = tty_job_check(tty, SIGTTIN);

    (void)pos;
    if (err)
        return err;
    if (len == 0)
        return 0;
    return tty_ldisc_read(tty, buf, len, (f->flags & O_NONBLOCK) != 0);
}

static long tty_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    struct tty *tty = f->private_data;
    int tostop, err;

    (void)pos;
    spin_lock(&tty->lock);
    tostop = (tty->termios.c_lflag & TOSTOP) != 0;
    spin_unlock(&tty->lock);
    if (tostop && (err = tty_job_check(tty, SIGTTOU)))
        return err;
    return tty_ldisc_write(tty, buf, len);
}

/* Output is written synchronously, so a terminal is always writable. */
static unsigned tty_poll(struct file *f)
{
    struct tty *tty = f->private_data;
    unsigned mask = POLLOUT | POLLWRNORM;

    spin_lock(&tty->lock);
    if (tty->head != tty->line)
        mask |= POLLIN | POLLRDNORM;
    spin_unlock(&tty->lock);
    return mask;
}

static const struct file_ops tty_fops = {
    .open = tty_open,
    .release = tty_release,
    .read = tty_read,
    .write = tty_write,
    .ioctl = tty_ioctl,
    .poll = tty_poll,
};

/* ---- controlling terminals (open_lock held) ---- */

static void set_owner(struct tty *tty, int session, int pgrp)
{
    spin_lock(&tty->lock);
    tty->session = session;
    tty->pgrp = pgrp;
    spin_unlock(&tty->lock);
}

/* The session that has tty, after dropping it from a session whose leader is gone. */
static int owner_session(struct tty *tty)
{
    int session;

    spin_lock(&tty->lock);
    session = tty->session;
    spin_unlock(&tty->lock);
    if (session && process_getsid(session) != session) {
        process_release_ctty(tty);
        set_owner(tty, 0, 0);
        session = 0;
    }
    return session;
}

int tty_set_ctty(struct tty *tty, struct process *p, int force)
{
    int session = owner_session(tty);

    if (session && session == p->sid && p->sid == p->pid)
        return 0; /* the leader asks again for its own terminal */
    if (p->sid != p->pid || p->ctty)
        return -EPERM; /* only a session leader without a terminal */
    if (session) {
        if (!force || p->euid != 0)
            return -EPERM;
        process_release_ctty(tty); /* root takes it from the other session */
        set_owner(tty, 0, 0);
    }
    if (!process_acquire_ctty(p, tty))
        return -EPERM;
    set_owner(tty, p->sid, p->pgid);
    return 0;
}

int tty_give_up_ctty(struct tty *tty, struct process *p)
{
    int pgrp;

    if (p->sid != p->pid) {
        process_drop_ctty(p); /* only this process lets go */
        return 0;
    }
    /* The session leader: the whole session loses the terminal; its foreground hangs up. */
    mutex_lock(&tty->open_lock);
    spin_lock(&tty->lock);
    pgrp = tty->pgrp;
    spin_unlock(&tty->lock);
    process_release_ctty(tty);
    set_owner(tty, 0, 0);
    mutex_unlock(&tty->open_lock);
    if (pgrp > 0) {
        signal_send_group(pgrp, SIGHUP);
        signal_send_group(pgrp, SIGCONT);
    }
    return 0;
}

/* ---- registration ---- */

int tty_register(struct tty *tty, const char *name, uint32_t perm, uint32_t rdev)
{
    return devfs_register(name, S_IFCHR | perm, rdev, &tty_fops, tty);
}

int tty_register_ctty_node(void)
{
    return devfs_register("tty", S_IFCHR | 0666, makedev(5, 0), &tty_fops, NULL);
}
