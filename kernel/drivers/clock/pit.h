/*
 * pit.h - the 8254 programmable interval timer: the 1000 Hz system tick.
 */
#ifndef DRIVERS_CLOCK_PIT_H
#define DRIVERS_CLOCK_PIT_H

#include <stdint.h>

#define PIT_HZ 1000
#define PIT_INPUT_HZ 1193182u /* the 8254's input clock */

void pit_init(void);
/* Timer interrupts since pit_init(). */
uint64_t pit_ticks(void);
/* Keep counting, but leave the scheduler tick and kernel timers to the local APIC timers (SMP). */
void pit_stop_scheduler_tick(void);

#endif
