/*
 * uaccess_copy.S - the only instructions through which the kernel touches
 * user memory (for uaccess.c), and their fixup table.
 *
 * Each entry of uaccess_fixups names an instruction that may fault on a user
 * address and where to go on instead when the fault cannot be resolved. The
 * page-fault handler (vm_page_fault) looks the faulting eip up there: a fault
 * that vm_fault_locked resolves resumes the instruction (a rep movs goes on
 * with the registers as the fault left them); any other fault jumps to the
 * fixup, which returns what was left undone.
 */
#include <uapi/errno.h>

    .section .text

/* uint32_t uaccess_copy(void *dst, const void *src, size_t n): the bytes not copied. */
    .globl uaccess_copy
uaccess_copy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %edx
    cld
    movl %edx, %ecx
    shrl $2, %ecx
    andl $3, %edx
.Lcopy_dwords:
    rep movsl
    movl %edx, %ecx
.Lcopy_bytes:
    rep movsb
    xorl %eax, %eax
    jmp .Lcopy_out
.Lcopy_dwords_fault:                /* ecx dwords and the edx tail bytes were left */
    leal (%edx,%ecx,4), %eax
    jmp .Lcopy_out
.Lcopy_bytes_fault:
    movl %ecx, %eax
.Lcopy_out:
    popl %edi
    popl %esi
    ret

/*
 * long uaccess_strncpy(char *dst, const char *src, size_t n): copy bytes up to
 * and including a NUL, at most n. The string's length when a NUL was copied,
 * n when there was none in n bytes, -EFAULT on a fault.
 */
    .globl uaccess_strncpy
uaccess_strncpy:
    pushl %esi
    pushl %edi
    movl 12(%esp), %edi
    movl 16(%esp), %esi
    movl 20(%esp), %ecx
    xorl %edx, %edx
.Lstr_next:
    cmpl %ecx, %edx
    je .Lstr_full
.Lstr_load:
    movb (%esi,%edx), %al
    movb %al, (%edi,%edx)
    testb %al, %al
    jz .Lstr_done
    incl %edx
    jmp .Lstr_next
.Lstr_full:
    movl %ecx, %eax
    jmp .Lstr_out
.Lstr_done:
    movl %edx, %eax
    jmp .Lstr_out
.Lstr_fault:
    movl $-EFAULT, %eax
.Lstr_out:
    popl %edi
    popl %esi
    ret

    .section .rodata
    .balign 4
    .globl uaccess_fixups, uaccess_nfixups
uaccess_fixups:                     /* struct uaccess_fixup: instruction, fixup */
    .long .Lcopy_dwords, .Lcopy_dwords_fault
    .long .Lcopy_bytes, .Lcopy_bytes_fault
    .long .Lstr_load, .Lstr_fault
.Lfixups_end:
uaccess_nfixups:
    .long (.Lfixups_end - uaccess_fixups) / 8

    .section .note.GNU-stack, "", @progbits
