/*
 * eval.c - evaluating find's expression for one file: the tests, which look
 * at its name and status, and the actions, which print, run commands or
 * delete. -o and -a evaluate their right side only when needed, so actions
 * run exactly where the expression reaches them.
 */
#include <dirent.h>
#include <err.h>
#include <fnmatch.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "find.h"

/* A batch of -exec ... + runs once it holds this many paths or bytes. */
#define BATCH_PATHS 1024
#define BATCH_BYTES 65536

int find_quit;

/* The last component of path, ignoring trailing slashes ("/" stays "/"). */
static const char *
base_name(const char *path, char *buf, size_t len)
{
    size_t n;
    const char *last = path_last(path, &n);

    if (n == 0 && last > path)
        last--, n = 1; /* the root: "/" */
    snprintf(buf, len, "%.*s", (int)n, last);
    return buf;
}

static int
compare(enum cmp cmp, long long value, long long n)
{
    if (cmp == CMP_GT)
        return value > n;
    if (cmp == CMP_LT)
        return value < n;
    return value == n;
}

static char
type_letter(mode_t m)
{
    switch (m & S_IFMT) {
    case S_IFDIR: return 'd';
    case S_IFLNK: return 'l';
    case S_IFBLK: return 'b';
    case S_IFCHR: return 'c';
    case S_IFIFO: return 'p';
    case S_IFSOCK: return 's';
    default: return 'f';
    }
}

static int
is_empty(const char *path, const struct stat *st)
{
    DIR *d;
    struct dirent *de;
    int empty = 1;

    if (S_ISREG(st->st_mode))
        return st->st_size == 0;
    if (!S_ISDIR(st->st_mode))
        return 0;
    d = opendir(path);
    if (!d) {
        warn("cannot read directory '%s'", path);
        find_status = 1;
        return 0;
    }
    while (empty && (de = readdir(d)) != NULL)
        if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
            empty = 0;
    closedir(d);
    return empty;
}

/* Run argv; true when it exits with status 0. */
static int
run(char **argv)
{
    pid_t pid;
    int status;

    fflush(stdout);
    pid = fork();
    if (pid < 0) {
        warn("cannot fork");
        find_status = 1;
        return 0;
    }
    if (pid == 0) {
        execvp(argv[0], argv);
        warn("'%s'", argv[0]);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) < 0)
        return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Replace every "{}" in arg with path (a new string). */
static char *
substitute(const char *arg, const char *path)
{
    size_t n = 0, plen = strlen(path);
    char *out, *o;

    for (const char *p = arg; *p; p++, n++)
        if (p[0] == '{' && p[1] == '}')
            n += plen, p++;
    out = o = malloc(n + 1);
    if (!out)
        err(1, "out of memory");
    for (const char *p = arg; *p; p++) {
        if (p[0] == '{' && p[1] == '}') {
            memcpy(o, path, plen);
            o += plen;
            p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static int
exec_one(struct node *n, const char *path)
{
    char **argv = calloc((size_t)n->argc + 1, sizeof *argv);
    int r;

    if (!argv)
        err(1, "out of memory");
    for (int i = 0; i < n->argc; i++)
        argv[i] = substitute(n->argv[i], path);
    r = run(argv);
    for (int i = 0; i < n->argc; i++)
        free(argv[i]);
    free(argv);
    return r;
}

/* Run the command of an -exec ... + with the paths gathered so far. */
static void
exec_batch(struct node *n)
{
    struct exec_batch *b = &n->batch;
    char **argv;

    if (b->count == 0)
        return;
    argv = calloc((size_t)(n->argc + b->count + 1), sizeof *argv);
    if (!argv)
        err(1, "out of memory");
    memcpy(argv, n->argv, (size_t)n->argc * sizeof *argv);
    memcpy(argv + n->argc, b->paths, (size_t)b->count * sizeof *argv);
    if (!run(argv))
        find_status = 1;
    for (int i = 0; i < b->count; i++)
        free(b->paths[i]);
    free(argv);
    b->count = 0;
    b->bytes = 0;
}

static void
exec_add(struct node *n, const char *path)
{
    struct exec_batch *b = &n->batch;

    if (b->count == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->paths = realloc(b->paths, (size_t)b->cap * sizeof *b->paths);
        if (!b->paths)
            err(1, "out of memory");
    }
    b->paths[b->count] = strdup(path);
    if (!b->paths[b->count])
        err(1, "out of memory");
    b->count++;
    b->bytes += strlen(path) + 1;
    if (b->count >= BATCH_PATHS || b->bytes >= BATCH_BYTES)
        exec_batch(n);
}

void
find_flush(struct node *n)
{
    if (!n)
        return;
    if (n->kind == N_EXEC_PLUS)
        exec_batch(n);
    find_flush(n->left);
    find_flush(n->right);
}

static int
delete_file(const char *path, const struct stat *st)
{
    /* The starting point "." is not removed, as GNU find does. */
    if (strcmp(path, ".") == 0)
        return 1;
    if ((S_ISDIR(st->st_mode) ? rmdir(path) : unlink(path)) < 0) {
        warn("cannot delete '%s'", path);
        find_status = 1;
        return 0;
    }
    return 1;
}

static int
newer(const struct stat *st, const struct node *n)
{
    if (st->st_mtim.tv_sec != n->time)
        return st->st_mtim.tv_sec > n->time;
    return st->st_mtim.tv_nsec > n->time_nsec;
}

/* Floor division, so that a file from the future is -1 days old, not 0. */
static long long
age(time_t when, long long unit)
{
    long long d = (long long)(find_now - when);

    return d >= 0 ? d / unit : -((-d + unit - 1) / unit);
}

int
find_eval(struct node *n, const char *path, const struct stat *st, int *prune)
{
    char name[256];
    mode_t mode = st->st_mode & 07777;

    switch (n->kind) {
    case N_AND:
        return find_eval(n->left, path, st, prune) && find_eval(n->right, path, st, prune);
    case N_OR:
        return find_eval(n->left, path, st, prune) || find_eval(n->right, path, st, prune);
    case N_NOT:
        return !find_eval(n->left, path, st, prune);
    case N_TRUE:
        return 1;
    case N_FALSE:
        return 0;
    case N_NAME:
        return fnmatch(n->pattern, base_name(path, name, sizeof name), 0) == 0;
    case N_INAME:
        return fnmatch(n->pattern, base_name(path, name, sizeof name), FNM_CASEFOLD) == 0;
    case N_PATH:
        return fnmatch(n->pattern, path, 0) == 0;
    case N_TYPE:
        return strchr(n->types, type_letter(st->st_mode)) != NULL;
    case N_SIZE: {
        /* The size in units, rounded up: a 1-byte file is 1 block. */
        long long units = ((long long)st->st_size + n->unit - 1) / n->unit;
        return compare(n->cmp, units, n->number);
    }
    case N_MTIME:
        return compare(n->cmp, age(st->st_mtim.tv_sec, 86400), n->number);
    case N_MMIN:
        return compare(n->cmp, age(st->st_mtim.tv_sec, 60), n->number);
    case N_LINKS:
        return compare(n->cmp, st->st_nlink, n->number);
    case N_NEWER:
        return newer(st, n);
    case N_PERM:
        if (n->perm_how == '-')
            return (mode & n->perm) == n->perm;
        if (n->perm_how == '/')
            return n->perm == 0 || (mode & n->perm) != 0;
        return mode == n->perm;
    case N_USER:
        return st->st_uid == n->id;
    case N_GROUP:
        return st->st_gid == n->id;
    case N_EMPTY:
        return is_empty(path, st);
    case N_PRINT:
        printf("%s\n", path);
        return 1;
    case N_PRINT0:
        fputs(path, stdout);
        putchar('\0');
        return 1;
    case N_EXEC:
        return exec_one(n, path);
    case N_EXEC_PLUS:
        exec_add(n, path);
        return 1;
    case N_DELETE:
        return delete_file(path, st);
    case N_PRUNE:
        *prune = 1;
        return 1;
    case N_QUIT:
        find_quit = 1;
        return 1;
    }
    return 0;
}
