/*
 * man.c - the manual: man [SECTION] NAME..., man -k WORD... (apropos) and
 * man -f NAME... (whatis).
 *
 * A page is a plain text file /man/man<S>/<name>.<S> (the format is in
 * docs/man.md): headings at column 0 in capitals, text indented, and a
 * first section NAME whose line "name[, name...] - description" is what
 * -k and -f search. NAME is looked for as a file name in the sections 1, 8,
 * 2, 3, 5, 7, 4, 6 in that order, then among the names of the NAME lines
 * (so "man reboot" finds poweroff.8, whose NAME line names reboot too).
 *
 * On a terminal the page gets bold headings and option tags and goes
 * through $PAGER (split at spaces) or /bin/more; otherwise it is written
 * as it is, after a title line. MANPATH, when set, replaces /man.
 *
 * Exit status: 0, 1 for a usage error, 16 when a page or keyword was not
 * found (as man-db).
 */
#include <ctype.h>
#include <dirent.h>
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAN_ROOT "/man"
#define EXIT_NOT_FOUND 16
#define MAX_PAGER_ARGS 16
#define TITLE_WIDTH 78

static const char *const sections[] = {"1", "8", "2", "3", "5", "7", "4", "6"};
#define SECTION_COUNT (sizeof sections / sizeof sections[0])

/* A page's NAME line, split: "ls, dir - list directories" gives names "ls, dir". */
struct name_line {
    char names[256];
    char description[256];
};

/* One line of man -k or -f output. */
struct entry {
    char name[64];
    int section; /* index into sections */
    char description[256];
};

static const char *man_root(void)
{
    const char *root = getenv("MANPATH");

    return root && root[0] ? root : MAN_ROOT;
}

/* Strip leading and trailing blanks in place; returns the start. */
static char *trim(char *s)
{
    size_t n;

    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Read the NAME line of the page at path; 0, or -1 if it has none in the expected form. */
static int read_name_line(const char *path, struct name_line *nl)
{
    char line[512], *text, *dash;
    int seen_heading = 0;
    FILE *f = fopen(path, "r");

    if (!f)
        return -1;
    while (fgets(line, sizeof line, f)) {
        text = trim(line);
        if (!text[0])
            continue;
        if (!seen_heading) {
            if (strcmp(text, "NAME") != 0)
                break;
            seen_heading = 1;
            continue;
        }
        dash = strstr(text, " - ");
        if (!dash)
            break;
        *dash = '\0';
        snprintf(nl->names, sizeof nl->names, "%s", trim(text));
        snprintf(nl->description, sizeof nl->description, "%s", trim(dash + 3));
        fclose(f);
        return 0;
    }
    fclose(f);
    return -1;
}

/* Call fn(name, names) for each name of the comma-separated list; stop when it returns nonzero. */
static int each_name(const char *names, int (*fn)(const char *name, void *arg), void *arg)
{
    char copy[256], *next = copy, *name;

    snprintf(copy, sizeof copy, "%s", names);
    while ((name = strsep(&next, ",")) != NULL) {
        name = trim(name);
        if (name[0] && fn(name, arg))
            return 1;
    }
    return 0;
}

/* Whether file name d_name is a page of section sec ("ls.1" for "1"); its name goes to base. */
static int is_page_file(const char *d_name, const char *sec, char *base, size_t size)
{
    size_t len = strlen(d_name), slen = strlen(sec);

    if (len < slen + 2 || d_name[len - slen - 1] != '.' || strcmp(d_name + len - slen, sec))
        return 0;
    snprintf(base, size, "%.*s", (int)(len - slen - 1), d_name);
    return 1;
}

/*
 * Call fn(path, section index, NAME line) for every page of section only
 * (or of every section when only is -1), in the order of sections and of
 * the directories; stop when it returns nonzero, and return that.
 */
static int each_page(int only,
                     int (*fn)(const char *path, int sec, const struct name_line *nl, void *arg),
                     void *arg)
{
    char dir[512], path[1024], base[256];
    struct name_line nl;

    for (int s = 0; s < (int)SECTION_COUNT; s++) {
        DIR *d;
        struct dirent *e;

        if (only >= 0 && s != only)
            continue;
        snprintf(dir, sizeof dir, "%s/man%s", man_root(), sections[s]);
        d = opendir(dir);
        if (!d)
            continue;
        while ((e = readdir(d)) != NULL) {
            if (!is_page_file(e->d_name, sections[s], base, sizeof base))
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            if (read_name_line(path, &nl) == 0 && fn(path, s, &nl, arg)) {
                closedir(d);
                return 1;
            }
        }
        closedir(d);
    }
    return 0;
}

/* ---- finding a page ---- */

struct alias_search {
    const char *want; /* the name asked for */
    char *path;       /* where the page found goes */
    size_t size;
};

static int same_name(const char *name, void *arg)
{
    return strcmp(name, (const char *)arg) == 0;
}

static int alias_match(const char *path, int sec, const struct name_line *nl, void *arg)
{
    struct alias_search *a = arg;

    (void)sec;
    if (!each_name(nl->names, same_name, (void *)a->want))
        return 0;
    snprintf(a->path, a->size, "%s", path);
    return 1;
}

/* The index of section text in sections[], or -1. */
static int section_index(const char *text)
{
    for (int s = 0; s < (int)SECTION_COUNT; s++)
        if (strcmp(text, sections[s]) == 0)
            return s;
    return -1;
}

/*
 * Find page name (in section only_section, or any when -1): its path into
 * path and its section index, or -1 when there is none. In each section a
 * file of that name comes first, then a page whose NAME line lists it, so
 * that "man reboot" finds the command (poweroff.8) before reboot(2).
 */
static int find_page(const char *name, int only_section, char *path, size_t size)
{
    if (strchr(name, '/'))
        return -1;
    for (int s = 0; s < (int)SECTION_COUNT; s++) {
        struct alias_search a = {name, path, size};

        if (only_section >= 0 && s != only_section)
            continue;
        snprintf(path, size, "%s/man%s/%s.%s", man_root(), sections[s], name, sections[s]);
        if (access(path, R_OK) == 0)
            return s;
        if (each_page(s, alias_match, &a))
            return s;
    }
    return -1;
}

/* ---- showing a page ---- */

/* Write the title line: NAME(S) at both ends, the manual's name in the middle. */
static void put_title(FILE *out, const char *name, int sec)
{
    char id[80];
    int len, middle, gap;
    const char *label = "AdventOS Manual";

    snprintf(id, sizeof id, "%s(%s)", name, sections[sec]);
    for (char *p = id; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    len = (int)strlen(id);
    middle = (int)strlen(label);
    gap = (TITLE_WIDTH - 2 * len - middle) / 2;
    if (gap < 1)
        gap = 1;
    fprintf(out, "%s%*s%s%*s%s\n\n", id, gap, "", label, gap, "", id);
}

/*
 * Copy the page at path to out. On a terminal (bold set) a heading (a line
 * that starts at column 0) and an option tag (a line indented by four
 * spaces that starts with '-') are shown in bold.
 */
static void put_page(FILE *out, const char *path, const char *name, int sec, int bold)
{
    char line[1024];
    int line_start = 1;
    FILE *in = fopen(path, "r");

    if (!in) {
        warn("%s", path);
        return;
    }
    put_title(out, name, sec);
    while (fgets(line, sizeof line, in)) {
        size_t len = strlen(line);
        int whole = len > 0 && line[len - 1] == '\n';
        int heading = line_start && isupper((unsigned char)line[0]);
        int tag = line_start && strncmp(line, "    -", 5) == 0;

        if (bold && (heading || tag) && whole) {
            line[len - 1] = '\0';
            if (tag)
                fprintf(out, "    \033[1m%s\033[0m\n", line + 4);
            else
                fprintf(out, "\033[1m%s\033[0m\n", line);
        } else {
            fputs(line, out);
        }
        line_start = whole;
    }
    fclose(in);
}

/*
 * Start the pager with a pipe to its stdin: $PAGER, else /bin/more; if
 * neither can run, the child copies the text itself. Returns the stream
 * to write to and the child's pid in *pid, or NULL (write to stdout).
 */
static FILE *start_pager(pid_t *pid)
{
    int fds[2];
    FILE *out;

    if (pipe(fds) < 0)
        return NULL;
    *pid = fork();
    if (*pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (*pid == 0) {
        char command[256], *argv[MAX_PAGER_ARGS + 1], *next = command, *word, buf[4096];
        const char *pager = getenv("PAGER");
        int argc = 0;
        ssize_t n;

        dup2(fds[0], STDIN_FILENO);
        close(fds[0]);
        close(fds[1]);
        snprintf(command, sizeof command, "%s", pager && pager[0] ? pager : "/bin/more");
        while (argc < MAX_PAGER_ARGS && (word = strsep(&next, " \t")) != NULL)
            if (word[0])
                argv[argc++] = word;
        argv[argc] = NULL;
        if (argc > 0)
            execvp(argv[0], argv);
        execl("/bin/more", "more", (char *)NULL);
        while ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0)
            if (write(STDOUT_FILENO, buf, (size_t)n) != n)
                break;
        _exit(0);
    }
    close(fds[0]);
    out = fdopen(fds[1], "w");
    if (!out)
        close(fds[1]);
    return out;
}

/* Show the pages named by argv (after an optional section); the exit status. */
static int show_pages(int argc, char **argv)
{
    char path[1024];
    int only_section = -1, status = 0, found = 0, tty = isatty(STDOUT_FILENO);
    pid_t pager = -1;
    FILE *out = stdout;

    if (argc > 1 && section_index(argv[0]) >= 0) {
        only_section = section_index(argv[0]);
        argc--;
        argv++;
    }
    for (int i = 0; i < argc; i++) {
        int sec = find_page(argv[i], only_section, path, sizeof path);

        if (sec < 0) {
            if (only_section >= 0)
                fprintf(stderr, "No entry for %s in section %s of the manual\n", argv[i],
                        sections[only_section]);
            else
                fprintf(stderr, "No manual entry for %s\n", argv[i]);
            status = EXIT_NOT_FOUND;
            continue;
        }
        if (tty && !found) {
            signal(SIGPIPE, SIG_IGN); /* quitting the pager early is no error */
            out = start_pager(&pager);
            if (!out)
                out = stdout;
        }
        if (found++)
            fputc('\n', out);
        put_page(out, path, argv[i], sec, tty);
    }
    if (out != stdout) {
        fclose(out);
        while (waitpid(pager, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    return status;
}

/* ---- man -k and man -f ---- */

struct lookup {
    char **words;
    int count;
    int exact; /* -f: a name equal to a word; -k: a word inside a name or the description */
    struct entry *entries;
    size_t used, cap;
    const struct name_line *line; /* the page being looked at */
    int section;
};

/* Whether needle occurs in hay, ignoring case. */
static int contains_ignoring_case(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return n == 0;
}

static int name_matches(const char *name, struct lookup *l)
{
    for (int i = 0; i < l->count; i++) {
        if (l->exact ? strcasecmp(name, l->words[i]) == 0
                     : contains_ignoring_case(name, l->words[i]))
            return 1;
    }
    return 0;
}

static int add_entry(const char *name, void *arg)
{
    struct lookup *l = arg;
    struct entry *e;

    if (l->exact && !name_matches(name, l))
        return 0;
    if (l->used == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->entries = realloc(l->entries, l->cap * sizeof *l->entries);
        if (!l->entries)
            errx(1, "out of memory");
    }
    e = &l->entries[l->used++];
    snprintf(e->name, sizeof e->name, "%s", name);
    e->section = l->section;
    snprintf(e->description, sizeof e->description, "%s", l->line->description);
    return 0;
}

static int any_name_matches(const char *name, void *arg)
{
    return name_matches(name, arg);
}

static int lookup_page(const char *path, int sec, const struct name_line *nl, void *arg)
{
    struct lookup *l = arg;
    int match = each_name(nl->names, any_name_matches, l);

    (void)path;
    for (int i = 0; !match && !l->exact && i < l->count; i++)
        match = contains_ignoring_case(nl->description, l->words[i]);
    if (match) {
        l->line = nl;
        l->section = sec;
        each_name(nl->names, add_entry, l);
    }
    return 0;
}

static int compare_entries(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int by_name = strcmp(x->name, y->name);

    return by_name ? by_name : strcmp(sections[x->section], sections[y->section]);
}

/* man -k (exact 0) and man -f (exact 1): print "name (S) - description" lines, sorted. */
static int look_up(int argc, char **argv, int exact)
{
    struct lookup l = {argv, argc, exact, NULL, 0, 0, NULL, 0};
    int status = 0;

    each_page(-1, lookup_page, &l);
    if (l.used > 1)
        qsort(l.entries, l.used, sizeof *l.entries, compare_entries);
    for (size_t i = 0; i < l.used; i++)
        printf("%s (%s) - %s\n", l.entries[i].name, sections[l.entries[i].section],
               l.entries[i].description);
    for (int i = 0; i < argc; i++) {
        int hit = 0;

        for (size_t j = 0; j < l.used && !hit; j++)
            hit = exact ? strcasecmp(l.entries[j].name, argv[i]) == 0
                        : contains_ignoring_case(l.entries[j].name, argv[i]) ||
                              contains_ignoring_case(l.entries[j].description, argv[i]);
        if (!hit) {
            fprintf(stderr, "%s: nothing appropriate.\n", argv[i]);
            status = EXIT_NOT_FOUND;
        }
    }
    free(l.entries);
    return status;
}

static int usage(void)
{
    fprintf(stderr, "usage: man [SECTION] NAME...\n"
                    "       man -k WORD...   (search names and descriptions)\n"
                    "       man -f NAME...   (the NAME line of each page)\n");
    return 1;
}

int main(int argc, char **argv)
{
    int c, mode = 0;

    while ((c = getopt(argc, argv, "+kfh")) != -1) {
        if (c == 'k' || c == 'f')
            mode = c;
        else
            return usage();
    }
    argc -= optind;
    argv += optind;
    if (argc == 0) {
        if (mode)
            return usage();
        fprintf(stderr, "What manual page do you want?\nFor example, try 'man man'.\n");
        return 1;
    }
    if (mode)
        return look_up(argc, argv, mode == 'f');
    return show_pages(argc, argv);
}
