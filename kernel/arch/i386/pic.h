/*
 * pic.h - the two cascaded 8259A interrupt controllers.
 */
#ifndef ARCH_I386_PIC_H
#define ARCH_I386_PIC_H

#include <stdbool.h>

void pic_init(int vector_base);
/*
 * Mask every line of both controllers (cascade included) and move them to
 * vectors 0xf0-0xff, for when the I/O APIC delivers the IRQs instead.
 * Interrupts off; pic_unmask must not be called afterwards.
 */
void pic_disable(void);
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_eoi(int irq);
/* True when irq (7 or 15) was spurious: raised and withdrawn before the CPU took it. */
bool pic_spurious(int irq);

#endif
