/*
 * pattern.c - grep's patterns: collecting them, compiling them with libc's
 * <regex.h>, and finding their matches in a line.
 *
 * Basic syntax is the default, extended with -E; with -F each pattern is
 * first escaped into a basic expression that matches it literally. A line
 * matches when any pattern does. -x accepts only a match that covers the
 * whole line: the matcher returns the leftmost-longest match, which covers
 * the line whenever any match could. -w accepts only a match whose ends are
 * not next to word characters; when the longest one fails, shorter matches
 * from the same start and then later starts are tried, as GNU grep does.
 */
#include <errno.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grep.h"

static char **patterns;
static int npatterns;
static regex_t *regs;

/* Add each newline-separated piece of text as a pattern (len bytes of text). */
void
grep_add_patterns(const char *text, size_t len)
{
    size_t start = 0;

    for (size_t i = 0; i <= len; i++) {
        if (i < len && text[i] != '\n')
            continue;
        /* A final newline ends the last pattern rather than adding an empty one. */
        if (i == len && i == start && len > 0 && text[len - 1] == '\n')
            break;
        char **np = realloc(patterns, (size_t)(npatterns + 1) * sizeof *np);
        if (!np) {
            fprintf(stderr, "%s: out of memory\n", grep_prog);
            exit(2);
        }
        patterns = np;
        char *p = grep_xmalloc(i - start + 1);
        memcpy(p, text + start, i - start);
        p[i - start] = '\0';
        patterns[npatterns++] = p;
        start = i + 1;
    }
}

void
grep_add_pattern_file(const char *path)
{
    char *buf;
    size_t len;

    if (read_file(path, &buf, &len) < 0) {
        fprintf(stderr, "%s: %s: %s\n", grep_prog, path, strerror(errno));
        exit(2);
    }
    /* An empty file contributes no pattern at all (so nothing matches). */
    if (len > 0)
        grep_add_patterns(buf, len);
    free(buf);
}

/* The basic expression that matches s literally. */
static char *
escape_fixed(const char *s)
{
    char *out = grep_xmalloc(strlen(s) * 2 + 1), *o = out;

    for (; *s; s++) {
        if (strchr("\\.[]*^$", *s))
            *o++ = '\\';
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

void
grep_compile_patterns(void)
{
    int flags = (grep_opt.syntax == 'E' ? REG_EXTENDED : 0) | (grep_opt.icase ? REG_ICASE : 0);

    regs = grep_xmalloc((size_t)npatterns * sizeof *regs);
    for (int i = 0; i < npatterns; i++) {
        char *src = grep_opt.syntax == 'F' ? escape_fixed(patterns[i]) : patterns[i];
        int rc = regcomp(&regs[i], src, flags);
        if (rc != 0) {
            char msg[128];
            regerror(rc, &regs[i], msg, sizeof msg);
            fprintf(stderr, "%s: %s\n", grep_prog, msg);
            exit(2);
        }
        if (src != patterns[i])
            free(src);
    }
}

static int
is_word_char(int c)
{
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Does re match exactly s[start..end), which ends before the end of the line? */
static int
matches_exactly(const regex_t *re, const char *s, size_t start, size_t end)
{
    regmatch_t m = { (regoff_t)start, (regoff_t)end };

    return regexec(re, s, 1, &m, REG_STARTEND | REG_NOTEOL) == 0 &&
           (size_t)m.rm_so == start && (size_t)m.rm_eo == end;
}

/*
 * Find the first match of re in the NUL-terminated segment s (of length len)
 * at or after from that satisfies -w and -x; store it in *m. Returns 1 if found.
 */
static int
find_one(const regex_t *re, const char *s, size_t len, size_t from, regmatch_t *m)
{
    while (from <= len) {
        regmatch_t r = { (regoff_t)from, (regoff_t)len };
        if (regexec(re, s, 1, &r, REG_STARTEND) != 0)
            return 0;
        size_t so = (size_t)r.rm_so, eo = (size_t)r.rm_eo;
        if (grep_opt.line) {
            /* The leftmost-longest match covers the line whenever any match could. */
            if (so != 0 || eo != len)
                return 0;
        } else if (grep_opt.word) {
            int start_ok = so == 0 || !is_word_char((unsigned char)s[so - 1]);
            if (start_ok) {
                /* Try this match, then shorter ones from the same start. */
                for (size_t e = eo;; e--) {
                    int end_ok = e == len || !is_word_char((unsigned char)s[e]);
                    if (end_ok && (e == eo || matches_exactly(re, s, so, e))) {
                        m->rm_so = (regoff_t)so;
                        m->rm_eo = (regoff_t)e;
                        return 1;
                    }
                    if (e == so)
                        break;
                }
            }
            from = so + 1;
            continue;
        }
        m->rm_so = (regoff_t)so;
        m->rm_eo = (regoff_t)eo;
        return 1;
    }
    return 0;
}

/* The earliest (then longest) match of any pattern in segment s at or after from. */
int
grep_find_any(const char *s, size_t len, size_t from, regmatch_t *best)
{
    int found = 0;

    for (int i = 0; i < npatterns; i++) {
        regmatch_t m;
        if (!find_one(&regs[i], s, len, from, &m))
            continue;
        if (!found || m.rm_so < best->rm_so ||
            (m.rm_so == best->rm_so && m.rm_eo > best->rm_eo))
            *best = m;
        found = 1;
    }
    return found;
}

int
grep_line_matches(const char *line, size_t len)
{
    regmatch_t m;

    return grep_find_any(line, len, 0, &m);
}
