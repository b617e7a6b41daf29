/*
 * oom.c - runs out of memory on purpose (/tests/bin/oom, for
 * tests/system/test_oom.py, which boots a small machine with this program
 * as process 1).
 *
 * Each round forks a hog that takes memory without end and touches every
 * page of it: from the break (sbrk) in one round, from anonymous mappings
 * (mmap) in the next, and from mappings that read() from /dev/zero fills in
 * the last, so that the kernel's own copy to user space meets the shortage
 * (it fails with EFAULT; the hog then touches the pages itself). Address space is never what runs out (3 GiB of it
 * against a machine of a few dozen MiB): a page fault finds no free page,
 * and the kernel must end the largest process, the hog, with SIGKILL. The
 * driver then checks that the system lives on: it can fork and exec, and
 * allocate and use memory again.
 *
 * Lines for the test (one per event, on stdout):
 *     OOM ROUND <kind>                         before the hog is forked
 *     OOM HOG pid=<pid>
 *     OOM HOG <MiB> MiB                        every 4 MiB the hog has touched
 *     OOM RESULT <kind>: killed by signal <n>  (or: exited with <n>)
 *     OOM AFTER fork+exec: <ok|failed ...>
 *     OOM AFTER memory: <ok|failed ...>
 *     OOM DONE ok|failed
 * As process 1 it then powers off, with status 0 when everything held.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define STEP (1u << 20)          /* the hog grows by this much at a time */
#define REPORT_EVERY (4u << 20)  /* and says so this often */
#define AFTER_BYTES (8u << 20)   /* what the driver allocates once the hogs are gone */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

/* Touch every page of [p, p + n) with a value that names the page. */
static void touch(unsigned char *p, size_t n, uint32_t first_page)
{
    for (size_t off = 0; off < n; off += PAGE)
        *(volatile uint32_t *)(p + off) = first_page + (uint32_t)(off / PAGE);
}

/* How a hog takes its memory. */
enum hog_kind {
    HOG_BRK,  /* sbrk, then touch each page */
    HOG_MMAP, /* anonymous mappings, then touch each page */
    HOG_READ, /* anonymous mappings filled by read() from /dev/zero: the kernel's
                 copy to user space takes the page faults; what it could not
                 fill (it fails with EFAULT when no page is left) is touched */
};

/* Fill p[0 .. STEP) by reading /dev/zero; the pages the read left are touched. */
static void fill_by_read(int zero, unsigned char *p, uint32_t first_page)
{
    ssize_t got = read(zero, p, STEP);

    if (got < 0)
        got = 0;
    touch(p + (got & ~(ssize_t)(PAGE - 1)), STEP - (size_t)(got & ~(ssize_t)(PAGE - 1)),
          first_page);
}

/*
 * The hog: grow by STEP and touch it, forever. Exit status 2 when the kernel
 * refuses more address space (which should never happen first); being
 * killed is the expected end.
 */
static void hog(enum hog_kind kind)
{
    size_t total = 0;
    int zero = kind == HOG_READ ? open("/dev/zero", O_RDONLY) : -1;

    if (kind == HOG_READ && zero < 0) {
        say("OOM HOG cannot open /dev/zero: %s\n", strerror(errno));
        _exit(3);
    }
    for (;;) {
        unsigned char *p;
        if (kind != HOG_BRK) {
            p = mmap(NULL, STEP, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
            if (p == MAP_FAILED)
                p = NULL;
        } else {
            p = sbrk(STEP);
            if (p == (void *)-1)
                p = NULL;
        }
        if (!p) {
            say("OOM HOG refused at %zu MiB: %s\n", total >> 20, strerror(errno));
            _exit(2);
        }
        if (kind == HOG_READ)
            fill_by_read(zero, p, (uint32_t)(total / PAGE));
        else
            touch(p, STEP, (uint32_t)(total / PAGE));
        total += STEP;
        if (total % REPORT_EVERY == 0)
            say("OOM HOG %zu MiB\n", total >> 20);
    }
}

/* One round: 1 when the hog was killed by SIGKILL. */
static int round_of(const char *name, enum hog_kind kind)
{
    int status;
    pid_t pid, got;

    say("OOM ROUND %s\n", name);
    pid = fork();
    if (pid < 0) {
        say("OOM RESULT %s: fork failed: %s\n", name, strerror(errno));
        return 0;
    }
    if (pid == 0)
        hog(kind);
    say("OOM HOG pid=%d\n", pid);
    do
        got = waitpid(pid, &status, 0);
    while (got < 0 && errno == EINTR);
    if (got != pid) {
        say("OOM RESULT %s: waitpid failed: %s\n", name, strerror(errno));
        return 0;
    }
    if (WIFSIGNALED(status)) {
        say("OOM RESULT %s: killed by signal %d\n", name, WTERMSIG(status));
        return WTERMSIG(status) == SIGKILL;
    }
    say("OOM RESULT %s: exited with %d\n", name, WEXITSTATUS(status));
    return 0;
}

/* fork, exec /bin/hello (output to /dev/null) and wait: 1 when it exited 0. */
static int fork_exec_works(void)
{
    char *const argv[] = {"/bin/hello", NULL};
    char *const envp[] = {NULL};
    int status;
    pid_t pid = fork();

    if (pid < 0) {
        say("OOM AFTER fork+exec: failed: fork: %s\n", strerror(errno));
        return 0;
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) != 1)
            _exit(126);
        execve(argv[0], argv, envp);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        say("OOM AFTER fork+exec: failed: status %#x\n", (unsigned)status);
        return 0;
    }
    say("OOM AFTER fork+exec: ok\n");
    return 1;
}

/* Allocate, fill and check AFTER_BYTES in a child: 1 when it all worked. */
static int memory_works(void)
{
    int status;
    pid_t pid = fork();

    if (pid < 0) {
        say("OOM AFTER memory: failed: fork: %s\n", strerror(errno));
        return 0;
    }
    if (pid == 0) {
        uint32_t *p = malloc(AFTER_BYTES);
        if (!p)
            _exit(1);
        for (size_t i = 0; i < AFTER_BYTES / 4; i++)
            p[i] = (uint32_t)i * 2654435761u;
        for (size_t i = 0; i < AFTER_BYTES / 4; i++)
            if (p[i] != (uint32_t)i * 2654435761u)
                _exit(2);
        _exit(0);
    }
    if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        say("OOM AFTER memory: failed: status %#x\n", (unsigned)status);
        return 0;
    }
    say("OOM AFTER memory: ok\n");
    return 1;
}

int main(void)
{
    int ok = 1;

    ok &= round_of("brk", HOG_BRK);
    ok &= round_of("mmap", HOG_MMAP);
    ok &= round_of("read", HOG_READ);
    ok &= fork_exec_works();
    ok &= memory_works();
    say("OOM DONE %s\n", ok ? "ok" : "failed");
    if (getpid() == 1) {
        sync();
        reboot(REBOOT_POWER_OFF, ok ? 0 : 1);
        say("oom: power-off failed: %s\n", strerror(errno));
        for (;;) /* process 1 must not end: reap whatever comes */
            if (wait(NULL) < 0)
                sleep(1);
    }
    return ok ? 0 : 1;
}
