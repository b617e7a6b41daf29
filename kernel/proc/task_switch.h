/*
 * task_switch.h - what changes on the CPU when another task runs, besides its
 * registers and stack: the kernel stack the TSS gives to interrupts from user
 * mode, the address space, and the FPU/SSE registers (arch/i386/task_switch.c).
 */
#ifndef PROC_TASK_SWITCH_H
#define PROC_TASK_SWITCH_H

struct task;

/* Called with sched_lock held and interrupts off, just before the stack switch. */
void arch_switch_to(struct task *prev, struct task *next);
/* Enable the FPU and SSE for user tasks (boot CPU), and record the initial state. */
void fpu_init(void);
/* Enable the FPU and SSE on another CPU. */
void fpu_cpu_init(void);
/* Give t a clean FPU state (on exec or creation of a process). */
int fpu_task_init(struct task *t);
/* Give the running task t a clean FPU state now (exec). */
void fpu_reset_current(struct task *t);
/* Copy the running task's FPU registers into t's area (fork). */
void fpu_copy_current(struct task *t);
/* The FPU area's size; signal frames carry one. */
#define FPU_AREA_SIZE 512
/* Save the running task's FPU registers into area (FPU_AREA_SIZE bytes, 16-aligned). */
void fpu_save_current(unsigned char *area);
/* Load area (from user memory, so checked first) into the running task t's FPU registers. */
void fpu_load_current(struct task *t, unsigned char *area);

#endif
