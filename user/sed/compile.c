/*
 * compile.c - turn the text of a sed script into an array of commands.
 *
 * The script (every -e and -f piece joined by newlines) is read by a single
 * left-to-right pass. Each command is [addr1[,addr2]][!]letter[arguments];
 * commands end at ';', a newline or '}', except those whose argument runs to
 * the end of the line (a i c text, labels, file names). Regular expressions
 * are copied out of their delimiters with \n turned into a newline and \DELIM
 * into the delimiter, then compiled with <regex.h>; an empty one stands for
 * the last regex used at run time. Jumps and blocks are resolved to command
 * indices at the end (sed_finish_compile), when every label is known.
 */
#include <stdlib.h>
#include <string.h>

#include "sed.h"

struct sed_script sed_script;

static const char *src;  /* the script text */
static size_t pos;       /* the next character */
static int *block_stack; /* indices of the open '{' commands */
static int nblocks;

static void __attribute__((noreturn))
bad(const char *msg)
{
    fprintf(stderr, "%s: -e expression #1, char %zu: %s\n", sed_prog, pos, msg);
    exit(1);
}

static int
peek(void)
{
    return (unsigned char)src[pos];
}

static int
next(void)
{
    return src[pos] ? (unsigned char)src[pos++] : 0;
}

static void
skip_blanks(void)
{
    while (src[pos] == ' ' || src[pos] == '\t')
        pos++;
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static long
read_number(void)
{
    long n = 0;

    while (is_digit(peek()))
        n = n * 10 + (next() - '0');
    return n;
}

/* A growing string. */
struct sed_str {
    char *s;
    size_t len, cap;
};

static void
str_add(struct sed_str *b, int c)
{
    if (b->len + 2 > b->cap) {
        b->cap = b->cap ? b->cap * 2 : 32;
        b->s = sed_realloc(b->s, b->cap);
    }
    b->s[b->len++] = (char)c;
    b->s[b->len] = '\0';
}

/*
 * The byte named by a GNU numeric escape at s (after the backslash): \xHH,
 * \oNNN or \dNNN. Returns -1 if s holds none; *used gets its length.
 */
static int
numeric_escape(const char *s, int *used)
{
    int base = s[0] == 'x' ? 16 : s[0] == 'o' ? 8 : s[0] == 'd' ? 10 : 0;
    int max = base == 16 ? 2 : 3, v = 0, n = 0;

    if (!base)
        return -1;
    for (; n < max; n++) {
        int c = (unsigned char)s[1 + n], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            break;
        if (d >= base)
            break;
        v = v * base + d;
    }
    if (n == 0 || v > 255)
        return -1;
    *used = 1 + n;
    return v;
}

/*
 * Read up to the unescaped delimiter (consumed). With regex set, \n becomes a
 * newline, \t a tab, \xHH \oNNN \dNNN their byte and \DELIM the delimiter;
 * otherwise escapes are kept (the replacement parser reads them) except
 * \DELIM. NULL if unterminated.
 */
static char *
read_delimited(int delim, int regex)
{
    struct sed_str b = { 0 };
    int c;

    str_add(&b, 0);
    b.len = 0;
    while ((c = next()) != delim) {
        if (c == 0 || (c == '\n' && regex)) {
            free(b.s);
            return NULL;
        }
        if (c == '\\') {
            c = next();
            if (c == 0) {
                free(b.s);
                return NULL;
            }
            int used, v = regex ? numeric_escape(src + pos - 1, &used) : -1;
            if (v >= 0) {
                /* As in GNU sed, the byte then reads as if typed: \x2e is any character. */
                str_add(&b, v);
                pos += (size_t)used - 1;
            } else if (c == delim && delim != '&') {
                str_add(&b, c);
            } else if (regex && c == 'n') {
                str_add(&b, '\n');
            } else if (regex && c == 't') {
                str_add(&b, '\t');
            } else {
                str_add(&b, '\\');
                str_add(&b, c);
            }
            continue;
        }
        str_add(&b, c);
    }
    return b.s;
}

/* Compile a regex; "" gives NULL, meaning the last regex used. */
static regex_t *
compile_regex(const char *text, int icase)
{
    if (text[0] == '\0')
        return NULL;
    regex_t *re = sed_alloc(sizeof *re);
    int rc = regcomp(re, text, (sed_extended ? REG_EXTENDED : 0) | (icase ? REG_ICASE : 0));
    if (rc != 0) {
        char msg[128];
        regerror(rc, re, msg, sizeof msg);
        bad(msg);
    }
    return re;
}

/* A regex address after its opening delimiter was read, with its I/M flags. */
static void
parse_regex_addr(struct sed_addr *a, int delim)
{
    char *text = read_delimited(delim, 1);
    int icase = 0;

    if (!text)
        bad("unterminated address regex");
    for (;;) {
        if (peek() == 'I')
            icase = 1;
        else if (peek() != 'M')
            break;
        pos++;
    }
    a->type = ADDR_REGEX;
    a->re = compile_regex(text, icase);
    free(text);
}

/* An address; first says whether it is addr1 (where +N and ~N mean nothing). */
static int
parse_addr(struct sed_addr *a, int first)
{
    int c = peek();

    if (is_digit(c)) {
        a->type = ADDR_LINE;
        a->n1 = read_number();
        if (peek() == '~' && first) {
            pos++;
            a->type = ADDR_STEP;
            a->n2 = read_number();
        }
        return 1;
    }
    if (!first && (c == '+' || c == '~')) {
        pos++;
        if (!is_digit(peek()))
            bad("expected newer version of sed");
        a->type = c == '+' ? ADDR_PLUS : ADDR_MULT;
        a->n1 = read_number();
        return 1;
    }
    if (c == '$') {
        pos++;
        a->type = ADDR_LAST;
        return 1;
    }
    if (c == '/') {
        pos++;
        parse_regex_addr(a, '/');
        return 1;
    }
    if (c == '\\') {
        pos++;
        int delim = next();
        if (delim == 0 || delim == '\n' || delim == '\\')
            bad("unexpected `,'");
        parse_regex_addr(a, delim);
        return 1;
    }
    return 0;
}

/* The text of a, i or c: one-line GNU form or the POSIX form after a backslash-newline. */
static char *
read_text(void)
{
    struct sed_str b = { 0 };
    int c, backslash = 0;

    skip_blanks();
    if (peek() == '\\') {
        backslash = 1;
        pos++;
        if (peek() == '\n')
            pos++;
    }
    str_add(&b, 0);
    b.len = 0;
    while ((c = next()) != 0 && c != '\n') {
        if (c == '\\') {
            c = next();
            if (c == 0)
                break;
        }
        str_add(&b, c);
    }
    if (b.len == 0 && !backslash)
        bad("expected \\ after `a', `c' or `i'");
    /* The text keeps its newline; only "a\" with nothing after it is empty. */
    if (c == '\n' || b.len > 0)
        str_add(&b, '\n');
    return b.s;
}

/* A label or file name: the rest of the line (labels also end at ';'), trimmed. */
static char *
read_word(int stop_at_semicolon)
{
    size_t start, end;

    skip_blanks();
    start = pos;
    while (src[pos] && src[pos] != '\n' && !(stop_at_semicolon && src[pos] == ';'))
        pos++;
    end = pos;
    while (end > start && (src[end - 1] == ' ' || src[end - 1] == '\t'))
        end--;
    char *w = sed_alloc(end - start + 1);
    memcpy(w, src + start, end - start);
    w[end - start] = '\0';
    return w;
}

static void
add_repl(struct sed_cmd *cmd, enum sed_repl_type type, const char *text, size_t len, int group)
{
    cmd->repl = sed_realloc(cmd->repl, (size_t)(cmd->nrepl + 1) * sizeof *cmd->repl);
    struct sed_repl *r = &cmd->repl[cmd->nrepl++];
    r->type = type;
    r->group = group;
    r->len = len;
    r->text = NULL;
    if (text) {
        r->text = sed_alloc(len + 1);
        memcpy(r->text, text, len);
        r->text[len] = '\0';
    }
}

/* Split a replacement into literal text, & and \1-\9 references and case changes. */
static void
parse_replacement(struct sed_cmd *cmd, const char *s, int nsub)
{
    struct sed_str lit = { 0 };

    str_add(&lit, 0);
    lit.len = 0;
    for (; *s; s++) {
        int group = -1, casechange = 0;
        char c = *s;
        if (c == '&') {
            group = 0;
        } else if (c == '\\' && s[1]) {
            int used, v = numeric_escape(s + 1, &used);
            c = *++s;
            if (v >= 0) {
                c = (char)v;
                s += used - 1;
            } else if (is_digit(c)) {
                group = c - '0';
                if (group > nsub)
                    bad("invalid reference \\N on `s' command's RHS");
            } else if (strchr("ULulE", c)) {
                casechange = c;
            } else if (c == 'n') {
                c = '\n';
            } else if (c == 't') {
                c = '\t';
            }
        }
        if (group < 0 && !casechange) {
            str_add(&lit, c);
            continue;
        }
        if (lit.len) {
            add_repl(cmd, REPL_TEXT, lit.s, lit.len, 0);
            lit.len = 0;
        }
        if (casechange)
            add_repl(cmd, REPL_CASE, NULL, 0, casechange);
        else
            add_repl(cmd, REPL_GROUP, NULL, 0, group);
    }
    if (lit.len)
        add_repl(cmd, REPL_TEXT, lit.s, lit.len, 0);
    free(lit.s);
}

static void
parse_s(struct sed_cmd *cmd)
{
    int delim = next();
    char *re_text, *repl_text;
    int icase = 0;

    if (delim == 0 || delim == '\n' || delim == '\\')
        bad("unterminated `s' command");
    re_text = read_delimited(delim, 1);
    if (!re_text)
        bad("unterminated `s' command");
    repl_text = read_delimited(delim, 0);
    if (!repl_text)
        bad("unterminated `s' command");
    for (;;) {
        int c = peek();
        if (c == 'g') {
            cmd->global = 1;
        } else if (c == 'p') {
            cmd->print = 1;
        } else if (c == 'i' || c == 'I') {
            icase = 1;
        } else if (c == 'm' || c == 'M') {
            /* multi-line mode: ^ and $ already see the whole pattern space */
        } else if (is_digit(c)) {
            cmd->occurrence = read_number();
            if (cmd->occurrence == 0)
                bad("number option to `s' command may not be zero");
            continue;
        } else if (c == 'w') {
            pos++;
            char *name = read_word(0);
            if (!*name)
                bad("missing filename in r/R/w/W commands");
            cmd->out = io_open_output(name);
            free(name);
            break;
        } else {
            break;
        }
        pos++;
    }
    if (cmd->occurrence == 0)
        cmd->occurrence = 1;
    cmd->re = compile_regex(re_text, icase);
    /* With the last regex, references are checked when it is known; allow all. */
    parse_replacement(cmd, repl_text, cmd->re ? (int)cmd->re->re_nsub : 9);
    free(re_text);
    free(repl_text);
}

static void
parse_y(struct sed_cmd *cmd)
{
    int delim = next();
    char *from, *to;

    if (delim == 0 || delim == '\n' || delim == '\\')
        bad("unterminated `y' command");
    from = read_delimited(delim, 1);
    to = from ? read_delimited(delim, 1) : NULL;
    if (!from || !to)
        bad("unterminated `y' command");
    /* read_delimited kept "\\" as two characters: make it one. */
    for (char *s = from; *s; s++)
        if (s[0] == '\\' && s[1] == '\\')
            memmove(s, s + 1, strlen(s));
    for (char *s = to; *s; s++)
        if (s[0] == '\\' && s[1] == '\\')
            memmove(s, s + 1, strlen(s));
    if (strlen(from) != strlen(to))
        bad("strings for `y' command are different lengths");
    for (int i = 0; i < 256; i++)
        cmd->map[i] = (unsigned char)i;
    for (size_t i = 0; from[i]; i++)
        cmd->map[(unsigned char)from[i]] = (unsigned char)to[i];
    free(from);
    free(to);
}

/* After a command: only blanks, then ';', a newline, '}', '#' or the end. */
static void
end_of_command(void)
{
    skip_blanks();
    int c = peek();
    if (c == ';' || c == '\n')
        pos++;
    else if (c != 0 && c != '}' && c != '#')
        bad("extra characters after command");
}

static struct sed_cmd *
new_cmd(void)
{
    struct sed_script *s = &sed_script;

    s->cmds = sed_realloc(s->cmds, (size_t)(s->ncmds + 1) * sizeof *s->cmds);
    struct sed_cmd *cmd = &s->cmds[s->ncmds++];
    memset(cmd, 0, sizeof *cmd);
    cmd->jump = -1;
    return cmd;
}

void
sed_compile(const char *text)
{
    src = text;
    pos = 0;
    for (;;) {
        while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == ';')
            pos++;
        if (peek() == 0)
            break;
        if (peek() == '#') {
            while (peek() && peek() != '\n')
                pos++;
            continue;
        }
        struct sed_cmd *cmd = new_cmd();
        int index = sed_script.ncmds - 1;
        if (parse_addr(&cmd->a1, 1)) {
            if (peek() == ',') {
                pos++;
                skip_blanks();
                if (!parse_addr(&cmd->a2, 0))
                    bad("unexpected `,'");
            }
            if (cmd->a1.type == ADDR_LINE && cmd->a1.n1 == 0 &&
                (cmd->a2.type != ADDR_REGEX))
                bad("invalid usage of line address 0");
        }
        skip_blanks();
        while (peek() == '!') {
            cmd->negate = 1;
            pos++;
            skip_blanks();
        }
        cmd->name = (char)next();
        switch (cmd->name) {
        case '{':
            block_stack = sed_realloc(block_stack, (size_t)(nblocks + 1) * sizeof *block_stack);
            block_stack[nblocks++] = index;
            continue;
        case '}':
            if (nblocks == 0)
                bad("unexpected `}'");
            if (cmd->a1.type != ADDR_NONE)
                bad("} doesn't want any addresses");
            sed_script.cmds[block_stack[--nblocks]].jump = index;
            end_of_command();
            break;
        case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H': case 'n':
        case 'N': case 'p': case 'P': case 'x': case 'z': case 'F':
            end_of_command();
            break;
        case 'q': case 'Q': case 'l': case 'L':
            skip_blanks();
            cmd->int_arg = is_digit(peek()) ? read_number() : -1;
            if ((cmd->name == 'q' || cmd->name == 'Q') && cmd->a2.type != ADDR_NONE)
                bad("command only uses one address");
            end_of_command();
            break;
        case 'a': case 'i': case 'c':
            cmd->text = read_text();
            break;
        case ':':
            if (cmd->a1.type != ADDR_NONE)
                bad(": doesn't want any addresses");
            cmd->text = read_word(1);
            if (!*cmd->text)
                bad("\":\" lacks a label");
            if (peek() == ';')
                pos++;
            break;
        case 'b': case 't': case 'T':
            cmd->text = read_word(1);
            if (peek() == ';')
                pos++;
            break;
        case 'r': case 'w': case 'W':
            cmd->text = read_word(0);
            if (!*cmd->text)
                bad("missing filename in r/R/w/W commands");
            if (cmd->name == 'w' || cmd->name == 'W')
                cmd->out = io_open_output(cmd->text);
            break;
        case 's':
            parse_s(cmd);
            end_of_command();
            break;
        case 'y':
            parse_y(cmd);
            end_of_command();
            break;
        case 0:
            bad("missing command");
        default:
            pos--;
            bad("unknown command");
        }
    }
}

void
sed_finish_compile(void)
{
    if (nblocks > 0) {
        pos = strlen(src);
        bad("unmatched `{'");
    }
    for (int i = 0; i < sed_script.ncmds; i++) {
        struct sed_cmd *cmd = &sed_script.cmds[i];
        if (!strchr("btT", cmd->name) || !cmd->text[0])
            continue;
        cmd->jump = -2;
        for (int j = 0; j < sed_script.ncmds; j++)
            if (sed_script.cmds[j].name == ':' && strcmp(sed_script.cmds[j].text, cmd->text) == 0)
                cmd->jump = j;
        if (cmd->jump == -2) {
            fprintf(stderr, "%s: can't find label for jump to `%s'\n", sed_prog, cmd->text);
            exit(4); /* GNU sed reports this one as a "panic", with status 4 */
        }
    }
}
