/*
 * uapi/signal.h - signal numbers, shared by the kernel (which reports a
 * process killed by a fault as killed by SIGSEGV, SIGFPE, SIGILL ... in the
 * wait status, see uapi/wait.h) and libc. The values are those of Linux on
 * i386; the structures are AdventOS's own. The semantics are in docs/signals.md.
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

#define NSIG 32 /* one more than the highest signal number */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* A set of signals: bit (n - 1) stands for signal n. */
typedef uint32_t sigset_t;

typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)

/* sigprocmask's how. */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* sa_flags. */
#define SA_NOCLDSTOP 0x00000001 /* no SIGCHLD when a child stops or continues */
#define SA_NOCLDWAIT 0x00000002 /* children leave no zombies */
#define SA_SIGINFO 0x00000004   /* the handler is sa_sigaction(sig, info, ucontext) */
#define SA_RESTART 0x10000000   /* restart interrupted system calls */
#define SA_NODEFER 0x40000000   /* do not block the signal while its handler runs */
#define SA_RESETHAND 0x80000000 /* back to SIG_DFL once delivered */

union sigval {
    int sival_int;
    void *sival_ptr;
};

typedef struct {
    int si_signo;
    int si_errno;
    int si_code;
    int si_pid;          /* the sender (SI_USER), or the child (SIGCHLD) */
    uint32_t si_uid;     /* the sender's real uid, or the child's */
    void *si_addr;       /* the faulting address (SIGSEGV, SIGBUS, SIGILL, SIGFPE) */
    int si_status;       /* SIGCHLD: the exit code or the signal */
    union sigval si_value;
} siginfo_t;

/* si_code: who sent it, or what happened. */
#define SI_USER 0       /* kill() */
#define SI_KERNEL 0x80  /* the kernel (a tty, alarm, a pipe) */
#define SEGV_MAPERR 1   /* no mapping at the address */
#define SEGV_ACCERR 2   /* a mapping without the needed permission */
#define ILL_ILLOPC 1
#define FPE_INTDIV 1
#define FPE_FLTINV 7
#define BUS_ADRALN 1
#define TRAP_BRKPT 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

struct sigaction {
    union {
        sighandler_t sa_handler;
        void (*sa_sigaction)(int, siginfo_t *, void *);
    };
    sigset_t sa_mask;
    uint32_t sa_flags;
};

/* The registers of the interrupted code, as the signal frame saves them. */
struct sigcontext {
    uint32_t gs, fs, es, ds;
    uint32_t edi, esi, ebp, esp, ebx, edx, ecx, eax;
    uint32_t trapno, err;
    uint32_t eip, cs, eflags, ss;
    uint32_t cr2; /* the faulting address, for SIGSEGV */
};

typedef struct ucontext {
    uint32_t uc_flags;
    struct ucontext *uc_link;
    struct sigcontext uc_mcontext;
    sigset_t uc_sigmask; /* the mask to restore when the handler returns */
} ucontext_t;
#endif

#endif
