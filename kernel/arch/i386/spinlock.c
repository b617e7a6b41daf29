/*
 * spinlock.c - see spinlock.h. The atomic exchange is the lock; interrupts stay
 * off while it is held so an interrupt handler on this CPU cannot spin forever
 * on a lock its own CPU holds.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/percpu.h>
#include <arch/i386/spinlock.h>
#include <lib/panic.h>

static inline uint32_t xchg(volatile uint32_t *p, uint32_t v)
{
    __asm__ volatile("xchgl %0, %1" : "+m"(*p), "+r"(v) : : "memory");
    return v;
}

int spin_held(struct spinlock *l)
{
    return l->locked && l->holder_cpu == this_cpu()->id;
}

void spin_lock(struct spinlock *l)
{
    l->saved_flags = spin_lock_irqsave(l); /* written only once the lock is ours */
}

void spin_unlock(struct spinlock *l)
{
    spin_unlock_irqrestore(l, l->saved_flags);
}

/* Taking l must not invert the order of docs/locking.md (interrupts off). */
static void check_order(struct cpu *c, struct spinlock *l)
{
    for (int i = 0; i < c->nheld; i++)
        if (c->held[i]->rank > l->rank)
            panic("lock order: cpu %d takes %s (rank %d) while holding %s (rank %d)", c->id,
                  l->name, l->rank, c->held[i]->name, c->held[i]->rank);
}

static void note_held(struct cpu *c, struct spinlock *l)
{
    if (c->nheld < (int)(sizeof c->held / sizeof c->held[0]))
        c->held[c->nheld++] = l;
}

static void note_released(struct cpu *c, struct spinlock *l)
{
    /* Not always the last one taken: wait_sleep drops the caller's lock under sched_lock. */
    for (int i = c->nheld - 1; i >= 0; i--) {
        if (c->held[i] == l) {
            c->held[i] = c->held[--c->nheld];
            return;
        }
    }
}

uint32_t spin_lock_irqsave(struct spinlock *l)
{
    uint32_t flags = read_eflags();
    struct cpu *c;

    cli();
    c = this_cpu();
    if (spin_held(l))
        panic("spinlock %s: taken twice by cpu %d", l->name, l->holder_cpu);
    if (l->rank)
        check_order(c, l);
    while (xchg(&l->locked, 1))
        __asm__ volatile("pause");
    l->holder_cpu = c->id;
    if (l->rank)
        note_held(c, l);
    return flags;
}

void spin_release_keep_irqs_off(struct spinlock *l)
{
    if (!spin_held(l))
        panic("spinlock %s: released but not held", l->name);
    if (l->rank)
        note_released(this_cpu(), l);
    l->holder_cpu = -1;
    xchg(&l->locked, 0);
}

void spin_unlock_irqrestore(struct spinlock *l, uint32_t flags)
{
    spin_release_keep_irqs_off(l);
    if (flags & EFLAGS_IF)
        sti();
}
