/*
 * fnmatch.c - shell wildcard matching: '*', '?', bracket expressions with
 * ranges, negation ('!' or '^') and [:class:], and backslash escapes.
 *
 * The matcher walks the pattern and the name together and recurses only at
 * '*', trying each place the rest of the pattern could start. FNM_PATHNAME
 * keeps '/' from being matched by a wildcard, FNM_PERIOD a leading '.' (at
 * the start of the name, or of a component under FNM_PATHNAME).
 */
#include <fnmatch.h>
#include <stddef.h>
#include "../internal.h"

static int
fn_fold(int c, int flags)
{
    return (flags & FNM_CASEFOLD) && c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/*
 * Match the bracket expression at p (just past '[') against c. Returns the
 * pattern after the closing ']' and sets *hit, or NULL when the bracket is
 * not terminated (then '[' is an ordinary character).
 */
static const char *
fn_bracket(const char *p, int c, int flags, int *hit)
{
    int negate = 0, found = 0, first = 1;
    if (*p == '!' || *p == '^') {
        negate = 1;
        p++;
    }
    c = fn_fold(c, flags);
    for (;;) {
        if (!*p)
            return NULL;
        if (*p == ']' && !first)
            break;
        first = 0;
        if (p[0] == '[' && p[1] == ':') {
            const char *name = p + 2, *q = name;
            while (*q && !(q[0] == ':' && q[1] == ']'))
                q++;
            if (!*q)
                return NULL;
            int in = __libc_char_class(name, (int)(q - name), c);
            if (in < 0)
                return NULL;
            if (in > 0 || ((flags & FNM_CASEFOLD) && __libc_char_class(name, (int)(q - name),
                                                               c >= 'a' && c <= 'z' ? c - 32 : c) > 0))
                found = 1;
            p = q + 2;
            continue;
        }
        int lo = (unsigned char)*p++;
        if (lo == '\\' && !(flags & FNM_NOESCAPE)) {
            if (!*p)
                return NULL;
            lo = (unsigned char)*p++;
        }
        int hi = lo;
        if (p[0] == '-' && p[1] && p[1] != ']') {
            p++;
            hi = (unsigned char)*p++;
            if (hi == '\\' && !(flags & FNM_NOESCAPE)) {
                if (!*p)
                    return NULL;
                hi = (unsigned char)*p++;
            }
        }
        if (lo == hi) {
            if (fn_fold(lo, flags) == c)
                found = 1;
        } else {
            for (int x = lo; x <= hi; x++)
                if (fn_fold(x, flags) == c)
                    found = 1;
        }
    }
    *hit = found != negate;
    return p + 1;
}

static int
fn_leading_period(const char *s, const char *name, int flags)
{
    return *s == '.' && (flags & FNM_PERIOD) &&
           (s == name || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

static int
fn_match(const char *p, const char *s, const char *name, int flags)
{
    for (;;) {
        int c = (unsigned char)*p++;
        switch (c) {
        case '\0':
            if (!*s || ((flags & FNM_LEADING_DIR) && *s == '/'))
                return 0;
            return FNM_NOMATCH;
        case '?':
            if (!*s || ((flags & FNM_PATHNAME) && *s == '/') || fn_leading_period(s, name, flags))
                return FNM_NOMATCH;
            s++;
            break;
        case '*':
            if (fn_leading_period(s, name, flags))
                return FNM_NOMATCH;
            while (*p == '*')
                p++;
            for (const char *t = s;; t++) {
                if (fn_match(p, t, name, flags) == 0)
                    return 0;
                if (!*t || ((flags & FNM_PATHNAME) && *t == '/'))
                    return FNM_NOMATCH;
            }
        case '[': {
            int hit = 0;
            const char *after = *s ? fn_bracket(p, (unsigned char)*s, flags, &hit) : p;
            if (!after) { /* no closing ']': an ordinary '[' */
                if (*s != '[')
                    return FNM_NOMATCH;
                s++;
                break;
            }
            if (!*s || ((flags & FNM_PATHNAME) && *s == '/') || fn_leading_period(s, name, flags) ||
                !hit)
                return FNM_NOMATCH;
            p = after;
            s++;
            break;
        }
        case '\\':
            if (!(flags & FNM_NOESCAPE)) {
                c = (unsigned char)*p++;
                if (!c)
                    return FNM_NOMATCH;
            }
            /* fall through */
        default:
            if (fn_fold(c, flags) != fn_fold((unsigned char)*s, flags) || !*s)
                return FNM_NOMATCH;
            s++;
            break;
        }
    }
}

int
fnmatch(const char *pattern, const char *name, int flags)
{
    return fn_match(pattern, name, name, flags);
}
