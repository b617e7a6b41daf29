/*
 * tty.c - print the name of the terminal on standard input, or "not a tty"
 * (exit status 1). -s prints nothing and only sets the status. Exit 2 for
 * a bad option, as POSIX says.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int silent = 0;
    const char *name;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "--silent") == 0 ||
            strcmp(argv[i], "--quiet") == 0) {
            silent = 1;
        } else {
            fprintf(stderr, "tty: invalid argument '%s'\nusage: tty [-s]\n", argv[i]);
            return 2;
        }
    }
    name = ttyname(0);
    if (!silent)
        puts(name ? name : "not a tty");
    return name ? 0 : 1;
}
