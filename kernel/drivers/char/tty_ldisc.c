/*
 * tty_ldisc.c - the line discipline: what happens to a byte between the
 * device and read(), and between write() and the device.
 *
 * Input (tty_input, from the driver's interrupt handler): the c_iflag
 * translations (ISTRIP, IGNCR, ICRNL, INLCR), then with ISIG the signal
 * characters (VINTR, VQUIT, VSUSP: the signal goes to the foreground process
 * group and, unless NOFLSH, pending input is discarded), then either
 *   canonical mode (ICANON): the byte joins the line being edited in
 *   [line, tail); VERASE, VKILL and (with IEXTEN) VWERASE edit it; newline,
 *   VEOL, VEOL2 and VEOF end it (the entry is marked TTY_DELIM, VEOF also
 *   TTY_EOF) and move line to tail, which makes it readable;
 * or raw mode: every byte is readable at once (line == tail).
 * With ECHO, bytes are echoed as they are taken (control characters as ^X
 * with ECHOCTL); ECHOE erases visually ("\b \b"), ECHOK/ECHOKE handle VKILL
 * as on Linux; ECHONL echoes newlines even without ECHO. The input ring keeps
 * one entry free in canonical mode so that a line can always be ended;
 * bytes that do not fit are dropped.
 *
 * Read: canonical mode returns at most one line (a VEOF entry is consumed
 * but not returned, so VEOF at the start of a line reads as end of file);
 * raw mode follows VMIN/VTIME (POSIX 11.1.7): MIN > 0, TIME 0 waits for
 * MIN bytes; MIN > 0, TIME > 0 waits for a first byte and then until MIN
 * bytes or TIME tenths of a second without a new byte; MIN 0, TIME > 0
 * waits at most TIME tenths for any byte; MIN 0, TIME 0 never waits.
 *
 * Output (OPOST): ONLCR turns NL into CR NL, OCRNL CR into NL. Echoes go
 * through the same processing.
 *
 * Locks: tty->lock guards the ring and the attributes. Echoes are written
 * to the driver with it held (the driver's write must not sleep); written
 * data is not: a write reads the output flags, then processes and sends its
 * bytes in chunks without the lock, so input keeps flowing meanwhile.
 */
#include <arch/i386/lock_order.h>
#include <clock.h>
#include <drivers/char/tty_internal.h>
#include <fs/poll.h>
#include <proc/signal.h>
#include <string.h>
#include <uapi/errno.h>

#define NSEC_PER_DECISECOND (NSEC_PER_SEC / 10)
#define OUT_CHUNK 256
#define CTRL(c) ((c) & 0x1f)
#define DEL 0x7f

static const cc_t default_cc[NCCS] = {
    [VINTR] = CTRL('C'),  [VQUIT] = CTRL('\\'), [VERASE] = DEL,        [VKILL] = CTRL('U'),
    [VEOF] = CTRL('D'),   [VTIME] = 0,          [VMIN] = 1,            [VSTART] = CTRL('Q'),
    [VSTOP] = CTRL('S'),  [VSUSP] = CTRL('Z'),  [VREPRINT] = CTRL('R'), [VDISCARD] = CTRL('O'),
    [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
};

void tty_init(struct tty *tty, const char *name, const struct tty_driver *driver)
{
    memset(tty, 0, sizeof *tty);
    tty->name = name;
    tty->driver = driver;
    mutex_init(&tty->open_lock, "tty_open");
    tty->lock = (struct spinlock)SPINLOCK_INIT_RANKED("tty", RANK_TTY);
    tty->readers = (struct wait_queue)WAIT_QUEUE_INIT;
    tty->termios.c_iflag = ICRNL;
    tty->termios.c_oflag = OPOST | ONLCR;
    tty->termios.c_cflag = B115200 | CS8 | CREAD | CLOCAL;
    tty->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
    memcpy(tty->termios.c_cc, default_cc, sizeof default_cc);
    tty->winsize.ws_row = 24;
    tty->winsize.ws_col = 80;
}

/* ---- output ---- */

/* c after output processing into out (2 bytes of room); returns the length. */
static size_t opost(tcflag_t oflag, uint8_t c, char *out)
{
    if (oflag & OPOST) {
        if (c == '\n' && (oflag & ONLCR)) {
            out[0] = '\r';
            out[1] = '\n';
            return 2;
        }
        if (c == '\r' && (oflag & OCRNL)) {
            out[0] = '\n';
            return 1;
        }
    }
    out[0] = (char)c;
    return 1;
}

long tty_ldisc_write(struct tty *tty, const uint8_t *buf, size_t len)
{
    char out[OUT_CHUNK];
    tcflag_t oflag;
    size_t i = 0;

    spin_lock(&tty->lock);
    oflag = tty->termios.c_oflag;
    spin_unlock(&tty->lock);
    while (i < len) {
        size_t n = 0;
        while (i < len && n + 2 <= sizeof out)
            n += opost(oflag, buf[i++], out + n);
        tty->driver->write(tty, out, n);
    }
    return (long)len;
}

/* ---- echo (lock held) ---- */

static void echo_raw(struct tty *tty, const char *s, size_t n)
{
    tty->driver->write(tty, s, n);
}

static int is_ctl(uint8_t c)
{
    return (c < ' ' && c != '\n' && c != '\t') || c == DEL;
}

/* Echo c as typed: through output processing, or as ^X for control characters with ECHOCTL. */
static void echo_char(struct tty *tty, uint8_t c)
{
    char out[2];

    if (is_ctl(c) && (tty->termios.c_lflag & ECHOCTL)) {
        out[0] = '^';
        out[1] = (char)(c ^ 0x40);
        echo_raw(tty, out, 2);
        return;
    }
    echo_raw(tty, out, opost(tty->termios.c_oflag, c, out));
}

/* ---- input (lock held) ---- */

static int is_cc(const struct termios *t, int index, uint8_t c)
{
    return t->c_cc[index] != _POSIX_VDISABLE && t->c_cc[index] == c;
}

static void wake_readers(struct tty *tty)
{
    wait_wake_all(&tty->readers);
}

void tty_ldisc_flush(struct tty *tty)
{
    tty->head = tty->line = tty->tail;
}

/* Append an entry if fewer than limit entries are buffered; 1 if it went in. */
static int put(struct tty *tty, uint16_t entry, uint32_t limit)
{
    if (tty->tail - tty->head >= limit)
        return 0;
    tty->buf[tty->tail++ % TTY_BUF_SIZE] = entry;
    return 1;
}

/* Remove the last byte of the line being edited, with its echo. */
static void erase_one(struct tty *tty)
{
    tcflag_t lflag = tty->termios.c_lflag;
    uint8_t c = (uint8_t)tty->buf[--tty->tail % TTY_BUF_SIZE];

    if ((lflag & ECHO) && (lflag & ECHOE)) {
        /* A control character was echoed as two columns (^X). A tab goes back one. */
        int cols = is_ctl(c) && (lflag & ECHOCTL) ? 2 : 1;
        while (cols--)
            echo_raw(tty, "\b \b", 3);
    }
}

enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

static int is_blank(uint8_t c)
{
    return c == ' ' || c == '\t';
}

static uint8_t last_byte(struct tty *tty)
{
    return (uint8_t)tty->buf[(tty->tail - 1) % TTY_BUF_SIZE];
}

static void erase(struct tty *tty, enum erase_kind kind, uint8_t typed)
{
    tcflag_t lflag = tty->termios.c_lflag;

    if (tty->tail == tty->line)
        return; /* nothing to erase: the line is empty */
    if (kind == ERASE_LINE && (lflag & ECHO) &&
        !((lflag & ECHOK) && (lflag & ECHOKE) && (lflag & ECHOE))) {
        /* No visual kill: show the kill character, then (ECHOK) a newline. */
        tty->tail = tty->line;
        echo_char(tty, typed);
        if (lflag & ECHOK)
            echo_char(tty, '\n');
        return;
    }
    if (kind == ERASE_CHAR && (lflag & ECHO) && !(lflag & ECHOE)) {
        tty->tail--;
        echo_char(tty, typed); /* no visual erase: show the erase character */
        return;
    }
    if (kind == ERASE_WORD)
        while (tty->tail != tty->line && is_blank(last_byte(tty)))
            erase_one(tty);
    while (tty->tail != tty->line) {
        if (kind == ERASE_WORD && is_blank(last_byte(tty)))
            break;
        erase_one(tty);
        if (kind == ERASE_CHAR)
            break;
    }
}

/* End the line being edited with entry (a delimiter): it becomes readable. */
static void end_line(struct tty *tty, uint16_t entry)
{
    if (put(tty, entry, TTY_BUF_SIZE)) {
        tty->line = tty->tail;
        wake_readers(tty);
    }
}

/* Process one received byte; returns the signal it generates, or 0. */
static int receive(struct tty *tty, uint8_t c)
{
    const struct termios *t = &tty->termios;
    tcflag_t iflag = t->c_iflag, lflag = t->c_lflag;

    if (iflag & ISTRIP)
        c &= 0x7f;
    if (c == '\r') {
        if (iflag & IGNCR)
            return 0;
        if (iflag & ICRNL)
            c = '\n';
    } else if (c == '\n' && (iflag & INLCR)) {
        c = '\r';
    }
    if (lflag & ISIG) {
        int sig = is_cc(t, VINTR, c) ? SIGINT : is_cc(t, VQUIT, c) ? SIGQUIT
                : is_cc(t, VSUSP, c) ? SIGTSTP : 0;
        if (sig) {
            if (!(lflag & NOFLSH)) {
                tty_ldisc_flush(tty);
                wake_readers(tty); /* a reader waiting for its line looks again */
            }
            if (lflag & ECHO)
                echo_char(tty, c);
            return sig;
        }
    }
    if (!(lflag & ICANON)) {
        if (put(tty, c, TTY_BUF_SIZE)) {
            tty->line = tty->tail;
            if (lflag & ECHO)
                echo_char(tty, c);
            wake_readers(tty);
        }
        return 0;
    }
    if (is_cc(t, VERASE, c)) {
        erase(tty, ERASE_CHAR, c);
    } else if (is_cc(t, VKILL, c)) {
        erase(tty, ERASE_LINE, c);
    } else if ((lflag & IEXTEN) && is_cc(t, VWERASE, c)) {
        erase(tty, ERASE_WORD, c);
    } else if (is_cc(t, VEOF, c)) {
        end_line(tty, c | TTY_DELIM | TTY_EOF); /* not echoed */
    } else if (c == '\n' || is_cc(t, VEOL, c) || is_cc(t, VEOL2, c)) {
        if ((lflag & ECHO) || (c == '\n' && (lflag & ECHONL)))
            echo_char(tty, c);
        end_line(tty, c | TTY_DELIM);
    } else if (put(tty, c, TTY_BUF_SIZE - 1) && (lflag & ECHO)) {
        echo_char(tty, c);
    }
    return 0;
}

void tty_input(struct tty *tty, uint8_t c)
{
    int sig, pgrp;

    spin_lock(&tty->lock);
    sig = receive(tty, c);
    pgrp = tty->pgrp;
    spin_unlock(&tty->lock);
    /* Outside tty->lock: signal_send_group takes proc_lock (docs/locking.md). */
    if (sig && pgrp > 0)
        signal_send_group(pgrp, sig);
    poll_notify();
}

/* ---- reading ---- */

uint32_t tty_ldisc_readable(struct tty *tty)
{
    uint32_t n = 0;

    for (uint32_t i = tty->head; i != tty->line; i++)
        n += !(tty->buf[i % TTY_BUF_SIZE] & TTY_EOF) || !(tty->termios.c_lflag & ICANON);
    return n;
}

/* Canonical: the bytes up to and including the first delimiter (a VEOF entry is not returned). */
static size_t read_line(struct tty *tty, uint8_t *buf, size_t len)
{
    size_t n = 0;

    while (tty->head != tty->line && n < len) {
        uint16_t e = tty->buf[tty->head++ % TTY_BUF_SIZE];
        if (e & TTY_EOF)
            return n;
        buf[n++] = (uint8_t)e;
        if (e & TTY_DELIM)
            return n;
    }
    /* The buffer filled just before a VEOF: that VEOF ended this read's line, consume it. */
    if (n && tty->head != tty->line && (tty->buf[tty->head % TTY_BUF_SIZE] & TTY_EOF))
        tty->head++;
    return n;
}

static size_t read_raw(struct tty *tty, uint8_t *buf, size_t len)
{
    size_t n = 0;

    while (tty->head != tty->line && n < len)
        buf[n++] = (uint8_t)tty->buf[tty->head++ % TTY_BUF_SIZE];
    return n;
}

/*
 * Raw mode: may the read return now? timeout_ns is set to how long to sleep
 * otherwise (0: until input). deadline: MIN 0's overall limit, set on the
 * first call.
 */
static int raw_ready(struct tty *tty, size_t len, int timed_out, uint64_t *deadline,
                     uint64_t *timeout_ns)
{
    uint32_t avail = tty->line - tty->head;
    uint32_t vmin = tty->termios.c_cc[VMIN], vtime = tty->termios.c_cc[VTIME];
    uint64_t now;

    *timeout_ns = 0;
    if (avail && (avail >= vmin || avail >= len || timed_out))
        return 1;
    if (vmin == 0 && (vtime == 0 || timed_out))
        return 1;
    if (vtime == 0)
        return 0;
    if (vmin > 0) {
        /* The inter-byte timer runs once a byte came, restarting with each one. */
        if (avail)
            *timeout_ns = vtime * NSEC_PER_DECISECOND;
        return 0;
    }
    now = clock_monotonic_ns();
    if (!*deadline)
        *deadline = now + vtime * NSEC_PER_DECISECOND;
    if (now >= *deadline)
        return 1;
    *timeout_ns = *deadline - now;
    return 0;
}

long tty_ldisc_read(struct tty *tty, uint8_t *buf, size_t len, int nonblock)
{
    uint64_t deadline = 0, timeout_ns;
    int timed_out = 0;
    long n;

    spin_lock(&tty->lock);
    for (;;) {
        int r;
        if (tty->termios.c_lflag & ICANON) {
            timeout_ns = 0;
            if (tty->head != tty->line) {
                n = (long)read_line(tty, buf, len);
                break;
            }
        } else if (raw_ready(tty, len, timed_out, &deadline, &timeout_ns)) {
            n = (long)read_raw(tty, buf, len);
            break;
        }
        if (nonblock) {
            n = -EAGAIN;
            break;
        }
        r = wait_sleep_intr(&tty->readers, &tty->lock, timeout_ns);
        if (r == -EINTR) {
            n = -ERESTARTSYS;
            break;
        }
        timed_out = r == -ETIMEDOUT;
    }
    spin_unlock(&tty->lock);
    return n;
}

void tty_ldisc_set_termios(struct tty *tty, const struct termios *t, int flush)
{
    spin_lock(&tty->lock);
    if (flush)
        tty_ldisc_flush(tty);
    tty->termios = *t;
    tty->termios.c_line = 0; /* one line discipline */
    if (!(t->c_lflag & ICANON))
        tty->line = tty->tail; /* a half-edited line becomes readable as it is */
    wake_readers(tty);
    spin_unlock(&tty->lock);
    poll_notify();
}
