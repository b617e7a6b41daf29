/*
 * test_man.c - the manual and the pager: /bin/man run with its output on a
 * pipe (no terminal, so no pager and no bold), man -k and man -f, the
 * failure for a missing page, a consistency check of every page of /man
 * against the format of docs/man.md, and more/less copying their input
 * unchanged when stdout is not a terminal.
 *
 * What man should print is taken from the page files themselves (their
 * NAME line, their whole text), not from man's own output.
 */
#define UTEST_SUITE "man"
#include "utest.h"

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <strings.h>

#define MAN_ROOT "/man"
#define MIN_PAGES 27
#define MAX_LINE 80
#define MAX_PAGES 512

/* What a program printed and how it ended. */
struct run {
    char *out; /* stdout, NUL-terminated */
    size_t out_len;
    char err[2048]; /* the start of stderr, NUL-terminated */
    int status;     /* the wait status, or -1 */
};

/* Read fd to its end into a growing buffer; returns it NUL-terminated (or NULL). */
static char *read_all(int fd, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ssize_t got;

    while (buf) {
        if (n + 1 == cap) {
            char *bigger = realloc(buf, cap * 2);

            if (!bigger) {
                free(buf);
                return NULL;
            }
            buf = bigger;
            cap *= 2;
        }
        got = read(fd, buf + n, cap - 1 - n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        n += (size_t)got;
    }
    if (buf)
        buf[n] = '\0';
    *len = n;
    return buf;
}

/*
 * Run argv (a full path) with stdin from in_path (or /dev/null) and stdout
 * and stderr on pipes, in a fixed environment; 0, or -1 if it could not be
 * started. The caller frees r->out.
 */
static int run(const char *const argv[], const char *in_path, struct run *r)
{
    static char *const env[] = {"PATH=/bin", "HOME=/", NULL};
    int out[2], err[2];
    size_t err_len;
    char *err_text;
    pid_t pid;

    memset(r, 0, sizeof *r);
    if (pipe(out) < 0)
        return -1;
    if (pipe(err) < 0) {
        close(out[0]);
        close(out[1]);
        return -1;
    }
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int in = open(in_path ? in_path : "/dev/null", O_RDONLY);

        if (in < 0 || dup2(in, 0) < 0 || dup2(out[1], 1) < 0 || dup2(err[1], 2) < 0)
            _exit(126);
        close(out[0]);
        close(err[0]);
        execve(argv[0], (char *const *)argv, env);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    r->out = read_all(out[0], &r->out_len);
    err_text = read_all(err[0], &err_len);
    close(out[0]);
    close(err[0]);
    snprintf(r->err, sizeof r->err, "%s", err_text ? err_text : "");
    free(err_text);
    r->status = utest_wait(pid);
    return r->out ? 0 : -1;
}

static int exited_with(const struct run *r, int code)
{
    return r->status != -1 && WIFEXITED(r->status) && WEXITSTATUS(r->status) == code;
}

/* The contents of a file, NUL-terminated, or NULL. */
static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY);
    char *text;

    if (fd < 0)
        return NULL;
    text = read_all(fd, len);
    close(fd);
    return text;
}

/* Line n (0-based) of text, without its newline, into buf. */
static void nth_line(const char *text, int n, char *buf, size_t size)
{
    while (n-- > 0 && text && (text = strchr(text, '\n')) != NULL)
        text++;
    if (!text) {
        buf[0] = '\0';
        return;
    }
    snprintf(buf, size, "%.*s", (int)strcspn(text, "\n"), text);
}

/* Whether text has a line that starts with prefix. */
static int has_line_starting(const char *text, const char *prefix)
{
    size_t n = strlen(prefix);

    for (const char *line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
        if (strncmp(line, prefix, n) == 0)
            return 1;
    return 0;
}

/* Whether word occurs in text, ignoring case. */
static int contains_ignoring_case(const char *text, const char *word)
{
    for (size_t n = strlen(word); *text; text++)
        if (strncasecmp(text, word, n) == 0)
            return 1;
    return 0;
}

UTEST(man_ls_writes_the_page_unchanged_with_its_name_line)
{
    const char *argv[] = {"/bin/man", "ls", NULL};
    char name_line[128];
    size_t page_len;
    char *page = read_file(MAN_ROOT "/man1/ls.1", &page_len);
    struct run r;

    UT_ASSERT(page != NULL);
    nth_line(page, 1, name_line, sizeof name_line);
    UT_ASSERT(run(argv, NULL, &r) == 0);
    UT_ASSERT_MSG(exited_with(&r, 0), "man ls: %s, stderr \"%s\"", utest_status_text(r.status),
                  r.err);
    UT_ASSERT_MSG(strstr(r.out, "    ls - ") && strstr(r.out, name_line),
                  "man ls lacks the NAME line \"%s\"", name_line);
    /* not a terminal: the page as stored, no escape sequences */
    UT_ASSERT_MSG(strstr(r.out, page) != NULL, "the output does not contain ls.1 verbatim");
    UT_ASSERT(strchr(r.out, '\033') == NULL);
    UT_ASSERT_STR(r.err, "");
    free(page);
    free(r.out);
}

UTEST(man_k_directory_lists_mkdir_rmdir_and_ls_sorted)
{
    const char *argv[] = {"/bin/man", "-k", "directory", NULL};
    char previous[256] = "", line[256];
    struct run r;
    int lines = 0;

    UT_ASSERT(run(argv, NULL, &r) == 0);
    UT_ASSERT_MSG(exited_with(&r, 0), "man -k: %s", utest_status_text(r.status));
    UT_ASSERT(has_line_starting(r.out, "mkdir (1) - "));
    UT_ASSERT(has_line_starting(r.out, "rmdir (1) - "));
    UT_ASSERT(has_line_starting(r.out, "ls (1) - "));
    UT_ASSERT(!has_line_starting(r.out, "cat (1) - "));
    for (int i = 0;; i++) {
        nth_line(r.out, i, line, sizeof line);
        if (!line[0])
            break;
        lines++;
        UT_ASSERT_MSG(strstr(line, " - ") && contains_ignoring_case(line, "directory"),
                      "line \"%s\" does not match", line);
        UT_ASSERT_MSG(strcmp(previous, line) <= 0, "\"%s\" after \"%s\"", line, previous);
        snprintf(previous, sizeof previous, "%s", line);
    }
    UT_ASSERT(lines >= 3);
    free(r.out);
}

UTEST(man_k_ignores_case_and_fails_when_nothing_matches)
{
    const char *upper[] = {"/bin/man", "-k", "DIRECTORY", NULL};
    const char *none[] = {"/bin/man", "-k", "xyzzy-no-such-word", NULL};
    struct run r;

    UT_ASSERT(run(upper, NULL, &r) == 0);
    UT_ASSERT(exited_with(&r, 0));
    UT_ASSERT(has_line_starting(r.out, "mkdir (1) - "));
    free(r.out);
    UT_ASSERT(run(none, NULL, &r) == 0);
    UT_ASSERT_MSG(r.status != -1 && WIFEXITED(r.status) && WEXITSTATUS(r.status) != 0,
                  "man -k of nothing: %s", utest_status_text(r.status));
    UT_ASSERT_EQ(r.out_len, 0);
    UT_ASSERT(strstr(r.err, "xyzzy-no-such-word") != NULL);
    free(r.out);
}

UTEST(man_of_a_missing_page_fails_with_the_message)
{
    const char *argv[] = {"/bin/man", "nosuchthing", NULL};
    struct run r;

    UT_ASSERT(run(argv, NULL, &r) == 0);
    UT_ASSERT_MSG(r.status != -1 && WIFEXITED(r.status) && WEXITSTATUS(r.status) != 0,
                  "man nosuchthing: %s", utest_status_text(r.status));
    UT_ASSERT_EQ(r.out_len, 0);
    UT_ASSERT_MSG(strstr(r.err, "No manual entry for nosuchthing") != NULL, "stderr \"%s\"",
                  r.err);
    free(r.out);
}

/* man [SECTION] NAME must show the page whose file is want (its NAME line). */
UTEST_HELPER int shows_page(const char *section, const char *name, const char *want)
{
    const char *with[] = {"/bin/man", section, name, NULL};
    const char *without[] = {"/bin/man", name, NULL};
    char name_line[160];
    size_t len;
    char *page = read_file(want, &len);
    struct run r;
    int ok;

    if (!page)
        return 0;
    nth_line(page, 1, name_line, sizeof name_line);
    free(page);
    if (run(section ? with : without, NULL, &r) < 0)
        return 0;
    ok = exited_with(&r, 0) && strstr(r.out, name_line) != NULL;
    free(r.out);
    return ok;
}

UTEST(a_section_chooses_between_pages_of_one_name)
{
    UT_ASSERT(shows_page(NULL, "kill", MAN_ROOT "/man1/kill.1"));
    UT_ASSERT(shows_page("2", "kill", MAN_ROOT "/man2/kill.2"));
    UT_ASSERT(!shows_page("2", "kill", MAN_ROOT "/man1/kill.1"));
}

UTEST(a_page_is_found_by_every_name_of_its_name_line)
{
    UT_ASSERT(shows_page(NULL, "halt", MAN_ROOT "/man8/poweroff.8"));
    UT_ASSERT(shows_page(NULL, "reboot", MAN_ROOT "/man8/poweroff.8"));
    UT_ASSERT(shows_page("2", "reboot", MAN_ROOT "/man2/reboot.2"));
    UT_ASSERT(shows_page(NULL, "[", MAN_ROOT "/man1/test.1"));
    UT_ASSERT(shows_page(NULL, "less", MAN_ROOT "/man1/more.1"));
}

UTEST(man_f_prints_the_name_line_of_each_page_of_that_name)
{
    const char *argv[] = {"/bin/man", "-f", "reboot", NULL};
    struct run r;

    UT_ASSERT(run(argv, NULL, &r) == 0);
    UT_ASSERT(exited_with(&r, 0));
    UT_ASSERT(has_line_starting(r.out, "reboot (2) - "));
    UT_ASSERT(has_line_starting(r.out, "reboot (8) - "));
    UT_ASSERT(!has_line_starting(r.out, "poweroff"));
    free(r.out);
}

/* ---- the consistency check of every page ---- */

struct page {
    char path[600];
    char section[8];
    char base[64];
    char *text;
};

static struct page pages[MAX_PAGES];
static int page_count;

/* Load every /man/man<S>/<name>.<S> once; the number of pages, or -1 on an error. */
static int load_pages(void)
{
    DIR *root;
    struct dirent *e;

    if (page_count)
        return page_count;
    root = opendir(MAN_ROOT);
    if (!root)
        return -1;
    while ((e = readdir(root)) != NULL) {
        char dir_path[320];
        DIR *dir;
        struct dirent *f;

        if (strncmp(e->d_name, "man", 3) != 0 || !e->d_name[3])
            continue;
        snprintf(dir_path, sizeof dir_path, MAN_ROOT "/%s", e->d_name);
        dir = opendir(dir_path);
        if (!dir)
            continue;
        while ((f = readdir(dir)) != NULL && page_count < MAX_PAGES) {
            struct page *p = &pages[page_count];
            char *dot = strrchr(f->d_name, '.');
            size_t len;

            if (f->d_name[0] == '.' || !dot)
                continue;
            snprintf(p->path, sizeof p->path, "%s/%s", dir_path, f->d_name);
            snprintf(p->section, sizeof p->section, "%s", e->d_name + 3);
            snprintf(p->base, sizeof p->base, "%.*s", (int)(dot - f->d_name), f->d_name);
            p->text = read_file(p->path, &len);
            if (!p->text || strcmp(dot + 1, p->section) != 0) {
                closedir(dir);
                closedir(root);
                return -1;
            }
            page_count++;
        }
        closedir(dir);
    }
    closedir(root);
    return page_count;
}

/* Whether name appears in the comma-separated names of a page of section. */
static int page_exists(const char *name, const char *section)
{
    for (int i = 0; i < page_count; i++) {
        char line[160], *names = line + 4, *dash;
        char *next, *one;

        if (strcmp(pages[i].section, section) != 0)
            continue;
        nth_line(pages[i].text, 1, line, sizeof line);
        dash = strstr(line, " - ");
        if (strlen(line) < 4 || !dash)
            continue;
        *dash = '\0';
        next = names;
        while ((one = strsep(&next, ",")) != NULL) {
            while (*one == ' ')
                one++;
            if (strcmp(one, name) == 0)
                return 1;
        }
    }
    return 0;
}

UTEST(there_are_at_least_27_pages)
{
    UT_ASSERT_MSG(load_pages() >= MIN_PAGES, "%d pages in " MAN_ROOT, load_pages());
}

UTEST(every_page_has_a_name_line_and_a_description)
{
    UT_ASSERT(load_pages() > 0);
    for (int i = 0; i < page_count; i++) {
        const struct page *p = &pages[i];
        char line[160], names[160];
        const char *dash;

        nth_line(p->text, 0, line, sizeof line);
        UT_ASSERT_MSG(strcmp(line, "NAME") == 0, "%s: first line \"%s\"", p->path, line);
        nth_line(p->text, 1, line, sizeof line);
        dash = strstr(line, " - ");
        UT_ASSERT_MSG(strncmp(line, "    ", 4) == 0 && line[4] != ' ' && dash &&
                          dash[3] && dash[3] != ' ',
                      "%s: NAME line \"%s\"", p->path, line);
        snprintf(names, sizeof names, "%.*s", (int)(dash - line), line);
        UT_ASSERT_MSG(page_exists(p->base, p->section), "%s: \"%s\" does not name %s",
                      p->path, names, p->base);
        UT_ASSERT_MSG(has_line_starting(p->text, "DESCRIPTION\n"), "%s: no DESCRIPTION",
                      p->path);
        if (strcmp(p->base, "intro") != 0 && strchr("128", p->section[0]))
            UT_ASSERT_MSG(has_line_starting(p->text, "SYNOPSIS\n"), "%s: no SYNOPSIS",
                          p->path);
    }
}

UTEST(every_page_keeps_the_layout_rules)
{
    UT_ASSERT(load_pages() > 0);
    for (int i = 0; i < page_count; i++) {
        const struct page *p = &pages[i];
        int number = 1;

        UT_ASSERT_MSG(p->text[0] && p->text[strlen(p->text) - 1] == '\n',
                      "%s: no final newline", p->path);
        for (const char *line = p->text; *line; number++) {
            size_t len = strcspn(line, "\n");

            UT_ASSERT_MSG(len <= MAX_LINE, "%s:%d: %zu characters", p->path, number, len);
            UT_ASSERT_MSG(memchr(line, '\t', len) == NULL, "%s:%d: a tab", p->path, number);
            UT_ASSERT_MSG(len == 0 || line[len - 1] != ' ', "%s:%d: trailing blank", p->path,
                          number);
            if (len > 0 && line[0] != ' ') { /* a heading: capitals */
                for (size_t k = 0; k < len; k++)
                    UT_ASSERT_MSG(!islower((unsigned char)line[k]),
                                  "%s:%d: heading not in capitals", p->path, number);
            }
            line += len + (line[len] == '\n');
        }
    }
}

/* The reference "name(S)" at s: its parts into name and section; the length, or 0. */
static size_t parse_reference(const char *s, char *name, size_t name_size, char *section,
                              size_t section_size)
{
    size_t name_len = strcspn(s, "( \n,"), section_len;

    if (name_len == 0 || name_len >= name_size || s[name_len] != '(')
        return 0;
    section_len = strcspn(s + name_len + 1, ") \n,");
    if (section_len == 0 || section_len >= section_size || s[name_len + 1 + section_len] != ')')
        return 0;
    snprintf(name, name_size, "%.*s", (int)name_len, s);
    snprintf(section, section_size, "%.*s", (int)section_len, s + name_len + 1);
    return name_len + section_len + 2;
}

UTEST(every_see_also_reference_names_a_page)
{
    int references = 0;

    UT_ASSERT(load_pages() > 0);
    for (int i = 0; i < page_count; i++) {
        const struct page *p = &pages[i];
        const char *s = strstr(p->text, "\nSEE ALSO\n");

        for (s = s ? s + 10 : ""; *s;) {
            char name[64], section[8];
            size_t used;

            if (*s == '\n' && s[1] && s[1] != ' ' && s[1] != '\n')
                break; /* the next heading */
            if (*s == ' ' || *s == ',' || *s == '\n') {
                s++;
                continue;
            }
            used = parse_reference(s, name, sizeof name, section, sizeof section);
            UT_ASSERT_MSG(used > 0, "%s: SEE ALSO entry \"%.20s\" is not name(S)", p->path, s);
            UT_ASSERT_MSG(page_exists(name, section), "%s: SEE ALSO %s(%s) has no page",
                          p->path, name, section);
            references++;
            s += used;
        }
    }
    UT_ASSERT(references > page_count); /* the check saw the references */
}

/* ---- the pager off a terminal ---- */

#define PAGER_INPUT "/tmp/test_man_pager_input"
#define PAGER_INPUT2 "/tmp/test_man_pager_input2"

/* Write a file with every byte value, a long line and no final newline. */
UTEST_HELPER int make_pager_input(const char *path, int variant)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[256];
    int ok = fd >= 0;

    for (int i = 0; i < 256; i++)
        buf[i] = (char)(i + variant);
    ok = ok && write(fd, "first line\n\n\033[1mbold\033[0m\r\n", 26) == 26;
    ok = ok && write(fd, buf, sizeof buf) == (ssize_t)sizeof buf;
    for (int i = 0; ok && i < 40; i++)
        ok = write(fd, "a long line without a break ", 28) == 28;
    ok = ok && write(fd, "\nlast line, no newline", 22) == 22;
    if (fd >= 0)
        close(fd);
    return ok;
}

UTEST(more_and_less_copy_a_file_unchanged_when_stdout_is_not_a_terminal)
{
    const char *more[] = {"/bin/more", PAGER_INPUT, NULL};
    const char *less[] = {"/bin/less", PAGER_INPUT, NULL};
    size_t want_len;
    char *want;
    struct run r;

    UT_ASSERT(make_pager_input(PAGER_INPUT, 0));
    want = read_file(PAGER_INPUT, &want_len);
    UT_ASSERT(want != NULL && want_len > 1000);
    UT_ASSERT(run(more, NULL, &r) == 0);
    UT_ASSERT_MSG(exited_with(&r, 0), "more: %s", utest_status_text(r.status));
    UT_ASSERT_EQ(r.out_len, want_len);
    UT_ASSERT(memcmp(r.out, want, want_len) == 0);
    free(r.out);
    UT_ASSERT(run(less, NULL, &r) == 0);
    UT_ASSERT(exited_with(&r, 0));
    UT_ASSERT_EQ(r.out_len, want_len);
    UT_ASSERT(memcmp(r.out, want, want_len) == 0);
    free(r.out);
    free(want);
    unlink(PAGER_INPUT);
}

UTEST(more_copies_stdin_and_several_files_in_order)
{
    const char *from_stdin[] = {"/bin/more", NULL};
    const char *two[] = {"/bin/more", PAGER_INPUT, "/nonexistent/file", PAGER_INPUT2, NULL};
    size_t len1, len2;
    char *one, *other;
    struct run r;

    UT_ASSERT(make_pager_input(PAGER_INPUT, 0) && make_pager_input(PAGER_INPUT2, 7));
    one = read_file(PAGER_INPUT, &len1);
    other = read_file(PAGER_INPUT2, &len2);
    UT_ASSERT(one && other);
    UT_ASSERT(run(from_stdin, PAGER_INPUT2, &r) == 0);
    UT_ASSERT(exited_with(&r, 0));
    UT_ASSERT_EQ(r.out_len, len2);
    UT_ASSERT(memcmp(r.out, other, len2) == 0);
    free(r.out);
    /* a file that cannot be opened is reported and skipped; the status says so */
    UT_ASSERT(run(two, NULL, &r) == 0);
    UT_ASSERT_MSG(exited_with(&r, 1), "more: %s", utest_status_text(r.status));
    UT_ASSERT(strstr(r.err, "/nonexistent/file") != NULL);
    UT_ASSERT_EQ(r.out_len, len1 + len2);
    UT_ASSERT(memcmp(r.out, one, len1) == 0 && memcmp(r.out + len1, other, len2) == 0);
    free(r.out);
    free(one);
    free(other);
    unlink(PAGER_INPUT);
    unlink(PAGER_INPUT2);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
