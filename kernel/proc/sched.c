/*
 * sched.c - the scheduler, kernel threads and wait queues (task.h, wait.h).
 *
 * One run queue per CPU, first in first out. A task runs for its time slice,
 * 20 - nice timer ticks (1 to 40 ms), and is then preempted at the next
 * interrupt return (sched_preempt_point) if another task is runnable; a task
 * that sleeps or yields gives up the rest. Each CPU has an idle task that
 * runs when nothing else can, halting the CPU until the next interrupt.
 *
 * Balancing (docs/smp.md): a task made runnable goes to the CPU with the
 * least work (queued tasks plus the one running), preferring the CPU it last
 * ran on; if that CPU is idle it gets a reschedule IPI. A CPU whose queue is
 * empty takes the first task of another CPU's queue. One lock, sched_lock,
 * guards every queue, so a task is never on two queues or two CPUs.
 *
 * A switch happens with sched_lock held and interrupts off; the flags to
 * restore live in a local variable of switch_away, on each task's own stack.
 * A new task starts in task_first_run, which releases the lock. A dead task's
 * stack cannot be freed while it runs on it: the next task to run frees it.
 */
#include <arch/i386/lock_order.h>
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
    struct task *idle;
    struct task *prev;   /* the task switched away from, for finish_switch */
    struct task *run_head, *run_tail;
    int queued;          /* tasks on run_head */
    volatile int need_resched;
    uint64_t switches;
};

extern char boot_stack[];
void context_switch(uint32_t *old_esp, uint32_t new_esp);

static struct spinlock sched_lock = SPINLOCK_INIT_RANKED("sched", RANK_SCHED);
static struct sched_cpu sched_cpus[MAX_CPUS];
static struct task *all_tasks;
static struct task *sleepers;
static int next_tid;
static bool running;

static void (*kick_cpu)(int cpu); /* sends a reschedule IPI (arch/i386/smp.c) */

/* This CPU's scheduler state; with sched_lock held (or interrupts off). */
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
    return running ? this_cpu_read(current) : NULL;
}

uint64_t sched_switches(int cpu)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);
    uint64_t n = sched_cpus[cpu].switches;

    spin_unlock_irqrestore(&sched_lock, flags);
    return n;
}

void sched_set_kick(void (*kick)(int cpu))
{
    kick_cpu = kick;
}

static int slice_for(int nice)
{
    return 20 - nice;
}

/* Work on cpu: tasks queued plus the one running, unless that is the idle task. */
static int load(int cpu)
{
    return sched_cpus[cpu].queued + (cpus[cpu].current != sched_cpus[cpu].idle);
}

/* The CPU for t: the least loaded online one, t's last CPU when that ties. */
static int pick_cpu(struct task *t)
{
    int best = cpus[t->cpu].online ? t->cpu : this_cpu()->id;

    if (t->only_cpu >= 0)
        return t->only_cpu;
    for (int i = 0; i < ncpus; i++)
        if (cpus[i].online && load(i) < load(best))
            best = i;
    return best;
}

/* Queue t to run; sched_lock held. An idle CPU that gets it is woken. */
static void enqueue(struct task *t)
{
    int cpu = ncpus > 1 ? pick_cpu(t) : 0;
    struct sched_cpu *c = &sched_cpus[cpu];

    t->run_next = NULL;
    t->cpu = cpu;
    if (c->run_tail)
        c->run_tail->run_next = t;
    else
        c->run_head = t;
    c->run_tail = t;
    c->queued++;
    if (cpus[cpu].current == c->idle) {
        c->need_resched = 1;
        if (cpu != this_cpu()->id && kick_cpu)
            kick_cpu(cpu);
    }
}

/* Take the first task of c's queue that may run on cpu. */
static struct task *take_first(struct sched_cpu *c, int cpu)
{
    struct task **p = &c->run_head, *prev = NULL;

    while (*p && (*p)->only_cpu >= 0 && (*p)->only_cpu != cpu) {
        prev = *p;
        p = &(*p)->run_next;
    }
    if (*p) {
        struct task *t = *p;
        *p = t->run_next;
        if (c->run_tail == t)
            c->run_tail = prev;
        t->run_next = NULL;
        c->queued--;
        return t;
    }
    return NULL;
}

/* The next task for this CPU: its own queue first, else another CPU's. */
static struct task *dequeue(void)
{
    int self = this_cpu()->id;
    struct task *t = take_first(sc(), self);

    for (int i = 0; !t && i < ncpus; i++)
        t = take_first(&sched_cpus[i], self);
    if (t)
        t->cpu = this_cpu()->id;
    return t;
}

/* Is there a task this CPU could run instead of the current one? */
static int work_waiting(void)
{
    if (sc()->run_head)
        return 1;
    if (this_cpu()->current != sc()->idle)
        return 0;
    for (int i = 0; i < ncpus; i++)
        if (sched_cpus[i].run_head)
            return 1;
    return 0;
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
    t->interruptible = 0;
    t->state = TASK_RUNNABLE;
    enqueue(t);
}

/*
 * After a switch, on the new stack with sched_lock held: unlink the task
 * switched away from if it died, and return it for free_dead_task, which
 * the caller runs after releasing sched_lock (the allocators' locks come
 * before sched_lock in the order, docs/locking.md).
 */
static struct task *finish_switch(void)
{
    struct sched_cpu *c = sc();
    struct task *prev = c->prev, **p;

    c->prev = NULL;
    if (!prev || prev->state != TASK_DEAD)
        return NULL;
    for (p = &all_tasks; *p && *p != prev; p = &(*p)->all_next)
        ;
    if (*p)
        *p = prev->all_next;
    return prev;
}

static void free_dead_task(struct task *dead)
{
    if (!dead)
        return;
    pmm_free_pages(V2P(dead->kstack), KSTACK_ORDER);
    kfree(dead->fpu_state);
    kfree(dead);
}

/* Run another task. Called with sched_lock held (flags saved by the caller). */
static void switch_away(uint32_t flags)
{
    struct sched_cpu *c = sc();
    struct task *prev = this_cpu()->current, *next, *dead = NULL;

    if (prev->state == TASK_RUNNABLE && prev != c->idle)
        enqueue(prev);
    next = dequeue();
    if (!next)
        next = c->idle;
    c->need_resched = 0;
    if (next != prev) {
        next->slice = slice_for(next->nice);
        this_cpu()->current = next;
        c->prev = prev;
        c->switches++;
        arch_switch_to(prev, next);
        context_switch(&prev->saved_esp, next->saved_esp);
        dead = finish_switch(); /* back in prev, some time later */
    }
    spin_unlock_irqrestore(&sched_lock, flags);
    free_dead_task(dead);
}

/* Where a new task's first switch returns to. */
static void task_first_run(void)
{
    struct task *t, *dead;

    dead = finish_switch();
    t = this_cpu()->current;
    spin_unlock_irqrestore(&sched_lock, EFLAGS_IF);
    free_dead_task(dead);
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
    t->only_cpu = -1;
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

/* A CPU's idle task: runnable but never queued (switch_away falls back to it). */
static struct task *make_idle(int cpu)
{
    struct task *t = task_create("idle", idle_loop, NULL, 0);

    if (!t)
        panic("sched: out of memory");
    t->nice = NICE_MAX;
    t->cpu = t->only_cpu = cpu;
    t->state = TASK_RUNNABLE;
    sched_cpus[cpu].idle = t;
    return t;
}

void sched_init(void)
{
    struct task *boot = kzalloc(sizeof *boot);

    if (!boot)
        panic("sched: out of memory");
    boot->kstack = boot_stack;
    strlcpy(boot->name, "kmain", sizeof boot->name);
    boot->state = TASK_RUNNABLE;
    boot->slice = slice_for(0);
    boot->only_cpu = -1;
    add_to_all(boot);
    this_cpu()->current = boot;
    make_idle(0);
    this_cpu()->online = 1;
    running = true;
}

struct task *sched_prepare_cpu(int cpu)
{
    return make_idle(cpu);
}

void sched_run_ap(void)
{
    struct task *idle = sched_cpus[this_cpu()->id].idle;

    /* This CPU runs on the idle task's stack already: it becomes that task. */
    this_cpu()->current = idle;
    this_cpu()->tss.esp0 = (uint32_t)task_stack_top(idle);
    __atomic_store_n(&this_cpu()->online, 1, __ATOMIC_RELEASE);
    idle_loop(NULL);
    panic("sched: the idle loop returned");
}

void task_exit(void)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    this_cpu()->current->state = TASK_DEAD;
    switch_away(flags);
    panic("task_exit: a dead task ran again");
}

void task_set_nice(struct task *t, int nice)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    t->nice = nice < NICE_MIN ? NICE_MIN : nice > NICE_MAX ? NICE_MAX : nice;
    spin_unlock_irqrestore(&sched_lock, flags);
}

void task_set_cpu(struct task *t, int cpu)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    t->only_cpu = cpu < 0 ? -1 : cpu < ncpus ? cpu : 0;
    t->cpu = t->only_cpu < 0 ? t->cpu : t->only_cpu;
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

/* Sleep until ns have passed or (if intr) a signal comes; 0 or -EINTR. */
static int timed_sleep(uint64_t ns, int intr, uint64_t *left_ns)
{
    uint64_t end = clock_monotonic_ns() + (ns ? ns : 1);
    uint32_t flags;
    struct task *t;
    int woken;

    if (!running) {
        while (clock_monotonic_ns() < end)
            sti_hlt();
        return 0;
    }
    flags = spin_lock_irqsave(&sched_lock);
    t = this_cpu()->current;
    if (intr && t->sigpending) {
        spin_unlock_irqrestore(&sched_lock, flags);
        woken = 2;
    } else {
        t->state = TASK_SLEEPING;
        t->interruptible = intr;
        t->woken = 0;
        t->wake_at = end;
        t->sleep_next = sleepers;
        sleepers = t;
        switch_away(flags);
        woken = t->woken;
    }
    if (woken != 2)
        return 0;
    if (left_ns) {
        uint64_t now = clock_monotonic_ns();
        *left_ns = now < end ? end - now : 0;
    }
    return -EINTR;
}

void task_sleep_ns(uint64_t ns)
{
    timed_sleep(ns, 0, NULL);
}

int task_sleep_ns_intr(uint64_t ns, uint64_t *left_ns)
{
    return timed_sleep(ns, 1, left_ns);
}

void task_set_sigpending(struct task *t, int pending)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    t->sigpending = pending;
    if (pending && t->state == TASK_SLEEPING && t->interruptible)
        wake(t, 2); /* woken = 2: by a signal */
    spin_unlock_irqrestore(&sched_lock, flags);
}

void sched_tick(int user)
{
    struct sched_cpu *c;
    struct task *cur;
    uint64_t now;
    uint32_t flags;

    if (!running)
        return;
    flags = spin_lock_irqsave(&sched_lock);
    c = sc();
    cur = this_cpu()->current;
    cur->ticks++;
    if (user)
        cur->user_ticks++;
    if (--cur->slice <= 0 || cur == c->idle)
        c->need_resched = work_waiting();
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

uint64_t sched_idle_ticks(void)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);
    uint64_t ticks = 0;

    for (int i = 0; i < ncpus; i++)
        if (sched_cpus[i].idle)
            ticks += sched_cpus[i].idle->ticks;
    spin_unlock_irqrestore(&sched_lock, flags);
    return ticks;
}

int sched_nr_running(void)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);
    int n = 0;

    for (int i = 0; i < ncpus; i++)
        if (cpus[i].online)
            n += load(i);
    spin_unlock_irqrestore(&sched_lock, flags);
    return n;
}

void sched_for_each(void (*fn)(struct task *t, void *ctx), void *ctx)
{
    uint32_t flags = spin_lock_irqsave(&sched_lock);

    for (struct task *t = all_tasks; t; t = t->all_next)
        fn(t, ctx);
    spin_unlock_irqrestore(&sched_lock, flags);
}

static int sleep_on(struct wait_queue *wq, struct spinlock *lk, uint64_t timeout_ns, int intr)
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
    t = this_cpu()->current;
    if (intr && t->sigpending) {
        spin_unlock_irqrestore(&sched_lock, flags);
        return -EINTR;
    }
    t->state = TASK_SLEEPING;
    t->interruptible = intr;
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
    return woken == 2 ? -EINTR : woken ? 0 : -ETIMEDOUT;
}

int wait_sleep(struct wait_queue *wq, struct spinlock *lk, uint64_t timeout_ns)
{
    return sleep_on(wq, lk, timeout_ns, 0);
}

int wait_sleep_intr(struct wait_queue *wq, struct spinlock *lk, uint64_t timeout_ns)
{
    return sleep_on(wq, lk, timeout_ns, 1);
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

void sched_ipi_reschedule(void)
{
    sc()->need_resched = 1; /* interrupts are off in the handler */
}
