/*
 * hostname.c - print the host name, or set it (root only): hostname NAME,
 * or hostname -F FILE to take it from the first line of FILE (how init sets
 * it from /etc/hostname).
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define HOST_NAME_MAX 64

static void set_name(const char *name)
{
    size_t len = strlen(name);

    if (len == 0 || len > HOST_NAME_MAX)
        errx(1, "the host name must be 1 to %d bytes", HOST_NAME_MAX);
    if (sethostname(name, len) < 0)
        err(1, "you must be root to change the host name");
}

int main(int argc, char **argv)
{
    char name[HOST_NAME_MAX + 1];

    if (argc == 3 && strcmp(argv[1], "-F") == 0) {
        FILE *f = fopen(argv[2], "r");
        if (!f)
            err(1, "%s", argv[2]);
        if (!fgets(name, sizeof name, f))
            errx(1, "%s: no host name in it", argv[2]);
        fclose(f);
        name[strcspn(name, "\n")] = '\0';
        set_name(name);
        return 0;
    }
    if (argc == 2 && argv[1][0] != '-') {
        set_name(argv[1]);
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "usage: hostname [NAME | -F FILE]\n");
        return 1;
    }
    if (gethostname(name, sizeof name) < 0)
        err(1, "gethostname");
    puts(name);
    return 0;
}
