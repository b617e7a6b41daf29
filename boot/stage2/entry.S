/*
 * entry.S - stage 2's assembly: entry from the MBR, BIOS calls from C, unreal
 * mode and the final switch to 32-bit protected mode.
 *
 * Stage 2's C code (stage2.c) is built with -m16: it runs in real mode with all
 * segment registers 0 and 32-bit addressing. "Unreal mode" (data segments whose
 * hidden limit is 4 GiB, left over from a moment in protected mode) lets it load
 * the kernel straight to its place above 1 MiB while still calling the BIOS.
 */
#include <boot/bootinfo.h>

#define CR0_PE 1
#define SEL_CODE32 0x08
#define SEL_DATA32 0x10

    .code16
    .section .text.entry, "ax"
    .globl _start
_start:
    cli
    xorw %ax, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    movl $0x7c00, %esp
    ljmp $0, $1f
1:  cld
    movzbl %dl, %edx            /* boot drive, before anything clobbers it */
    movl $__bss_start, %edi     /* C expects a zeroed .bss */
    movl $__bss_end, %ecx
    subl %edi, %ecx
    xorl %eax, %eax
    rep stosb
    sti
    pushl %edx
    calll stage2_main           /* does not return */
2:  cli
    hlt
    jmp 2b

/*
 * void bios_call(uint32_t vector, struct biosregs *regs)
 * Loads eax..ebp from *regs, runs INT vector, stores eax..ebp and eflags back.
 */
    .section .text
    .globl bios_call
bios_call:
    pushal
    movl 36(%esp), %eax
    movb %al, int_vector
    movl 40(%esp), %eax
    pushl %eax
    movl 4(%eax), %ebx
    movl 8(%eax), %ecx
    movl 12(%eax), %edx
    movl 16(%eax), %esi
    movl 20(%eax), %edi
    movl 24(%eax), %ebp
    movl 0(%eax), %eax
    jmp 1f                      /* the INT below is patched: flush prefetch */
1:  .byte 0xcd                  /* INT imm8 */
int_vector:
    .byte 0
    pushfl
    pushl %eax
    movl 8(%esp), %eax          /* regs */
    movl %ebx, 4(%eax)
    movl %ecx, 8(%eax)
    movl %edx, 12(%eax)
    movl %esi, 16(%eax)
    movl %edi, 20(%eax)
    movl %ebp, 24(%eax)
    popl %ebx
    movl %ebx, 0(%eax)
    popl %ebx
    movl %ebx, 28(%eax)
    popl %eax
    popal
    retl

/*
 * memcpy and memset for stage2.c, with 32-bit addresses and count (addr32):
 * they copy to and from anywhere in the 4 GiB of unreal mode.
 */
    .globl memcpy
memcpy:
    pushl %edi
    pushl %esi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    movl %edi, %eax
    cld
    addr32 rep movsb
    popl %esi
    popl %edi
    retl

    .globl memset
memset:
    pushl %edi
    movl 8(%esp), %edi
    movl 12(%esp), %eax
    movl 16(%esp), %ecx
    pushl %edi
    cld
    addr32 rep stosb
    popl %eax
    popl %edi
    retl

/* void enter_unreal(void): give DS, ES, FS and GS a 4 GiB limit, base 0. */
    .globl enter_unreal
enter_unreal:
    pushfl
    cli
    lgdtl gdt_desc
    movl %cr0, %eax
    orb $CR0_PE, %al
    movl %eax, %cr0
    jmp 1f
1:  movw $SEL_DATA32, %cx
    movw %cx, %ds
    movw %cx, %es
    movw %cx, %fs
    movw %cx, %gs
    andb $~CR0_PE, %al
    movl %eax, %cr0
    jmp 2f
2:  xorw %cx, %cx
    movw %cx, %ds
    movw %cx, %es
    movw %cx, %fs
    movw %cx, %gs
    popfl
    retl

/* void enter_kernel(uint32_t entry, uint32_t bootinfo): the boot protocol of bootinfo.h. */
    .globl enter_kernel
enter_kernel:
    cli
    movl 4(%esp), %esi
    movl 8(%esp), %ebx
    lgdtl gdt_desc
    movl %cr0, %eax
    orb $CR0_PE, %al
    movl %eax, %cr0
    ljmpl $SEL_CODE32, $pm32

    .code32
pm32:
    movw $SEL_DATA32, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    movl $0x7c00, %esp
    movl $BOOTINFO_MAGIC, %eax
    jmp *%esi

    .section .rodata
    .balign 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff    /* 0x08: code, base 0, limit 4 GiB, 32-bit */
    .quad 0x00cf92000000ffff    /* 0x10: data, base 0, limit 4 GiB */
gdt_desc:
    .word gdt_desc - gdt - 1
    .long gdt
	.section .note.GNU-stack,"",@progbits
