/*
 * rename_stdlib.h - forced-included (after tests/host/rename_libc.h) when
 * libc's stdlib code is compiled for the host test libc_stdlib
 * (test_stdlib.c): its functions get a libc_ prefix so that they do not
 * replace the host's, and what they call outside the file (sbrk, errno, the
 * fatal-error path) is provided by the test.
 */
#define malloc libc_malloc
#define free libc_free
#define calloc libc_calloc
#define realloc libc_realloc
#define strtol libc_strtol
#define strtoul libc_strtoul
#define strtoll libc_strtoll
#define strtoull libc_strtoull
#define atoi libc_atoi
#define atol libc_atol
#define abs libc_abs
#define labs libc_labs
#define llabs libc_llabs
#define qsort libc_qsort
#define sbrk libc_test_sbrk
#define errno libc_errno
#define __libc_fatal libc_test_fatal
