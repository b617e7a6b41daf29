/*
 * dirname.c - strip the last component from names:
 *
 *     dirname [-z] NAME...
 *
 * Trailing slashes are ignored; a name without a slash gives ".", one whose
 * parent is the root gives "/". -z ends each output line with a NUL.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: dirname [-z] NAME...\n");
    _exit(1);
}

static void print_dir(const char *name, char end)
{
    size_t len = strlen(name);

    while (len > 1 && name[len - 1] == '/') /* trailing slashes */
        len--;
    while (len > 0 && name[len - 1] != '/') /* the last component */
        len--;
    if (len == 0) {
        printf(".%c", end);
        return;
    }
    while (len > 1 && name[len - 1] == '/') /* the slashes before it */
        len--;
    printf("%.*s%c", (int)len, name, end);
}

int main(int argc, char **argv)
{
    char end = '\n';
    int c, i;

    while ((c = getopt(argc, argv, "z")) != -1) {
        if (c != 'z')
            usage();
        end = '\0';
    }
    if (optind >= argc) {
        warnx("missing operand");
        usage();
    }
    for (i = optind; i < argc; i++)
        print_dir(argv[i], end);
    return 0;
}
