/*
 * rename_strtod.h - forced-included (after tests/host/rename_libc.h) when
 * libc/stdlib/strtod.c is compiled for the host test libc_stdlib_strtod: its
 * functions and errno get a libc_ prefix so that they do not replace the host's.
 */
#define strtod libc_strtod
#define strtof libc_strtof
#define atof libc_atof
#define errno libc_errno
