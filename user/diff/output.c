/*
 * output.c - print the hunks found by analyze.c.
 *
 * Normal format: for each hunk a command line "L1[,L2]{a,c,d}R1[,R2]", the
 * deleted lines prefixed "< ", "---" between, the inserted lines prefixed
 * "> ". Unified format (-u, -U N): hunks closer than 2N+1 unchanged lines
 * are printed together under one "@@ -start,count +start,count @@" header,
 * with N lines of context around them. A line range with no lines is shown
 * by the number of the line before it. A last line without a newline is
 * followed by "\ No newline at end of file".
 */
#include <stdio.h>
#include <time.h>

#include "diff.h"

static void
print_line(const char *prefix, const struct diff_file *f, int i)
{
    fputs(prefix, stdout);
    fwrite(f->lines[i].text, 1, f->lines[i].len, stdout);
    putchar('\n');
    if (i == f->nlines - 1 && f->missing_newline)
        puts("\\ No newline at end of file");
}

/* Lines a..b (0-based, b = a - 1 for none) as "A,B", or one number. */
static void
print_range(int a, int b)
{
    if (b + 1 > a + 1)
        printf("%d,%d", a + 1, b + 1);
    else
        printf("%d", b + 1);
}

void
diff_print_normal(struct diff_file *f0, struct diff_file *f1, struct diff_change *c, int n)
{
    for (int k = 0; k < n; k++) {
        struct diff_change *h = &c[k];
        char op = h->deleted && h->inserted ? 'c' : h->deleted ? 'd' : 'a';
        print_range(h->line0, h->line0 + h->deleted - 1);
        putchar(op);
        print_range(h->line1, h->line1 + h->inserted - 1);
        putchar('\n');
        for (int i = 0; i < h->deleted; i++)
            print_line("< ", f0, h->line0 + i);
        if (h->deleted && h->inserted)
            puts("---");
        for (int i = 0; i < h->inserted; i++)
            print_line("> ", f1, h->line1 + i);
    }
}

/* "start,count" of a unified hunk header (a, b 0-based first and last lines). */
static void
print_unified_range(int a, int b)
{
    if (b < a)
        printf("%d,0", b + 1);
    else if (b == a)
        printf("%d", b + 1);
    else
        printf("%d,%d", a + 1, b - a + 1);
}

static void
print_header(const char *mark, const struct diff_file *f)
{
    struct tm tm;
    char when[64];
    time_t t = f->st.st_mtime;

    gmtime_r(&t, &tm);
    strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    printf("%s %s\t%s.%09ld +0000\n", mark, f->name, when, (long)f->st.st_mtim.tv_nsec);
}

void
diff_print_unified(struct diff_file *f0, struct diff_file *f1, struct diff_change *c, int n)
{
    int ctx = diff_opt.context;

    print_header("---", f0);
    print_header("+++", f1);
    for (int k = 0; k < n;) {
        /* The hunks that share this block of context: gaps up to 2 * ctx lines. */
        int last = k;
        while (last + 1 < n &&
               c[last + 1].line0 - (c[last].line0 + c[last].deleted) <= 2 * ctx)
            last++;
        int first0 = c[k].line0 - ctx < 0 ? 0 : c[k].line0 - ctx;
        int first1 = c[k].line1 - (c[k].line0 - first0);
        int end0 = c[last].line0 + c[last].deleted + ctx;
        if (end0 > f0->nlines)
            end0 = f0->nlines;
        int end1 = c[last].line1 + c[last].inserted + (end0 - (c[last].line0 + c[last].deleted));

        printf("@@ -");
        print_unified_range(first0, end0 - 1);
        printf(" +");
        print_unified_range(first1, end1 - 1);
        printf(" @@\n");

        int i0 = first0;
        for (int h = k; h <= last; h++) {
            for (; i0 < c[h].line0; i0++)
                print_line(" ", f0, i0);
            for (int i = 0; i < c[h].deleted; i++)
                print_line("-", f0, c[h].line0 + i);
            for (int i = 0; i < c[h].inserted; i++)
                print_line("+", f1, c[h].line1 + i);
            i0 = c[h].line0 + c[h].deleted;
        }
        for (; i0 < end0; i0++)
            print_line(" ", f0, i0);
        k = last + 1;
    }
}
