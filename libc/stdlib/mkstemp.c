/*
 * mkstemp.c - creating a file or directory with a new unique name from a
 * template ending in "XXXXXX" (POSIX mkstemp, mkdtemp; glibc's mkostemp).
 *
 * The six X's are replaced by random letters and digits (getrandom) and the
 * file is created with O_EXCL (the directory with mkdir), so a name that
 * already exists is never reused: on EEXIST another name is tried, up to
 * TEMP_ATTEMPTS times.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_SUFFIX 6
#define TEMP_ATTEMPTS 1000

static const char temp_chars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* Fill the six X's of template with random characters; -1 (EINVAL) when it does not end in them. */
static int temp_fill(char *template)
{
    size_t len = strlen(template);
    unsigned char r[TEMP_SUFFIX];
    char *x;

    if (len < TEMP_SUFFIX || strcmp(template + len - TEMP_SUFFIX, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    x = template + len - TEMP_SUFFIX;
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r) {
        /* No random bytes: fall back on the pid and the clock, which still differ per call. */
        static unsigned int counter;
        unsigned int v = (unsigned int)getpid() * 2654435761u ^ (unsigned int)time(NULL) ^
                         ++counter * 40503u;
        for (int i = 0; i < TEMP_SUFFIX; i++, v = v * 1103515245u + 12345u)
            r[i] = (unsigned char)(v >> 16);
    }
    for (int i = 0; i < TEMP_SUFFIX; i++)
        x[i] = temp_chars[r[i] % (sizeof temp_chars - 1)];
    return 0;
}

int mkostemp(char *template, int flags)
{
    size_t len = strlen(template);

    for (int i = 0; i < TEMP_ATTEMPTS; i++) {
        int fd;

        if (temp_fill(template) < 0)
            return -1;
        fd = open(template, O_RDWR | O_CREAT | O_EXCL | (flags & ~O_ACCMODE), 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
        memset(template + len - TEMP_SUFFIX, 'X', TEMP_SUFFIX);
    }
    return -1; /* errno is EEXIST */
}

int mkstemp(char *template)
{
    return mkostemp(template, 0);
}

char *mkdtemp(char *template)
{
    size_t len = strlen(template);

    for (int i = 0; i < TEMP_ATTEMPTS; i++) {
        if (temp_fill(template) < 0)
            return NULL;
        if (mkdir(template, 0700) == 0)
            return template;
        if (errno != EEXIST)
            return NULL;
        memset(template + len - TEMP_SUFFIX, 'X', TEMP_SUFFIX);
    }
    return NULL;
}
