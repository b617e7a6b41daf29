/*
 * regex_impl.h - the compiled form of a regular expression, shared by
 * regcomp (libc/regex/regcomp.c builds it) and regexec (regexec.c runs it).
 *
 * A program is a list of instructions for a backtracking machine: matching
 * instructions consume one character, SPLIT tries two continuations, SAVE
 * records a position in a capture slot, and MARK/CHKPROG stop a starred
 * subexpression from looping on an empty iteration.
 */
#ifndef LIBC_REGEX_IMPL_H
#define LIBC_REGEX_IMPL_H

enum re_op {
    RE_CHAR,    /* arg: the character (lower case under REG_ICASE) */
    RE_ANY,     /* any character (not newline under REG_NEWLINE) */
    RE_SET,     /* arg: index of a 256-bit set */
    RE_BOL,     /* ^ */
    RE_EOL,     /* $ */
    RE_SPLIT,   /* continue at x, then at y */
    RE_JMP,     /* continue at x */
    RE_SAVE,    /* capture slot arg := position (y = 1: the end of an optional copy) */
    RE_MARK,    /* loop register arg := position */
    RE_CHKPROG, /* if position == loop register arg, continue at x (no new loop) */
    RE_BACKREF, /* arg: the subexpression whose text must repeat */
    RE_ASSERT,  /* arg: a GNU zero-width test: 'b' 'B' '<' '>' '`' or '\'' (word edges, buffer ends) */
    RE_MATCH,
};

struct re_inst {
    int op;
    int arg;
    int x, y;
};

struct re_prog {
    struct re_inst *code;
    int ncode;
    unsigned char (*sets)[32];
    int nsets;
    int nloops;
    int nsub;
    int cflags;
};

/* The search gives up with REG_ESPACE after this many machine steps. */
#define RE_STEP_LIMIT 2000000L
/* regexec prunes with a memo of at most this many ints (program x subject). */
#define RE_MEMO_MAX (1L << 20)
/* Compiled programs are at most this many instructions (REG_ESPACE). */
#define RE_MAX_CODE 100000

#endif
