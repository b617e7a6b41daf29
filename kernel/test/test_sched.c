/*
 * test_sched.c - kernel threads, preemption, sleeping, wait queues, mutexes
 * and priorities, with the scheduler running (the ktests themselves run in
 * the boot task, "kmain").
 */
#include <arch/i386/percpu.h>
#include <clock.h>
#include <mm/pmm.h>
#include <proc/completion.h>
#include <proc/mutex.h>
#include <proc/task.h>
#include <proc/wait.h>
#include <test/ktest.h>
#include <uapi/errno.h>

struct counter_arg {
    volatile int count;
    int rounds;
    struct completion done;
};

static void count_up(void *p)
{
    struct counter_arg *a = p;

    for (int i = 0; i < a->rounds; i++) {
        a->count++;
        sched_yield();
    }
    complete(&a->done);
}

KTEST(sched_threads_run_and_finish)
{
    static struct counter_arg a[4];
    struct pmm_stats before, after;

    pmm_get_stats(&before);
    for (int i = 0; i < 4; i++) {
        a[i].count = 0;
        a[i].rounds = 100 + i;
        completion_init(&a[i].done);
        KT_ASSERT(kthread_create("counter", count_up, &a[i]) != NULL);
    }
    for (int i = 0; i < 4; i++) {
        KT_ASSERT_EQ(completion_wait_timeout(&a[i].done, 10000), 0);
        KT_ASSERT_EQ(a[i].count, 100 + i);
    }
    /* Dead threads' stacks are freed by whoever runs next: give them a turn. */
    for (int i = 0; i < 10; i++)
        sched_yield();
    task_sleep_ns(5 * NSEC_PER_MSEC);
    pmm_get_stats(&after);
    KT_ASSERT(after.free_pages + 8 >= before.free_pages); /* kmalloc slabs may stay */
}

static volatile int spin_stop;
static volatile uint64_t spins;

static void spinner(void *p)
{
    struct completion *done = p;

    while (!spin_stop)
        spins++; /* never yields: only the timer can take the CPU away */
    complete(done);
}

KTEST(sched_preempts_a_spinning_thread)
{
    static struct completion done;
    uint64_t start;

    completion_init(&done);
    spin_stop = 0;
    spins = 0;
    KT_ASSERT(kthread_create("spinner", spinner, &done) != NULL);
    start = clock_monotonic_ns();
    task_sleep_ns(30 * NSEC_PER_MSEC); /* we get back only if the spinner is preempted */
    KT_ASSERT(clock_monotonic_ns() - start >= 30 * NSEC_PER_MSEC);
    KT_ASSERT(spins > 0);
    spin_stop = 1;
    KT_ASSERT_EQ(completion_wait_timeout(&done, 10000), 0);
}

struct pingpong {
    struct spinlock lock;
    struct wait_queue wq;
    int turn, rounds;
    struct completion done;
};

static void pong(void *p)
{
    struct pingpong *pp = p;

    spin_lock(&pp->lock);
    for (int i = 0; i < pp->rounds; i++) {
        while (pp->turn != 1)
            wait_sleep(&pp->wq, &pp->lock, 0);
        pp->turn = 0;
        wait_wake_all(&pp->wq);
    }
    spin_unlock(&pp->lock);
    complete(&pp->done);
}

/* Context switches on every CPU since boot. */
static uint64_t all_switches(void)
{
    uint64_t n = 0;

    for (int cpu = 0; cpu < ncpus; cpu++)
        n += sched_switches(cpu);
    return n;
}

KTEST(sched_wait_queue_ping_pong)
{
    static struct pingpong pp;
    uint64_t switches = all_switches();

    pp.lock = (struct spinlock)SPINLOCK_INIT("pingpong");
    pp.wq = (struct wait_queue)WAIT_QUEUE_INIT;
    pp.turn = 0;
    pp.rounds = 500;
    completion_init(&pp.done);
    KT_ASSERT(kthread_create("pong", pong, &pp) != NULL);
    spin_lock(&pp.lock);
    for (int i = 0; i < pp.rounds; i++) {
        while (pp.turn != 0)
            wait_sleep(&pp.wq, &pp.lock, 0);
        pp.turn = 1;
        wait_wake_all(&pp.wq);
    }
    spin_unlock(&pp.lock);
    KT_ASSERT_EQ(completion_wait_timeout(&pp.done, 10000), 0);
    KT_ASSERT(all_switches() - switches >= 2 * 500 - 10); /* a switch per hand-over */
}

KTEST(sched_sleep_and_timeout)
{
    struct spinlock lk = SPINLOCK_INIT("kt");
    struct wait_queue wq = WAIT_QUEUE_INIT;
    uint64_t start = clock_monotonic_ns();

    task_sleep_ns(25 * NSEC_PER_MSEC);
    KT_ASSERT(clock_monotonic_ns() - start >= 25 * NSEC_PER_MSEC);
    /* Nobody wakes this queue: the wait ends by its timeout. */
    start = clock_monotonic_ns();
    spin_lock(&lk);
    KT_ASSERT_EQ(wait_sleep(&wq, &lk, 20 * NSEC_PER_MSEC), -ETIMEDOUT);
    spin_unlock(&lk);
    KT_ASSERT(clock_monotonic_ns() - start >= 20 * NSEC_PER_MSEC);
    KT_ASSERT(wq.head == NULL); /* the timed-out task left the queue */
}

struct mutex_arg {
    struct mutex m;
    volatile int shared, inside, overlap;
    struct completion done[3];
};

static struct mutex_arg marg;

static void mutex_worker(void *p)
{
    struct completion *done = p;

    for (int i = 0; i < 200; i++) {
        mutex_lock(&marg.m);
        if (marg.inside++)
            marg.overlap = 1;
        int v = marg.shared;
        sched_yield(); /* let the others try to get in */
        marg.shared = v + 1;
        marg.inside--;
        mutex_unlock(&marg.m);
    }
    complete(done);
}

KTEST(sched_mutex_excludes)
{
    mutex_init(&marg.m, "kt");
    marg.shared = marg.inside = marg.overlap = 0;
    for (int i = 0; i < 3; i++) {
        completion_init(&marg.done[i]);
        KT_ASSERT(kthread_create("mutex", mutex_worker, &marg.done[i]) != NULL);
    }
    for (int i = 0; i < 3; i++)
        KT_ASSERT_EQ(completion_wait_timeout(&marg.done[i], 20000), 0);
    KT_ASSERT_EQ(marg.overlap, 0);
    KT_ASSERT_EQ(marg.shared, 600);
}

static volatile int prio_stop;

static void prio_spinner(void *p)
{
    struct completion *done = p;

    while (!prio_stop)
        ;
    complete(done);
}

KTEST(sched_nice_gives_a_larger_share)
{
    static struct completion done[2];
    struct task *fast, *slow;

    prio_stop = 0;
    completion_init(&done[0]);
    completion_init(&done[1]);
    /* Both on one CPU: on two, each would simply have its own. */
    fast = task_create("nice0", prio_spinner, &done[0], 0);
    slow = task_create("nice19", prio_spinner, &done[1], 0);
    KT_ASSERT(fast && slow);
    task_set_cpu(fast, 0);
    task_set_cpu(slow, 0);
    task_set_nice(slow, NICE_MAX);
    task_start(fast);
    task_start(slow);
    task_sleep_ns(300 * NSEC_PER_MSEC);
    /* Slices of 20 and 1 ticks: the nice-0 thread gets about 20 times the CPU. */
    KT_ASSERT(fast->ticks > 3 * slow->ticks);
    prio_stop = 1;
    KT_ASSERT_EQ(completion_wait_timeout(&done[0], 10000), 0);
    KT_ASSERT_EQ(completion_wait_timeout(&done[1], 10000), 0);
}
