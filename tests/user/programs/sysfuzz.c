/*
 * sysfuzz.c - a system-call fuzzer (/tests/bin/sysfuzz): random system calls
 * with random arguments, for a bounded time, as an unprivileged user.
 *
 *     sysfuzz [-v] [SECONDS [SEED [PROCS]]]
 *     sysfuzz selftest=SECONDS[:SEED[:PROCS[:v]]]     (as process 1, see below)
 *
 * The parent stays root. It makes a scratch directory, /tmp/fuzz (root's,
 * sticky and writable by all, like /tmp), with a few files of every kind in
 * it that belong to uid 1000, then keeps PROCS (default 4) children fuzzing.
 * Each child closes every descriptor it inherited except its report pipe,
 * puts /dev/null on 0-2, moves into its own process group, becomes uid and
 * gid 1000 (and checks that it cannot be root again), enters the scratch
 * directory and opens a few files there; then it makes calls: a number in
 * 0 .. SYSCALL_COUNT + 15 (now and then any 32-bit number) and six
 * arguments, each drawn from a class: zero, small integers (descriptors,
 * flags, lengths), negative ones, random words, edges (powers of two,
 * 0x7fffffff, 0xffffffff), pointers into a buffer it owns, pointers that run
 * into an inaccessible page, read-only memory, unmapped user addresses,
 * kernel addresses (0xC0000000 and up), paths (in the scratch directory,
 * outside it, too long, missing), process ids, and small arrays of such
 * values (argv-like vectors, timespecs, fd pairs).
 *
 * A fuzzed call may end the child (exit, execve of /bin/hello, a fault after
 * munmap of its own code, a signal it sent itself): the parent restarts it.
 * A fuzzed fork's child exits at once, so processes do not multiply.
 * Children report their progress every REPORT_EVERY calls on a pipe kept at
 * REPORT_FD, a descriptor number no fuzzed argument may name. A child that
 * blocks (a long nanosleep, a read nobody will answer, sigsuspend) and so
 * stays silent for STALL_NS, or lives longer than CHILD_NS, is killed with
 * SIGKILL by the parent's watchdog; one that does not die within STUCK_NS
 * after that is reported stuck: the kernel failed to end it.
 *
 * The parent prints a progress line every few seconds and, at the end,
 *
 *     SYSFUZZ DONE calls=<n> children=<n> stuck=<n>
 *     SYSFUZZ ALIVE ok|failed        (fork + exec + wait of /bin/hello as root)
 *
 * As process 1 it syncs and powers off, with status 0 when nothing was stuck
 * and the system was alive. The kernel hands process 1 one argument, the
 * value of `selftest=` on its command line, so that is how a test boot
 * (`init=/tests/bin/sysfuzz selftest=60:1234`) passes the settings.
 *
 * The calls of child i depend only on SEED and i (and on the process ids
 * they pass): the same SEED and PROCS replay a run. With -v (or ":v") each
 * child prints every call before making it, so the console shows the call
 * that was running when the kernel failed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_SECONDS 60
#define DEFAULT_PROCS 4
#define MAX_PROCS 16
#define MAX_STUCK 64
#define FUZZ_UID 1000
#define FUZZ_GID 1000
#define SCRATCH "/tmp/fuzz"
#define REPORT_FD 60              /* a child's report pipe */
#define LOG_FD 61                 /* -v: where a child logs its calls (the parent's stdout) */
#define NR_SPAN (SYSCALL_COUNT + 16)
#define CHILD_CALLS 2000          /* a child ends after this many calls */
#define REPORT_EVERY 16           /* and reports its count this often */
#define STALL_NS 500000000ull     /* the watchdog kills a child silent this long */
#define CHILD_NS 5000000000ull    /* or older than this */
#define STUCK_NS 10000000000ull   /* a child not dead this long after SIGKILL is stuck */
#define PROGRESS_NS 5000000000ull
#define TICK_NS 10000000          /* the parent's loop period */
#define SETUP_FAILED 0x80000000u  /* a report with this bit: the child could not start */
#define SETUP_STEP_SHIFT 16       /* ... at this step, with errno in the low bits */
/* The setup steps whose failure ends the run: dropping root, checking it is gone. */
#define STEP_PRIVILEGES 3
#define STEP_CHECK_ROOT_GONE 4
#define PAGE 4096
#define BUF_SIZE 65536

/* ---- random numbers: a counter-based mixer, so each child's stream is its own ---- */

static uint32_t rng_state;

static uint32_t rnd(void)
{
    uint32_t z = (rng_state += 0x9e3779b9u);

    z = (z ^ (z >> 16)) * 0x85ebca6bu;
    z = (z ^ (z >> 13)) * 0xc2b2ae35u;
    return z ^ (z >> 16);
}

static uint32_t below(uint32_t n)
{
    return rnd() % n;
}

/* ---- time ---- */

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void nap(long ns)
{
    struct timespec ts = {.tv_sec = 0, .tv_nsec = ns};

    nanosleep(&ts, NULL);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}

/* ---- the scratch directory ---- */

/* Remove path and everything below it; errors are ignored (it may not exist). */
static void remove_tree(const char *path)
{
    struct stat st;

    if (lstat(path, &st) < 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        if (d) {
            while ((e = readdir(d))) {
                char sub[512];
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                remove_tree(sub);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* Create path with the given contents and mode, owned by the fuzzing user. */
static int make_file(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    size_t n = strlen(text);

    if (fd < 0)
        return -1;
    if (write(fd, text, n) != (ssize_t)n) {
        close(fd);
        return -1;
    }
    if (close(fd) < 0 || chmod(path, mode) < 0)
        return -1;
    return chown(path, FUZZ_UID, FUZZ_GID);
}

/*
 * /tmp/fuzz, sticky and writable by all as /tmp is, with files, a directory,
 * a script and a file nobody may run, all the fuzzing user's, and symbolic
 * links (root's: there is no lchown).
 */
static int make_scratch(void)
{
    static char big[8192];

    remove_tree(SCRATCH);
    memset(big, 'x', sizeof big - 1);
    /* Root's, like /tmp: the children may not rename, remove or chmod it away. */
    if (mkdir(SCRATCH, 0755) < 0 || chmod(SCRATCH, 01777) < 0)
        return -1;
    if (mkdir(SCRATCH "/dir", 0755) < 0 || chown(SCRATCH "/dir", FUZZ_UID, FUZZ_GID) < 0)
        return -1;
    if (make_file(SCRATCH "/file", "the quick brown fox\n", 0644) < 0 ||
        make_file(SCRATCH "/big", big, 0644) < 0 ||
        make_file(SCRATCH "/dir/inner", "inner\n", 0600) < 0 ||
        make_file(SCRATCH "/script", "#!/bin/hello from-script\n", 0755) < 0 ||
        make_file(SCRATCH "/noexec", "#!/bin/hello\n", 0644) < 0)
        return -1;
    if (symlink("file", SCRATCH "/link") < 0 || symlink("nowhere", SCRATCH "/dangling") < 0 ||
        symlink("loop", SCRATCH "/loop") < 0)
        return -1;
    return 0;
}

/* ---- the fuzzing child ---- */

/*
 * The memory a child hands to the kernel is one mapping, far from the
 * child's own variables and stack, so that a fuzzed munmap or mprotect of
 * it rarely takes the fuzzer itself down: BUF_SIZE bytes of random data,
 * a page of vectors, a read-write page followed by a page without access,
 * and a read-only page.
 */
#define ARENA_SIZE (BUF_SIZE + 4 * PAGE)
static unsigned char *buf;              /* BUF_SIZE bytes */
static uint32_t *vec;                   /* 64 words of arrays of small values and pointers */
static unsigned char *guard_end;        /* the last bytes before the inaccessible page */
static const unsigned char *ro_page;    /* a read-only page */
static char long_name[300];             /* one component longer than 255 bytes */
static char long_path[5000];            /* a path longer than PATH_MAX */

static const char *const paths[] = {
    "file", "big", "dir", "dir/inner", "dir/", "link", "dangling", "loop", "script", "noexec",
    "new", "new2", "dir/new", "dir/../new3", ".", "..", "", "/", "/tmp", "/tmp/fuzz",
    SCRATCH "/file", SCRATCH "/dir/x", "/bin", "/bin/hello", "/bin/no-such-program",
    "/dev", "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/etc/hostname",
    "/no/such/dir", "file/below-a-file", "dir/../../fuzz/file", "////tmp//fuzz//.//file",
};
#define PATH_COUNT (sizeof paths / sizeof paths[0])

/* Powers of two, sizes around a page, and the ends of the signed and unsigned ranges. */
static const uint32_t edges[] = {
    1, 2, 3, 4, 7, 8, 15, 16, 31, 32, 63, 64, 255, 256, 511, 512, 1023, 1024, 4095, 4096,
    4097, 8192, 32767, 32768, 65535, 65536, 65537, 1u << 20, 1u << 24, 1u << 30, 0x7fffffffu,
    0x80000000u, 0x80000001u, 0xfffff000u, 0xfffffffeu, 0xffffffffu,
};

static const char *random_path(void)
{
    switch (below(16)) {
    case 0:
        return long_name;
    case 1:
        return long_path;
    case 2: /* a name that runs into the inaccessible page, with no NUL before it */
        return (const char *)guard_end;
    default:
        return paths[below(PATH_COUNT)];
    }
}

/* A pointer somewhere in buf, aligned most of the time. */
static uint32_t buf_pointer(void)
{
    uint32_t off = below(BUF_SIZE);

    if (below(4))
        off &= ~3u;
    if (below(2))
        off &= ~(PAGE - 1);
    return (uint32_t)(uintptr_t)(buf + off);
}

/* Fill some of vec with values a kernel might read as pointers, strings or integers. */
static uint32_t vector_pointer(void)
{
    uint32_t n = 1 + below(16), start = below(64 - n);

    for (uint32_t i = 0; i < n; i++) {
        switch (below(6)) {
        case 0:
            vec[start + i] = 0;
            break;
        case 1:
            vec[start + i] = below(64);
            break;
        case 2:
            vec[start + i] = (uint32_t)(uintptr_t)random_path();
            break;
        case 3:
            vec[start + i] = buf_pointer();
            break;
        case 4:
            vec[start + i] = 0xC0000000u + below(0x40000000u);
            break;
        default:
            vec[start + i] = rnd();
            break;
        }
    }
    if (below(2))
        vec[start + n - 1] = 0; /* a NULL-terminated vector */
    return (uint32_t)(uintptr_t)&vec[start];
}

/* One argument. */
static uint32_t random_arg(void)
{
    switch (below(20)) {
    case 0:
    case 1:
        return 0;
    case 2:
    case 3:
    case 4:
        return below(72); /* descriptors, small flags and lengths */
    case 5:
        return (uint32_t)-(int32_t)(1 + below(4));
    case 6:
    case 7:
        return rnd();
    case 8:
        return rnd() & rnd() & rnd(); /* a few bits: flag words */
    case 9:
        return edges[below(sizeof edges / sizeof edges[0])];
    case 10:
    case 11:
        return buf_pointer();
    case 12:
        return (uint32_t)(uintptr_t)(guard_end + 16 - below(32));
    case 13:
        return (uint32_t)(uintptr_t)(ro_page + below(PAGE));
    case 14: /* user addresses where nothing is mapped */
        return below(3) ? below(0x08000000u) : 0x40000000u + below(0x10000000u);
    case 15:
        return below(2) ? 0xC0000000u + (below(2) ? 0 : rnd() % 0x40000000u) : 0xfffff000u;
    case 16:
    case 17:
        return (uint32_t)(uintptr_t)random_path();
    case 18:
        return vector_pointer();
    default: /* process ids: ourselves, our parent, init, a neighbour, groups */
        switch (below(5)) {
        case 0:
            return (uint32_t)getpid();
        case 1:
            return (uint32_t)getppid();
        case 2:
            return 1;
        case 3:
            return (uint32_t)(getpid() + 1 + below(4));
        default:
            return (uint32_t)-(int32_t)getpgrp();
        }
    }
}

/*
 * A call number. The calls that nearly always end the child (exit, execve,
 * a sigreturn without a signal frame) or block it until the watchdog comes
 * (sigsuspend) come up ten times less often than the others.
 */
static uint32_t random_nr(void)
{
    for (;;) {
        uint32_t nr = below(64) == 0 ? rnd() : below(NR_SPAN);
        if ((nr == SYS_exit || nr == SYS_execve || nr == SYS_sigreturn ||
             nr == SYS_sigsuspend) && below(10))
            continue;
        return nr;
    }
}

/* A descriptor number a fuzzed call may use: never the report pipe or the log. */
static uint32_t keep_off(uint32_t arg)
{
    return arg == REPORT_FD || arg == LOG_FD ? arg + 8 : arg;
}

/* What a child writes on its report pipe: one write, so records never mix. */
struct report {
    uint32_t index; /* which child */
    uint32_t calls; /* calls made since the last report, or SETUP_FAILED | step */
};

static unsigned my_index;

static void report(uint32_t calls)
{
    struct report r = {my_index, calls};

    while (write(REPORT_FD, &r, sizeof r) < 0 && errno == EINTR)
        ;
}

/* Report that setup step `step` failed (errno says why) and end. */
static void __attribute__((noreturn)) setup_failed(int step)
{
    report(SETUP_FAILED | (uint32_t)step << SETUP_STEP_SHIFT | ((uint32_t)errno & 0xffff));
    _exit(111);
}

/* The life of fuzzing child `index`: set up, then CHILD_CALLS calls. */
static void __attribute__((noreturn)) fuzz_child(uint32_t seed, unsigned index, int verbose)
{
    uint32_t done = 0, unreported = 0;
    unsigned char *arena;
    int null;

    my_index = index;
    rng_state = seed ^ (index * 0x632be5abu);
    rnd();
    null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(null, 0) != 0 || dup2(null, 1) != 1 || dup2(null, 2) != 2)
        setup_failed(1);
    for (int fd = 3; fd < 64; fd++)
        if (fd != REPORT_FD && fd != LOG_FD)
            close(fd);
    if (setpgid(0, 0) < 0)
        setup_failed(2);
    if (setgid(FUZZ_GID) < 0 || setuid(FUZZ_UID) < 0)
        setup_failed(STEP_PRIVILEGES);
    /* Make sure root is gone for good before the first random call. */
    if (getuid() != FUZZ_UID || geteuid() != FUZZ_UID || getgid() != FUZZ_GID ||
        getegid() != FUZZ_GID || setuid(0) == 0 || setreuid(-1, 0) == 0)
        setup_failed(STEP_CHECK_ROOT_GONE);
    if (chdir(SCRATCH) < 0)
        setup_failed(5);
    report(0); /* ready: the watchdog's clock starts now */
    arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (arena == MAP_FAILED)
        setup_failed(6);
    buf = arena;
    vec = (uint32_t *)(arena + BUF_SIZE);
    memset(arena + BUF_SIZE + PAGE, 'g', PAGE);
    guard_end = arena + BUF_SIZE + 2 * PAGE - 8;
    ro_page = arena + BUF_SIZE + 3 * PAGE;
    if (mprotect(arena + BUF_SIZE + 2 * PAGE, PAGE, PROT_NONE) < 0 ||
        mprotect(arena + BUF_SIZE + 3 * PAGE, PAGE, PROT_READ) < 0)
        setup_failed(7);
    memset(long_name, 'n', sizeof long_name - 1);
    for (size_t i = 0; i < sizeof long_path - 1; i++)
        long_path[i] = i % 8 == 7 ? '/' : 'p';
    for (size_t i = 0; i < BUF_SIZE; i++)
        buf[i] = (unsigned char)rnd();
    /* Something for small descriptor numbers to name. */
    open("file", O_RDWR);
    open("dir", O_RDONLY);
    open("big", O_RDONLY);

    while (done < CHILD_CALLS) {
        uint32_t nr = random_nr(), a[6];
        long r;

        for (int i = 0; i < 6; i++)
            a[i] = keep_off(random_arg());
        if (verbose) {
            char line[160];
            int n = snprintf(line, sizeof line,
                             "sysfuzz: child %u call %u: %u(%#x, %#x, %#x, %#x, %#x, %#x)\n",
                             index, done, nr, a[0], a[1], a[2], a[3], a[4], a[5]);
            write(LOG_FD, line, (size_t)n);
        }
        r = __syscall6((long)nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4],
                       (long)a[5]);
        if (nr == SYS_fork && r == 0)
            _exit(0); /* the fuzzed fork's child: processes must not multiply */
        done++;
        if (++unreported == REPORT_EVERY) {
            report(unreported);
            unreported = 0;
        }
    }
    if (unreported)
        report(unreported);
    _exit(0);
}

/* ---- the parent ---- */

struct slot {
    pid_t pid;          /* 0: free */
    unsigned index;
    uint64_t started;
    uint64_t last_report; /* when the child last said it made progress */
    uint64_t killed_at; /* 0: not killed yet */
};

struct totals {
    uint32_t calls, children, exited, signaled, watchdog, stuck, orphans, setup_errors;
    uint32_t by_signal[32];
};

static struct slot slots[MAX_PROCS];
static pid_t stuck_pids[MAX_STUCK];
static struct totals tot;
static int report_rd = -1, report_wr = -1;

static pid_t spawn(uint32_t seed, unsigned index, int verbose)
{
    pid_t pid = fork();

    if (pid == 0) {
        if (dup2(report_wr, REPORT_FD) != REPORT_FD)
            _exit(112);
        if (verbose && dup2(1, LOG_FD) != LOG_FD)
            _exit(113);
        fuzz_child(seed, index, verbose);
    }
    return pid;
}

/*
 * Read every report waiting on the pipe, noting which children made
 * progress. Records are 8 bytes written whole, so a read of a multiple of 8
 * bytes never splits one. A child that failed to set itself up is counted
 * (under memory pressure opening /dev/null can fail); -1 when it failed to
 * drop root, which must never happen.
 */
static int drain_reports(uint64_t now)
{
    struct report r[64];
    ssize_t n;

    while ((n = read(report_rd, r, sizeof r)) > 0) {
        for (ssize_t i = 0; i < n / (ssize_t)sizeof r[0]; i++) {
            if (r[i].calls & SETUP_FAILED) {
                uint32_t step = (r[i].calls & ~SETUP_FAILED) >> SETUP_STEP_SHIFT;
                int err = (int)(r[i].calls & 0xffff);
                tot.setup_errors++;
                if (step != STEP_PRIVILEGES && step != STEP_CHECK_ROOT_GONE)
                    continue;
                say("SYSFUZZ SETUP FAILED: child %u could not drop root (step %u): %s\n",
                    r[i].index, step, strerror(err));
                return -1;
            }
            tot.calls += r[i].calls;
            for (int k = 0; k < MAX_PROCS; k++)
                if (slots[k].pid && slots[k].index == r[i].index)
                    slots[k].last_report = now;
        }
    }
    return 0;
}

static void account(int status)
{
    if (WIFSIGNALED(status)) {
        tot.signaled++;
        tot.by_signal[WTERMSIG(status) & 31]++;
    } else {
        tot.exited++;
    }
}

/* Reap whatever ended; free its slot. */
static void reap(void)
{
    int status;
    pid_t pid;

    while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
        int found = 0;
        for (int i = 0; i < MAX_PROCS; i++) {
            if (slots[i].pid == pid) {
                if (!slots[i].killed_at)
                    account(status);
                slots[i].pid = 0;
                found = 1;
            }
        }
        for (int i = 0; i < MAX_STUCK && !found; i++)
            if (stuck_pids[i] == pid) {
                stuck_pids[i] = 0; /* it died in the end: still counted as stuck */
                found = 1;
            }
        if (!found)
            tot.orphans++; /* a fuzzed fork's child, adopted by us as process 1 */
    }
}

/*
 * Kill children that made no progress for STALL_NS or are older than
 * CHILD_NS (all of them at the end: everything = 1); give up on those
 * that do not die.
 */
static void watchdog(uint64_t now, int everything)
{
    for (int i = 0; i < MAX_PROCS; i++) {
        struct slot *s = &slots[i];
        if (!s->pid)
            continue;
        if (!s->killed_at && (everything || now - s->last_report > STALL_NS ||
                              now - s->started > CHILD_NS)) {
            kill(s->pid, SIGKILL);
            s->killed_at = now;
            tot.watchdog++;
        } else if (s->killed_at && now - s->killed_at > STUCK_NS) {
            say("SYSFUZZ STUCK pid=%d (child %u) did not die %llu s after SIGKILL\n", s->pid,
                s->index, (unsigned long long)(STUCK_NS / 1000000000ull));
            if (tot.stuck < MAX_STUCK)
                stuck_pids[tot.stuck] = s->pid;
            tot.stuck++;
            s->pid = 0;
        }
    }
}

static void progress(uint64_t elapsed)
{
    say("sysfuzz: %llu s: calls=%u children=%u exited=%u signaled=%u (SIGSEGV %u, SIGKILL %u) "
        "watchdog=%u setup-errors=%u\n",
        (unsigned long long)(elapsed / 1000000000ull), tot.calls, tot.children, tot.exited,
        tot.signaled, tot.by_signal[SIGSEGV], tot.by_signal[SIGKILL], tot.watchdog,
        tot.setup_errors);
}

/* fork, exec /bin/hello with its output on /dev/null, wait: 1 when it exited 0. */
static int system_alive(void)
{
    char *const argv[] = {"/bin/hello", "alive", NULL};
    char *const envp[] = {NULL};
    int status;
    pid_t pid = fork(), got;

    if (pid < 0)
        return 0;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) != 1)
            _exit(126);
        execve(argv[0], argv, envp);
        _exit(127);
    }
    while ((got = waitpid(pid, &status, 0)) != pid)
        if (got < 0 && errno != EINTR)
            return 0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* Parse "SECONDS[:SEED[:PROCS[:v]]]" (the selftest= form). */
static void parse_packed(const char *s, unsigned *seconds, uint32_t *seed, int *seeded,
                         unsigned *procs, int *verbose)
{
    char *end;

    *seconds = (unsigned)strtoul(s, &end, 0);
    if (*end == ':') {
        *seed = (uint32_t)strtoul(end + 1, &end, 0);
        *seeded = 1;
    }
    if (*end == ':')
        *procs = (unsigned)strtoul(end + 1, &end, 0);
    if (*end == ':' && end[1] == 'v')
        *verbose = 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: sysfuzz [-v] [SECONDS [SEED [PROCS]]]\n"
                    "       sysfuzz selftest=SECONDS[:SEED[:PROCS[:v]]]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    unsigned seconds = DEFAULT_SECONDS, procs = DEFAULT_PROCS, next_index = 0;
    uint32_t seed = 0;
    int seeded = 0, verbose = 0, setup_ok, alive, fds[2], arg = 1;
    uint64_t start, deadline, next_progress;

    if (arg < argc && !strcmp(argv[arg], "-v")) {
        verbose = 1;
        arg++;
    }
    if (arg < argc && !strncmp(argv[arg], "selftest=", 9)) {
        parse_packed(argv[arg] + 9, &seconds, &seed, &seeded, &procs, &verbose);
        arg++;
    } else {
        if (arg < argc)
            seconds = (unsigned)strtoul(argv[arg++], NULL, 0);
        if (arg < argc) {
            seed = (uint32_t)strtoul(argv[arg++], NULL, 0);
            seeded = 1;
        }
        if (arg < argc)
            procs = (unsigned)strtoul(argv[arg++], NULL, 0);
    }
    if (arg < argc || seconds == 0 || procs == 0 || procs > MAX_PROCS)
        usage();
    if (!seeded && getrandom(&seed, sizeof seed, 0) != sizeof seed)
        seed = (uint32_t)now_ns();
    if (getuid() != 0) {
        fprintf(stderr, "sysfuzz: must start as root (it hands the children to uid %d)\n",
                FUZZ_UID);
        return 2;
    }
    say("SYSFUZZ START seconds=%u seed=%u procs=%u\n", seconds, seed, procs);

    setup_ok = make_scratch() == 0;
    if (!setup_ok)
        say("SYSFUZZ SETUP FAILED: cannot make %s: %s\n", SCRATCH, strerror(errno));
    if (setup_ok && (pipe(fds) < 0 || fcntl(fds[0], F_SETFL, O_NONBLOCK) < 0)) {
        say("SYSFUZZ SETUP FAILED: report pipe: %s\n", strerror(errno));
        setup_ok = 0;
    }
    if (setup_ok) {
        report_rd = fds[0];
        report_wr = fds[1];
    }

    start = now_ns();
    deadline = start + (uint64_t)seconds * 1000000000ull;
    next_progress = start + PROGRESS_NS;
    while (setup_ok) {
        uint64_t now = now_ns();
        if (drain_reports(now) < 0) {
            setup_ok = 0;
            break;
        }
        reap();
        if (now >= deadline)
            break;
        watchdog(now, 0);
        for (unsigned i = 0; i < procs; i++) {
            if (slots[i].pid)
                continue;
            pid_t pid = spawn(seed, next_index, verbose);
            if (pid < 0)
                break; /* at the process limit (stuck children): try again later */
            slots[i] = (struct slot){pid, next_index++, now, now, 0};
            tot.children++;
        }
        if (now >= next_progress) {
            progress(now - start);
            next_progress += PROGRESS_NS;
        }
        nap(TICK_NS);
    }

    /* The end: every child is killed and must be gone within STUCK_NS. */
    for (;;) {
        uint64_t now = now_ns();
        int left = 0;
        watchdog(now, 1);
        reap();
        for (int i = 0; i < MAX_PROCS; i++)
            left += slots[i].pid != 0;
        if (!left)
            break;
        nap(TICK_NS);
    }
    drain_reports(now_ns());
    progress(now_ns() - start);
    say("SYSFUZZ DONE calls=%u children=%u stuck=%u\n", tot.calls, tot.children, tot.stuck);
    alive = system_alive();
    say("SYSFUZZ ALIVE %s\n", alive ? "ok" : "failed");
    if (getpid() == 1) {
        int ok = setup_ok && alive && tot.stuck == 0;
        sync();
        reboot(REBOOT_POWER_OFF, ok ? 0 : 1);
        say("sysfuzz: power-off failed: %s\n", strerror(errno));
        for (;;) /* process 1 must not end: reap whatever comes */
            if (wait(NULL) < 0)
                nap(TICK_NS * 50);
    }
    return setup_ok && alive && tot.stuck == 0 ? 0 : 1;
}
