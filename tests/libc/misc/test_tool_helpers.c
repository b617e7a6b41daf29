/*
 * test_tool_helpers.c - the helpers of libc/misc/ that the tools share:
 * write_all and read_all through a pipe whose other end runs in a child (so
 * both see short transfers) and through a file; read_file; path_join,
 * path_last and path_into on a table of paths; parse_size with the suffix
 * sets of head, od and dd; and parse_escape against the host's GNU printf
 * (format and %b) and echo -e, on random strings of escapes. The
 * generator's seed is printed; MISC_SEED replaces it.
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "hostutil.h"

/* libc/include/libutil.h, with the names rename_misc.h gives. */
#define ESCAPE_STOP (-1)
#define ESCAPE_NONE (-2)
#define ESCAPE_OCTAL 1
#define ESCAPE_OCTAL_0 2
#define ESCAPE_DQUOTE 4
int libc_write_all(int fd, const void *buf, size_t len);
int libc_read_all(int fd, char **bufp, size_t *lenp);
int libc_read_file(const char *path, char **bufp, size_t *lenp);
char *libc_path_join(const char *dir, const char *name);
const char *libc_path_last(const char *path, size_t *len);
char *libc_path_into(const char *dir, const char *path);
int libc_parse_size(const char *s, int base, const char *units, uint64_t *value, char **end);
int libc_parse_escape(const char **p, int flags);
int libc_errno;

static uint64_t rng;

static int pick(int n)
{
    return (int)(host_xorshift64(&rng) % (uint64_t)n);
}

TEST(write_all_and_read_all_through_a_pipe)
{
    enum { N = 300000 }; /* several pipe buffers: both sides wait on the other */
    static unsigned char data[N];
    char *got;
    size_t len;
    int fds[2], wstatus;
    pid_t pid;

    for (int i = 0; i < N; i++)
        data[i] = (unsigned char)host_xorshift(&rng);
    REQUIRE(pipe(fds) == 0);
    pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(libc_write_all(fds[1], data, N) == 0 ? 0 : 1);
    }
    close(fds[1]);
    CHECK_EQ(libc_read_all(fds[0], &got, &len), 0);
    close(fds[0]);
    REQUIRE(waitpid(pid, &wstatus, 0) == pid);
    CHECK(WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0);
    CHECK_EQ(len, (size_t)N);
    if (len == N)
        CHECK_MEM(got, data, N);
    free(got);
}

TEST(read_all_of_empty_and_small_files_and_read_file)
{
    const char *path = host_tmp("helpers_file");
    char *got;
    size_t len;
    int fd;

    host_write_file(path, "", 0);
    REQUIRE(libc_read_file(path, &got, &len) == 0);
    CHECK_EQ(len, (size_t)0);
    free(got);
    for (size_t size = 1; size <= 20000; size = size * 3 + 1) {
        char *data = malloc(size);
        for (size_t i = 0; i < size; i++)
            data[i] = (char)('a' + i % 26);
        fd = open(path, O_WRONLY | O_TRUNC);
        REQUIRE(fd >= 0);
        CHECK_EQ(libc_write_all(fd, data, size), 0);
        close(fd);
        REQUIRE(libc_read_file(path, &got, &len) == 0);
        CHECK_EQ(len, size);
        if (len == size)
            CHECK_MEM(got, data, size);
        free(got);
        free(data);
    }
    CHECK_EQ(libc_read_file("/nonexistent/helpers", &got, &len), -1);
    /* A descriptor open only for writing cannot be read. */
    fd = open(path, O_WRONLY);
    CHECK_EQ(libc_read_all(fd, &got, &len), -1);
    close(fd);
}

TEST(path_join_last_and_into)
{
    static const struct {
        const char *dir, *name, *joined;
    } joins[] = {
        {"a", "b", "a/b"}, {"a/", "b", "a/b"}, {"/", "b", "/b"}, {"", "b", "/b"},
        {"a//", "b", "a//b"}, {".", "x y", "./x y"}, {"a", "", "a/"},
    };
    static const struct {
        const char *path, *last;
    } lasts[] = {
        {"a", "a"}, {"a/b", "b"}, {"a/b/", "b"}, {"a/b//", "b"}, {"/", ""}, {"///", ""},
        {"/x", "x"}, {"", ""}, {"./..", ".."}, {"a//b", "b"},
    };
    static const struct {
        const char *dir, *path, *into;
    } intos[] = {
        {"d", "a/b", "d/b"}, {"d/", "a/b/", "d/b"}, {"d", "b", "d/b"}, {"d", "/", "d/"},
        {"/", "x//", "/x"},
    };
    char *p;
    size_t n;

    for (size_t i = 0; i < sizeof joins / sizeof joins[0]; i++) {
        p = libc_path_join(joins[i].dir, joins[i].name);
        CHECK_STR(p, joins[i].joined);
        free(p);
    }
    for (size_t i = 0; i < sizeof lasts / sizeof lasts[0]; i++) {
        const char *last = libc_path_last(lasts[i].path, &n);
        CHECK_EQ(n, strlen(lasts[i].last));
        CHECK(strncmp(last, lasts[i].last, n) == 0);
        CHECK(last >= lasts[i].path && last <= lasts[i].path + strlen(lasts[i].path));
    }
    for (size_t i = 0; i < sizeof intos / sizeof intos[0]; i++) {
        p = libc_path_into(intos[i].dir, intos[i].path);
        CHECK_STR(p, intos[i].into);
        free(p);
    }
}

TEST(parse_size_suffixes)
{
    static const struct {
        const char *s;
        int base;
        const char *units;
        int ok;
        uint64_t value;
    } cases[] = {
        /* head and tail -n/-c: decimal, b k K M G with B and iB forms. */
        {"0", 10, "bkKMG", 1, 0},
        {"10", 10, "bkKMG", 1, 10},
        {"3b", 10, "bkKMG", 1, 1536},
        {"2K", 10, "bkKMG", 1, 2048},
        {"2k", 10, "bkKMG", 1, 2048},
        {"2KiB", 10, "bkKMG", 1, 2048},
        {"2kB", 10, "bkKMG", 1, 2000},
        {"2KB", 10, "bkKMG", 1, 2000},
        {"1M", 10, "bkKMG", 1, 1048576},
        {"1MB", 10, "bkKMG", 1, 1000000},
        {"1MiB", 10, "bkKMG", 1, 1048576},
        {"1G", 10, "bkKMG", 1, 1073741824},
        {"1GB", 10, "bkKMG", 1, 1000000000},
        {"1T", 10, "bkKMG", 0, 0},
        {"1m", 10, "bkKMG", 0, 0},
        {"1KX", 10, "bkKMG", 0, 0},
        {"1Ki", 10, "bkKMG", 0, 0},
        {"", 10, "bkKMG", 0, 0},
        {"K", 10, "bkKMG", 0, 0},
        {"-1", 10, "bkKMG", 0, 0},
        {" -1", 10, "bkKMG", 0, 0},
        {"+7", 10, "bkKMG", 1, 7},
        {"010", 10, "bkKMG", 1, 10},
        {"18446744073709551615", 10, "bkKMG", 1, UINT64_MAX},
        {"36028797018963968b", 10, "bkKMG", 0, 0},
        {"36028797018963967b", 10, "bkKMG", 1, 36028797018963967ull * 512},
        {"17179869184G", 10, "bkKMG", 0, 0},
        /* od and hexdump: any base, b k K m M. */
        {"0x10", 0, "bkKmM", 1, 16},
        {"010", 0, "bkKmM", 1, 8},
        {"0x1b", 0, "bkKmM", 1, 27},
        {"1b", 0, "bkKmM", 1, 512},
        {"2m", 0, "bkKmM", 1, 2097152},
        {"2mB", 0, "bkKmM", 1, 2000000},
        {"1G", 0, "bkKmM", 0, 0},
        /* dd: c w b k K M G T. */
        {"5c", 10, "cwbkKMGT", 1, 5},
        {"5w", 10, "cwbkKMGT", 1, 10},
        {"1T", 10, "cwbkKMGT", 1, 1099511627776ull},
        {"1TB", 10, "cwbkKMGT", 1, 1000000000000ull},
        {"1kiB", 10, "cwbkKMGT", 1, 1024},
    };
    uint64_t v;

    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int r;
        v = 12345;
        r = libc_parse_size(cases[i].s, cases[i].base, cases[i].units, &v, NULL);
        CHECK_MSG(r == (cases[i].ok ? 0 : -1), "parse_size(\"%s\") returned %d", cases[i].s, r);
        if (cases[i].ok)
            CHECK_MSG(v == cases[i].value, "parse_size(\"%s\") = %llu, expected %llu",
                      cases[i].s, (unsigned long long)v, (unsigned long long)cases[i].value);
    }
    /* With end, what follows the suffix is left to the caller: dd's "2x512". */
    {
        char *end;
        CHECK_EQ(libc_parse_size("2kx3", 10, "cwbkKMGT", &v, &end), 0);
        CHECK_EQ(v, (uint64_t)2048);
        CHECK_STR(end, "x3");
        CHECK_EQ(libc_parse_size("7", 10, "", &v, &end), 0);
        CHECK_STR(end, "");
    }
}

/* s with its escapes interpreted as the tools do; returns the length. */
static size_t expand(const char *s, int flags, char *out)
{
    size_t n = 0;

    while (*s) {
        int c = (unsigned char)*s++;
        if (c == '\\') {
            c = libc_parse_escape(&s, flags);
            if (c == ESCAPE_STOP)
                break;
            if (c == ESCAPE_NONE)
                c = '\\';
        }
        out[n++] = (char)c;
    }
    return n;
}

/*
 * Does s have an escape the tools take otherwise than GNU's? For printf,
 * \x without a hexadecimal digit: an error in both, which expand() does not
 * model (echo prints it as it is, as GNU's does).
 */
static int unlike_gnu(const char *s, int echo_mode)
{
    while (*s) {
        if (*s++ != '\\')
            continue;
        if (!echo_mode && *s == 'x' && !isxdigit((unsigned char)s[1]))
            return 1;
        if (*s)
            s++; /* the escaped character, which is no backslash to look at */
    }
    return 0;
}

/* Random text made mostly of escapes (\' and \" among them). */
static void random_escapes(char *buf, int len)
{
    static const char alphabet[] = "\\\\\\\\abcefnrtvx0123789AFfqz\"'-";
    int i;

    for (i = 0; i < len; i++)
        buf[i] = alphabet[pick((int)sizeof alphabet - 1)];
    buf[i] = '\0';
}

/* The shell command that runs tool on s in single quotes. */
static void quote_command(char *cmd, size_t size, const char *tool, const char *s)
{
    size_t n = (size_t)snprintf(cmd, size, "%s'", tool);

    for (; *s && n + 8 < size; s++) {
        if (*s == '\'')
            n += (size_t)snprintf(cmd + n, size - n, "'\\''");
        else
            cmd[n++] = *s;
    }
    snprintf(cmd + n, size - n, "'");
}

TEST(parse_escape_matches_gnu_printf_and_echo)
{
    static const struct {
        const char *tool;
        int flags;
    } modes[] = {
        {"env printf -- ", ESCAPE_DQUOTE | ESCAPE_OCTAL},
        {"env printf %b ", ESCAPE_DQUOTE | ESCAPE_OCTAL | ESCAPE_OCTAL_0},
        {"env echo -ne ", ESCAPE_OCTAL | ESCAPE_OCTAL_0},
    };
    char s[16], cmd[128], want[64];

    if (system("env printf %b '\\101' | grep -q A") != 0)
        SKIP("no GNU printf");
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        int done = 0;
        while (done < 150) {
            size_t len, n;
            char *got;

            random_escapes(s, 1 + pick(8));
            if (unlike_gnu(s, m == 2))
                continue;
            if (m == 2 && s[0] == '-')
                continue; /* echo would take it for an option */
            quote_command(cmd, sizeof cmd, modes[m].tool, s);
            got = host_run_capture(cmd, &len);
            REQUIRE(got != NULL);
            n = expand(s, modes[m].flags, want);
            CHECK_MSG(n == len && memcmp(got, want, n) == 0, "%s: %zu bytes, GNU %zu", cmd, n, len);
            free(got);
            done++;
        }
    }
}

__attribute__((constructor)) static void seed(void)
{
    rng = host_seed("MISC_SEED", 0x68656c7065727321ull);
}
