/*
 * test_stress.c - the process machinery under load: a fork storm that runs
 * into the per-user process limit, exec refused for lack of permission, a
 * megabyte through a chain of six processes joined by pipes, a process that
 * fills and checks 64 MiB of its own memory, and a full disk on which what
 * needs a block fails cleanly.
 *
 * (Other exec errors, the FPU of concurrent processes and the smaller
 * memory cases are in test_process.c, test_fpu.c and test_memory.c.)
 *
 * Children report through their exit status or a pipe and end with _exit:
 * see tests/user/utest.h. Cases that need an unprivileged process run it in
 * a child that calls setuid, so this program stays root.
 */
#define UTEST_SUITE "stress"
#include "utest.h"

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

#define PAGE 4096
#define STORM_UID 1000
#define STORM_GID 1000
/* The kernel's limit for one real uid other than root (kernel/proc/process.c). */
#define PER_USER_LIMIT 256
/* More forks than the limit allows: the storm stops here if the limit is missing. */
#define STORM_CAP (PER_USER_LIMIT + 64)

/* Read exactly n bytes (less only at end of file); -1 on an error. */
static ssize_t read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;

    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Write all n bytes; 0 when done, -1 on an error. */
static int write_full(int fd, const void *buf, size_t n)
{
    size_t put = 0;

    while (put < n) {
        ssize_t w = write(fd, (const char *)buf + put, n - put);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        put += (size_t)w;
    }
    return 0;
}

/* ---- fork storm ---- */

/* What the storm's leader reports: first when fork failed, then after the cleanup. */
struct storm_report {
    int forked;      /* children created before fork failed */
    int fork_errno;  /* errno of the failed fork (0: it never failed) */
    int reaped;      /* children collected after they were released */
    int fork_after;  /* 1 when a fork after the cleanup worked and its child exited 0 */
    int stray;       /* 1 when wait found more children than were forked */
};

/*
 * The leader: an unprivileged process that forks until the kernel refuses.
 * Each child blocks reading `gate` until the leader closes its end, so all
 * of them exist at once. The first report goes out when fork fails; the
 * leader then waits for `release` to end before freeing the children.
 */
static void storm_leader(int report_fd, int release_fd)
{
    struct storm_report r = {0};
    int gate[2];
    char c;

    if (setgid(STORM_GID) != 0 || setuid(STORM_UID) != 0 || getuid() != STORM_UID)
        _exit(20);
    if (pipe(gate) != 0)
        _exit(21);
    while (r.forked < STORM_CAP) {
        pid_t pid = fork();
        if (pid < 0) {
            r.fork_errno = errno;
            break;
        }
        if (pid == 0) {
            close(gate[1]);
            close(report_fd);
            close(release_fd);
            while (read(gate[0], &c, 1) < 0 && errno == EINTR)
                ;
            _exit(0);
        }
        r.forked++;
    }
    if (write_full(report_fd, &r, sizeof r) != 0)
        _exit(22);
    /* Hold everyone until the test has looked at the system at the limit. */
    while (read(release_fd, &c, 1) < 0 && errno == EINTR)
        ;
    close(gate[1]);
    for (;;) {
        int status;
        pid_t got = wait(&status);
        if (got < 0)
            break;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            _exit(23);
        r.reaped++;
    }
    r.stray = r.reaped > r.forked;
    pid_t pid = fork();
    if (pid == 0)
        _exit(7);
    if (pid > 0) {
        int status;
        r.fork_after = waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
                       WEXITSTATUS(status) == 7;
    }
    _exit(write_full(report_fd, &r, sizeof r) == 0 ? 0 : 24);
}

UTEST(fork_storm_stops_at_the_per_user_limit)
{
    struct storm_report at_limit, after;
    int report[2], release[2];
    pid_t leader, root_child;

    UT_ASSERT_EQ(pipe(report), 0);
    UT_ASSERT_EQ(pipe(release), 0);
    leader = fork();
    UT_ASSERT(leader >= 0);
    if (leader == 0) {
        close(report[0]);
        close(release[1]);
        storm_leader(report[1], release[0]);
    }
    close(report[1]);
    close(release[0]);
    UT_ASSERT_EQ(read_full(report[0], &at_limit, sizeof at_limit), sizeof at_limit);

    /* The limit is per user: root can still fork while that user is at its limit. */
    root_child = fork();
    if (root_child == 0)
        _exit(3);
    UT_ASSERT_MSG(root_child > 0, "root could not fork while uid %d was at its limit: %s",
                  STORM_UID, utest_errno_name(errno));
    UT_ASSERT_CHILD_EXIT(root_child, 3);

    UT_ASSERT_EQ(close(release[1]), 0);
    UT_ASSERT_EQ(read_full(report[0], &after, sizeof after), sizeof after);
    UT_ASSERT_EQ(close(report[0]), 0);
    UT_ASSERT_CHILD_EXIT(leader, 0);

    UT_ASSERT_MSG(at_limit.fork_errno != 0, "fork never failed: %d children at once",
                  at_limit.forked);
    UT_ASSERT_MSG(at_limit.fork_errno == EAGAIN, "fork failed with %s, expected EAGAIN",
                  utest_errno_name(at_limit.fork_errno));
    /* The leader counts against the limit too, so at most 255 children fit. */
    UT_ASSERT_MSG(at_limit.forked >= 64 && at_limit.forked < PER_USER_LIMIT,
                  "fork failed after %d children, expected 64..%d", at_limit.forked,
                  PER_USER_LIMIT - 1);
    UT_ASSERT_EQ(after.reaped, at_limit.forked);
    UT_ASSERT_EQ(after.stray, 0);
    UT_ASSERT_MSG(after.fork_after == 1, "fork did not work again after the storm");
}

/* ---- exec permissions ---- */

/* Copy the file from into a new file to with the given mode; 0 on success. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
    static char buf[8192];
    int in = open(from, O_RDONLY), out;
    ssize_t n;

    if (in < 0)
        return -1;
    out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) {
        close(in);
        return -1;
    }
    while ((n = read(in, buf, sizeof buf)) > 0)
        if (write_full(out, buf, (size_t)n) != 0)
            break;
    close(in);
    if (close(out) != 0 || n != 0)
        return -1;
    return chmod(to, mode);
}

/* In a child running as uid 1000: exec path; the exit status says what happened. */
static int exec_as_user(const char *path)
{
    char *const argv[] = {(char *)path, NULL};
    char *const envp[] = {NULL};
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null < 0 || dup2(null, 1) != 1 || setgid(STORM_GID) != 0 ||
            setuid(STORM_UID) != 0)
            _exit(125);
        execve(path, argv, envp);
        _exit(errno == EACCES ? 126 : 127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

UTEST(exec_needs_execute_permission)
{
    const char *path = "/tmp/stress.hello";
    char *const argv[] = {(char *)path, NULL};
    char *const envp[] = {NULL};

    /* A real program without any execute bit: not even root may run it. */
    UT_ASSERT_EQ(copy_file("/bin/hello", path, 0644), 0);
    UT_ASSERT_ERRNO(execve(path, argv, envp), EACCES);
    UT_ASSERT_EQ(exec_as_user(path), 126);
    /* Executable by its owner (root) only: another user is refused. */
    UT_ASSERT_EQ(chmod(path, 0744), 0);
    UT_ASSERT_EQ(exec_as_user(path), 126);
    /* Executable by everyone: the same file runs (hello exits 0). */
    UT_ASSERT_EQ(chmod(path, 0755), 0);
    UT_ASSERT_EQ(exec_as_user(path), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

/* ---- a pipeline ---- */

#define CHAIN_COPIERS 4
#define CHAIN_BYTES (1u << 20)

/* A xorshift32 generator: the data of the pipeline, reproducible on both ends. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;

    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* Fill buf with the next n bytes of the stream. */
static void stream_bytes(uint32_t *state, unsigned char *buf, size_t n)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (unsigned char)(next_random(state) >> 24);
}

/*
 * A copier: stdin to stdout until end of file, with reads and writes of
 * changing sizes so that short reads and partly filled pipes happen.
 */
static void copy_stdin_to_stdout(int which)
{
    static unsigned char buf[9000];
    size_t sizes[] = {1, 100, 4096, 4097, 8192, 9000, 513, 65};
    int k = which;

    for (;;) {
        ssize_t n = read(0, buf, sizes[k++ % 8]);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            _exit(2);
        if (n == 0)
            _exit(0);
        if (write_full(1, buf, (size_t)n) != 0)
            _exit(3);
    }
}

/* The source: CHAIN_BYTES of the stream on stdout, in pieces of changing sizes. */
static void produce(uint32_t seed)
{
    static unsigned char buf[5000];
    uint32_t state = seed;
    size_t left = CHAIN_BYTES, k = 0;

    while (left) {
        size_t n = (k++ * 1237) % sizeof buf + 1;
        if (n > left)
            n = left;
        stream_bytes(&state, buf, n);
        if (write_full(1, buf, n) != 0)
            _exit(3);
        left -= n;
    }
    _exit(0);
}

/* Start a child running fn(arg) with stdin from in_fd and stdout to out_fd. */
static pid_t start_stage(void (*fn)(int), int arg, int in_fd, int out_fd, int close_fd)
{
    pid_t pid = fork();

    if (pid == 0) {
        if (close_fd >= 0)
            close(close_fd);
        if ((in_fd >= 0 && dup2(in_fd, 0) != 0) || dup2(out_fd, 1) != 1)
            _exit(4);
        if (in_fd >= 0)
            close(in_fd);
        close(out_fd);
        fn(arg);
        _exit(5);
    }
    return pid;
}

static void produce_stage(int seed)
{
    produce((uint32_t)seed);
}

UTEST(a_megabyte_through_a_chain_of_processes)
{
    const uint32_t seed = 0x2545f491;
    pid_t pids[CHAIN_COPIERS + 1];
    int fds[2], in_fd;
    static unsigned char got[4096], want[4096];
    uint32_t state = seed, sum_got = 0, sum_want = 0;
    size_t total = 0, first_bad = (size_t)-1;

    /* source -> copier 1 -> ... -> copier 4 -> this process */
    UT_ASSERT_EQ(pipe(fds), 0);
    pids[0] = start_stage(produce_stage, (int)seed, -1, fds[1], fds[0]);
    UT_ASSERT(pids[0] > 0);
    UT_ASSERT_EQ(close(fds[1]), 0);
    in_fd = fds[0];
    for (int i = 1; i <= CHAIN_COPIERS; i++) {
        UT_ASSERT_EQ(pipe(fds), 0);
        pids[i] = start_stage(copy_stdin_to_stdout, i, in_fd, fds[1], fds[0]);
        UT_ASSERT(pids[i] > 0);
        UT_ASSERT_EQ(close(in_fd), 0);
        UT_ASSERT_EQ(close(fds[1]), 0);
        in_fd = fds[0];
    }
    /* Compare byte for byte as the data arrives, and keep checksums of both sides. */
    for (;;) {
        ssize_t n = read(in_fd, got, sizeof got);
        UT_ASSERT_MSG(n >= 0, "reading the end of the chain: %s", utest_errno_name(errno));
        if (n == 0)
            break;
        UT_ASSERT_MSG(total + (size_t)n <= CHAIN_BYTES, "more than %u bytes came out",
                      CHAIN_BYTES);
        stream_bytes(&state, want, (size_t)n);
        for (ssize_t i = 0; i < n; i++) {
            if (got[i] != want[i] && first_bad == (size_t)-1)
                first_bad = total + (size_t)i;
            sum_got = sum_got * 31 + got[i];
            sum_want = sum_want * 31 + want[i];
        }
        total += (size_t)n;
    }
    UT_ASSERT_EQ(close(in_fd), 0);
    for (int i = 0; i <= CHAIN_COPIERS; i++)
        UT_ASSERT_CHILD_EXIT(pids[i], 0);
    UT_ASSERT_EQ(total, CHAIN_BYTES);
    UT_ASSERT_MSG(first_bad == (size_t)-1, "byte %zu differs (checksum %#x, expected %#x)",
                  first_bad, sum_got, sum_want);
    UT_ASSERT_EQ(sum_got, sum_want);
}

/* ---- a large address space ---- */

#define BIG (32u << 20)

/* The word stored at word index i of area `which`: differs between areas and pages. */
static uint32_t big_word(int which, size_t i)
{
    return (uint32_t)i * 2654435761u ^ (which ? 0xa5a5a5a5u : 0x3c3c3c3cu);
}

static void fill_words(uint32_t *p, int which)
{
    for (size_t i = 0; i < BIG / 4; i++)
        p[i] = big_word(which, i);
}

/* 0 when every word still holds its value. */
static int check_words(const uint32_t *p, int which)
{
    for (size_t i = 0; i < BIG / 4; i++)
        if (p[i] != big_word(which, i))
            return 1;
    return 0;
}

/*
 * In a child, so that the 64 MiB go back with its exit (malloc never returns
 * memory to the kernel): 32 MiB from malloc (the break) and 32 MiB from mmap,
 * every word written, then both checked, so that neither area shares a page
 * with the other. The exit status names the first failed step.
 */
static void fill_two_areas(void)
{
    uint32_t *heap = malloc(BIG), *mapped;

    if (!heap)
        _exit(1);
    fill_words(heap, 0);
    if (check_words(heap, 0))
        _exit(2);
    mapped = mmap(NULL, BIG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        _exit(3);
    for (size_t off = 0; off < BIG; off += PAGE) /* fresh anonymous pages are zero */
        if (mapped[off / 4] != 0)
            _exit(4);
    fill_words(mapped, 1);
    if (check_words(mapped, 1))
        _exit(5);
    if (check_words(heap, 0))
        _exit(6);
    if (munmap(mapped, BIG) != 0)
        _exit(7);
    free(heap);
    _exit(0);
}

UTEST(sixty_four_mib_written_and_read_back)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0)
        fill_two_areas();
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

/* ---- a full disk ---- */

#define FILL_PATH "/tmp/stress.fill"
#define FULL_LINK "/tmp/stress.longlink"
#define FULL_DIR "/tmp/stress.dir"
#define FULL_FILE "/tmp/stress.file"

/* Write FILL_PATH until the disk is full; the errno that stopped it (0: it never stopped). */
static int fill_disk(void)
{
    static char chunk[65536];
    int fd = open(FILL_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0600), err = 0;

    if (fd < 0)
        return -1;
    memset(chunk, 0xf1, sizeof chunk);
    /* The root file system is far smaller than 4 GiB: the loop ends with an error. */
    for (unsigned i = 0; i < 65536 && !err; i++)
        if (write(fd, chunk, sizeof chunk) < 0)
            err = errno;
    /* Then byte by byte, so that not even a partial block is left in the last one. */
    for (int i = 0; i < 4096 && err == ENOSPC; i++)
        if (write(fd, chunk, 1) < 0 && errno != ENOSPC)
            err = errno;
    close(fd);
    return err;
}

/*
 * What must fail on a full disk fails with ENOSPC and leaves nothing behind:
 * a symbolic link whose target needs a block (more than 60 bytes), a
 * directory, a file's data. The fill goes afterwards whatever happened, so
 * the suites after this one find the space they need.
 */
static void full_disk_checks(void)
{
    char target[100];
    struct stat st;
    int fd;

    memset(target, 't', sizeof target - 1);
    target[sizeof target - 1] = '\0';
    UT_ASSERT_ERRNO(symlink(target, FULL_LINK), ENOSPC);
    UT_ASSERT_ERRNO(lstat(FULL_LINK, &st), ENOENT);
    UT_ASSERT_ERRNO(mkdir(FULL_DIR, 0755), ENOSPC);
    UT_ASSERT_ERRNO(lstat(FULL_DIR, &st), ENOENT);
    /* A new empty file needs no data block; its data cannot be written. */
    fd = open(FULL_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd >= 0) {
        UT_ASSERT_ERRNO(write(fd, target, sizeof target), ENOSPC);
        UT_ASSERT_EQ(fstat(fd, &st), 0);
        UT_ASSERT_EQ(st.st_size, 0);
        UT_ASSERT_EQ(close(fd), 0);
        UT_ASSERT_EQ(unlink(FULL_FILE), 0);
    } else {
        UT_ASSERT_EQ(errno, ENOSPC);
    }
}

UTEST(full_disk_fails_cleanly)
{
    char target[100];
    struct stat st;
    int err = fill_disk();

    if (err == ENOSPC)
        full_disk_checks();
    unlink(FULL_LINK);
    rmdir(FULL_DIR);
    unlink(FULL_FILE);
    UT_ASSERT_EQ(unlink(FILL_PATH), 0);
    UT_ASSERT_MSG(err == ENOSPC, "filling the disk stopped with %s, expected ENOSPC",
                  utest_errno_name(err));
    /* With the space back, the same link works. */
    memset(target, 't', sizeof target - 1);
    target[sizeof target - 1] = '\0';
    UT_ASSERT_EQ(symlink(target, FULL_LINK), 0);
    UT_ASSERT_EQ(lstat(FULL_LINK, &st), 0);
    UT_ASSERT_EQ(st.st_size, sizeof target - 1);
    UT_ASSERT_EQ(unlink(FULL_LINK), 0);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
