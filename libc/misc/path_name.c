/*
 * path_name.c - putting path names together and taking them apart, as tools
 * that walk trees or copy into a directory do.
 */
#include <libutil.h>
#include <stdlib.h>
#include <string.h>

char *
path_join(const char *dir, const char *name)
{
    size_t dlen = strlen(dir), nlen = strlen(name);
    int slash = dlen == 0 || dir[dlen - 1] != '/';
    char *p = malloc(dlen + slash + nlen + 1);

    if (!p)
        return NULL;
    memcpy(p, dir, dlen);
    if (slash)
        p[dlen] = '/';
    memcpy(p + dlen + slash, name, nlen + 1);
    return p;
}

const char *
path_last(const char *path, size_t *len)
{
    size_t n = strlen(path);
    const char *start;

    while (n > 1 && path[n - 1] == '/')
        n--;
    start = path + n;
    while (start > path && start[-1] != '/')
        start--;
    *len = (size_t)(path + n - start);
    return start;
}

char *
path_into(const char *dir, const char *path)
{
    size_t len;
    const char *last = path_last(path, &len);
    char *name = strndup(last, len), *p;

    if (!name)
        return NULL;
    p = path_join(dir, name);
    free(name);
    return p;
}
