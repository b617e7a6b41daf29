/*
 * syscall.S - the system calls that need ebp: __syscall6 (six arguments,
 * the sixth in ebp, which C code uses as its frame pointer) and syscall(),
 * the generic entry with the C error convention. Both are cdecl functions;
 * they save the callee-saved registers they load (ebx, esi, edi, ebp).
 */
/*
 * The shared body: with the number and six argument words on the cdecl stack
 * (number first), save the callee-saved registers, load eax and ebx..ebp,
 * trap, restore. The raw result is left in eax.
 */
.macro SYSCALL6_TRAP
    pushl %ebp
    pushl %edi
    pushl %esi
    pushl %ebx
    movl 20(%esp), %eax
    movl 24(%esp), %ebx
    movl 28(%esp), %ecx
    movl 32(%esp), %edx
    movl 36(%esp), %esi
    movl 40(%esp), %edi
    movl 44(%esp), %ebp
    int $0x80
    popl %ebx
    popl %esi
    popl %edi
    popl %ebp
.endm

    .text

/* long __syscall6(long n, long a1, long a2, long a3, long a4, long a5, long a6): raw result */
    .globl __syscall6
    .type __syscall6, @function
__syscall6:
    SYSCALL6_TRAP
    ret
    .size __syscall6, . - __syscall6

/*
 * long syscall(long number, ...): loads six argument words whether or not the
 * caller passed them (unused ones are whatever is on the caller's stack,
 * which the kernel ignores), then -1 and errno for a result in [-4095, -1].
 */
    .globl syscall
    .type syscall, @function
syscall:
    SYSCALL6_TRAP
    cmpl $-4095, %eax
    jae 1f
    ret
1:  negl %eax
    movl %eax, errno
    movl $-1, %eax
    ret
    .size syscall, . - syscall

    .section .note.GNU-stack, "", @progbits
