/*
 * getopt.h - GNU long options (libc/unistd/getopt.c). getopt itself and its
 * variables are declared in <unistd.h> too.
 */
#ifndef _GETOPT_H
#define _GETOPT_H

#include <unistd.h>

#define no_argument 0
#define required_argument 1
#define optional_argument 2

struct option {
    const char *name;
    int has_arg; /* no_argument, required_argument or optional_argument */
    int *flag;   /* when not NULL, *flag = val and getopt_long returns 0 */
    int val;
};

int getopt_long(int argc, char *const argv[], const char *optstring, const struct option *longopts,
                int *longind);
/* As getopt_long, and "-name" is tried as a long option first. */
int getopt_long_only(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longind);

#endif
