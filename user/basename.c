/*
 * basename.c - strip the directory and, optionally, a suffix from names:
 *
 *     basename NAME [SUFFIX]
 *     basename -a [-s SUFFIX] [-z] NAME...
 *
 * Trailing slashes are ignored, a name of only slashes is "/", and the
 * suffix is removed only when it is not the whole remaining name (as POSIX
 * says). -z ends each output line with a NUL instead of a newline.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(void)
{
    fprintf(stderr, "usage: basename NAME [SUFFIX]\n       basename -a [-s SUFFIX] [-z] NAME...\n");
    _exit(1);
}

/* Print the last component of name without suffix (which may be NULL). */
static void print_base(const char *name, const char *suffix, char end)
{
    size_t len = strlen(name), start;

    while (len > 1 && name[len - 1] == '/')
        len--;
    if (len == 1 && name[0] == '/') {
        printf("/%c", end);
        return;
    }
    start = len;
    while (start > 0 && name[start - 1] != '/')
        start--;
    if (suffix) {
        size_t slen = strlen(suffix);
        if (slen < len - start && memcmp(name + len - slen, suffix, slen) == 0)
            len -= slen;
    }
    printf("%.*s%c", (int)(len - start), name + start, end);
}

int main(int argc, char **argv)
{
    const char *suffix = NULL;
    int multiple = 0, c, i;
    char end = '\n';

    while ((c = getopt(argc, argv, "+as:z")) != -1) {
        switch (c) {
        case 'a':
            multiple = 1;
            break;
        case 's':
            suffix = optarg;
            multiple = 1;
            break;
        case 'z':
            end = '\0';
            break;
        default:
            usage();
        }
    }
    if (optind >= argc) {
        warnx("missing operand");
        usage();
    }
    if (!multiple) {
        if (argc - optind > 2) {
            warnx("extra operand '%s'", argv[optind + 2]);
            usage();
        }
        print_base(argv[optind], argc - optind == 2 ? argv[optind + 1] : NULL, end);
        return 0;
    }
    for (i = optind; i < argc; i++)
        print_base(argv[i], suffix, end);
    return 0;
}
