/*
 * xargs.c - build and run command lines from standard input, as POSIX and
 * GNU xargs:
 *
 *     xargs [-0rt] [-d DELIM] [-n N] [-L N] [-s SIZE] [-I REPL | -i[REPL]] [COMMAND [ARG]...]
 *
 * Input items are blank- or newline-separated words, in which '...', "..."
 * and backslash quote; with -0 or -d they are the pieces between delimiter
 * bytes, taken literally; with -I each input line is one item (leading blanks
 * dropped). Items are appended to COMMAND (echo by default) until -n items,
 * -L input lines (a line ending in a blank continues on the next) or -s bytes
 * are reached; then the command runs and xargs waits for it. With -I each
 * item makes one command, in which REPL is replaced by the item in every
 * initial argument.
 *
 * Whether exec failed is reported by the child through a close-on-exec pipe,
 * so a command that itself exits with 126 or 127 is not mistaken for one
 * that could not run. Exit status, as POSIX: 0; 123 if a command exited with
 * 1-125; 124 if one exited with 255 (xargs stops); 125 if one was killed by a
 * signal; 126 if one could not be run; 127 if one was not found; 1 for
 * xargs' own errors.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define XARGS_DEFAULT_SIZE (128 * 1024)

static const char *prog = "xargs";

static struct {
    int delim;        /* -0 / -d byte, or -1 for quoted words */
    long max_args;    /* -n; 0 for no limit */
    long max_lines;   /* -L; 0 for no limit */
    long max_size;    /* -s */
    const char *repl; /* -I */
    int trace, no_empty;
} opt = { .delim = -1, .max_size = XARGS_DEFAULT_SIZE };

static int status;

static void
usage(void)
{
    fprintf(stderr, "usage: %s [-0rt] [-d DELIM] [-n N] [-L N] [-s SIZE] [-I REPL] "
                    "[COMMAND [ARG]...]\n", prog);
    exit(1);
}

static void *
xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(1);
    }
    return p;
}

/* A growing byte string for the item being read. */
struct xargs_buf {
    char *s;
    size_t len, cap;
};

static void
buf_add(struct xargs_buf *b, int c)
{
    if (b->len + 1 >= b->cap) {
        b->cap = b->cap ? b->cap * 2 : 64;
        b->s = xrealloc(b->s, b->cap);
    }
    b->s[b->len++] = (char)c;
    b->s[b->len] = '\0';
}

static int
is_blank(int c)
{
    return c == ' ' || c == '\t';
}

/*
 * Read the next item into b. Returns 1 for an item, 0 at the end of input,
 * -1 after an error (an unmatched quote). *line_end is set when the item is
 * the last of an input line (for -L).
 */
static int
read_item(struct xargs_buf *b, int *line_end)
{
    int c, quote = 0, have = 0;

    b->len = 0;
    buf_add(b, 0);
    b->len = 0;
    *line_end = 0;
    if (opt.delim >= 0) {
        while ((c = getchar()) != EOF && c != opt.delim)
            buf_add(b, c);
        *line_end = 1;
        return c != EOF || b->len > 0;
    }
    /* Skip the blanks and empty lines before the item. */
    while ((c = getchar()) != EOF && (is_blank(c) || c == '\n'))
        ;
    for (; c != EOF; c = getchar()) {
        if (quote) {
            if (c == '\n') {
                fprintf(stderr, "%s: unmatched %s quote; by default quotes are special to "
                                "xargs unless you use the -0 option\n",
                        prog, quote == '\'' ? "single" : "double");
                return -1;
            }
            if (c == quote)
                quote = 0;
            else
                buf_add(b, c);
            continue;
        }
        if (c == '\n') {
            *line_end = 1;
            return 1;
        }
        if (is_blank(c) && !opt.repl)
            return 1;
        if (c == '\'' || c == '"') {
            quote = c;
            have = 1;
        } else if (c == '\\') {
            c = getchar();
            if (c == EOF)
                break;
            buf_add(b, c);
        } else {
            buf_add(b, c);
        }
        have = 1;
    }
    if (quote) {
        fprintf(stderr, "%s: unmatched %s quote; by default quotes are special to xargs "
                        "unless you use the -0 option\n",
                prog, quote == '\'' ? "single" : "double");
        return -1;
    }
    *line_end = 1;
    return have || b->len > 0;
}

/* Run argv and wait; record its outcome in status. Returns 0 to go on, else xargs' exit. */
static int
run(char **argv)
{
    int report[2];
    pid_t pid;
    int wstatus, child_errno;

    if (opt.trace) {
        for (int i = 0; argv[i]; i++)
            fprintf(stderr, "%s%s", i ? " " : "", argv[i]);
        fputc('\n', stderr);
    }
    fflush(stdout);
    if (pipe(report) < 0) {
        fprintf(stderr, "%s: pipe: %s\n", prog, strerror(errno));
        return 1;
    }
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "%s: fork: %s\n", prog, strerror(errno));
        return 1;
    }
    if (pid == 0) {
        close(report[0]);
        execvp(argv[0], argv);
        child_errno = errno;
        write(report[1], &child_errno, sizeof child_errno);
        _exit(127);
    }
    close(report[1]);
    ssize_t n = read(report[0], &child_errno, sizeof child_errno);
    close(report[0]);
    while (waitpid(pid, &wstatus, 0) < 0)
        if (errno != EINTR)
            return 1;
    if (n == (ssize_t)sizeof child_errno) {
        fprintf(stderr, "%s: %s: %s\n", prog, argv[0], strerror(child_errno));
        return child_errno == ENOENT ? 127 : 126;
    }
    if (!WIFEXITED(wstatus)) {
        fprintf(stderr, "%s: %s: terminated by signal %d\n", prog, argv[0], WTERMSIG(wstatus));
        return 125;
    }
    if (WEXITSTATUS(wstatus) == 255) {
        fprintf(stderr, "%s: %s: exited with status 255; aborting\n", prog, argv[0]);
        return 124;
    }
    if (WEXITSTATUS(wstatus) != 0)
        status = 123;
    return 0;
}

/* s with every occurrence of opt.repl replaced by item (a new string). */
static char *
replace(const char *s, const char *item)
{
    size_t rlen = strlen(opt.repl), ilen = strlen(item);
    struct xargs_buf b = { 0 };

    buf_add(&b, 0);
    b.len = 0;
    while (*s) {
        if (rlen > 0 && strncmp(s, opt.repl, rlen) == 0) {
            for (size_t i = 0; i < ilen; i++)
                buf_add(&b, item[i]);
            s += rlen;
        } else {
            buf_add(&b, *s++);
        }
    }
    return b.s;
}

/* -I: one command per item, with the item put in place of every REPL. */
static int
run_replacing(char **initial, int ninitial)
{
    struct xargs_buf item = { 0 };
    char **argv = xrealloc(NULL, (size_t)(ninitial + 1) * sizeof *argv);
    int line_end, rc, r;

    while ((r = read_item(&item, &line_end)) > 0) {
        for (int i = 0; i < ninitial; i++)
            argv[i] = replace(initial[i], item.s);
        argv[ninitial] = NULL;
        rc = run(argv);
        for (int i = 0; i < ninitial; i++)
            free(argv[i]);
        if (rc)
            return rc;
    }
    return r < 0 ? 1 : status;
}

static long
parse_count(const char *s, const char *opt_name, long min)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (*s == '\0' || *end != '\0' || v < min) {
        fprintf(stderr, "%s: invalid number \"%s\" for -%s option\n", prog, s, opt_name);
        exit(1);
    }
    return v;
}

/* The byte a -d argument names: one character or a C escape such as \n or \t. */
static int
parse_delim(const char *s)
{
    if (s[0] == '\\' && s[1] != '\0' && s[2] == '\0') {
        switch (s[1]) {
        case 'n': return '\n';
        case 't': return '\t';
        case '0': return '\0';
        case '\\': return '\\';
        }
    }
    if (s[0] == '\0' || s[1] != '\0') {
        fprintf(stderr, "%s: invalid input delimiter specification %s\n", prog, s);
        exit(1);
    }
    return (unsigned char)s[0];
}

/* Run cmd: its ninitial first words, then nitems items, which are freed. */
static int
run_items(char **cmd, int ninitial, int nitems)
{
    int rc;

    cmd[ninitial + nitems] = NULL;
    rc = run(cmd);
    for (int i = 0; i < nitems; i++)
        free(cmd[ninitial + i]);
    return rc;
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "null", no_argument, 0, '0' },
        { "delimiter", required_argument, 0, 'd' },
        { "max-args", required_argument, 0, 'n' },
        { "max-lines", required_argument, 0, 'L' },
        { "max-chars", required_argument, 0, 's' },
        { "replace", optional_argument, 0, 'i' },
        { "verbose", no_argument, 0, 't' },
        { "no-run-if-empty", no_argument, 0, 'r' },
        { 0, 0, 0, 0 },
    };
    static char *default_command[] = { "echo", NULL };
    int c;

    while ((c = getopt_long(argc, argv, "+0d:n:L:s:I:i::tr", longopts, NULL)) != -1) {
        switch (c) {
        case '0': opt.delim = '\0'; break;
        case 'd': opt.delim = parse_delim(optarg); break;
        case 'n': opt.max_args = parse_count(optarg, "n", 1); opt.max_lines = 0; break;
        case 'L': opt.max_lines = parse_count(optarg, "L", 1); opt.max_args = 0; break;
        case 's': opt.max_size = parse_count(optarg, "s", 1); break;
        case 'I': opt.repl = optarg; break;
        case 'i': opt.repl = optarg ? optarg : "{}"; break;
        case 't': opt.trace = 1; break;
        case 'r': opt.no_empty = 1; break;
        default: usage();
        }
    }
    char **initial = optind < argc ? argv + optind : default_command;
    int ninitial = optind < argc ? argc - optind : 1;

    if (opt.repl)
        return run_replacing(initial, ninitial);

    /* The command line: the initial arguments, then the items of this round. */
    char **cmd = xrealloc(NULL, (size_t)(ninitial + 1) * sizeof *cmd);
    size_t cmd_cap = (size_t)ninitial + 1, base_size = 0;
    for (int i = 0; i < ninitial; i++) {
        cmd[i] = initial[i];
        base_size += strlen(initial[i]) + 1;
    }

    struct xargs_buf item = { 0 };
    int nitems = 0, ran = 0, line_end, r, rc;
    long lines = 0;
    size_t size = base_size;

    for (;;) {
        r = read_item(&item, &line_end);
        if (r > 0) {
            size_t need = item.len + 1;
            /* An item that does not fit starts the next command line. */
            if (nitems > 0 && size + need > (size_t)opt.max_size) {
                if ((rc = run_items(cmd, ninitial, nitems)) != 0)
                    return rc;
                ran = 1;
                nitems = 0, lines = 0, size = base_size;
            }
            if ((size_t)(ninitial + nitems + 2) > cmd_cap) {
                cmd_cap *= 2;
                cmd = xrealloc(cmd, cmd_cap * sizeof *cmd);
            }
            char *copy = xrealloc(NULL, item.len + 1);
            memcpy(copy, item.s ? item.s : "", item.len);
            copy[item.len] = '\0';
            cmd[ninitial + nitems++] = copy;
            size += need;
            lines += line_end;
            if ((opt.max_args && nitems >= opt.max_args) ||
                (opt.max_lines && lines >= opt.max_lines)) {
                if ((rc = run_items(cmd, ninitial, nitems)) != 0)
                    return rc;
                ran = 1;
                nitems = 0, lines = 0, size = base_size;
            }
            continue;
        }
        /* End of input (or a quoting error, after which what was read still runs). */
        if (nitems > 0 || (!ran && !opt.no_empty && r == 0)) {
            if ((rc = run_items(cmd, ninitial, nitems)) != 0)
                return rc;
        }
        return r < 0 ? 1 : status;
    }
}
