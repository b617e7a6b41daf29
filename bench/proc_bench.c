/*
 * proc_bench.c - speed of the process machinery, measured inside the guest
 * (/bin/proc_bench; bench/run.py runs it as process 1).
 *
 * Figures, each from repeating the operation in batches until at least
 * MIN_NS of CLOCK_MONOTONIC time has passed, after one untimed warm-up:
 *   - a null system call (getpid, through a bare int $0x80), in ns;
 *   - fork + _exit + waitpid, in microseconds;
 *   - fork + execve + waitpid of a small static program (/bin/true when it
 *     exists, else this program with --exit, which returns at once);
 *   - a one-byte round trip between two processes over two pipes;
 *   - pipe throughput: 16 MiB written in 64 KiB pieces by a child, read by
 *     the parent, in MiB/s;
 *   - a page fault on first touch of fresh anonymous memory, in ns per page.
 * Nothing is asserted: the numbers are printed for people to compare. A step
 * that fails (a fork refused, a short read) says so, and the program ends
 * with status 1.
 *
 * Integer arithmetic only: libc's printf has no floating point.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MIN_NS 500000000ull          /* time spent on each figure, at least */
#define THROUGHPUT_BYTES (16u << 20)
#define THROUGHPUT_CHUNK 65536
#define FAULT_BYTES (8u << 20)
#define PAGE 4096
#define EXIT_ARG "--exit"

static const char *self_path = "/bin/proc_bench";
static int failed;

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Print value / divisor with one decimal, right-aligned in width characters. */
static void print_tenths(uint64_t value, uint64_t divisor, int width)
{
    uint64_t tenths = (value * 10 + divisor / 2) / divisor;
    char text[32];

    snprintf(text, sizeof text, "%llu.%llu", (unsigned long long)(tenths / 10),
             (unsigned long long)(tenths % 10));
    printf("%*s", width, text);
}

/* One line of the table: value / divisor in unit, measured over count things. */
static void figure(const char *what, uint64_t value, uint64_t divisor, const char *unit,
                   uint64_t count, const char *things)
{
    printf("  %-44s", what);
    print_tenths(value, divisor, 10);
    printf(" %-6s (%llu %s)\n", unit, (unsigned long long)count, things);
    fflush(stdout);
}

static void broken(const char *what, const char *why)
{
    printf("  %-44s failed: %s\n", what, why);
    fflush(stdout);
    failed = 1;
}

/*
 * Run op(batch) in batches until MIN_NS have passed; return the total count
 * and the time in *ns. A batch grows until it takes a few milliseconds, so
 * that reading the clock costs nothing measurable. op returns 0 on success.
 */
static uint64_t run_timed(int (*op)(unsigned), uint64_t *ns)
{
    unsigned batch = 1;
    uint64_t count = 0, start, elapsed = 0;

    if (op(1) != 0) /* warm-up */
        return 0;
    start = now_ns();
    while (elapsed < MIN_NS) {
        uint64_t t0 = now_ns();
        if (op(batch) != 0)
            return 0;
        count += batch;
        if (now_ns() - t0 < 5000000 && batch < (1u << 20))
            batch *= 2;
        elapsed = now_ns() - start;
    }
    *ns = elapsed;
    return count;
}

/* ---- the operations ---- */

static int op_getpid(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        __syscall0(SYS_getpid);
    return 0;
}

static int wait_ok(pid_t pid)
{
    int status;
    pid_t got;

    do
        got = waitpid(pid, &status, 0);
    while (got < 0 && errno == EINTR);
    return got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int op_fork(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return -1;
        if (pid == 0)
            _exit(0);
        if (wait_ok(pid) != 0)
            return -1;
    }
    return 0;
}

static const char *exec_path;
static char *exec_argv[3];

static int op_fork_exec(unsigned n)
{
    static char *const envp[] = {NULL};

    for (unsigned i = 0; i < n; i++) {
        pid_t pid = fork();
        if (pid < 0)
            return -1;
        if (pid == 0) {
            execve(exec_path, exec_argv, envp);
            _exit(127);
        }
        if (wait_ok(pid) != 0)
            return -1;
    }
    return 0;
}

static int ping[2], pong[2];

static int op_round_trip(unsigned n)
{
    char c = 'x';

    for (unsigned i = 0; i < n; i++)
        if (write(ping[1], &c, 1) != 1 || read(pong[0], &c, 1) != 1)
            return -1;
    return 0;
}

/* The echo side of the round trip: every byte back until end of file. */
static void echo_child(void)
{
    char c;

    close(ping[1]);
    close(pong[0]);
    while (read(ping[0], &c, 1) == 1)
        if (write(pong[1], &c, 1) != 1)
            _exit(1);
    _exit(0);
}

/* ---- the figures ---- */

static void bench_null_syscall(void)
{
    uint64_t ns, n = run_timed(op_getpid, &ns);

    if (!n) {
        broken("null system call (getpid)", "no result");
        return;
    }
    figure("null system call (getpid)", ns, n, "ns", n, "calls");
}

static void bench_fork(void)
{
    uint64_t ns, n = run_timed(op_fork, &ns);

    if (!n) {
        broken("fork + exit + wait", strerror(errno));
        return;
    }
    figure("fork + exit + wait", ns, n * 1000, "us", n, "runs");
}

static void bench_fork_exec(void)
{
    static char what[96];
    uint64_t ns, n;

    if (access("/bin/true", X_OK) == 0) {
        exec_path = "/bin/true";
        exec_argv[0] = "true";
        exec_argv[1] = NULL;
    } else {
        exec_path = self_path;
        exec_argv[0] = (char *)self_path;
        exec_argv[1] = EXIT_ARG;
        exec_argv[2] = NULL;
    }
    snprintf(what, sizeof what, "fork + exec + wait (%s%s%s)", exec_path,
             exec_argv[1] ? " " : "", exec_argv[1] ? exec_argv[1] : "");
    n = run_timed(op_fork_exec, &ns);
    if (!n) {
        broken(what, "the program did not run");
        return;
    }
    figure(what, ns, n * 1000, "us", n, "runs");
}

static void bench_round_trip(void)
{
    uint64_t ns = 0, n = 0;
    pid_t pid;

    if (pipe(ping) < 0 || pipe(pong) < 0) {
        broken("pipe round trip, 1 byte", strerror(errno));
        return;
    }
    pid = fork();
    if (pid < 0) {
        broken("pipe round trip, 1 byte", strerror(errno));
        return;
    }
    if (pid == 0)
        echo_child();
    close(ping[0]);
    close(pong[1]);
    n = run_timed(op_round_trip, &ns);
    close(ping[1]);
    close(pong[0]);
    if (wait_ok(pid) != 0 || !n) {
        broken("pipe round trip, 1 byte", "the echo failed");
        return;
    }
    figure("pipe round trip, 1 byte", ns, n * 1000, "us", n, "round trips");
}

static void bench_throughput(void)
{
    static unsigned char chunk[THROUGHPUT_CHUNK];
    const char *what = "pipe throughput, 16 MiB in 64 KiB writes";
    uint64_t total_ns = 0, total_bytes = 0, runs = 0;

    memset(chunk, 0x5a, sizeof chunk);
    while (total_ns < MIN_NS) {
        uint64_t got = 0, t0;
        int fds[2];
        pid_t pid;

        if (pipe(fds) < 0) {
            broken(what, strerror(errno));
            return;
        }
        t0 = now_ns();
        pid = fork();
        if (pid < 0) {
            broken(what, strerror(errno));
            return;
        }
        if (pid == 0) {
            close(fds[0]);
            for (uint32_t sent = 0; sent < THROUGHPUT_BYTES; sent += THROUGHPUT_CHUNK)
                if (write(fds[1], chunk, THROUGHPUT_CHUNK) != THROUGHPUT_CHUNK)
                    _exit(1);
            _exit(0);
        }
        close(fds[1]);
        for (;;) {
            ssize_t r = read(fds[0], chunk, sizeof chunk);
            if (r <= 0)
                break;
            got += (uint64_t)r;
        }
        close(fds[0]);
        if (wait_ok(pid) != 0 || got != THROUGHPUT_BYTES) {
            broken(what, "short transfer");
            return;
        }
        total_ns += now_ns() - t0;
        total_bytes += got;
        runs++;
    }
    /* MiB/s = bytes / 2^20 / (ns / 1e9) */
    figure(what, total_bytes * 1000000000ull / total_ns, 1u << 20, "MiB/s", runs, "x 16 MiB");
}

static void bench_page_faults(void)
{
    const char *what = "page fault, first touch of anonymous memory";
    uint64_t total_ns = 0, pages = 0, runs = 0;

    while (total_ns < MIN_NS) {
        unsigned char *p = mmap(NULL, FAULT_BYTES, PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        uint64_t t0;

        if (p == MAP_FAILED) {
            broken(what, strerror(errno));
            return;
        }
        t0 = now_ns();
        for (uint32_t off = 0; off < FAULT_BYTES; off += PAGE)
            p[off] = 1;
        total_ns += now_ns() - t0;
        pages += FAULT_BYTES / PAGE;
        runs++;
        munmap(p, FAULT_BYTES);
    }
    figure(what, total_ns, pages, "ns", pages, "pages");
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], EXIT_ARG) == 0)
        return 0; /* the program fork + exec runs */
    if (argc > 0 && argv[0][0] == '/')
        self_path = argv[0];

    printf("proc_bench: process figures (CLOCK_MONOTONIC, at least %llu ms each)\n",
           (unsigned long long)(MIN_NS / 1000000));
    fflush(stdout);
    bench_null_syscall();
    bench_fork();
    bench_fork_exec();
    bench_round_trip();
    bench_throughput();
    bench_page_faults();
    printf(failed ? "proc_bench: FAILED\n" : "proc_bench: done\n");
    fflush(stdout);
    if (getpid() == 1) {
        reboot(REBOOT_POWER_OFF, failed);
        for (;;) /* process 1 must not end */
            if (wait(NULL) < 0)
                sleep(1);
    }
    return failed;
}
