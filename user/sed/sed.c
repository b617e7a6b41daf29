/*
 * sed.c - the stream editor, as POSIX and GNU sed:
 *
 *     sed [-nsE] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT] [FILE]...
 *
 * The pieces of the script given by -e and -f are joined with newlines into
 * one text (so "-e 'a\' -e text" works as in GNU sed), compiled by compile.c
 * and run by execute.c over the files read by io.c. A script that starts
 * with "#n" on its own line acts as -n.
 *
 * Exit status: 0; 1 for a bad script or option; 2 when an input file could
 * not be read; 4 for an I/O error; or the status given to q or Q.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sed.h"

const char *sed_prog = "sed";
int sed_extended, sed_quiet, sed_separate;

void *
sed_alloc(size_t n)
{
    return sed_realloc(NULL, n);
}

void *
sed_realloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: couldn't allocate memory\n", sed_prog);
        exit(4);
    }
    return p;
}

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-nsE] [-i[SUFFIX]] [-e SCRIPT]... [-f FILE]... [SCRIPT] "
                    "[FILE]...\n", sed_prog);
    exit(1);
}

/* The script text so far, each piece ending in a newline. */
static char *script;
static size_t script_len;

static void
add_script(const char *text, size_t len)
{
    script = sed_realloc(script, script_len + len + 2);
    memcpy(script + script_len, text, len);
    script_len += len;
    script[script_len++] = '\n';
    script[script_len] = '\0';
}

static void
add_script_file(const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    char chunk[4096];
    size_t n, len = 0;
    char *text = NULL;

    if (!f) {
        fprintf(stderr, "%s: couldn't open file %s: %s\n", sed_prog, path, strerror(errno));
        exit(1);
    }
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        text = sed_realloc(text, len + n);
        memcpy(text + len, chunk, n);
        len += n;
    }
    if (f != stdin)
        fclose(f);
    /* The file's own last newline ends its last command; add_script adds one. */
    if (len > 0 && text[len - 1] == '\n')
        len--;
    add_script(text ? text : "", len);
    free(text);
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "quiet", no_argument, 0, 'n' },
        { "silent", no_argument, 0, 'n' },
        { "expression", required_argument, 0, 'e' },
        { "file", required_argument, 0, 'f' },
        { "regexp-extended", no_argument, 0, 'E' },
        { "in-place", optional_argument, 0, 'i' },
        { "separate", no_argument, 0, 's' },
        { "unbuffered", no_argument, 0, 'u' },
        { "posix", no_argument, 0, 'p' },
        { 0, 0, 0, 0 },
    };
    int c, have_script = 0;

    while ((c = getopt_long(argc, argv, "ne:f:Eri::su", longopts, NULL)) != -1) {
        switch (c) {
        case 'n': sed_quiet = 1; break;
        case 'e': add_script(optarg, strlen(optarg)); have_script = 1; break;
        case 'f': add_script_file(optarg); have_script = 1; break;
        case 'E': case 'r': sed_extended = 1; break;
        case 'i':
            io_in_place = 1;
            sed_separate = 1;
            io_in_place_suffix = optarg;
            break;
        case 's': sed_separate = 1; break;
        case 'u': case 'p': break;
        default: usage();
        }
    }
    if (!have_script) {
        if (optind >= argc)
            usage();
        add_script(argv[optind], strlen(argv[optind]));
        optind++;
    }
    if (script_len >= 3 && script[0] == '#' && script[1] == 'n' && script[2] == '\n')
        sed_quiet = 1;
    sed_compile(script);
    sed_finish_compile();
    io_set_inputs(argv + optind, argc - optind);
    if (io_in_place && optind >= argc) {
        fprintf(stderr, "%s: no input files\n", sed_prog);
        return 1;
    }
    return sed_execute();
}
