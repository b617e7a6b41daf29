/*
 * crt0.S - _start, where every user program begins (the ELF entry point).
 *
 * The kernel enters with the stack as on Linux i386 (docs/userspace.md):
 *
 *     esp ->  argc
 *             argv[0] ... argv[argc - 1], NULL
 *             envp[0] ... NULL
 *             auxv pairs ... AT_NULL, 0
 *
 * _start computes argv and envp from it, aligns the stack to 16 bytes (what
 * gcc assumes at a call) and calls __libc_start(argc, argv, envp), which never
 * returns. ebp is zeroed first so that a backtrace ends at this frame.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xorl %ebp, %ebp
    movl %esp, %esi             /* esi -> argc */
    movl (%esi), %eax           /* argc */
    leal 4(%esi), %ecx          /* argv */
    leal 8(%esi,%eax,4), %edx   /* envp = argv + argc + 1 */
    andl $-16, %esp
    subl $4, %esp               /* 4 + 3 arguments = 16 bytes: aligned at the call */
    pushl %edx
    pushl %ecx
    pushl %eax
    call __libc_start
    ud2                         /* not reached */
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
