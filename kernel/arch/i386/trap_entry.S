/*
 * trap_entry.S - the entry stubs of every interrupt vector.
 *
 * Each stub pushes an error code (a zero when the CPU pushes none) and its
 * vector number, then trap_common saves the registers in the order of struct
 * trap_frame (trap.h), switches to the kernel data segments (and %gs to
 * this CPU's per-CPU segment, percpu.h) and calls
 * trap_dispatch(frame). The table trap_vectors[] lists the stubs for idt_init.
 */
#define KERNEL_DS 0x10
#define PERCPU_DS 0x30  /* SEL_PERCPU (percpu.h): this CPU's struct cpu */

    .section .text

/* Exceptions for which the CPU pushes an error code (Intel SDM vol. 3, table 6-1). */
#define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || \
                      (v) == 29 || (v) == 30)

.macro stub v
    .balign 16
trap_stub_\v:
    .if (\v == 8) || ((\v >= 10) && (\v <= 14)) || (\v == 17) || (\v == 21) || (\v == 29) || (\v == 30)
    .else
    pushl $0
    .endif
    pushl $\v
    jmp trap_common
.endm

.altmacro
.macro stubs from, to
    stub \from
    .if \to-\from
    stubs %(\from+1), \to
    .endif
.endm

    stubs 0, 47
    stub 128
    stubs 239, 255              /* the local APIC's vectors: timer, IPIs, spurious */

trap_common:
    pushal
    pushl %ds
    pushl %es
    pushl %fs
    pushl %gs
    movw $KERNEL_DS, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw $PERCPU_DS, %ax
    movw %ax, %gs
    cld
    pushl %esp
    call trap_dispatch
    addl $4, %esp
    .globl trap_return
trap_return:
    popl %gs
    popl %fs
    popl %es
    popl %ds
    popal
    addl $8, %esp               /* vector and error code */
    iret

/* user_enter(tf): leave the kernel through tf (a ring-3 frame on this task's stack). */
    .globl user_enter
user_enter:
    movl 4(%esp), %esp
    jmp trap_return

.macro vecent v
    .long trap_stub_\v
.endm
.macro vecents from, to
    vecent \from
    .if \to-\from
    vecents %(\from+1), \to
    .endif
.endm

    .section .rodata
    .balign 4
    .globl trap_vectors
trap_vectors:
    vecents 0, 47
    .globl trap_vector_syscall
trap_vector_syscall:
    .long trap_stub_128
    .globl trap_vectors_apic
trap_vectors_apic:
    vecents 239, 255

    .section .note.GNU-stack, "", @progbits
