/*
 * hostutil.h - helpers shared by host tests: running other programs, scratch
 * files, walking the vector tree, a reproducible generator.
 *
 * Tests that compare libcrypto with an independent implementation run OpenSSL's
 * command-line tool through popen: write the input to a scratch file, run the
 * command, read its standard output.
 */
#ifndef TESTS_HOST_HOSTUTIL_H
#define TESTS_HOST_HOSTUTIL_H

#include <stddef.h>
#include <stdint.h>

/* 1 when an `openssl` command runs on this host. */
int host_have_openssl(void);

/*
 * Run a shell command and return its whole standard output (malloc'd, with a
 * NUL after the last byte; caller frees), or NULL when it could not be run or
 * exited with a non-zero status. *len (when len is not NULL) gets the byte count.
 */
void *host_run_capture(const char *cmd, size_t *len);

/* Write len bytes to path, replacing the file; errors are left to the reader. */
void host_write_file(const char *path, const void *data, size_t len);

/*
 * The path of a scratch file called name in a directory made for this run
 * (removed with its contents at exit). The string stays valid for the next
 * seven calls.
 */
const char *host_tmp(const char *name);

/* 1 when s ends with suf. */
int host_has_suffix(const char *s, const char *suf);

/*
 * Walk dir (a path below vec_root()) recursively, in directory order, skipping
 * names that start with '.'. fn gets each entry's path below vec_root() and
 * whether it is a directory; for a directory, a non-zero return descends into it.
 */
void host_walk_vectors(const char *dir, int (*fn)(const char *rel, int is_dir, void *arg),
                       void *arg);

struct vec_file;

/* vec_open(path), failing the current test case when the file cannot be opened. */
struct vec_file *host_vec_open(const char *path);

/*
 * A small deterministic generator (xorshift64) for test inputs, so a failure
 * can be reproduced: advances *state (non-zero) and returns 32 bits of it.
 */
static inline uint32_t host_xorshift(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return (uint32_t)(*state >> 16);
}

/* The same generator, all 64 bits: advances *state (non-zero) and returns it. */
static inline uint64_t host_xorshift64(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/*
 * The seed of a randomized run: the environment variable var (read with
 * strtoull, any base) or dflt, never 0. It is printed, so that a failing
 * run can be repeated with var set.
 */
uint64_t host_seed(const char *var, uint64_t dflt);

#endif
