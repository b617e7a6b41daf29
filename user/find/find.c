/*
 * find.c - search for files in directory trees (POSIX find, with GNU's
 * -maxdepth, -mindepth, -iname, -mmin, -empty, -print0, -delete and -quit).
 *
 * The operands before the first one that starts with "-", "(" or "!" are the
 * starting points ("." when there are none); the rest is the expression
 * (parse.c). Each tree is walked in the order the directories list their
 * entries, without following symbolic links; a directory's entries are read
 * in full before any is visited, so that -delete and -exec do not disturb
 * the reading. Exit status 1 after any error.
 */
#include <err.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "find.h"

struct find_options find_opt = {.maxdepth = -1, .mindepth = -1};
int find_status;
time_t find_now;

static struct node *expr;

static void walk(const char *path, int depth);

/* Walk the entry child of a directory at depth *parent_depth. */
static int
walk_child(const char *child, void *parent_depth)
{
    if (!find_quit)
        walk(child, *(int *)parent_depth + 1);
    return 0;
}

static void
walk(const char *path, int depth)
{
    struct stat st;
    int prune = 0, visit = depth >= find_opt.mindepth;

    if (lstat(path, &st) < 0) {
        warn("'%s'", path);
        find_status = 1;
        return;
    }
    if (visit && !find_opt.depth_first)
        find_eval(expr, path, &st, &prune);
    if (find_quit)
        return;
    if (S_ISDIR(st.st_mode) && !prune &&
        (find_opt.maxdepth < 0 || depth < find_opt.maxdepth)) {
        if (dir_each(path, walk_child, &depth) < 0) {
            warn("'%s'", path);
            find_status = 1;
        }
    }
    if (visit && find_opt.depth_first && !find_quit)
        find_eval(expr, path, &st, &prune);
}

int
main(int argc, char **argv)
{
    int first = 1, i;

    while (first < argc && !(argv[first][0] == '-' && argv[first][1]) &&
           strcmp(argv[first], "(") != 0 && strcmp(argv[first], "!") != 0)
        first++;
    find_now = time(NULL);
    expr = find_parse(argc - first, argv + first);
    if (first == 1) {
        walk(".", 0);
    } else {
        for (i = 1; i < first && !find_quit; i++)
            walk(argv[i], 0);
    }
    find_flush(expr);
    if (close_stdout() != 0)
        return 1;
    return find_status;
}
