/*
 * which.c - locate commands in PATH (-a: every match, not only the first).
 * A name with a slash is checked as it is. An empty PATH element means the
 * working directory. Exit status 0 when every name was found, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
executable(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* Print the matches of name; return how many there were. */
static int
search(const char *name, const char *path, int all)
{
    int found = 0;
    size_t nlen = strlen(name);

    if (strchr(name, '/')) {
        if (executable(name)) {
            puts(name);
            return 1;
        }
        return 0;
    }
    for (const char *p = path;; ) {
        const char *end = strchr(p, ':');
        size_t dlen = end ? (size_t)(end - p) : strlen(p);
        char *full = malloc(dlen + nlen + 2);

        if (!full)
            return found;
        if (dlen == 0)
            strcpy(full, name);
        else
            sprintf(full, "%.*s/%s", (int)dlen, p, name);
        if (executable(full)) {
            puts(dlen == 0 ? name : full);
            found++;
        }
        free(full);
        if (!end || (found && !all))
            break;
        p = end + 1;
    }
    return found;
}

int
main(int argc, char **argv)
{
    int all = 0, status = 0, c;
    const char *path = getenv("PATH");

    while ((c = getopt(argc, argv, "a")) != -1) {
        if (c != 'a') {
            fprintf(stderr, "usage: which [-a] NAME...\n");
            return 2;
        }
        all = 1;
    }
    if (!path)
        path = "/bin";
    for (int i = optind; i < argc; i++)
        if (search(argv[i], path, all) == 0)
            status = 1;
    if (optind == argc)
        status = 1;
    return status;
}
