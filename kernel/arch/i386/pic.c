/*
 * pic.c - the 8259A programmable interrupt controllers (Intel 8259A datasheet).
 *
 * The BIOS leaves IRQ 0-7 on vectors 8-15, where they collide with CPU
 * exceptions; pic_init moves both controllers to vector_base (IRQ 0-15 on
 * vector_base..vector_base+15) and masks every line but the cascade (IRQ 2).
 * Drivers unmask their line through irq_register().
 *
 * When the I/O APIC takes over, pic_disable moves both controllers to the
 * top of the vector space and masks every line (see docs/smp.md).
 */
#include <arch/i386/io.h>
#include <arch/i386/pic.h>
#include <stdint.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

#define ICW1_INIT 0x10
#define ICW1_ICW4 0x01
#define ICW4_8086 0x01
#define OCW2_EOI 0x20
#define OCW3_READ_ISR 0x0b
#define CASCADE_IRQ 2

/*
 * Where pic_disable puts the controllers. With every line masked (the cascade
 * too) only a spurious IRQ 7 can still reach the CPU: it lands on 0xff, the
 * local APIC's spurious vector, whose handler ignores it without an EOI, which
 * is also right for the 8259 (a spurious IRQ 7 sets no in-service bit).
 */
#define DISABLED_MASTER_BASE 0xf8
#define DISABLED_SLAVE_BASE 0xf0

static uint16_t mask = 0xffff & ~(1u << CASCADE_IRQ);

static void write_mask(void)
{
    outb(PIC1_DATA, (uint8_t)mask);
    outb(PIC2_DATA, (uint8_t)(mask >> 8));
}

static void program(int master_base, int slave_base)
{
    outb(PIC1_CMD, ICW1_INIT | ICW1_ICW4);
    io_wait();
    outb(PIC2_CMD, ICW1_INIT | ICW1_ICW4);
    io_wait();
    outb(PIC1_DATA, (uint8_t)master_base); /* ICW2: vector offsets */
    io_wait();
    outb(PIC2_DATA, (uint8_t)slave_base);
    io_wait();
    outb(PIC1_DATA, 1u << CASCADE_IRQ); /* ICW3: slave on IRQ 2 */
    io_wait();
    outb(PIC2_DATA, CASCADE_IRQ); /* ICW3: slave identity */
    io_wait();
    outb(PIC1_DATA, ICW4_8086);
    io_wait();
    outb(PIC2_DATA, ICW4_8086);
    io_wait();
    write_mask();
}

void pic_init(int vector_base)
{
    program(vector_base, vector_base + 8);
}

void pic_disable(void)
{
    mask = 0xffff;
    program(DISABLED_MASTER_BASE, DISABLED_SLAVE_BASE);
}

void pic_unmask(int irq)
{
    mask &= (uint16_t)~(1u << irq);
    write_mask();
}

void pic_mask(int irq)
{
    mask |= (uint16_t)(1u << irq);
    write_mask();
}

void pic_eoi(int irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, OCW2_EOI);
    outb(PIC1_CMD, OCW2_EOI);
}

bool pic_spurious(int irq)
{
    uint8_t isr;

    if (irq == 7) {
        outb(PIC1_CMD, OCW3_READ_ISR);
        isr = inb(PIC1_CMD);
        return !(isr & 0x80);
    }
    if (irq == 15) {
        outb(PIC2_CMD, OCW3_READ_ISR);
        isr = inb(PIC2_CMD);
        if (!(isr & 0x80)) {
            outb(PIC1_CMD, OCW2_EOI); /* the master did see the cascade */
            return true;
        }
    }
    return false;
}
