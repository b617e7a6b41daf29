/*
 * diff.h - what the parts of diff share: the files as arrays of lines
 * (diff.c reads them), the comparison that marks changed lines
 * (analyze.c) and the output formats (output.c).
 */
#ifndef DIFF_H
#define DIFF_H

#include <stddef.h>
#include <sys/stat.h>

struct diff_line {
    const char *text;
    size_t len; /* without the newline */
};

struct diff_file {
    const char *name;        /* as printed */
    char *buf;
    size_t size;
    struct diff_line *lines;
    int nlines;
    int missing_newline;     /* the last line has no newline */
    int *equiv;              /* the equivalence class of each line */
    char *changed;           /* changed[i] for -1 <= i <= nlines (ends are 0) */
    struct stat st;
};

/* A hunk of the edit script: deleted lines of file 0 and inserted lines of file 1. */
struct diff_change {
    int line0, line1;   /* the first line of each file (0-based) */
    int deleted, inserted;
};

struct diff_options {
    int ignore_case;     /* -i */
    int ignore_space_change; /* -b */
    int ignore_all_space;    /* -w */
    int unified;         /* -u / -U */
    int context;         /* lines of context for -u */
    int brief;           /* -q */
    int recursive;       /* -r */
    int report_identical;/* -s */
    int new_file;        /* -N */
    const char *switches;/* the options as given, for "diff -r ..." lines */
};

extern struct diff_options diff_opt;

/* Compare two files' lines; fills *changes with the hunks. Returns their number. */
int diff_analyze(struct diff_file *f0, struct diff_file *f1, struct diff_change **changes);

/* Print the hunks in the normal or unified format. */
void diff_print_normal(struct diff_file *f0, struct diff_file *f1, struct diff_change *c, int n);
void diff_print_unified(struct diff_file *f0, struct diff_file *f1, struct diff_change *c, int n);

void *diff_alloc(size_t n);

#endif
