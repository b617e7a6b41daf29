/*
 * exec.c - the exec family built on execve: execv (this environment),
 * execvp (searches PATH), execl and execlp (arguments as a list).
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_PATH "/bin"
#define MAX_LIST_ARGS 256 /* execl's arguments, NULL included */

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

int execvp(const char *file, char *const argv[])
{
    const char *path = getenv("PATH");
    char full[PATH_MAX];
    int saw_eacces = 0;
    size_t flen;

    if (!*file) {
        errno = ENOENT;
        return -1;
    }
    if (strchr(file, '/'))
        return execve(file, argv, environ);
    if (!path)
        path = DEFAULT_PATH;
    flen = strlen(file);
    for (;;) {
        size_t dlen = strcspn(path, ":");
        /* An empty entry means the current directory. */
        const char *dir = dlen ? path : ".";
        size_t used = dlen ? dlen : 1;

        if (used + 1 + flen + 1 <= sizeof full) {
            memcpy(full, dir, used);
            full[used] = '/';
            memcpy(full + used + 1, file, flen + 1);
            execve(full, argv, environ);
            /* Try the next directory for "not here" and "not allowed here"; stop otherwise. */
            if (errno == EACCES)
                saw_eacces = 1;
            else if (errno != ENOENT && errno != ENOTDIR && errno != ENAMETOOLONG)
                return -1;
        }
        if (!path[dlen])
            break;
        path += dlen + 1;
    }
    errno = saw_eacces ? EACCES : ENOENT;
    return -1;
}

/* Collect execl's arguments (after arg0, up to the NULL) into argv. */
static int collect(char **argv, const char *arg0, va_list ap)
{
    int n = 0;

    argv[n++] = (char *)arg0;
    while (argv[n - 1]) {
        if (n == MAX_LIST_ARGS) {
            errno = E2BIG;
            return -1;
        }
        argv[n++] = va_arg(ap, char *);
    }
    return 0;
}

int execl(const char *path, const char *arg0, ...)
{
    char *argv[MAX_LIST_ARGS];
    va_list ap;
    int r;

    va_start(ap, arg0);
    r = collect(argv, arg0, ap);
    va_end(ap);
    return r < 0 ? -1 : execv(path, argv);
}

int execlp(const char *file, const char *arg0, ...)
{
    char *argv[MAX_LIST_ARGS];
    va_list ap;
    int r;

    va_start(ap, arg0);
    r = collect(argv, arg0, ap);
    va_end(ap);
    return r < 0 ? -1 : execvp(file, argv);
}
