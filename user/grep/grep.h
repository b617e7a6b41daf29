/*
 * grep.h - what the two halves of grep share: the options, and the patterns
 * (pattern.c compiles them and finds matches in a line; grep.c reads the
 * files and prints).
 */
#ifndef GREP_H
#define GREP_H

#include <regex.h>
#include <stddef.h>

enum grep_list { LIST_NONE, LIST_MATCHING, LIST_NONMATCHING };

struct grep_options {
    int syntax; /* 'G', 'E' or 'F' */
    int icase, invert, number, count, only, quiet, silent, word, line;
    int recursive, follow;  /* -r, -R */
    int with_name;          /* 1: -H, 0: -h, -1: decide by the number of files */
    enum grep_list list;    /* -l or -L */
    long max_count;         /* -m; -1 for no limit */
    long before, after;     /* -B, -A: lines of context */
};

extern struct grep_options grep_opt;
extern const char *grep_prog;

/* Add each newline-separated piece of text (len bytes) as a pattern. */
void grep_add_patterns(const char *text, size_t len);
/* Add the lines of a file as patterns; exits with status 2 if it cannot be read. */
void grep_add_pattern_file(const char *path);
/* Compile every pattern; exits with status 2 on a bad one. */
void grep_compile_patterns(void);
/* Does any pattern match the line of len bytes (NUL bytes are text)? */
int grep_line_matches(const char *line, size_t len);
/* The earliest, then longest, match of any pattern in s[from..len) that -w and -x accept. */
int grep_find_any(const char *s, size_t len, size_t from, regmatch_t *best);

/* Read all of fd into a malloc'd buffer. -1 with errno on failure. */
void *grep_xmalloc(size_t n);

#endif
