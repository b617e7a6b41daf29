/*
 * pic.h - the two cascaded 8259A interrupt controllers.
 */
#ifndef ARCH_I386_PIC_H
#define ARCH_I386_PIC_H

#include <stdbool.h>

void pic_init(int vector_base);
void pic_unmask(int irq);
void pic_mask(int irq);
void pic_eoi(int irq);
/* True when irq (7 or 15) was spurious: raised and withdrawn before the CPU took it. */
bool pic_spurious(int irq);

#endif
