/*
 * sed.h - what the parts of sed share: the compiled script (compile.c), the
 * input and output streams (io.c) and the machine that runs the script
 * (execute.c).
 */
#ifndef SED_H
#define SED_H

#include <regex.h>
#include <stddef.h>
#include <stdio.h>

enum sed_addr_type {
    ADDR_NONE,
    ADDR_LINE,  /* n1 */
    ADDR_LAST,  /* $ */
    ADDR_REGEX, /* re (NULL: the last regex used) */
    ADDR_STEP,  /* first~step: n1~n2 */
    ADDR_PLUS,  /* addr2 only: +n1 */
    ADDR_MULT,  /* addr2 only: ~n1, up to the next multiple of n1 */
};

struct sed_addr {
    enum sed_addr_type type;
    long n1, n2;
    regex_t *re;
};

/* An output file of w commands and flags, opened once when the script is compiled. */
struct sed_output {
    char *name;
    FILE *f;
    int missing_newline; /* the last line written had no newline (input ended without one) */
    struct sed_output *next;
};

/* One piece of an s replacement. */
enum sed_repl_type { REPL_TEXT, REPL_GROUP, REPL_CASE };

struct sed_repl {
    enum sed_repl_type type;
    char *text; /* TEXT */
    size_t len;
    int group;  /* GROUP: 0 for &, 1-9; CASE: 'U', 'L', 'u', 'l' or 'E' */
};

struct sed_cmd {
    struct sed_addr a1, a2;
    int negate;
    char name;            /* the command letter; '{' and '}' for blocks */
    int range_active;     /* between a1 and a2 */
    long range_end;       /* the last line of a +N or numeric range */

    char *text;           /* a, i, c text (with its newline); label of : b t T; file of r */
    long int_arg;         /* q, Q exit status; l line width */
    int jump;             /* b t T: index of the target (-1: end); {: index of its } */
    struct sed_output *out; /* w, and s///w */

    /* s */
    regex_t *re;          /* NULL: the last regex used */
    struct sed_repl *repl;
    int nrepl;
    int global, print;
    long occurrence;      /* replace only the Nth match (and later ones with g) */

    /* y */
    unsigned char map[256];
};

struct sed_script {
    struct sed_cmd *cmds;
    int ncmds;
};

extern struct sed_script sed_script;
extern int sed_extended;   /* -E */
extern int sed_quiet;      /* -n */
extern int sed_separate;   /* -s or -i */
extern const char *sed_prog;

/* Compile script text; exits with status 1 and a message on a syntax error. */
void sed_compile(const char *text);
/* Resolve labels and blocks once every piece of the script is compiled. */
void sed_finish_compile(void);

/* io.c: the input files as one stream of lines (or one per file with -s). */
void io_set_inputs(char **files, int nfiles);
/* The next line (without its newline) into *line; 0 at the end of input. */
int io_read_line(char **line, size_t *len, size_t *cap, int *had_newline);
/* Is the line last read the last one (of the file with -s)? */
int io_is_last(void);
/* The line number of the line last read. */
long io_line_number(void);
/* The name of the file being read ("-" for stdin). */
const char *io_file_name(void);
/* The stream output goes to (stdout, or the in-place temporary file). */
struct sed_output *io_main_output(void);
/* Write len bytes and, if newline, a newline, after a newline the previous line lacked. */
void io_write_line(struct sed_output *out, const char *s, size_t len, int newline);
/* An output file for w, by name (/dev/stdout and /dev/stderr are the streams). */
struct sed_output *io_open_output(const char *name);
/* Finish the current in-place file, if any. */
void io_finish(void);
/* Exit status so far: 2 when an input could not be read. */
int io_status(void);
extern int io_in_place;
extern const char *io_in_place_suffix;

/* execute.c: run the script over the input; returns the exit status. */
int sed_execute(void);

void *sed_alloc(size_t n);
void *sed_realloc(void *p, size_t n);

#endif
