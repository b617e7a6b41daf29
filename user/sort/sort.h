/*
 * sort.h - what the parts of sort share: the lines, the keys and the options.
 */
#ifndef SORT_H
#define SORT_H

#include <stddef.h>

/* One input line, without its newline. */
struct sort_line {
    const char *text;
    size_t len;
};

/* How a key (or the whole line, with no -k) compares. */
struct sort_key {
    size_t sword, schar;  /* start field and character, 0-based */
    size_t eword, echar;  /* end field (SIZE_MAX: end of line), character (0: end of field) */
    int skip_sblanks;     /* b on the start position */
    int skip_eblanks;     /* b on the end position */
    int numeric;          /* n */
    int general;          /* g */
    int human;            /* h */
    int fold;             /* f */
    int dictionary;       /* d */
    int printable;        /* i */
    int reverse;          /* r */
};

struct sort_options {
    struct sort_key *keys;
    int nkeys;
    int tab;      /* -t separator, or -1 for blank-separated fields */
    int stable;   /* -s */
    int unique;   /* -u */
    int reverse;  /* -r, for the last-resort comparison */
};

extern struct sort_options sort_opt;

/* Parse a -k argument into key (global holds the options given outside -k). 0 or -1. */
int sort_parse_key(const char *arg, struct sort_key *key);

/* Compare two lines by the keys, then (unless -s or -u) byte by byte. */
int sort_compare(const struct sort_line *a, const struct sort_line *b);

/* Compare only by the keys (what -u considers equal). */
int sort_compare_keys(const struct sort_line *a, const struct sort_line *b);

#endif
