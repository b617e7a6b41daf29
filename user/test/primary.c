/*
 * primary.c - the operators of test(1): file tests, string tests and
 * integer comparisons.
 *
 * File tests follow symbolic links except -h and -L; a file that cannot be
 * examined makes every file test false. -r, -w and -x ask access(2). The
 * integer operators accept blanks around an optional sign and digits, and
 * anything else is an error (status 2), as POSIX wants.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

static const char *const unary_ops[] = {
    "-b", "-c", "-d", "-e", "-f", "-g", "-G", "-h", "-k", "-L", "-n", "-N",
    "-O", "-p", "-r", "-s", "-S", "-t", "-u", "-w", "-x", "-z",
};

static const char *const binary_ops[] = {
    "=", "==", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "-nt", "-ot", "-ef",
};

int test_is_unary(const char *op)
{
    for (size_t i = 0; i < sizeof(unary_ops) / sizeof(unary_ops[0]); i++)
        if (strcmp(op, unary_ops[i]) == 0)
            return 1;
    return 0;
}

int test_is_binary(const char *op)
{
    for (size_t i = 0; i < sizeof(binary_ops) / sizeof(binary_ops[0]); i++)
        if (strcmp(op, binary_ops[i]) == 0)
            return 1;
    return 0;
}

/* The integer s, or an error: blanks, an optional sign, digits, blanks. */
static long long to_integer(const char *s)
{
    const char *p = s;
    long long v;
    char *end;

    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '+' || *p == '-')
        p++;
    if (*p < '0' || *p > '9')
        test_error("invalid integer '%s'", s);
    errno = 0;
    v = strtoll(s, &end, 10);
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end)
        test_error("invalid integer '%s'", s);
    if (errno == ERANGE)
        test_error("integer out of range: '%s'", s);
    return v;
}

/* Compare two modification times: <0, 0, >0. */
static int compare_mtime(const struct stat *a, const struct stat *b)
{
    if (a->st_mtim.tv_sec != b->st_mtim.tv_sec)
        return a->st_mtim.tv_sec < b->st_mtim.tv_sec ? -1 : 1;
    if (a->st_mtim.tv_nsec != b->st_mtim.tv_nsec)
        return a->st_mtim.tv_nsec < b->st_mtim.tv_nsec ? -1 : 1;
    return 0;
}

int test_unary(const char *op, const char *arg)
{
    struct stat st;
    int c = op[1];

    switch (c) {
    case 'n':
        return arg[0] != '\0';
    case 'z':
        return arg[0] == '\0';
    case 't':
        return isatty((int)to_integer(arg));
    case 'r':
        return access(arg, R_OK) == 0;
    case 'w':
        return access(arg, W_OK) == 0;
    case 'x':
        return access(arg, X_OK) == 0;
    case 'h':
    case 'L':
        return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
    }
    if (stat(arg, &st) < 0)
        return 0;
    switch (c) {
    case 'b': return S_ISBLK(st.st_mode);
    case 'c': return S_ISCHR(st.st_mode);
    case 'd': return S_ISDIR(st.st_mode);
    case 'e': return 1;
    case 'f': return S_ISREG(st.st_mode);
    case 'g': return (st.st_mode & S_ISGID) != 0;
    case 'G': return st.st_gid == getegid();
    case 'k': return (st.st_mode & S_ISVTX) != 0;
    case 'N': return st.st_atim.tv_sec < st.st_mtim.tv_sec ||
                     (st.st_atim.tv_sec == st.st_mtim.tv_sec &&
                      st.st_atim.tv_nsec < st.st_mtim.tv_nsec);
    case 'O': return st.st_uid == geteuid();
    case 'p': return S_ISFIFO(st.st_mode);
    case 's': return st.st_size > 0;
    case 'S': return S_ISSOCK(st.st_mode);
    case 'u': return (st.st_mode & S_ISUID) != 0;
    }
    return 0;
}

int test_binary(const char *left, const char *op, const char *right)
{
    struct stat a, b;
    int have_a, have_b;

    if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
        return strcmp(left, right) == 0;
    if (strcmp(op, "!=") == 0)
        return strcmp(left, right) != 0;
    if (strcmp(op, "-nt") == 0 || strcmp(op, "-ot") == 0) {
        /* A file that exists is newer than one that does not. */
        have_a = stat(left, &a) == 0;
        have_b = stat(right, &b) == 0;
        if (strcmp(op, "-ot") == 0)
            return have_b && (!have_a || compare_mtime(&a, &b) < 0);
        return have_a && (!have_b || compare_mtime(&a, &b) > 0);
    }
    if (strcmp(op, "-ef") == 0)
        return stat(left, &a) == 0 && stat(right, &b) == 0 && a.st_dev == b.st_dev &&
               a.st_ino == b.st_ino;

    long long l = to_integer(left), r = to_integer(right);
    if (strcmp(op, "-eq") == 0)
        return l == r;
    if (strcmp(op, "-ne") == 0)
        return l != r;
    if (strcmp(op, "-lt") == 0)
        return l < r;
    if (strcmp(op, "-le") == 0)
        return l <= r;
    if (strcmp(op, "-gt") == 0)
        return l > r;
    return l >= r; /* -ge */
}
