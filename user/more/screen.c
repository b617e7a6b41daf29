/*
 * screen.c - the terminal side of the pager. Keys come from /dev/tty (or,
 * without a controlling terminal, from a terminal on stderr), not from
 * stdin, which may be the text itself. The terminal is in raw mode: no
 * echo, no line editing, no signals (the pager reads ^C as "quit", so the
 * terminal is always put back). The window size comes from TIOCGWINSZ at
 * every redraw, so a resized window is used from the next key on. Output
 * goes through one buffer written out per screen.
 *
 * Drawing: tabs go to the next multiple of 8, other control bytes show as
 * ^X, and the SGR sequences man(1) uses for bold (ESC [ ... m) are passed
 * through without taking room. A line longer than the window wraps.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "more.h"

#define DEFAULT_ROWS 24
#define DEFAULT_COLS 80
#define ESC_WAIT_MS 50 /* how long the rest of an escape sequence may take to arrive */

static int tty_fd = -1;
static struct termios saved;

static char out[8192];
static size_t out_len;

static void restore_terminal(void)
{
    screen_flush();
    tcsetattr(tty_fd, TCSAFLUSH, &saved);
}

/* Killed (not by a key, which are no signals in raw mode): leave the terminal usable. */
static void on_fatal_signal(int sig)
{
    tcsetattr(tty_fd, TCSANOW, &saved);
    _exit(128 + sig);
}

int screen_open(void)
{
    struct termios raw;

    /* Without a controlling terminal, a terminal on stderr will do, as more(1) does. */
    tty_fd = open("/dev/tty", O_RDWR);
    if (tty_fd < 0 && isatty(STDERR_FILENO))
        tty_fd = STDERR_FILENO;
    if (tty_fd < 0 || tcgetattr(tty_fd, &saved) < 0)
        return -1;
    raw = saved;
    raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~(ICRNL | IXON);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    if (tcsetattr(tty_fd, TCSAFLUSH, &raw) < 0)
        return -1;
    atexit(restore_terminal);
    signal(SIGTERM, on_fatal_signal);
    signal(SIGHUP, on_fatal_signal);
    return 0;
}

void screen_size(int *rows, int *cols)
{
    struct winsize ws;

    *rows = DEFAULT_ROWS;
    *cols = DEFAULT_COLS;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 || ioctl(tty_fd, TIOCGWINSZ, &ws) == 0) {
        if (ws.ws_row > 1)
            *rows = ws.ws_row;
        if (ws.ws_col > 8)
            *cols = ws.ws_col;
    }
}

/* One byte from the terminal, or -1 at end of input or after wait_ms (when >= 0). */
static int read_byte(int wait_ms)
{
    unsigned char c;
    struct pollfd p = {.fd = tty_fd, .events = POLLIN};

    if (wait_ms >= 0 && poll(&p, 1, wait_ms) <= 0)
        return -1;
    return read(tty_fd, &c, 1) == 1 ? c : -1;
}

/* After ESC [: the arrow and paging keys (ESC [ A, ESC [ 5 ~, ...); anything else is ESC. */
static int csi_key(void)
{
    int c = read_byte(ESC_WAIT_MS), n = 0;

    while (c >= '0' && c <= '9') {
        n = n * 10 + (c - '0');
        c = read_byte(ESC_WAIT_MS);
    }
    switch (c) {
    case 'A':
        return KEY_UP;
    case 'B':
        return KEY_DOWN;
    case 'H':
        return KEY_HOME;
    case 'F':
        return KEY_END;
    case '~':
        return n == 5 ? KEY_PGUP : n == 6 ? KEY_PGDN : n == 1 ? KEY_HOME : n == 4 ? KEY_END : 27;
    default:
        return 27;
    }
}

int screen_key(void)
{
    int c;

    screen_flush();
    c = read_byte(-1);
    if (c != 27)
        return c;
    c = read_byte(ESC_WAIT_MS);
    if (c == '[' || c == 'O')
        return csi_key();
    return 27;
}

/* The length of the escape sequence at s[i] if it is an SGR one (ESC [ digits ; m), else 0. */
static size_t sgr_length(const struct line *l, size_t i)
{
    size_t j = i + 2;

    if (i + 2 >= l->len || l->s[i] != 27 || l->s[i + 1] != '[')
        return 0;
    while (j < l->len && ((l->s[j] >= '0' && l->s[j] <= '9') || l->s[j] == ';'))
        j++;
    return j < l->len && l->s[j] == 'm' ? j + 1 - i : 0;
}

/* Append n bytes to the output buffer. */
static void put(const char *s, size_t n)
{
    while (n > 0) {
        size_t room = sizeof out - out_len, k = n < room ? n : room;

        memcpy(out + out_len, s, k);
        out_len += k;
        s += k;
        n -= k;
        if (out_len == sizeof out)
            screen_flush();
    }
}

void screen_puts(const char *s)
{
    put(s, strlen(s));
}

void screen_flush(void)
{
    size_t done = 0;

    while (done < out_len) {
        ssize_t n = write(STDOUT_FILENO, out + done, out_len - done);

        if (n <= 0)
            break;
        done += (size_t)n;
    }
    out_len = 0;
}

/*
 * Lay line l out in cols columns, drawing it when draw is set, and stop
 * before row max_rows. Returns the rows used.
 */
static int layout(const struct line *l, int cols, int max_rows, int draw)
{
    static const char spaces[8] = "        ";
    int row = 0, col = 0;

    for (size_t i = 0; i < l->len; i++) {
        unsigned char c = (unsigned char)l->s[i];
        size_t sgr = sgr_length(l, i);
        int control = c < 32 || c == 127;
        int width = c == '\t' ? 8 - col % 8 : control ? 2 : 1;

        if (sgr) {
            if (draw)
                put(l->s + i, sgr);
            i += sgr - 1;
            continue;
        }
        if (col + width > cols) {
            if (++row >= max_rows)
                break;
            if (draw)
                put("\r\n", 2);
            col = 0;
            if (c == '\t')
                width = 8;
        }
        if (draw && c == '\t') {
            put(spaces, (size_t)width);
        } else if (draw && control) {
            char caret[2] = {'^', (char)(c ^ 0x40)};

            put(caret, 2);
        } else if (draw) {
            put((const char *)&c, 1);
        }
        col += width;
    }
    return row + 1;
}

int screen_line_rows(const struct line *l, int cols)
{
    return layout(l, cols, 1 << 30, 0);
}

void screen_draw_line(const struct line *l, int cols, int max_rows)
{
    layout(l, cols, max_rows, 1);
}

const char *screen_plain(const struct line *l)
{
    static char *buf;
    static size_t cap;
    size_t n = 0;

    if (l->len + 1 > cap) {
        char *bigger = realloc(buf, l->len + 1);

        if (!bigger)
            return NULL;
        buf = bigger;
        cap = l->len + 1;
    }
    for (size_t i = 0; i < l->len; i++) {
        size_t sgr = sgr_length(l, i);

        if (sgr)
            i += sgr - 1;
        else
            buf[n++] = l->s[i];
    }
    buf[n] = '\0';
    return buf;
}

int screen_interrupted(void)
{
    int c = read_byte(0);

    return c == 3 || c == 'q' || c == 'Q';
}
