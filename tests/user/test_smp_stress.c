/*
 * test_smp_stress.c - many processes at once, so that on two CPUs every
 * path runs in parallel with itself (docs/smp.md): fork/exec/wait storms,
 * pipes ping-ponging between pairs of processes, processes writing files at
 * the same time, and signals sent to processes that are running (on the
 * other CPU, when there is one). Each case loops at least 50 rounds and
 * checks every result; a lost wakeup shows up as a hang, which the harness's
 * time limit turns into a failure. It runs on one CPU too.
 */
#define UTEST_SUITE "smp_stress"
#include "utest.h"

#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>

#define ROUNDS 50

UTEST(fork_exec_wait_storm)
{
    for (int round = 0; round < ROUNDS; round++) {
        pid_t pids[6];
        for (int i = 0; i < 6; i++) {
            pids[i] = fork();
            UT_ASSERT(pids[i] >= 0);
            if (pids[i] == 0) {
                if (i % 2) { /* half exec a program, half just exit */
                    char *argv[] = {"true", NULL};
                    int null = open("/dev/null", O_WRONLY);
                    dup2(null, 1);
                    execve("/bin/hello", argv, NULL);
                    _exit(100);
                }
                _exit(i);
            }
        }
        for (int i = 0; i < 6; i++) {
            int status = utest_wait(pids[i]);
            UT_ASSERT_MSG(status != -1 && WIFEXITED(status),
                          "round %d child %d: %s", round, i, utest_status_text(status));
            UT_ASSERT_MSG(i % 2 ? WEXITSTATUS(status) != 100 : WEXITSTATUS(status) == i,
                          "round %d child %d: %s", round, i, utest_status_text(status));
        }
    }
}

/* One side of a ping-pong: read a counter, check it, send it on incremented. */
static int bounce(int in, int out, uint32_t first, int times)
{
    uint32_t want = first;

    for (int i = 0; i < times; i++) {
        uint32_t v;
        if (read(in, &v, sizeof v) != sizeof v || v != want)
            return 1;
        v++;
        if (write(out, &v, sizeof v) != sizeof v)
            return 2;
        want += 2;
    }
    return 0;
}

UTEST(pipes_ping_pong_in_pairs)
{
    enum { PAIRS = 3, TRIPS = 300 };
    pid_t pids[PAIRS * 2];

    for (int p = 0; p < PAIRS; p++) {
        int ab[2], ba[2];
        UT_ASSERT_EQ(pipe(ab), 0);
        UT_ASSERT_EQ(pipe(ba), 0);
        pids[2 * p] = fork();
        if (pids[2 * p] == 0) {
            uint32_t start = 0;
            if (write(ab[1], &start, sizeof start) != sizeof start)
                _exit(3);
            /* A sends 0, B answers 1, A gets 1 and sends 2, ... */
            _exit(bounce(ba[0], ab[1], 1, TRIPS));
        }
        pids[2 * p + 1] = fork();
        if (pids[2 * p + 1] == 0)
            _exit(bounce(ab[0], ba[1], 0, TRIPS));
        close(ab[0]);
        close(ab[1]);
        close(ba[0]);
        close(ba[1]);
    }
    for (int i = 0; i < PAIRS * 2; i++)
        UT_ASSERT_CHILD_EXIT(pids[i], 0);
}

/* Write a file of n bytes of a pattern made from seed, read it back, remove it. */
static int write_check_remove(const char *path, uint32_t seed, size_t n)
{
    static uint8_t buf[8192], back[8192];
    uint32_t x = seed;
    int fd;

    for (size_t i = 0; i < sizeof buf; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return 1;
    for (size_t done = 0; done < n; done += sizeof buf)
        if (write(fd, buf, sizeof buf) != (ssize_t)sizeof buf)
            return 2;
    if (lseek(fd, 0, SEEK_SET) != 0)
        return 3;
    for (size_t done = 0; done < n; done += sizeof back)
        if (read(fd, back, sizeof back) != (ssize_t)sizeof back ||
            memcmp(buf, back, sizeof back) != 0)
            return 4;
    close(fd);
    return unlink(path) == 0 ? 0 : 5;
}

UTEST(processes_write_files_at_once)
{
    enum { WRITERS = 4 };

    mkdir("/tmp/smp_stress", 0755);
    for (int round = 0; round < ROUNDS; round++) {
        pid_t pids[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            pids[w] = fork();
            if (pids[w] == 0) {
                char path[64];
                snprintf(path, sizeof path, "/tmp/smp_stress/w%d-r%d", w, round);
                _exit(write_check_remove(path, (uint32_t)(round * WRITERS + w), 32768));
            }
        }
        for (int w = 0; w < WRITERS; w++)
            UT_ASSERT_CHILD_EXIT(pids[w], 0);
    }
    UT_ASSERT_EQ(rmdir("/tmp/smp_stress"), 0);
}

static volatile sig_atomic_t received;

static void count_usr1(int sig)
{
    (void)sig;
    received++;
}

UTEST(signals_reach_running_processes)
{
    int acks[2];
    pid_t pid;

    UT_ASSERT_EQ(pipe(acks), 0);
    pid = fork();
    if (pid == 0) {
        /* Spin in user mode; every new signal is acknowledged with one byte. */
        sig_atomic_t seen = 0;
        struct sigaction sa = {.sa_handler = count_usr1};
        sigaction(SIGUSR1, &sa, NULL);
        close(acks[0]);
        write(acks[1], "r", 1);
        for (;;) {
            if (received != seen) {
                seen = received;
                if (write(acks[1], "a", 1) != 1)
                    _exit(1);
            }
        }
    }
    close(acks[1]);
    {
        char c;
        UT_ASSERT_EQ(read(acks[0], &c, 1), 1);
    }
    for (int round = 0; round < ROUNDS * 2; round++) {
        char c;
        UT_ASSERT_EQ(kill(pid, SIGUSR1), 0);
        /* A lost signal would leave this read blocked forever. */
        UT_ASSERT_EQ(read(acks[0], &c, 1), 1);
        UT_ASSERT_EQ(c, 'a');
    }
    UT_ASSERT_EQ(kill(pid, SIGKILL), 0);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
    close(acks[0]);
}

UTEST(stop_and_continue_a_running_process)
{
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        volatile uint32_t spin = 0;
        for (;;)
            spin++;
    }
    for (int round = 0; round < ROUNDS; round++) {
        UT_ASSERT_EQ(kill(pid, SIGSTOP), 0);
        UT_ASSERT_EQ(waitpid(pid, &status, WUNTRACED), pid);
        UT_ASSERT(WIFSTOPPED(status));
        UT_ASSERT_EQ(kill(pid, SIGCONT), 0);
        UT_ASSERT_EQ(waitpid(pid, &status, WCONTINUED), pid);
        UT_ASSERT(WIFCONTINUED(status));
    }
    kill(pid, SIGKILL);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
