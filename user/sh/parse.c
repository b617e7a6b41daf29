/*
 * parse.c - shell input to a syntax tree (sh.h).
 *
 * Grammar (a subset of the POSIX shell's):
 *   program   := { and_or ( ';' | '&' | newline ) }
 *   and_or    := pipeline { ( '&&' | '||' ) newline* pipeline }
 *   pipeline  := [ '!' ] command { '|' newline* command }
 *   command   := { word | redirection }        (at least one of them)
 *   redirection := [digits] ( '<' | '>' | '>>' | '<>' | '>&' | '<&' ) word
 * Words are kept raw: their quotes and '$' are interpreted by expand.c.
 * Here-documents, subshells, compound commands and functions are not part of
 * this shell; they are reported as errors rather than misread.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct parser {
    const char *p;     /* next character */
    int error;         /* a message was printed */
    int incomplete;    /* input ended where more was needed */
};

static void *grow(void *v, int n, size_t size)
{
    /* Room for n + 1 elements, growing by doubling at powers of two. */
    if (n == 0 || (n & (n - 1)) == 0) {
        v = realloc(v, (size_t)(n ? 2 * n : 1) * size + size);
        if (!v) {
            sh_error("out of memory");
            exit(2);
        }
    }
    return v;
}

static void skip_blanks(struct parser *ps)
{
    for (;;) {
        if (*ps->p == ' ' || *ps->p == '\t') {
            ps->p++;
        } else if (ps->p[0] == '\\' && ps->p[1] == '\n') {
            ps->p += 2; /* line continuation */
        } else if (*ps->p == '#') {
            while (*ps->p && *ps->p != '\n')
                ps->p++;
        } else {
            return;
        }
    }
}

static int is_operator_char(char c)
{
    return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')' ||
           c == '\n';
}

/* A raw word at ps->p, or NULL if none starts here. Quotes must close. */
static char *read_word(struct parser *ps)
{
    const char *start = ps->p, *q = ps->p;
    char quote = 0;

    while (*q) {
        char c = *q;
        if (quote == '\'') {
            if (c == '\'')
                quote = 0;
        } else if (c == '\\') {
            if (!q[1])
                break;
            q++;
        } else if (quote == '"') {
            if (c == '"')
                quote = 0;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '$' && q[1] == '{') {
            const char *close = strchr(q, '}');
            if (!close) {
                ps->incomplete = 1;
                return NULL;
            }
            q = close;
        } else if (c == ' ' || c == '\t' || is_operator_char(c)) {
            break;
        }
        q++;
    }
    if (quote) {
        ps->incomplete = 1;
        return NULL;
    }
    if (q == start)
        return NULL;
    ps->p = q;
    return strndup(start, (size_t)(q - start));
}

/* Parse a redirection operator at ps->p (after an optional descriptor). */
static int parse_redir(struct parser *ps, struct command *cmd)
{
    const char *s = ps->p;
    int fd = -1;
    enum redir_kind kind;

    if (isdigit((unsigned char)*s)) {
        fd = 0;
        while (isdigit((unsigned char)*s))
            fd = fd * 10 + (*s++ - '0');
    }
    if (s[0] == '<' && s[1] == '<') {
        sh_error("here-documents are not supported");
        ps->error = 1;
        return -1;
    }
    if (s[0] == '>' && s[1] == '>') {
        kind = REDIR_APPEND, s += 2;
    } else if ((s[0] == '>' || s[0] == '<') && s[1] == '&') {
        kind = REDIR_DUP;
        if (fd < 0)
            fd = s[0] == '>' ? 1 : 0;
        s += 2;
    } else if (s[0] == '<' && s[1] == '>') {
        kind = REDIR_RDWR, s += 2;
    } else if (s[0] == '>') {
        kind = REDIR_OUT, s += (s[1] == '|') ? 2 : 1;
    } else {
        kind = REDIR_IN, s++;
    }
    if (fd < 0)
        fd = (kind == REDIR_IN || kind == REDIR_RDWR) ? 0 : 1;
    ps->p = s;
    skip_blanks(ps);
    char *word = read_word(ps);
    if (!word) {
        if (!ps->incomplete) {
            sh_error("syntax error: a redirection needs a file name");
            ps->error = 1;
        }
        return -1;
    }
    struct redir *r = malloc(sizeof *r), **tail = &cmd->redirs;
    if (!r) {
        free(word);
        sh_error("out of memory");
        ps->error = 1;
        return -1;
    }
    *r = (struct redir){kind, fd, word, NULL};
    while (*tail)
        tail = &(*tail)->next;
    *tail = r;
    return 0;
}

/* Whether a redirection starts at s: [digits] then '<' or '>'. */
static int redir_starts(const char *s)
{
    while (isdigit((unsigned char)*s))
        s++;
    return *s == '<' || *s == '>';
}

static int parse_command(struct parser *ps, struct command *cmd)
{
    memset(cmd, 0, sizeof *cmd);
    for (;;) {
        skip_blanks(ps);
        char c = *ps->p;
        if (redir_starts(ps->p)) {
            if (parse_redir(ps, cmd) < 0)
                return -1;
            continue;
        }
        if (c == '(' || c == ')') {
            sh_error("syntax error: subshells are not supported");
            ps->error = 1;
            return -1;
        }
        if (!c || is_operator_char(c))
            break;
        char *w = read_word(ps);
        if (!w)
            return -1;
        cmd->words = grow(cmd->words, cmd->nwords, sizeof *cmd->words);
        cmd->words[cmd->nwords++] = w;
        cmd->words[cmd->nwords] = NULL;
    }
    if (cmd->nwords == 0 && !cmd->redirs) {
        if (!*ps->p && !ps->error)
            ps->incomplete = 1; /* "a |" at the end of the input */
        else
            sh_error("syntax error near '%c'", *ps->p == '\n' ? ' ' : *ps->p);
        ps->error = !ps->incomplete;
        return -1;
    }
    return 0;
}

static void skip_newlines(struct parser *ps)
{
    for (;;) {
        skip_blanks(ps);
        if (*ps->p != '\n')
            return;
        ps->p++;
    }
}

static int parse_pipeline(struct parser *ps, struct pipeline *pl)
{
    memset(pl, 0, sizeof *pl);
    skip_blanks(ps);
    if (ps->p[0] == '!' && (ps->p[1] == ' ' || ps->p[1] == '\t')) {
        pl->negate = 1;
        ps->p++;
    }
    for (;;) {
        pl->cmds = grow(pl->cmds, pl->ncmds, sizeof *pl->cmds);
        int rc = parse_command(ps, &pl->cmds[pl->ncmds]);
        pl->ncmds++; /* counted even when partial, so that it is freed */
        if (rc < 0)
            return -1;
        skip_blanks(ps);
        if (ps->p[0] != '|' || ps->p[1] == '|')
            return 0;
        ps->p++;
        skip_newlines(ps);
    }
}

static int parse_and_or(struct parser *ps, struct and_or *ao)
{
    memset(ao, 0, sizeof *ao);
    for (;;) {
        ao->pipes = grow(ao->pipes, ao->n, sizeof *ao->pipes);
        ao->ops = grow(ao->ops, ao->n, sizeof *ao->ops);
        if (parse_pipeline(ps, &ao->pipes[ao->n]) < 0) {
            ao->n++; /* so that free_program frees the partial pipeline */
            return -1;
        }
        ao->n++;
        skip_blanks(ps);
        if (ps->p[0] == '&' && ps->p[1] == '&') {
            ao->ops[ao->n] = OP_AND;
        } else if (ps->p[0] == '|' && ps->p[1] == '|') {
            ao->ops[ao->n] = OP_OR;
        } else {
            return 0;
        }
        ps->p += 2;
        skip_newlines(ps);
    }
}

enum parse_status parse_program(const char *text, struct program *prog)
{
    struct parser ps = {text, 0, 0};

    memset(prog, 0, sizeof *prog);
    for (;;) {
        skip_newlines(&ps);
        if (!*ps.p)
            break;
        if (*ps.p == ';' || *ps.p == '&') {
            sh_error("syntax error near '%c'", *ps.p);
            free_program(prog);
            return PARSE_ERROR;
        }
        prog->lists = grow(prog->lists, prog->n, sizeof *prog->lists);
        struct and_or *ao = &prog->lists[prog->n++];
        if (parse_and_or(&ps, ao) < 0)
            break;
        skip_blanks(&ps);
        if (*ps.p == '&') {
            ao->background = 1;
            ps.p++;
        } else if (*ps.p == ';') {
            ps.p++;
        } else if (*ps.p && *ps.p != '\n') {
            sh_error("syntax error near '%c'", *ps.p);
            ps.error = 1;
            break;
        }
    }
    if (ps.error || ps.incomplete) {
        free_program(prog);
        return ps.error ? PARSE_ERROR : PARSE_INCOMPLETE;
    }
    return PARSE_OK;
}

static void free_command(struct command *cmd)
{
    for (int i = 0; i < cmd->nwords; i++)
        free(cmd->words[i]);
    free(cmd->words);
    for (struct redir *r = cmd->redirs, *next; r; r = next) {
        next = r->next;
        free(r->word);
        free(r);
    }
}

void free_program(struct program *prog)
{
    for (int i = 0; i < prog->n; i++) {
        struct and_or *ao = &prog->lists[i];
        for (int j = 0; j < ao->n; j++) {
            struct pipeline *pl = &ao->pipes[j];
            for (int k = 0; k < pl->ncmds; k++)
                free_command(&pl->cmds[k]);
            free(pl->cmds);
        }
        free(ao->pipes);
        free(ao->ops);
    }
    free(prog->lists);
    memset(prog, 0, sizeof *prog);
}
