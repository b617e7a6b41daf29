/*
 * more.c - a pager: more [FILE...] and less [FILE...] (one program, two
 * names). On a terminal it shows the text a screenful at a time and reads
 * commands from /dev/tty: space or f pages forward, b back, Enter, j or
 * down one line forward, k or up one back, d and u half a screen, g and G
 * the top and the bottom, /RE and ?RE search forward and backward (POSIX
 * extended regular expressions), n and N repeat the search, h shows the
 * keys, q quits. Called as more it quits when paged past the end (and just
 * prints a text that fits on one screen); as less it stays until q.
 *
 * When stdout is not a terminal it copies its input to stdout unchanged,
 * as cat does, so that "man ls > file" or "more f | wc" work.
 *
 * The screen is redrawn whole after each command: top is the first line
 * shown, bottom one past the last line shown whole. The last row is the
 * status line.
 */
#include <err.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "more.h"

#define CTRL(c) ((c) & 0x1f)
#define SEARCH_CHECK_EVERY 4096 /* lines searched between two looks for ^C */

static int is_less;
static int rows, cols;
static size_t top, bottom;
static char message[160]; /* shown once on the status line, then cleared */
static regex_t pattern;
static int have_pattern;

static const char *const help_lines[] = {
    "  SPACE f PgDn ^F    forward one screen",
    "  b PgUp ^B          back one screen",
    "  ENTER j e Down ^N  forward one line",
    "  k y Up ^P          back one line",
    "  d ^D  u ^U         forward, back half a screen",
    "  g < Home           first line",
    "  G > End            last line",
    "  /RE  ?RE           search forward, backward (extended regex)",
    "  n  N               repeat the search, the other way",
    "  ^L r               redraw",
    "  q ^C               quit",
};

/* Copy each input to stdout unchanged; 0, or 1 when one could not be read. */
static int copy_through(char **names, int count)
{
    char buf[8192];
    int status = 0;

    for (int i = 0; i < (count ? count : 1); i++) {
        const char *name = count ? names[i] : "-";
        int fd = strcmp(name, "-") == 0 ? STDIN_FILENO : open(name, O_RDONLY);
        ssize_t n;

        if (fd < 0) {
            warn("%s", name);
            status = 1;
            continue;
        }
        while ((n = read(fd, buf, sizeof buf)) > 0) {
            for (ssize_t done = 0, w; done < n; done += w) {
                w = write(STDOUT_FILENO, buf + done, (size_t)(n - done));
                if (w <= 0)
                    err(1, "write error");
            }
        }
        if (n < 0) {
            warn("%s", name);
            status = 1;
        }
        if (fd != STDIN_FILENO)
            close(fd);
    }
    return status;
}

/* True when there is no line after the last one shown. */
static int at_end(void)
{
    return text_want(bottom + 1) <= bottom;
}

static void move_to_row(int row)
{
    char seq[24];

    snprintf(seq, sizeof seq, "\033[%d;1H\033[K", row);
    screen_puts(seq);
}

/* The status line: a message, or where the screen is in the text. */
static void draw_status(void)
{
    char status[200];
    const char *name = text_name(top);
    size_t total = text_eof() ? text_all() : 0; /* known only once everything is read */
    size_t len = 0;

    if (message[0]) {
        snprintf(status, sizeof status, "%s", message);
    } else if (text_eof() && total == 0) {
        snprintf(status, sizeof status, "%s%s(empty)", is_less ? name : "--More--",
                 is_less && name[0] ? " " : "");
    } else if (!is_less) {
        len = (size_t)snprintf(status, sizeof status, "--More--");
        if (text_eof())
            snprintf(status + len, sizeof status - len, "(%zu%%)", bottom * 100 / total);
    } else {
        if (name[0])
            len += (size_t)snprintf(status, sizeof status, "%s ", name);
        len += (size_t)snprintf(status + len, sizeof status - len, "lines %zu-%zu", top + 1,
                                bottom);
        if (text_eof())
            len += (size_t)snprintf(status + len, sizeof status - len, "/%zu", total);
        snprintf(status + len, sizeof status - len, "%s", at_end() ? " (END)" : "");
    }
    if ((int)strlen(status) >= cols)
        status[cols - 1] = '\0';
    move_to_row(rows);
    screen_puts("\033[7m");
    screen_puts(status);
    screen_puts("\033[0m");
}

/* Redraw the whole screen from top; sets bottom. */
static void draw(void)
{
    int used = 0;
    size_t i = top;

    screen_size(&rows, &cols);
    screen_puts("\033[H\033[2J");
    while (used < rows - 1 && text_want(i + 1) > i) {
        int need = screen_line_rows(text_line(i), cols);

        if (used + need > rows - 1) {
            /* the part that fits; the line is shown whole on the next page */
            screen_draw_line(text_line(i), cols, rows - 1 - used);
            break;
        }
        screen_draw_line(text_line(i), cols, need);
        screen_puts("\r\n");
        used += need;
        i++;
    }
    bottom = i;
    draw_status();
}

/* The top that shows the screenful ending just before line end. */
static size_t page_before(size_t end)
{
    int used = 0;

    while (end > 0) {
        int need = screen_line_rows(text_line(end - 1), cols);

        if (used + need > rows - 1)
            break;
        used += need;
        end--;
    }
    return end;
}

/* The top that shows the last screenful of the text. */
static size_t last_page(void)
{
    size_t n = text_all(), t = page_before(n);

    return t < n ? t : (n ? n - 1 : 0);
}

static void show_help(void)
{
    screen_puts("\033[H\033[2J");
    for (size_t i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++) {
        screen_puts(help_lines[i]);
        screen_puts("\r\n");
    }
    snprintf(message, sizeof message, "press any key");
    draw_status();
    message[0] = '\0';
    screen_key();
}

/* Read a line typed on the status line after prefix into buf; 0, or -1 if cancelled. */
static int prompt(const char *prefix, char *buf, size_t size)
{
    size_t len = 0;

    move_to_row(rows);
    screen_puts(prefix);
    for (;;) {
        int c = screen_key();

        if (c == '\r' || c == '\n')
            break;
        if (c < 0 || c == 27 || c == CTRL('C') || c == CTRL('G'))
            return -1;
        if (c == 127 || c == '\b') {
            if (len == 0)
                return -1;
            len--;
            screen_puts("\b \b");
        } else if (c >= 32 && c < 127 && len + 1 < size) {
            char echo[2] = {(char)c, '\0'};

            buf[len++] = (char)c;
            screen_puts(echo);
        }
    }
    buf[len] = '\0';
    return 0;
}

/* Whether line i matches the search pattern (escape sequences do not count). */
static int line_matches(size_t i)
{
    const char *plain = screen_plain(text_line(i));

    return plain && regexec(&pattern, plain, 0, NULL, 0) == 0;
}

/* Move top to the next line matching the pattern, forward or back; sets message if none. */
static void search(int forward)
{
    size_t checked = 0;

    if (!have_pattern) {
        snprintf(message, sizeof message, "No previous search pattern");
        return;
    }
    if (forward) {
        for (size_t i = top + 1; text_want(i + 1) > i; i++) {
            if (line_matches(i)) {
                top = i;
                return;
            }
            if (++checked % SEARCH_CHECK_EVERY == 0 && screen_interrupted()) {
                snprintf(message, sizeof message, "Search interrupted");
                return;
            }
        }
    } else {
        for (size_t i = top; i-- > 0;) {
            if (line_matches(i)) {
                top = i;
                return;
            }
        }
    }
    snprintf(message, sizeof message, "Pattern not found");
}

/* Read a pattern after / or ? and search for it; an empty one repeats the last. */
static void new_search(int forward)
{
    char text[256];
    int error;

    if (prompt(forward ? "/" : "?", text, sizeof text) < 0)
        return;
    if (text[0]) {
        if (have_pattern)
            regfree(&pattern);
        have_pattern = 0;
        error = regcomp(&pattern, text, REG_EXTENDED | REG_NOSUB);
        if (error) {
            char why[100];

            regerror(error, &pattern, why, sizeof why);
            snprintf(message, sizeof message, "Invalid pattern: %s", why);
            return;
        }
        have_pattern = 1;
    }
    search(forward);
}

/* Follow the commands until q (or, for more, until paged past the end). */
static void view(void)
{
    int last_forward = 1;

    for (;;) {
        size_t half;
        int key;

        draw();
        message[0] = '\0';
        key = screen_key();
        half = (size_t)(rows - 1) / 2 ? (size_t)(rows - 1) / 2 : 1;
        switch (key) {
        case -1:
        case 'q':
        case 'Q':
        case CTRL('C'):
            return;
        case ' ':
        case 'f':
        case 'z':
        case KEY_PGDN:
        case CTRL('F'):
        case CTRL('V'):
            if (at_end()) {
                if (!is_less)
                    return;
                break;
            }
            top = bottom > top ? bottom : top + 1;
            break;
        case '\r':
        case '\n':
        case 'j':
        case 'e':
        case KEY_DOWN:
        case CTRL('N'):
        case CTRL('E'):
            if (at_end()) {
                if (!is_less)
                    return;
                break;
            }
            top++;
            break;
        case 'b':
        case 'w':
        case KEY_PGUP:
        case CTRL('B'):
            top = page_before(top);
            break;
        case 'k':
        case 'y':
        case KEY_UP:
        case CTRL('P'):
        case CTRL('Y'):
            if (top > 0)
                top--;
            break;
        case 'd':
        case CTRL('D'):
            if (!at_end())
                top = text_want(top + half + 1) > top + half ? top + half : bottom;
            break;
        case 'u':
        case CTRL('U'):
            top = top > half ? top - half : 0;
            break;
        case 'g':
        case '<':
        case KEY_HOME:
            top = 0;
            break;
        case 'G':
        case '>':
        case KEY_END:
            top = last_page();
            break;
        case '/':
        case '?':
            last_forward = key == '/';
            new_search(last_forward);
            break;
        case 'n':
            search(last_forward);
            break;
        case 'N':
            search(!last_forward);
            break;
        case 'h':
        case 'H':
            show_help();
            break;
        case 'r':
        case CTRL('L'):
            break;
        default:
            snprintf(message, sizeof message, "unknown key: h shows the keys, q quits");
            break;
        }
    }
}

/* For more: a text that fits on one screen is printed without paging; returns 1 if so. */
static int fits_on_screen(void)
{
    int used = 0;
    size_t n;

    screen_size(&rows, &cols);
    n = text_want((size_t)rows);
    if (n >= (size_t)rows) /* text_want stops short only at the end */
        return 0;
    for (size_t i = 0; i < n; i++)
        used += screen_line_rows(text_line(i), cols);
    if (used > rows - 1)
        return 0;
    for (size_t i = 0; i < n; i++) {
        screen_draw_line(text_line(i), cols, rows);
        screen_puts("\r\n");
    }
    screen_flush();
    return 1;
}

int main(int argc, char **argv)
{
    const char *prog = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    int first = 1;

    is_less = strcmp(prog, "less") == 0;
    if (first < argc && strcmp(argv[first], "--") == 0)
        first++;
    else if (first < argc && argv[first][0] == '-' && argv[first][1]) {
        fprintf(stderr, "%s: unknown option '%s'\nusage: %s [FILE...]\n", prog, argv[first],
                prog);
        return 1;
    }
    if (!isatty(STDOUT_FILENO))
        return copy_through(argv + first, argc - first);
    if (first == argc && isatty(STDIN_FILENO)) {
        fprintf(stderr, "%s: no input (a file name or a pipe)\nusage: %s [FILE...]\n", prog,
                prog);
        return 1;
    }
    if (screen_open() < 0)
        return copy_through(argv + first, argc - first); /* no terminal to read keys from */
    text_open(argv + first, argc - first);
    if (is_less || !fits_on_screen()) {
        view();
        move_to_row(rows);
    }
    screen_flush();
    return text_failed();
}
