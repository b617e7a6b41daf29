/*
 * realpath.c - the canonical absolute name of a file (POSIX realpath): no
 * ".", "..", repeated '/' or symbolic links.
 *
 * The path is walked one component at a time, appending to an absolute
 * result (the working directory first, for a relative path). Each
 * component is checked with lstat: a symbolic link is replaced by its
 * target followed by the rest of the path, and the walk goes on from "/"
 * for an absolute target or from the link's directory otherwise. More than
 * REALPATH_LINKS links is a loop (ELOOP). Every component must exist.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REALPATH_LINKS 40 /* as Linux's limit on links followed in one lookup */

/* Drop the last component of the absolute path out (length *len, "/" stays "/"). */
static void drop_last(char *out, size_t *len)
{
    while (*len > 1 && out[*len - 1] != '/')
        (*len)--;
    if (*len > 1)
        (*len)--;
    out[*len] = '\0';
}

char *realpath(const char *restrict path, char *restrict resolved)
{
    char out[PATH_MAX], rest[PATH_MAX], target[PATH_MAX];
    size_t len, rest_len;
    const char *p;
    int links = 0;

    if (!path) {
        errno = EINVAL;
        return NULL;
    }
    if (!*path) {
        errno = ENOENT;
        return NULL;
    }
    rest_len = strlen(path);
    if (rest_len >= sizeof rest) {
        errno = ENAMETOOLONG;
        return NULL;
    }
    memcpy(rest, path, rest_len + 1);
    if (rest[0] == '/') {
        strcpy(out, "/");
    } else if (!getcwd(out, sizeof out)) {
        return NULL;
    }
    len = strlen(out);
    p = rest;
    while (*p) {
        const char *name = p;
        size_t n;
        struct stat st;

        while (*name == '/')
            name++;
        n = strcspn(name, "/");
        p = name + n;
        if (n == 0 || (n == 1 && name[0] == '.'))
            continue;
        if (n == 2 && name[0] == '.' && name[1] == '.') {
            drop_last(out, &len);
            continue;
        }
        if (len + (len > 1) + n >= sizeof out) {
            errno = ENAMETOOLONG;
            return NULL;
        }
        if (len > 1)
            out[len++] = '/';
        memcpy(out + len, name, n);
        len += n;
        out[len] = '\0';
        if (lstat(out, &st) < 0)
            return NULL;
        if (S_ISLNK(st.st_mode)) {
            ssize_t tlen;
            size_t left = strlen(p);

            if (++links > REALPATH_LINKS) {
                errno = ELOOP;
                return NULL;
            }
            tlen = readlink(out, target, sizeof target);
            if (tlen < 0)
                return NULL;
            if ((size_t)tlen + left >= sizeof target) {
                errno = ENAMETOOLONG;
                return NULL;
            }
            /* The rest of the walk: the target, then what followed the link. */
            memcpy(target + tlen, p, left + 1);
            memcpy(rest, target, (size_t)tlen + left + 1);
            p = rest;
            if (rest[0] == '/') {
                strcpy(out, "/");
                len = 1;
            } else {
                drop_last(out, &len);
            }
        } else if (!S_ISDIR(st.st_mode) && *p) {
            errno = ENOTDIR; /* more components, or a trailing '/', after a file */
            return NULL;
        }
    }
    if (!resolved)
        return strdup(out);
    memcpy(resolved, out, len + 1);
    return resolved;
}
