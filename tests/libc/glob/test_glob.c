/*
 * test_glob.c - libc's glob (compiled with libc_ names, glob.mk) against the
 * host C library's, on a directory tree made for the test: plain files,
 * hidden names, names with wildcard characters in them, nested directories,
 * symbolic links to a directory, to a file and to nowhere.
 *
 * Random patterns are built from components that exercise every part of the
 * matcher ('*', '?', brackets, escapes, literal names, ".", "..", hidden
 * names), several components deep, relative, under "./" or absolute, with
 * doubled and trailing slashes, under random flags. Both globs must return
 * the same value and the same paths (compared after sorting under
 * GLOB_NOSORT). GLOB_APPEND and GLOB_DOOFFS are checked on pairs of calls,
 * errfunc on a directory that does not exist. The seed is printed;
 * LIBC_GLOB_SEED replaces it.
 *
 * GLOB_PERIOD applies to the last component only, and GLOB_NOCHECK returns
 * the pattern without its trailing slashes, as in glibc. Two glibc
 * oddities are not compared (docs/userspace.md): a pattern ending in '/'
 * under GLOB_MARK (glibc appends a second '/') or GLOB_PERIOD (glibc then
 * also returns files and links to files, without the '/'), and one ending
 * in '/' after a component without wildcards (glibc may return a file or
 * a dangling link without the '/', or the pattern, depending on flags).
 */
#include <dirent.h>
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "hostutil.h"

/* libc's glob_t (libc/include/glob.h); its flag and error values are glibc's. */
struct libc_glob {
    size_t gl_pathc;
    char **gl_pathv;
    size_t gl_offs;
};

int libc_glob(const char *pattern, int flags, int (*errfunc)(const char *, int),
              struct libc_glob *g);
void libc_globfree(struct libc_glob *g);

/* ---- the host side of glob_hostfs.c ---- */

void *hostfs_opendir(const char *path, int *err);
int hostfs_readdir(void *handle, char *name, size_t size, unsigned char *type);
void hostfs_closedir(void *handle);
int hostfs_stat(const char *path, int follow, unsigned int *mode, int *err);

void *hostfs_opendir(const char *path, int *err)
{
    DIR *d = opendir(path);

    if (!d)
        *err = errno;
    return d;
}

int hostfs_readdir(void *handle, char *name, size_t size, unsigned char *type)
{
    struct dirent *e = readdir(handle);

    if (!e)
        return 0;
    snprintf(name, size, "%s", e->d_name);
    *type = e->d_type;
    return 1;
}

void hostfs_closedir(void *handle)
{
    closedir(handle);
}

int hostfs_stat(const char *path, int follow, unsigned int *mode, int *err)
{
    struct stat st;

    if ((follow ? stat(path, &st) : lstat(path, &st)) < 0) {
        *err = errno;
        return -1;
    }
    *mode = st.st_mode;
    return 0;
}

/* ---- the tree ---- */

static char root[PATH_MAX];

static void make_tree(void)
{
    static const char *dirs[] = {"a", "a/x", "a/y", "a/x/deep", "b", "b/c.d", ".h", ".h/in",
                                 "e", "sp ace", NULL};
    static const char *files[] = {"f", "f.c", "g.c", "a/x/b1.c", "a/x/b2.h", "a/y/b3.c",
                                  "a/y/.b4.c", "a/x/deep/z", "b/c.d/k", ".hid", ".h/in/q.c",
                                  "a*b", "a[b", "a?", "x\\y", "B", "-n", "sp ace/t", NULL};
    snprintf(root, sizeof root, "%s", host_tmp("globtree"));
    REQUIRE(mkdir(root, 0755) == 0);
    REQUIRE(chdir(root) == 0);
    for (int i = 0; dirs[i]; i++)
        REQUIRE(mkdir(dirs[i], 0755) == 0);
    for (int i = 0; files[i]; i++)
        host_write_file(files[i], "x", 1);
    REQUIRE(symlink("a", "la") == 0);
    REQUIRE(symlink("nowhere", "dang") == 0);
    REQUIRE(symlink("f.c", "lf.c") == 0);
    REQUIRE(symlink("../b", "a/up") == 0);
}

/* ---- comparing ---- */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static uint64_t rng;

static unsigned int pick(unsigned int n)
{
    return host_xorshift(&rng) % n;
}

static int compared, mismatches;

/* Compare the paths of two results from index offs on (count n), sorting copies first when asked. */
static int same_paths(char **got, char **want, size_t offs, size_t n, int sort)
{
    char **g = malloc((n + 1) * sizeof *g), **w = malloc((n + 1) * sizeof *w);
    int same = 1;

    memcpy(g, got + offs, n * sizeof *g);
    memcpy(w, want + offs, n * sizeof *w);
    if (sort) {
        qsort(g, n, sizeof *g, cmp_str);
        qsort(w, n, sizeof *w, cmp_str);
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(g[i], w[i]) != 0)
            same = 0;
    if (got[offs + n] != NULL)
        same = 0;
    free(g);
    free(w);
    return same;
}

static void show(const char *who, char **v, size_t offs, size_t n)
{
    fprintf(stderr, "  %s:", who);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, " '%s'", v[offs + i]);
    fprintf(stderr, "\n");
}

/* Run both globs on pattern with flags and compare; 1 if they agree. */
static int compare_one(const char *pattern, int flags)
{
    struct libc_glob ours = {0};
    glob_t host;
    int r1, r2, ok;

    memset(&host, 0, sizeof host);
    r1 = libc_glob(pattern, flags, NULL, &ours);
    r2 = glob(pattern, flags, NULL, &host);
    ok = r1 == r2 && ours.gl_pathc == host.gl_pathc;
    if (ok && ours.gl_pathc)
        ok = same_paths(ours.gl_pathv, host.gl_pathv, 0, ours.gl_pathc, flags & GLOB_NOSORT);
    compared++;
    if (!ok) {
        if (mismatches++ < 20) {
            fprintf(stderr, "glob '%s' flags %#x: ours %d, host %d\n", pattern, flags, r1, r2);
            show("ours", ours.gl_pathv, 0, ours.gl_pathc);
            show("host", host.gl_pathv, 0, host.gl_pathc);
        }
    }
    libc_globfree(&ours);
    globfree(&host);
    return ok;
}

static const char *components[] = {
    "*", "?", "a", "b", "x", "y", "e", "*.c", "b*", "b?.c", "[ab]*", "[!a]*", "[^ab]", "[a-c]",
    ".*", ".h", "*.?", "a\\*b", "a\\[b", "a[b", "a?", "a\\?", "x\\\\y", "x\\y", ".", "..",
    "[.]*", "?*", "*[0-9]*", "deep", "c.d", "sp ace", "sp*", "la", "dang", "lf.c", "up", "f",
    "*b*", "[[:upper:]]", "[[:alpha:]]*", "\\.*", "-n", "[]ab]*", "nonexist", "[a", "*\\",
};

static void random_pattern(char *out, size_t size)
{
    size_t len = 0;
    int depth = 1 + (int)pick(4);

    out[0] = '\0';
    switch (pick(8)) {
    case 0: len = (size_t)snprintf(out, size, "./"); break;
    case 1: len = (size_t)snprintf(out, size, "%s/", root); break;
    default: break;
    }
    for (int i = 0; i < depth; i++) {
        const char *c = components[pick(sizeof components / sizeof components[0])];
        len += (size_t)snprintf(out + len, size - len, "%s%s", i ? (pick(10) ? "/" : "//") : "",
                                c);
    }
    if (pick(8) == 0)
        snprintf(out + len, size - len, "/");
}

/* One of the excluded oddities (see the file comment)? */
static int glibc_oddity(const char *pattern, int flags)
{
    size_t n = strlen(pattern), start;
    int wild = 0;

    if (n == 0 || pattern[n - 1] != '/')
        return 0;
    if (flags & (GLOB_MARK | GLOB_PERIOD))
        return 1;
    while (n > 0 && pattern[n - 1] == '/')
        n--;
    start = n;
    while (start > 0 && pattern[start - 1] != '/')
        start--;
    for (size_t i = start; i < n; i++)
        if (strchr("*?[", pattern[i]))
            wild = 1;
    return !wild;
}

TEST(glob_matches_host_on_random_patterns)
{
    static const int flag_bits[] = {GLOB_ERR, GLOB_MARK, GLOB_NOSORT, GLOB_NOCHECK,
                                    GLOB_NOESCAPE, GLOB_PERIOD};
    char pattern[PATH_MAX + 256];
    int tried = 0;

    rng = host_seed("LIBC_GLOB_SEED", 0x2545f4914f6cdd1dull);
    make_tree();
    compared = mismatches = 0;
    while (tried < 20000) {
        int flags = 0;

        random_pattern(pattern, sizeof pattern);
        for (size_t i = 0; i < sizeof flag_bits / sizeof flag_bits[0]; i++)
            if (pick(3) == 0)
                flags |= flag_bits[i];
        if (glibc_oddity(pattern, flags))
            continue;
        tried++;
        compare_one(pattern, flags);
    }
    CHECK_MSG(mismatches == 0, "%d of %d patterns differ from the host's glob", mismatches,
              compared);
}

TEST(glob_fixed_cases_match_host)
{
    static const char *patterns[] = {
        "*", ".*", "*/*/b*.c", "a/*/b*.c", "*/", "a//*", "./a/../*", "a\\*b", "a\\b", "a[b",
        "nonexist/*", "f/*", "f/", "la/*/", "dang", "la", "*/*/*/*", "/", "", "\\", "a/x/deep/z",
        ".h/*/*.c", "*/.*", "a/y/*", "a/y/.*", "[", "*[", "?\\", "sp ace/*", "*/up/*",
    };
    static const int flags[] = {0, GLOB_MARK, GLOB_NOCHECK, GLOB_ERR, GLOB_NOESCAPE,
                                GLOB_PERIOD, GLOB_NOSORT | GLOB_MARK | GLOB_NOCHECK};

    REQUIRE(chdir(root) == 0);
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++)
        for (size_t j = 0; j < sizeof flags / sizeof flags[0]; j++)
            if (!glibc_oddity(patterns[i], flags[j]))
                CHECK_MSG(compare_one(patterns[i], flags[j]), "'%s' flags %#x differ",
                          patterns[i], flags[j]);
}

TEST(glob_append_and_offsets)
{
    /* The host's glob is called without GLOB_DOOFFS: ASan's interceptor reads the NULLs. */
    static const char *patterns[] = {"*.c", "a/*/*", "zzz*", "zzz*"};
    static const int more[] = {0, GLOB_APPEND, GLOB_APPEND, GLOB_APPEND | GLOB_NOCHECK};
    struct libc_glob ours = {0};
    glob_t host;

    REQUIRE(chdir(root) == 0);
    memset(&host, 0, sizeof host);
    ours.gl_offs = 3;
    for (int i = 0; i < 4; i++) {
        int r1 = libc_glob(patterns[i], GLOB_DOOFFS | more[i], NULL, &ours);
        int r2 = glob(patterns[i], more[i], NULL, &host);
        CHECK_EQ(r1, r2);
    }
    for (int i = 0; i < 3; i++)
        CHECK(ours.gl_pathv[i] == NULL);
    REQUIRE(ours.gl_pathc == host.gl_pathc);
    CHECK(ours.gl_pathc > 4);
    /* Each call's paths are sorted on their own, after those already there. */
    CHECK(same_paths(ours.gl_pathv + 3, host.gl_pathv, 0, ours.gl_pathc, 0));
    libc_globfree(&ours);
    globfree(&host);
}

static int err_calls;
static char err_path[PATH_MAX];
static int err_errno;

static int record_error(const char *path, int err)
{
    err_calls++;
    snprintf(err_path, sizeof err_path, "%s", path);
    err_errno = err;
    return 1;
}

TEST(glob_errfunc_aborts)
{
    struct libc_glob ours = {0};
    glob_t host;
    char host_path[PATH_MAX];
    int r1, r2, host_errno;

    REQUIRE(chdir(root) == 0);
    memset(&host, 0, sizeof host);
    err_calls = 0;
    r2 = glob("nonexist/*", 0, record_error, &host);
    snprintf(host_path, sizeof host_path, "%s", err_path);
    host_errno = err_errno;
    r1 = libc_glob("nonexist/*", 0, record_error, &ours);
    CHECK_EQ(r1, GLOB_ABORTED);
    CHECK_EQ(r1, r2);
    CHECK_EQ(err_calls, 2);
    CHECK_STR(err_path, host_path);
    CHECK_EQ(err_errno, host_errno);
    libc_globfree(&ours);
    /* ENOTDIR is not an error: a file read as a directory. */
    err_calls = 0;
    r1 = libc_glob("f/*", GLOB_ERR, record_error, &ours);
    CHECK_EQ(r1, GLOB_NOMATCH);
    CHECK_EQ(err_calls, 0);
    libc_globfree(&ours);
    globfree(&host);
}
