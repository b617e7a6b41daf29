/*
 * test_getopt.c - libc/unistd/getopt.c (compiled with libc_ names) against
 * the host's glibc: for a table of argument vectors and for random ones,
 * getopt, getopt_long and getopt_long_only must return the same values with
 * the same optind, optarg, optopt, longindex and flag stores, leave argv
 * permuted the same way, and print the same messages. The seed is printed;
 * LIBC_GETOPT_SEED overrides it.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "hostutil.h"

int libc_getopt(int argc, char *const argv[], const char *optstring);
int libc_getopt_long(int argc, char *const argv[], const char *optstring,
                     const struct option *longopts, int *longind);
int libc_getopt_long_only(int argc, char *const argv[], const char *optstring,
                          const struct option *longopts, int *longind);
extern char *libc_optarg;
extern int libc_optind, libc_opterr, libc_optopt;

static uint64_t rng;

static uint64_t next(void)
{
    return host_xorshift64(&rng);
}

__attribute__((constructor)) static void seed(void)
{
    rng = host_seed("LIBC_GETOPT_SEED", 0xbb67ae8584caa73bull);
}

static int flag;

static const struct option longopts[] = {
    {"alpha", no_argument, NULL, 'A'},
    {"alps", required_argument, NULL, 'P'},
    {"beta", required_argument, NULL, 'B'},
    {"gamma", optional_argument, NULL, 'G'},
    {"delta", no_argument, &flag, 7},
    {"delt", no_argument, &flag, 7},
    {"dx", no_argument, NULL, 'd'},
    {"a", no_argument, NULL, 'Z'},
    {NULL, 0, NULL, 0},
};

enum mode { SHORT, LONG, LONG_ONLY };

#define MAX_ARGS 16
#define MAX_STEPS 40

/* Everything one scan produced. */
struct trace {
    int steps;
    struct {
        int ret, optind, optopt, longind, flag;
        const char *optarg;
    } step[MAX_STEPS];
    char *argv[MAX_ARGS + 1];
    char messages[2048];
};

static int call(int ours, enum mode mode, int argc, char **argv, const char *optstring,
                int *longind)
{
    if (mode == SHORT)
        return ours ? libc_getopt(argc, argv, optstring) : getopt(argc, argv, optstring);
    if (mode == LONG)
        return ours ? libc_getopt_long(argc, argv, optstring, longopts, longind)
                    : getopt_long(argc, argv, optstring, longopts, longind);
    return ours ? libc_getopt_long_only(argc, argv, optstring, longopts, longind)
                : getopt_long_only(argc, argv, optstring, longopts, longind);
}

/* Scan argv (copied) to the end with glibc's or our functions, messages
 * captured. */
static void scan(int ours, enum mode mode, int argc, char *const *argv_in, const char *optstring,
                 int print, struct trace *tr)
{
    FILE *err = tmpfile();
    int saved = dup(2);

    memset(tr, 0, sizeof *tr);
    memcpy(tr->argv, argv_in, sizeof(char *) * (size_t)(argc + 1));
    fflush(stderr);
    dup2(fileno(err), 2);
    if (ours) {
        libc_optind = 0;
        libc_opterr = print;
    } else {
        optind = 0;
        opterr = print;
    }
    for (tr->steps = 0; tr->steps < MAX_STEPS; tr->steps++) {
        int longind = -1;
        flag = 0;
        int r = call(ours, mode, argc, tr->argv, optstring, &longind);
        tr->step[tr->steps].ret = r;
        tr->step[tr->steps].optind = ours ? libc_optind : optind;
        tr->step[tr->steps].optopt = ours ? libc_optopt : optopt;
        tr->step[tr->steps].optarg = ours ? libc_optarg : optarg;
        tr->step[tr->steps].longind = longind;
        tr->step[tr->steps].flag = flag;
        if (r == -1)
            break;
    }
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(err);
    size_t n = fread(tr->messages, 1, sizeof tr->messages - 1, err);
    tr->messages[n] = '\0';
    fclose(err);
}

static const char *join(char *const *argv, int argc)
{
    static char buf[2][512];
    static int which;
    size_t n = 0;

    which ^= 1;
    buf[which][0] = '\0';
    for (int i = 0; i < argc && n < sizeof buf[0] - 40; i++)
        n += (size_t)snprintf(buf[which] + n, sizeof buf[0] - n, "%s%s", i ? " " : "", argv[i]);
    return buf[which];
}

/* Compare one scan; returns 1 when they agree (and reports the first
 * difference). */
static int compare(enum mode mode, int argc, char *const *argv, const char *optstring, int print,
                   int report)
{
    static struct trace want, got;

    scan(0, mode, argc, argv, optstring, print, &want);
    scan(1, mode, argc, argv, optstring, print, &got);
    const char *what = NULL;
    int at = 0;
    for (; at <= want.steps && at < MAX_STEPS && !what; at++) {
        if (got.step[at].ret != want.step[at].ret)
            what = "return value";
        else if (got.step[at].optind != want.step[at].optind)
            what = "optind";
        else if (got.step[at].optarg != want.step[at].optarg)
            what = "optarg";
        else if (want.step[at].ret == '?' && got.step[at].optopt != want.step[at].optopt)
            what = "optopt";
        else if (got.step[at].longind != want.step[at].longind)
            what = "longindex";
        else if (got.step[at].flag != want.step[at].flag)
            what = "flag";
    }
    if (!what && memcmp(got.argv, want.argv, sizeof got.argv) != 0)
        what = "permuted argv";
    if (!what && strcmp(got.messages, want.messages) != 0)
        what = "messages";
    if (what && report)
        CHECK_MSG(0,
                  "mode %d optstring \"%s\" argv [%s] POSIXLY_CORRECT=%s: %s "
                  "differs at call %d "
                  "(ret %d/%d optind %d/%d); argv [%s] glibc [%s]; messages \"%s\" "
                  "glibc \"%s\"",
                  mode, optstring, join(argv, argc), getenv("POSIXLY_CORRECT") ? "1" : "unset",
                  what, at - 1, got.step[at - 1 < 0 ? 0 : at - 1].ret,
                  want.step[at - 1 < 0 ? 0 : at - 1].ret, got.step[at - 1 < 0 ? 0 : at - 1].optind,
                  want.step[at - 1 < 0 ? 0 : at - 1].optind, join(got.argv, argc),
                  join(want.argv, argc), got.messages, want.messages);
    return !what;
}

static const char *const optstrings[] = {
    "ab:c::", "+ab:c::", "-ab:c::", ":ab:c::", "+:ab:c", "-:a", "ab:c::d", "", "x",
};

TEST(table_of_argument_vectors)
{
    static const char *const table[][MAX_ARGS] = {
        {"prog", NULL},
        {"prog", "-a", NULL},
        {"prog", "-a", "-b", "arg", "file", NULL},
        {"prog", "file", "-a", "other", "-b", "x", "last", NULL},
        {"prog", "-ab", "val", "-bval", "-c", "-cval", NULL},
        {"prog", "-q", "-a", NULL},
        {"prog", "-b", NULL},
        {"prog", "x", "-b", NULL},
        {"prog", "-a", "--", "-b", "x", NULL},
        {"prog", "f1", "f2", "--", "-a", NULL},
        {"prog", "-", "-a", "-", NULL},
        {"prog", "--alpha", "--beta=1", "--beta", "2", "--gamma", "--gamma=3", NULL},
        {"prog", "--al", NULL},
        {"prog", "--alp", "--alph", "--alps=x", NULL},
        {"prog", "--del", "--delt", "--delta", "--d", NULL},
        {"prog", "--unknown", "--alpha=no", "--beta", NULL},
        {"prog", "-alpha", "-alps", "v", "-a", "-abx", "-dx", NULL},
        {"prog", "--=x", "--", NULL},
        {"prog", "-:", "-;", "-a:", NULL},
        {"prog", "file", "--gam", "x", "-c", "y", NULL},
    };
    int bad = 0;

    unsetenv("POSIXLY_CORRECT");
    for (int posix = 0; posix < 2; posix++) {
        if (posix)
            setenv("POSIXLY_CORRECT", "1", 1);
        for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
            int argc = 0;
            while (table[i][argc])
                argc++;
            for (size_t o = 0; o < sizeof optstrings / sizeof optstrings[0]; o++)
                for (int mode = SHORT; mode <= LONG_ONLY; mode++)
                    bad += !compare(mode, argc, (char *const *)table[i], optstrings[o], 1, bad < 5);
        }
    }
    unsetenv("POSIXLY_CORRECT");
    CHECK_EQ(bad, 0);
}

TEST(random_argument_vectors)
{
    static const char *const words[] = {
        "-a",      "-b",        "-ab",    "-ba",      "-bfoo",  "-c",       "-cx",     "-acx",
        "-x",      "-d",        "-",      "--",       "foo",    "bar",      "--alpha", "--al",
        "--alp",   "--alpha=1", "--alps", "--alps=v", "--beta", "--beta=2", "--b",     "--gamma",
        "--gam=3", "--g",       "--del",  "--delta",  "--delt", "--delt=x", "--d",     "--dx",
        "--a",     "--unknown", "-alpha", "-al",      "-alps",  "-gamma",   "-g",      "-dx",
        "-q",      "-:",        "--=",    "-=x",      "-bc",    "-cb",
    };
    char *argv[MAX_ARGS + 1];
    int bad = 0, cases = 0;

    for (int i = 0; i < 20000; i++, cases++) {
        int argc = 1 + (int)(next() % (MAX_ARGS - 1));
        argv[0] = "prog";
        for (int k = 1; k < argc; k++)
            argv[k] = (char *)words[next() % (sizeof words / sizeof words[0])];
        argv[argc] = NULL;
        if (next() % 4 == 0)
            setenv("POSIXLY_CORRECT", "1", 1);
        else
            unsetenv("POSIXLY_CORRECT");
        /* Messages are compared on every eighth vector (the rest run silent). */
        bad += !compare((enum mode)(next() % 3), argc, argv,
                        optstrings[next() % (sizeof optstrings / sizeof optstrings[0])], i % 8 == 0,
                        bad < 5);
    }
    unsetenv("POSIXLY_CORRECT");
    CHECK_EQ(bad, 0);
    CHECK(cases >= 20000);
}

TEST(messages_have_glibc_form)
{
    char *argv[] = {"prog", "-q", "-b", NULL};
    struct trace tr;

    scan(1, SHORT, 3, argv, "ab:", 1, &tr);
    CHECK_STR(tr.messages, "prog: invalid option -- 'q'\n"
                           "prog: option requires an argument -- 'b'\n");
    CHECK_EQ(tr.step[0].ret, '?');
    CHECK_EQ(tr.step[0].optopt, 'q');
    CHECK_EQ(tr.step[1].ret, '?');
    CHECK_EQ(tr.step[1].optopt, 'b');
    scan(1, SHORT, 3, argv, ":ab:", 1, &tr);
    CHECK_STR(tr.messages, "");
    CHECK_EQ(tr.step[1].ret, ':');
}
