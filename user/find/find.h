/*
 * find.h - the expression tree of find, shared by the parser (parse.c), the
 * evaluator (eval.c) and the walker (find.c).
 */
#ifndef FIND_H
#define FIND_H

#include <sys/stat.h>
#include <sys/types.h>

enum node_kind {
    N_AND, N_OR, N_NOT, N_TRUE, N_FALSE,
    N_NAME, N_INAME, N_PATH, N_TYPE, N_SIZE, N_MTIME, N_MMIN, N_NEWER, N_PERM,
    N_USER, N_GROUP, N_EMPTY, N_LINKS,
    N_PRINT, N_PRINT0, N_EXEC, N_EXEC_PLUS, N_DELETE, N_PRUNE, N_QUIT,
};

/* How a number compares: +N (more), -N (less) or N (exactly). */
enum cmp { CMP_EQ, CMP_GT, CMP_LT };

/* The arguments of one -exec ... {} + and the paths gathered for it. */
struct exec_batch {
    char **paths;
    int count, cap;
    size_t bytes;
};

struct node {
    enum node_kind kind;
    struct node *left, *right; /* operands of and/or (left only for not) */
    const char *pattern;       /* -name, -iname, -path */
    const char *types;         /* -type: letters */
    enum cmp cmp;
    long long number;          /* -size (in units), -mtime, -mmin, -links */
    long long unit;            /* -size: bytes per unit */
    time_t time;               /* -newer: the reference mtime (seconds) */
    long time_nsec;
    mode_t perm;               /* -perm */
    char perm_how;             /* -perm: 0 exact, '-' all bits, '/' any bit */
    unsigned id;               /* -user, -group */
    char **argv;               /* -exec: the command, {} where the path goes */
    int argc;
    struct exec_batch batch;   /* -exec ... + */
};

struct find_options {
    int maxdepth, mindepth;    /* -1 when not given */
    int depth_first;           /* -depth or -delete: a directory after its contents */
};

extern struct find_options find_opt;
extern int find_status;        /* the exit status: 1 after any error */
extern time_t find_now;        /* when find started, for -mtime and -mmin */

/* Parse the expression in argv[0..argc); NULL (after a message) on error. */
struct node *find_parse(int argc, char **argv);

/* Evaluate the expression for one file. prune is set by -prune. */
int find_eval(struct node *n, const char *path, const struct stat *st, int *prune);

/* Run what is left in every -exec ... + batch. */
void find_flush(struct node *n);

/* Set when -quit has run. */
extern int find_quit;

#endif
