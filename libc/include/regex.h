/*
 * regex.h - POSIX regular expressions (libc/regex/): basic and extended
 * syntax, compiled by regcomp into a small backtracking program and run by
 * regexec, which reports the POSIX leftmost-longest match. The flag and error
 * values are those of the GNU C library, so programs and tests agree on them.
 */
#ifndef _REGEX_H
#define _REGEX_H

#include <stddef.h>

typedef int regoff_t;

typedef struct {
    size_t re_nsub;  /* number of parenthesized subexpressions */
    void *re_impl;   /* the compiled program (libc/regex/regex_impl.h) */
} regex_t;

typedef struct {
    regoff_t rm_so; /* start of the match, -1 if the subexpression did not match */
    regoff_t rm_eo; /* one past its end */
} regmatch_t;

/* regcomp flags */
#define REG_EXTENDED 1
#define REG_ICASE 2
#define REG_NEWLINE 4
#define REG_NOSUB 8

/* regexec flags */
#define REG_NOTBOL 1
#define REG_NOTEOL 2
/* GNU and BSD: search string[pmatch[0].rm_so, pmatch[0].rm_eo), which may hold NUL
 * bytes; the text before rm_so is context (for ^ and word boundaries), and the
 * offsets reported count from string. */
#define REG_STARTEND 4

/* Results of regcomp and regexec. */
#define REG_NOMATCH 1
#define REG_BADPAT 2
#define REG_ECOLLATE 3
#define REG_ECTYPE 4
#define REG_EESCAPE 5
#define REG_ESUBREG 6
#define REG_EBRACK 7
#define REG_EPAREN 8
#define REG_EBRACE 9
#define REG_BADBR 10
#define REG_ERANGE 11
#define REG_ESPACE 12
#define REG_BADRPT 13

#define RE_DUP_MAX 0x7fff

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags);
int regexec(const regex_t *restrict re, const char *restrict string, size_t nmatch,
            regmatch_t *restrict pmatch, int eflags);
size_t regerror(int errcode, const regex_t *restrict re, char *restrict buf, size_t size);
void regfree(regex_t *re);

#endif
