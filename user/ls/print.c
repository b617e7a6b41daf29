/*
 * print.c - the layouts of ls: one name per line (-1), columns (-C, -x),
 * and the long format (-l), all with GNU's spacing.
 *
 * Columns: filled top to bottom (-C) or across (-x); the most columns whose
 * lines stay narrower than the width, each column as wide as its longest
 * name plus two spaces; the padding uses tabs where a tab stop (every 8)
 * reaches, as GNU ls does by default. Long
 * format: mode, links, owner, group, size (or "major, minor"), the
 * modification time ("%b %e %H:%M" within six months, "%b %e  %Y"
 * otherwise), the name and "-> target", each field aligned over the group.
 */
#include <grp.h>
#include <libutil.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ls.h"

/* What "recent" means for -l: half of a mean Gregorian year (365.2425 days), in seconds. */
#define SIX_MONTHS (31556952 / 2)

/* GNU's default colours (dircolors): bold blue, cyan and green. */
#define COLOR_DIR "01;34"
#define COLOR_LINK "01;36"
#define COLOR_EXEC "01;32"
#define COLOR_FIFO "40;33"
#define COLOR_SOCK "01;35"
#define COLOR_DEV "40;33;01"

static int
is_exec(mode_t m)
{
    return S_ISREG(m) && (m & (S_IXUSR | S_IXGRP | S_IXOTH));
}

static const char *
color_of(mode_t m)
{
    if (S_ISDIR(m))
        return COLOR_DIR;
    if (S_ISLNK(m))
        return COLOR_LINK;
    if (S_ISFIFO(m))
        return COLOR_FIFO;
    if (S_ISSOCK(m))
        return COLOR_SOCK;
    if (S_ISCHR(m) || S_ISBLK(m))
        return COLOR_DEV;
    return is_exec(m) ? COLOR_EXEC : NULL;
}

/* The -F or -p character for a file of mode m, or 0. */
static char
mode_indicator(mode_t m)
{
    if (ls_opt.indicator == IND_NONE)
        return 0;
    if (S_ISDIR(m))
        return '/';
    if (ls_opt.indicator == IND_SLASH)
        return 0;
    /* In the long format a link shows its target instead. */
    if (S_ISLNK(m))
        return ls_opt.format == FORMAT_LONG ? 0 : '@';
    if (S_ISFIFO(m))
        return '|';
    if (S_ISSOCK(m))
        return '=';
    return is_exec(m) ? '*' : 0;
}

static char
indicator(const struct ls_entry *e)
{
    return mode_indicator(e->st.st_mode);
}

static int
digits(unsigned long long v)
{
    int n = 1;

    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

/* Print the name (coloured) and its indicator; return the columns used. */
static int
print_name(const struct ls_entry *e)
{
    const char *color = ls_opt.color ? color_of(e->st.st_mode) : NULL;
    char ind = indicator(e);
    int n = (int)strlen(e->name);

    if (color)
        printf("\033[%sm%s\033[0m", color, e->name);
    else
        fputs(e->name, stdout);
    if (ind) {
        putchar(ind);
        n++;
    }
    return n;
}

static int
name_width(const struct ls_entry *e, int inode_width)
{
    return (int)strlen(e->name) + (indicator(e) ? 1 : 0) + (inode_width ? inode_width + 1 : 0);
}

/* Move from column `from` to `to` with tabs where a tab stop lies between, then spaces. */
static void
pad(int from, int to)
{
    while (from < to) {
        int next_tab = (from / 8 + 1) * 8;
        if (next_tab <= to && to / 8 > (from + 1) / 8) {
            putchar('\t');
            from = next_tab;
        } else {
            putchar(' ');
            from++;
        }
    }
}

/* The column of entry i with cols columns of rows rows: down the columns, or across (-x). */
static int
column_of(int i, int rows, int cols)
{
    return ls_opt.format == FORMAT_ACROSS ? i % cols : i / rows;
}

static void
print_columns(struct ls_entry *e, int n, int iw)
{
    int cols, rows, *widths;
    int max_cols = ls_opt.width / 3 > 0 ? ls_opt.width / 3 : 1;

    if (max_cols > n)
        max_cols = n;
    widths = calloc((size_t)max_cols + 1, sizeof *widths);
    if (!widths)
        return;
    /* The most columns that fit: every column but the last adds two spaces. */
    for (cols = max_cols; cols > 1; cols--) {
        int line = 0;
        rows = (n + cols - 1) / cols;
        memset(widths, 0, (size_t)cols * sizeof *widths);
        for (int i = 0; i < n; i++) {
            int c = column_of(i, rows, cols);
            int w = name_width(&e[i], iw) + (c == cols - 1 ? 0 : 2);
            if (w > widths[c])
                widths[c] = w;
        }
        for (int c = 0; c < cols; c++)
            line += widths[c];
        if (line < ls_opt.width)
            break;
    }
    rows = (n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
        int pos = 0;
        for (int c = 0; c < cols; c++) {
            int i = ls_opt.format == FORMAT_ACROSS ? r * cols + c : c * rows + r, used = 0;
            int last = ls_opt.format == FORMAT_ACROSS ? c == cols - 1 || i + 1 >= n
                                                      : i + rows >= n;
            if (i >= n)
                break;
            if (iw)
                used += printf("%*lu ", iw, (unsigned long)e[i].st.st_ino);
            used += print_name(&e[i]);
            if (!last) {
                pad(pos + used, pos + widths[c]);
                pos += widths[c];
            }
        }
        putchar('\n');
    }
    free(widths);
}

static void
owner_name(uid_t uid, char *buf, size_t len)
{
    struct passwd *pw = ls_opt.numeric ? NULL : getpwuid(uid);

    if (pw)
        snprintf(buf, len, "%s", pw->pw_name);
    else
        snprintf(buf, len, "%u", (unsigned)uid);
}

static void
group_name(gid_t gid, char *buf, size_t len)
{
    struct group *gr = ls_opt.numeric ? NULL : getgrgid(gid);

    if (gr)
        snprintf(buf, len, "%s", gr->gr_name);
    else
        snprintf(buf, len, "%u", (unsigned)gid);
}

/* The size column: bytes (human with -h) or a device's "major, minor". */
static void
size_field(const struct stat *st, char *buf, size_t len)
{
    if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
        snprintf(buf, len, "%u, %u", (unsigned)major(st->st_rdev), (unsigned)minor(st->st_rdev));
    else if (ls_opt.human)
        human_size((unsigned long long)st->st_size, buf, len);
    else
        snprintf(buf, len, "%llu", (unsigned long long)st->st_size);
}

static void
date_field(time_t t, time_t now, char *buf, size_t len)
{
    struct tm tm;
    int recent = t <= now && t > now - SIX_MONTHS;

    if (!localtime_r(&t, &tm)) {
        snprintf(buf, len, "%lld", (long long)t);
        return;
    }
    strftime(buf, len, recent ? "%b %e %H:%M" : "%b %e  %Y", &tm);
}

/* The widths of the aligned columns over a group of entries. */
struct widths {
    int inode, links, owner, group, size;
};

static void
widen(int *width, int len)
{
    if (len > *width)
        *width = len;
}

/* Widen w to fit the entries; blocks gets their 512-byte blocks added. */
static void
measure(struct ls_entry *e, int n, struct widths *w, unsigned long long *blocks)
{
    char buf[64];

    for (int i = 0; i < n; i++) {
        if (ls_opt.inode)
            widen(&w->inode, digits(e[i].st.st_ino));
        if (ls_opt.format != FORMAT_LONG)
            continue;
        *blocks += (unsigned long long)e[i].st.st_blocks;
        widen(&w->links, digits(e[i].st.st_nlink));
        owner_name(e[i].st.st_uid, buf, sizeof buf);
        widen(&w->owner, (int)strlen(buf));
        group_name(e[i].st.st_gid, buf, sizeof buf);
        widen(&w->group, (int)strlen(buf));
        size_field(&e[i].st, buf, sizeof buf);
        widen(&w->size, (int)strlen(buf));
    }
}

static void
print_long(struct ls_entry *e, int n, int in_dir, const struct widths *wp,
           unsigned long long blocks)
{
    struct widths w = *wp;
    char buf[64], mode[12], date[64];
    time_t now = time(NULL);

    if (in_dir) {
        /* st_blocks counts 512-byte units; the total is in 1 KiB blocks, rounded up. */
        if (ls_opt.human)
            printf("total %s\n", human_size(blocks * 512, buf, sizeof buf));
        else
            printf("total %llu\n", (blocks + 1) / 2);
    }
    for (int i = 0; i < n; i++) {
        const struct stat *st = &e[i].st;
        if (w.inode)
            printf("%*lu ", w.inode, (unsigned long)st->st_ino);
        strmode(st->st_mode, mode);
        mode[10] = '\0';
        printf("%s %*lu ", mode, w.links, (unsigned long)st->st_nlink);
        owner_name(st->st_uid, buf, sizeof buf);
        printf("%-*s ", w.owner, buf);
        group_name(st->st_gid, buf, sizeof buf);
        printf("%-*s ", w.group, buf);
        size_field(st, buf, sizeof buf);
        date_field(st->st_mtim.tv_sec, now, date, sizeof date);
        printf("%*s %s ", w.size, buf, date);
        print_name(&e[i]);
        if (e[i].link) {
            struct stat target;
            printf(" -> %s", e[i].link);
            /* -F marks what the link leads to, as GNU does. */
            if (ls_opt.indicator == IND_CLASSIFY && stat(e[i].path, &target) == 0 &&
                mode_indicator(target.st_mode))
                putchar(mode_indicator(target.st_mode));
        }
        putchar('\n');
    }
}

void
ls_print(struct ls_entry *e, int n, int in_dir, struct ls_entry *also, int nalso)
{
    struct widths w = {0};
    unsigned long long blocks = 0, ignored = 0;

    measure(e, n, &w, &blocks);
    measure(also, nalso, &w, &ignored);
    if (ls_opt.format == FORMAT_LONG) {
        print_long(e, n, in_dir, &w, blocks);
    } else if ((ls_opt.format == FORMAT_COLUMNS || ls_opt.format == FORMAT_ACROSS) && n > 0) {
        print_columns(e, n, w.inode);
    } else {
        for (int i = 0; i < n; i++) {
            if (ls_opt.inode)
                printf("%*lu ", w.inode, (unsigned long)e[i].st.st_ino);
            print_name(&e[i]);
            putchar('\n');
        }
    }
}
