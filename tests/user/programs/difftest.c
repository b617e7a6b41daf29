/*
 * difftest - the guest half of the differential tool tests
 * (tests/system/test_difftest.py, docs/testing.md).
 *
 * Runs as process 1 (init=/tests/bin/difftest). For every case file
 * /tests/difftest/<group>.cases, in name order, it copies
 * /tests/difftest/fixture to a fresh /tmp/dt-<group> (with its own copier,
 * so that no tool under test prepares its own test), then runs each case
 * line there with "/bin/sh -c LINE", standard input /dev/null, output and
 * errors to files, the environment PATH=/bin LC_ALL=C TZ=UTC HOME=/tmp, and
 * reports one line per case on the console:
 *
 *     DT CASE <group> <line number> status=<n> out=<hex> err=<hex>
 *
 * status is the exit status, or 128 + the signal; a case still running after
 * CASE_SECONDS is killed (status 128 + 9). At the end: "DT DONE <cases>", and
 * the machine powers off.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DIR_ROOT "/tests/difftest"
#define FIXTURE DIR_ROOT "/fixture"
#define OUT_FILE "/tmp/dt.out"
#define ERR_FILE "/tmp/dt.err"
#define CASE_SECONDS 30
#define MAX_GROUPS 64
#define OUTPUT_MAX (256 * 1024) /* more is reported truncated, so it differs */

static int copy_tree(const char *from, const char *to);

static int copy_file(const char *from, const char *to, mode_t mode)
{
    char buf[4096];
    int in = open(from, O_RDONLY), out;
    ssize_t n;

    if (in < 0)
        return -1;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode & 07777);
    if (out < 0) {
        close(in);
        return -1;
    }
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write(out, buf, (size_t)n) != n) {
            n = -1;
            break;
        }
    close(in);
    close(out);
    chmod(to, mode & 07777);
    return n < 0 ? -1 : 0;
}

static int copy_entry(const char *from, const char *to)
{
    struct stat st;
    char target[1024];

    if (lstat(from, &st) < 0)
        return -1;
    if (S_ISDIR(st.st_mode))
        return copy_tree(from, to);
    if (S_ISLNK(st.st_mode)) {
        ssize_t n = readlink(from, target, sizeof target - 1);
        if (n < 0)
            return -1;
        target[n] = '\0';
        return symlink(target, to);
    }
    return copy_file(from, to, st.st_mode);
}

static int copy_tree(const char *from, const char *to)
{
    struct stat st;
    DIR *d;
    struct dirent *e;
    int rc = 0;

    if (stat(from, &st) < 0 || mkdir(to, 0700) < 0 || !(d = opendir(from)))
        return -1;
    while ((e = readdir(d))) {
        char a[1024], b[1024];
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(a, sizeof a, "%s/%s", from, e->d_name);
        snprintf(b, sizeof b, "%s/%s", to, e->d_name);
        if (copy_entry(a, b) < 0)
            rc = -1;
    }
    closedir(d);
    chmod(to, st.st_mode & 07777);
    return rc;
}

static void print_hex_file(const char *label, const char *path)
{
    unsigned char buf[4096];
    int fd = open(path, O_RDONLY);
    ssize_t n;
    size_t total = 0;

    printf(" %s=", label);
    while (fd >= 0 && (n = read(fd, buf, sizeof buf)) > 0 && total < OUTPUT_MAX) {
        for (ssize_t i = 0; i < n; i++)
            printf("%02x", buf[i]);
        total += (size_t)n;
    }
    if (total >= OUTPUT_MAX)
        printf("...");
    if (fd >= 0)
        close(fd);
}

/* Run one line; its status as the shell sees it. */
static int run_case(const char *line)
{
    char *argv[] = {"sh", "-c", (char *)line, NULL};
    char *envp[] = {"PATH=/bin", "LC_ALL=C", "TZ=UTC", "HOME=/tmp", NULL};
    int status;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(OUT_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(ERR_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0)
            _exit(125);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        close(in);
        close(out);
        close(err);
        setpgid(0, 0); /* the whole case can be killed as a group */
        execve("/bin/sh", argv, envp);
        _exit(127);
    }
    setpgid(pid, pid);
    /* Poll for the end, so that a hung case is killed after CASE_SECONDS. */
    const struct timespec tick = {.tv_nsec = 10000000};
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (;;) {
        pid_t got = waitpid(pid, &status, WNOHANG);
        if (got == pid)
            break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec - start.tv_sec >= CASE_SECONDS) {
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            break;
        }
        nanosleep(&tick, NULL);
    }
    kill(-pid, SIGKILL); /* anything the case left running in its group */
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int run_group(const char *file, int *cases)
{
    char path[512], dir[512], group[256], *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0;

    snprintf(group, sizeof group, "%.*s", (int)(strlen(file) - strlen(".cases")), file);
    snprintf(path, sizeof path, "%s/%s", DIR_ROOT, file);
    snprintf(dir, sizeof dir, "/tmp/dt-%s", group);
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("DT ERROR %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (copy_tree(FIXTURE, dir) < 0 || chdir(dir) < 0) {
        printf("DT ERROR cannot copy the fixture to %s: %s\n", dir, strerror(errno));
        fclose(f);
        return -1;
    }
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (len > 0 && line[len - 1] == '\n')
            line[--len] = '\0';
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p || *p == '#')
            continue;
        int status = run_case(line);
        printf("DT CASE %s %d status=%d", group, lineno, status);
        print_hex_file("out", OUT_FILE);
        print_hex_file("err", ERR_FILE);
        printf("\n");
        fflush(stdout);
        (*cases)++;
    }
    free(line);
    fclose(f);
    chdir("/");
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    char *files[MAX_GROUPS];
    int n = 0, cases = 0;
    DIR *d;
    struct dirent *e;

    if (open("/dev/console", O_RDWR) == 0) { /* process 1 starts without descriptors */
        dup2(0, 1);
        dup2(0, 2);
    }
    mkdir("/tmp", 01777);
    d = opendir(DIR_ROOT);
    while (d && (e = readdir(d)) && n < MAX_GROUPS) {
        size_t l = strlen(e->d_name);
        if (l > 6 && strcmp(e->d_name + l - 6, ".cases") == 0)
            files[n++] = strdup(e->d_name);
    }
    if (d)
        closedir(d);
    qsort(files, (size_t)n, sizeof files[0], by_name);
    for (int i = 0; i < n; i++)
        run_group(files[i], &cases);
    printf("DT DONE %d\n", cases);
    fflush(stdout);
    sync();
    reboot(REBOOT_POWER_OFF, 0);
    return 0;
}
