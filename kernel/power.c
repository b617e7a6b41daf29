/*
 * power.c - see power.h.
 *
 * QEMU's isa-debug-exit device (I/O port 0xf4) ends QEMU with status
 * (value << 1) | 1. Without it, QEMU's ACPI power-management ports (PIIX4 at
 * 0x604 on the "pc" machine, 0xb004 on older versions) power off; on real
 * hardware, ACPI proper arrives with the ACPI work, and we halt.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/io.h>
#include <arch/i386/smp.h>
#include <lib/kprintf.h>
#include <power.h>

#define DEBUG_EXIT_PORT 0xf4
#define QEMU_ACPI_PM1A_CNT 0x604
#define BOCHS_ACPI_PM1A_CNT 0xb004
#define ACPI_SLP_TYP5_EN 0x2000 /* SLP_EN with sleep type S5 as QEMU's DSDT defines it */
#define KBC_COMMAND 0x64
#define KBC_PULSE_RESET 0xfe

static bool panic_poweroff;

static void __attribute__((noreturn)) halt_forever(void)
{
    for (;;) {
        cli();
        hlt();
    }
}

void power_off(int status)
{
    cli();
    outb(DEBUG_EXIT_PORT, (uint8_t)status);
    outw(QEMU_ACPI_PM1A_CNT, ACPI_SLP_TYP5_EN);
    outw(BOCHS_ACPI_PM1A_CNT, ACPI_SLP_TYP5_EN);
    halt_forever();
}

void power_reboot(void)
{
    cli();
    outb(KBC_COMMAND, KBC_PULSE_RESET);
    /* If the keyboard controller did not reset us, a triple fault will. */
    struct {
        uint16_t limit;
        uint32_t base;
    } __attribute__((packed)) empty = {0, 0};
    __asm__ volatile("lidt %0; int $3" : : "m"(empty));
    halt_forever();
}

void power_halt(void)
{
    kprintf("System halted.\n");
    smp_stop_others();
    halt_forever();
}

void power_set_panic_poweroff(bool on)
{
    panic_poweroff = on;
}

void power_panic_stop(void)
{
    if (panic_poweroff)
        power_off(1);
    halt_forever();
}
