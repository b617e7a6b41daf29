/*
 * sys/syscall.h - raw system calls (docs/userspace.md has the convention):
 * int $0x80 with the number in eax and up to six arguments in ebx, ecx, edx,
 * esi, edi, ebp; the result comes back in eax, a value in [-4095, -1] being a
 * negated errno. The kernel preserves every other register.
 *
 * __syscallN return the raw result; __syscall_ret turns it into the C
 * convention (-1 and errno). syscall() does both, for calls libc has no
 * wrapper for. The numbers are in uapi/syscall.h.
 *
 * Up to five arguments fit in registers an inline asm may name; the sixth
 * goes in ebp, which holds the frame pointer, so __syscall6 is an assembly
 * function (libc/sys/syscall.S) that saves it.
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <uapi/syscall.h>

static inline long __syscall0(long n)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n) : "memory");
    return r;
}

static inline long __syscall1(long n, long a1)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a1) : "memory");
    return r;
}

static inline long __syscall2(long n, long a1, long a2)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a1), "c"(a2) : "memory");
    return r;
}

static inline long __syscall3(long n, long a1, long a2, long a3)
{
    long r;
    __asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a1), "c"(a2), "d"(a3) : "memory");
    return r;
}

static inline long __syscall4(long n, long a1, long a2, long a3, long a4)
{
    long r;
    __asm__ volatile("int $0x80"
                     : "=a"(r)
                     : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4)
                     : "memory");
    return r;
}

static inline long __syscall5(long n, long a1, long a2, long a3, long a4, long a5)
{
    long r;
    __asm__ volatile("int $0x80"
                     : "=a"(r)
                     : "a"(n), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
                     : "memory");
    return r;
}

long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6);

/* r as returned by the kernel: -1 with errno set when r is in [-4095, -1], else r. */
long __syscall_ret(unsigned long r);

/* The number and up to six arguments; -1 with errno on failure. */
long syscall(long number, ...);

#endif
