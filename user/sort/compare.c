/*
 * compare.c - sort keys: parsing -k POS1[,POS2] and comparing two lines.
 *
 * A key is located in a line as POSIX describes: fields are separated by the
 * -t character, or else each field is a run of blanks followed by non-blanks
 * (so the leading blanks belong to the field, unless b skips them). POS1 is
 * the key's first character; POS2 its last, the end of a field when it has no
 * character offset, and the end of the line when absent. The key text is then
 * compared as a number (n: decimal; g: strtod; h: with a K/M/G... suffix) or
 * as bytes, skipping what d and i ignore and folding case for f. Lines whose
 * keys all tie are compared as whole byte strings, the "last resort" that
 * GNU sort applies unless -s or -u is given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sort.h"

struct sort_options sort_opt = { .tab = -1 };

static int
is_blank(int c)
{
    return c == ' ' || c == '\t';
}

static int
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

/* Read a decimal count at *s; -1 when there are no digits. */
static long
parse_count(const char **s)
{
    long n = 0;

    if (!is_digit(**s))
        return -1;
    while (is_digit(**s)) {
        if (n < 100000000)
            n = n * 10 + (**s - '0');
        (*s)++;
    }
    return n;
}

/* Apply the ordering letters at s to key; *blanks gets b. Returns the rest. */
static const char *
parse_flags(const char *s, struct sort_key *key, int *blanks)
{
    for (;; s++) {
        switch (*s) {
        case 'b': *blanks = 1; break;
        case 'd': key->dictionary = 1; break;
        case 'f': key->fold = 1; break;
        case 'g': key->general = 1; break;
        case 'h': key->human = 1; break;
        case 'i': key->printable = 1; break;
        case 'n': key->numeric = 1; break;
        case 'r': key->reverse = 1; break;
        default: return s;
        }
    }
}

int
sort_parse_key(const char *arg, struct sort_key *key)
{
    const char *s = arg;
    long n;

    memset(key, 0, sizeof *key);
    n = parse_count(&s);
    if (n <= 0)
        return -1;
    key->sword = (size_t)n - 1;
    if (*s == '.') {
        s++;
        n = parse_count(&s);
        if (n <= 0)
            return -1;
        key->schar = (size_t)n - 1;
    }
    s = parse_flags(s, key, &key->skip_sblanks);
    key->eword = SIZE_MAX;
    if (*s == ',') {
        s++;
        n = parse_count(&s);
        if (n <= 0)
            return -1;
        key->eword = (size_t)n - 1;
        if (*s == '.') {
            s++;
            n = parse_count(&s);
            if (n < 0)
                return -1;
            key->echar = (size_t)n;
        }
        s = parse_flags(s, key, &key->skip_eblanks);
    }
    return *s == '\0' ? 0 : -1;
}

/*
 * Skip n fields of p[..lim): with -t each field and the separator after it
 * (after the last one only if past_last), otherwise blanks and the word
 * after them.
 */
static const char *
skip_fields(const char *p, const char *lim, size_t n, int past_last)
{
    if (sort_opt.tab >= 0) {
        while (p < lim && n--) {
            while (p < lim && *p != sort_opt.tab)
                p++;
            if (p < lim && (n || past_last))
                p++;
        }
    } else {
        while (p < lim && n--) {
            while (p < lim && is_blank(*p))
                p++;
            while (p < lim && !is_blank(*p))
                p++;
        }
    }
    return p;
}

/* The first character of key in line. */
static const char *
key_begin(const struct sort_line *line, const struct sort_key *key)
{
    const char *lim = line->text + line->len;
    const char *p = skip_fields(line->text, lim, key->sword, 1);

    if (key->skip_sblanks)
        while (p < lim && is_blank(*p))
            p++;
    return (size_t)(lim - p) < key->schar ? lim : p + key->schar;
}

/* One past the last character of key in line. */
static const char *
key_end(const struct sort_line *line, const struct sort_key *key)
{
    const char *p, *lim = line->text + line->len;
    size_t word = key->eword, chr = key->echar;

    if (word == SIZE_MAX)
        return lim;
    if (chr == 0)
        word++; /* the whole of the end field */
    p = skip_fields(line->text, lim, word, chr != 0);
    if (chr != 0) {
        if (key->skip_eblanks)
            while (p < lim && is_blank(*p))
                p++;
        p = (size_t)(lim - p) < chr ? lim : p + chr;
    }
    return p;
}

/*
 * A decimal number's parts: sign, integer digits without leading zeros and
 * fraction digits without trailing zeros; what follows is in *rest.
 */
struct sort_number {
    int negative;
    const char *ip, *fp;
    size_t ilen, flen;
};

static void
parse_number(const char *p, const char *lim, struct sort_number *n, const char **rest)
{
    memset(n, 0, sizeof *n);
    while (p < lim && is_blank(*p))
        p++;
    if (p < lim && *p == '-') {
        n->negative = 1;
        p++;
    }
    while (p < lim && *p == '0')
        p++;
    n->ip = p;
    while (p < lim && is_digit(*p))
        p++;
    n->ilen = (size_t)(p - n->ip);
    if (p < lim && *p == '.') {
        p++;
        n->fp = p;
        while (p < lim && is_digit(*p))
            p++;
        n->flen = (size_t)(p - n->fp);
        while (n->flen > 0 && n->fp[n->flen - 1] == '0')
            n->flen--;
    }
    if (n->ilen == 0 && n->flen == 0)
        n->negative = 0; /* -0 is 0 */
    if (rest)
        *rest = p;
}

/* Compare the magnitudes of two parsed numbers. */
static int
magnitude_compare(const struct sort_number *a, const struct sort_number *b)
{
    if (a->ilen != b->ilen)
        return a->ilen < b->ilen ? -1 : 1;
    int d = memcmp(a->ip, b->ip, a->ilen);
    if (d)
        return d < 0 ? -1 : 1;
    size_t n = a->flen < b->flen ? a->flen : b->flen;
    d = memcmp(a->fp ? a->fp : "", b->fp ? b->fp : "", n);
    if (d)
        return d < 0 ? -1 : 1;
    return a->flen == b->flen ? 0 : a->flen < b->flen ? -1 : 1;
}

static int
numeric_compare(const char *a, const char *alim, const char *b, const char *blim)
{
    struct sort_number na, nb;

    parse_number(a, alim, &na, NULL);
    parse_number(b, blim, &nb, NULL);
    if (na.negative != nb.negative)
        return na.negative ? -1 : 1;
    int d = magnitude_compare(&na, &nb);
    return na.negative ? -d : d;
}

/* The rank of a -h suffix: none 0, K 1, M 2, ... */
static int
suffix_rank(const char *p, const char *lim)
{
    static const char units[] = "KMGTPEZYRQ";

    if (p >= lim)
        return 0;
    if (*p == 'k')
        return 1;
    const char *u = *p ? strchr(units, *p) : NULL;
    return u ? (int)(u - units) + 1 : 0;
}

/*
 * -h: the unit suffix decides first (negated for negative numbers; a number
 * without a nonzero digit has none), then the number, as GNU sort does.
 */
static int
human_order(const char *p, const char *lim)
{
    struct sort_number n;
    const char *rest;

    parse_number(p, lim, &n, &rest);
    if (n.ilen == 0 && n.flen == 0)
        return 0;
    return n.negative ? -suffix_rank(rest, lim) : suffix_rank(rest, lim);
}

static int
human_compare(const char *a, const char *alim, const char *b, const char *blim)
{
    int d = human_order(a, alim) - human_order(b, blim);

    if (d)
        return d < 0 ? -1 : 1;
    return numeric_compare(a, alim, b, blim);
}

/* strtod of [p, lim); *ok says whether anything converted. */
static double
general_value(const char *p, const char *lim, int *ok)
{
    size_t n = (size_t)(lim - p);
    char buf[128], *copy = n < sizeof buf ? buf : malloc(n + 1), *end;
    double v;

    if (!copy) {
        *ok = 0;
        return 0;
    }
    memcpy(copy, p, n);
    copy[n] = '\0';
    v = strtod(copy, &end);
    *ok = end != copy;
    if (copy != buf)
        free(copy);
    return v;
}

static int
general_compare(const char *a, const char *alim, const char *b, const char *blim)
{
    int oka, okb;
    double va = general_value(a, alim, &oka), vb = general_value(b, blim, &okb);

    /* Conversion failures first, then NaNs, then the numbers in order. */
    if (!oka || !okb)
        return oka - okb;
    if (va != va || vb != vb)
        return (va == va) - (vb == vb);
    return va < vb ? -1 : va > vb ? 1 : 0;
}

/* Does key ignore byte c (d: keep blanks and alphanumerics; i: keep printables)? */
static int
ignored(const struct sort_key *key, unsigned char c)
{
    if (key->dictionary && !(is_blank(c) || is_digit(c) || (c >= 'a' && c <= 'z') ||
                             (c >= 'A' && c <= 'Z')))
        return 1;
    /* As in GNU sort, i applies only when d does not: one ignore table per key. */
    return key->printable && !key->dictionary && !(c >= 32 && c < 127);
}

static unsigned char
translate(const struct sort_key *key, unsigned char c)
{
    return key->fold && c >= 'a' && c <= 'z' ? (unsigned char)(c - 'a' + 'A') : c;
}

static int
text_compare(const struct sort_key *key, const char *a, const char *alim, const char *b,
             const char *blim)
{
    if (!key->dictionary && !key->printable && !key->fold) {
        size_t la = (size_t)(alim - a), lb = (size_t)(blim - b);
        int d = memcmp(a, b, la < lb ? la : lb);
        if (d)
            return d < 0 ? -1 : 1;
        return la == lb ? 0 : la < lb ? -1 : 1;
    }
    for (;;) {
        while (a < alim && ignored(key, (unsigned char)*a))
            a++;
        while (b < blim && ignored(key, (unsigned char)*b))
            b++;
        if (a == alim || b == blim)
            return (a < alim) - (b < blim);
        unsigned char ca = translate(key, (unsigned char)*a++);
        unsigned char cb = translate(key, (unsigned char)*b++);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
}

static int
key_compare(const struct sort_key *key, const struct sort_line *la, const struct sort_line *lb)
{
    const char *a = key_begin(la, key), *alim = key_end(la, key);
    const char *b = key_begin(lb, key), *blim = key_end(lb, key);
    int d;

    if (alim < a)
        alim = a;
    if (blim < b)
        blim = b;
    if (key->numeric)
        d = numeric_compare(a, alim, b, blim);
    else if (key->human)
        d = human_compare(a, alim, b, blim);
    else if (key->general)
        d = general_compare(a, alim, b, blim);
    else
        d = text_compare(key, a, alim, b, blim);
    return key->reverse ? -d : d;
}

int
sort_compare_keys(const struct sort_line *a, const struct sort_line *b)
{
    for (int i = 0; i < sort_opt.nkeys; i++) {
        int d = key_compare(&sort_opt.keys[i], a, b);
        if (d)
            return d;
    }
    return 0;
}

int
sort_compare(const struct sort_line *a, const struct sort_line *b)
{
    int d = sort_compare_keys(a, b);

    if (d || sort_opt.stable || sort_opt.unique)
        return d;
    size_t n = a->len < b->len ? a->len : b->len;
    d = memcmp(a->text, b->text, n);
    if (!d)
        d = a->len == b->len ? 0 : a->len < b->len ? -1 : 1;
    else
        d = d < 0 ? -1 : 1;
    return sort_opt.reverse ? -d : d;
}
