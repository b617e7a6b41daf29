/*
 * smp_bench.c - CPU-bound work in parallel, for make bench: the same fixed
 * amount of arithmetic in one process, then split over two processes at
 * once. On one CPU the two take as long as the one; on two CPUs about half
 * (bench/run.py boots it with -smp 1 and -smp 2 and prints the ratio).
 *
 * Run as process 1 (init=/bin/smp_bench); prints its figures, checks that
 * every process computed the expected value, and powers off.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORK 400000000u /* iterations in all */

static uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* A chain of dependent multiply-adds: nothing the compiler can skip. */
static uint32_t crunch(uint32_t iterations)
{
    volatile uint32_t x = 1;

    for (uint32_t i = 0; i < iterations; i++)
        x = x * 1664525u + 1013904223u;
    return x;
}

/* Run `parts` processes, each doing WORK / parts; returns the wall time in ms, or 0 on failure. */
static uint64_t run(int parts)
{
    uint32_t share = WORK / (uint32_t)parts, got = 0;
    uint64_t start = now_ms(), elapsed;
    pid_t pids[8];
    int ok = 1;

    for (int i = 0; i < parts; i++) {
        pids[i] = fork();
        if (pids[i] == 0)
            _exit((int)(crunch(share) & 0xff)); /* the low byte, checked by the parent */
        if (pids[i] < 0)
            return 0;
    }
    for (int i = 0; i < parts; i++) {
        int status;
        if (waitpid(pids[i], &status, 0) != pids[i] || !WIFEXITED(status))
            ok = 0;
        else if (i == 0)
            got = (uint32_t)WEXITSTATUS(status);
        else if ((uint32_t)WEXITSTATUS(status) != got)
            ok = 0;
    }
    elapsed = now_ms() - start;
    /* Checked after the clock stopped: the parent computes one share itself. */
    if (!ok || got != (crunch(share) & 0xff))
        return 0;
    return elapsed ? elapsed : 1;
}

int main(void)
{
    uint64_t one, two;

    printf("smp_bench: CPU-bound work, %u iterations in all\n", WORK);
    one = run(1);
    two = run(2);
    if (!one || !two) {
        printf("smp_bench: FAILED (a process failed or computed a wrong value)\n");
        reboot(REBOOT_POWER_OFF, 1);
        return 1;
    }
    printf("  one process:                 %llu ms\n", (unsigned long long)one);
    printf("  two processes, half each:    %llu ms\n", (unsigned long long)two);
    printf("smp_bench: done\n");
    reboot(REBOOT_POWER_OFF, 0);
    return 0;
}
