/*
 * task.h - tasks (kernel threads now; processes build on them) and the
 * scheduler: a preemptive round robin whose time slices grow with priority
 * (nice -20..19). Each task has its own kernel stack; a switch saves the
 * callee-saved registers on it (arch/i386/switch.S). See docs/processes.md.
 *
 * Lock: sched_lock guards every task's state, the run queue, the sleepers
 * and every wait queue's list. It is taken with interrupts saved in a local
 * variable of the caller (never in the lock), because the task that releases
 * it after a switch is not the one that took it.
 */
#ifndef PROC_TASK_H
#define PROC_TASK_H

#include <stdbool.h>
#include <stdint.h>

struct wait_queue;
struct process;
struct vm_space;

#define TASK_NAME_MAX 16
#define NICE_MIN (-20)
#define NICE_MAX 19

enum task_state {
    TASK_RUNNABLE, /* on the run queue (or running) */
    TASK_SLEEPING, /* on a wait queue or the sleepers list */
    TASK_DEAD,     /* finished; its stack is freed by the next task to run */
};

struct task {
    uint32_t saved_esp; /* kernel stack pointer while switched out (switch.S uses offset 0) */
    int tid;
    char name[TASK_NAME_MAX];
    enum task_state state;
    int nice;
    int slice;          /* timer ticks left before preemption */
    void *kstack;       /* the kernel stack's lowest address (KSTACK_SIZE bytes) */
    void (*entry)(void *);
    void *arg;
    uint64_t wake_at;   /* monotonic ns, for timed sleeps (0 = none) */
    int woken;          /* set by a wakeup, cleared before sleeping */
    int interruptible;  /* this sleep ends when a signal arrives */
    int sigpending;     /* a signal waits for delivery (proc/signal.c sets it) */
    uint64_t ticks;     /* timer ticks spent running: CPU accounting */
    uint64_t user_ticks; /* of those, the ticks that interrupted user mode */
    struct task *run_next;  /* the run queue or a wait queue */
    struct task *sleep_next; /* the timed sleepers */
    struct wait_queue *waiting_on; /* the wait queue it is on, or NULL */
    struct task *all_next;  /* every task, for listings */
    int cpu;                /* the CPU it runs on, or last ran on, or is queued for */
    int only_cpu;           /* the one CPU it may run on, or -1 for any */
    struct process *proc;   /* the process this task runs, or NULL for a kernel thread */
    struct vm_space *vm;    /* the address space it runs in (mm/vm.c), NULL: kernel only */
    uint8_t *fpu_state;     /* FXSAVE area (512 bytes, 16-aligned) once the task used user mode */
};

#define KSTACK_SIZE 8192

/* Make the boot context task 0 and create the idle task. */
void sched_init(void);
bool sched_running(void);
struct task *current_task(void);

/* A new kernel thread running fn(arg); it ends when fn returns. NULL on ENOMEM. */
struct task *kthread_create(const char *name, void (*fn)(void *), void *arg);
/*
 * A task that will run fn(arg) once task_start() is called, with reserve bytes
 * left free at the top of its kernel stack for the caller (fork puts the
 * child's trap frame there: task_stack_top(t) - reserve).
 */
struct task *task_create(const char *name, void (*fn)(void *), void *arg, uint32_t reserve);
void task_start(struct task *t);
/* Free a task made by task_create that was never started. */
void task_destroy_unstarted(struct task *t);
static inline void *task_stack_top(struct task *t)
{
    return (uint8_t *)t->kstack + KSTACK_SIZE;
}
void task_exit(void) __attribute__((noreturn));
void task_set_nice(struct task *t, int nice);
/* Keep t (not started yet) on one CPU (-1: any); a CPU that does not exist means CPU 0. */
void task_set_cpu(struct task *t, int cpu);

/* Give up the CPU to another runnable task, if any. */
void sched_yield(void);
/* Sleep for at least ns nanoseconds. */
void task_sleep_ns(uint64_t ns);
/* The same, ended early by a signal: 0, or -EINTR with the time left in *left_ns. */
int task_sleep_ns_intr(uint64_t ns, uint64_t *left_ns);
/* Mark whether t has a signal to deliver; marking it wakes t from an interruptible sleep. */
void task_set_sigpending(struct task *t, int pending);
/* Called by the timer interrupt on every tick; user: the tick interrupted user mode. */
void sched_tick(int user);
/* Called on the way out of an interrupt: switch if the slice ran out. */
void sched_preempt_point(void);

/* Tasks running or waiting to run on every CPU, idle tasks not counted (the load average). */
int sched_nr_running(void);
/* Timer ticks every CPU has spent in its idle task (/proc/uptime). */
uint64_t sched_idle_ticks(void);
/* Counters for listings: context switches since boot on a CPU. */
uint64_t sched_switches(int cpu);

/* SMP (arch/i386/smp.c): the idle task of a CPU about to start (its stack is the CPU's first). */
struct task *sched_prepare_cpu(int cpu);
/* On a newly started CPU, on that idle task's stack: become it and run the idle loop. */
void sched_run_ap(void) __attribute__((noreturn));
/* How to wake an idle CPU that got work: a reschedule IPI. */
void sched_set_kick(void (*kick)(int cpu));
/* A reschedule IPI arrived: switch at the interrupt's return if there is work. */
void sched_ipi_reschedule(void);
/* Call fn for every task (under the scheduler lock: fn must not block). */
void sched_for_each(void (*fn)(struct task *t, void *ctx), void *ctx);

#endif
