/*
 * ap_probe.S - real-mode code for the AP startup ktest (test_lapic.c). The
 * test copies it (ap_probe_size bytes) to a page below 1 MiB and starts a CPU
 * there with lapic_start_ap; the CPU records its initial APIC ID (CPUID leaf
 * 1), counts itself in, and halts with interrupts off. The STARTUP IPI enters
 * with CS = page >> 4 and IP = 0, so the data is addressed relative to CS, at
 * the fixed offsets test_lapic.c reads (AP_PROBE_COUNT, AP_PROBE_ID).
 */
#define AP_PROBE_COUNT 4
#define AP_PROBE_ID 8

    .section .rodata
    .code16
    .globl ap_probe_start, ap_probe_size
ap_probe_start:
    jmp 1f
    .org ap_probe_start + AP_PROBE_COUNT
    .long 0
    .org ap_probe_start + AP_PROBE_ID
    .long 0
1:  cli
    movl $1, %eax
    cpuid
    shrl $24, %ebx
    movl %ebx, %cs:AP_PROBE_ID
    lock incl %cs:AP_PROBE_COUNT
2:  hlt
    jmp 2b
ap_probe_end:
    .code32

    .balign 4
ap_probe_size:
    .long ap_probe_end - ap_probe_start

    .section .note.GNU-stack, "", @progbits
