/*
 * regexec.c - run a compiled regular expression (regex_impl.h).
 *
 * The match is found in two passes over a backtracking machine. The first
 * tries every path from each starting position, leftmost first, and keeps
 * the longest end: the POSIX leftmost-longest match. An arrival at a program
 * point and position that an earlier arrival dominates (the same loop state,
 * captures no better in any subexpression) is cut off, which keeps nested
 * repetitions polynomial while the memo fits (RE_MEMO_MAX); without it the
 * cost can be exponential in the pattern, and after RE_STEP_LIMIT steps the
 * search gives up with REG_ESPACE.
 *
 * The second pass chooses the submatches as the GNU C library does: the
 * first path, in the program's order of preference (regcomp.c: the earlier
 * alternative, one more iteration before leaving a loop, a non-empty
 * alternative before an empty one), from the match's start that ends exactly
 * at its end. An optional copy of a group that ends empty after the group
 * matched before puts back the captures of that earlier match (save()).
 */
#include <regex.h>
#include <stdlib.h>

#include "regex_impl.h"

struct re_run {
    const struct re_prog *prog;
    const char *s;
    int len;
    int notbol, noteol, newline, icase;
    int *caps, *best, *loops;
    int found;
    long steps;
    int *memo;  /* per (pc, position): the captures and loop registers last seen */
    int width;  /* ints per memo entry: a valid flag, the slots, the loop registers */
    int exact;  /* back-references: prune only identical states */
    int target; /* the first-path pass: the end the match must reach, else -1 */
    int *prev;  /* that pass: the captures at the last non-empty group end */
};

static int
is_word(int c)
{
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* GNU's zero-width tests at sp: word boundaries (the text before sp counts even
 * under REG_NOTBOL, which only concerns ^) and the ends of the buffer. */
static int
assertion_holds(const struct re_run *r, int kind, int sp)
{
    int before = sp > 0 && is_word((unsigned char)r->s[sp - 1]);
    int after = sp < r->len && is_word((unsigned char)r->s[sp]);

    switch (kind) {
    case 'b': return before != after;
    case 'B': return before == after;
    case '<': return !before && after;
    case '>': return before && !after;
    case '`': return sp == 0;
    default: return sp == r->len;
    }
}

static int
fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether the finished match in r->caps beats r->best by the POSIX rules. */
static int
better(const struct re_run *r)
{
    if (!r->found)
        return 1;
    if (r->caps[1] != r->best[1])
        return r->caps[1] > r->best[1];
    for (int i = 1; i <= r->prog->nsub; i++) {
        int ns = r->caps[2 * i], bs = r->best[2 * i];
        int ne = r->caps[2 * i + 1], be = r->best[2 * i + 1];
        if (ne < 0)
            ns = -1;
        if (be < 0)
            bs = -1;
        if (ns != bs) {
            if (bs < 0)
                return 1;
            if (ns < 0)
                return 0;
            return ns < bs;
        }
        if (ne != be)
            return ne > be;
    }
    return 0;
}

/* Whether group slot pair (ns, ne) is no better than (bs, be) by the POSIX rules. */
static int
no_better(int ns, int ne, int bs, int be)
{
    if (ns != bs)
        return ns < 0 || (bs >= 0 && ns > bs);
    return ne == be || (ne >= 0 && be >= 0 && ne < be) || ne < 0;
}

/*
 * Whether reaching (pc, sp) with the current captures can be skipped: the
 * state was reached before with the same loop state (which loops began an
 * iteration here: only those can end an empty one) and captures at least
 * as good in every subexpression, and whatever follows treats both alike, so
 * the earlier arrival ends at least as well. Otherwise remember this arrival.
 */
static int
seen_before(struct re_run *r, int pc, int sp)
{
    if (!r->memo)
        return 0;
    int nslots = 2 * (r->prog->nsub + 1);
    int *m = r->memo + ((long)pc * (r->len + 1) + sp) * r->width;
    if (m[0]) {
        int dominated = 1;
        for (int i = 0; i < r->prog->nloops && dominated; i++)
            dominated = m[1 + nslots + i] == (r->loops[i] == sp);
        for (int i = 2; i < nslots && dominated && (r->target < 0 || r->exact); i += 2) {
            if (r->exact)
                dominated = m[1 + i] == r->caps[i] && m[2 + i] == r->caps[i + 1];
            else
                dominated = no_better(r->caps[i], r->caps[i + 1], m[1 + i], m[2 + i]);
        }
        if (dominated)
            return 1;
    }
    m[0] = 1;
    for (int i = 0; i < nslots; i++)
        m[1 + i] = r->caps[i];
    for (int i = 0; i < r->prog->nloops; i++)
        m[1 + nslots + i] = r->loops[i] == sp;
    return 0;
}

static void run(struct re_run *r, int pc, int sp);

/*
 * RE_SAVE: record sp in a capture slot and go on. In the first-path pass a
 * group that ends non-empty snapshots all captures in r->prev; an optional
 * copy (in->y) that ends empty after the group matched before restores that
 * snapshot instead, so (a|)* on "a" reports the "a".
 */
static void
save(struct re_run *r, const struct re_inst *in, int pc, int sp)
{
    int slot = in->arg, nslots = 2 * (r->prog->nsub + 1);
    int *keep = NULL;
    int close = slot & 1;
    if (r->target >= 0 && close) {
        int nonempty = r->caps[slot - 1] < sp;
        if (nonempty || (in->y && r->prev[slot - 1] >= 0)) {
            keep = malloc((size_t)(2 * nslots) * sizeof *keep);
            if (!keep) {
                r->steps = RE_STEP_LIMIT + 1;
                return;
            }
            for (int i = 0; i < nslots; i++) {
                keep[i] = r->caps[i];
                keep[nslots + i] = r->prev[i];
            }
            if (nonempty) {
                r->caps[slot] = sp;
                for (int i = 0; i < nslots; i++)
                    r->prev[i] = r->caps[i];
            } else {
                for (int i = 0; i < nslots; i++)
                    r->caps[i] = r->prev[i];
            }
            run(r, pc + 1, sp);
            for (int i = 0; i < nslots; i++) {
                r->caps[i] = keep[i];
                r->prev[i] = keep[nslots + i];
            }
            free(keep);
            return;
        }
    }
    int old = r->caps[slot];
    r->caps[slot] = sp;
    /* A group entered again starts without an end. */
    int olde = 0;
    if (!close) {
        olde = r->caps[slot + 1];
        r->caps[slot + 1] = -1;
    }
    run(r, pc + 1, sp);
    r->caps[slot] = old;
    if (!close)
        r->caps[slot + 1] = olde;
}

static void
run(struct re_run *r, int pc, int sp)
{
    const struct re_inst *code = r->prog->code;
    if (seen_before(r, pc, sp))
        return;
    for (;;) {
        if (++r->steps > RE_STEP_LIMIT)
            return;
        const struct re_inst *in = &code[pc];
        int c = sp < r->len ? (unsigned char)r->s[sp] : -1;
        switch (in->op) {
        case RE_CHAR:
            if (c < 0 || (r->icase ? fold(c) != fold(in->arg) : c != in->arg))
                return;
            pc++, sp++;
            break;
        case RE_ANY:
            if (c < 0 || (r->newline && c == '\n'))
                return;
            pc++, sp++;
            break;
        case RE_SET:
            if (c < 0 || !(r->prog->sets[in->arg][c >> 3] & (1u << (c & 7))))
                return;
            pc++, sp++;
            break;
        case RE_BOL:
            if (!((sp == 0 && !r->notbol) || (r->newline && sp > 0 && r->s[sp - 1] == '\n')))
                return;
            pc++;
            break;
        case RE_EOL:
            if (!((sp == r->len && !r->noteol) || (r->newline && c == '\n')))
                return;
            pc++;
            break;
        case RE_SPLIT:
            run(r, in->x, sp);
            if (r->steps <= RE_STEP_LIMIT && !(r->target >= 0 && r->found))
                run(r, in->y, sp);
            return;
        case RE_JMP:
            pc = in->x;
            break;
        case RE_SAVE:
            save(r, in, pc, sp);
            return;
        case RE_MARK: {
            int old = r->loops[in->arg];
            r->loops[in->arg] = sp;
            run(r, pc + 1, sp);
            r->loops[in->arg] = old;
            return;
        }
        case RE_CHKPROG:
            pc = sp == r->loops[in->arg] ? in->x : pc + 1;
            break;
        case RE_BACKREF: {
            int so = r->caps[2 * in->arg], eo = r->caps[2 * in->arg + 1];
            if (so < 0 || eo < 0 || eo - so > r->len - sp)
                return;
            for (int i = 0; i < eo - so; i++) {
                int a = (unsigned char)r->s[so + i], b = (unsigned char)r->s[sp + i];
                if (r->icase ? fold(a) != fold(b) : a != b)
                    return;
            }
            sp += eo - so;
            pc++;
            break;
        }
        case RE_ASSERT:
            if (!assertion_holds(r, in->arg, sp))
                return;
            pc++;
            break;
        case RE_MATCH:
            if (r->target >= 0) {
                if (sp == r->target) {
                    r->caps[1] = sp;
                    for (int i = 0; i < 2 * (r->prog->nsub + 1); i++)
                        r->best[i] = r->caps[i];
                    r->found = 1;
                }
                return;
            }
            r->caps[1] = sp;
            if (better(r)) {
                for (int i = 0; i < 2 * (r->prog->nsub + 1); i++)
                    r->best[i] = r->caps[i];
                r->found = 1;
            }
            return;
        }
    }
}

int
regexec(const regex_t *restrict re, const char *restrict string, size_t nmatch,
        regmatch_t *restrict pmatch, int eflags)
{
    const struct re_prog *prog = re->re_impl;
    int nslots = 2 * (prog->nsub + 1);
    int *mem = malloc((size_t)(2 * nslots + prog->nloops + 1) * sizeof *mem);
    if (!mem)
        return REG_ESPACE;
    int len = 0, first = 0;
    if (eflags & REG_STARTEND) {
        first = pmatch[0].rm_so;
        len = pmatch[0].rm_eo;
    } else {
        while (string[len])
            len++;
    }
    struct re_run r = {
        .prog = prog,
        .s = string,
        .len = len,
        .notbol = !!(eflags & REG_NOTBOL),
        .noteol = !!(eflags & REG_NOTEOL),
        .newline = !!(prog->cflags & REG_NEWLINE),
        .icase = !!(prog->cflags & REG_ICASE),
        .caps = mem,
        .best = mem + nslots,
        .loops = mem + 2 * nslots,
        .target = -1,
    };
    /* The pruning memo, when it is small enough (RE_MEMO_MAX ints). */
    r.width = 1 + nslots + prog->nloops;
    long memo_ints = (long)prog->ncode * (len + 1) * r.width;
    if (memo_ints <= RE_MEMO_MAX)
        r.memo = malloc((size_t)memo_ints * sizeof *r.memo);
    for (int i = 0; i < prog->ncode && !r.exact; i++)
        r.exact = prog->code[i].op == RE_BACKREF;
    for (int start = first; start <= len && !r.found; start++) {
        for (int i = 0; i < nslots; i++)
            r.caps[i] = -1;
        for (long i = 0; r.memo && i < memo_ints; i += r.width)
            r.memo[i] = 0;
        r.caps[0] = start;
        run(&r, 0, start);
        if (r.steps > RE_STEP_LIMIT) {
            free(r.memo);
            free(mem);
            return REG_ESPACE;
        }
    }
    /* The captures: the first path, in the program's order of preference,
     * from the match's start to its end. */
    int *prev = NULL;
    if (r.found && !(prog->cflags & REG_NOSUB) && nmatch > 1 && prog->nsub > 0 &&
        (prev = malloc((size_t)nslots * sizeof *prev))) {
        int start = r.best[0];
        r.target = r.best[1];
        r.prev = prev;
        r.found = 0;
        for (int i = 0; i < nslots; i++)
            r.caps[i] = r.prev[i] = -1;
        for (long i = 0; r.memo && i < memo_ints; i += r.width)
            r.memo[i] = 0;
        r.caps[0] = start;
        r.steps = 0;
        run(&r, 0, start);
        /* Out of steps, or a back-reference that reads the captures put
         * back differently: keep the first pass's captures (still in best). */
        r.found = 1;
    }
    free(prev);
    free(r.memo);
    if (!r.found) {
        free(mem);
        return REG_NOMATCH;
    }
    if (!(prog->cflags & REG_NOSUB)) {
        for (size_t i = 0; i < nmatch; i++) {
            int k = (int)i;
            int ok = k <= prog->nsub && r.best[2 * k] >= 0 && r.best[2 * k + 1] >= 0;
            pmatch[i].rm_so = ok ? r.best[2 * k] : -1;
            pmatch[i].rm_eo = ok ? r.best[2 * k + 1] : -1;
        }
    }
    free(mem);
    return 0;
}
