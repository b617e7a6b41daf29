/*
 * glob.c - path names matching a shell pattern (POSIX glob, globfree).
 *
 * The pattern is taken one '/'-separated component at a time, building the
 * path in one buffer; the separators are copied as the pattern has them (a
 * doubled slash stays doubled, as in glibc). The rules follow glibc's, so
 * that results and errors agree with it:
 *   - The components before the first one with a wildcard ('*', '?' or a
 *     '[') are the literal directory: appended without their escapes and
 *     not checked, so ".." and unreadable directories on the way work.
 *   - A later component without wildcards or escapes must exist (lstat; a
 *     dangling symbolic link counts), as must a last one.
 *   - Any other component is matched by fnmatch against each name of the
 *     directory built so far. A leading '.' must be matched explicitly
 *     (FNM_PERIOD) unless GLOB_PERIOD, which applies to the last component
 *     only (not to one followed by a '/'). Before another component, only directories (and symbolic
 *     links to them) are kept. A pattern ending in '/' matches directories
 *     only.
 *   - A directory that cannot be opened is skipped, except when the error
 *     is not ENOTDIR and errfunc returns non-zero or GLOB_ERR is set: then
 *     glob stops with GLOB_ABORTED, keeping what it found.
 * The new paths are sorted with strcmp (the "C" locale's order) unless
 * GLOB_NOSORT. With GLOB_NOCHECK and no match, the result is the pattern
 * itself without its trailing slashes.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* What a component contains (bits). */
enum { GLOB_PAT_WILD = 1, GLOB_PAT_ESCAPE = 2, GLOB_PAT_BRACKET = 4 };

struct glob_run {
    int flags;
    int (*errfunc)(const char *path, int err);
    glob_t *g;
    size_t cap;          /* slots in g->gl_pathv */
    char path[PATH_MAX]; /* the path built so far */
};

/* Add path (len bytes) to the results, with a '/' appended when mark; 0 or GLOB_NOSPACE. */
static int glob_add(struct glob_run *run, const char *path, size_t len, int mark)
{
    glob_t *g = run->g;
    size_t used = g->gl_offs + g->gl_pathc;
    char *copy;

    if (used + 2 > run->cap) {
        size_t cap = run->cap ? run->cap * 2 : 16;
        char **bigger;

        while (cap < used + 2)
            cap *= 2;
        bigger = realloc(g->gl_pathv, cap * sizeof *bigger);
        if (!bigger)
            return GLOB_NOSPACE;
        g->gl_pathv = bigger;
        run->cap = cap;
    }
    copy = malloc(len + mark + 1);
    if (!copy)
        return GLOB_NOSPACE;
    memcpy(copy, path, len);
    if (mark)
        copy[len++] = '/';
    copy[len] = '\0';
    g->gl_pathv[used] = copy;
    g->gl_pathv[used + 1] = NULL;
    g->gl_pathc++;
    return 0;
}

/* The GLOB_PAT_* bits of the component [p, p + n). */
static int glob_pattern_type(const char *p, size_t n, int flags)
{
    int type = 0;

    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && !(flags & GLOB_NOESCAPE)) {
            type |= GLOB_PAT_ESCAPE;
            i++;
        } else if (p[i] == '*' || p[i] == '?') {
            type |= GLOB_PAT_WILD;
        } else if (p[i] == '[') {
            type |= GLOB_PAT_BRACKET;
        } else if (p[i] == ']' && (type & GLOB_PAT_BRACKET)) {
            type |= GLOB_PAT_WILD;
        }
    }
    return type;
}

static int glob_isdir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int glob_walk(struct glob_run *run, size_t len, const char *rest, int literal);

/*
 * The path (len bytes) matched the component that ended at seps (the
 * separators after it, then the rest of the pattern). Go on with the
 * rest, or record the path when the pattern ends here.
 */
static int glob_next(struct glob_run *run, size_t len, const char *seps, int literal)
{
    size_t nsep = strspn(seps, "/");
    const char *rest = seps + nsep;

    if (len + nsep >= PATH_MAX)
        return 0; /* too long to exist */
    memcpy(run->path + len, seps, nsep);
    run->path[len + nsep] = '\0';
    if (*rest)
        return glob_walk(run, len + nsep, rest, literal);
    if (nsep)
        return glob_isdir(run->path) ? glob_add(run, run->path, len + nsep, 0) : 0;
    return glob_add(run, run->path, len, (run->flags & GLOB_MARK) && glob_isdir(run->path));
}

/* Append the component [p, p + n) without its escapes at len; the new length, 0 if too long. */
static size_t glob_append_literal(struct glob_run *run, size_t len, const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\' && !(run->flags & GLOB_NOESCAPE) && i + 1 < n)
            i++;
        if (len + 1 >= PATH_MAX)
            return 0;
        run->path[len++] = p[i];
    }
    run->path[len] = '\0';
    return len;
}

/* Match the component (a NUL-terminated copy) against the directory of run->path[0, len). */
static int glob_read_dir(struct glob_run *run, size_t len, const char *comp, const char *seps)
{
    int more = seps[strspn(seps, "/")] != '\0', fnflags = 0, r = 0;
    size_t dlen = len;
    struct dirent *e;
    DIR *dir;

    /* The directory's name: the path without the separator that ends it ("a" for "a/"). */
    if (dlen > 1 && run->path[dlen - 1] == '/')
        dlen--;
    run->path[dlen] = '\0';
    dir = opendir(dlen ? run->path : ".");
    if (!dir) {
        if (errno != ENOTDIR &&
            ((run->errfunc && run->errfunc(dlen ? run->path : ".", errno)) ||
             (run->flags & GLOB_ERR)))
            return GLOB_ABORTED;
        return 0;
    }
    if (dlen < len)
        run->path[dlen] = '/';
    if (run->flags & GLOB_NOESCAPE)
        fnflags |= FNM_NOESCAPE;
    if (!(run->flags & GLOB_PERIOD) || *seps)
        fnflags |= FNM_PERIOD;
    while (r == 0 && (e = readdir(dir))) {
        size_t nlen = strlen(e->d_name);

        if (fnmatch(comp, e->d_name, fnflags) != 0 || len + nlen >= PATH_MAX)
            continue;
        memcpy(run->path + len, e->d_name, nlen + 1);
        /* More components to come: only a directory (or a link to one) can have them. */
        if (more && e->d_type != DT_DIR &&
            ((e->d_type != DT_LNK && e->d_type != DT_UNKNOWN) || !glob_isdir(run->path)))
            continue;
        r = glob_next(run, len + nlen, seps, 0);
    }
    closedir(dir);
    return r;
}

/*
 * Expand rest (starting at a component) below the path of len bytes in
 * run->path; literal: no component with a wildcard came before.
 */
static int glob_walk(struct glob_run *run, size_t len, const char *rest, int literal)
{
    size_t n = strcspn(rest, "/"), clen = n, at;
    const char *seps = rest + n;
    int more = seps[strspn(seps, "/")] != '\0', type;
    char comp[NAME_MAX * 2 + 2];
    struct stat st;

    /* A backslash before a '/' escapes it: the component ends before the backslash. */
    if (*seps && !(run->flags & GLOB_NOESCAPE)) {
        size_t backslashes = 0;
        while (backslashes < n && rest[n - 1 - backslashes] == '\\')
            backslashes++;
        if (backslashes % 2)
            clen--;
    }
    type = glob_pattern_type(rest, clen, run->flags);
    if (literal && more && !(type & (GLOB_PAT_WILD | GLOB_PAT_BRACKET))) {
        at = glob_append_literal(run, len, rest, clen);
        return at ? glob_next(run, at, seps, 1) : 0;
    }
    if (type == 0) {
        at = glob_append_literal(run, len, rest, clen);
        if (!at || lstat(run->path, &st) < 0)
            return 0;
        return glob_next(run, at, seps, 0);
    }
    if (clen >= sizeof comp)
        return 0;
    memcpy(comp, rest, clen);
    comp[clen] = '\0';
    return glob_read_dir(run, len, comp, seps);
}

static int glob_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
         glob_t *restrict g)
{
    struct glob_run *run;
    size_t first, start = 0;
    int r;

    if (!(flags & GLOB_APPEND)) {
        g->gl_pathc = 0;
        g->gl_pathv = NULL;
        if (!(flags & GLOB_DOOFFS))
            g->gl_offs = 0;
    }
    run = malloc(sizeof *run);
    if (!run)
        return GLOB_NOSPACE;
    run->flags = flags;
    run->errfunc = errfunc;
    run->g = g;
    run->cap = g->gl_pathv ? g->gl_offs + g->gl_pathc + 1 : 0;
    if (!g->gl_pathv) {
        /* The reserved leading NULLs, and the final one. */
        g->gl_pathv = calloc(g->gl_offs + 1, sizeof *g->gl_pathv);
        if (!g->gl_pathv) {
            free(run);
            return GLOB_NOSPACE;
        }
        run->cap = g->gl_offs + 1;
    }
    first = g->gl_pathc;
    start = strspn(pattern, "/");
    memcpy(run->path, pattern, start);
    run->path[start] = '\0';
    if (pattern[start])
        r = glob_walk(run, start, pattern + start, 1);
    else
        r = start ? glob_add(run, pattern, start, 0) : 0; /* "/" itself; "" matches nothing */
    if (r == 0 && g->gl_pathc == first) {
        size_t n = strlen(pattern);

        if (!(flags & GLOB_NOCHECK)) {
            free(run);
            return GLOB_NOMATCH;
        }
        while (n > 1 && pattern[n - 1] == '/' &&
               ((flags & GLOB_NOESCAPE) || pattern[n - 2] != '\\'))
            n--;
        r = glob_add(run, pattern, n, 0);
    }
    free(run);
    if (!(flags & GLOB_NOSORT))
        qsort(g->gl_pathv + g->gl_offs + first, g->gl_pathc - first, sizeof(char *),
              glob_compare);
    return r;
}

void globfree(glob_t *g)
{
    if (g->gl_pathv) {
        for (size_t i = 0; i < g->gl_pathc; i++)
            free(g->gl_pathv[g->gl_offs + i]);
        free(g->gl_pathv);
    }
    g->gl_pathv = NULL;
    g->gl_pathc = 0;
}
