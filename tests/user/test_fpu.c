/*
 * test_fpu.c - the floating-point unit in user space: the state a program
 * starts with, exact results of simple arithmetic, masked exceptions, and
 * above all that each process has its own FPU and SSE registers: values
 * held in registers survive preemption, sleeping and other processes
 * computing at the same time, fork copies the state and exec resets it.
 *
 * Expected results are bit patterns of IEEE 754 doubles, computed exactly
 * (the operands are volatile so that the compiler cannot fold them).
 */
#define UTEST_SUITE "fpu"
#include "utest.h"

#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>

#define CW_DEFAULT 0x037f    /* FNINIT: all exceptions masked, 64-bit precision, round to nearest */
#define CW_CHOP 0x0f7f       /* the same with rounding toward zero */
#define MXCSR_DEFAULT 0x1f80 /* all SSE exceptions masked, round to nearest */
#define REPORT_ARG "--report-fpu-state"

static uint64_t bits_of(double d)
{
    uint64_t u;

    memcpy(&u, &d, sizeof u);
    return u;
}

static uint16_t get_cw(void)
{
    uint16_t cw;

    __asm__ volatile("fnstcw %0" : "=m"(cw));
    return cw;
}

static void set_cw(uint16_t cw)
{
    __asm__ volatile("fldcw %0" : : "m"(cw));
}

static uint32_t get_mxcsr(void)
{
    uint32_t m;

    __asm__ volatile("stmxcsr %0" : "=m"(m));
    return m;
}

static double x87_sqrt(double x)
{
    double r;

    __asm__("fsqrt" : "=t"(r) : "0"(x));
    return r;
}

static int cpu_has_sse2(void)
{
    uint32_t a, b, c, d;

    __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    return (d >> 26) & 1;
}

/* The state a freshly exec'ed program must see; 0 when it is right. */
static int fpu_state_is_initial(void)
{
    if (get_cw() != CW_DEFAULT)
        return 1;
    if (cpu_has_sse2() && get_mxcsr() != MXCSR_DEFAULT)
        return 2;
    return 0;
}

UTEST(initial_state_after_exec)
{
    /* The first case: nothing in this process has touched the FPU yet. */
    pid_t pid;

    UT_ASSERT_EQ(get_cw(), CW_DEFAULT);
    if (!cpu_has_sse2())
        return;
    /* In a child: if the kernel did not enable SSE, the instruction faults. */
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(get_mxcsr() == MXCSR_DEFAULT ? 0 : 1);
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(arithmetic_is_exact)
{
    volatile double a = 0.1, b = 0.2, one = 1.0, two = 2.0, three = 3.0, half = 0.5;
    volatile float onef = 1.0f, threef = 3.0f;
    volatile double big = 1e15, neg = -3.99, pos = 3.99;
    float third;
    uint32_t fbits;

    UT_ASSERT_EQ(bits_of(a + b), 0x3fd3333333333334ull);
    UT_ASSERT_EQ(bits_of(one / three), 0x3fd5555555555555ull);
    UT_ASSERT_EQ(bits_of(two / three), 0x3fe5555555555555ull);
    UT_ASSERT_EQ(bits_of(x87_sqrt(two)), 0x3ff6a09e667f3bcdull);
    UT_ASSERT(half + half == one);
    UT_ASSERT(three * half == 1.5);
    third = onef / threef;
    memcpy(&fbits, &third, sizeof fbits);
    UT_ASSERT_EQ(fbits, 0x3eaaaaab);
    UT_ASSERT_EQ((int)pos, 3);
    UT_ASSERT_EQ((int)neg, -3);
    UT_ASSERT_EQ((long long)big, 1000000000000000ll);
    UT_ASSERT(big * 10 == 1e16);
}

UTEST(exceptions_are_masked)
{
    volatile double zero = 0.0, one = 1.0, minus_one = -1.0;
    double inf = one / zero, nan = zero / zero, root = x87_sqrt(minus_one);

    /* Masked exceptions give the IEEE results instead of a SIGFPE. */
    UT_ASSERT_EQ(bits_of(inf), 0x7ff0000000000000ull);
    UT_ASSERT(nan != nan);
    UT_ASSERT(root != root);
}

UTEST(fork_copies_the_fpu_state)
{
    volatile double two = 2.0;
    pid_t pid;

    set_cw(CW_CHOP);
    pid = fork();
    if (pid == 0) {
        /* The control word came along, and it governs the child's arithmetic. */
        if (get_cw() != CW_CHOP)
            _exit(1);
        _exit(bits_of(x87_sqrt(two)) == 0x3ff6a09e667f3bccull ? 0 : 2);
    }
    set_cw(CW_DEFAULT);
    UT_ASSERT(pid >= 0);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    UT_ASSERT_EQ(bits_of(x87_sqrt(two)), 0x3ff6a09e667f3bcdull); /* ours is back to nearest */
}

UTEST(exec_resets_the_fpu_state)
{
    char *const argv[] = {"/tests/test_fpu", REPORT_ARG, NULL};
    char *const envp[] = {NULL};
    pid_t pid;

    set_cw(CW_CHOP);
    pid = fork();
    if (pid == 0) {
        if (cpu_has_sse2())
            __asm__ volatile("ldmxcsr %0" : : "m"((uint32_t){0x7f80})); /* round toward zero */
        execve(argv[0], argv, envp);
        _exit(127);
    }
    set_cw(CW_DEFAULT);
    UT_ASSERT(pid >= 0);
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

/* Sum i * step for i < n; the sum stays in an FPU register through the loop. */
static __attribute__((noinline)) double sum_steps(double step, uint32_t n)
{
    double sum = 0.0;

    for (uint32_t i = 0; i < n; i++)
        sum += (double)i * step;
    return sum;
}

UTEST(concurrent_sums_stay_separate)
{
    /* Every partial sum is a multiple of a power of two below 2^53: exact. */
    static const double steps[] = {0.125, 0.25, 0.5, 1.0};
    const uint32_t n = 3000000;
    const double triangle = (double)n * (n - 1) / 2;
    pid_t pids[4];

    for (int k = 1; k < 4; k++) {
        pids[k] = fork();
        UT_ASSERT(pids[k] >= 0);
        if (pids[k] == 0) {
            int ok = 1;
            for (int round = 0; round < 3; round++)
                ok &= sum_steps(steps[k], n) == triangle * steps[k];
            _exit(ok ? 0 : 1);
        }
    }
    for (int round = 0; round < 3; round++)
        UT_ASSERT(sum_steps(steps[0], n) == triangle * steps[0]);
    for (int k = 1; k < 4; k++)
        UT_ASSERT_CHILD_EXIT(pids[k], 0);
}

/*
 * Load eight values onto the x87 register stack, then give up the CPU
 * `rounds` times (sched_yield, and a busy loop in which the timer may preempt
 * us) before storing them back: out[i] = in[7 - i].
 */
static void x87_hold(const double in[8], double out[8], int rounds)
{
    int spin;

    __asm__ volatile("fldl 0(%[in]); fldl 8(%[in]); fldl 16(%[in]); fldl 24(%[in])\n\t"
                     "fldl 32(%[in]); fldl 40(%[in]); fldl 48(%[in]); fldl 56(%[in])\n\t"
                     "1:\n\t"
                     "movl %[nr], %%eax\n\t"
                     "int $0x80\n\t"
                     "movl $20000, %[spin]\n\t"
                     "2: decl %[spin]\n\t"
                     "jnz 2b\n\t"
                     "decl %[rounds]\n\t"
                     "jnz 1b\n\t"
                     "fstpl 0(%[out]); fstpl 8(%[out]); fstpl 16(%[out]); fstpl 24(%[out])\n\t"
                     "fstpl 32(%[out]); fstpl 40(%[out]); fstpl 48(%[out]); fstpl 56(%[out])"
                     : [rounds] "+r"(rounds), [spin] "=&r"(spin)
                     : [in] "r"(in), [out] "r"(out), [nr] "i"(SYS_sched_yield)
                     : "eax", "memory", "st", "st(1)", "st(2)", "st(3)", "st(4)", "st(5)",
                       "st(6)", "st(7)");
}

/* 0 when x87_hold gave back what it was given. */
static int x87_round_trip(double base, int rounds)
{
    double in[8], out[8];

    for (int i = 0; i < 8; i++)
        in[i] = base + i * 0.0625;
    x87_hold(in, out, rounds);
    for (int i = 0; i < 8; i++)
        if (bits_of(out[i]) != bits_of(in[7 - i]))
            return 1;
    return 0;
}

UTEST(x87_registers_survive_other_processes)
{
    pid_t pids[3];

    for (int k = 0; k < 3; k++) {
        pids[k] = fork();
        UT_ASSERT(pids[k] >= 0);
        if (pids[k] == 0)
            _exit(x87_round_trip(1000.0 * (k + 1), 200));
    }
    UT_ASSERT_EQ(x87_round_trip(-7.5, 200), 0);
    for (int k = 0; k < 3; k++)
        UT_ASSERT_CHILD_EXIT(pids[k], 0);
}

/* Like x87_hold for the eight SSE registers (16 bytes each), with a nanosleep each round. */
static void sse_hold(const uint32_t in[32], uint32_t out[32], int rounds)
{
    static const struct timespec nap = {.tv_nsec = 1000 * 1000};
    int spin;

    __asm__ volatile("movdqu 0(%[in]), %%xmm0; movdqu 16(%[in]), %%xmm1\n\t"
                     "movdqu 32(%[in]), %%xmm2; movdqu 48(%[in]), %%xmm3\n\t"
                     "movdqu 64(%[in]), %%xmm4; movdqu 80(%[in]), %%xmm5\n\t"
                     "movdqu 96(%[in]), %%xmm6; movdqu 112(%[in]), %%xmm7\n\t"
                     "1:\n\t"
                     "pushl %%ebx\n\t"
                     "pushl %%ecx\n\t"
                     "movl %[nap], %%ebx\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "movl %[nr], %%eax\n\t"
                     "int $0x80\n\t"
                     "popl %%ecx\n\t"
                     "popl %%ebx\n\t"
                     "movl $20000, %[spin]\n\t"
                     "2: decl %[spin]\n\t"
                     "jnz 2b\n\t"
                     "decl %[rounds]\n\t"
                     "jnz 1b\n\t"
                     "movdqu %%xmm0, 0(%[out]); movdqu %%xmm1, 16(%[out])\n\t"
                     "movdqu %%xmm2, 32(%[out]); movdqu %%xmm3, 48(%[out])\n\t"
                     "movdqu %%xmm4, 64(%[out]); movdqu %%xmm5, 80(%[out])\n\t"
                     "movdqu %%xmm6, 96(%[out]); movdqu %%xmm7, 112(%[out])"
                     : [rounds] "+r"(rounds), [spin] "=&r"(spin)
                     : [in] "r"(in), [out] "r"(out), [nap] "i"(&nap),
                       [nr] "i"(SYS_nanosleep)
                     : "eax", "memory");
}

/* 0 when sse_hold gave back what it was given. */
static int sse_round_trip(uint32_t base, int rounds)
{
    uint32_t in[32], out[32];

    for (int i = 0; i < 32; i++)
        in[i] = base * 0x01010101u + (uint32_t)i * 0x9e3779b9u;
    sse_hold(in, out, rounds);
    return memcmp(in, out, sizeof in) != 0;
}

UTEST(sse_registers_survive_other_processes)
{
    pid_t pids[3];

    if (!cpu_has_sse2())
        UT_SKIP("the CPU has no SSE2");
    for (int k = 0; k < 3; k++) {
        pids[k] = fork();
        UT_ASSERT(pids[k] >= 0);
        if (pids[k] == 0)
            _exit(sse_round_trip((uint32_t)k + 1, 100));
    }
    /* In a child too, so that a kernel without SSE support fails this case alone. */
    pid_t mine = fork();
    UT_ASSERT(mine >= 0);
    if (mine == 0)
        _exit(sse_round_trip(0x77, 100));
    UT_ASSERT_CHILD_EXIT(mine, 0);
    for (int k = 0; k < 3; k++)
        UT_ASSERT_CHILD_EXIT(pids[k], 0);
}

int main(int argc, char **argv)
{
    /* exec_resets_the_fpu_state runs this program again to look at its fresh state. */
    if (argc > 1 && strcmp(argv[1], REPORT_ARG) == 0)
        return fpu_state_is_initial();
    return utest_main(argc, argv);
}
