/*
 * ls.h - what the parts of ls share: the options, one listed entry, and the
 * output functions of print.c.
 */
#ifndef LS_H
#define LS_H

#include <sys/stat.h>

enum ls_format { FORMAT_ONE, FORMAT_COLUMNS, FORMAT_ACROSS, FORMAT_LONG };
enum ls_sort { SORT_NAME, SORT_TIME, SORT_SIZE };
enum ls_indicator { IND_NONE, IND_SLASH, IND_CLASSIFY };

struct ls_options {
    enum ls_format format;
    enum ls_sort sort;
    enum ls_indicator indicator;
    int all;          /* -a: also . and .. */
    int almost_all;   /* -A: dot files but not . and .. */
    int recursive;    /* -R */
    int directory;    /* -d: list directories themselves */
    int human;        /* -h */
    int inode;        /* -i */
    int numeric;      /* -n */
    int reverse;      /* -r */
    int color;        /* colour names by type */
    int width;        /* the terminal's width, for -C */
};

extern struct ls_options ls_opt;

/* One name to list, with the lstat (or stat) of its file. */
struct ls_entry {
    char *name;       /* as shown: the argument, or the directory entry's name */
    char *path;       /* to reach it from the working directory */
    struct stat st;
    char *link;       /* a symbolic link's target, for -l */
};

/*
 * Print entries in the current format; in_dir adds the "total" line of -l.
 * The columns are aligned to fit the also entries too (GNU aligns the file
 * operands with the directory operands listed after them).
 */
void ls_print(struct ls_entry *e, int n, int in_dir, struct ls_entry *also, int nalso);

#endif
