/*
 * panic.h - stopping the kernel when it cannot go on, and assertions.
 */
#ifndef LIB_PANIC_H
#define LIB_PANIC_H

struct trap_frame;

/* Print the message, the registers and a symbolized backtrace, then stop. */
void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* The same for a CPU exception, with the saved registers of the faulting code. */
void panic_trap(struct trap_frame *tf) __attribute__((noreturn));
/* Is some CPU panicking? */
int panic_in_progress(void);
/* Another CPU panicked and sent this one an NMI: say where it was, then halt forever. */
void panic_stopped_cpu(struct trap_frame *tf) __attribute__((noreturn));
/* Print a backtrace starting at frame pointer ebp. */
void backtrace_print(unsigned long ebp);

#define KASSERT(cond)                                                                      \
    do {                                                                                   \
        if (!(cond))                                                                       \
            panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__);              \
    } while (0)

#endif
