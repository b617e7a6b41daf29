/*
 * spinlock.h - spinlocks that disable interrupts while held.
 *
 * Holding a spinlock means: interrupts are off on this CPU and no other CPU
 * holds it. The interrupt flag is saved on lock and restored on unlock, so
 * locks nest as long as they are released in the reverse order. Recursion and
 * releasing a lock that is not held are caught and panic. The lock order is in
 * docs/locking.md; locks with a rank (lock_order.h) are checked against it:
 * each CPU keeps the locks it holds, and taking a ranked lock while holding
 * one of a higher rank panics, naming both.
 */
#ifndef ARCH_I386_SPINLOCK_H
#define ARCH_I386_SPINLOCK_H

#include <stdint.h>

struct spinlock {
    volatile uint32_t locked;
    const char *name;
    int holder_cpu;       /* -1 when free */
    uint32_t saved_flags; /* eflags of the holder before it took the lock */
    int rank;             /* its place in the lock order (lock_order.h); 0: not checked */
};

#define SPINLOCK_INIT(n) {0, (n), -1, 0, 0}
/* A lock with a place in the order of docs/locking.md: taking it while holding a higher one panics. */
#define SPINLOCK_INIT_RANKED(n, r) {0, (n), -1, 0, (r)}

void spin_lock(struct spinlock *l);
/* For locks held across a task switch: the caller keeps the saved flags. */
uint32_t spin_lock_irqsave(struct spinlock *l);
void spin_unlock_irqrestore(struct spinlock *l, uint32_t flags);
/* Release without touching the interrupt flag (the flags stay saved in l). */
void spin_release_keep_irqs_off(struct spinlock *l);
void spin_unlock(struct spinlock *l);
int spin_held(struct spinlock *l);

#endif
