/*
 * poll.c - the poll and select system calls, and poll_notify (fs/poll.h).
 *
 * Both calls take a reference on each file once, then loop: read the
 * generation counter, ask every file for its ready mask (file_ops.poll),
 * and, with nothing ready, sleep on the global poll queue unless the
 * generation moved since it was read. poll_notify() bumps the generation
 * and wakes the queue, both under poll_lock, and the sleeper checks the
 * generation and queues itself under the same lock, so a change that
 * happens after a file was asked always either shows in the generation or
 * wakes the sleeper. A wakeup means "something changed somewhere": the
 * caller scans its files again, and sleeps again if none of its own is ready.
 *
 * The cost: every change of any pollable object wakes every sleeping poller,
 * which rescans all its files (O(pollers x files) per change). With few
 * pollers, as today, that is cheap; poll_notify() itself costs one lock
 * when nobody polls. A signal ends the sleep with EINTR (never restarted);
 * the deadline is on the monotonic clock.
 *
 * poll_lock (spinlock) guards poll_gen; the queue's list is sched_lock's.
 * Order: an object's lock may be held when calling poll_notify (poll_lock
 * after it), then sched_lock.
 */
#include <arch/i386/lock_order.h>
#include <clock.h>
#include <fs/poll.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <proc/wait.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/select.h>
#include <uapi/time.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e
/* poll() accepts at most this many entries (negative and repeated fds included). */
#define POLL_NFDS_MAX FD_SETSIZE
/* What select counts as readable, writable and exceptional (as Linux does). */
#define SELECT_IN (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define SELECT_OUT (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define SELECT_EX POLLPRI
#define USEC_PER_SEC 1000000
#define NSEC_PER_USEC 1000

static struct spinlock poll_lock = SPINLOCK_INIT_RANKED("poll", RANK_LEAF);
static struct wait_queue poll_wq = WAIT_QUEUE_INIT;
static uint32_t poll_gen; /* guarded by poll_lock */

void poll_notify(void)
{
    int sleepers;

    spin_lock(&poll_lock);
    poll_gen++;
    /*
     * A poller queues itself while holding poll_lock, so holding it here we
     * see every poller that checked the old generation. One that was just
     * woken by someone else may still look queued: a spare wakeup, harmless.
     */
    sleepers = __atomic_load_n(&poll_wq.head, __ATOMIC_RELAXED) != NULL;
    spin_unlock(&poll_lock);
    if (sleepers)
        wait_wake_all(&poll_wq);
}

static uint32_t poll_generation(void)
{
    uint32_t gen;

    spin_lock(&poll_lock);
    gen = poll_gen;
    spin_unlock(&poll_lock);
    return gen;
}

/*
 * Sleep until poll_notify() runs after gen was read (at once if it already
 * has), the deadline passes (0: none) or a signal arrives. 0, -ETIMEDOUT or
 * -EINTR.
 */
static int poll_sleep(uint32_t gen, uint64_t deadline)
{
    uint64_t timeout = 0, now;
    int r = 0;

    spin_lock(&poll_lock);
    if (poll_gen == gen) {
        if (deadline) {
            now = clock_monotonic_ns();
            timeout = deadline > now ? deadline - now : 0;
        }
        r = deadline && timeout == 0 ? -ETIMEDOUT : wait_sleep_intr(&poll_wq, &poll_lock, timeout);
    }
    spin_unlock(&poll_lock);
    return r;
}

/* The ready mask of f; files without a poll op are always readable and writable. */
static unsigned file_poll(struct file *f)
{
    if (f->ops && f->ops->poll)
        return f->ops->poll(f);
    return POLLIN | POLLRDNORM | POLLOUT | POLLWRNORM;
}

/*
 * The loop both calls share: scan(ctx) returns how many things are ready
 * (or -errno). timeout_ns is ignored when forever. Returns scan's count, 0
 * when the time ran out, or -EINTR.
 */
static long poll_loop(int (*scan)(void *ctx), void *ctx, int forever, uint64_t timeout_ns,
                      uint64_t *left_ns)
{
    uint64_t deadline = 0, now;
    long n;

    if (!forever && timeout_ns)
        deadline = clock_monotonic_ns() + timeout_ns;
    for (;;) {
        uint32_t gen = poll_generation();
        int r;
        n = scan(ctx);
        if (n != 0 || (!forever && timeout_ns == 0))
            break;
        r = poll_sleep(gen, deadline);
        if (r == -EINTR) {
            n = -EINTR;
            break;
        }
        if (r == -ETIMEDOUT) {
            n = scan(ctx); /* a last look: whatever is ready now counts */
            break;
        }
    }
    if (left_ns) {
        now = clock_monotonic_ns();
        *left_ns = deadline > now ? deadline - now : 0;
    }
    return n;
}

/* ---- poll ---- */

struct poll_ctx {
    struct pollfd *fds;
    struct file **files; /* referenced; NULL for a negative or closed fd */
    uint32_t nfds;
};

static int poll_scan(void *opaque)
{
    struct poll_ctx *pc = opaque;
    int ready = 0;

    for (uint32_t i = 0; i < pc->nfds; i++) {
        struct pollfd *p = &pc->fds[i];
        unsigned m = 0;
        if (p->fd < 0)
            m = 0;
        else if (!pc->files[i])
            m = POLLNVAL;
        else
            m = file_poll(pc->files[i]) & ((unsigned)(uint16_t)p->events | POLLERR | POLLHUP);
        p->revents = (short)m;
        ready += m != 0;
    }
    return ready;
}

/* poll(struct pollfd *fds, nfds, timeout in ms: negative waits forever). */
SYSCALL_DECL(poll)
{
    struct poll_ctx pc = {NULL, NULL, b};
    int timeout_ms = (int)c;
    long r;

    UNUSED_ARGS;
    if (b > POLL_NFDS_MAX)
        return -EINVAL;
    pc.fds = kmalloc(b ? b * sizeof *pc.fds : 1);
    pc.files = kzalloc(b ? b * sizeof *pc.files : 1);
    if (!pc.fds || !pc.files) {
        r = -ENOMEM;
        goto out;
    }
    if (copy_from_user(pc.fds, (const void *)a, b * sizeof *pc.fds) < 0) {
        r = -EFAULT;
        goto out;
    }
    for (uint32_t i = 0; i < b; i++)
        if (pc.fds[i].fd >= 0)
            pc.files[i] = fd_get(current_process(), pc.fds[i].fd);
    r = poll_loop(poll_scan, &pc, timeout_ms < 0, (uint64_t)timeout_ms * NSEC_PER_MSEC, NULL);
    if (r >= 0 && copy_to_user((void *)a, pc.fds, b * sizeof *pc.fds) < 0)
        r = -EFAULT;
out:
    if (pc.files)
        for (uint32_t i = 0; i < b; i++)
            if (pc.files[i])
                file_put(pc.files[i]);
    kfree(pc.fds);
    kfree(pc.files);
    return r;
}

/* ---- select ---- */

enum { SET_IN, SET_OUT, SET_EX, NSETS };

struct select_ctx {
    fd_set in[NSETS];  /* what the caller asked */
    fd_set out[NSETS]; /* what is ready */
    struct file *files[FD_MAX];
    int nfds;
};

static int fd_isset(const fd_set *s, int fd)
{
    return (s->fds_bits[fd / NFDBITS] >> (fd % NFDBITS)) & 1;
}

static void fd_set_bit(fd_set *s, int fd)
{
    s->fds_bits[fd / NFDBITS] |= 1u << (fd % NFDBITS);
}

static int select_scan(void *opaque)
{
    static const unsigned want[NSETS] = {SELECT_IN, SELECT_OUT, SELECT_EX};
    struct select_ctx *sc = opaque;
    int ready = 0;

    memset(sc->out, 0, sizeof sc->out);
    for (int fd = 0; fd < sc->nfds && fd < FD_MAX; fd++) {
        unsigned m;
        if (!sc->files[fd])
            continue;
        m = file_poll(sc->files[fd]);
        for (int s = 0; s < NSETS; s++) {
            if (fd_isset(&sc->in[s], fd) && (m & want[s])) {
                fd_set_bit(&sc->out[s], fd);
                ready++;
            }
        }
    }
    return ready;
}

/*
 * Read the timeout: 0 and *forever for NULL, -EINVAL for negative values or
 * microseconds out of range. Very long timeouts are forever.
 */
static int select_timeout(uint32_t utv, struct timeval *tv, int *forever, uint64_t *ns)
{
    *forever = utv == 0;
    *ns = 0;
    if (!utv)
        return 0;
    if (copy_from_user(tv, (const void *)utv, sizeof *tv) < 0)
        return -EFAULT;
    if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= USEC_PER_SEC)
        return -EINVAL;
    if (tv->tv_sec > (int64_t)(UINT64_MAX / NSEC_PER_SEC / 2))
        *forever = 1;
    else
        *ns = (uint64_t)tv->tv_sec * NSEC_PER_SEC + (uint64_t)tv->tv_usec * NSEC_PER_USEC;
    return 0;
}

/*
 * select(nfds, fd_set *in, fd_set *out, fd_set *ex, struct timeval *timeout).
 * Only the 32-bit words covering the first nfds descriptors are read and
 * written. The timeout, when given, is updated with the time left, as on
 * Linux (also when a signal interrupted the call).
 */
SYSCALL_DECL(select)
{
    const uint32_t uset[NSETS] = {b, c, d};
    struct select_ctx *sc;
    struct timeval tv = {0};
    uint64_t timeout_ns, left_ns;
    uint32_t bytes;
    int forever;
    long r;

    UNUSED_ARGS;
    if ((int)a < 0 || (int)a > FD_SETSIZE)
        return -EINVAL;
    if ((r = select_timeout(e, &tv, &forever, &timeout_ns)) < 0)
        return r;
    sc = kzalloc(sizeof *sc);
    if (!sc)
        return -ENOMEM;
    sc->nfds = (int)a;
    bytes = (a + NFDBITS - 1) / NFDBITS * sizeof(uint32_t);
    for (int s = 0; s < NSETS; s++) {
        if (uset[s] && copy_from_user(&sc->in[s], (const void *)uset[s], bytes) < 0) {
            r = -EFAULT;
            goto out;
        }
    }
    for (int fd = 0; fd < sc->nfds; fd++) {
        if (!fd_isset(&sc->in[SET_IN], fd) && !fd_isset(&sc->in[SET_OUT], fd) &&
            !fd_isset(&sc->in[SET_EX], fd))
            continue;
        if (fd >= FD_MAX || !(sc->files[fd] = fd_get(current_process(), fd))) {
            r = -EBADF;
            goto out;
        }
    }
    r = poll_loop(select_scan, sc, forever, timeout_ns, &left_ns);
    for (int s = 0; r >= 0 && s < NSETS; s++)
        if (uset[s] && copy_to_user((void *)uset[s], &sc->out[s], bytes) < 0)
            r = -EFAULT;
    if (e && !forever && (r >= 0 || r == -EINTR)) {
        /* A timeout in read-only memory is not an error once the call has worked. */
        tv.tv_sec = (int64_t)(left_ns / NSEC_PER_SEC);
        tv.tv_usec = (int32_t)(left_ns % NSEC_PER_SEC / NSEC_PER_USEC);
        (void)copy_to_user((void *)e, &tv, sizeof tv);
    }
out:
    for (int fd = 0; fd < FD_MAX; fd++)
        if (sc->files[fd])
            file_put(sc->files[fd]);
    kfree(sc);
    return r;
}
