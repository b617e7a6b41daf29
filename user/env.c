/*
 * env.c - run a program in a modified environment, or print the environment:
 *
 *     env [-i0] [-u NAME]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
 *
 * -i (or a lone "-") starts from an empty environment, -u NAME removes a
 * variable, NAME=VALUE sets one. Without a command the resulting
 * environment is printed, one variable a line (-0: NUL-terminated). The
 * command is looked up in PATH as the new environment has it; the exit
 * status is the command's, 125 when env itself fails, 126 when the command
 * cannot be run and 127 when it is not found.
 *
 * The new environment is built as a fresh array and installed in environ
 * before execvp, so nothing of the old one leaks into it.
 */
#include <err.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **vars;
static size_t nvars;

static void usage(void)
{
    fprintf(stderr, "usage: env [-i0] [-u NAME]... [-] [NAME=VALUE]... [COMMAND [ARG]...]\n");
    exit(125);
}

/* The index of the variable called name (name_len bytes), or -1. */
static long find_var(const char *name, size_t name_len)
{
    for (size_t i = 0; i < nvars; i++)
        if (strncmp(vars[i], name, name_len) == 0 && vars[i][name_len] == '=')
            return (long)i;
    return -1;
}

static void remove_var(const char *name)
{
    long i = find_var(name, strlen(name));

    if (i >= 0)
        vars[i] = vars[--nvars];
}

/* Set "NAME=VALUE", replacing an old value in its place. */
static void set_var(char *assignment)
{
    long i = find_var(assignment, (size_t)(strchr(assignment, '=') - assignment));

    if (i >= 0)
        vars[i] = assignment;
    else
        vars[nvars++] = assignment;
}

int main(int argc, char **argv)
{
    int clear = 0, nul = 0, c, i;
    size_t cap = (size_t)argc, nunset = 0;
    char **unset = malloc((size_t)argc * sizeof(*unset));

    if (!unset)
        err(125, "out of memory");

    /* "+": options end at the first operand, so the command's own options are its. */
    while ((c = getopt(argc, argv, "+i0u:")) != -1) {
        switch (c) {
        case 'i':
            clear = 1;
            break;
        case '0':
            nul = 1;
            break;
        case 'u':
            if (!*optarg || strchr(optarg, '='))
                errx(125, "cannot unset '%s': Invalid argument", optarg);
            unset[nunset++] = optarg; /* applied once the environment is copied */
            break;
        default:
            usage();
        }
    }
    if (optind < argc && strcmp(argv[optind], "-") == 0) {
        clear = 1;
        optind++;
    }
    if (!clear)
        for (char **e = environ; *e; e++)
            cap++;
    vars = malloc((cap + 1) * sizeof(*vars));
    if (!vars)
        err(125, "out of memory");
    if (!clear)
        for (char **e = environ; *e; e++)
            vars[nvars++] = *e;

    for (size_t k = 0; k < nunset; k++)
        remove_var(unset[k]);
    for (i = optind; i < argc && strchr(argv[i], '='); i++)
        set_var(argv[i]);
    vars[nvars] = NULL;
    environ = vars;

    if (i == argc) {
        for (size_t k = 0; k < nvars; k++)
            printf("%s%c", vars[k], nul ? '\0' : '\n');
        return 0;
    }
    if (nul)
        errx(125, "cannot specify --null (-0) with command");
    execvp(argv[i], argv + i);
    c = errno;
    warn("'%s'", argv[i]);
    return c == ENOENT ? 127 : 126;
}
