/*
 * regcomp.c - parse a basic or extended regular expression into a tree and
 * compile the tree into a program for regexec (regex_impl.h).
 *
 * The parser is recursive descent over alternation, concatenation and
 * repeated atoms. Basic syntax follows POSIX with the GNU additions \| \+ \?;
 * '*' is literal where nothing precedes it and ^ and $ are anchors only at the
 * ends of the expression or of a subexpression. Extended syntax accepts
 * back-references as GNU does. Both take GNU's \w \W \s \S classes and
 * \b \B \< \> \` \' assertions. Error codes follow the GNU C library's for the
 * same bad patterns, and so do its readings of corners POSIX leaves open
 * (a ')' with no '(' is literal in an ERE, "\?" and "\+" may follow another
 * repetition in a BRE, REG_ICASE compares upper-case forms).
 *
 * The program lists the choices at each SPLIT in the order regexec's
 * submatch pass prefers them, which is GNU's: the earlier alternative (but a
 * non-empty one before an empty one), another iteration before leaving a
 * loop, and x{n,m} as n copies then (((x)?x)?x)?.
 */
#include <regex.h>
#include <stdlib.h>

#include "regex_impl.h"
#include "../internal.h"

enum {
    N_EMPTY, N_CHAR, N_ANY, N_SET, N_BOL, N_EOL, N_GROUP, N_CAT, N_ALT, N_REP, N_BACKREF, N_ASSERT
};

struct re_node {
    int type;
    int a, b;        /* CHAR: char; SET: set; GROUP: index; REP: min, max (-1: none) */
    int left, right; /* children (node indices) */
};

struct re_parser {
    const char *p;
    int ere, icase, newline;
    struct re_node *nodes;
    int nnodes, capnodes;
    unsigned char (*sets)[32];
    int nsets, capsets;
    int nsub;
    unsigned completed; /* subexpressions closed so far (for \n) */
    int depth;          /* open subexpressions */
    int err;
};

static int
re_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
re_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int
new_node(struct re_parser *ps, int type, int a, int b, int left, int right)
{
    if (ps->err)
        return -1;
    if (ps->nnodes == ps->capnodes) {
        int cap = ps->capnodes ? ps->capnodes * 2 : 32;
        struct re_node *n = realloc(ps->nodes, (size_t)cap * sizeof *n);
        if (!n) {
            ps->err = REG_ESPACE;
            return -1;
        }
        ps->nodes = n;
        ps->capnodes = cap;
    }
    ps->nodes[ps->nnodes] = (struct re_node){type, a, b, left, right};
    return ps->nnodes++;
}

static int
new_set(struct re_parser *ps)
{
    if (ps->nsets == ps->capsets) {
        int cap = ps->capsets ? ps->capsets * 2 : 8;
        unsigned char(*s)[32] = realloc(ps->sets, (size_t)cap * sizeof *s);
        if (!s) {
            ps->err = REG_ESPACE;
            return -1;
        }
        ps->sets = s;
        ps->capsets = cap;
    }
    for (int i = 0; i < 32; i++)
        ps->sets[ps->nsets][i] = 0;
    return ps->nsets++;
}

static void
set_add(struct re_parser *ps, int set, int c)
{
    ps->sets[set][c >> 3] |= (unsigned char)(1u << (c & 7));
    if (ps->icase) {
        int l = re_lower(c), u = re_upper(c);
        ps->sets[set][l >> 3] |= (unsigned char)(1u << (l & 7));
        ps->sets[set][u >> 3] |= (unsigned char)(1u << (u & 7));
    }
}

/* Put c in a bracket expression's set as it is (no case folding). */
static void
bracket_add(struct re_parser *ps, int set, int c)
{
    ps->sets[set][c >> 3] |= (unsigned char)(1u << (c & 7));
}

/* Whether the five characters at s are word's. */
static int
str_is(const char *s, const char *word)
{
    for (int i = 0; i < 5; i++)
        if (s[i] != word[i])
            return 0;
    return 1;
}

/*
 * Read one bracket element at ps->p: a character, [.c.] or [=c=]. Returns the
 * character, -2 for a [:class:] (stored in *cls, *clslen), -1 on error.
 */
static int
bracket_elem(struct re_parser *ps, const char **cls, int *clslen)
{
    const char *p = ps->p;
    if (p[0] == '[' && (p[1] == '.' || p[1] == '=' || p[1] == ':')) {
        char kind = p[1];
        const char *start = p + 2, *q = start;
        while (*q && !(q[0] == kind && q[1] == ']'))
            q++;
        if (!*q) {
            ps->err = REG_EBRACK;
            return -1;
        }
        ps->p = q + 2;
        if (kind == ':') {
            *cls = start;
            *clslen = (int)(q - start);
            if (__libc_char_class(start, *clslen, 0) < 0) {
                ps->err = REG_ECTYPE;
                return -1;
            }
            return -2;
        }
        if (q - start != 1) {
            ps->err = REG_ECOLLATE;
            return -1;
        }
        return (unsigned char)*start;
    }
    if (!*p) {
        ps->err = REG_EBRACK;
        return -1;
    }
    ps->p++;
    return (unsigned char)*p;
}

/* Parse a bracket expression; ps->p is just past '['. */
static int
parse_bracket(struct re_parser *ps)
{
    int set = new_set(ps);
    if (set < 0)
        return -1;
    int negate = 0;
    if (*ps->p == '^') {
        negate = 1;
        ps->p++;
    }
    if (!*ps->p) {
        ps->err = REG_BADPAT; /* as GNU: "[" or "[^" ends the pattern */
        return -1;
    }
    int first = 1;
    for (;;) {
        if (!*ps->p) {
            ps->err = REG_EBRACK;
            return -1;
        }
        if (*ps->p == ']' && !first) {
            ps->p++;
            break;
        }
        first = 0;
        const char *cls = NULL;
        int clslen = 0;
        const char *start = ps->p;
        int lo = bracket_elem(ps, &cls, &clslen);
        if (lo == -1)
            return -1;
        if (lo == -2) {
            if (ps->icase && clslen == 5 && (str_is(cls, "upper") || str_is(cls, "lower")))
                cls = "alpha"; /* as GNU */
            for (int c = 1; c < 256; c++)
                if (__libc_char_class(cls, clslen, c) > 0)
                    bracket_add(ps, set, c);
            if (ps->p[0] == '-' && ps->p[1] != ']') { /* a class cannot bound a range */
                ps->err = REG_ERANGE;
                return -1;
            }
            continue;
        }
        /* As GNU: an equivalence class or a character class cannot bound a
         * range (REG_ERANGE, even where the expression is unterminated). */
        int equiv = start[0] == '[' && start[1] == '=';
        if (equiv && ps->p[0] == '-' && ps->p[1] != ']') {
            ps->err = REG_ERANGE;
            return -1;
        }
        if (ps->p[0] == '-' && ps->p[1] != ']' && ps->p[1]) {
            equiv = ps->p[1] == '[' && (ps->p[2] == '=' || ps->p[2] == ':');
            ps->p++;
            int hi = equiv ? -2 : bracket_elem(ps, &cls, &clslen);
            if (hi == -1)
                return -1;
            if (hi >= 0 && ps->icase) {
                lo = re_upper(lo);
                hi = re_upper(hi);
            }
            if (hi == -2 || hi < lo || equiv) {
                ps->err = REG_ERANGE;
                return -1;
            }
            for (int c = lo; c <= hi; c++)
                bracket_add(ps, set, c);
            if (ps->p[0] == '-' && ps->p[1] != ']') { /* a-b-c */
                ps->err = REG_ERANGE;
                return -1;
            }
        } else {
            bracket_add(ps, set, ps->icase ? re_upper(lo) : lo);
        }
    }
    if (negate) {
        for (int i = 0; i < 32; i++)
            ps->sets[set][i] = (unsigned char)~ps->sets[set][i];
    }
    if (ps->icase) {
        /* As GNU, which reads the pattern and the subject in upper case: the
         * set is built from upper-case characters (ranges between upper-case
         * ends) and a character belongs when its upper case does. */
        for (int c = 'a'; c <= 'z'; c++) {
            int lc = re_upper(c);
            if (ps->sets[set][lc >> 3] & (1u << (lc & 7)))
                ps->sets[set][c >> 3] |= (unsigned char)(1u << (c & 7));
            else
                ps->sets[set][c >> 3] &= (unsigned char)~(1u << (c & 7));
        }
    }
    if (negate) {
        if (ps->newline)
            ps->sets[set]['\n' >> 3] &= (unsigned char)~(1u << ('\n' & 7));
    }
    ps->sets[set][0] &= (unsigned char)~1u; /* the terminating NUL never matches */
    return new_node(ps, N_SET, set, 0, -1, -1);
}

static int parse_alt(struct re_parser *ps);

/* Whether the parser stands at the end of a (sub)expression or an alternative. */
static int
at_branch_end(struct re_parser *ps, const char *p)
{
    if (!*p)
        return 1;
    if (ps->ere)
        return *p == '|' || (*p == ')' && ps->depth > 0);
    return p[0] == '\\' && (p[1] == '|' || (p[1] == ')' && ps->depth > 0));
}

/* Read a decimal count of an interval; -1 when there are no digits. */
static int
read_count(struct re_parser *ps)
{
    int n = -1;
    while (*ps->p >= '0' && *ps->p <= '9') {
        n = (n < 0 ? 0 : n) * 10 + (*ps->p - '0');
        if (n > RE_DUP_MAX + 1)
            n = RE_DUP_MAX + 1;
        ps->p++;
    }
    return n;
}

/* Parse the interval after '{' (or "\{") into *min and *max. */
static int
brace_error(struct re_parser *ps)
{
    for (const char *q = ps->p; *q; q++)
        if (ps->ere ? *q == '}' : q[0] == '\\' && q[1] == '}')
            return REG_BADBR;
    return REG_EBRACE;
}

static int
parse_interval(struct re_parser *ps, int *min, int *max)
{
    int lo = read_count(ps), hi = lo;
    if (*ps->p == ',') {
        ps->p++;
        hi = read_count(ps);
        if (lo < 0)
            lo = 0;
    } else if (lo < 0) {
        ps->err = brace_error(ps);
        return -1;
    }
    if (ps->ere ? *ps->p != '}' : (ps->p[0] != '\\' || ps->p[1] != '}')) {
        ps->err = brace_error(ps);
        return -1;
    }
    ps->p += ps->ere ? 1 : 2;
    if ((hi >= 0 && lo > hi) || lo > RE_DUP_MAX || hi > RE_DUP_MAX) {
        ps->err = REG_BADBR;
        return -1;
    }
    *min = lo;
    *max = hi;
    return 0;
}

/*
 * If a repetition operator stands at ps->p, consume it and return its bounds
 * through *min and *max (1 when found, 0 otherwise, -1 on error).
 */
static int
parse_quant(struct re_parser *ps, int *min, int *max)
{
    const char *p = ps->p;
    if (*p == '*') {
        ps->p++;
        *min = 0, *max = -1;
        return 1;
    }
    if (ps->ere) {
        if (*p == '+' || *p == '?') {
            ps->p++;
            *min = *p == '+', *max = *p == '+' ? -1 : 1;
            return 1;
        }
        if (*p == '{') {
            ps->p++;
            return parse_interval(ps, min, max) < 0 ? -1 : 1;
        }
        return 0;
    }
    if (p[0] == '\\' && (p[1] == '+' || p[1] == '?')) {
        ps->p += 2;
        *min = p[1] == '+', *max = p[1] == '+' ? -1 : 1;
        return 1;
    }
    if (p[0] == '\\' && p[1] == '{') {
        ps->p += 2;
        return parse_interval(ps, min, max) < 0 ? -1 : 1;
    }
    return 0;
}

static int
literal(struct re_parser *ps, int c)
{
    if (ps->icase && re_lower(c) != re_upper(c)) {
        int set = new_set(ps);
        if (set < 0)
            return -1;
        set_add(ps, set, c);
        return new_node(ps, N_SET, set, 0, -1, -1);
    }
    return new_node(ps, N_CHAR, c, 0, -1, -1);
}

/* GNU's \w \W (word characters: alphanumerics and _) and \s \S (white space). */
static int
class_escape(struct re_parser *ps, int letter)
{
    int set = new_set(ps);
    if (set < 0)
        return -1;
    for (int c = 0; c < 256; c++) {
        int word = c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                   (c >= 'A' && c <= 'Z');
        int space = c == ' ' || (c >= '\t' && c <= '\r');
        int in = letter == 'w' || letter == 'W' ? word : space;
        if (in == (letter == 'w' || letter == 's'))
            set_add(ps, set, c);
    }
    return new_node(ps, N_SET, set, 0, -1, -1);
}

/* Parse one atom; *anchor is set when it is ^ (after which '*' is literal in a BRE). */
static int
parse_atom(struct re_parser *ps, int branch_start, int *anchor)
{
    const char *p = ps->p;
    *anchor = 0;
    if (*p == '[') {
        ps->p++;
        return parse_bracket(ps);
    }
    if (*p == '.') {
        ps->p++;
        return new_node(ps, N_ANY, 0, 0, -1, -1);
    }
    if (*p == '^' && (ps->ere || branch_start)) {
        ps->p++;
        *anchor = 1;
        return new_node(ps, N_BOL, 0, 0, -1, -1);
    }
    if (*p == '$' && (ps->ere || at_branch_end(ps, p + 1))) {
        ps->p++;
        return new_node(ps, N_EOL, 0, 0, -1, -1);
    }
    int open = ps->ere ? *p == '(' : p[0] == '\\' && p[1] == '(';
    if (open) {
        ps->p += ps->ere ? 1 : 2;
        int idx = ++ps->nsub;
        ps->depth++;
        int child = parse_alt(ps);
        if (ps->err)
            return -1;
        int close = ps->ere ? *ps->p == ')' : ps->p[0] == '\\' && ps->p[1] == ')';
        if (!close) {
            ps->err = REG_EPAREN;
            return -1;
        }
        ps->p += ps->ere ? 1 : 2;
        ps->depth--;
        if (idx < 32)
            ps->completed |= 1u << idx;
        return new_node(ps, N_GROUP, idx, 0, child, -1);
    }
    if (ps->ere && (*p == '*' || *p == '+' || *p == '?' || *p == '{')) {
        ps->err = REG_BADRPT;
        return -1;
    }
    if (!ps->ere && (p[0] == '\\' && p[1] == '{')) {
        ps->err = REG_BADRPT;
        return -1;
    }
    if (!ps->ere && p[0] == '\\' && p[1] == ')') {
        ps->err = REG_EPAREN;
        return -1;
    }
    if (*p == '\\') {
        if (!p[1]) {
            ps->err = REG_EESCAPE;
            return -1;
        }
        ps->p += 2;
        if (p[1] >= '1' && p[1] <= '9') {
            int n = p[1] - '0';
            if (!(ps->completed & (1u << n))) {
                ps->err = REG_ESUBREG;
                return -1;
            }
            return new_node(ps, N_BACKREF, n, 0, -1, -1);
        }
        if (p[1] == 'w' || p[1] == 'W' || p[1] == 's' || p[1] == 'S')
            return class_escape(ps, p[1]);
        if (p[1] == 'b' || p[1] == 'B' || p[1] == '<' || p[1] == '>' || p[1] == '`' ||
            p[1] == '\'')
            return new_node(ps, N_ASSERT, p[1], 0, -1, -1);
        return literal(ps, (unsigned char)p[1]);
    }
    ps->p++;
    return literal(ps, (unsigned char)*p);
}

/* A concatenation of repeated atoms, up to '|', a closing parenthesis or the end. */
static int
parse_cat(struct re_parser *ps)
{
    int result = -1, branch_start = 1, after_anchor = 0;
    while (!ps->err && !at_branch_end(ps, ps->p)) {
        int atom, anchor;
        if (!ps->ere && *ps->p == '*' && (branch_start || after_anchor)) {
            ps->p++;
            atom = new_node(ps, N_CHAR, '*', 0, -1, -1);
            anchor = 0;
        } else {
            atom = parse_atom(ps, branch_start, &anchor);
        }
        if (ps->err)
            return -1;
        int min, max, q;
        int is_anchor = ps->nodes[atom].type == N_BOL || ps->nodes[atom].type == N_EOL;
        char nc = *ps->p;
        if (ps->ere && is_anchor && (nc == '*' || nc == '+' || nc == '?' || nc == '{')) {
            ps->err = REG_BADRPT; /* as GNU: an anchor cannot repeat */
            return -1;
        }
        if (!ps->ere && ps->nodes[atom].type == N_BOL && nc == '\\' && ps->p[1] == '{') {
            ps->err = REG_BADRPT;
            return -1;
        }
        int nq = 0;
        /* As GNU, '*', "\?" and "\+" right after a leading ^ in a BRE are
         * literal characters (XBD 9.3.3), read as the next atom. */
        q = 0;
        while (!(!ps->ere && anchor)) {
            /* As GNU: in a BRE only "\?" and "\+" may follow another repetition. */
            const char *p = ps->p;
            if (!ps->ere && nq > 0 && (p[0] == '*' || (p[0] == '\\' && p[1] == '{'))) {
                ps->err = REG_BADRPT;
                return -1;
            }
            if ((q = parse_quant(ps, &min, &max)) <= 0)
                break;
            nq++;
            if (ps->ere && is_anchor) { /* as GNU: an anchor cannot repeat */
                ps->err = REG_BADRPT;
                return -1;
            }
            atom = new_node(ps, N_REP, min, max, atom, -1);
        }
        if (q < 0)
            return -1;
        result = result < 0 ? atom : new_node(ps, N_CAT, 0, 0, result, atom);
        branch_start = 0;
        after_anchor = anchor;
    }
    return result < 0 ? new_node(ps, N_EMPTY, 0, 0, -1, -1) : result;
}

/*
 * Alternatives. As GNU, a back-reference can only name a group closed
 * earlier in its own alternative or before the alternation (\1 in ()|a\1 is
 * REG_ESUBREG: the group cannot have matched on that path).
 */
static int
parse_alt(struct re_parser *ps)
{
    unsigned before = ps->completed;
    int left = parse_cat(ps);
    while (!ps->err && *ps->p) {
        if (ps->ere && *ps->p == '|')
            ps->p++;
        else if (!ps->ere && ps->p[0] == '\\' && ps->p[1] == '|')
            ps->p += 2;
        else
            break;
        if (ps->ere && (*ps->p == '*' || *ps->p == '+' || *ps->p == '?' || *ps->p == '{')) {
            ps->err = REG_BADRPT;
            return -1;
        }
        unsigned so_far = ps->completed;
        ps->completed = before;
        int right = parse_cat(ps);
        ps->completed |= so_far;
        left = new_node(ps, N_ALT, 0, 0, left, right);
    }
    return left;
}

/* ---- code generation ---- */

struct re_gen {
    struct re_parser *ps;
    struct re_inst *code;
    int n, cap;
    int nloops;
    int in_copy; /* generating a second or later copy of a repeated atom */
};

static int
emit(struct re_gen *g, int op, int arg, int x, int y)
{
    if (g->ps->err)
        return 0;
    if (g->n == g->cap) {
        if (g->cap >= RE_MAX_CODE) {
            g->ps->err = REG_ESPACE;
            return 0;
        }
        int cap = g->cap ? g->cap * 2 : 64;
        struct re_inst *c = realloc(g->code, (size_t)cap * sizeof *c);
        if (!c) {
            g->ps->err = REG_ESPACE;
            return 0;
        }
        g->code = c;
        g->cap = cap;
    }
    g->code[g->n] = (struct re_inst){op, arg, x, y};
    return g->n++;
}

static void gen(struct re_gen *g, int node);

/*
 * One copy of a repeated atom (x{3} is three copies, x* one in a loop, x+
 * two). As GNU, a group that is the body of a loop or the first optional
 * copy of x? x{n,m} is "optional" (mark: its closing SAVE gets y = 1): an
 * empty iteration of it after an earlier match of the group leaves the
 * captures as they were. Like GNU, which duplicates the parsed atom for
 * copies after the first and loses the marks inside it, only the first copy
 * keeps the marks of the repetitions nested in it (dup).
 */
static void
gen_copy(struct re_gen *g, int node, int mark, int dup)
{
    struct re_node *n = &g->ps->nodes[node];
    g->in_copy += dup;
    if (n->type == N_GROUP && mark && g->in_copy == dup) {
        int a = n->a, left = n->left;
        emit(g, RE_SAVE, 2 * a, 0, 0);
        gen(g, left);
        emit(g, RE_SAVE, 2 * a + 1, 0, 1);
    } else {
        gen(g, node);
    }
    g->in_copy -= dup;
}

/*
 * k optional copies of an atom after min mandatory ones, nested as
 * (((x)?x)?x)?: the order in which regexec's first-path search tries them
 * decides which copy an iteration's captures come from.
 */
static void
gen_optional(struct re_gen *g, int child, int k, int min)
{
    if (k == 0 || g->ps->err)
        return;
    int split = emit(g, RE_SPLIT, 0, 0, 0);
    g->code[split].x = g->n;
    gen_optional(g, child, k - 1, min);
    gen_copy(g, child, k == 1, k > 1 || min > 0);
    g->code[split].y = g->n;
}

static void
gen(struct re_gen *g, int node)
{
    if (g->ps->err)
        return;
    struct re_node *n = &g->ps->nodes[node];
    switch (n->type) {
    case N_EMPTY:
        break;
    case N_CHAR:
        emit(g, RE_CHAR, n->a, 0, 0);
        break;
    case N_ANY:
        emit(g, RE_ANY, 0, 0, 0);
        break;
    case N_SET:
        emit(g, RE_SET, n->a, 0, 0);
        break;
    case N_BOL:
        emit(g, RE_BOL, 0, 0, 0);
        break;
    case N_EOL:
        emit(g, RE_EOL, 0, 0, 0);
        break;
    case N_BACKREF:
        emit(g, RE_BACKREF, n->a, 0, 0);
        break;
    case N_ASSERT:
        emit(g, RE_ASSERT, n->a, 0, 0);
        break;
    case N_GROUP:
        emit(g, RE_SAVE, 2 * n->a, 0, 0);
        gen(g, n->left);
        emit(g, RE_SAVE, 2 * n->a + 1, 0, 0);
        break;
    case N_CAT:
        gen(g, n->left);
        gen(g, n->right);
        break;
    case N_ALT: {
        int split = emit(g, RE_SPLIT, 0, 0, 0);
        if (g->ps->nodes[n->left].type == N_EMPTY) {
            /* An empty alternative ranks after the other one (see regexec.c). */
            g->code[split].x = g->n;
            gen(g, n->right);
            g->code[split].y = g->n;
            break;
        }
        g->code[split].x = g->n;
        gen(g, n->left);
        int jmp = emit(g, RE_JMP, 0, 0, 0);
        g->code[split].y = g->n;
        gen(g, n->right);
        g->code[jmp].x = g->n;
        break;
    }
    case N_REP: {
        int min = n->a, max = n->b, child = n->left;
        for (int i = 0; i < min; i++)
            gen_copy(g, child, 0, i > 0);
        if (max < 0) {
            int loop = g->nloops++;
            int split = emit(g, RE_SPLIT, 0, 0, 0);
            g->code[split].x = g->n;
            emit(g, RE_MARK, loop, 0, 0);
            gen_copy(g, child, 1, min > 0);
            int chk = emit(g, RE_CHKPROG, loop, 0, 0);
            emit(g, RE_JMP, 0, split, 0);
            g->code[split].y = g->n;
            g->code[chk].x = g->n;
        } else {
            gen_optional(g, child, max - min, min);
        }
        break;
    }
    }
}

int
regcomp(regex_t *restrict re, const char *restrict pattern, int cflags)
{
    struct re_parser ps = {0};
    ps.p = pattern;
    ps.ere = !!(cflags & REG_EXTENDED);
    ps.icase = !!(cflags & REG_ICASE);
    ps.newline = !!(cflags & REG_NEWLINE);
    int root = parse_alt(&ps);
    if (!ps.err && *ps.p)
        ps.err = REG_EPAREN; /* a stray closing parenthesis */
    struct re_gen g = {&ps, NULL, 0, 0, 0, 0};
    if (!ps.err) {
        gen(&g, root);
        emit(&g, RE_MATCH, 0, 0, 0);
    }
    struct re_prog *prog = NULL;
    if (!ps.err && !(prog = malloc(sizeof *prog)))
        ps.err = REG_ESPACE;
    free(ps.nodes);
    if (ps.err) {
        free(g.code);
        free(ps.sets);
        return ps.err;
    }
    *prog = (struct re_prog){g.code, g.n, ps.sets, ps.nsets, g.nloops, ps.nsub, cflags};
    re->re_nsub = (size_t)ps.nsub;
    re->re_impl = prog;
    return 0;
}
