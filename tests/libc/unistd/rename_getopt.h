/*
 * rename_getopt.h - forced-included (after tests/host/rename_libc.h) when
 * libc/unistd/getopt.c is compiled for the host test libc_getopt: the public
 * names get a libc_ prefix so that the test can call them next to glibc's.
 */
#define getopt libc_getopt
#define getopt_long libc_getopt_long
#define getopt_long_only libc_getopt_long_only
#define optarg libc_optarg
#define optind libc_optind
#define opterr libc_opterr
#define optopt libc_optopt
