/*
 * loadavg.c - see loadavg.h. Every LOADAVG_PERIOD a kernel timer counts the
 * runnable tasks n and moves each average towards it:
 *
 *     avg = avg * e + n * (1 - e),   e = exp(-5 s / (1, 5 or 15 min))
 *
 * in 11-bit fixed point, e being 1884, 2014 and 2037 out of 2048. The timer
 * callback runs in interrupt context and re-arms itself; the averages are
 * single 32-bit words, so readers need no lock.
 */
#include <clock.h>
#include <stddef.h>
#include <proc/loadavg.h>
#include <proc/task.h>
#include <proc/timer.h>

#define LOADAVG_PERIOD_NS (5 * NSEC_PER_SEC)

static const uint32_t decay[3] = {1884, 2014, 2037}; /* 2048 * exp(-5/60), -5/300, -5/900 */
static uint32_t averages[3];
static struct ktimer sample_timer;

static void sample(void *arg)
{
    uint64_t n = (uint64_t)sched_nr_running() * LOADAVG_ONE;

    (void)arg;
    for (int i = 0; i < 3; i++) {
        uint64_t a = averages[i];
        a = (a * decay[i] + n * (LOADAVG_ONE - decay[i]) + LOADAVG_ONE / 2) >> LOADAVG_SHIFT;
        __atomic_store_n(&averages[i], (uint32_t)a, __ATOMIC_RELAXED);
    }
    timer_arm(&sample_timer, clock_monotonic_ns() + LOADAVG_PERIOD_NS);
}

void loadavg_start(void)
{
    sample_timer.fn = sample;
    sample_timer.arg = NULL;
    timer_arm(&sample_timer, clock_monotonic_ns() + LOADAVG_PERIOD_NS);
}

void loadavg_get(uint32_t avg[3])
{
    for (int i = 0; i < 3; i++)
        avg[i] = __atomic_load_n(&averages[i], __ATOMIC_RELAXED);
}
