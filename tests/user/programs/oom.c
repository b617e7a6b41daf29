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
 * With the argument "hold" ("selftest=hold" as process 1) it runs another
 * scenario instead: a hog takes all free memory through the kernel's copies
 * to user space, which fail without calling the killer, and keeps it, while
 * the driver, with dirty files in the cache, writes once more and syncs;
 * the kernel must survive that, and write and sync again once the hog is
 * killed (see hold_scenario).
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

/* ---- the hold scenario ---- */

#define HOLD_FILES 20

/* Write a small file; 0 on success, else the errno. */
static int write_file(const char *path)
{
    static const char text[] = "written while memory was short\n";
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), err = 0;

    if (fd < 0)
        return errno;
    if (write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1))
        err = errno ? errno : EIO;
    if (close(fd) < 0 && !err)
        err = errno;
    return err;
}

/*
 * The hold hog: take every page it can through read() from /dev/zero (the
 * kernel's copies fail with EFAULT rather than calling the out-of-memory
 * killer), first in one large read, then a page at a time until not one
 * more page can be had; then say so on `full` and keep it all, blocked in a
 * read of `wait_fd` that nobody answers.
 */
static void hold_hog(int full, int wait_fd)
{
    int zero = open("/dev/zero", O_RDONLY);
    unsigned char *p = mmap(NULL, 256u << 20, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long first, pages = 0;
    char c;

    if (zero < 0 || p == MAP_FAILED)
        _exit(3);
    first = read(zero, p, 256u << 20);
    for (;;) {
        unsigned char *q = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (q == MAP_FAILED || read(zero, q, PAGE) != PAGE)
            break;
        pages++;
    }
    say("OOM HOLD hog has %ld KiB and %ld more pages\n", first > 0 ? first >> 10 : first, pages);
    write(full, "f", 1);
    while (read(wait_fd, &c, 1) != 0)
        ;
    _exit(0);
}

/*
 * Dirty the file system (HOLD_FILES small files, not synced), let a hog take
 * all free memory and keep it, then write one more file and sync: the
 * kernel may refuse the write (ENOMEM) but must survive the sync. Then the
 * hog is killed, and writing and syncing must work again. 1 when all held.
 */
static int hold_scenario(void)
{
    int full[2], never[2], status, err;
    char name[64], c;
    pid_t hog;

    for (int i = 0; i < HOLD_FILES; i++) {
        snprintf(name, sizeof name, "/tmp/oom.dirty.%d", i);
        if ((err = write_file(name)) != 0) {
            say("OOM HOLD cannot write %s: %s\n", name, strerror(err));
            return 0;
        }
    }
    if (pipe(full) < 0 || pipe(never) < 0)
        return 0;
    hog = fork();
    if (hog < 0)
        return 0;
    if (hog == 0) {
        close(full[0]);
        close(never[1]);
        hold_hog(full[1], never[0]);
    }
    close(full[1]);
    close(never[0]);
    say("OOM HOLD hog=%d\n", hog);
    if (read(full[0], &c, 1) != 1) {
        say("OOM HOLD the hog ended before it filled memory\n");
        return 0;
    }
    err = write_file("/tmp/oom.short");
    say("OOM HOLD write with memory full: %s\n", err ? strerror(err) : "ok");
    sync();
    say("OOM HOLD synced with memory full\n");
    kill(hog, SIGKILL);
    if (waitpid(hog, &status, 0) != hog || !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL) {
        say("OOM HOLD the hog did not die of SIGKILL: status %#x\n", (unsigned)status);
        return 0;
    }
    err = write_file("/tmp/oom.after");
    sync();
    say("OOM HOLD write and sync after: %s\n", err ? strerror(err) : "ok");
    for (int i = 0; i < HOLD_FILES; i++) {
        snprintf(name, sizeof name, "/tmp/oom.dirty.%d", i);
        unlink(name);
    }
    unlink("/tmp/oom.short");
    unlink("/tmp/oom.after");
    return err == 0;
}

int main(int argc, char **argv)
{
    int ok = 1;

    /* As process 1 the scenario comes as "selftest=hold" (the one argument the kernel passes). */
    if (argc > 1 && (!strcmp(argv[1], "hold") || !strcmp(argv[1], "selftest=hold"))) {
        ok = hold_scenario();
    } else {
        ok &= round_of("brk", HOG_BRK);
        ok &= round_of("mmap", HOG_MMAP);
        ok &= round_of("read", HOG_READ);
        ok &= fork_exec_works();
        ok &= memory_works();
    }
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
