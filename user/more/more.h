/*
 * more.h - the pager's parts: the text (input read into lines on demand,
 * text.c), the terminal (raw keys, the window size and drawing, screen.c)
 * and the commands (more.c). One program, installed as /bin/more and
 * /bin/less; called as less it stays at the end of the text instead of
 * quitting.
 */
#ifndef USER_MORE_MORE_H
#define USER_MORE_MORE_H

#include <stddef.h>

/* One line of the text, without its newline; s[len] is a NUL. */
struct line {
    char *s;
    size_t len;
};

/* ---- text.c ---- */

/* Read names (or stdin when count is 0); headers between files when there are several. */
void text_open(char **names, int count);
/* Make lines [0, n) available if the input has them; returns how many there are (<= n). */
size_t text_want(size_t n);
/* Read everything; returns the number of lines. */
size_t text_all(void);
/* Line i, which text_want must have made available. */
const struct line *text_line(size_t i);
/* True once the whole input is read. */
int text_eof(void);
/* The name of the file line i came from ("" for stdin). */
const char *text_name(size_t i);
/* Nonzero when a file could not be opened or read (the exit status). */
int text_failed(void);

/* ---- screen.c ---- */

enum {
    KEY_UP = 0x100,
    KEY_DOWN,
    KEY_PGUP,
    KEY_PGDN,
    KEY_HOME,
    KEY_END,
};

/* Open /dev/tty for the keys and put it in raw mode until exit; 0, or -1. */
int screen_open(void);
/* The window: rows and columns of the terminal (24 x 80 when unknown). */
void screen_size(int *rows, int *cols);
/* Wait for one key: a byte or a KEY_* value; -1 at end of input. */
int screen_key(void);
/* True when ^C or q was typed (checked during a long search). */
int screen_interrupted(void);
/* Screen rows that line takes in cols columns (at least 1). */
int screen_line_rows(const struct line *l, int cols);
/* Draw line from the cursor, wrapping at cols, in at most max_rows rows. */
void screen_draw_line(const struct line *l, int cols, int max_rows);
/* Line l without its terminal escape sequences, NUL-terminated, in a buffer
 * that the next call reuses; NULL when out of memory. */
const char *screen_plain(const struct line *l);
/* Buffered output to stdout, written out by screen_flush. */
void screen_puts(const char *s);
void screen_flush(void);

#endif
