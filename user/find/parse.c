/*
 * parse.c - the expression of find, parsed by recursive descent:
 *
 *     expr    = and { (-o | -or) and }
 *     and     = unary { [-a | -and] unary }
 *     unary   = (! | -not) unary | ( expr ) | primary
 *
 * Options (-maxdepth, -mindepth, -depth) set find_opt and count as true.
 * When the expression has no action (-print, -print0, -exec, -delete,
 * -quit), it becomes "( expr ) -print", as POSIX says.
 */
#include <err.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "find.h"

static char **args;
static int nargs, pos;
static int has_action;

static struct node *parse_or(void);

static struct node *
new_node(enum node_kind kind)
{
    struct node *n = calloc(1, sizeof *n);

    if (!n)
        err(1, "out of memory");
    n->kind = kind;
    return n;
}

static const char *
peek(void)
{
    return pos < nargs ? args[pos] : NULL;
}

/* The argument of the primary just read; exits when it is missing. */
static const char *
operand(const char *primary)
{
    if (pos >= nargs)
        errx(1, "missing argument to '%s'", primary);
    return args[pos++];
}

/* [+-]N: the comparison and the number; the rest of the string in *rest. */
static void
parse_number(const char *primary, const char *s, struct node *n, const char **rest)
{
    char *end;

    n->cmp = CMP_EQ;
    if (*s == '+' || *s == '-') {
        n->cmp = *s == '+' ? CMP_GT : CMP_LT;
        s++;
    }
    if (*s < '0' || *s > '9')
        errx(1, "invalid argument '%s' to '%s'", s, primary);
    n->number = strtoll(s, &end, 10);
    if (rest)
        *rest = end;
    else if (*end)
        errx(1, "invalid argument '%s' to '%s'", s, primary);
}

static void
parse_size(const char *arg, struct node *n)
{
    const char *rest;

    parse_number("-size", arg, n, &rest);
    switch (*rest) {
    case '\0':
    case 'b': n->unit = 512; break;
    case 'c': n->unit = 1; break;
    case 'w': n->unit = 2; break;
    case 'k': n->unit = 1024; break;
    case 'M': n->unit = 1024 * 1024; break;
    case 'G': n->unit = 1024LL * 1024 * 1024; break;
    default: errx(1, "invalid -size type '%c'", *rest);
    }
    if (*rest && rest[1])
        errx(1, "invalid argument '%s' to '-size'", arg);
}

/* -perm MODE, -perm -MODE, -perm /MODE; the mode as chmod reads it, from 0, no umask. */
static void
parse_perm(const char *arg, struct node *n)
{
    void *set;
    mode_t old;

    if (*arg == '-' || *arg == '/')
        n->perm_how = *arg++;
    old = umask(0);
    set = setmode(arg);
    umask(old);
    if (!set)
        errx(1, "invalid mode '%s'", arg);
    n->perm = getmode(set, 0) & 07777;
    free(set);
}

static void
parse_type(const char *arg, struct node *n)
{
    for (const char *p = arg; *p; p++) {
        if (!strchr("fdlbcps", *p) || (p[1] && p[1] != ',') || (p[1] == ',' && !p[2]))
            errx(1, "invalid argument '%s' to '-type'", arg);
        if (p[1] == ',')
            p++;
    }
    if (!*arg)
        errx(1, "invalid argument '' to '-type'");
    n->types = arg;
}

/* -exec COMMAND ... ; or -exec COMMAND ... {} + */
static void
parse_exec(struct node *n)
{
    int start = pos;

    for (; pos < nargs; pos++) {
        if (strcmp(args[pos], ";") == 0)
            break;
        if (strcmp(args[pos], "+") == 0 && pos > start && strcmp(args[pos - 1], "{}") == 0) {
            n->kind = N_EXEC_PLUS;
            break;
        }
    }
    if (pos >= nargs || pos == start)
        errx(1, "missing argument to '-exec'");
    n->argv = args + start;
    n->argc = pos - start - (n->kind == N_EXEC_PLUS); /* without the {} of + */
    pos++;
    has_action = 1;
}

static unsigned
parse_id(const char *primary, const char *arg)
{
    char *end;
    unsigned long v;

    if (strcmp(primary, "-user") == 0) {
        struct passwd *pw = getpwnam(arg);
        if (pw)
            return pw->pw_uid;
    } else {
        struct group *gr = getgrnam(arg);
        if (gr)
            return gr->gr_gid;
    }
    v = strtoul(arg, &end, 10);
    if (!*arg || *end)
        errx(1, "'%s' is not the name of a known %s", arg, primary + 1);
    return (unsigned)v;
}

static int
parse_depth(const char *primary)
{
    const char *arg = operand(primary);
    char *end;
    long v = strtol(arg, &end, 10);

    if (!*arg || *end || v < 0)
        errx(1, "invalid argument '%s' to '%s'", arg, primary);
    return (int)v;
}

static struct node *
parse_primary(void)
{
    const char *p = args[pos++];
    struct node *n;
    struct stat st;

    if (strcmp(p, "-name") == 0 || strcmp(p, "-iname") == 0) {
        n = new_node(p[1] == 'i' ? N_INAME : N_NAME);
        n->pattern = operand(p);
    } else if (strcmp(p, "-path") == 0 || strcmp(p, "-wholename") == 0) {
        n = new_node(N_PATH);
        n->pattern = operand(p);
    } else if (strcmp(p, "-type") == 0) {
        n = new_node(N_TYPE);
        parse_type(operand(p), n);
    } else if (strcmp(p, "-size") == 0) {
        n = new_node(N_SIZE);
        parse_size(operand(p), n);
    } else if (strcmp(p, "-mtime") == 0 || strcmp(p, "-mmin") == 0) {
        n = new_node(p[2] == 't' ? N_MTIME : N_MMIN);
        parse_number(p, operand(p), n, NULL);
    } else if (strcmp(p, "-links") == 0) {
        n = new_node(N_LINKS);
        parse_number(p, operand(p), n, NULL);
    } else if (strcmp(p, "-newer") == 0) {
        const char *f = operand(p);
        n = new_node(N_NEWER);
        if (stat(f, &st) < 0)
            err(1, "'%s'", f);
        n->time = st.st_mtim.tv_sec;
        n->time_nsec = st.st_mtim.tv_nsec;
    } else if (strcmp(p, "-perm") == 0) {
        n = new_node(N_PERM);
        parse_perm(operand(p), n);
    } else if (strcmp(p, "-user") == 0 || strcmp(p, "-group") == 0) {
        n = new_node(p[1] == 'u' ? N_USER : N_GROUP);
        n->id = parse_id(p, operand(p));
    } else if (strcmp(p, "-empty") == 0) {
        n = new_node(N_EMPTY);
    } else if (strcmp(p, "-print") == 0 || strcmp(p, "-print0") == 0) {
        n = new_node(p[6] ? N_PRINT0 : N_PRINT);
        has_action = 1;
    } else if (strcmp(p, "-exec") == 0) {
        n = new_node(N_EXEC);
        parse_exec(n);
    } else if (strcmp(p, "-delete") == 0) {
        n = new_node(N_DELETE);
        find_opt.depth_first = 1;
        has_action = 1;
    } else if (strcmp(p, "-prune") == 0) {
        n = new_node(N_PRUNE);
    } else if (strcmp(p, "-quit") == 0) {
        n = new_node(N_QUIT);
        has_action = 1;
    } else if (strcmp(p, "-true") == 0) {
        n = new_node(N_TRUE);
    } else if (strcmp(p, "-false") == 0) {
        n = new_node(N_FALSE);
    } else if (strcmp(p, "-maxdepth") == 0) {
        find_opt.maxdepth = parse_depth(p);
        n = new_node(N_TRUE);
    } else if (strcmp(p, "-mindepth") == 0) {
        find_opt.mindepth = parse_depth(p);
        n = new_node(N_TRUE);
    } else if (strcmp(p, "-depth") == 0) {
        find_opt.depth_first = 1;
        n = new_node(N_TRUE);
    } else if (p[0] == '-' && p[1]) {
        errx(1, "unknown predicate '%s'", p);
    } else {
        errx(1, "paths must precede expression: '%s'", p);
    }
    return n;
}

static struct node *
parse_unary(void)
{
    const char *p = peek();
    struct node *n;

    if (!p)
        errx(1, "expected an expression at the end");
    if (strcmp(p, "!") == 0 || strcmp(p, "-not") == 0) {
        pos++;
        n = new_node(N_NOT);
        n->left = parse_unary();
        return n;
    }
    if (strcmp(p, "(") == 0) {
        pos++;
        if (peek() && strcmp(peek(), ")") == 0)
            errx(1, "invalid expression; empty parentheses are not allowed");
        n = parse_or();
        if (!peek() || strcmp(peek(), ")") != 0)
            errx(1, "invalid expression; I was expecting to find a ')' somewhere");
        pos++;
        return n;
    }
    if (strcmp(p, ")") == 0 || strcmp(p, "-o") == 0 || strcmp(p, "-a") == 0)
        errx(1, "invalid expression; you have used a binary operator '%s' with nothing before it",
             p);
    return parse_primary();
}

static struct node *
parse_and(void)
{
    struct node *left = parse_unary();

    for (;;) {
        const char *p = peek();
        struct node *n;
        if (!p || strcmp(p, "-o") == 0 || strcmp(p, "-or") == 0 || strcmp(p, ")") == 0)
            return left;
        if (strcmp(p, "-a") == 0 || strcmp(p, "-and") == 0)
            pos++;
        n = new_node(N_AND);
        n->left = left;
        n->right = parse_unary();
        left = n;
    }
}

static struct node *
parse_or(void)
{
    struct node *left = parse_and();

    while (peek() && (strcmp(peek(), "-o") == 0 || strcmp(peek(), "-or") == 0)) {
        struct node *n = new_node(N_OR);
        pos++;
        n->left = left;
        n->right = parse_and();
        left = n;
    }
    return left;
}

struct node *
find_parse(int argc, char **argv)
{
    struct node *n, *top;

    args = argv;
    nargs = argc;
    pos = 0;
    n = argc ? parse_or() : new_node(N_TRUE);
    if (pos < nargs)
        errx(1, "unexpected '%s'", args[pos]);
    if (has_action)
        return n;
    top = new_node(N_AND);
    top->left = n;
    top->right = new_node(N_PRINT);
    return top;
}
