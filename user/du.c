/*
 * du.c - estimate file space usage (POSIX du: -a, -s, -k; GNU's -h, -c,
 * -d N / --max-depth=N, --apparent-size, -b).
 *
 * Each directory's total is its own space plus everything below it; a file
 * with several links is counted once (by device and inode). The space is
 * st_blocks (512-byte units), or the byte size with --apparent-size. Lines
 * show 1 KiB units rounded up, bytes with -b, or GNU's -h form.
 */
#include <err.h>
#include <getopt.h>
#include <libutil.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int all, summarize, human, apparent, bytes, max_depth = -1, status;

/* The (device, inode) pairs of files with several links already counted. */
static struct seen {
    dev_t dev;
    ino_t ino;
} *seen;
static size_t nseen, capseen;

static int
already_counted(const struct stat *st)
{
    if (S_ISDIR(st->st_mode) || st->st_nlink < 2)
        return 0;
    for (size_t i = 0; i < nseen; i++)
        if (seen[i].dev == st->st_dev && seen[i].ino == st->st_ino)
            return 1;
    if (nseen == capseen) {
        capseen = capseen ? capseen * 2 : 64;
        seen = realloc(seen, capseen * sizeof *seen);
        if (!seen)
            err(1, "out of memory");
    }
    seen[nseen].dev = st->st_dev;
    seen[nseen++].ino = st->st_ino;
    return 0;
}

static void
show(unsigned long long size, const char *path)
{
    char buf[32];

    if (human)
        printf("%s\t%s\n", human_size(size, buf, sizeof buf), path);
    else if (bytes)
        printf("%llu\t%s\n", size, path);
    else
        printf("%llu\t%s\n", (size + 1023) / 1024, path);
}

/* What the entries of a directory add up to (walk_child). */
struct below {
    int depth;
    unsigned long long total;
};

static unsigned long long walk(const char *path, int depth);

static int
walk_child(const char *child, void *arg)
{
    struct below *below = arg;

    below->total += walk(child, below->depth);
    return 0;
}

/* The space used by path and everything below it, in bytes; lines as asked. */
static unsigned long long
walk(const char *path, int depth)
{
    struct stat st;
    unsigned long long total;

    if (lstat(path, &st) < 0) {
        warn("cannot access '%s'", path);
        status = 1;
        return 0;
    }
    if (already_counted(&st))
        return 0;
    total = apparent ? (unsigned long long)st.st_size : (unsigned long long)st.st_blocks * 512;
    if (S_ISDIR(st.st_mode)) {
        struct below below = { depth + 1, 0 };
        if (dir_each(path, walk_child, &below) < 0) {
            warn("cannot read directory '%s'", path);
            status = 1;
        }
        total += below.total;
    }
    /* Directories are shown within the depth; files only with -a (or as operands). */
    if ((S_ISDIR(st.st_mode) || all || depth == 0) && (max_depth < 0 || depth <= max_depth))
        show(total, path);
    return total;
}

int
main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"max-depth", required_argument, NULL, 'd'},
        {"apparent-size", no_argument, NULL, 'A'},
        {"summarize", no_argument, NULL, 's'},
        {"human-readable", no_argument, NULL, 'h'},
        {"bytes", no_argument, NULL, 'b'},
        {"total", no_argument, NULL, 'c'},
        {"all", no_argument, NULL, 'a'},
        {NULL, 0, NULL, 0},
    };
    unsigned long long grand = 0;
    int total = 0, c;
    char *dot[] = {".", NULL}, **paths;

    while ((c = getopt_long(argc, argv, "ashkcbd:", longopts, NULL)) != -1) {
        switch (c) {
        case 'a': all = 1; break;
        case 's': summarize = 1; break;
        case 'h': human = 1; bytes = 0; break;
        case 'k': human = 0; bytes = 0; break;
        case 'b': bytes = 1; apparent = 1; human = 0; break;
        case 'A': apparent = 1; break;
        case 'c': total = 1; break;
        case 'd': {
            char *end;
            max_depth = (int)strtol(optarg, &end, 10);
            if (!*optarg || *end || max_depth < 0)
                errx(1, "invalid maximum depth '%s'", optarg);
            break;
        }
        default:
            fprintf(stderr, "usage: du [-abchks] [-d N] [--apparent-size] [FILE]...\n");
            return 1;
        }
    }
    if (summarize) {
        if (all)
            errx(1, "cannot both summarize and show all entries");
        max_depth = 0;
    }
    paths = optind < argc ? argv + optind : dot;
    for (; *paths; paths++)
        grand += walk(*paths, 0);
    if (total)
        show(grand, "total");
    return status;
}
