/*
 * analyze.c - find a shortest edit script between two files' lines.
 *
 * The steps are the classic ones of GNU diff, so that the hunks come out the
 * same when several shortest scripts exist:
 *
 *  1. Every line gets an equivalence class number: equal lines (after -i, -b
 *     or -w normalisation; a last line without newline differs from the same
 *     text with one) share a class, so later steps compare integers.
 *     The identical lines at both ends are set aside first, except for as many
 *     lines as the output shows for context.
 *  2. Lines whose class does not occur in the other file at all cannot match:
 *     they are marked changed at once and left out of the search. Lines that
 *     occur very often in the other file are left out too when they sit in a
 *     run of such lines (they would only produce confusing matches).
 *  3. Myers' O(ND) algorithm on what remains: find the middle snake of the
 *     shortest script with a forward and a backward search on the diagonals,
 *     split there and recurse, after stripping equal lines at both ends.
 *  4. Runs of changes are slid up and down over equal lines so that they
 *     merge with neighbouring runs and, failing that, sit as low as possible,
 *     aligned with a run of changes in the other file where there is one.
 *  5. Corresponding runs of changed lines become the hunks.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"

/* The normalised text of a line, as compared (a malloc'd copy, length in *len). */
static char *
normalise(const struct diff_line *l, size_t *len)
{
    char *out = diff_alloc(l->len + 1);
    size_t n = 0;

    for (size_t i = 0; i < l->len; i++) {
        char c = l->text[i];
        int space = c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
        if (space && diff_opt.ignore_all_space)
            continue;
        if (space && diff_opt.ignore_space_change) {
            /* A run of white space counts as one blank; trailing white space as none. */
            size_t j = i;
            while (j < l->len && (l->text[j] == ' ' || l->text[j] == '\t' || l->text[j] == '\r' ||
                                  l->text[j] == '\v' || l->text[j] == '\f'))
                j++;
            if (j < l->len)
                out[n++] = ' ';
            i = j - 1;
            continue;
        }
        if (diff_opt.ignore_case && c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        out[n++] = c;
    }
    *len = n;
    return out;
}

/* The hash table from normalised text to class number. */
struct equiv_entry {
    char *text;
    size_t len;
    int missing_newline;
    int cls;
    struct equiv_entry *next;
};

#define EQUIV_BUCKETS 4096

static struct equiv_entry *buckets[EQUIV_BUCKETS];
static int nclasses;

static int
class_of(const struct diff_line *l, int missing_newline)
{
    size_t len;
    char *text = normalise(l, &len);
    unsigned h = 2166136261u;

    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)text[i]) * 16777619u;
    struct equiv_entry **b = &buckets[h % EQUIV_BUCKETS], *e;
    for (e = *b; e; e = e->next) {
        if (e->len == len && e->missing_newline == missing_newline &&
            memcmp(e->text, text, len) == 0) {
            free(text);
            return e->cls;
        }
    }
    e = diff_alloc(sizeof *e);
    e->text = text;
    e->len = len;
    e->missing_newline = missing_newline;
    e->cls = ++nclasses;
    e->next = *b;
    *b = e;
    return e->cls;
}

static void
assign_classes(struct diff_file *f)
{
    f->equiv = diff_alloc(((size_t)f->nlines + 1) * sizeof *f->equiv);
    for (int i = 0; i < f->nlines; i++) {
        /* With -b or -w a missing newline at the end is not a difference either. */
        int missing = f->missing_newline && i == f->nlines - 1 && !diff_opt.ignore_space_change &&
                      !diff_opt.ignore_all_space;
        f->equiv[i] = class_of(&f->lines[i], missing);
    }
}

/*
 * The part of a file between the identical prefix and suffix, which alone is
 * analysed: its classes and changed flags (changed[-1] and changed[n] are the
 * unchanged neighbours, or the sentinels).
 */
struct diff_region {
    const int *equiv;
    char *changed;
    int n;
};

/* The lines left for the search: their classes and their real indices. */
struct diff_seq {
    int *v;
    int *real;
    int n;
};

/*
 * Step 2: decide which lines of f need no search. 1 means discard, 0 keep.
 * counts holds, per class, the number of lines of the other file.
 */
static char *
find_discards(const struct diff_region *f, const int *counts)
{
    char *d = diff_alloc((size_t)f->n + 1);
    int many = 5;

    for (int tem = f->n / 64; (tem = tem >> 2) > 0;)
        many *= 2;
    for (int i = 0; i < f->n; i++) {
        int n = counts[f->equiv[i]];
        d[i] = n == 0 ? 1 : n > many ? 2 : 0;
    }
    /* A provisional discard (2) stands only inside a run of discards. */
    for (int i = 0; i < f->n; i++) {
        if (d[i] == 2) {
            d[i] = 0;
            continue;
        }
        if (d[i] == 0)
            continue;
        int j, provisional = 0;
        for (j = i; j < f->n && d[j] != 0; j++)
            provisional += d[j] == 2;
        while (j > i && d[j - 1] == 2) {
            d[--j] = 0;
            provisional--;
        }
        int length = j - i;
        if (provisional * 4 > length) {
            while (j > i)
                if (d[--j] == 2)
                    d[j] = 0;
            continue;
        }
        /* Cancel long subruns of provisionals; minimum ~ sqrt(length / 4). */
        int minimum = 1, consec = 0;
        for (int tem = length >> 2; (tem >>= 2) > 0;)
            minimum <<= 1;
        minimum++;
        for (j = 0, consec = 0; j < length; j++) {
            if (d[i + j] != 2)
                consec = 0;
            else if (minimum == ++consec)
                j -= consec;
            else if (minimum < consec)
                d[i + j] = 0;
        }
        /* Near both ends of the run, keep provisionals until 3 real discards in a row. */
        for (j = 0, consec = 0; j < length; j++) {
            if (j >= 8 && d[i + j] == 1)
                break;
            if (d[i + j] == 2)
                consec = 0, d[i + j] = 0;
            else if (d[i + j] == 0)
                consec = 0;
            else
                consec++;
            if (consec == 3)
                break;
        }
        i += length - 1;
        for (j = 0, consec = 0; j < length; j++) {
            if (j >= 8 && d[i - j] == 1)
                break;
            if (d[i - j] == 2)
                consec = 0, d[i - j] = 0;
            else if (d[i - j] == 0)
                consec = 0;
            else
                consec++;
            if (consec == 3)
                break;
        }
    }
    return d;
}

static void
build_seq(struct diff_region *f, const char *discards, struct diff_seq *s)
{
    s->v = diff_alloc(((size_t)f->n + 1) * sizeof *s->v);
    s->real = diff_alloc(((size_t)f->n + 1) * sizeof *s->real);
    s->n = 0;
    for (int i = 0; i < f->n; i++) {
        if (discards[i]) {
            f->changed[i] = 1;
        } else {
            s->v[s->n] = f->equiv[i];
            s->real[s->n++] = i;
        }
    }
}

/* The state of step 3. fd and bd are indexed by diagonal (x - y). */
static struct diff_seq sx, sy;
static int *fd, *bd;
static struct diff_region *file0, *file1;

/* Find the middle snake of the shortest script for x[xoff..xlim), y[yoff..ylim). */
static void
middle_snake(int xoff, int xlim, int yoff, int ylim, int *xmid, int *ymid)
{
    const int *xv = sx.v, *yv = sy.v;
    int dmin = xoff - ylim, dmax = xlim - yoff;
    int fmid = xoff - yoff, bmid = xlim - ylim;
    int fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    int odd = (fmid - bmid) & 1;

    fd[fmid] = xoff;
    bd[bmid] = xlim;
    for (;;) {
        /* One more edit step forward on every diagonal in reach. */
        if (fmin > dmin)
            fd[--fmin - 1] = -1;
        else
            ++fmin;
        if (fmax < dmax)
            fd[++fmax + 1] = -1;
        else
            --fmax;
        for (int d = fmax; d >= fmin; d -= 2) {
            int tlo = fd[d - 1], thi = fd[d + 1];
            int x = tlo < thi ? thi : tlo + 1, y = x - d;
            while (x < xlim && y < ylim && xv[x] == yv[y])
                x++, y++;
            fd[d] = x;
            if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
                *xmid = x;
                *ymid = y;
                return;
            }
        }
        /* And backward. */
        if (bmin > dmin)
            bd[--bmin - 1] = INT_MAX;
        else
            ++bmin;
        if (bmax < dmax)
            bd[++bmax + 1] = INT_MAX;
        else
            --bmax;
        for (int d = bmax; d >= bmin; d -= 2) {
            int tlo = bd[d - 1], thi = bd[d + 1];
            int x = tlo < thi ? tlo : thi - 1, y = x - d;
            while (xoff < x && yoff < y && xv[x - 1] == yv[y - 1])
                x--, y--;
            bd[d] = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
                *xmid = x;
                *ymid = y;
                return;
            }
        }
    }
}

/* Mark the changed lines of the shortest script for x[xoff..xlim), y[yoff..ylim). */
static void
compare_seq(int xoff, int xlim, int yoff, int ylim)
{
    while (xoff < xlim && yoff < ylim && sx.v[xoff] == sy.v[yoff])
        xoff++, yoff++;
    while (xlim > xoff && ylim > yoff && sx.v[xlim - 1] == sy.v[ylim - 1])
        xlim--, ylim--;
    if (xoff == xlim) {
        while (yoff < ylim)
            file1->changed[sy.real[yoff++]] = 1;
    } else if (yoff == ylim) {
        while (xoff < xlim)
            file0->changed[sx.real[xoff++]] = 1;
    } else {
        int xmid, ymid;
        middle_snake(xoff, xlim, yoff, ylim, &xmid, &ymid);
        compare_seq(xoff, xmid, yoff, ymid);
        compare_seq(xmid, xlim, ymid, ylim);
    }
}

/* Step 4 for file f, whose partner is other. */
static void
shift_boundaries(struct diff_region *f, struct diff_region *other)
{
    char *changed = f->changed, *other_changed = other->changed;
    const int *equivs = f->equiv;
    int i = 0, j = 0, i_end = f->n;

    for (;;) {
        int start, runlength, corresponding;

        /* The next run of changes, and the matching point in the other file. */
        while (i < i_end && !changed[i]) {
            while (other_changed[j++])
                continue;
            i++;
        }
        if (i == i_end)
            break;
        start = i;
        while (changed[++i])
            continue;
        while (other_changed[j])
            j++;
        do {
            runlength = i - start;
            /* Slide up while the line above equals the run's last line, merging runs. */
            while (start && equivs[start - 1] == equivs[i - 1]) {
                changed[--start] = 1;
                changed[--i] = 0;
                while (changed[start - 1])
                    start--;
                while (other_changed[--j])
                    continue;
            }
            corresponding = other_changed[j - 1] ? i : i_end;
            /* Then down as far as possible while the run's first line equals the line below. */
            while (i != i_end && equivs[start] == equivs[i]) {
                changed[start++] = 0;
                changed[i++] = 1;
                while (changed[i])
                    i++;
                while (other_changed[++j])
                    corresponding = i;
            }
        } while (runlength != i - start);
        /* Back up to align with a run of changes in the other file, if one was passed. */
        while (corresponding < i) {
            changed[--start] = 1;
            changed[--i] = 0;
            while (other_changed[--j])
                continue;
        }
    }
}

/* Are line i of a and line j of b the same bytes, newline included? */
static int
identical(const struct diff_file *a, int i, const struct diff_file *b, int j)
{
    int ma = a->missing_newline && i == a->nlines - 1;
    int mb = b->missing_newline && j == b->nlines - 1;

    return ma == mb && a->lines[i].len == b->lines[j].len &&
           memcmp(a->lines[i].text, b->lines[j].text, a->lines[i].len) == 0;
}

int
diff_analyze(struct diff_file *f0, struct diff_file *f1, struct diff_change **changes)
{
    struct diff_region r0, r1;
    int pre = 0, suf = 0;

    assign_classes(f0);
    assign_classes(f1);
    for (int k = 0; k < 2; k++) {
        struct diff_file *f = k ? f1 : f0;
        /* changed[-1] and changed[nlines] stay 0: sentinels for the scans above. */
        f->changed = (char *)diff_alloc((size_t)f->nlines + 2) + 1;
        memset(f->changed - 1, 0, (size_t)f->nlines + 2);
    }
    /* The identical lines at both ends are left out of the analysis, as GNU diff does. */
    while (pre < f0->nlines && pre < f1->nlines && identical(f0, pre, f1, pre))
        pre++;
    while (suf < f0->nlines - pre && suf < f1->nlines - pre &&
           identical(f0, f0->nlines - 1 - suf, f1, f1->nlines - 1 - suf))
        suf++;
    /*
     * Give back as many lines to each end as the output shows for context
     * (GNU diff's "horizon"): they take part in sliding the changes.
     */
    int horizon = diff_opt.unified ? diff_opt.context : 0;
    pre = pre > horizon ? pre - horizon : 0;
    suf = suf > horizon ? suf - horizon : 0;
    r0 = (struct diff_region){ f0->equiv + pre, f0->changed + pre, f0->nlines - pre - suf };
    r1 = (struct diff_region){ f1->equiv + pre, f1->changed + pre, f1->nlines - pre - suf };
    file0 = &r0;
    file1 = &r1;

    int *counts0 = diff_alloc(((size_t)nclasses + 1) * sizeof(int));
    int *counts1 = diff_alloc(((size_t)nclasses + 1) * sizeof(int));
    memset(counts0, 0, ((size_t)nclasses + 1) * sizeof(int));
    memset(counts1, 0, ((size_t)nclasses + 1) * sizeof(int));
    for (int i = 0; i < r0.n; i++)
        counts0[r0.equiv[i]]++;
    for (int i = 0; i < r1.n; i++)
        counts1[r1.equiv[i]]++;
    char *d0 = find_discards(&r0, counts1), *d1 = find_discards(&r1, counts0);
    build_seq(&r0, d0, &sx);
    build_seq(&r1, d1, &sy);

    size_t diags = (size_t)sx.n + (size_t)sy.n + 3;
    int *fbuf = diff_alloc(diags * sizeof(int)), *bbuf = diff_alloc(diags * sizeof(int));
    fd = fbuf + sy.n + 1;
    bd = bbuf + sy.n + 1;
    compare_seq(0, sx.n, 0, sy.n);
    shift_boundaries(&r0, &r1);
    shift_boundaries(&r1, &r0);
    free(sx.v);
    free(sx.real);
    free(sy.v);
    free(sy.real);

    /* Step 5: pair up the runs of changes. */
    int n = 0, cap = 16;
    struct diff_change *c = diff_alloc((size_t)cap * sizeof *c);
    int i0 = 0, i1 = 0;
    while (i0 < f0->nlines || i1 < f1->nlines) {
        if (f0->changed[i0] || f1->changed[i1]) {
            int l0 = i0, l1 = i1;
            while (f0->changed[i0])
                i0++;
            while (f1->changed[i1])
                i1++;
            if (n == cap) {
                cap *= 2;
                struct diff_change *nc = diff_alloc((size_t)cap * sizeof *c);
                memcpy(nc, c, (size_t)n * sizeof *c);
                free(c);
                c = nc;
            }
            c[n].line0 = l0;
            c[n].line1 = l1;
            c[n].deleted = i0 - l0;
            c[n].inserted = i1 - l1;
            n++;
        }
        i0++;
        i1++;
    }
    free(fbuf);
    free(bbuf);
    free(counts0);
    free(counts1);
    free(d0);
    free(d1);
    *changes = c;
    return n;
}
