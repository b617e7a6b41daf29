/*
 * switch.S - context_switch(&old->saved_esp, new->saved_esp): save the
 * callee-saved registers on the current kernel stack, store the stack pointer,
 * load the other task's and restore its registers. The return address on the
 * new stack says where it goes on: back into its own context_switch call, or,
 * for a new task, to task_first_run (proc/sched.c).
 */
    .section .text
    .globl context_switch
context_switch:
    movl 4(%esp), %eax
    movl 8(%esp), %edx
    pushl %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    movl %esp, (%eax)
    movl %edx, %esp
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

    .section .note.GNU-stack, "", @progbits
