/*
 * cat.c - concatenate files to standard output:
 *
 *     cat [-AbeEnstTuv] [FILE...]
 *
 * "-" or no file means standard input. Without options the bytes are copied
 * with read(2)/write(2) in large blocks. The formatting options go through
 * one byte at a time, with a state that carries over from file to file as
 * GNU cat does (numbering continues, a line split across two files gets one
 * number): -n numbers every line, -b only non-blank ones, -s squeezes runs of
 * blank lines into one, -E marks line ends with '$' (and a carriage return
 * before one as ^M, as GNU cat does), -T shows tabs as ^I,
 * -v shows other control bytes as ^X and bytes above 127 as M-x; -A is -vET,
 * -e is -vE, -t is -vT, -u is ignored.
 */
#include <err.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define CAT_BUF_SIZE 65536

static int opt_number, opt_nonblank, opt_squeeze, opt_ends, opt_tabs, opt_visible;

/* The formatting state, kept across files. */
static int at_line_start = 1;
static int blank_run; /* newlines seen in a row at the start of a line */
static unsigned long line_number;
static int pending_cr; /* a '\r' not yet printed (-E) */

static char out_buf[CAT_BUF_SIZE];
static size_t out_used;

/* Write buf[0..len) to standard output; a failure ends the program. */
static void out(const char *buf, size_t len)
{
    if (write_all(STDOUT_FILENO, buf, len) < 0)
        err(1, "write error");
}

static void out_flush(void)
{
    out(out_buf, out_used);
    out_used = 0;
}

static void out_byte(int c)
{
    if (out_used == sizeof(out_buf))
        out_flush();
    out_buf[out_used++] = (char)c;
}

static void out_str(const char *s)
{
    while (*s)
        out_byte(*s++);
}

static void out_number(void)
{
    char num[32];

    snprintf(num, sizeof(num), "%6lu\t", ++line_number);
    out_str(num);
}

/*
 * One byte through the formatting options; visible says whether control
 * bytes show as ^X (-v, or a carriage return that -E shows).
 */
static void format_char(int c, int visible)
{
    if (c == '\n') {
        if (at_line_start) {
            if (opt_squeeze && blank_run >= 1)
                return;
            blank_run++;
            if (opt_number && !opt_nonblank)
                out_number();
        }
        if (opt_ends)
            out_byte('$');
        out_byte('\n');
        at_line_start = 1;
        return;
    }
    if (at_line_start && opt_number)
        out_number();
    at_line_start = 0;
    blank_run = 0;
    if (c == '\t') {
        out_str(opt_tabs ? "^I" : "\t");
        return;
    }
    if (visible) {
        if (c >= 128) {
            out_str("M-");
            c -= 128;
        }
        if (c < 32) {
            out_byte('^');
            c += 64;
        } else if (c == 127) {
            out_byte('^');
            c = '?';
        }
    }
    out_byte(c);
}

/*
 * With -E a carriage return just before a newline shows as ^M (as in GNU
 * cat), so it is held back until the next byte tells.
 */
static void format_byte(int c)
{
    if (pending_cr) {
        pending_cr = 0;
        format_char('\r', c == '\n' || opt_visible);
    }
    if (c == '\r' && opt_ends) {
        pending_cr = 1;
        return;
    }
    format_char(c, opt_visible);
}

/* Copy fd to standard output; returns 0, or -1 after reporting a read error. */
static int cat_fd(int fd, const char *name)
{
    static char buf[CAT_BUF_SIZE];
    int plain = !(opt_number || opt_squeeze || opt_ends || opt_tabs || opt_visible);
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        if (plain) {
            out(buf, (size_t)n);
            continue;
        }
        for (ssize_t i = 0; i < n; i++)
            format_byte((unsigned char)buf[i]);
    }
    if (n < 0) {
        out_flush();
        warn("%s", name);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int c, status = 0, i;

    while ((c = getopt(argc, argv, "AbeEnstTuv")) != -1) {
        switch (c) {
        case 'A': opt_visible = opt_ends = opt_tabs = 1; break;
        case 'b': opt_number = opt_nonblank = 1; break;
        case 'e': opt_visible = opt_ends = 1; break;
        case 'E': opt_ends = 1; break;
        case 'n': opt_number = 1; break;
        case 's': opt_squeeze = 1; break;
        case 't': opt_visible = opt_tabs = 1; break;
        case 'T': opt_tabs = 1; break;
        case 'u': break;
        case 'v': opt_visible = 1; break;
        default:
            fprintf(stderr, "usage: cat [-AbeEnstTuv] [FILE...]\n");
            return 1;
        }
    }
    if (optind == argc)
        argv[--optind] = "-";
    for (i = optind; i < argc; i++) {
        int fd = STDIN_FILENO;

        if (strcmp(argv[i], "-") != 0) {
            fd = open(argv[i], O_RDONLY);
            if (fd < 0) {
                out_flush();
                warn("%s", argv[i]);
                status = 1;
                continue;
            }
        }
        if (cat_fd(fd, argv[i]) < 0)
            status = 1;
        if (fd != STDIN_FILENO)
            close(fd);
    }
    if (pending_cr)
        format_char('\r', opt_visible);
    out_flush();
    return status;
}
