/*
 * libutil.h - small helpers that several programs share but that no
 * standard names (libc/misc/).
 */
#ifndef _LIBUTIL_H
#define _LIBUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * A byte count as GNU's -h options print it: "512", "1.0K", "9.9K", "10K",
 * "1.5M" (powers of 1024, rounded up). Writes at most len bytes into buf
 * (8 are always enough) and returns buf.
 */
char *human_size(unsigned long long bytes, char *buf, size_t len);

/*
 * Write all len bytes of buf to fd, going on after short writes and
 * interruptions. Returns 0, or -1 with errno from the write that failed.
 */
int write_all(int fd, const void *buf, size_t len);

/*
 * Read fd to its end into a malloc'ed buffer: *bufp (not NUL-terminated)
 * and its length *lenp; the caller frees it. Returns 0, or -1 with errno
 * (ENOMEM when the buffer cannot grow) and nothing allocated.
 */
int read_all(int fd, char **bufp, size_t *lenp);

/* read_all for the file path, or for standard input when path is "-". */
int read_file(const char *path, char **bufp, size_t *lenp);

/*
 * Flush standard output at the end of a program; when that fails, or an
 * earlier write failed, say "prog: write error: reason" on standard error.
 * Returns 0, or 1 after a failure (the status to exit with unless the
 * program has its own for errors).
 */
int close_stdout(void);

/*
 * dir "/" name in a new malloc'ed string, without doubling a slash that ends
 * dir ("a/" and "b" give "a/b"). Returns NULL when out of memory.
 */
char *path_join(const char *dir, const char *name);

/*
 * The last component of path, trailing slashes ignored: a pointer into path
 * and its length in *len ("a/b//" gives "b//" with length 1). For "/" the
 * length is 0: the root has no name.
 */
const char *path_last(const char *path, size_t *len);

/*
 * Where path goes when it is copied, moved or linked into the directory dir:
 * dir joined with the last component of path ("d" and "a/b/" give "d/b"),
 * in a new malloc'ed string. Returns NULL when out of memory.
 */
char *path_into(const char *dir, const char *path);

/*
 * Call visit(child, arg) for each entry of the directory path but "." and
 * "..", child being path_join(path, name), in the order readdir gives them.
 * All names are read before the first call, so visit may change the
 * directory. Returns -1 with errno when the directory cannot be read (visit
 * is never called); otherwise 0, or 1 when some visit returned nonzero.
 */
int dir_each(const char *path, int (*visit)(const char *child, void *arg), void *arg);

/*
 * Parse s, a number (as strtoull reads it in base, but not negative) with an
 * optional suffix, one of the letters in units: c 1, w 2, b 512, k K 1024,
 * m M 1024^2, G 1024^3, T 1024^4; after k K m M G T, "iB" is allowed and "B"
 * means powers of 1000 instead ("kB" 1000). With end NULL nothing may follow;
 * otherwise *end points after the suffix. Stores the value in *value and
 * returns 0, or returns -1 when s is not such a number or it overflows.
 */
int parse_size(const char *s, int base, const char *units, uint64_t *value, char **end);

/*
 * Interpret the backslash escape at *p (just after the backslash): \a \b \e
 * \f \n \r \t \v \\ and \xH or \xHH, with flags adding octal forms and \"
 * (\' is never one: GNU printf prints it as it is). Returns the byte and advances *p past the escape; ESCAPE_STOP for
 * \c (past it too); ESCAPE_NONE, *p unchanged, when there is no escape (the
 * backslash stands for itself), also for \x without a hexadecimal digit.
 */
#define ESCAPE_STOP (-1)
#define ESCAPE_NONE (-2)
#define ESCAPE_OCTAL 1   /* \N, \NN, \NNN in octal (printf, echo, %b) */
#define ESCAPE_OCTAL_0 2 /* \0, then up to three octal digits (echo, %b) */
#define ESCAPE_DQUOTE 4  /* \" (printf) */
int parse_escape(const char **p, int flags);

/*
 * The files named on a command line read as one stream ("-", or no file at
 * all, is standard input), as od and hexdump read them. Set names and
 * count, zero the rest.
 * A file that cannot be opened or read is reported with warn() and skipped;
 * failed is then set.
 */
struct input_chain {
    char **names;  /* the files, in order */
    int count;
    int next;      /* the index of the next file to open */
    int opened;    /* how many were opened */
    int failed;    /* set after a file could not be opened or read */
    FILE *current; /* the one being read, or NULL */
};

/* The next byte of the chain, or EOF after the last file. */
int chain_getc(struct input_chain *in);

#endif
