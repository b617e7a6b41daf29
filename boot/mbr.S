/*
 * mbr.S - stage 1: the master boot record.
 *
 * The BIOS loads this sector at 0x7C00 and jumps to it with the boot drive in DL.
 * It reads stage 2 (STAGE2_MAX_SECTORS sectors from LBA 1) to 0x8000 with the BIOS
 * extended read (INT 13h AH=42h, LBA addressing) and jumps to it, DL still holding
 * the drive. On failure it prints a message on the screen (INT 10h teletype) and
 * on COM1 (polled port writes), then halts. The partition table at offset 446 is
 * written by tools/mkimage; this code never touches it.
 */
#include <boot/disk.h>

#define COM1 0x3f8
#define UART_LSR 5
#define UART_LSR_THRE 0x20

    .code16
    .section .text
    .globl _start
_start:
    cli
    xorw %ax, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %ss
    movw $0x7c00, %sp
    ljmp $0, $normalized        /* some BIOSes jump to 07C0:0000 */
normalized:
    sti
    movb %dl, boot_drive

    /* INT 13h AH=41h: are the extensions there, with packet (AH=42h) access? */
    movb $0x41, %ah
    movw $0x55aa, %bx
    int $0x13
    jc no_lba
    cmpw $0xaa55, %bx
    jne no_lba
    testb $1, %cl
    jz no_lba

    movw $dap, %si
    movb $0x42, %ah
    movb boot_drive, %dl
    int $0x13
    jc read_error

    movb boot_drive, %dl
    ljmp $0, $STAGE2_LOAD_ADDR

no_lba:
    movw $msg_no_lba, %si
    jmp fail
read_error:
    movw $msg_read, %si
fail:
    lodsb
    testb %al, %al
    jz halt
    movb %al, %cl
    movb $0x0e, %ah             /* INT 10h teletype */
    movw $7, %bx
    int $0x10
    movw $COM1 + UART_LSR, %dx
    movw $0xffff, %bx           /* bounded wait: COM1 may not exist */
1:  inb %dx, %al
    testb $UART_LSR_THRE, %al
    jnz 2f
    decw %bx
    jnz 1b
2:  movw $COM1, %dx
    movb %cl, %al
    outb %al, %dx
    jmp fail
halt:
    cli
    hlt
    jmp halt

msg_read:   .asciz "AdventOS: disk read error loading stage 2\r\n"
msg_no_lba: .asciz "AdventOS: BIOS has no LBA disk extensions\r\n"
boot_drive: .byte 0

    .balign 4
dap:                            /* disk address packet for AH=42h */
    .byte 16, 0
    .word STAGE2_MAX_SECTORS
    .word STAGE2_LOAD_ADDR, 0   /* offset, segment */
    .quad STAGE2_LBA

    .org MBR_PART_TABLE_OFFSET
    .fill 64, 1, 0              /* partition table, filled in by mkimage */
    .word MBR_SIGNATURE
