/*
 * df.c - report file system disk space usage.
 *
 *   df [-a] [-h | -k] [-i] [-T] [FILE...]
 *
 * One line per mounted file system (from /proc/mounts, sizes from statvfs)
 * or per file system holding each FILE: "Filesystem 1K-blocks Used
 * Available Use% Mounted on". -h prints sizes with a unit (human_size),
 * -i inode counts instead of blocks, -T the type too. File systems without
 * blocks (devfs, proc) are listed only with -a or when named. Columns are
 * as wide as their widest entry; Use% is rounded up, "-" when there is
 * nothing to use. Exit status 1 if a FILE or file system could not be read.
 */
#include <err.h>
#include <getopt.h>
#include <libutil.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#define ROWS_MAX 64
#define COLS 7
#define CELL_MAX 64

enum { C_FS, C_TYPE, C_SIZE, C_USED, C_AVAIL, C_PCT, C_DIR };

static int human, inodes, show_type, all;
static char cells[ROWS_MAX + 1][COLS][CELL_MAX];
static int nrows = 1; /* row 0 is the header */

struct mount_point {
    char fsname[CELL_MAX], dir[CELL_MAX * 4], type[CELL_MAX];
    dev_t dev;
};

static struct mount_point mounts[ROWS_MAX];
static int nmounts;

static void read_mounts(void)
{
    FILE *f = setmntent(MOUNTED, "r");
    struct mntent *m;

    if (!f)
        err(1, "%s", MOUNTED);
    while ((m = getmntent(f)) != NULL && nmounts < ROWS_MAX) {
        struct mount_point *p = &mounts[nmounts];
        struct stat st;
        snprintf(p->fsname, sizeof p->fsname, "%s", m->mnt_fsname);
        snprintf(p->dir, sizeof p->dir, "%s", m->mnt_dir);
        snprintf(p->type, sizeof p->type, "%s", m->mnt_type);
        p->dev = stat(p->dir, &st) == 0 ? st.st_dev : (dev_t)-1;
        nmounts++;
    }
    endmntent(f);
}

static void size_cell(char *cell, unsigned long long count, unsigned long long unit)
{
    if (human && !inodes)
        human_size(count * unit, cell, CELL_MAX);
    else
        snprintf(cell, CELL_MAX, "%llu", inodes ? count : (count * unit + 1023) / 1024);
}

/* Add the row of mount point p; -1 (with a message) when it cannot be read. */
static int add_row(const struct mount_point *p, int named)
{
    struct statvfs sv;
    unsigned long long total, used, avail;
    char (*row)[CELL_MAX];

    if (statvfs(p->dir, &sv) < 0) {
        warn("%s", p->dir);
        return -1;
    }
    total = inodes ? sv.f_files : sv.f_blocks;
    used = inodes ? sv.f_files - sv.f_ffree : sv.f_blocks - sv.f_bfree;
    avail = inodes ? sv.f_favail : sv.f_bavail;
    if (total == 0 && !all && !named)
        return 0; /* a pseudo file system */
    if (nrows > ROWS_MAX)
        return 0;
    row = cells[nrows++];
    snprintf(row[C_FS], CELL_MAX, "%s", p->fsname);
    snprintf(row[C_TYPE], CELL_MAX, "%s", p->type);
    size_cell(row[C_SIZE], total, sv.f_frsize);
    size_cell(row[C_USED], used, sv.f_frsize);
    size_cell(row[C_AVAIL], avail, sv.f_frsize);
    if (used + avail == 0)
        snprintf(row[C_PCT], CELL_MAX, "-");
    else
        snprintf(row[C_PCT], CELL_MAX, "%llu%%", (used * 100 + used + avail - 1) / (used + avail));
    snprintf(row[C_DIR], CELL_MAX, "%s", p->dir);
    return 0;
}

/* The mount point holding file: the last mount (the top of a stack) on its device. */
static const struct mount_point *mount_of(const char *file)
{
    struct stat st;

    if (stat(file, &st) < 0) {
        warn("%s", file);
        return NULL;
    }
    for (int i = nmounts - 1; i >= 0; i--)
        if (mounts[i].dev == st.st_dev)
            return &mounts[i];
    warnx("%s: cannot find its file system", file);
    return NULL;
}

static void print_table(void)
{
    int width[COLS] = {0};

    for (int r = 0; r < nrows; r++)
        for (int c = 0; c < COLS; c++) {
            int len = (int)strlen(cells[r][c]);
            if (len > width[c])
                width[c] = len;
        }
    for (int r = 0; r < nrows; r++) {
        for (int c = 0; c < COLS; c++) {
            if (c == C_TYPE && !show_type)
                continue;
            if (c == C_FS || c == C_TYPE)
                printf("%-*s ", width[c], cells[r][c]);
            else if (c == C_DIR)
                printf("%s\n", cells[r][c]);
            else
                printf("%*s ", width[c], cells[r][c]);
        }
    }
}

int main(int argc, char **argv)
{
    int c, status = 0;

    while ((c = getopt(argc, argv, "ahikPT")) != -1) {
        switch (c) {
        case 'a': all = 1; break;
        case 'h': human = 1; break;
        case 'k': human = 0; break;
        case 'i': inodes = 1; break;
        case 'P': break; /* the default layout is POSIX's already */
        case 'T': show_type = 1; break;
        default:
            fprintf(stderr, "usage: df [-a] [-h | -k] [-i] [-T] [FILE...]\n");
            return 1;
        }
    }
    snprintf(cells[0][C_FS], CELL_MAX, "Filesystem");
    snprintf(cells[0][C_TYPE], CELL_MAX, "Type");
    snprintf(cells[0][C_SIZE], CELL_MAX, inodes ? "Inodes" : human ? "Size" : "1K-blocks");
    snprintf(cells[0][C_USED], CELL_MAX, inodes ? "IUsed" : "Used");
    snprintf(cells[0][C_AVAIL], CELL_MAX, inodes ? "IFree" : human ? "Avail" : "Available");
    snprintf(cells[0][C_PCT], CELL_MAX, inodes ? "IUse%%" : "Use%%");
    snprintf(cells[0][C_DIR], CELL_MAX, "Mounted on");
    read_mounts();
    if (optind == argc) {
        for (int i = 0; i < nmounts; i++)
            if (add_row(&mounts[i], 0) < 0)
                status = 1;
    }
    for (int i = optind; i < argc; i++) {
        const struct mount_point *p = mount_of(argv[i]);
        if (!p || add_row(p, 1) < 0)
            status = 1;
    }
    if (nrows > 1)
        print_table();
    return status;
}
