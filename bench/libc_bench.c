/*
 * libc_bench.c - speed of the C library's hot functions and of `ls` on a
 * directory of 1000 files (/bin/libc_bench; bench/run.py runs it as process
 * 1 inside the guest, and runs the same source built for the host as a
 * reference, see bench/bench.mk).
 *
 * Figures, each from repeating the operation in batches until at least
 * MIN_NS of CLOCK_MONOTONIC time has passed, after one untimed warm-up; the
 * figure is the fastest batch's (see run_timed):
 *   - memcpy of 64 KiB, 4 KiB and 64 bytes, aligned and misaligned, memset,
 *     strlen and strcmp on 64 KiB strings (MiB/s) and 16-byte ones (ns);
 *   - malloc + free of small blocks, and of 10000 live blocks of random
 *     sizes freed in random order (ns per pair), realloc growth;
 *   - qsort of 100000 ints, snprintf("%d %s") calls per second;
 *   - fork + exec + wait of `ls -l`, `ls` and `ls -R /` with stdout on
 *     /dev/null, on a directory it fills with 1000 files first (ms per run).
 * The library functions are called through volatile pointers, so that no
 * compiler replaces a call by inline code: the figures are the library's.
 *
 * Every figure is one line, "  <what, 44 columns> <value> <unit> (<count>)",
 * which bench/run.py matches by the what column against the host's figures.
 * Nothing is asserted. A step that fails says so and the program ends with
 * status 1; an ls that is not installed is reported and skipped.
 *
 * Options (the host run uses them; process 1 in the guest has none):
 *   --ls-dir DIR          the directory to fill (default /tmp/lsbench)
 *   --ls PATH             the ls to run (default /bin/ls)
 *   --no-ls               no ls figures
 *   --no-ls-recursive     no `ls -R /` (the host's / is far too big)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MIN_NS 300000000ull /* time spent on each figure, at least */
#define BATCH_NS 4000000ull  /* batches grow until one takes this long */
#define BIG 65536           /* the large buffers and strings */
#define LIVE_BLOCKS 10000
#define QSORT_COUNT 100000
#define LS_FILES 1000
#define LS_MIN_RUNS 5

/* The functions measured, behind pointers the compiler cannot see through. */
static void *(*volatile memcpy_fn)(void *, const void *, size_t) = memcpy;
static void *(*volatile memset_fn)(void *, int, size_t) = memset;
static size_t (*volatile strlen_fn)(const char *) = strlen;
static int (*volatile strcmp_fn)(const char *, const char *) = strcmp;
static void *(*volatile malloc_fn)(size_t) = malloc;
static void (*volatile free_fn)(void *) = free;
static void *(*volatile realloc_fn)(void *, size_t) = realloc;

static int failed;

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* A small deterministic generator (xorshift32): the same data on every run and system. */
static uint32_t rng_state = 0x2545f491u;

static uint32_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

/* One line of the table: value in unit, measured over count things. */
static void figure(const char *what, double value, const char *unit, uint64_t count,
                   const char *things)
{
    printf("  %-44s %10.1f %-7s (%llu %s)\n", what, value, unit, (unsigned long long)count,
           things);
    fflush(stdout);
}

static void broken(const char *what, const char *why)
{
    printf("  %-44s failed: %s\n", what, why);
    fflush(stdout);
    failed = 1;
}

/*
 * Run op(batch) in batches until MIN_NS have passed; return the number of
 * operations done and, in *best, the time per operation in ns of the fastest
 * batch. A batch grows until it takes a few milliseconds, so that reading
 * the clock costs nothing measurable; only such batches count for *best.
 * The fastest rather than the mean, because the machine may be shared: the
 * fastest batch is the one least disturbed. op returns 0 on success.
 */
static uint64_t run_timed(int (*op)(unsigned), double *best)
{
    unsigned batch = 1;
    uint64_t count = 0, start;

    if (op(1) != 0) /* warm-up */
        return 0;
    *best = 0;
    start = now_ns();
    while (now_ns() - start < MIN_NS || *best == 0) {
        uint64_t t0 = now_ns(), took;
        if (op(batch) != 0)
            return 0;
        took = now_ns() - t0;
        count += batch;
        if (took >= BATCH_NS / 2 && (*best == 0 || (double)took / batch < *best))
            *best = (double)took / batch;
        if (took < BATCH_NS && batch < (1u << 26))
            batch *= 2;
    }
    return count;
}

/* Time op(batch) and print bytes_per_op bytes per call as MiB/s. */
static void throughput(const char *what, int (*op)(unsigned), size_t bytes_per_op)
{
    double ns;
    uint64_t n = run_timed(op, &ns);

    if (!n) {
        broken(what, "no result");
        return;
    }
    figure(what, bytes_per_op * 1e9 / ns / (1 << 20), "MiB/s", n, "calls");
}

/* Time op(batch) and print the time per call, each call being per_op things. */
static void per_call(const char *what, int (*op)(unsigned), unsigned per_op, const char *things)
{
    double ns;
    uint64_t n = run_timed(op, &ns);

    if (!n) {
        broken(what, "no result");
        return;
    }
    figure(what, ns / per_op, "ns", n * per_op, things);
}

/* ---- memory and strings ---- */

/* Buffers with room for a misaligned 64 KiB copy; the start is 64-byte aligned. */
static unsigned char src_buf[BIG + 64] __attribute__((aligned(64)));
static unsigned char dst_buf[BIG + 64] __attribute__((aligned(64)));
static char str_a[BIG + 64] __attribute__((aligned(64)));
static char str_b[BIG + 64] __attribute__((aligned(64)));

/* What the memory and string operations work on, set before each figure. */
static size_t op_len, op_src_off, op_dst_off;

static int op_memcpy(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        memcpy_fn(dst_buf + op_dst_off, src_buf + op_src_off, op_len);
    return 0;
}

static int op_memset(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        memset_fn(dst_buf + op_dst_off, (int)i, op_len);
    return 0;
}

/* strlen of the string of op_len bytes at str_a + op_src_off. */
static int op_strlen(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (strlen_fn(str_a + op_src_off) != op_len)
            return -1;
    return 0;
}

/* strcmp of two equal strings of op_len bytes, which is its longest case. */
static int op_strcmp(unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        if (strcmp_fn(str_a + op_src_off, str_b + op_dst_off) != 0)
            return -1;
    return 0;
}

/* Make str_a + src_off and str_b + dst_off equal strings of len bytes. */
static void make_strings(size_t len, size_t src_off, size_t dst_off)
{
    for (size_t i = 0; i < len; i++)
        str_a[src_off + i] = str_b[dst_off + i] = (char)('a' + i % 26);
    str_a[src_off + len] = str_b[dst_off + len] = '\0';
    op_len = len;
    op_src_off = src_off;
    op_dst_off = dst_off;
}

static void bench_memcpy(void)
{
    static const struct {
        const char *what;
        size_t len, src_off, dst_off;
    } cases[] = {
        {"memcpy 64 KiB, aligned", BIG, 0, 0},
        {"memcpy 64 KiB, misaligned (src+1, dst+3)", BIG, 1, 3},
        {"memcpy 4 KiB, aligned", 4096, 0, 0},
        {"memcpy 4 KiB, misaligned (src+1, dst+3)", 4096, 1, 3},
        {"memcpy 64 B, aligned", 64, 0, 0},
        {"memcpy 64 B, misaligned (src+1, dst+3)", 64, 1, 3},
    };

    for (size_t i = 0; i < sizeof src_buf; i++)
        src_buf[i] = (unsigned char)rng_next();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        op_len = cases[i].len;
        op_src_off = cases[i].src_off;
        op_dst_off = cases[i].dst_off;
        throughput(cases[i].what, op_memcpy, op_len);
    }
    op_len = BIG;
    op_dst_off = 0;
    throughput("memset 64 KiB, aligned", op_memset, BIG);
    op_len = 64;
    op_dst_off = 1;
    throughput("memset 64 B, misaligned (dst+1)", op_memset, 64);
}

static void bench_strings(void)
{
    make_strings(BIG, 0, 0);
    throughput("strlen 64 KiB string", op_strlen, BIG);
    make_strings(16, 1, 0);
    per_call("strlen 16-byte string", op_strlen, 1, "calls");
    make_strings(BIG, 0, 0);
    throughput("strcmp 64 KiB equal strings", op_strcmp, BIG);
    make_strings(16, 1, 2);
    per_call("strcmp 16-byte equal strings", op_strcmp, 1, "calls");
}

/* ---- the heap ---- */

/* malloc + free of one block, 16 to 256 bytes in turn: the common short-lived case. */
static int op_malloc_small(unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        void *p = malloc_fn(16 + 16 * (i % 16));
        if (!p)
            return -1;
        free_fn(p);
    }
    return 0;
}

static size_t live_size[LIVE_BLOCKS];
static unsigned live_order[LIVE_BLOCKS];
static void *live[LIVE_BLOCKS];

/* LIVE_BLOCKS blocks of random sizes (16..1039 bytes), then freed in a random order. */
static int op_malloc_live(unsigned n)
{
    for (unsigned round = 0; round < n; round++) {
        for (unsigned i = 0; i < LIVE_BLOCKS; i++)
            if (!(live[i] = malloc_fn(live_size[i])))
                return -1;
        for (unsigned i = 0; i < LIVE_BLOCKS; i++)
            free_fn(live[live_order[i]]);
    }
    return 0;
}

#define REALLOC_STEP 16
#define REALLOC_STEPS (BIG / REALLOC_STEP)

/* One buffer grown from 16 bytes to 64 KiB, 16 bytes at a time, as a line or array grows. */
static int op_realloc(unsigned n)
{
    for (unsigned round = 0; round < n; round++) {
        char *p = NULL;
        for (size_t size = REALLOC_STEP; size <= BIG; size += REALLOC_STEP) {
            char *q = realloc_fn(p, size);
            if (!q) {
                free_fn(p);
                return -1;
            }
            p = q;
            p[size - 1] = 1;
        }
        free_fn(p);
    }
    return 0;
}

static void bench_heap(void)
{
    per_call("malloc + free, 16..256 bytes", op_malloc_small, 1, "pairs");
    for (unsigned i = 0; i < LIVE_BLOCKS; i++) {
        live_size[i] = 16 + rng_next() % 1024;
        live_order[i] = i;
    }
    for (unsigned i = LIVE_BLOCKS - 1; i > 0; i--) { /* Fisher-Yates shuffle */
        unsigned j = rng_next() % (i + 1), t = live_order[i];
        live_order[i] = live_order[j];
        live_order[j] = t;
    }
    per_call("malloc + free, 10000 live, random order", op_malloc_live, LIVE_BLOCKS, "pairs");
    per_call("realloc growth to 64 KiB in 16 B steps", op_realloc, REALLOC_STEPS, "calls");
}

/* ---- qsort and snprintf ---- */

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

/* Sort copies of one random array for MIN_NS, keep the fastest sort; copying is not timed. */
static void bench_qsort(void)
{
    const char *what = "qsort 100000 ints";
    size_t bytes = QSORT_COUNT * sizeof(int);
    int *master = malloc(bytes), *work = malloc(bytes);
    uint64_t total = 0, sorts = 0, best = UINT64_MAX;

    if (!master || !work) {
        broken(what, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < QSORT_COUNT; i++)
        master[i] = (int)(rng_next() & 0x7fffffff);
    while (total < MIN_NS || sorts < 2) {
        uint64_t t0;

        memcpy(work, master, bytes);
        t0 = now_ns();
        qsort(work, QSORT_COUNT, sizeof(int), compare_ints);
        t0 = now_ns() - t0;
        total += t0;
        best = t0 < best ? t0 : best;
        sorts++;
        for (size_t i = 1; i < QSORT_COUNT; i++) {
            if (work[i - 1] > work[i]) {
                broken(what, "the result is not sorted");
                goto out;
            }
        }
    }
    figure(what, best / 1e6, "ms", sorts, "sorts");
out:
    free(master);
    free(work);
}

static int op_snprintf(unsigned n)
{
    char buf[64];

    for (unsigned i = 0; i < n; i++)
        if (snprintf(buf, sizeof buf, "%d %s", (int)(i * 2654435761u), "words") < 7)
            return -1;
    return 0;
}

static void bench_snprintf(void)
{
    const char *what = "snprintf(\"%d %s\")";
    double ns;
    uint64_t n = run_timed(op_snprintf, &ns);

    if (!n) {
        broken(what, "no result");
        return;
    }
    figure(what, 1e9 / ns, "calls/s", n, "calls");
}

/* ---- ls on a directory of 1000 files ---- */

static const char *ls_path = "/bin/ls";
static const char *ls_dir = "/tmp/lsbench";
extern char **environ;

/*
 * Fill ls_dir with LS_FILES files of varied names (lengths, digits, dots,
 * upper case) and sizes, so that sorting and the -l columns have work to do.
 * Returns 0, or -1 after reporting what failed.
 */
static int make_ls_dir(void)
{
    static const char *const prefix[] = {"file", "Report-", "a", "data_set.", "zz_notes_"};
    static const char *const suffix[] = {"", ".txt", ".c", ".tar.gz"};
    static char data[4096];

    if (mkdir(ls_dir, 0755) < 0 && errno != EEXIST) {
        broken("ls: making the directory", strerror(errno));
        return -1;
    }
    memset(data, 'x', sizeof data);
    for (unsigned i = 0; i < LS_FILES; i++) {
        char path[256];
        size_t size = (i * 397u) % sizeof data;
        int fd;

        snprintf(path, sizeof path, "%s/%s%u%s", ls_dir, prefix[i % 5], (i * 7919u) % 100003u,
                 suffix[i % 4]);
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
            broken("ls: making the files", strerror(errno));
            if (fd >= 0)
                close(fd);
            return -1;
        }
        close(fd);
    }
    return 0;
}

/* fork + exec ls with argv, stdout on /dev/null, and wait: 0 when it exited with 0. */
static int run_ls(char *const argv[])
{
    int status;
    pid_t pid = fork(), got;

    if (pid < 0)
        return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) < 0)
            _exit(126);
        close(null);
        execve(ls_path, argv, environ);
        _exit(127);
    }
    do
        got = waitpid(pid, &status, 0);
    while (got < 0 && errno == EINTR);
    return got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Time ls with argv: a warm-up, then LS_MIN_RUNS runs and MIN_NS at least; keep the fastest. */
static void time_ls(const char *what, char *const argv[])
{
    uint64_t total = 0, runs = 0, best = UINT64_MAX;

    if (run_ls(argv) != 0) {
        broken(what, "ls did not exit with status 0");
        return;
    }
    while (total < MIN_NS || runs < LS_MIN_RUNS) {
        uint64_t t0 = now_ns();
        if (run_ls(argv) != 0) {
            broken(what, "ls did not exit with status 0");
            return;
        }
        t0 = now_ns() - t0;
        total += t0;
        best = t0 < best ? t0 : best;
        runs++;
    }
    figure(what, best / 1e6, "ms", runs, "runs");
}

static void bench_ls(int recursive)
{
    char *long_argv[] = {"ls", "-l", (char *)ls_dir, NULL};
    char *short_argv[] = {"ls", (char *)ls_dir, NULL};
    char *recursive_argv[] = {"ls", "-R", "/", NULL};

    if (access(ls_path, X_OK) != 0) {
        printf("  ls: not installed (%s)\n", ls_path);
        fflush(stdout);
        return;
    }
    if (make_ls_dir() != 0)
        return;
    time_ls("ls -l, 1000 files", long_argv);
    time_ls("ls, 1000 files", short_argv);
    if (recursive)
        time_ls("ls -R /", recursive_argv);
}

#ifdef LIBC_BENCH_HOST_OURS
#define MEASURES_SNPRINTF 0 /* this build has the host's snprintf: nothing of ours to measure */
/*
 * The host build with this libc's string functions, malloc and qsort in
 * place of the host's (bench/bench.mk) needs what those files call: their
 * errno and fatal-error path are renamed to these by the build.
 */
int libc_bench_errno;

void libc_bench_fatal(const char *msg)
{
    fprintf(stderr, "libc_bench: %s\n", msg);
    abort();
}
#else
#define MEASURES_SNPRINTF 1
#endif

int main(int argc, char **argv)
{
    int ls = 1, recursive = 1;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--ls-dir") == 0 && i + 1 < argc) {
            ls_dir = argv[++i];
        } else if (strcmp(argv[i], "--ls") == 0 && i + 1 < argc) {
            ls_path = argv[++i];
        } else if (strcmp(argv[i], "--no-ls") == 0) {
            ls = 0;
        } else if (strcmp(argv[i], "--no-ls-recursive") == 0) {
            recursive = 0;
        } else {
            fprintf(stderr, "usage: libc_bench [--ls-dir DIR] [--ls PATH] [--no-ls] "
                            "[--no-ls-recursive]\n");
            return 2;
        }
    }

    printf("libc_bench: libc figures (CLOCK_MONOTONIC, at least %llu ms each)\n",
           (unsigned long long)(MIN_NS / 1000000));
    fflush(stdout);
    bench_memcpy();
    bench_strings();
    bench_heap();
    bench_qsort();
    if (MEASURES_SNPRINTF)
        bench_snprintf();
    if (ls)
        bench_ls(recursive);
    printf(failed ? "libc_bench: FAILED\n" : "libc_bench: done\n");
    fflush(stdout);
#ifdef REBOOT_POWER_OFF /* AdventOS's reboot(); the host build is never process 1 */
    if (getpid() == 1) {
        reboot(REBOOT_POWER_OFF, failed);
        for (;;) /* process 1 must not end */
            if (wait(NULL) < 0)
                sleep(1);
    }
#endif
    return failed;
}
