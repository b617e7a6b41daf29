/*
 * signal.c - POSIX signals (signal.h, docs/signals.md).
 *
 * Sending sets a bit in the target's pending set (with the siginfo that
 * explains it) and, when the signal is not blocked, marks the task
 * (task->sigpending), which ends an interruptible sleep. Nothing else happens
 * to the target until it returns to user mode: trap_dispatch calls
 * signal_deliver on every return, which acts on the lowest pending signal:
 * ignore it, stop, terminate, or build a frame on the user stack that makes
 * the process run its handler and then call sigreturn.
 *
 * Stopping happens here too: the stopped task sleeps (uninterruptibly) on
 * its process's stop_wq until SIGCONT or SIGKILL; the parent hears of it
 * through SIGCHLD and wait4(WUNTRACED).
 *
 * Lock: proc_lock guards every field of struct signal_state and the stop
 * state. It is taken with interrupts off (a spinlock), so sending from an
 * interrupt handler is safe; it nests outside sched_lock.
 */
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/percpu.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <lib/kprintf.h>
#include <mm/vm.h>
#include <proc/proc_internal.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/syscall.h>
#include <uapi/wait.h>

#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))
#define STOP_SIGNALS (SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU))

/* EFLAGS bits a signal handler's sigreturn may change: the arithmetic flags, TF, DF, AC, ID. */
#define EFLAGS_USER_MASK 0x00240dd5u
#define EFLAGS_TF 0x100u
#define EFLAGS_DF 0x400u

enum default_action { ACT_TERMINATE, ACT_IGNORE, ACT_STOP, ACT_CONTINUE };

static enum default_action default_action(int sig)
{
    switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH:
        return ACT_IGNORE;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        return ACT_STOP;
    case SIGCONT:
        return ACT_CONTINUE;
    default:
        return ACT_TERMINATE;
    }
}

/* Does this action do nothing with sig? (SIGCONT's default work is done when it is sent.) */
static int ignores(const struct sigaction *a, int sig)
{
    if (a->sa_handler == SIG_IGN)
        return 1;
    return a->sa_handler == SIG_DFL &&
           (default_action(sig) == ACT_IGNORE || default_action(sig) == ACT_CONTINUE);
}

/* Would sig be thrown away on arrival? (Not while blocked: the action may change first.) */
static int discarded(struct process *p, int sig)
{
    if (p->sig.blocked & SIGBIT(sig) & ~UNBLOCKABLE)
        return 0;
    return ignores(&p->sig.actions[sig], sig);
}

/* Tell p's task whether it has something to deliver; proc_lock held. */
static void update_pending_flag(struct process *p)
{
    sigset_t ready = p->sig.pending & ~(p->sig.blocked & ~UNBLOCKABLE);

    if (p->task)
        task_set_sigpending(p->task, ready != 0);
}

static void send_locked(struct process *p, int sig, const siginfo_t *info);

/* Tell p's parent that p stopped, continued or ended; proc_lock held. */
static void notify_parent(struct process *p, int code, int status)
{
    struct process *parent = p->parent;
    siginfo_t info = {.si_signo = SIGCHLD, .si_code = code, .si_pid = p->pid,
                      .si_uid = p->cred.uid, .si_status = status};

    if (!parent)
        return;
    if (code == CLD_EXITED || code == CLD_KILLED || code == CLD_DUMPED ||
        !(parent->sig.actions[SIGCHLD].sa_flags & SA_NOCLDSTOP))
        send_locked(parent, SIGCHLD, &info);
    wait_wake_all(&parent->child_exit);
}

static void resume_locked(struct process *p, int by_sigcont)
{
    if (!p->stopped)
        return;
    p->stopped = 0;
    p->stop_report = 0;
    wait_wake_all(&p->stop_wq);
    if (by_sigcont) {
        p->cont_report = 1;
        notify_parent(p, CLD_CONTINUED, SIGCONT);
    }
}

static void send_locked(struct process *p, int sig, const siginfo_t *info)
{
    if (p->state != PROC_ALIVE)
        return;
    /* SIGCONT resumes and cancels pending stops at once; a stop cancels a pending SIGCONT. */
    if (sig == SIGCONT) {
        p->sig.pending &= ~STOP_SIGNALS;
        resume_locked(p, 1);
    } else if (SIGBIT(sig) & STOP_SIGNALS) {
        p->sig.pending &= ~SIGBIT(SIGCONT);
    }
    if (sig != SIGKILL && discarded(p, sig))
        return;
    if (!(p->sig.pending & SIGBIT(sig))) { /* standard signals do not queue: keep the first */
        p->sig.pending |= SIGBIT(sig);
        if (info)
            p->sig.info[sig] = *info;
        else
            p->sig.info[sig] = (siginfo_t){.si_signo = sig, .si_code = SI_KERNEL};
    }
    if (sig == SIGKILL)
        resume_locked(p, 0);
    update_pending_flag(p);
}

int signal_send(int pid, int sig, const siginfo_t *info)
{
    struct process *p;
    int err = 0;

    if (sig <= 0 || sig >= NSIG)
        return -EINVAL;
    spin_lock(&proc_lock);
    p = process_find_locked(pid);
    if (p)
        send_locked(p, sig, info);
    else
        err = -ESRCH;
    spin_unlock(&proc_lock);
    return err;
}

int signal_send_group(int pgid, int sig)
{
    int found = 0;

    if (sig <= 0 || sig >= NSIG)
        return -EINVAL;
    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next) {
        if (p->pgid == pgid && p->state == PROC_ALIVE) {
            send_locked(p, sig, NULL);
            found = 1;
        }
    }
    spin_unlock(&proc_lock);
    return found ? 0 : -ESRCH;
}

int signal_ignored_or_blocked(struct process *p, int sig)
{
    int r;

    spin_lock(&proc_lock);
    r = (p->sig.blocked & SIGBIT(sig)) || p->sig.actions[sig].sa_handler == SIG_IGN;
    spin_unlock(&proc_lock);
    return r;
}

int signal_pending_current(void)
{
    struct task *t = current_task();

    return t && t->sigpending;
}

/*
 * May sender signal target? Root may signal anyone; others need a matching
 * real or effective uid, except that SIGCONT reaches the whole session.
 */
static int may_signal(const struct process *sender, const struct process *target, int sig)
{
    if (sender->euid == 0)
        return 1;
    if (sender->cred.uid == target->cred.uid || sender->cred.uid == target->euid ||
        sender->euid == target->cred.uid || sender->euid == target->euid)
        return 1;
    return sig == SIGCONT && sender->sid == target->sid;
}

/*
 * kill(pid, sig): pid > 0 that process, 0 the caller's group, -1 every
 * process the caller may signal but init and itself, < -1 group -pid.
 * sig 0 only checks. ESRCH if nothing matched, EPERM if nothing was allowed.
 */
int signal_kill(int pid, int sig)
{
    struct process *self = current_process();
    siginfo_t info = {.si_signo = sig, .si_code = SI_USER, .si_pid = self->pid,
                      .si_uid = self->cred.uid};
    int matched = 0, allowed = 0;

    if (sig < 0 || sig >= NSIG)
        return -EINVAL;
    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next) {
        int match;
        if (p->state != PROC_ALIVE)
            continue;
        if (pid > 0)
            match = p->pid == pid;
        else if (pid == 0)
            match = p->pgid == self->pgid;
        else if (pid == -1)
            match = p->pid != 1 && p != self;
        else
            match = p->pgid == -pid;
        if (!match)
            continue;
        matched++;
        if (!may_signal(self, p, sig))
            continue;
        allowed++;
        if (sig)
            send_locked(p, sig, &info);
    }
    spin_unlock(&proc_lock);
    if (!matched || (pid == -1 && !allowed)) /* -1 names no one in particular */
        return -ESRCH;
    return allowed ? 0 : -EPERM;
}

void signal_fault(int sig, int code, uint32_t addr)
{
    struct process *p = current_process();
    siginfo_t info = {.si_signo = sig, .si_code = code, .si_addr = (void *)addr};

    spin_lock(&proc_lock);
    /* A fault cannot be ignored or blocked: that would only repeat it forever. */
    if ((p->sig.blocked & SIGBIT(sig)) || p->sig.actions[sig].sa_handler == SIG_IGN) {
        p->sig.blocked &= ~SIGBIT(sig);
        p->sig.actions[sig].sa_handler = SIG_DFL;
    }
    p->sig.pending |= SIGBIT(sig);
    p->sig.info[sig] = info;
    update_pending_flag(p);
    spin_unlock(&proc_lock);
}

int signal_fault_is_fatal(int sig)
{
    struct process *p = current_process();
    int fatal;

    spin_lock(&proc_lock);
    fatal = p->sig.actions[sig].sa_handler == SIG_DFL;
    spin_unlock(&proc_lock);
    return fatal;
}

/* Stop the current process with sig until SIGCONT or SIGKILL; proc_lock held. */
static void stop_locked(struct process *p, int sig)
{
    p->stopped = 1;
    p->stop_sig = sig;
    p->stop_report = 1;
    p->cont_report = 0;
    notify_parent(p, CLD_STOPPED, sig);
    while (p->stopped && !(p->sig.pending & SIGBIT(SIGKILL)))
        wait_sleep(&p->stop_wq, &proc_lock, 0);
}

/*
 * The frame a handler runs on, at the top of the user stack. The handler is
 * called as handler(sig, info, uc) and returns to `code`, which calls
 * sigreturn; the kernel then finds the frame 4 bytes below the stack pointer
 * (the return address was popped). The FPU registers are saved apart, 16-byte
 * aligned above the frame, at uc_fpstate.
 */
struct sigframe {
    uint32_t ret;
    int32_t sig;
    uint32_t info_ptr, uc_ptr;
    siginfo_t info;
    ucontext_t uc;
    uint32_t fpstate;
    uint8_t code[8];
};

/* mov $SYS_sigreturn, %eax; int $0x80; nop */
static const uint8_t sigreturn_code[8] = {0xb8, SYS_sigreturn, 0, 0, 0, 0xcd, 0x80, 0x90};

static int setup_frame(struct trap_frame *tf, int sig, const struct sigaction *act,
                       const siginfo_t *info, sigset_t old_mask)
{
    uint8_t fpu[FPU_AREA_SIZE] __attribute__((aligned(16)));
    struct sigframe f;
    uint32_t fp_addr = (tf->user_esp - FPU_AREA_SIZE) & ~15u;
    uint32_t frame_addr = ((fp_addr - sizeof f) & ~15u) - 4; /* esp + 4 is 16-aligned at entry */
    int err;

    memset(&f, 0, sizeof f);
    f.ret = frame_addr + offsetof(struct sigframe, code);
    f.sig = sig;
    f.info_ptr = frame_addr + offsetof(struct sigframe, info);
    f.uc_ptr = frame_addr + offsetof(struct sigframe, uc);
    f.info = *info;
    f.uc.uc_sigmask = old_mask;
    f.uc.uc_mcontext = (struct sigcontext){
        .gs = tf->gs, .fs = tf->fs, .es = tf->es, .ds = tf->ds,
        .edi = tf->edi, .esi = tf->esi, .ebp = tf->ebp, .esp = tf->user_esp,
        .ebx = tf->ebx, .edx = tf->edx, .ecx = tf->ecx, .eax = tf->eax,
        .trapno = tf->vector, .err = tf->error, .eip = tf->eip, .cs = tf->cs,
        .eflags = tf->eflags, .ss = tf->user_ss, .cr2 = (uint32_t)info->si_addr};
    f.fpstate = fp_addr;
    memcpy(f.code, sigreturn_code, sizeof f.code);

    /* The FPU registers go through a kernel buffer: the copy may fault and sleep. */
    fpu_save_current(fpu);
    err = copy_to_user((void *)fp_addr, fpu, sizeof fpu);
    if (!err)
        err = copy_to_user((void *)frame_addr, &f, sizeof f);
    if (err)
        return err;

    tf->user_esp = frame_addr;
    tf->eip = (uint32_t)act->sa_handler;
    tf->eax = (uint32_t)sig; /* also in registers, for handlers built with regparm */
    tf->edx = f.info_ptr;
    tf->ecx = f.uc_ptr;
    tf->eflags &= ~(EFLAGS_DF | EFLAGS_TF); /* the ABI wants DF clear at a call */
    tf->cs = SEL_USER_CODE;
    tf->user_ss = tf->ds = tf->es = SEL_USER_DATA;
    return 0;
}

/* Undo a frame: the registers and mask the handler interrupted. Returns the restored eax. */
long signal_return(struct trap_frame *tf)
{
    uint8_t fpu[FPU_AREA_SIZE] __attribute__((aligned(16)));
    struct process *p = current_process();
    uint32_t frame_addr = tf->user_esp - 4;
    struct sigframe f;
    struct sigcontext *c = &f.uc.uc_mcontext;

    if (copy_from_user(&f, (const void *)frame_addr, sizeof f) < 0 ||
        copy_from_user(fpu, (const void *)f.fpstate, sizeof fpu) < 0) {
        signal_fault(SIGSEGV, SEGV_MAPERR, frame_addr);
        return (long)tf->eax;
    }
    tf->edi = c->edi;
    tf->esi = c->esi;
    tf->ebp = c->ebp;
    tf->ebx = c->ebx;
    tf->edx = c->edx;
    tf->ecx = c->ecx;
    tf->eip = c->eip;
    tf->user_esp = c->esp;
    tf->eflags = (tf->eflags & ~EFLAGS_USER_MASK) | (c->eflags & EFLAGS_USER_MASK);
    /* Only user selectors: anything else would fault in the kernel's iret. */
    tf->cs = SEL_USER_CODE;
    tf->user_ss = tf->ds = tf->es = SEL_USER_DATA;
    tf->fs = c->fs == 0 ? 0 : SEL_USER_DATA;
    tf->gs = c->gs == 0 ? 0 : SEL_USER_DATA;
    fpu_load_current(current_task(), fpu);

    spin_lock(&proc_lock);
    p->sig.blocked = f.uc.uc_sigmask & ~UNBLOCKABLE;
    update_pending_flag(p);
    spin_unlock(&proc_lock);
    return (long)c->eax;
}

static int is_restart(uint32_t eax)
{
    return eax == (uint32_t)-ERESTARTSYS || eax == (uint32_t)-ERESTARTNOHAND;
}

/* Make the interrupted system call nr run again when the process resumes. */
static void restart_syscall(struct trap_frame *tf, int nr)
{
    tf->eax = (uint32_t)nr;
    tf->eip -= 2; /* back onto `int $0x80` */
}

void signal_deliver(struct trap_frame *tf, int syscall_nr)
{
    struct task *t = current_task();
    struct process *p = t ? t->proc : NULL;
    int pending_restart = syscall_nr >= 0 && is_restart(tf->eax);

    if (!p)
        return;
    while (t->sigpending) {
        sigset_t ready;
        struct sigaction act;
        siginfo_t info;
        sigset_t old_mask;
        int sig;

        spin_lock(&proc_lock);
        ready = p->sig.pending & ~(p->sig.blocked & ~UNBLOCKABLE);
        if (!ready) {
            update_pending_flag(p);
            spin_unlock(&proc_lock);
            break;
        }
        sig = (ready & SIGBIT(SIGKILL)) ? SIGKILL : __builtin_ctz(ready) + 1;
        p->sig.pending &= ~SIGBIT(sig);
        info = p->sig.info[sig];
        act = p->sig.actions[sig];
        update_pending_flag(p);

        if (act.sa_handler == SIG_IGN && sig != SIGKILL) {
            spin_unlock(&proc_lock);
            continue;
        }
        if (act.sa_handler == SIG_DFL || sig == SIGKILL) {
            enum default_action what = sig == SIGKILL ? ACT_TERMINATE : default_action(sig);
            if (what == ACT_STOP)
                stop_locked(p, sig);
            spin_unlock(&proc_lock);
            if (what == ACT_TERMINATE)
                process_exit(W_EXITCODE(0, sig));
            continue;
        }

        /* A handler runs: it sees the mask from before sigsuspend, if that changed it. */
        old_mask = p->sig.restore_saved ? p->sig.saved_blocked : p->sig.blocked;
        p->sig.restore_saved = 0;
        p->sig.blocked |= act.sa_mask | ((act.sa_flags & SA_NODEFER) ? 0 : SIGBIT(sig));
        p->sig.blocked &= ~UNBLOCKABLE;
        if (act.sa_flags & SA_RESETHAND) {
            p->sig.actions[sig].sa_handler = SIG_DFL;
            p->sig.actions[sig].sa_flags &= ~SA_SIGINFO;
        }
        update_pending_flag(p);
        spin_unlock(&proc_lock);

        if (pending_restart) {
            if (tf->eax == (uint32_t)-ERESTARTSYS && (act.sa_flags & SA_RESTART))
                restart_syscall(tf, syscall_nr);
            else
                tf->eax = (uint32_t)-EINTR;
            pending_restart = 0;
        }
        if (setup_frame(tf, sig, &act, &info, old_mask) < 0) {
            kprintf("pid %d (%s): no room on the stack for a signal frame; killed\n", p->pid,
                    p->name);
            process_exit(W_EXITCODE(0, SIGSEGV));
        }
        return; /* one handler at a time; the next on the next return */
    }
    if (pending_restart)
        restart_syscall(tf, syscall_nr);
    if (p->sig.restore_saved) { /* sigsuspend ended without a handler */
        spin_lock(&proc_lock);
        p->sig.blocked = p->sig.saved_blocked;
        p->sig.restore_saved = 0;
        update_pending_flag(p);
        spin_unlock(&proc_lock);
    }
}

int signal_action(int sig, const struct sigaction *act, struct sigaction *old)
{
    struct process *p = current_process();

    if (sig <= 0 || sig >= NSIG)
        return -EINVAL;
    if (act && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    spin_lock(&proc_lock);
    if (old)
        *old = p->sig.actions[sig];
    if (act) {
        p->sig.actions[sig] = *act;
        p->sig.actions[sig].sa_mask &= ~UNBLOCKABLE;
        /* POSIX: setting an action that ignores a pending signal discards it, blocked or not. */
        if ((p->sig.pending & SIGBIT(sig)) && ignores(&p->sig.actions[sig], sig)) {
            p->sig.pending &= ~SIGBIT(sig);
            update_pending_flag(p);
        }
    }
    spin_unlock(&proc_lock);
    return 0;
}

int signal_procmask(int how, const sigset_t *set, sigset_t *old)
{
    struct process *p = current_process();
    int err = 0;

    spin_lock(&proc_lock);
    if (old)
        *old = p->sig.blocked;
    if (set) {
        if (how == SIG_BLOCK)
            p->sig.blocked |= *set;
        else if (how == SIG_UNBLOCK)
            p->sig.blocked &= ~*set;
        else if (how == SIG_SETMASK)
            p->sig.blocked = *set;
        else
            err = -EINVAL;
        p->sig.blocked &= ~UNBLOCKABLE;
        update_pending_flag(p);
    }
    spin_unlock(&proc_lock);
    return err;
}

sigset_t signal_pending_set(void)
{
    struct process *p = current_process();
    sigset_t s;

    spin_lock(&proc_lock);
    s = p->sig.pending & p->sig.blocked;
    spin_unlock(&proc_lock);
    return s;
}

int signal_suspend(sigset_t mask)
{
    struct process *p = current_process();
    struct wait_queue never_woken = WAIT_QUEUE_INIT;

    spin_lock(&proc_lock);
    p->sig.saved_blocked = p->sig.blocked;
    p->sig.restore_saved = 1;
    p->sig.blocked = mask & ~UNBLOCKABLE;
    update_pending_flag(p);
    while (wait_sleep_intr(&never_woken, &proc_lock, 0) != -EINTR)
        ;
    spin_unlock(&proc_lock);
    return -ERESTARTNOHAND;
}

static void alarm_fire(void *arg)
{
    signal_send((int)(uintptr_t)arg, SIGALRM, NULL);
}

unsigned signal_alarm(unsigned seconds)
{
    struct process *p = current_process();
    uint64_t left = timer_cancel(&p->alarm);

    if (seconds) {
        p->alarm.fn = alarm_fire;
        p->alarm.arg = (void *)(uintptr_t)p->pid;
        timer_arm(&p->alarm, clock_monotonic_ns() + (uint64_t)seconds * NSEC_PER_SEC);
    }
    /* Round up: an alarm with half a second left still counts one. */
    return (unsigned)((left + NSEC_PER_SEC - 1) / NSEC_PER_SEC);
}

void signal_fork(struct process *child, const struct process *parent)
{
    memcpy(child->sig.actions, parent->sig.actions, sizeof child->sig.actions);
    child->sig.blocked = parent->sig.blocked;
    child->sig.pending = 0;
    child->sig.restore_saved = 0;
}

void signal_exec(struct process *p)
{
    spin_lock(&proc_lock);
    for (int sig = 1; sig < NSIG; sig++) {
        struct sigaction *a = &p->sig.actions[sig];
        /* Handlers are gone with the old program; ignored signals stay ignored. */
        if (a->sa_handler != SIG_IGN)
            *a = (struct sigaction){.sa_handler = SIG_DFL};
        a->sa_flags &= SA_NOCLDSTOP | SA_NOCLDWAIT;
    }
    spin_unlock(&proc_lock);
}

void signal_process_exit(struct process *p, int status)
{
    timer_cancel(&p->alarm);
    /* proc_lock is held by process_exit; the parent hears of the end. */
    if (status & 0x7f) /* the wait status of a process killed by a signal (uapi/wait.h) */
        notify_parent(p, CLD_KILLED, status & 0x7f);
    else
        notify_parent(p, CLD_EXITED, (status >> 8) & 0xff);
}

int signal_parent_reaps_nothing(const struct process *parent)
{
    const struct sigaction *a = &parent->sig.actions[SIGCHLD];

    return a->sa_handler == SIG_IGN || (a->sa_flags & SA_NOCLDWAIT);
}
