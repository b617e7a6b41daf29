/*
 * entry.S - the kernel's first instructions.
 *
 * Stage 2 jumps here at the physical address with paging off (see
 * include/boot/bootinfo.h). We build a boot page directory that maps physical
 * 0 - 768 MiB both at 0 (so the next instruction still runs) and at KERNEL_BASE,
 * using 4 MiB pages, turn paging on, move to the higher half and call kmain.
 * paging_init() later removes the identity mapping and trims the direct map to
 * the memory that exists.
 */
#include <arch/i386/memlayout.h>

#define CR0_PG 0x80000000
#define CR0_WP 0x00010000
#define CR4_PSE 0x00000010
#define PDE_PRESENT 0x001
#define PDE_WRITE 0x002
#define PDE_LARGE 0x080
#define DIRECT_MAP_PDES (DIRECT_MAP_SIZE / LARGE_PAGE_SIZE)

    .section .text.boot, "ax"
    .globl _start
_start:
    cli
    movl %eax, %esi                 /* boot magic */
    movl %ebx, %edi                 /* struct bootinfo, physical */

    /* Fill boot_pgdir (physical address: its link address - KERNEL_BASE). */
    movl $(boot_pgdir - KERNEL_BASE), %edx
    xorl %ecx, %ecx
1:  movl %ecx, %eax
    shll $22, %eax
    orl $(PDE_PRESENT | PDE_WRITE | PDE_LARGE), %eax
    movl %eax, (%edx, %ecx, 4)                              /* identity */
    movl %eax, ((KERNEL_BASE >> 22) * 4)(%edx, %ecx, 4)     /* higher half */
    incl %ecx
    cmpl $DIRECT_MAP_PDES, %ecx
    jb 1b

    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl %edx, %cr3
    movl %cr0, %eax
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0
    movl $higher_half, %eax
    jmp *%eax

    .section .text
higher_half:
    movl $boot_stack_top, %esp
    xorl %ebp, %ebp                 /* the end of every backtrace */
    pushl %edi
    pushl %esi
    call kmain
2:  cli
    hlt
    jmp 2b

    .section .bss
    .balign 4096
    .globl boot_pgdir
boot_pgdir:
    .skip 4096
    .globl boot_stack, boot_stack_top
boot_stack:
    .skip 16384
boot_stack_top:

    .section .note.GNU-stack, "", @progbits
