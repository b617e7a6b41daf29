/*
 * test_misc.c - libc/misc/ against the host's GNU tools: strmode against
 * Python's stat.filemode for every permission combination of every file type;
 * setmode/getmode against what the host's chmod does to a file and a
 * directory, for a table of modes and random ones, under three umasks; and
 * human_size against numfmt --to=iec --round=up (the same rounding as ls -lh
 * and du -h; checked against ls -lh itself on sparse files). The generator's
 * seed is printed; MISC_SEED replaces it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "hostutil.h"

void libc_strmode(mode_t mode, char *buf);
void *libc_setmode(const char *mode_str);
mode_t libc_getmode(const void *set, mode_t mode);
char *libc_human_size(unsigned long long bytes, char *buf, size_t len);
int libc_errno;

static uint64_t rng;

static int pick(int n)
{
    return (int)(host_xorshift64(&rng) % (uint64_t)n);
}

static const mode_t types[] = {S_IFREG, S_IFDIR, S_IFLNK, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK};

TEST(strmode_matches_python_filemode)
{
    size_t len;
    char *out, *line, buf[12];
    int n = 0;

    out = host_run_capture("python3 -c 'import stat\n"
                           "for t in (0o100000,0o40000,0o120000,0o20000,0o60000,0o10000,0o140000):\n"
                           "    for m in range(0o10000): print(stat.filemode(t | m))'",
                           &len);
    if (!out)
        SKIP("python3 is not available");
    line = out;
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
        for (mode_t m = 0; m < 010000; m++) {
            char *nl = strchr(line, '\n');
            REQUIRE(nl != NULL);
            *nl = '\0';
            libc_strmode(types[t] | m, buf);
            if (strncmp(buf, line, 10) != 0 || buf[10] != ' ' || buf[11] != '\0')
                CHECK_MSG(0, "strmode(0%o) == \"%s\", expected \"%s \"", types[t] | m, buf, line);
            else
                n++;
            line = nl + 1;
        }
    }
    CHECK_EQ(n, 7 * 010000);
    free(out);
}

/* Fixed modes that exercise each part of the grammar, valid and invalid. */
static const char *const fixed_modes[] = {
    "u+x", "go-w", "a=r", "u=rw,g=r", "+t", "g+s", "u+s", "o+t", "a+X", "u+X", "+X",
    "g=u", "o=g", "u=o", "go=u", "a-x", "=r", "=", "+w", "-w", "-r", "+x", "u=", "ug+rwx",
    "u+rw-x", "u=rwx,g=rx,o=", "a+rwxst", "a-st", "=rwx", "u=g", "+s", "-s", "o+s", "u+t",
    "o-t", "+rwxXst", "g+u", "o-u", "0", "7", "644", "755", "0755", "4755", "2700", "1777",
    "7777", "00644", "u+x,", ",u+x", "", "8", "10000", "u+q", "x", "u", "rwx", "u+x g+w",
    "u+x,,g+w", "a+", "ugo=rw", "a=rx,u+w", "u=rwx,go=u-w", "g-u", "o+g",
};

static const mode_t file_starts[] = {0644, 0755, 0600, 0000, 0777, 04755, 02711, 01644, 0467};
static const mode_t dir_starts[] = {0755, 0700, 0644, 0000, 0777, 0510};

static void random_mode(char *buf)
{
    static const char who[] = "ugoa", ops[] = "+-=", perms[] = "rwxXst";
    int clauses = 1 + pick(3);
    char *p = buf;

    for (int c = 0; c < clauses; c++) {
        if (c)
            *p++ = ',';
        for (int i = pick(3); i > 0; i--)
            *p++ = who[pick(4)];
        for (int a = 1 + pick(2); a > 0; a--) {
            *p++ = ops[pick(3)];
            if (pick(6) == 0) {
                *p++ = "ugo"[pick(3)];
                continue;
            }
            for (int i = pick(4); i > 0; i--)
                *p++ = perms[pick(6)];
        }
    }
    *p = '\0';
}

/*
 * Run chmod on the host for each mode string on a set of files and
 * directories made with the start modes, then compare each result with
 * getmode. One chmod runs per mode string, on all of its files, with its
 * messages in a file of its own; one grep finds the modes chmod rejected and
 * one stat reads every result, so that the host runs few processes. GNU chmod keeps
 * a directory's set-id bits unless the mode names them (even against a
 * four-digit octal mode), which the BSD interface cannot know, so
 * directories get no modes with s and no set-id starts.
 */
#define NFILE (sizeof file_starts / sizeof file_starts[0])
#define NDIR (sizeof dir_starts / sizeof dir_starts[0])

static void compare_chmod(const char *const *modes, int nmodes, mode_t umask_value)
{
    const char *script = host_tmp("chmod.sh"), *dir = host_tmp("chmod");
    char cmd[512], name[600], *out, *line;
    mode_t *got = calloc((size_t)nmodes * (NFILE + NDIR), sizeof *got);
    int *invalid = calloc((size_t)nmodes, sizeof *invalid), cases = 0;
    FILE *f;

    REQUIRE(got && invalid);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir '%s'", dir, dir);
    REQUIRE(system(cmd) == 0);
    f = fopen(script, "w");
    REQUIRE(f != NULL);
    fprintf(f, "umask %03o\ncd '%s' || exit 1\n", umask_value, dir);
    for (int m = 0; m < nmodes; m++) {
        int has_s = strchr(modes[m], 's') != NULL;
        /* The names are written out: a glob would read the whole directory each time. */
        fprintf(f, "chmod -- '%s'", modes[m]);
        for (size_t s = 0; s < NFILE; s++) {
            snprintf(name, sizeof name, "%s/m%d_f%zu", dir, m, s);
            fclose(fopen(name, "w"));
            REQUIRE(chmod(name, file_starts[s]) == 0);
            fprintf(f, " m%d_f%zu", m, s);
        }
        for (size_t s = 0; !has_s && s < NDIR; s++) {
            snprintf(name, sizeof name, "%s/m%d_d%zu", dir, m, s);
            REQUIRE(mkdir(name, 0700) == 0 && chmod(name, dir_starts[s]) == 0);
            fprintf(f, " m%d_d%zu", m, s);
        }
        fprintf(f, " 2>e%d\n", m);
    }
    fprintf(f, "grep -l 'invalid mode' e*\nstat -c '%%n %%a' m*_*\n");
    fclose(f);
    snprintf(cmd, sizeof cmd, "sh '%s'", script);
    out = host_run_capture(cmd, NULL);
    REQUIRE(out != NULL);
    for (line = out; *line; line = strchr(line, '\n') + 1) {
        int m;
        size_t s;
        char kind;
        unsigned mode;
        if (sscanf(line, "e%d", &m) == 1 && m >= 0 && m < nmodes)
            invalid[m] = 1;
        else if (sscanf(line, "m%d_%c%zu %o", &m, &kind, &s, &mode) == 4 && m >= 0 &&
                 m < nmodes && s < (kind == 'd' ? NDIR : NFILE))
            got[(size_t)m * (NFILE + NDIR) + (kind == 'd' ? NFILE : 0) + s] = mode;
        if (!strchr(line, '\n'))
            break;
    }
    umask(umask_value);
    for (int m = 0; m < nmodes; m++) {
        int has_s = strchr(modes[m], 's') != NULL;
        void *set = libc_setmode(modes[m]);
        if (!set) {
            CHECK_MSG(invalid[m] > 0, "setmode(\"%s\") failed; host chmod accepts it", modes[m]);
            continue;
        }
        CHECK_MSG(invalid[m] == 0, "setmode(\"%s\") parsed; host chmod rejects it", modes[m]);
        for (size_t i = 0; i < NFILE + (has_s ? 0 : NDIR); i++) {
            int is_dir = i >= NFILE;
            mode_t start = is_dir ? dir_starts[i - NFILE] : file_starts[i];
            mode_t want = libc_getmode(set, (is_dir ? S_IFDIR : S_IFREG) | start) & 07777;
            mode_t host = got[(size_t)m * (NFILE + NDIR) + i];
            CHECK_MSG(want == host, "umask %03o, %s 0%o, \"%s\": 0%o, host chmod 0%o",
                      umask_value, is_dir ? "dir" : "file", start, modes[m], want, host);
            cases++;
        }
        free(set);
    }
    umask(022);
    CHECK(cases > 0);
    free(out);
    free(got);
    free(invalid);
}

TEST(setmode_fixed_modes_match_chmod)
{
    if (system("chmod --version >/dev/null 2>&1") != 0)
        SKIP("GNU chmod is not available");
    for (mode_t u = 0; u < 3; u++)
        compare_chmod(fixed_modes, (int)(sizeof fixed_modes / sizeof fixed_modes[0]),
                      (mode_t[]){022, 077, 0}[u]);
}

TEST(setmode_random_modes_match_chmod)
{
    enum { N = 120 };
    static char bufs[N][64];
    const char *modes[N];

    if (system("chmod --version >/dev/null 2>&1") != 0)
        SKIP("GNU chmod is not available");
    for (int i = 0; i < N; i++) {
        random_mode(bufs[i]);
        modes[i] = bufs[i];
    }
    compare_chmod(modes, N, 022);
    compare_chmod(modes, N, 027);
}

TEST(setmode_invalid_sets_einval)
{
    libc_errno = 0;
    CHECK(libc_setmode("u+q") == NULL);
    CHECK_EQ(libc_errno, EINVAL);
    libc_errno = 0;
    CHECK(libc_setmode("") == NULL);
    CHECK_EQ(libc_errno, EINVAL);
}

/* Compare human_size with numfmt on the given values (which must be exact in a double). */
static void compare_numfmt(const unsigned long long *v, int n)
{
    const char *in = host_tmp("sizes");
    char cmd[256], *out, *line, buf[32];
    FILE *f = fopen(in, "w");

    REQUIRE(f != NULL);
    for (int i = 0; i < n; i++)
        fprintf(f, "%llu\n", v[i]);
    fclose(f);
    snprintf(cmd, sizeof cmd, "numfmt --to=iec --round=up < '%s'", in);
    out = host_run_capture(cmd, NULL);
    REQUIRE(out != NULL);
    line = out;
    for (int i = 0; i < n; i++) {
        char *nl = strchr(line, '\n');
        REQUIRE(nl != NULL);
        *nl = '\0';
        libc_human_size(v[i], buf, sizeof buf);
        CHECK_MSG(strcmp(buf, line) == 0, "human_size(%llu) == \"%s\", numfmt \"%s\"", v[i], buf,
                  line);
        line = nl + 1;
    }
    free(out);
}

TEST(human_size_edges_match_numfmt)
{
    unsigned long long v[400];
    int n = 0;

    if (system("numfmt --version >/dev/null 2>&1") != 0)
        SKIP("numfmt is not available");
    for (unsigned long long u = 1; u <= (1ull << 50); u *= 1024) {
        static const long long deltas[] = {-1, 0, 1};
        for (int k = 1; k <= 1024; k = k < 16 ? k + 1 : k * 2) {
            for (int d = 0; d < 3; d++) {
                long long x = (long long)(u * (unsigned long long)k) + deltas[d];
                if (x >= 0 && n < 400)
                    v[n++] = (unsigned long long)x;
            }
        }
    }
    compare_numfmt(v, n);
}

TEST(human_size_random_match_numfmt)
{
    enum { N = 20000 };
    static unsigned long long v[N];

    if (system("numfmt --version >/dev/null 2>&1") != 0)
        SKIP("numfmt is not available");
    for (int i = 0; i < N; i++)
        v[i] = host_xorshift64(&rng) >> (11 + pick(53)); /* below 2^53: exact for numfmt */
    compare_numfmt(v, N);
}

TEST(human_size_matches_ls_and_handles_large)
{
    static const unsigned long long sizes[] = {0, 999, 1024, 1025, 10239, 10241, 1048575, 5000000};
    char buf[32], cmd[256], *out;

    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        const char *f = host_tmp("sparse");
        snprintf(cmd, sizeof cmd, "truncate -s %llu '%s' && ls -lh '%s' | awk '{printf \"%%s\", $5}'",
                 sizes[i], f, f);
        out = host_run_capture(cmd, NULL);
        REQUIRE(out != NULL);
        CHECK_STR(libc_human_size(sizes[i], buf, sizeof buf), out);
        free(out);
    }
    /* Beyond a double's precision: worked out by hand. */
    CHECK_STR(libc_human_size(~0ull, buf, sizeof buf), "16E");
    CHECK_STR(libc_human_size(1ull << 60, buf, sizeof buf), "1.0E");
    CHECK_STR(libc_human_size((1ull << 60) + 1, buf, sizeof buf), "1.1E");
    CHECK_STR(libc_human_size((1ull << 60) - 1, buf, sizeof buf), "1.0E");
    CHECK_STR(libc_human_size(1536ull << 50, buf, sizeof buf), "1.5E");
}

__attribute__((constructor)) static void seed(void)
{
    rng = host_seed("MISC_SEED", 0x6d6973635f736565ull);
}
