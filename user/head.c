/*
 * head.c - print the first part of files:
 *
 *     head [-n [-]N | -c [-]N] [-q | -v] [FILE...]
 *
 * -n N prints the first N lines (10 by default), -c N the first N bytes; with
 * a leading '-' they print everything but the last N lines or bytes. N may
 * carry a multiplier suffix (b 512, K 1024, kB 1000, M, MB, G, GB). The old
 * form "head -N" means -n N. With more than one file each gets a header
 * "==> FILE <==" (-q never, -v always), and the headers after the first are
 * preceded by an empty line. "-" or no file means standard input.
 *
 * The first N lines or bytes are copied block by block as they are read;
 * "all but the last N" needs the whole input, so it is read into memory first.
 */
#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libutil.h>
#include <unistd.h>

#define HEAD_BUF_SIZE 65536
/* The multipliers of -n and -c: b 512, k K 1024, kB 1000, M, MB, G, GB. */
#define COUNT_SUFFIXES "bkKMG"

static void usage(void)
{
    fprintf(stderr, "usage: head [-n [-]N | -c [-]N] [-q | -v] [FILE...]\n");
    exit(1);
}

/* Write buf[0..len) to standard output; a failure ends the program. */
static void out(const char *buf, size_t len)
{
    if (write_all(STDOUT_FILENO, buf, len) < 0)
        err(1, "write error");
}

/* "==> name <==", after an empty line unless it is the first output. */
static void print_header(const char *name, int printed)
{
    if (dprintf(STDOUT_FILENO, "%s==> %s <==\n", printed ? "\n" : "", name) < 0)
        err(1, "write error");
}



/* Copy the first count lines (or bytes) of fd; returns -1 on a read error. */
static int head_first(int fd, uint64_t count, int by_lines)
{
    static char buf[HEAD_BUF_SIZE];
    ssize_t n = 0;

    while (count > 0 && (n = read(fd, buf, sizeof(buf))) > 0) {
        size_t take = (size_t)n;
        if (by_lines) {
            for (size_t i = 0; i < (size_t)n; i++) {
                if (buf[i] == '\n' && --count == 0) {
                    take = i + 1;
                    break;
                }
            }
        } else if ((uint64_t)n > count) {
            take = (size_t)count;
        }
        if (!by_lines)
            count -= take;
        out(buf, take);
    }
    return n < 0 ? -1 : 0;
}

/* Copy all but the last count lines (or bytes) of fd; returns -1 on a read error. */
static int head_all_but(int fd, uint64_t count, int by_lines)
{
    size_t len, keep;
    char *buf;

    if (read_all(fd, &buf, &len) < 0)
        return -1;
    if (!by_lines) {
        keep = count >= len ? 0 : len - (size_t)count;
    } else {
        /* Walk back over count line ends; a last line without one counts too. */
        keep = len;
        if (keep > 0 && buf[keep - 1] != '\n' && count > 0) {
            while (keep > 0 && buf[keep - 1] != '\n')
                keep--;
            count--;
        }
        while (count > 0 && keep > 0) {
            keep--; /* the newline ending the line to drop */
            while (keep > 0 && buf[keep - 1] != '\n')
                keep--;
            count--;
        }
    }
    out(buf, keep);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    uint64_t count = 10;
    int by_lines = 1, all_but = 0, headers = -1, status = 0, c, i, printed = 0;
    const char *count_arg = NULL;
    char obsolete[32];

    /* "head -5" and "head -5c": the old form of -n 5 and -c 5. */
    if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
        size_t len = strlen(argv[1] + 1);
        if (len >= sizeof(obsolete))
            usage();
        memcpy(obsolete, argv[1] + 1, len + 1);
        if (obsolete[len - 1] == 'c' || obsolete[len - 1] == 'l') {
            by_lines = obsolete[len - 1] == 'l';
            obsolete[len - 1] = '\0';
        }
        count_arg = obsolete;
        argv[1] = argv[0];
        argv++;
        argc--;
    }
    while ((c = getopt(argc, argv, "n:c:qv")) != -1) {
        switch (c) {
        case 'n':
        case 'c':
            by_lines = c == 'n';
            count_arg = optarg;
            break;
        case 'q':
            headers = 0;
            break;
        case 'v':
            headers = 1;
            break;
        default:
            usage();
        }
    }
    if (count_arg) {
        if (*count_arg == '-') {
            all_but = 1;
            count_arg++;
        } else if (*count_arg == '+') {
            count_arg++;
        }
        if (*count_arg < '0' || *count_arg > '9' ||
            parse_size(count_arg, 10, COUNT_SUFFIXES, &count, NULL) < 0)
            errx(1, "invalid number of %s: '%s'", by_lines ? "lines" : "bytes", count_arg);
    }
    if (optind == argc)
        argv[--optind] = "-";
    if (headers < 0)
        headers = argc - optind > 1;

    for (i = optind; i < argc; i++) {
        const char *name = argv[i];
        int fd = STDIN_FILENO, r;

        if (strcmp(name, "-") == 0) {
            name = "standard input";
        } else if ((fd = open(name, O_RDONLY)) < 0) {
            warn("cannot open '%s' for reading", name);
            status = 1;
            continue;
        }
        if (headers)
            print_header(name, printed);
        printed = 1;
        r = all_but ? head_all_but(fd, count, by_lines) : head_first(fd, count, by_lines);
        if (r < 0) {
            warn("error reading '%s'", name);
            status = 1;
        }
        if (fd != STDIN_FILENO)
            close(fd);
    }
    return status;
}
