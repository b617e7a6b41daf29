/*
 * dir_each.c - visit the entries of a directory, as the tools that walk
 * trees do (chmod -R, chown -R, du, find, rm -r). The names are all read and
 * the directory closed before the first visit, so that a visit may remove or
 * add entries without upsetting readdir, and a deep tree does not hold a
 * descriptor open for each of its levels.
 */
#include <dirent.h>
#include <errno.h>
#include <libutil.h>
#include <stdlib.h>
#include <string.h>

/* The entries of path but "." and ".." as full paths (*childrenp); -1 with errno on failure. */
static int
read_children(const char *path, char ***childrenp, size_t *count)
{
    DIR *d = opendir(path);
    struct dirent *de;
    char **names = NULL, **bigger;
    size_t n = 0, cap = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            bigger = realloc(names, cap * sizeof *names);
            if (!bigger)
                goto out_of_memory;
            names = bigger;
        }
        names[n] = path_join(path, de->d_name);
        if (!names[n])
            goto out_of_memory;
        n++;
    }
    closedir(d);
    *childrenp = names;
    *count = n;
    return 0;

out_of_memory:
    closedir(d);
    while (n > 0)
        free(names[--n]);
    free(names);
    errno = ENOMEM;
    return -1;
}

int
dir_each(const char *path, int (*visit)(const char *child, void *arg), void *arg)
{
    size_t count, i;
    char **children;
    int status = 0;

    if (read_children(path, &children, &count) < 0)
        return -1;
    for (i = 0; i < count; i++) {
        if (visit(children[i], arg) != 0)
            status = 1;
        free(children[i]);
    }
    free(children);
    return status;
}
