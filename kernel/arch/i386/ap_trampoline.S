/*
 * ap_trampoline.S - where another CPU starts (docs/smp.md).
 *
 * The STARTUP IPI starts a CPU in real mode at TRAMPOLINE_PHYS (a page below
 * 1 MiB, its vector times 4096). smp.c copies this code there and fills in
 * the three values at its end: the page directory (a copy of the kernel's
 * that also maps the first 4 MiB at 0, so the instruction after paging goes
 * on runs), the stack (the CPU's idle task's) and the C entry point. The code
 * goes to protected mode with its own flat GDT, turns on 4 MiB pages and
 * paging, and jumps to the entry in the higher half, which loads the CPU's
 * real GDT and the kernel's page directory.
 *
 * Addresses inside the copy are computed with REL(), since the code runs at
 * TRAMPOLINE_PHYS, not where it is linked.
 */
#include <arch/i386/smp_trampoline.h>

#define REL(x) ((x) - ap_trampoline_start + TRAMPOLINE_PHYS)
#define CR0_PE 0x00000001
#define CR0_WP 0x00010000
#define CR0_NW 0x20000000
#define CR0_CD 0x40000000
#define CR0_PG 0x80000000
#define CR4_PSE 0x00000010

    .section .text
    .code16
    .globl ap_trampoline_start
ap_trampoline_start:
    cli
    cld
    xorw %ax, %ax
    movw %ax, %ds
    lgdtl REL(tramp_gdt_desc)
    movl %cr0, %eax
    orl $CR0_PE, %eax
    movl %eax, %cr0
    ljmpl $0x08, $REL(tramp_protected)

    .code32
tramp_protected:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw %ax, %fs
    movw %ax, %gs
    movl %cr4, %eax
    orl $CR4_PSE, %eax
    movl %eax, %cr4
    movl REL(ap_tramp_cr3), %eax
    movl %eax, %cr3
    movl %cr0, %eax
    andl $~(CR0_CD | CR0_NW), %eax  /* INIT leaves the caches off */
    orl $(CR0_PG | CR0_WP), %eax
    movl %eax, %cr0
    movl REL(ap_tramp_stack), %esp
    xorl %ebp, %ebp                 /* the end of every backtrace */
    movl REL(ap_tramp_entry), %eax
    jmp *%eax

    .balign 8
tramp_gdt:
    .quad 0
    .quad 0x00cf9a000000ffff        /* 0x08: code, base 0, limit 4 GiB, 32-bit */
    .quad 0x00cf92000000ffff        /* 0x10: data, the same */
tramp_gdt_desc:
    .word 3 * 8 - 1
    .long REL(tramp_gdt)

    .balign 4
    .globl ap_tramp_cr3, ap_tramp_stack, ap_tramp_entry
ap_tramp_cr3:
    .long 0
ap_tramp_stack:
    .long 0
ap_tramp_entry:
    .long 0
    .globl ap_trampoline_end
ap_trampoline_end:

    .section .note.GNU-stack, "", @progbits
