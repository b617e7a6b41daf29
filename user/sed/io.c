/*
 * io.c - sed's input and output.
 *
 * The input files are one stream of lines, or with -s and -i one stream per
 * file (line numbers and $ start again at each file). To know whether a line
 * is the last, one line is read ahead: io_is_last() fills the lookahead, and
 * the next io_read_line() takes it. Without -s the lookahead may come from a
 * later file, so each lookahead line remembers the name of its file.
 *
 * Output keeps sed's rule for a last line that had no newline: it is written
 * without one, and a newline is added only if something else is written
 * after it. With -i each file's output goes to a temporary file beside it,
 * which replaces the file (after an optional backup) when the file is done.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sed.h"

int io_in_place;
const char *io_in_place_suffix;

static char **files;
static int nfiles, next_index;
static FILE *in;            /* the file being read, NULL between files */
static const char *in_name; /* its name */
static int status;

static char *ahead;         /* the lookahead line, without its newline */
static size_t ahead_cap, ahead_len;
static int ahead_valid, ahead_newline;
static const char *ahead_name;

static long line_number;
static const char *line_name = "-";

static struct sed_output stdout_output;
static struct sed_output *outputs; /* every w file, to share one stream per name */

/* In-place editing: the temporary output for the file being edited. */
static struct sed_output in_place_output;
static char *in_place_temp;
static const char *in_place_target;

void
io_set_inputs(char **names, int count)
{
    static char *stdin_name[] = { "-" };

    files = count ? names : stdin_name;
    nfiles = count ? count : 1;
    stdout_output.f = stdout;
    stdout_output.name = "/dev/stdout";
}

int
io_status(void)
{
    return status;
}

struct sed_output *
io_main_output(void)
{
    return io_in_place && in_place_temp ? &in_place_output : &stdout_output;
}

void
io_write_line(struct sed_output *out, const char *s, size_t len, int newline)
{
    if (out->missing_newline)
        fputc('\n', out->f);
    fwrite(s, 1, len, out->f);
    if (newline)
        fputc('\n', out->f);
    out->missing_newline = !newline;
    if (out->f != stdout)
        fflush(out->f); /* a w file may be read back (r) in the same run */
}

struct sed_output *
io_open_output(const char *name)
{
    struct sed_output *o;

    if (strcmp(name, "/dev/stdout") == 0)
        return &stdout_output;
    for (o = outputs; o; o = o->next)
        if (strcmp(o->name, name) == 0)
            return o;
    o = sed_alloc(sizeof *o);
    memset(o, 0, sizeof *o);
    o->name = sed_alloc(strlen(name) + 1);
    strcpy(o->name, name);
    if (strcmp(name, "/dev/stderr") == 0) {
        o->f = stderr;
    } else if (!(o->f = fopen(name, "w"))) {
        fprintf(stderr, "%s: couldn't open file %s: %s\n", sed_prog, name, strerror(errno));
        exit(4);
    }
    o->next = outputs;
    outputs = o;
    return o;
}

void
io_finish(void)
{
    if (!in_place_temp)
        return;
    if (fclose(in_place_output.f) != 0) {
        fprintf(stderr, "%s: couldn't close %s: %s\n", sed_prog, in_place_temp, strerror(errno));
        exit(4);
    }
    if (io_in_place_suffix && *io_in_place_suffix) {
        char *backup = sed_alloc(strlen(in_place_target) + strlen(io_in_place_suffix) + 1);
        strcpy(backup, in_place_target);
        strcat(backup, io_in_place_suffix);
        if (rename(in_place_target, backup) < 0)
            fprintf(stderr, "%s: cannot rename %s: %s\n", sed_prog, in_place_target,
                    strerror(errno));
        free(backup);
    }
    if (rename(in_place_temp, in_place_target) < 0) {
        fprintf(stderr, "%s: cannot rename %s: %s\n", sed_prog, in_place_temp, strerror(errno));
        exit(4);
    }
    free(in_place_temp);
    in_place_temp = NULL;
}

/* -i: send output to a temporary file in the directory of name. */
static int
start_in_place(const char *name)
{
    struct stat st;

    if (strcmp(name, "-") == 0 || stat(name, &st) < 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "%s: couldn't edit %s: not a regular file\n", sed_prog, name);
        status = 4;
        return 0;
    }
    in_place_temp = sed_alloc(strlen(name) + 16);
    sprintf(in_place_temp, "%s.sedtmp%d", name, (int)getpid());
    in_place_output.f = fopen(in_place_temp, "w");
    in_place_output.missing_newline = 0;
    if (!in_place_output.f) {
        fprintf(stderr, "%s: couldn't open temporary file %s: %s\n", sed_prog, in_place_temp,
                strerror(errno));
        exit(4);
    }
    chmod(in_place_temp, st.st_mode & 07777);
    in_place_target = name;
    return 1;
}

/* Open the next input file; 0 when none is left. */
static int
open_next(void)
{
    while (next_index < nfiles) {
        const char *name = files[next_index++];
        if (io_in_place) {
            io_finish();
            if (!start_in_place(name))
                continue;
        }
        if (strcmp(name, "-") == 0) {
            in = stdin;
        } else if (!(in = fopen(name, "r"))) {
            fprintf(stderr, "%s: can't read %s: %s\n", sed_prog, name, strerror(errno));
            status = 2;
            continue;
        }
        in_name = name;
        return 1;
    }
    return 0;
}

/* Read the next line of the current file into the lookahead; 0 at its end. */
static int
fill_from_file(void)
{
    ssize_t n;

    if (!in)
        return 0;
    n = getline(&ahead, &ahead_cap, in);
    if (n < 0) {
        if (ferror(in)) {
            fprintf(stderr, "%s: read error on %s: %s\n", sed_prog,
                    in == stdin ? "stdin" : in_name, strerror(errno));
            status = 2;
        }
        if (in != stdin)
            fclose(in);
        in = NULL;
        return 0;
    }
    ahead_len = (size_t)n;
    ahead_newline = n > 0 && ahead[n - 1] == '\n';
    if (ahead_newline)
        ahead_len--;
    ahead_name = in_name;
    ahead_valid = 1;
    return 1;
}

/* Make sure the lookahead holds a line, from later files too if cross_files. */
static int
fill(int cross_files, int *new_file)
{
    if (ahead_valid)
        return 1;
    for (;;) {
        if (fill_from_file())
            return 1;
        if (!cross_files || !open_next())
            return 0;
        if (new_file)
            *new_file = 1;
    }
}

int
io_read_line(char **line, size_t *len, size_t *cap, int *had_newline)
{
    int new_file = 0;

    if (!fill(1, &new_file))
        return 0;
    if (new_file && sed_separate)
        line_number = 0;
    /* Hand over the lookahead buffer and keep the caller's for the next one. */
    char *tmp = *line;
    size_t tmp_cap = *cap;
    *line = ahead, *cap = ahead_cap, *len = ahead_len;
    ahead = tmp, ahead_cap = tmp_cap;
    *had_newline = ahead_newline;
    line_name = ahead_name;
    ahead_valid = 0;
    line_number++;
    return 1;
}

int
io_is_last(void)
{
    return !fill(!sed_separate, NULL);
}

long
io_line_number(void)
{
    return line_number;
}

const char *
io_file_name(void)
{
    return line_name;
}
