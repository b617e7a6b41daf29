/*
 * pit.c - the 8254 PIT, channel 0 in mode 2 (rate generator) at PIT_HZ, on IRQ 0.
 * The tick count is the base of the monotonic clock (kernel/time.c).
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/io.h>
#include <arch/i386/spinlock.h>
#include <arch/i386/trap.h>
#include <drivers/clock/pit.h>
#include <proc/task.h>
#include <proc/timer.h>

#define PIT_CHANNEL0 0x40
#define PIT_COMMAND 0x43
#define PIT_CMD_CH0_LOHI_MODE2 0x34 /* channel 0, low then high byte, rate generator */
#define PIT_DIVISOR ((PIT_INPUT_HZ + PIT_HZ / 2) / PIT_HZ)

/* tick_lock guards ticks: a 64-bit counter is not atomic on i386. */
static struct spinlock tick_lock = SPINLOCK_INIT_RANKED("pit_ticks", RANK_LEAF);
static uint64_t ticks;
static volatile int scheduler_tick = 1; /* off once each CPU's local APIC timer does it */

static void pit_irq(struct trap_frame *tf)
{
    spin_lock(&tick_lock);
    ticks++;
    spin_unlock(&tick_lock);
    if (scheduler_tick) {
        sched_tick((tf->cs & 3) == 3);
        timer_run_expired();
    }
}

void pit_init(void)
{
    outb(PIT_COMMAND, PIT_CMD_CH0_LOHI_MODE2);
    outb(PIT_CHANNEL0, PIT_DIVISOR & 0xff);
    outb(PIT_CHANNEL0, PIT_DIVISOR >> 8);
    irq_register(IRQ_TIMER, pit_irq);
}

uint64_t pit_ticks(void)
{
    uint64_t t;

    spin_lock(&tick_lock);
    t = ticks;
    spin_unlock(&tick_lock);
    return t;
}

void pit_stop_scheduler_tick(void)
{
    scheduler_tick = 0;
}
