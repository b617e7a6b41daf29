/*
 * tail.c - print the last part of files:
 *
 *     tail [-n [+]N | -c [+]N] [-f] [-s SECONDS] [-q | -v] [FILE...]
 *
 * -n N prints the last N lines (10 by default), -c N the last N bytes; "+N"
 * starts at line or byte N instead (counting from 1). N may carry the
 * multiplier suffixes of head (b, K, kB, M, MB, G, GB). The old form
 * "tail -N [FILE]" means -n N, "tail +N [FILE]" -n +N. Headers "==> FILE <==" appear as in head.
 *
 * -f follows the files after printing: every SECONDS (1 by default) each
 * file is checked with fstat(2) and whatever was appended is printed (with a
 * header when the output switches to another file); a file that shrank is
 * reported as truncated and read again from its start. Pipes and FIFOs are
 * not followed (their data has all been read), and the program runs until it
 * is killed.
 *
 * The last lines or bytes of a large regular file are found by reading
 * backwards from its end; other inputs (pipes, small files, "+N") are read
 * whole into memory and the wanted part is found there.
 */
#include <err.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <libutil.h>
#include <unistd.h>

#define TAIL_BUF_SIZE 65536
#define TAIL_MAX_FILES 64
/* The multipliers of -n and -c, as in head: b 512, k K 1024, kB 1000, M, MB, G, GB. */
#define COUNT_SUFFIXES "bkKMG"

struct followed {
    const char *name;
    int fd;
    off_t offset; /* what has been printed so far */
};

static void usage(void)
{
    fprintf(stderr, "usage: tail [-n [+]N | -c [+]N] [-f] [-s SECONDS] [-q | -v] [FILE...]\n");
    exit(1);
}

/* Write buf[0..len) to standard output; a failure ends the program. */
static void out(const char *buf, size_t len)
{
    if (write_all(STDOUT_FILENO, buf, len) < 0)
        err(1, "write error");
}



/*
 * Where the output starts in buf[0..len): the last count lines or bytes, or,
 * with from_start, line or byte number count (1-based).
 */
static size_t tail_start(const char *buf, size_t len, uint64_t count, int by_lines,
                         int from_start)
{
    size_t pos;

    if (from_start) {
        if (count > 0)
            count--;
        if (!by_lines)
            return count >= len ? len : (size_t)count;
        for (pos = 0; pos < len && count > 0; pos++)
            if (buf[pos] == '\n')
                count--;
        return pos;
    }
    if (!by_lines)
        return count >= len ? 0 : len - (size_t)count;
    if (count == 0)
        return len;
    /* A final line without a newline is a line too: skip its end only if there. */
    pos = len;
    if (pos > 0 && buf[pos - 1] == '\n')
        pos--;
    while (pos > 0) {
        if (buf[pos - 1] == '\n' && --count == 0)
            break;
        pos--;
    }
    return pos;
}

/*
 * Where the last count lines of a regular file start, found by reading
 * backwards from its end (size) down to base; a newline that ends the file
 * does not start a line.
 */
static off_t last_lines_start(int fd, off_t base, off_t size, uint64_t count)
{
    static char buf[TAIL_BUF_SIZE];
    off_t pos = size;

    if (count == 0)
        return size;
    while (pos > base) {
        size_t chunk = pos - base < (off_t)sizeof(buf) ? (size_t)(pos - base) : sizeof(buf);
        pos -= (off_t)chunk;
        if (pread(fd, buf, chunk, pos) != (ssize_t)chunk)
            return -1;
        for (size_t i = chunk; i-- > 0;)
            if (buf[i] == '\n' && pos + (off_t)i != size - 1 && --count == 0)
                return pos + (off_t)i + 1;
    }
    return base;
}

/* Copy fd from where it is to its end; returns the bytes copied, or -1 on a read error. */
static off_t copy_rest(int fd)
{
    static char buf[TAIL_BUF_SIZE];
    off_t copied = 0;
    ssize_t n;

    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        out(buf, (size_t)n);
        copied += n;
    }
    return n < 0 ? -1 : copied;
}

/*
 * Print the wanted part of fd. Returns how far into the input it read (where
 * following goes on), or -1 on a read error. The end of a large regular
 * file is found by seeking; anything else is read whole into memory.
 */
static off_t tail_fd(int fd, uint64_t count, int by_lines, int from_start)
{
    struct stat st;
    off_t base, start, copied;
    size_t len, skip;
    char *buf;

    if (!from_start && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > TAIL_BUF_SIZE && (base = lseek(fd, 0, SEEK_CUR)) >= 0 &&
        base <= (off_t)st.st_size) {
        off_t size = (off_t)st.st_size;
        if (by_lines)
            start = last_lines_start(fd, base, size, count);
        else
            start = (uint64_t)(size - base) > count ? size - (off_t)count : base;
        if (start >= 0 && lseek(fd, start, SEEK_SET) == start) {
            copied = copy_rest(fd);
            return copied < 0 ? -1 : start + copied;
        }
    }
    if (read_all(fd, &buf, &len) < 0)
        return -1;
    skip = tail_start(buf, len, count, by_lines, from_start);
    out(buf + skip, len - skip);
    free(buf);
    return (off_t)len;
}

/* "==> name <==", after an empty line unless it is the first output. */
static void print_header(const char *name, int *printed)
{
    if (dprintf(STDOUT_FILENO, "%s==> %s <==\n", *printed ? "\n" : "", name) < 0)
        err(1, "write error");
    *printed = 1;
}

/* Print what was appended to each followed file, forever. */
static void follow(struct followed *files, int nfiles, int headers, unsigned interval_ms)
{
    static char buf[TAIL_BUF_SIZE];
    struct timespec pause = { .tv_sec = interval_ms / 1000,
                              .tv_nsec = (long)(interval_ms % 1000) * 1000000 };
    int last = nfiles - 1, printed = 1;

    for (;;) {
        nanosleep(&pause, NULL);
        for (int i = 0; i < nfiles; i++) {
            struct stat st;
            ssize_t n;

            if (files[i].fd < 0 || fstat(files[i].fd, &st) < 0)
                continue;
            if ((off_t)st.st_size < files[i].offset) {
                warnx("%s: file truncated", files[i].name);
                files[i].offset = lseek(files[i].fd, 0, SEEK_SET);
            }
            while ((n = read(files[i].fd, buf, sizeof(buf))) > 0) {
                if (headers && last != i)
                    print_header(files[i].name, &printed);
                last = i;
                out(buf, (size_t)n);
                files[i].offset += n;
            }
        }
    }
}

int main(int argc, char **argv)
{
    static struct followed files[TAIL_MAX_FILES];
    uint64_t count = 10;
    int by_lines = 1, from_start = 0, headers = -1, forever = 0, status = 0, c, i;
    int nfollowed = 0, printed = 0;
    unsigned interval_ms = 1000;
    const char *count_arg = NULL;
    char obsolete[32];

    /*
     * The old forms "tail -5", "tail +5", "tail -5c", "tail -5f": only as the
     * sole option, before at most one file (otherwise "-5" is an unknown
     * option and "+5" a file name).
     */
    if ((argc == 2 || (argc == 3 && !(argv[2][0] == '-' && argv[2][1])) ||
         ((argc == 3 || argc == 4) && strcmp(argv[2], "--") == 0)) &&
        (argv[1][0] == '-' || argv[1][0] == '+') && argv[1][1] >= '0' && argv[1][1] <= '9') {
        size_t len = strspn(argv[1] + 1, "0123456789");
        const char *rest = argv[1] + 1 + len;
        int blocks = *rest == 'b'; /* 512-byte units */

        if (len + 3 > sizeof(obsolete))
            usage();
        if (*rest == 'c' || *rest == 'l' || *rest == 'b')
            by_lines = *rest++ == 'l';
        if (*rest == 'f') {
            forever = 1;
            rest++;
        }
        if (*rest == '\0') {
            obsolete[0] = argv[1][0];
            memcpy(obsolete + 1, argv[1] + 1, len);
            strcpy(obsolete + len + 1, blocks ? "b" : "");
            count_arg = obsolete;
            argv[1] = argv[0];
            argv++;
            argc--;
        } else {
            by_lines = 1;
            forever = 0;
        }
    }
    while ((c = getopt(argc, argv, "n:c:fFqs:v")) != -1) {
        switch (c) {
        case 'n':
        case 'c':
            by_lines = c == 'n';
            count_arg = optarg;
            break;
        case 'f':
        case 'F':
            forever = 1;
            break;
        case 'q':
            headers = 0;
            break;
        case 's': {
            char *end;
            double seconds = strtod(optarg, &end);
            if (*end || end == optarg || seconds < 0 || seconds > 1e6)
                errx(1, "invalid number of seconds: '%s'", optarg);
            interval_ms = (unsigned)(seconds * 1000);
            break;
        }
        case 'v':
            headers = 1;
            break;
        default:
            usage();
        }
    }
    if (count_arg) {
        if (*count_arg == '+')
            from_start = 1;
        if (*count_arg == '+' || *count_arg == '-')
            count_arg++;
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
        int fd = STDIN_FILENO;
        struct stat st;
        off_t end;

        if (strcmp(name, "-") == 0) {
            name = "standard input";
        } else if ((fd = open(name, O_RDONLY)) < 0) {
            warn("cannot open '%s' for reading", name);
            status = 1;
            continue;
        }
        if (headers)
            print_header(name, &printed);
        end = tail_fd(fd, count, by_lines, from_start);
        if (end < 0) {
            warn("error reading '%s'", name);
            status = 1;
            if (fd != STDIN_FILENO)
                close(fd);
            continue;
        }
        if (forever && nfollowed < TAIL_MAX_FILES && fstat(fd, &st) == 0 &&
            !S_ISFIFO(st.st_mode)) {
            files[nfollowed].name = name;
            files[nfollowed].fd = fd;
            files[nfollowed].offset = end;
            nfollowed++;
        } else if (fd != STDIN_FILENO) {
            close(fd);
        }
    }
    if (nfollowed > 0)
        follow(files, nfollowed, headers, interval_ms);
    return status;
}
