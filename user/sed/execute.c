/*
 * execute.c - run the compiled script over the input, one cycle per line.
 *
 * A cycle reads a line into the pattern space, runs the commands whose
 * addresses select it, then prints the pattern space (unless -n) and the
 * text queued by a and r. Ranges keep their state in the command: a range
 * starts on a line that matches addr1 and, for a regex or $ end, ends on a
 * later line that matches addr2; a line-number end that is not after the
 * start makes a one-line range. s replaces matches found by regexec from
 * successive offsets (REG_STARTEND, so that ^ and word boundaries still see
 * the text before the offset, and NUL bytes are text), skipping an empty
 * match right after the previous match as POSIX requires.
 */
#include <stdlib.h>
#include <string.h>

#include "sed.h"

/* How a run of the commands ended. */
enum sed_end { END_CYCLE, END_DELETE, END_RESTART, END_QUIT, END_QUIT_SILENT };

/*
 * A growing buffer: the pattern and hold spaces, results of s. Always
 * NUL-terminated. chomped says whether the text's line had a newline: the
 * flag travels with the text (h, g, x, G, H copy it, as GNU sed does), and
 * the pattern space is printed without a newline when it is clear.
 */
struct sed_buf {
    char *s;
    size_t len, cap;
    int chomped;
};

static struct sed_buf pattern, hold = { .chomped = 1 };
static int replaced;         /* an s succeeded since the last line was read or t jumped */
static int exit_status;
static regex_t *last_re;

/* What a and r queue for the end of the cycle. */
struct sed_append {
    int is_file;
    const char *text;
};
static struct sed_append *appends;
static int nappends, capappends;

static void
buf_reserve(struct sed_buf *b, size_t need)
{
    if (need + 1 > b->cap) {
        b->cap = (need + 1) * 2;
        b->s = sed_realloc(b->s, b->cap);
    }
}

static void
buf_append(struct sed_buf *b, const char *s, size_t n)
{
    buf_reserve(b, b->len + n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void
buf_set(struct sed_buf *b, const char *s, size_t n)
{
    b->len = 0;
    buf_append(b, s, n);
}

static regex_t *
use_regex(regex_t *re)
{
    if (!re)
        re = last_re;
    if (!re) {
        fprintf(stderr, "%s: no previous regular expression\n", sed_prog);
        exit(1);
    }
    last_re = re;
    return re;
}

static int
match_addr(const struct sed_addr *a)
{
    long line = io_line_number();

    switch (a->type) {
    case ADDR_LINE: return line == a->n1;
    case ADDR_LAST: return io_is_last();
    case ADDR_REGEX: {
        regmatch_t m = { 0, (regoff_t)pattern.len };
        return regexec(use_regex(a->re), pattern.s, 1, &m, REG_STARTEND) == 0;
    }
    case ADDR_STEP:
        if (a->n2 <= 0)
            return line == a->n1;
        return line >= a->n1 && (line - a->n1) % a->n2 == 0;
    default: return 0;
    }
}

/* Does the range of cmd, now active, include this line (and does it end here)? */
static int
range_continues(struct sed_cmd *cmd)
{
    long line = io_line_number();

    switch (cmd->a2.type) {
    case ADDR_LINE: case ADDR_PLUS: case ADDR_MULT:
        if (line >= cmd->range_end)
            cmd->range_active = 0;
        return line <= cmd->range_end;
    default:
        if (match_addr(&cmd->a2))
            cmd->range_active = 0;
        return 1;
    }
}

static int
selected(struct sed_cmd *cmd)
{
    long line = io_line_number();
    int r;

    if (cmd->a1.type == ADDR_NONE)
        return 1;
    if (cmd->a2.type == ADDR_NONE) {
        r = match_addr(&cmd->a1);
    } else if (cmd->range_active) {
        r = range_continues(cmd);
    } else if (cmd->a1.type == ADDR_LINE && cmd->a1.n1 == 0 && line == 1) {
        /* 0,/re/: the range is open before the first line, which may end it. */
        cmd->range_active = 1;
        r = range_continues(cmd);
    } else if (match_addr(&cmd->a1)) {
        r = 1;
        switch (cmd->a2.type) {
        case ADDR_LINE:
            cmd->range_end = cmd->a2.n1;
            cmd->range_active = cmd->a2.n1 > line;
            break;
        case ADDR_PLUS:
            cmd->range_end = line + cmd->a2.n1;
            cmd->range_active = cmd->a2.n1 > 0;
            break;
        case ADDR_MULT:
            /* Up to the next multiple after this line, as GNU sed counts it. */
            cmd->range_end = cmd->a2.n1 <= 0 ? line : (line / cmd->a2.n1 + 1) * cmd->a2.n1;
            cmd->range_active = cmd->range_end > line;
            break;
        default:
            cmd->range_active = !(cmd->a2.type == ADDR_LAST && io_is_last());
            break;
        }
    } else {
        r = 0;
    }
    return r != cmd->negate;
}

static void
queue_append(int is_file, const char *text)
{
    if (nappends == capappends) {
        capappends = capappends ? capappends * 2 : 8;
        appends = sed_realloc(appends, (size_t)capappends * sizeof *appends);
    }
    appends[nappends].is_file = is_file;
    appends[nappends].text = text;
    nappends++;
}

/* Write the text of a, i or c, which ends in its newline unless it is empty. */
static void
write_text(struct sed_output *out, const char *text)
{
    size_t len = strlen(text);

    if (len > 0)
        io_write_line(out, text, len - 1, 1);
}

/* Write the queued a text and r files (a missing r file is silently skipped). */
static void
flush_appends(void)
{
    struct sed_output *out = io_main_output();

    for (int i = 0; i < nappends; i++) {
        if (!appends[i].is_file) {
            write_text(out, appends[i].text);
            continue;
        }
        FILE *f = fopen(appends[i].text, "r");
        if (!f)
            continue;
        char chunk[4096];
        size_t n;
        if (out->missing_newline) {
            fputc('\n', out->f);
            out->missing_newline = 0;
        }
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
            fwrite(chunk, 1, n, out->f);
        fclose(f);
    }
    nappends = 0;
}

static void
write_pattern(struct sed_output *out, size_t len)
{
    io_write_line(out, pattern.s, len, pattern.chomped || len < pattern.len);
}

/* The escape l shows for c as "\\x" in esc, or 0 if c has no one-letter escape. */
static int
list_escape(unsigned char c, char *esc)
{
    static const char from[] = "\\\a\b\f\n\r\t\v", to[] = "\\abfnrtv";

    for (int i = 0; from[i]; i++) {
        if ((unsigned char)from[i] == c) {
            esc[0] = '\\';
            esc[1] = to[i];
            esc[2] = '\0';
            return 1;
        }
    }
    return 0;
}

/* The l command: the pattern space unambiguously, folded at width. */
static void
list_pattern(long width)
{
    struct sed_buf out = { 0 };
    size_t col = 0;
    char esc[8];

    if (width < 0)
        width = 70;
    buf_append(&out, "", 0);
    for (size_t i = 0; i < pattern.len; i++) {
        unsigned char c = (unsigned char)pattern.s[i];
        if (!list_escape(c, esc)) {
            if (c >= 32 && c < 127)
                sprintf(esc, "%c", c);
            else
                sprintf(esc, "\\%03o", c);
        }
        size_t n = strlen(esc);
        if (width > 1 && col + n > (size_t)width - 1) {
            buf_append(&out, "\\\n", 2);
            col = 0;
        }
        buf_append(&out, esc, n);
        col += n;
    }
    buf_append(&out, "$", 1);
    io_write_line(io_main_output(), out.s, out.len, 1);
    free(out.s);
}

/* Append n bytes of replacement text to b, applying the \U \L \u \l state. */
static void
append_cased(struct sed_buf *b, const char *s, size_t n, int *mode, int *once)
{
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int conv = *once ? *once : *mode;
        if (conv == 'U' || conv == 'u')
            c = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
        else if (conv == 'L' || conv == 'l')
            c = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
        *once = 0;
        buf_append(b, &c, 1);
    }
}

/* Append cmd's replacement for the match m (offsets relative to base). */
static void
append_replacement(struct sed_buf *b, const struct sed_cmd *cmd, const char *base,
                   const regmatch_t *m)
{
    int mode = 0, once = 0;

    for (int i = 0; i < cmd->nrepl; i++) {
        const struct sed_repl *r = &cmd->repl[i];
        if (r->type == REPL_TEXT) {
            append_cased(b, r->text, r->len, &mode, &once);
        } else if (r->type == REPL_GROUP) {
            const regmatch_t *g = &m[r->group];
            if (g->rm_so >= 0)
                append_cased(b, base + g->rm_so, (size_t)(g->rm_eo - g->rm_so), &mode, &once);
        } else if (r->group == 'u' || r->group == 'l') {
            once = r->group;
        } else {
            mode = r->group == 'E' ? 0 : r->group;
            once = 0;
        }
    }
}

/* The s command; returns whether a replacement was made. */
static int
substitute(const struct sed_cmd *cmd)
{
    regex_t *re = use_regex(cmd->re);
    struct sed_buf out = { 0 };
    regmatch_t m[10];
    size_t pos = 0, prev_end = (size_t)-1;
    long count = 0;
    int done = 0;

    buf_append(&out, "", 0);
    for (int i = 0; i < 10; i++)
        m[i].rm_so = m[i].rm_eo = -1;
    while (pos <= pattern.len) {
        /* The text before pos stays visible to ^ and the word boundaries. */
        m[0].rm_so = (regoff_t)pos;
        m[0].rm_eo = (regoff_t)pattern.len;
        if (regexec(re, pattern.s, 10, m, REG_STARTEND) != 0)
            break;
        size_t so = (size_t)m[0].rm_so, eo = (size_t)m[0].rm_eo;
        if (so == eo && so == prev_end) {
            /* No empty match right where the previous match ended. */
            if (so >= pattern.len)
                break;
            buf_append(&out, pattern.s + so, 1);
            pos = so + 1;
            continue;
        }
        buf_append(&out, pattern.s + pos, so - pos);
        if (++count >= cmd->occurrence) {
            append_replacement(&out, cmd, pattern.s, m);
            done = 1;
        } else {
            buf_append(&out, pattern.s + so, eo - so);
        }
        prev_end = eo;
        pos = eo;
        if (done && !cmd->global)
            break;
        if (so == eo) {
            if (so < pattern.len)
                buf_append(&out, pattern.s + so, 1);
            pos = so + 1;
        }
    }
    if (done) {
        if (pos < pattern.len)
            buf_append(&out, pattern.s + pos, pattern.len - pos);
        out.chomped = pattern.chomped;
        free(pattern.s);
        pattern = out;
    } else {
        free(out.s);
    }
    return done;
}

/* Read the next input line into b; 0 at the end of input. */
static int
read_into(struct sed_buf *b)
{
    int ok = io_read_line(&b->s, &b->len, &b->cap, &b->chomped);

    if (ok) {
        buf_reserve(b, b->len);
        b->s[b->len] = '\0';
    }
    return ok;
}

/* Run the script once over the pattern space. */
static enum sed_end
run_commands(void)
{
    struct sed_script *sc = &sed_script;
    static struct sed_buf next_line;

    for (int pc = 0; pc < sc->ncmds; pc++) {
        struct sed_cmd *cmd = &sc->cmds[pc];
        if (!selected(cmd)) {
            if (cmd->name == '{')
                pc = cmd->jump;
            continue;
        }
        switch (cmd->name) {
        case '{': case '}': case ':':
            break;
        case '=': {
            char num[24];
            int n = snprintf(num, sizeof num, "%ld", io_line_number());
            io_write_line(io_main_output(), num, (size_t)n, 1);
            break;
        }
        case 'a':
            queue_append(0, cmd->text);
            break;
        case 'i':
            write_text(io_main_output(), cmd->text);
            break;
        case 'c':
            /* In a range the text replaces the whole range: print it at its end. */
            if (cmd->a2.type == ADDR_NONE || cmd->negate || !cmd->range_active)
                write_text(io_main_output(), cmd->text);
            return END_DELETE;
        case 'd':
            return END_DELETE;
        case 'D': {
            char *nl = memchr(pattern.s, '\n', pattern.len);
            if (!nl)
                return END_DELETE;
            size_t cut = (size_t)(nl - pattern.s) + 1;
            memmove(pattern.s, pattern.s + cut, pattern.len - cut + 1);
            pattern.len -= cut;
            return END_RESTART;
        }
        case 'g':
            buf_set(&pattern, hold.s ? hold.s : "", hold.len);
            pattern.chomped = hold.chomped;
            break;
        case 'G':
            buf_append(&pattern, "\n", 1);
            buf_append(&pattern, hold.s ? hold.s : "", hold.len);
            pattern.chomped = hold.chomped;
            break;
        case 'h':
            buf_set(&hold, pattern.s, pattern.len);
            hold.chomped = pattern.chomped;
            break;
        case 'H':
            buf_append(&hold, "\n", 1);
            buf_append(&hold, pattern.s, pattern.len);
            hold.chomped = pattern.chomped;
            break;
        case 'x': {
            struct sed_buf t = pattern;
            pattern = hold;
            hold = t;
            if (!pattern.s)
                buf_set(&pattern, "", 0);
            break;
        }
        case 'l':
            list_pattern(cmd->int_arg);
            break;
        case 'n':
            if (io_is_last())
                return END_QUIT;
            if (!sed_quiet)
                write_pattern(io_main_output(), pattern.len);
            flush_appends();
            read_into(&pattern);
            break;
        case 'N':
            if (io_is_last())
                return END_QUIT;
            flush_appends();
            read_into(&next_line);
            buf_append(&pattern, "\n", 1);
            buf_append(&pattern, next_line.s, next_line.len);
            pattern.chomped = next_line.chomped;
            break;
        case 'p':
            write_pattern(io_main_output(), pattern.len);
            break;
        case 'P': {
            char *nl = memchr(pattern.s, '\n', pattern.len);
            write_pattern(io_main_output(), nl ? (size_t)(nl - pattern.s) : pattern.len);
            break;
        }
        case 'q':
            exit_status = cmd->int_arg < 0 ? 0 : (int)cmd->int_arg;
            return END_QUIT;
        case 'Q':
            exit_status = cmd->int_arg < 0 ? 0 : (int)cmd->int_arg;
            return END_QUIT_SILENT;
        case 'r':
            queue_append(1, cmd->text);
            break;
        case 's':
            if (substitute(cmd)) {
                replaced = 1;
                if (cmd->print)
                    write_pattern(io_main_output(), pattern.len);
                if (cmd->out)
                    write_pattern(cmd->out, pattern.len);
            }
            break;
        case 't':
            if (replaced) {
                replaced = 0;
                pc = cmd->jump < 0 ? sc->ncmds : cmd->jump;
            }
            break;
        case 'T':
            if (!replaced)
                pc = cmd->jump < 0 ? sc->ncmds : cmd->jump;
            else
                replaced = 0;
            break;
        case 'b':
            pc = cmd->jump < 0 ? sc->ncmds : cmd->jump;
            break;
        case 'w':
            write_pattern(cmd->out, pattern.len);
            break;
        case 'W': {
            char *nl = memchr(pattern.s, '\n', pattern.len);
            write_pattern(cmd->out, nl ? (size_t)(nl - pattern.s) : pattern.len);
            break;
        }
        case 'y':
            for (size_t i = 0; i < pattern.len; i++)
                pattern.s[i] = (char)cmd->map[(unsigned char)pattern.s[i]];
            break;
        case 'z':
            pattern.len = 0;
            pattern.s[0] = '\0';
            break;
        case 'F': {
            const char *name = io_file_name();
            io_write_line(io_main_output(), name, strlen(name), 1);
            break;
        }
        }
    }
    return END_CYCLE;
}

int
sed_execute(void)
{
    int restart = 0;

    buf_set(&pattern, "", 0);
    for (;;) {
        if (!restart) {
            if (!read_into(&pattern))
                break;
            replaced = 0;
        }
        restart = 0;
        enum sed_end end = run_commands();
        if ((end == END_CYCLE || end == END_QUIT) && !sed_quiet)
            write_pattern(io_main_output(), pattern.len);
        if (end != END_QUIT_SILENT)
            flush_appends();
        if (end == END_QUIT || end == END_QUIT_SILENT)
            break;
        /* D with text left starts the next cycle without reading (when there is text). */
        restart = end == END_RESTART;
    }
    io_finish();
    fflush(stdout);
    if (exit_status)
        return exit_status;
    return io_status();
}
