/*
 * fnmatch.h - shell wildcard matching (libc/fnmatch/fnmatch.c). The flag
 * values are those of the GNU C library.
 */
#ifndef _FNMATCH_H
#define _FNMATCH_H

#define FNM_NOMATCH 1

#define FNM_PATHNAME 1    /* '/' is matched only by '/' */
#define FNM_NOESCAPE 2    /* backslash is an ordinary character */
#define FNM_PERIOD 4      /* a leading '.' is matched only by '.' */
#define FNM_LEADING_DIR 8 /* GNU: also match a leading directory of the name */
#define FNM_CASEFOLD 16   /* GNU: ignore case */
#define FNM_FILE_NAME FNM_PATHNAME

int fnmatch(const char *pattern, const char *name, int flags);

#endif
