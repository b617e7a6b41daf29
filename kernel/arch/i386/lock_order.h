/*
 * lock_order.h - the ranks of the spinlocks that take part in the checked
 * lock order (docs/locking.md). A CPU may take a ranked lock only while every
 * ranked lock it holds has a lower rank; spinlock.c panics otherwise. Locks
 * of equal rank are never held together. Unranked locks (0) are not checked.
 */
#ifndef ARCH_I386_LOCK_ORDER_H
#define ARCH_I386_LOCK_ORDER_H

enum lock_rank {
    RANK_SERIAL_DELIVER = 10, /* serial.c: bytes on their way to the tty, from the IRQ */
    RANK_KBD_DELIVER = 11,    /* ps2kbd.c: the same for typed bytes */
    RANK_TTY = 20,            /* tty.lock, one per terminal */
    RANK_PROC = 25,           /* proc_lock: processes and signals */
    RANK_CACHE = 28,          /* icache_lock, bcache_lock: they allocate while held */
    RANK_KMALLOC = 30,
    RANK_VMAP = 31,
    RANK_PMM = 32,
    RANK_TIMER = 33,          /* the kernel timer list */
    RANK_CONSOLE = 40,
    RANK_LEAF = 50,           /* serial rx, PIT ticks, random, poll */
    RANK_SCHED = 60,          /* last: every wakeup takes it */
};

#endif
