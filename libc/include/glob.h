/*
 * glob.h - finding the path names that match a shell pattern (POSIX glob,
 * libc/glob/glob.c). The flag and error values are those of the GNU C
 * library.
 */
#ifndef _GLOB_H
#define _GLOB_H

#include <stddef.h>

typedef struct {
    size_t gl_pathc; /* paths matched (not counting the gl_offs leading NULLs) */
    char **gl_pathv; /* gl_offs NULLs, the paths, a NULL */
    size_t gl_offs;  /* NULL slots to reserve at the start (GLOB_DOOFFS) */
} glob_t;

#define GLOB_ERR 0x01      /* stop at the first directory that cannot be read */
#define GLOB_MARK 0x02     /* append '/' to each directory */
#define GLOB_NOSORT 0x04   /* leave the paths in directory order */
#define GLOB_DOOFFS 0x08   /* reserve gl_offs NULLs at the start of gl_pathv */
#define GLOB_NOCHECK 0x10  /* no match: return the pattern itself */
#define GLOB_APPEND 0x20   /* add to the paths of an earlier call */
#define GLOB_NOESCAPE 0x40 /* backslash is an ordinary character */
#define GLOB_PERIOD 0x80   /* GNU: a leading '.' may be matched by a wildcard */

/* Return values. */
#define GLOB_NOSPACE 1 /* out of memory */
#define GLOB_ABORTED 2 /* a read error (GLOB_ERR, or errfunc returned non-zero) */
#define GLOB_NOMATCH 3 /* nothing matched (and no GLOB_NOCHECK) */
#define GLOB_NOSYS 4

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
         glob_t *restrict g);
void globfree(glob_t *g);

#endif
