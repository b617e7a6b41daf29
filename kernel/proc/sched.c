/*
 * sched.c - the scheduler, kernel threads and wait queues (task.h, wait.h).
 *
 * One run queue per CPU (one CPU today), first in first out. A task runs for
 * its time slice, 20 - nice timer ticks (1 to 40 ms), and is then preempted
 * at the next interrupt return (sched_preempt_point) if another task is
 * runnable; a task that sleeps or yields gives up the rest. The idle task runs
 * when nothing else can, halting the CPU until the next interrupt.
 *
 * A switch happens with sched_lock held and interrupts off; the flags to
 * restore live in a local variable of switch_away, on each task's own stack.
 * A new task starts in task_first_run, which releases the lock. A dead task's
 * stack cannot be freed while it runs on it: the next task to run frees it.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/percpu.h>
#include <arch/i386/spinlock.h>
#include <clock.h>
#include <lib/format.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <mm/pmm.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <proc/wait.h>
#include <string.h>
#include <uapi/errno.h>

#define KSTACK_ORDER 1 /* 8 KiB */

struct sched_cpu {
    struct task *current;
    struct task *idle;
    struct task *prev;   /* the task switched away from, for finish_switch */
    struct task *run_head, *run_tail;
    int need_resched;
    uint64_t switches;
};

extern char boot_stack[];
void context_switch(uint32_t *old_esp, uint32_t new_esp);

static struct spinlock sched_lock = SPINLOCK_INIT("sched");
static struct sched_cpu sched_cpus[MAX_CPUS];
static struct task *all_tasks;
static struct task *sleepers;
static int next_tid;
static bool running;

static struct sched_cpu *sc(void)
{
    return &sched_cpus[this_cpu()->id];
}

bool sched_running(void)
{
    return running;
}

struct task *current_task(void)
{
    return running ? sc()->current : NULL;
}

uint64_t sched_switches(void)
{
    return sc()->switches;
}

static int slice_for(int nice)
{
    return 20 - nice;
}

/* Queue t to run; sched_lock held. */
static void enqueue(struct task *t)
{
    struct sched_cpu *c = sc();

    t->run_next = NULL;
    if (c->run_tail)
        c->run_tail->run_next = t;
    else
        c->run_head = t;
    c->run_tail = t;
}

static struct task *dequeue(void)
{
    struct sched_cpu *c = sc();
    struct task *t = c->run_head;

    if (t) {
        c->run_head = t->run_next;
        if (!c->run_head)
            c->run_tail = NULL;
        t->run_next = NULL;
    }
    return t;
}

/* Remove t from a singly linked list threaded through `run_next` or `sleep_next`. */
static void unlink_wait(struct wait_queue *wq, struct task *t)
{
    struct task **p = &wq->head;

    while (*p && *p != t)
        p = &(*p)->run_next;
    if (*p)
        *p = t->run_next;
    t->run_next = NULL;
}

static void unlink_sleeper(struct task *t)
{
    struct task **p = &sleepers;

    while (*p && *p != t)
        p = &(*p)->sleep_next;
    if (*p)
        *p = t->sleep_next;
    t->sleep_next = NULL;
}

/* Make a sleeping task runnable; sched_lock held. */
static void wake(struct task *t, int woken)
{
    if (t->state != TASK_SLEEPING)
        return;
    if (t->waiting_on) {
        unlink_wait(t->waiting_on, t);
        t->waiting_on = NULL;
    }
    if (t->wake_at) {
        unlink_sleeper(t);
        t->wake_at = 0;
    }
    t->woken = woken;
    t->state = TASK_RUNNABLE;
    enqueue(t);
    if (sc()->current == sc()->idle)
        sc()->need_resched = 1;
}

/* Free what a dead task left; sched_lock held, running on another stack. */
static void finish_switch(void)
{
    struct sched_cpu *c = sc();
    struct task *prev = c->prev, **p;

    c->prev = NULL;
    if (!prev || prev->state != TASK_DEAD)
        return;
    for (p = &all_tasks; *p && *p != prev; p = &(*p)->all_next)
        ;
    if (*p)
        *p = prev->all_next;
    pmm_free_pages(V2P(prev->kstack), KSTACK_ORDER);
    kfree(prev->fpu_state);
    kfree(prev);
}

/* Run another task. Called with sched_lock held (flags saved by the caller). */
static void switch_away(uint32_t flags)
{
    struct sched_cpu *c = sc();
    struct task *prev = c->current, *next;

    if (prev->state == TASK_RUNNABLE && prev != c->idle)
        enqueue(prev);
    next = dequeue();
    if (!next)
        next = c->idle;
    c->need_resched = 0;
    if (next != prev) {
        next->slice = slice_for(next->nice);
        c->current = next;
        c->prev = prev;
        c->switches++;
        arch_switch_to(prev, next);
        context_switch(&prev->saved_esp, next->saved_esp);
        finish_switch(); /* back in prev, some time later */
    }
    spin_unlock_irqrestore(&sched_lock, flags);
}

/* Where a new task's first switch returns to. */
static void task_first_run(void)
{
    struct task *t;

    finish_switch();
    t = sc()->current;
    spin_unlock_irqrestore(&sched_lock, EFLAGS_IF);
    t->entry(t->arg);
    task_exit();
}

static struct task *task_alloc(const char *name)
{
    struct task *t = kzalloc(sizeof *t);
    uintptr_t stack;

    if (!t)
        return NULL;
    stack = pmm_alloc_pages(KSTACK_ORDER);
    if (!stack) {
        kfree(t);
        return NULL;
    }
    t->kstack = P2V(stack);
    strlcpy(t->name, name, sizeof t->name);
    t->state = TASK_RUNNABLE;
    return t;
}

static void add_to_all(struct task *t)
{
    t->tid = next_tid++;
    t->all_next = all_tasks;
    all_tasks = t;
}

struct task *task_create(const char *name, void (*fn)(void *), void *arg, uint32_t reserve)
{
    struct task *t = task_alloc(name);
    uint32_t *sp, flags;

    if (!t)
        return NULL;
    t->entry = fn;
    t->arg = arg;
    /* The stack context_switch pops: edi, esi, ebx, ebp, then the return address. */
    sp = (uint32_t *)((uint8_t *)t->kstack + KSTACK_SIZE - ((reserve + 3) & ~3u));
    *--sp = 0; /* a return address for task_first_run's frame: never used */
    *--sp = (uint32_t)task_first_run;
    *--sp = 0; /* ebp: ends backtraces */
    *--sp = 0;
    *--sp = 0;
    *--sp = 0;
    t->saved_esp = (uint32_t)sp;
    t->state = TASK_SLEEPING; /* not runnable until task_start */
    flags = spin_lock_irqsave(&sched_lock);
    add_to_all(t);
    spin_unlock_irqrestore(&sched_lock, flags);
    return t;
}

void task_start(struct task *t)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    t->state = TASK_RUNNABLE;
    enqueue(t);
    spin_unlock_irqrestore(&sched_lock, flags);
}

void task_destroy_unstarted(struct task *t)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);
    struct task **p;

    for (p = &all_tasks; *p && *p != t; p = &(*p)->all_next)
        ;
    if (*p)
        *p = t->all_next;
    spin_unlock_irqrestore(&sched_lock, flags);
    pmm_free_pages(V2P(t->kstack), KSTACK_ORDER);
    kfree(t->fpu_state);
    kfree(t);
}

struct task *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
    struct task *t = task_create(name, fn, arg, 0);

    if (t)
        task_start(t);
    return t;
}

static void idle_loop(void *arg)
{
    (void)arg;
    for (;;)
        sti_hlt();
}

void sched_init(void)
{
    struct task *boot = kzalloc(sizeof *boot);
    struct sched_cpu *c = sc();

    if (!boot)
        panic("sched: out of memory");
    boot->kstack = boot_stack;
    strlcpy(boot->name, "kmain", sizeof boot->name);
    boot->state = TASK_RUNNABLE;
    boot->slice = slice_for(0);
    add_to_all(boot);
    c->current = boot;
    c->idle = kthread_create("idle", idle_loop, NULL);
    if (!c->idle)
        panic("sched: out of memory");
    c->idle->nice = NICE_MAX;
    /* The idle task runs only when the run queue is empty. */
    {
        uint32_t flags = spin_lock_irqsave(&sched_lock);
        c->run_head = c->run_tail = NULL;
        spin_unlock_irqrestore(&sched_lock, flags);
    }
    running = true;
}

void task_exit(void)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    sc()->current->state = TASK_DEAD;
    switch_away(flags);
    panic("task_exit: a dead task ran again");
}

void task_set_nice(struct task *t, int nice)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    t->nice = nice < NICE_MIN ? NICE_MIN : nice > NICE_MAX ? NICE_MAX : nice;
    spin_unlock_irqrestore(&sched_lock, flags);
}

void sched_yield(void)
{
    uint32_t flags;

    if (!running)
        return;
    flags = spin_lock_irqsave(&sched_lock);
    switch_away(flags);
}

void task_sleep_ns(uint64_t ns)
{
    uint32_t flags;
    struct task *t;

    if (!running) {
        uint64_t end = clock_monotonic_ns() + ns;
        while (clock_monotonic_ns() < end)
            sti_hlt();
        return;
    }
    flags = spin_lock_irqsave(&sched_lock);
    t = sc()->current;
    t->state = TASK_SLEEPING;
    t->wake_at = clock_monotonic_ns() + (ns ? ns : 1);
    t->sleep_next = sleepers;
    sleepers = t;
    switch_away(flags);
}

void sched_tick(void)
{
    struct sched_cpu *c;
    uint64_t now;
    uint32_t flags;

    if (!running)
        return;
    flags = spin_lock_irqsave(&sched_lock);
    c = sc();
    c->current->ticks++;
    if (--c->current->slice <= 0 || c->current == c->idle)
        c->need_resched = c->run_head != NULL;
    now = clock_monotonic_ns();
    for (struct task *t = sleepers, *next; t; t = next) {
        next = t->sleep_next;
        if (t->wake_at <= now)
            wake(t, 0);
    }
    spin_unlock_irqrestore(&sched_lock, flags);
}

void sched_preempt_point(void)
{
    uint32_t flags;

    if (!running || !sc()->need_resched)
        return;
    flags = spin_lock_irqsave(&sched_lock);
    switch_away(flags);
}

void sched_for_each(void (*fn)(struct task *t, void *ctx), void *ctx)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    for (struct task *t = all_tasks; t; t = t->all_next)
        fn(t, ctx);
    spin_unlock_irqrestore(&sched_lock, flags);
}

int wait_sleep(struct wait_queue *wq, struct spinlock *lk, uint64_t timeout_ns)
{
    uint32_t lk_flags = lk->saved_flags, flags;
    uint64_t deadline = timeout_ns ? clock_monotonic_ns() + timeout_ns : 0;
    struct task *t;
    int woken;

    if (!running) {
        /* Before the scheduler: let interrupts in and look again. */
        spin_unlock(lk);
        if (deadline && clock_monotonic_ns() >= deadline) {
            spin_lock(lk);
            return -ETIMEDOUT;
        }
        sti_hlt();
        spin_lock(lk);
        lk->saved_flags = lk_flags;
        return 0;
    }
    flags = spin_lock_irqsave(&sched_lock);
    t = sc()->current;
    t->state = TASK_SLEEPING;
    t->woken = 0;
    t->waiting_on = wq;
    t->run_next = wq->head;
    wq->head = t;
    if (deadline) {
        t->wake_at = deadline;
        t->sleep_next = sleepers;
        sleepers = t;
    }
    /* Queued under sched_lock, so a wakeup after this point is not lost. */
    spin_release_keep_irqs_off(lk);
    switch_away(flags);
    woken = t->woken;
    spin_lock(lk);
    lk->saved_flags = lk_flags; /* the caller's unlock restores its own flags */
    return woken ? 0 : -ETIMEDOUT;
}

void wait_wake_all(struct wait_queue *wq)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    while (wq->head)
        wake(wq->head, 1);
    spin_unlock_irqrestore(&sched_lock, flags);
}

void wait_wake_one(struct wait_queue *wq)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);
    struct task *last = wq->head;

    /* The list is pushed at the front: the oldest waiter is the last one. */
    while (last && last->run_next)
        last = last->run_next;
    if (last)
        wake(last, 1);
    spin_unlock_irqrestore(&sched_lock, flags);
}
