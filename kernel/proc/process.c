/*
 * process.c - the process tree: creating process 1, fork, exit, wait, and the
 * file-descriptor table.
 *
 * fork copies the parent's trap frame to the top of the child's kernel stack
 * (with eax = 0, the child's return value) and starts the child there, so the
 * child "returns" from the same system call. Everything that can fail
 * (memory, the address-space copy) happens before the point of no return,
 * after which the child is linked in and started.
 *
 * exit releases the files and the address space at once and leaves a zombie
 * (pid and status) for the parent's wait; children of an exiting process
 * are adopted by process 1.
 */
#include <arch/i386/lock_order.h>
#include <arch/i386/cpu.h>
#include <arch/i386/memlayout.h>
#include <arch/i386/paging.h>
#include <arch/i386/trap.h>
#include <clock.h>
#include <lib/kprintf.h>
#include <lib/panic.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/exec.h>
#include <proc/proc_internal.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <proc/task.h>
#include <proc/task_switch.h>
#include <string.h>
#include <uapi/errno.h>

#define PID_MAX 32767
/*
 * Fork fails with EAGAIN past these limits, so that a fork storm cannot eat
 * the kernel's memory: processes in all (zombies included), and processes of
 * one real uid other than root.
 */
#define PROC_LIMIT 1024
#define PROC_LIMIT_PER_USER 256

struct spinlock proc_lock = SPINLOCK_INIT_RANKED("proc", RANK_PROC);
struct process *all_procs;
static struct process *init_proc;
static int last_pid;
static volatile int init_exited;

int process_init_exited(void)
{
    return init_exited;
}

void user_enter(struct trap_frame *tf) __attribute__((noreturn));

struct process *current_process(void)
{
    struct task *t = current_task();

    return t ? t->proc : NULL;
}

void process_path_ctx(struct process *p, struct path_ctx *ctx, struct cred *cred)
{
    *cred = p->cred;
    cred->uid = p->euid;
    cred->gid = p->egid;
    ctx->root = p->root;
    ctx->cwd = p->cwd;
    ctx->cred = cred;
}

/* A free pid; proc_lock held. */
static int alloc_pid(void)
{
    for (int tries = 0; tries < PID_MAX; tries++) {
        int pid = last_pid >= PID_MAX ? 2 : last_pid + 1, used = 0;
        last_pid = pid;
        for (struct process *p = all_procs; p && !used; p = p->next)
            used = p->pid == pid || p->pgid == pid || p->sid == pid;
        if (!used)
            return pid;
    }
    return -EAGAIN;
}

/* May uid have one more process? proc_lock held. */
static int fork_allowed(uint32_t uid)
{
    int all = 0, mine = 0;

    for (struct process *p = all_procs; p; p = p->next) {
        all++;
        mine += p->cred.uid == uid;
    }
    return all < PROC_LIMIT && (uid == 0 || mine < PROC_LIMIT_PER_USER);
}

static struct process *proc_alloc(void)
{
    struct process *p = kzalloc(sizeof *p);

    if (!p)
        return NULL;
    p->fds.lock = (struct spinlock)SPINLOCK_INIT("fd_table");
    p->child_exit = (struct wait_queue)WAIT_QUEUE_INIT;
    p->stop_wq = (struct wait_queue)WAIT_QUEUE_INIT;
    p->state = PROC_ALIVE;
    p->umask = 022;
    p->start_ns = clock_monotonic_ns();
    return p;
}

/* Free a process nothing refers to any more. */
static void proc_free(struct process *p)
{
    kfree(p->cmdline);
    kfree(p);
}

void process_set_cmdline(struct process *p, char *cmdline, uint32_t len)
{
    char *old;

    spin_lock(&proc_lock); /* /proc readers copy other processes' lists */
    old = p->cmdline;
    p->cmdline = cmdline;
    p->cmdline_len = cmdline ? len : 0;
    spin_unlock(&proc_lock);
    kfree(old);
}

void process_set_vm(struct process *p, struct vm_space *vm)
{
    spin_lock(&proc_lock); /* the out-of-memory killer reads other processes' spaces */
    p->vm = vm;
    spin_unlock(&proc_lock);
}

int fd_install(struct process *p, struct file *f, int min_fd, int cloexec)
{
    int fd = -EMFILE;

    if (min_fd < 0 || min_fd >= FD_MAX)
        return -EINVAL;
    spin_lock(&p->fds.lock);
    for (int i = min_fd; i < FD_MAX; i++) {
        if (!p->fds.files[i]) {
            p->fds.files[i] = f;
            p->fds.cloexec[i] = (uint8_t)(cloexec != 0);
            fd = i;
            break;
        }
    }
    spin_unlock(&p->fds.lock);
    return fd;
}

struct file *fd_get(struct process *p, int fd)
{
    struct file *f = NULL;

    if (fd < 0 || fd >= FD_MAX)
        return NULL;
    spin_lock(&p->fds.lock);
    f = p->fds.files[fd];
    if (f)
        file_ref(f);
    spin_unlock(&p->fds.lock);
    return f;
}

int fd_close(struct process *p, int fd)
{
    struct file *f;

    if (fd < 0 || fd >= FD_MAX)
        return -EBADF;
    spin_lock(&p->fds.lock);
    f = p->fds.files[fd];
    p->fds.files[fd] = NULL;
    p->fds.cloexec[fd] = 0;
    spin_unlock(&p->fds.lock);
    if (!f)
        return -EBADF;
    file_put(f);
    return 0;
}

void fd_close_on_exec(struct process *p)
{
    for (int fd = 0; fd < FD_MAX; fd++)
        if (p->fds.files[fd] && p->fds.cloexec[fd])
            fd_close(p, fd);
}

struct init_args {
    const char *path;
    const char *arg;
};

static void init_thread(void *opaque)
{
    struct init_args *a = opaque;
    struct process *p = proc_alloc();
    struct task *t = current_task();
    const char *argv[3] = {a->path, a->arg, NULL};
    const char *envp[] = {"PATH=/bin", "HOME=/", NULL};
    struct path_ctx ctx = {NULL, NULL, &cred_root};
    struct file *console;
    int err;

    if (!p)
        panic("init: out of memory");
    spin_lock(&proc_lock);
    p->pid = p->pgid = p->sid = 1;
    last_pid = 1;
    p->next = all_procs;
    all_procs = p;
    init_proc = p;
    spin_unlock(&proc_lock);
    strlcpy(p->name, "init", sizeof p->name);
    p->task = t;
    p->root = vfs_root_inode_ref();
    p->cwd = vfs_root_inode_ref();
    p->cred = cred_root;
    t->proc = p;
    /* Descriptors 0, 1 and 2: the console. */
    if (vfs_open("/dev/console", O_RDWR, 0, &ctx, &console) == 0) {
        fd_install(p, console, 0, 0);
        file_ref(console);
        fd_install(p, console, 1, 0);
        file_ref(console);
        fd_install(p, console, 2, 0);
    }
    err = exec_kernel(a->path, argv[1] ? argv : (const char *[]){a->path, NULL}, envp);
    if (err < 0) {
        kprintf("init: cannot run %s (error %d)\n", a->path, err);
        process_exit(W_EXITCODE(127, 0));
    }
    user_enter((struct trap_frame *)((uint8_t *)task_stack_top(t) - sizeof(struct trap_frame)));
}

int process_start_init(const char *path, const char *arg)
{
    static struct init_args args;
    struct task *t;

    args.path = path;
    args.arg = arg;
    t = task_create("init", init_thread, &args, sizeof(struct trap_frame));
    if (!t)
        return -ENOMEM;
    task_start(t);
    return 0;
}

static void fork_child_start(void *tf)
{
    user_enter(tf);
}

int process_fork(struct trap_frame *tf)
{
    struct process *parent = current_process(), *child;
    struct trap_frame *ctf;
    struct task *t;
    int pid;

    child = proc_alloc();
    if (!child)
        return -ENOMEM;
    child->vm = vm_clone(parent->vm);
    t = task_create(parent->name, fork_child_start, NULL, sizeof *tf);
    /* Only the parent itself changes its argument list (exec): no lock to read it. */
    if (parent->cmdline && (child->cmdline = kmalloc(parent->cmdline_len + 1)) != NULL) {
        memcpy(child->cmdline, parent->cmdline, parent->cmdline_len);
        child->cmdline_len = parent->cmdline_len;
    }
    if (!child->vm || !t || fpu_task_init(t) < 0 || (parent->cmdline && !child->cmdline)) {
        if (child->vm)
            vm_destroy(child->vm);
        if (t)
            task_destroy_unstarted(t);
        proc_free(child);
        return -ENOMEM;
    }
    /* The child's FPU registers are the parent's at the moment of fork. */
    fpu_copy_current(t);
    ctf = (struct trap_frame *)((uint8_t *)task_stack_top(t) - sizeof *tf);
    *ctf = *tf;
    ctf->eax = 0;
    t->arg = ctf;
    t->nice = current_task()->nice;

    spin_lock(&parent->fds.lock);
    for (int fd = 0; fd < FD_MAX; fd++) {
        child->fds.files[fd] = parent->fds.files[fd];
        child->fds.cloexec[fd] = parent->fds.cloexec[fd];
        if (child->fds.files[fd])
            file_ref(child->fds.files[fd]);
    }
    spin_unlock(&parent->fds.lock);
    child->cwd = parent->cwd;
    iref(child->cwd);
    child->root = parent->root;
    iref(child->root);
    child->cred = parent->cred;
    child->euid = parent->euid;
    child->egid = parent->egid;
    child->umask = parent->umask;
    child->ctty = parent->ctty;
    signal_fork(child, parent);
    strlcpy(child->name, parent->name, sizeof child->name);
    child->task = t;
    t->proc = child;
    t->vm = child->vm;

    spin_lock(&proc_lock);
    pid = fork_allowed(child->cred.uid) ? alloc_pid() : -EAGAIN;
    if (pid < 0) {
        spin_unlock(&proc_lock);
        child->task = NULL;
        t->proc = NULL;
        /* Undo: nothing else knows the child yet. */
        for (int fd = 0; fd < FD_MAX; fd++)
            if (child->fds.files[fd])
                file_put(child->fds.files[fd]);
        iput(child->cwd);
        iput(child->root);
        vm_destroy(child->vm);
        task_destroy_unstarted(t);
        proc_free(child);
        return pid;
    }
    child->pid = pid;
    child->pgid = parent->pgid;
    child->sid = parent->sid;
    child->parent = parent;
    child->next_sibling = parent->children;
    parent->children = child;
    child->next = all_procs;
    all_procs = child;
    spin_unlock(&proc_lock);
    task_start(t);
    return pid;
}

/* Unlink zombie c from the process list (its parent's child list is the caller's); proc_lock held. */
static void unlink_from_all(struct process *c)
{
    struct process **ap;

    for (ap = &all_procs; *ap && *ap != c; ap = &(*ap)->next)
        ;
    if (*ap)
        *ap = c->next;
}

static void unlink_child(struct process *parent, struct process *c)
{
    struct process **cp;

    for (cp = &parent->children; *cp && *cp != c; cp = &(*cp)->next_sibling)
        ;
    if (*cp)
        *cp = c->next_sibling;
}

void process_exit(int status)
{
    struct process *p = current_process();
    struct task *t = current_task();
    struct process *c;
    int reap_now = 0;

    for (int fd = 0; fd < FD_MAX; fd++)
        if (p->fds.files[fd])
            fd_close(p, fd);
    iput(p->cwd);
    iput(p->root);
    p->cwd = p->root = NULL;
    if (p->vm) {
        struct vm_space *vm = p->vm;
        vm_deactivate();
        process_set_vm(p, NULL);
        vm_destroy(vm);
    }

    spin_lock(&proc_lock);
    if (p == init_proc) {
        kprintf("init exited with status %d\n", status);
        init_exited = 1;
    }
    /* Orphans go to init; if any is already a zombie, init must hear of it. */
    while ((c = p->children) != NULL) {
        p->children = c->next_sibling;
        c->parent = init_proc;
        c->next_sibling = init_proc->children;
        init_proc->children = c;
    }
    wait_wake_all(&init_proc->child_exit);
    p->exit_status = status;
    p->state = PROC_ZOMBIE;
    p->stopped = 0;
    p->utime = t->user_ticks;
    p->stime = t->ticks - t->user_ticks;
    p->task = NULL;
    t->proc = NULL;
    signal_process_exit(p, status);
    /* A parent that ignores SIGCHLD gets no zombies: the child goes at once. */
    if (p->parent && p->parent != p && signal_parent_reaps_nothing(p->parent)) {
        unlink_child(p->parent, p);
        unlink_from_all(p);
        reap_now = 1;
    }
    spin_unlock(&proc_lock);
    if (reap_now)
        proc_free(p);
    task_exit();
}

static int matches(struct process *parent, struct process *c, int pid)
{
    if (pid > 0)
        return c->pid == pid;
    if (pid == 0)
        return c->pgid == parent->pgid;
    if (pid < -1)
        return c->pgid == -pid;
    return 1;
}

/*
 * What wait4 would report about child c, or 0 for nothing; proc_lock held.
 * A zombie is reaped by the caller; a stop or continue is reported once.
 */
static int wait_event(struct process *c, int options, int *status)
{
    if (c->state == PROC_ZOMBIE) {
        *status = c->exit_status;
        return 1;
    }
    if ((options & WUNTRACED) && c->stopped && c->stop_report) {
        c->stop_report = 0;
        *status = W_STOPCODE(c->stop_sig);
        return 2;
    }
    if ((options & WCONTINUED) && c->cont_report) {
        c->cont_report = 0;
        *status = W_CONTINUED;
        return 2;
    }
    return 0;
}

int process_wait(int pid, int *status, int options)
{
    struct process *p = current_process();

    spin_lock(&proc_lock);
    for (;;) {
        int have = 0;
        for (struct process *c = p->children; c; c = c->next_sibling) {
            int cpid = c->pid, what;
            if (!matches(p, c, pid))
                continue;
            have = 1;
            what = wait_event(c, options, status);
            if (!what)
                continue;
            if (what == 1) {
                unlink_child(p, c);
                unlink_from_all(c);
                p->child_utime += c->utime + c->child_utime;
                p->child_stime += c->stime + c->child_stime;
            }
            spin_unlock(&proc_lock);
            if (what == 1)
                proc_free(c);
            return cpid;
        }
        if (!have) {
            spin_unlock(&proc_lock);
            return -ECHILD;
        }
        if (options & WNOHANG) {
            spin_unlock(&proc_lock);
            return 0;
        }
        if (wait_sleep_intr(&p->child_exit, &proc_lock, 0) == -EINTR) {
            spin_unlock(&proc_lock);
            return -ERESTARTSYS;
        }
    }
}

struct process *process_find_locked(int pid)
{
    for (struct process *p = all_procs; p; p = p->next)
        if (p->pid == pid && p->state == PROC_ALIVE)
            return p;
    return NULL;
}

int process_pgrp_in_session(int pgid, int sid)
{
    int found = 0;

    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p && !found; p = p->next)
        found = p->pgid == pgid && p->sid == sid && p->state == PROC_ALIVE;
    spin_unlock(&proc_lock);
    return found;
}

int process_acquire_ctty(struct process *p, struct tty *tty)
{
    int got = 0;

    spin_lock(&proc_lock);
    if (p->sid == p->pid && !p->ctty) {
        for (struct process *q = all_procs; q; q = q->next)
            if (q->sid == p->sid)
                q->ctty = tty;
        got = 1;
    }
    spin_unlock(&proc_lock);
    return got;
}

void process_drop_ctty(struct process *p)
{
    spin_lock(&proc_lock);
    p->ctty = NULL;
    spin_unlock(&proc_lock);
}

void process_release_ctty(struct tty *tty)
{
    spin_lock(&proc_lock);
    for (struct process *q = all_procs; q; q = q->next)
        if (q->ctty == tty)
            q->ctty = NULL;
    spin_unlock(&proc_lock);
}

int process_getsid(int pid)
{
    struct process *p;
    int sid = -ESRCH;

    spin_lock(&proc_lock);
    p = pid ? process_find_locked(pid) : current_process();
    if (p)
        sid = p->sid;
    spin_unlock(&proc_lock);
    return sid;
}

/* A new session and process group led by the caller; EPERM if it already leads a group. */
int process_setsid(void)
{
    struct process *self = current_process();
    int err = 0;

    spin_lock(&proc_lock);
    for (struct process *p = all_procs; p; p = p->next)
        if (p->pgid == self->pid && p->state == PROC_ALIVE)
            err = -EPERM;
    if (!err) {
        self->sid = self->pgid = self->pid;
        self->ctty = NULL; /* a new session starts without a terminal */
        err = self->pid;
    }
    spin_unlock(&proc_lock);
    return err;
}

/*
 * Move process pid (0: the caller; it must be the caller or one of its
 * children, in the caller's session and not a session leader) into process
 * group pgid (0: its own pid), which must be its own pid or an existing group
 * of the same session.
 */
int process_setpgid(int pid, int pgid)
{
    struct process *self = current_process(), *t;
    int err = 0;

    if (pgid < 0)
        return -EINVAL;
    spin_lock(&proc_lock);
    t = pid ? process_find_locked(pid) : self;
    if (!t || (t != self && t->parent != self))
        err = -ESRCH;
    else if (t->sid != self->sid || t->sid == t->pid)
        err = -EPERM;
    else {
        if (pgid == 0)
            pgid = t->pid;
        if (pgid != t->pid) {
            int found = 0;
            for (struct process *p = all_procs; p && !found; p = p->next)
                found = p->pgid == pgid && p->sid == self->sid && p->state == PROC_ALIVE;
            if (!found)
                err = -EPERM;
        }
        if (!err)
            t->pgid = pgid;
    }
    spin_unlock(&proc_lock);
    return err;
}
