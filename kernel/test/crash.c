/*
 * crash.c - functions that fault on purpose, one per kind of CPU exception, so
 * the test harness can check that a fatal fault's dump names the function
 * that faulted ("ktest=crash:<kind>" on the command line).
 */
#include <stdint.h>
#include <string.h>
#include <test/ktest.h>

void ktest_crash_page_fault(void);
void ktest_crash_divide_error(void);
void ktest_crash_invalid_opcode(void);
void ktest_crash_general_protection(void);

__attribute__((noinline)) void ktest_crash_page_fault(void)
{
    *(volatile uint32_t *)0x10 = 1; /* user space is not mapped in the kernel */
}

__attribute__((noinline)) void ktest_crash_divide_error(void)
{
    uint32_t zero = 0, result;

    /* The divisor is pinned to ecx: in any register gcc might pick eax, giving 1 / 1. */
    __asm__ volatile("xorl %%edx, %%edx\n\tmovl $1, %%eax\n\tdivl %1"
                     : "=&a"(result) : "c"(zero) : "edx");
    (void)result;
}

__attribute__((noinline)) void ktest_crash_invalid_opcode(void)
{
    __asm__ volatile("ud2");
}

__attribute__((noinline)) void ktest_crash_general_protection(void)
{
    /* Loading a selector beyond the GDT's limit raises #GP. */
    __asm__ volatile("movw $0x1238, %%ax\n\tmovw %%ax, %%ds" ::: "eax");
}

void ktest_crash(const char *kind)
{
    static const struct {
        const char *name;
        void (*fn)(void);
    } kinds[] = {
        {"page_fault", ktest_crash_page_fault},
        {"divide_error", ktest_crash_divide_error},
        {"invalid_opcode", ktest_crash_invalid_opcode},
        {"general_protection", ktest_crash_general_protection},
    };

    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kind, kinds[i].name) == 0)
            kinds[i].fn();
}
