/*
 * hostutil.c - helpers shared by host tests (hostutil.h).
 */
#define _GNU_SOURCE /* mkdtemp */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "hostutil.h"
#include "vectors.h"

int host_have_openssl(void)
{
    return system("openssl version >/dev/null 2>&1") == 0;
}

void *host_run_capture(const char *cmd, size_t *len)
{
    FILE *p = popen(cmd, "r");
    size_t cap = 8192, n = 0;
    char *buf;

    if (!p)
        return NULL;
    buf = malloc(cap + 1);
    for (;;) {
        size_t got;

        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
        got = fread(buf + n, 1, cap - n, p);
        if (got == 0)
            break;
        n += got;
    }
    if (pclose(p) != 0) {
        free(buf);
        return NULL;
    }
    buf[n] = 0;
    if (len)
        *len = n;
    return buf;
}

void host_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

static char tmpdir[64];

static void remove_tmpdir(void)
{
    char cmd[128];

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", tmpdir);
}

const char *host_tmp(const char *name)
{
    static char path[8][128];
    static int k;

    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "/tmp/hosttest_XXXXXX");
        if (!mkdtemp(tmpdir))
            abort();
        atexit(remove_tmpdir);
    }
    k = (k + 1) % 8;
    snprintf(path[k], sizeof path[k], "%s/%s", tmpdir, name);
    return path[k];
}

int host_has_suffix(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);

    return a >= b && strcmp(s + a - b, suf) == 0;
}

void host_walk_vectors(const char *dir, int (*fn)(const char *rel, int is_dir, void *arg),
                       void *arg)
{
    char path[2048], rel[1024];
    DIR *d;
    struct dirent *e;

    snprintf(path, sizeof path, "%s/%s", vec_root(), dir);
    d = opendir(path);
    if (!d)
        return;
    while ((e = readdir(d))) {
        struct stat st;

        if (e->d_name[0] == '.')
            continue;
        snprintf(rel, sizeof rel, "%s/%s", dir, e->d_name);
        snprintf(path, sizeof path, "%s/%s", vec_root(), rel);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (fn(rel, 1, arg))
                host_walk_vectors(rel, fn, arg);
        } else {
            fn(rel, 0, arg);
        }
    }
    closedir(d);
}

struct vec_file *host_vec_open(const char *path)
{
    struct vec_file *f = vec_open(path);

    if (!f)
        check_fail(__FILE__, __LINE__, "cannot open %s", path);
    return f;
}

uint64_t host_seed(const char *var, uint64_t dflt)
{
    const char *env = getenv(var);
    uint64_t seed = env ? strtoull(env, NULL, 0) : dflt;

    if (!seed)
        seed = 1;
    printf("seed: %s=%#llx\n", var, (unsigned long long)seed);
    return seed;
}
