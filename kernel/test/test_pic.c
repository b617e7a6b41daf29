/*
 * test_pic.c - pic_disable masks all sixteen lines of both 8259s; afterwards
 * the controllers are put back as they were (pic_init, the same lines
 * unmasked), and the timer keeps ticking, whichever way IRQs come in.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/io.h>
#include <arch/i386/pic.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <test/ktest.h>

#define PIC1_DATA 0x21 /* reading a data port gives the interrupt mask (8259A datasheet, OCW1) */
#define PIC2_DATA 0xa1

KTEST(pic_disable_masks_every_line)
{
    uint32_t flags = read_eflags();
    uint16_t before, during;
    uint64_t ticks, end;

    cli();
    before = (uint16_t)(inb(PIC1_DATA) | inb(PIC2_DATA) << 8);
    pic_disable();
    during = (uint16_t)(inb(PIC1_DATA) | inb(PIC2_DATA) << 8);
    pic_init(IRQ_BASE);
    for (int irq = 0; irq < 16; irq++)
        if (!(before & (1u << irq)))
            pic_unmask(irq);
    if (flags & EFLAGS_IF)
        sti();
    KT_ASSERT_EQ(during, 0xffff);
    KT_ASSERT_EQ(inb(PIC1_DATA) | inb(PIC2_DATA) << 8, before);
    ticks = trap_count(IRQ_BASE + IRQ_TIMER);
    end = clock_monotonic_ns() + NSEC_PER_SEC;
    while (trap_count(IRQ_BASE + IRQ_TIMER) < ticks + 3 && clock_monotonic_ns() < end)
        sti_hlt();
    KT_ASSERT(trap_count(IRQ_BASE + IRQ_TIMER) >= ticks + 3);
}
