/*
 * dd.c - convert and copy a file (POSIX dd: if=, of=, ibs=, obs=, bs=,
 * count=, skip=, seek=, conv=notrunc,ucase,lcase,sync; GNU's status=none
 * and status=noxfer).
 *
 * Input is read in blocks of ibs bytes; a short read is a partial block.
 * With bs= each block read is written as it is; otherwise the data is
 * gathered and written in blocks of obs bytes. conv=sync pads every input
 * block to its full size with NUL bytes. At the end the counts go to
 * stderr: "F+P records in", "F+P records out" (full and partial blocks) and
 * the bytes copied.
 */
#include <ctype.h>
#include <err.h>
#include <fcntl.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static size_t ibs = 512, obs = 512;
static int bs_given, conv_ucase, conv_lcase, conv_sync, conv_notrunc;
static int status_level = 2; /* 0 none, 1 noxfer, 2 everything */
static unsigned long long count = ~0ULL, skip, seek;

static unsigned long long in_full, in_part, out_full, out_part, total_bytes;

/*
 * A number with an optional multiplier: c 1, w 2, b 512, k/K/kiB 1024,
 * kB 1000, M/MiB, MB, G/GiB, GB, and products with x ("2x512").
 */
static unsigned long long
parse_number(const char *operand, const char *s)
{
    uint64_t v;
    char *end;

    if (parse_size(s, 10, "cwbkKMGT", &v, &end) < 0)
        errx(1, "invalid number: '%s'", operand);
    if (*end == 'x')
        return v * parse_number(operand, end + 1);
    if (*end)
        errx(1, "invalid number: '%s'", operand);
    return v;
}

static void
parse_conv(const char *list)
{
    char *copy = strdup(list), *word, *rest = copy;

    if (!copy)
        err(1, "out of memory");
    while ((word = rest) != NULL) {
        rest = strchr(rest, ',');
        if (rest)
            *rest++ = '\0';
        if (strcmp(word, "ucase") == 0)
            conv_ucase = 1;
        else if (strcmp(word, "lcase") == 0)
            conv_lcase = 1;
        else if (strcmp(word, "sync") == 0)
            conv_sync = 1;
        else if (strcmp(word, "notrunc") == 0)
            conv_notrunc = 1;
        else
            errx(1, "invalid conversion: '%s'", word);
    }
    if (conv_ucase && conv_lcase)
        errx(1, "cannot combine lcase and ucase");
    free(copy);
}

static void
write_block(int fd, const char *buf, size_t n, const char *name)
{
    for (size_t done = 0; done < n; ) {
        ssize_t w = write(fd, buf + done, n - done);
        if (w <= 0)
            err(1, "error writing '%s'", name);
        done += (size_t)w;
    }
    if (n == obs)
        out_full++;
    else
        out_part++;
    total_bytes += n;
}

static void
report(double seconds)
{
    if (status_level == 0)
        return;
    fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n", in_full, in_part, out_full,
            out_part);
    if (status_level == 2)
        fprintf(stderr, "%llu bytes copied, %g s\n", total_bytes, seconds);
}

int
main(int argc, char **argv)
{
    const char *in_name = NULL, *out_name = NULL;
    char *ibuf, *obuf;
    size_t ofill = 0;
    int in = STDIN_FILENO, out = STDOUT_FILENO;
    struct timespec t0, t1;

    for (int i = 1; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        const char *v;
        if (!eq)
            errx(1, "unrecognized operand '%s'", argv[i]);
        v = eq + 1;
        *eq = '\0';
        if (strcmp(argv[i], "if") == 0)
            in_name = v;
        else if (strcmp(argv[i], "of") == 0)
            out_name = v;
        else if (strcmp(argv[i], "bs") == 0)
            ibs = obs = (size_t)parse_number(v, v), bs_given = 1;
        else if (strcmp(argv[i], "ibs") == 0 && !bs_given)
            ibs = (size_t)parse_number(v, v);
        else if (strcmp(argv[i], "obs") == 0 && !bs_given)
            obs = (size_t)parse_number(v, v);
        else if (strcmp(argv[i], "ibs") == 0 || strcmp(argv[i], "obs") == 0)
            ; /* bs= wins */
        else if (strcmp(argv[i], "count") == 0)
            count = parse_number(v, v);
        else if (strcmp(argv[i], "skip") == 0)
            skip = parse_number(v, v);
        else if (strcmp(argv[i], "seek") == 0)
            seek = parse_number(v, v);
        else if (strcmp(argv[i], "conv") == 0)
            parse_conv(v);
        else if (strcmp(argv[i], "status") == 0 && strcmp(v, "none") == 0)
            status_level = 0;
        else if (strcmp(argv[i], "status") == 0 && strcmp(v, "noxfer") == 0)
            status_level = 1;
        else if (strcmp(argv[i], "status") == 0 && strcmp(v, "progress") == 0)
            status_level = 2;
        else
            errx(1, "unrecognized operand '%s=%s'", argv[i], v);
    }
    if (ibs == 0 || obs == 0)
        errx(1, "invalid number: '0'");
    ibuf = malloc(ibs);
    obuf = malloc(obs);
    if (!ibuf || !obuf)
        err(1, "out of memory");
    if (in_name && (in = open(in_name, O_RDONLY)) < 0)
        err(1, "failed to open '%s'", in_name);
    if (out_name) {
        out = open(out_name, O_WRONLY | O_CREAT | (conv_notrunc || seek ? 0 : O_TRUNC), 0666);
        if (out < 0)
            err(1, "failed to open '%s'", out_name);
        /* Without notrunc, the file ends where the copy starts (then grows). */
        if (!conv_notrunc && seek && ftruncate(out, (off_t)(seek * obs)) < 0)
            err(1, "failed to truncate to %llu bytes in output file '%s'", seek * obs, out_name);
    }
    if (!out_name)
        out_name = "standard output";
    if (!in_name)
        in_name = "standard input";
    clock_gettime(CLOCK_MONOTONIC, &t0);

    /* skip=: seek when the input can, otherwise read and drop. */
    if (skip && lseek(in, (off_t)(skip * ibs), SEEK_CUR) < 0) {
        for (unsigned long long b = 0; b < skip; b++) {
            ssize_t r = read(in, ibuf, ibs);
            if (r < 0)
                err(1, "error reading '%s'", in_name);
            if (r == 0)
                break;
        }
    }
    if (seek && lseek(out, (off_t)(seek * obs), SEEK_CUR) < 0)
        err(1, "cannot seek in '%s'", out_name);

    for (unsigned long long b = 0; b < count; b++) {
        ssize_t r = read(in, ibuf, ibs);
        size_t n;
        if (r < 0) {
            warn("error reading '%s'", in_name);
            report(0);
            return 1;
        }
        if (r == 0)
            break;
        n = (size_t)r;
        if (n == ibs)
            in_full++;
        else
            in_part++;
        if (conv_sync && n < ibs) {
            memset(ibuf + n, 0, ibs - n);
            n = ibs;
        }
        for (size_t i = 0; i < n && (conv_ucase || conv_lcase); i++)
            ibuf[i] = (char)(conv_ucase ? toupper((unsigned char)ibuf[i])
                                        : tolower((unsigned char)ibuf[i]));
        if (bs_given) {
            write_block(out, ibuf, n, out_name);
            continue;
        }
        for (size_t i = 0; i < n; ) {
            size_t take = obs - ofill < n - i ? obs - ofill : n - i;
            memcpy(obuf + ofill, ibuf + i, take);
            ofill += take;
            i += take;
            if (ofill == obs) {
                write_block(out, obuf, obs, out_name);
                ofill = 0;
            }
        }
    }
    if (ofill)
        write_block(out, obuf, ofill, out_name);
    if (out != STDOUT_FILENO && close(out) < 0)
        err(1, "error closing '%s'", out_name);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    report((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    return 0;
}
