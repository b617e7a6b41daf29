/*
 * expand.c - a raw word to fields (POSIX 2.6, the parts this shell has):
 * tilde expansion, parameter expansion ($name, ${name}, ${name:-word},
 * ${name-word}, ${#name}, $? $$ $! $# $0..$9 $@ $*), field splitting of
 * unquoted expansion results at blanks, pathname expansion with glob(3) and
 * quote removal.
 *
 * The word is first expanded into a buffer that remembers, for every byte,
 * how it came to be there (enum origin): bytes written in the word without
 * quotes, quoted bytes, and bytes produced by an unquoted expansion. Only the
 * last are split into fields; quoted bytes never act as glob characters.
 */
#include <ctype.h>
#include <glob.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

enum origin {
    O_LITERAL,   /* unquoted text of the word */
    O_QUOTED,    /* inside quotes or escaped */
    O_EXPANDED,  /* from an unquoted expansion: subject to field splitting */
    O_EMPTYQ,    /* zero-width mark: quotes were here ("" makes a field) */
    O_BREAK,     /* zero-width mark: a field ends here even inside quotes ("$@") */
    O_NOFIELD,   /* zero-width mark: "$@" without parameters; alone, no field */
};

struct xbuf {
    char *s;
    unsigned char *o;
    size_t n, cap;
};

static void xput(struct xbuf *b, char c, enum origin o)
{
    if (b->n + 1 >= b->cap) {
        b->cap = b->cap ? 2 * b->cap : 64;
        b->s = realloc(b->s, b->cap);
        b->o = realloc(b->o, b->cap);
        if (!b->s || !b->o) {
            sh_error("out of memory");
            exit(2);
        }
    }
    b->s[b->n] = c;
    b->o[b->n++] = (unsigned char)o;
}

static void xputs(struct xbuf *b, const char *s, enum origin o)
{
    while (s && *s)
        xput(b, *s++, o);
}

void fields_add(struct fields *f, char *s)
{
    if (f->n + 1 >= f->cap) {
        f->cap = f->cap ? 2 * f->cap : 8;
        f->v = realloc(f->v, (size_t)f->cap * sizeof *f->v);
        if (!f->v) {
            sh_error("out of memory");
            exit(2);
        }
    }
    f->v[f->n++] = s;
    f->v[f->n] = NULL;
}

void fields_free(struct fields *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->v[i]);
    free(f->v);
    memset(f, 0, sizeof *f);
}

int valid_name(const char *s, size_t len)
{
    if (len == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < len; i++)
        if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
            return 0;
    return 1;
}

int is_assignment(const char *word, size_t *eq)
{
    const char *e = strchr(word, '=');

    if (!e || !valid_name(word, (size_t)(e - word)))
        return 0;
    *eq = (size_t)(e - word);
    return 1;
}

/* The value of a special or positional parameter, or a variable; NULL if unset. */
static const char *param_value(const char *name, char *tmp, size_t tmplen)
{
    if (strcmp(name, "?") == 0) {
        snprintf(tmp, tmplen, "%d", sh.last_status);
        return tmp;
    }
    if (strcmp(name, "$") == 0) {
        snprintf(tmp, tmplen, "%d", (int)sh.pid);
        return tmp;
    }
    if (strcmp(name, "!") == 0) {
        if (!sh.last_bg)
            return NULL;
        snprintf(tmp, tmplen, "%d", (int)sh.last_bg);
        return tmp;
    }
    if (strcmp(name, "#") == 0) {
        snprintf(tmp, tmplen, "%d", sh.argc > 0 ? sh.argc - 1 : 0);
        return tmp;
    }
    if (isdigit((unsigned char)name[0])) {
        int i = atoi(name);
        return i < sh.argc ? sh.argv[i] : NULL;
    }
    return var_get(name);
}

/*
 * $@ and $*: the positional parameters joined by spaces, except "$@" (at,
 * quoted), where each parameter stays a field of its own, and no parameter
 * at all makes no field.
 */
static void put_all_params(struct xbuf *b, enum origin o, int at)
{
    int separate = at && o == O_QUOTED;

    if (separate && sh.argc <= 1)
        xput(b, 0, O_NOFIELD);
    for (int i = 1; i < sh.argc; i++) {
        if (i > 1) {
            if (separate)
                xput(b, 0, O_BREAK);
            else
                xput(b, ' ', o);
        }
        xputs(b, sh.argv[i], o);
    }
}

/*
 * Expand the parameter at *pp (just after '$'); o is O_QUOTED inside double
 * quotes, else O_EXPANDED. Returns -1 after an error message.
 */
static int expand_param(const char **pp, struct xbuf *b, enum origin o)
{
    const char *p = *pp;
    char name[128], tmp[32];
    size_t len = 0;

    if (*p == '{') {
        const char *close = strchr(p, '}');
        const char *body = p + 1;
        int length_of = 0;

        if (!close) {
            sh_error("bad substitution");
            return -1;
        }
        if (*body == '#' && body + 1 < close) {
            length_of = 1;
            body++;
        }
        /* name, then an optional operator ":-", "-" with a word */
        const char *n = body;
        if (isdigit((unsigned char)*n) || strchr("?$!#@*", *n))
            n++;
        else
            while (n < close && (isalnum((unsigned char)*n) || *n == '_'))
                n++;
        len = (size_t)(n - body);
        if (len == 0 || len >= sizeof name) {
            sh_error("bad substitution");
            return -1;
        }
        memcpy(name, body, len);
        name[len] = '\0';
        const char *value = param_value(name, tmp, sizeof tmp);
        if (length_of) {
            if (n != close) {
                sh_error("bad substitution");
                return -1;
            }
            snprintf(tmp, sizeof tmp, "%zu", value ? strlen(value) : 0);
            xputs(b, tmp, o);
        } else if (n == close) {
            xputs(b, value, o);
        } else {
            int colon = *n == ':';
            if (colon)
                n++;
            if (*n != '-') {
                sh_error("bad substitution: only ${name-word} and ${name:-word} are supported");
                return -1;
            }
            if (!value || (colon && !*value)) {
                char *word = strndup(n + 1, (size_t)(close - n - 1));
                char *w = word ? expand_single(word) : NULL;
                xputs(b, w, o);
                free(w);
                free(word);
            } else {
                xputs(b, value, o);
            }
        }
        *pp = close + 1;
        return 0;
    }
    if (*p == '@' || *p == '*') {
        put_all_params(b, o, *p == '@');
        *pp = p + 1;
        return 0;
    }
    if (*p && (strchr("?$!#", *p) || isdigit((unsigned char)*p))) {
        name[0] = *p;
        name[1] = '\0';
        xputs(b, param_value(name, tmp, sizeof tmp), o);
        *pp = p + 1;
        return 0;
    }
    while ((isalnum((unsigned char)p[len]) || p[len] == '_') && len < sizeof name - 1)
        len++;
    if (len == 0 || isdigit((unsigned char)p[0])) {
        if (*p == '(') {
            sh_error("command substitution is not supported");
            return -1;
        }
        xput(b, '$', o == O_EXPANDED ? O_LITERAL : o); /* a lone '$' stays */
        return 0;
    }
    memcpy(name, p, len);
    name[len] = '\0';
    xputs(b, var_get(name), o);
    *pp = p + len;
    return 0;
}

/* ~ or ~user at the start of a word, up to the first '/'. */
static const char *expand_tilde(const char **pp, struct xbuf *b)
{
    const char *p = *pp + 1, *end = p;
    char user[64];

    while (*end && *end != '/')
        end++;
    for (const char *c = p; c < end; c++)
        if (*c == '\'' || *c == '"' || *c == '\\' || *c == '$')
            return NULL; /* quoted tilde prefixes are literal */
    if (end == p) {
        const char *home = var_get("HOME");
        if (!home)
            return NULL;
        xputs(b, home, O_QUOTED);
    } else {
        if ((size_t)(end - p) >= sizeof user)
            return NULL;
        memcpy(user, p, (size_t)(end - p));
        user[end - p] = '\0';
        struct passwd *pw = getpwnam(user);
        if (!pw)
            return NULL;
        xputs(b, pw->pw_dir, O_QUOTED);
    }
    *pp = end;
    return end;
}

/* The word's bytes with their origins. Returns -1 after an error message. */
static int expand_to_buffer(const char *raw, struct xbuf *b)
{
    const char *p = raw;

    if (*p == '~')
        expand_tilde(&p, b);
    while (*p) {
        char c = *p;
        if (c == '\'') {
            xput(b, 0, O_EMPTYQ);
            const char *close = strchr(p + 1, '\'');
            if (!close)
                close = p + strlen(p);
            for (p++; p < close; p++)
                xput(b, *p, O_QUOTED);
            p = *close ? close + 1 : close;
        } else if (c == '"') {
            xput(b, 0, O_EMPTYQ);
            for (p++; *p && *p != '"';) {
                if (*p == '\\' && p[1] && strchr("$`\"\\\n", p[1])) {
                    if (p[1] != '\n')
                        xput(b, p[1], O_QUOTED);
                    p += 2;
                } else if (*p == '$') {
                    p++;
                    if (expand_param(&p, b, O_QUOTED) < 0)
                        return -1;
                } else if (*p == '`') {
                    sh_error("command substitution is not supported");
                    return -1;
                } else {
                    xput(b, *p++, O_QUOTED);
                }
            }
            if (*p == '"')
                p++;
        } else if (c == '\\') {
            if (p[1] == '\n') {
                p += 2;
            } else if (p[1]) {
                xput(b, p[1], O_QUOTED);
                p += 2;
            } else {
                xput(b, '\\', O_QUOTED);
                p++;
            }
        } else if (c == '$') {
            p++;
            if (expand_param(&p, b, O_EXPANDED) < 0)
                return -1;
        } else if (c == '`') {
            sh_error("command substitution is not supported");
            return -1;
        } else {
            xput(b, c, O_LITERAL);
            p++;
        }
    }
    return 0;
}

static int is_ifs_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Add the field b[start, end) to out, globbing it when asked and it has
 * unquoted glob characters; quote marks are dropped. */
static void finish_field(struct xbuf *b, size_t start, size_t end, struct fields *out, int do_glob)
{
    size_t len = 0;
    int globby = 0;
    char *plain = malloc(end - start + 1), *pattern = malloc(2 * (end - start) + 1);

    if (!plain || !pattern) {
        sh_error("out of memory");
        exit(2);
    }
    char *q = pattern;
    int nofield = 0;
    for (size_t i = start; i < end; i++) {
        char c = b->s[i];
        nofield |= b->o[i] == O_NOFIELD;
        if (b->o[i] == O_EMPTYQ || b->o[i] == O_NOFIELD)
            continue;
        plain[len++] = c;
        if (b->o[i] == O_QUOTED) {
            if (strchr("\\*?[]", c))
                *q++ = '\\';
        } else if (c == '*' || c == '?' || c == '[') {
            globby = 1;
        }
        *q++ = c;
    }
    plain[len] = '\0';
    *q = '\0';
    if (len == 0 && nofield) { /* "$@" with no parameters */
        free(plain);
        free(pattern);
        return;
    }
    if (do_glob && globby) {
        glob_t g;
        if (glob(pattern, 0, NULL, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; i++) {
                char *m = strdup(g.gl_pathv[i]);
                if (m)
                    fields_add(out, m);
            }
            globfree(&g);
            free(plain);
            free(pattern);
            return;
        }
    }
    free(pattern);
    fields_add(out, plain);
}

int expand_word(const char *raw, struct fields *out, int do_glob)
{
    struct xbuf b = {0};

    if (expand_to_buffer(raw, &b) < 0) {
        free(b.s);
        free(b.o);
        return -1;
    }
    /* Split at blanks that came from unquoted expansions. */
    size_t start = 0;
    int have = 0; /* the current field has content or quotes */
    for (size_t i = 0; i < b.n; i++) {
        if (b.o[i] == O_BREAK) {
            /* Between two parameters of "$@": both are fields, even empty. */
            finish_field(&b, start, i, out, do_glob);
            have = 1;
            start = i + 1;
        } else if (b.o[i] == O_EXPANDED && is_ifs_blank(b.s[i])) {
            if (have)
                finish_field(&b, start, i, out, do_glob);
            have = 0;
            start = i + 1;
        } else {
            if (!have)
                start = i;
            have = 1;
        }
    }
    if (have)
        finish_field(&b, start, b.n, out, do_glob);
    free(b.s);
    free(b.o);
    return 0;
}

char *expand_single(const char *raw)
{
    struct xbuf b = {0};
    size_t len = 0;

    if (expand_to_buffer(raw, &b) < 0) {
        free(b.s);
        free(b.o);
        return NULL;
    }
    char *s = malloc(b.n + 1);
    if (!s) {
        sh_error("out of memory");
        exit(2);
    }
    for (size_t i = 0; i < b.n; i++) {
        if (b.o[i] == O_BREAK)
            s[len++] = ' '; /* "$@" as one string: the parameters joined */
        else if (b.o[i] != O_EMPTYQ && b.o[i] != O_NOFIELD)
            s[len++] = b.s[i];
    }
    s[len] = '\0';
    free(b.s);
    free(b.o);
    return s;
}
