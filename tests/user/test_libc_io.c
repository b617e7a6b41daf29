/*
 * test_libc_io.c - the parts of libc that need the kernel: getline on files
 * and pipes, ungetc with every kind of read, buffering modes, freopen,
 * tmpfile, mkstemp and mkdtemp, realpath through symbolic links, fscanf on
 * a stream, the environment, popen/pclose and system through /bin/sh, and
 * glob on the guest's file system. Everything is made under /tmp and
 * removed again. (The host tests compare sscanf and glob with glibc on many
 * more cases; these check that the same code works on the real system.)
 */
#define UTEST_SUITE "libc_io"
#include "utest.h"

#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* Write text to path, replacing it; 0 or -1. */
static int put_file(const char *path, const char *text, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ssize_t w;

    if (fd < 0)
        return -1;
    w = write(fd, text, len);
    close(fd);
    return w == (ssize_t)len ? 0 : -1;
}

/* Read all of path into buf (NUL-terminated); the length or -1. */
static ssize_t get_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    ssize_t n, total = 0;

    if (fd < 0)
        return -1;
    while ((n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
        total += n;
    close(fd);
    buf[total] = '\0';
    return total;
}

/* Does the read end of a pipe have data right now? */
static int pipe_ready(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};

    return poll(&p, 1, 0) == 1 && (p.revents & POLLIN);
}

UTEST(getline_reads_lines_of_any_length)
{
    static char text[20000];
    char *line = NULL;
    size_t cap = 0;
    FILE *f;

    /* A short line, an empty one, one of 12000 bytes, a NUL inside, no final newline. */
    size_t n = 0;
    n += (size_t)snprintf(text + n, sizeof text - n, "one\n\n");
    memset(text + n, 'x', 12000);
    n += 12000;
    text[n++] = '\n';
    memcpy(text + n, "a\0b\n", 4);
    n += 4;
    memcpy(text + n, "tail", 4);
    n += 4;
    UT_ASSERT_EQ(put_file("/tmp/libc_io_lines", text, n), 0);
    f = fopen("/tmp/libc_io_lines", "r");
    UT_ASSERT(f != NULL);
    UT_ASSERT_EQ(getline(&line, &cap, f), 4);
    UT_ASSERT_STR(line, "one\n");
    UT_ASSERT_EQ(getline(&line, &cap, f), 1);
    UT_ASSERT_STR(line, "\n");
    UT_ASSERT_EQ(getline(&line, &cap, f), 12001);
    UT_ASSERT(cap > 12001 && line[11999] == 'x' && line[12000] == '\n' && line[12001] == '\0');
    UT_ASSERT_EQ(getline(&line, &cap, f), 4);
    UT_ASSERT(memcmp(line, "a\0b\n", 5) == 0);
    UT_ASSERT_EQ(getline(&line, &cap, f), 4);
    UT_ASSERT_STR(line, "tail");
    UT_ASSERT_EQ(getline(&line, &cap, f), -1);
    UT_ASSERT(feof(f));
    fclose(f);
    free(line);
    unlink("/tmp/libc_io_lines");
}

UTEST(getdelim_splits_at_any_byte)
{
    char *rec = NULL;
    size_t cap = 0;
    FILE *f;

    UT_ASSERT_EQ(put_file("/tmp/libc_io_recs", "a:bb::ccc", 9), 0);
    f = fopen("/tmp/libc_io_recs", "r");
    UT_ASSERT(f != NULL);
    UT_ASSERT_EQ(getdelim(&rec, &cap, ':', f), 2);
    UT_ASSERT_STR(rec, "a:");
    UT_ASSERT_EQ(getdelim(&rec, &cap, ':', f), 3);
    UT_ASSERT_EQ(getdelim(&rec, &cap, ':', f), 1);
    UT_ASSERT_EQ(getdelim(&rec, &cap, ':', f), 3);
    UT_ASSERT_STR(rec, "ccc");
    UT_ASSERT_EQ(getdelim(&rec, &cap, ':', f), -1);
    fclose(f);
    free(rec);
    unlink("/tmp/libc_io_recs");
}

UTEST(getline_on_a_pipe_sees_lines_written_in_pieces)
{
    int fds[2];
    char *line = NULL;
    size_t cap = 0;
    FILE *f;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        /* Pieces that split lines, with pauses so that reads return short. */
        const char *pieces[] = {"fir", "st\nsec", "ond\n", "third without newline"};
        for (int i = 0; i < 4; i++) {
            if (write(fds[1], pieces[i], strlen(pieces[i])) < 0)
                _exit(1);
            usleep(20000);
        }
        _exit(0);
    }
    close(fds[1]);
    f = fdopen(fds[0], "r");
    UT_ASSERT(f != NULL);
    UT_ASSERT_EQ(getline(&line, &cap, f), 6);
    UT_ASSERT_STR(line, "first\n");
    UT_ASSERT_EQ(getline(&line, &cap, f), 7);
    UT_ASSERT_STR(line, "second\n");
    UT_ASSERT_EQ(getline(&line, &cap, f), 21);
    UT_ASSERT_STR(line, "third without newline");
    UT_ASSERT_EQ(getline(&line, &cap, f), -1);
    fclose(f);
    free(line);
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(ungetc_is_seen_by_every_read)
{
    char buf[16];
    FILE *f;

    UT_ASSERT_EQ(put_file("/tmp/libc_io_unget", "abcdef", 6), 0);
    f = fopen("/tmp/libc_io_unget", "r");
    UT_ASSERT(f != NULL);
    /* Before any read: the buffer is empty. */
    UT_ASSERT_EQ(ungetc('Z', f), 'Z');
    UT_ASSERT_EQ(getc(f), 'Z');
    UT_ASSERT_EQ(getc(f), 'a');
    UT_ASSERT_EQ(ungetc('X', f), 'X');
    UT_ASSERT(fgets(buf, sizeof buf, f) != NULL);
    UT_ASSERT_STR(buf, "Xbcdef");
    /* At the end of the file: the byte comes back and the end-of-file flag goes. */
    UT_ASSERT_EQ(getc(f), EOF);
    UT_ASSERT(feof(f));
    UT_ASSERT_EQ(ungetc('Q', f), 'Q');
    UT_ASSERT(!feof(f));
    UT_ASSERT_EQ(fread(buf, 1, sizeof buf, f), 1);
    UT_ASSERT_EQ(buf[0], 'Q');
    UT_ASSERT_EQ(ungetc(EOF, f), EOF);
    /* The position moves back, and a seek drops the pushed-back byte. */
    rewind(f);
    UT_ASSERT_EQ(getc(f), 'a');
    UT_ASSERT_EQ(getc(f), 'b');
    UT_ASSERT_EQ(ungetc('b', f), 'b');
    UT_ASSERT_EQ(ftell(f), 1);
    UT_ASSERT_EQ(ungetc('?', f), '?');
    UT_ASSERT_EQ(fseek(f, 0, SEEK_CUR), 0);
    UT_ASSERT_EQ(getc(f), 'a');
    fclose(f);
    unlink("/tmp/libc_io_unget");
}

UTEST(ungetc_works_on_unbuffered_streams_and_scanf)
{
    int fds[2], n = 0;
    char word[16];
    FILE *f;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(write(fds[1], "42abc 7", 7), 7);
    close(fds[1]);
    f = fdopen(fds[0], "r");
    UT_ASSERT(f != NULL);
    UT_ASSERT_EQ(setvbuf(f, NULL, _IONBF, 0), 0);
    UT_ASSERT_EQ(getc(f), '4');
    UT_ASSERT_EQ(ungetc('4', f), '4');
    /* fscanf reads a byte past each number and gives it back with ungetc. */
    UT_ASSERT_EQ(fscanf(f, "%d%3s %d", &n, word, &n), 3);
    UT_ASSERT_STR(word, "abc");
    UT_ASSERT_EQ(n, 7);
    UT_ASSERT_EQ(fscanf(f, "%d", &n), EOF);
    fclose(f);
}

UTEST(fscanf_leaves_the_stream_after_the_last_conversion)
{
    FILE *f;
    int a = 0, got;
    double d = 0;
    char s[8];

    UT_ASSERT_EQ(put_file("/tmp/libc_io_scan", "  12,3.5e1xyz rest\n", 19), 0);
    f = fopen("/tmp/libc_io_scan", "r");
    UT_ASSERT(f != NULL);
    got = fscanf(f, "%d,%lf%2s", &a, &d, s);
    UT_ASSERT_EQ(got, 3);
    UT_ASSERT_EQ(a, 12);
    UT_ASSERT(d == 35.0);
    UT_ASSERT_STR(s, "xy");
    UT_ASSERT_EQ(ftell(f), 12);
    UT_ASSERT_EQ(getc(f), 'z');
    UT_ASSERT_EQ(fscanf(f, "%d", &a), 0); /* "rest" is no number */
    UT_ASSERT_EQ(getc(f), 'r');
    fclose(f);
    unlink("/tmp/libc_io_scan");
}

UTEST(buffering_modes_decide_when_a_pipe_sees_output)
{
    int fds[2];
    char buf[16];
    FILE *f;

    UT_ASSERT_EQ(pipe(fds), 0);
    f = fdopen(fds[1], "w");
    UT_ASSERT(f != NULL);
    /* A pipe is not a terminal: fully buffered. */
    fputs("a\n", f);
    UT_ASSERT(!pipe_ready(fds[0]));
    UT_ASSERT_EQ(fflush(f), 0);
    UT_ASSERT(pipe_ready(fds[0]));
    UT_ASSERT_EQ(read(fds[0], buf, sizeof buf), 2);
    UT_ASSERT_EQ(setvbuf(f, NULL, _IOLBF, 0), 0);
    fputs("b", f);
    UT_ASSERT(!pipe_ready(fds[0]));
    fputs("c\n", f);
    UT_ASSERT(pipe_ready(fds[0]));
    UT_ASSERT_EQ(read(fds[0], buf, sizeof buf), 3);
    setbuf(f, NULL);
    fputs("d", f);
    UT_ASSERT(pipe_ready(fds[0]));
    UT_ASSERT_EQ(read(fds[0], buf, sizeof buf), 1);
    UT_ASSERT_EQ(buf[0], 'd');
    UT_ASSERT_EQ(setvbuf(f, NULL, 7, 0), -1);
    fclose(f);
    close(fds[0]);
}

UTEST(freopen_keeps_the_descriptor)
{
    char buf[64];
    FILE *f;
    int fd;

    f = fopen("/tmp/libc_io_first", "w");
    UT_ASSERT(f != NULL);
    fd = fileno(f);
    fputs("lost?", f);
    UT_ASSERT(freopen("/tmp/libc_io_second", "w", f) == f);
    UT_ASSERT_EQ(fileno(f), fd);
    fputs("second\n", f);
    /* Mode change only: same file, now appending. */
    UT_ASSERT(freopen(NULL, "a", f) == f);
    fputs("more\n", f);
    fclose(f);
    UT_ASSERT_EQ(get_file("/tmp/libc_io_first", buf, sizeof buf), 5);
    UT_ASSERT_STR(buf, "lost?");
    UT_ASSERT_EQ(get_file("/tmp/libc_io_second", buf, sizeof buf), 12);
    UT_ASSERT_STR(buf, "second\nmore\n");
    /* A read-only stream cannot become a writing one without a new file. */
    f = fopen("/tmp/libc_io_first", "r");
    UT_ASSERT(f != NULL);
    errno = 0;
    UT_ASSERT(freopen(NULL, "w", f) == NULL);
    UT_ASSERT_EQ(errno, EBADF);
    /* Failure closes the stream: the path does not exist. */
    f = fopen("/tmp/libc_io_first", "r");
    UT_ASSERT(f != NULL);
    UT_ASSERT(freopen("/tmp/no/such/dir/x", "r", f) == NULL);
    UT_ASSERT_EQ(errno, ENOENT);
    unlink("/tmp/libc_io_first");
    unlink("/tmp/libc_io_second");
}

/* Entries in /tmp, to see that temporary files leave nothing behind. */
static int tmp_entries(void)
{
    glob_t g;
    int n;

    if (glob("/tmp/*", GLOB_PERIOD, NULL, &g) != 0)
        return 0;
    n = (int)g.gl_pathc;
    globfree(&g);
    return n;
}

UTEST(tmpfile_is_nameless_and_read_write)
{
    char buf[16];
    int before = tmp_entries();
    FILE *f = tmpfile();

    UT_ASSERT(f != NULL);
    UT_ASSERT_EQ(tmp_entries(), before);
    UT_ASSERT_EQ(fputs("scratch", f), 0);
    rewind(f);
    UT_ASSERT(fgets(buf, sizeof buf, f) != NULL);
    UT_ASSERT_STR(buf, "scratch");
    fclose(f);
}

UTEST(mkstemp_and_mkdtemp_make_new_names)
{
    char a[] = "/tmp/libc_io_XXXXXX", b[] = "/tmp/libc_io_XXXXXX", d[] = "/tmp/libc_io_dXXXXXX";
    char bad[] = "/tmp/libc_io_XXXXX";
    struct stat st;
    int fa, fb;

    fa = mkstemp(a);
    fb = mkstemp(b);
    UT_ASSERT(fa >= 0 && fb >= 0);
    UT_ASSERT(strcmp(a, b) != 0 && strncmp(a, "/tmp/libc_io_", 13) == 0 && !strchr(a, 'X'));
    UT_ASSERT_EQ(fstat(fa, &st), 0);
    UT_ASSERT(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600);
    UT_ASSERT_EQ(write(fa, "x", 1), 1);
    close(fa);
    close(fb);
    UT_ASSERT_EQ(unlink(a), 0);
    UT_ASSERT_EQ(unlink(b), 0);
    UT_ASSERT(mkdtemp(d) == d);
    UT_ASSERT_EQ(stat(d, &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700);
    UT_ASSERT_EQ(rmdir(d), 0);
    UT_ASSERT_ERRNO(mkstemp(bad), EINVAL);
}

UTEST(realpath_resolves_dots_and_links)
{
    char out[PATH_MAX], cwd[PATH_MAX];
    char *p;

    UT_ASSERT_EQ(mkdir("/tmp/libc_io_rp", 0755), 0);
    UT_ASSERT_EQ(mkdir("/tmp/libc_io_rp/dir", 0755), 0);
    UT_ASSERT_EQ(put_file("/tmp/libc_io_rp/dir/file", "", 0), 0);
    UT_ASSERT_EQ(symlink("dir", "/tmp/libc_io_rp/rel"), 0);
    UT_ASSERT_EQ(symlink("/tmp/libc_io_rp/dir/file", "/tmp/libc_io_rp/abs"), 0);
    UT_ASSERT_EQ(symlink("loop2", "/tmp/libc_io_rp/loop1"), 0);
    UT_ASSERT_EQ(symlink("loop1", "/tmp/libc_io_rp/loop2"), 0);
    UT_ASSERT(realpath("/tmp//libc_io_rp/./rel/../rel/file", out) == out);
    UT_ASSERT_STR(out, "/tmp/libc_io_rp/dir/file");
    UT_ASSERT(realpath("/tmp/libc_io_rp/abs", out) == out);
    UT_ASSERT_STR(out, "/tmp/libc_io_rp/dir/file");
    UT_ASSERT(realpath("/..", out) == out);
    UT_ASSERT_STR(out, "/");
    UT_ASSERT(getcwd(cwd, sizeof cwd) != NULL);
    UT_ASSERT_EQ(chdir("/tmp/libc_io_rp/rel"), 0);
    p = realpath("file", NULL);
    chdir(cwd);
    UT_ASSERT_STR(p, "/tmp/libc_io_rp/dir/file");
    free(p);
    UT_ASSERT(realpath("/tmp/libc_io_rp/missing", out) == NULL && errno == ENOENT);
    UT_ASSERT(realpath("/tmp/libc_io_rp/abs/x", out) == NULL && errno == ENOTDIR);
    UT_ASSERT(realpath("/tmp/libc_io_rp/loop1", out) == NULL && errno == ELOOP);
    unlink("/tmp/libc_io_rp/loop1");
    unlink("/tmp/libc_io_rp/loop2");
    unlink("/tmp/libc_io_rp/abs");
    unlink("/tmp/libc_io_rp/rel");
    unlink("/tmp/libc_io_rp/dir/file");
    rmdir("/tmp/libc_io_rp/dir");
    UT_ASSERT_EQ(rmdir("/tmp/libc_io_rp"), 0);
}

UTEST(environment_changes_reach_children)
{
    static char entry[] = "LIBC_IO_PUT=one";
    int status;

    UT_ASSERT_EQ(setenv("LIBC_IO_VAR", "value", 1), 0);
    UT_ASSERT_STR(getenv("LIBC_IO_VAR"), "value");
    UT_ASSERT_EQ(setenv("LIBC_IO_VAR", "other", 0), 0);
    UT_ASSERT_STR(getenv("LIBC_IO_VAR"), "value");
    UT_ASSERT_EQ(putenv(entry), 0);
    entry[12] = 'x'; /* the string itself is the variable */
    UT_ASSERT_STR(getenv("LIBC_IO_PUT"), "xne");
    UT_ASSERT_ERRNO(setenv("A=B", "c", 1), EINVAL);
    if (access("/bin/sh", X_OK) != 0)
        UT_SKIP("no /bin/sh");
    status = system("test \"$LIBC_IO_VAR\" = value");
    UT_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    UT_ASSERT_EQ(unsetenv("LIBC_IO_VAR"), 0);
    UT_ASSERT(getenv("LIBC_IO_VAR") == NULL);
    status = system("test -z \"$LIBC_IO_VAR\"");
    UT_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    unsetenv("LIBC_IO_PUT");
}

UTEST(system_returns_the_wait_status)
{
    int status;

    if (access("/bin/sh", X_OK) != 0)
        UT_SKIP("no /bin/sh");
    UT_ASSERT(system(NULL) != 0);
    status = system("exit 3");
    UT_ASSERT(WIFEXITED(status));
    UT_ASSERT_EQ(WEXITSTATUS(status), 3);
    status = system("/no/such/program");
    UT_ASSERT(WIFEXITED(status));
    UT_ASSERT_EQ(WEXITSTATUS(status), 127);
    status = system("echo made > /tmp/libc_io_sys");
    UT_ASSERT_EQ(status, 0);
    UT_ASSERT_EQ(access("/tmp/libc_io_sys", F_OK), 0);
    unlink("/tmp/libc_io_sys");
}

UTEST(popen_reads_and_writes_through_the_shell)
{
    char *line = NULL, buf[64];
    size_t cap = 0;
    FILE *p;
    int status;

    if (access("/bin/sh", X_OK) != 0)
        UT_SKIP("no /bin/sh");
    p = popen("echo one; echo two", "r");
    UT_ASSERT(p != NULL);
    UT_ASSERT_EQ(getline(&line, &cap, p), 4);
    UT_ASSERT_STR(line, "one\n");
    UT_ASSERT_EQ(getline(&line, &cap, p), 4);
    UT_ASSERT_STR(line, "two\n");
    UT_ASSERT_EQ(getline(&line, &cap, p), -1);
    UT_ASSERT_EQ(pclose(p), 0);
    free(line);

    p = popen("cat > /tmp/libc_io_popen", "w");
    UT_ASSERT(p != NULL);
    UT_ASSERT(fprintf(p, "through %s\n", "a pipe") > 0);
    UT_ASSERT_EQ(pclose(p), 0);
    UT_ASSERT_EQ(get_file("/tmp/libc_io_popen", buf, sizeof buf), 15);
    UT_ASSERT_STR(buf, "through a pipe\n");
    unlink("/tmp/libc_io_popen");

    p = popen("exit 5", "r");
    UT_ASSERT(p != NULL);
    status = pclose(p);
    UT_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 5);
    UT_ASSERT(popen("true", "rw") == NULL && errno == EINVAL);
}

UTEST(glob_on_the_guest_file_system)
{
    static const char *files[] = {"/tmp/libc_io_g/b.c", "/tmp/libc_io_g/a.c",
                                  "/tmp/libc_io_g/.h.c", "/tmp/libc_io_g/x.h",
                                  "/tmp/libc_io_g/d/y.c", "/tmp/libc_io_g/e/z.c"};
    glob_t g;

    UT_ASSERT_EQ(mkdir("/tmp/libc_io_g", 0755), 0);
    UT_ASSERT_EQ(mkdir("/tmp/libc_io_g/d", 0755), 0);
    UT_ASSERT_EQ(mkdir("/tmp/libc_io_g/e", 0755), 0);
    for (int i = 0; i < 6; i++)
        UT_ASSERT_EQ(put_file(files[i], "", 0), 0);
    UT_ASSERT_EQ(glob("/tmp/libc_io_g/*.c", 0, NULL, &g), 0);
    UT_ASSERT_EQ(g.gl_pathc, 2);
    UT_ASSERT_STR(g.gl_pathv[0], "/tmp/libc_io_g/a.c");
    UT_ASSERT_STR(g.gl_pathv[1], "/tmp/libc_io_g/b.c");
    UT_ASSERT(g.gl_pathv[2] == NULL);
    globfree(&g);
    UT_ASSERT_EQ(glob("/tmp/libc_io_g/*/*.c", 0, NULL, &g), 0);
    UT_ASSERT_EQ(g.gl_pathc, 2);
    UT_ASSERT_STR(g.gl_pathv[0], "/tmp/libc_io_g/d/y.c");
    UT_ASSERT_STR(g.gl_pathv[1], "/tmp/libc_io_g/e/z.c");
    globfree(&g);
    UT_ASSERT_EQ(glob("/tmp/libc_io_g/.*.c", 0, NULL, &g), 0);
    UT_ASSERT_EQ(g.gl_pathc, 1);
    UT_ASSERT_STR(g.gl_pathv[0], "/tmp/libc_io_g/.h.c");
    globfree(&g);
    UT_ASSERT_EQ(glob("/tmp/libc_io_g/[de]", GLOB_MARK, NULL, &g), 0);
    UT_ASSERT_EQ(g.gl_pathc, 2);
    UT_ASSERT_STR(g.gl_pathv[0], "/tmp/libc_io_g/d/");
    globfree(&g);
    UT_ASSERT_EQ(glob("/tmp/libc_io_g/*.none", 0, NULL, &g), GLOB_NOMATCH);
    globfree(&g);
    UT_ASSERT_EQ(glob("/tmp/libc_io_g/*.none", GLOB_NOCHECK, NULL, &g), 0);
    UT_ASSERT_STR(g.gl_pathv[0], "/tmp/libc_io_g/*.none");
    globfree(&g);
    UT_ASSERT_EQ(glob("/tmp/libc_io_nodir/*", GLOB_ERR, NULL, &g), GLOB_ABORTED);
    globfree(&g);
    for (int i = 0; i < 6; i++)
        unlink(files[i]);
    rmdir("/tmp/libc_io_g/d");
    rmdir("/tmp/libc_io_g/e");
    UT_ASSERT_EQ(rmdir("/tmp/libc_io_g"), 0);
}

UTEST(asprintf_and_string_helpers)
{
    char *s = NULL, text[] = "a,b,,c", *p = text, *tok, *save;

    UT_ASSERT_EQ(asprintf(&s, "%s-%d-%0300d", "x", 42, 7), 305);
    UT_ASSERT(strncmp(s, "x-42-000", 8) == 0 && s[304] == '7' && s[305] == '\0');
    free(s);
    UT_ASSERT_STR(strsep(&p, ","), "a");
    UT_ASSERT_STR(strsep(&p, ","), "b");
    UT_ASSERT_STR(strsep(&p, ","), "");
    UT_ASSERT_STR(strsep(&p, ","), "c");
    UT_ASSERT(p == NULL);
    strcpy(text, ",,x,,y");
    tok = strtok_r(text, ",", &save);
    UT_ASSERT_STR(tok, "x");
    UT_ASSERT_STR(strtok_r(NULL, ",", &save), "y");
    UT_ASSERT(strtok_r(NULL, ",", &save) == NULL);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
