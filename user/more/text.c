/*
 * text.c - the text being paged, read into lines only as far as the screen
 * needs, so that paging the output of a long or endless command starts at
 * once. The input is the files of the command line one after another (with
 * a three-line header before each when there are several, as more(1) does)
 * or stdin. A line is kept without its newline; a last line without one is
 * kept too.
 */
#include <err.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "more.h"

struct stored_line {
    struct line line;
    int source; /* index into sources */
};

static char **sources; /* the file names; "-" or none for stdin */
static int source_count;
static int source_now = -1; /* the one being read */
static int fd = -1;
static int failed;
static int at_eof;

static struct stored_line *lines;
static size_t line_count, line_cap;

static char *partial; /* the line being assembled */
static size_t partial_len, partial_cap;

static void *must_realloc(void *p, size_t size)
{
    p = realloc(p, size);
    if (!p)
        errx(1, "out of memory");
    return p;
}

static void add_line(const char *s, size_t len)
{
    struct stored_line *sl;

    if (line_count == line_cap) {
        line_cap = line_cap ? line_cap * 2 : 256;
        lines = must_realloc(lines, line_cap * sizeof *lines);
    }
    sl = &lines[line_count++];
    sl->line.s = must_realloc(NULL, len + 1);
    memcpy(sl->line.s, s, len);
    sl->line.s[len] = '\0';
    sl->line.len = len;
    sl->source = source_now < 0 ? 0 : source_now;
}

static void partial_add(const char *s, size_t len)
{
    if (partial_len + len + 1 > partial_cap) {
        while (partial_len + len + 1 > partial_cap)
            partial_cap = partial_cap ? partial_cap * 2 : 256;
        partial = must_realloc(partial, partial_cap);
    }
    memcpy(partial + partial_len, s, len);
    partial_len += len;
}

/* Open the next readable source, adding its header; 0, or -1 when there is none left. */
static int next_source(void)
{
    while (++source_now < source_count || (source_count == 0 && source_now == 0)) {
        const char *name = source_count ? sources[source_now] : "-";

        if (strcmp(name, "-") == 0) {
            fd = 0;
        } else {
            fd = open(name, O_RDONLY);
            if (fd < 0) {
                warn("%s", name);
                failed = 1;
                continue;
            }
        }
        if (source_count > 1) {
            add_line("::::::::::::::", 14);
            add_line(name, strlen(name));
            add_line("::::::::::::::", 14);
        }
        return 0;
    }
    return -1;
}

/* Read one more chunk of input into lines; 0 at the end of everything. */
static int read_more(void)
{
    char buf[4096];
    ssize_t n, start = 0;

    if (at_eof)
        return 0;
    if (fd < 0 && next_source() < 0) {
        at_eof = 1;
        return 0;
    }
    n = read(fd, buf, sizeof buf);
    if (n <= 0) {
        if (n < 0) {
            warn("%s", source_count ? sources[source_now] : "stdin");
            failed = 1;
        }
        if (partial_len)
            add_line(partial, partial_len);
        partial_len = 0;
        if (fd > 0)
            close(fd);
        fd = -1;
        return 1;
    }
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] != '\n')
            continue;
        partial_add(buf + start, (size_t)(i - start));
        add_line(partial, partial_len);
        partial_len = 0;
        start = i + 1;
    }
    partial_add(buf + start, (size_t)(n - start));
    return 1;
}

void text_open(char **names, int count)
{
    sources = names;
    source_count = count;
}

size_t text_want(size_t n)
{
    while (line_count < n && read_more())
        ;
    return line_count < n ? line_count : n;
}

size_t text_all(void)
{
    while (read_more())
        ;
    return line_count;
}

const struct line *text_line(size_t i)
{
    return &lines[i].line;
}

int text_eof(void)
{
    return at_eof;
}

const char *text_name(size_t i)
{
    if (source_count == 0 || i >= line_count)
        return "";
    return sources[lines[i].source];
}

int text_failed(void)
{
    return failed;
}
