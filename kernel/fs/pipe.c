/*
 * pipe.c - pipes: a 64 KiB ring buffer between a read end and a write end.
 *
 * A read blocks while the pipe is empty and a writer exists; it returns 0
 * (end of file) once every write end is closed. A write blocks while the
 * pipe is full; with no read end left it fails with EPIPE and the writer
 * gets SIGPIPE. Writes of at most PIPE_BUF bytes are atomic: they wait until
 * the whole message fits. O_NONBLOCK makes both return EAGAIN instead of
 * blocking. A signal ends a blocked read or write: with nothing transferred
 * yet, the call is restarted or fails with EINTR (docs/signals.md); otherwise
 * it returns the count so far. lock guards the buffer, the counts and the ends.
 *
 * poll: the read end is readable with data waiting and hung up (POLLHUP)
 * once no writer is left; the write end is writable while PIPE_BUF bytes fit
 * and in error (POLLERR) once no reader is left. Every change of those calls
 * poll_notify() (fs/poll.h).
 */
#include <arch/i386/spinlock.h>
#include <fs/pipe.h>
#include <fs/poll.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <proc/wait.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

#define PIPE_SIZE 65536
#define PIPE_BUF 4096

struct pipe {
    struct spinlock lock;
    struct wait_queue readers_wq, writers_wq;
    uint8_t *buf;
    uint32_t head, tail; /* free-running: tail - head bytes are waiting */
    int readers, writers;
};

static long pipe_read(struct file *f, void *buf, size_t len, uint64_t *pos)
{
    struct pipe *p = f->private_data;
    size_t n = 0;

    (void)pos;
    if (len == 0)
        return 0;
    spin_lock(&p->lock);
    while (p->tail == p->head && p->writers > 0) {
        if (f->flags & O_NONBLOCK) {
            spin_unlock(&p->lock);
            return -EAGAIN;
        }
        if (wait_sleep_intr(&p->readers_wq, &p->lock, 0) == -EINTR) {
            spin_unlock(&p->lock);
            return -ERESTARTSYS;
        }
    }
    while (n < len && p->head != p->tail) {
        ((uint8_t *)buf)[n++] = p->buf[p->head % PIPE_SIZE];
        p->head++;
    }
    spin_unlock(&p->lock);
    wait_wake_all(&p->writers_wq);
    poll_notify();
    return (long)n;
}

static long pipe_write(struct file *f, const void *buf, size_t len, uint64_t *pos)
{
    struct pipe *p = f->private_data;
    size_t n = 0;

    (void)pos;
    spin_lock(&p->lock);
    while (n < len) {
        uint32_t room = PIPE_SIZE - (p->tail - p->head);
        size_t need = len - n <= PIPE_BUF ? len - n : 1; /* small writes go in whole */
        if (p->readers == 0) {
            spin_unlock(&p->lock);
            if (n)
                return (long)n;
            signal_send(current_process()->pid, SIGPIPE, NULL);
            return -EPIPE;
        }
        if (room < need) {
            if (f->flags & O_NONBLOCK) {
                spin_unlock(&p->lock);
                return n ? (long)n : -EAGAIN;
            }
            if (wait_sleep_intr(&p->writers_wq, &p->lock, 0) == -EINTR) {
                spin_unlock(&p->lock);
                return n ? (long)n : -ERESTARTSYS;
            }
            continue;
        }
        while (n < len && p->tail - p->head < PIPE_SIZE) {
            p->buf[p->tail % PIPE_SIZE] = ((const uint8_t *)buf)[n++];
            p->tail++;
        }
        wait_wake_all(&p->readers_wq);
        poll_notify();
    }
    spin_unlock(&p->lock);
    return (long)n;
}

static void pipe_release(struct file *f)
{
    struct pipe *p = f->private_data;
    int gone;

    spin_lock(&p->lock);
    if ((f->flags & O_ACCMODE) == O_RDONLY)
        p->readers--;
    else
        p->writers--;
    gone = p->readers == 0 && p->writers == 0;
    /*
     * Wake the other end while holding the lock: once it is released, the
     * other end's release (on another CPU) may find both counts zero and
     * free the pipe under us.
     */
    wait_wake_all(&p->readers_wq);
    wait_wake_all(&p->writers_wq);
    spin_unlock(&p->lock);
    poll_notify();
    if (gone) {
        kfree(p->buf);
        kfree(p);
    }
}

static unsigned pipe_poll(struct file *f)
{
    struct pipe *p = f->private_data;
    unsigned mask = 0;

    spin_lock(&p->lock);
    if ((f->flags & O_ACCMODE) == O_RDONLY) {
        if (p->tail != p->head)
            mask |= POLLIN | POLLRDNORM;
        if (p->writers == 0)
            mask |= POLLHUP;
    } else {
        if (PIPE_SIZE - (p->tail - p->head) >= PIPE_BUF)
            mask |= POLLOUT | POLLWRNORM;
        if (p->readers == 0)
            mask |= POLLERR;
    }
    spin_unlock(&p->lock);
    return mask;
}

static const struct file_ops pipe_fops = {
    .read = pipe_read, .write = pipe_write, .release = pipe_release, .poll = pipe_poll};

/* Pipes have no file system: their inodes are anonymous, of this super block. */
static struct super_block pipe_sb;
static const struct super_ops pipe_sops;

int pipe_create(struct file **read_end, struct file **write_end)
{
    struct pipe *p = kzalloc(sizeof *p);
    struct inode *inode = inode_new(&pipe_sb, 0);
    int err;

    if (!p || !inode || !(p->buf = kmalloc(PIPE_SIZE))) {
        if (p)
            kfree(p->buf);
        kfree(p);
        kfree(inode);
        return -ENOMEM;
    }
    pipe_sb.ops = &pipe_sops;
    p->lock = (struct spinlock)SPINLOCK_INIT("pipe");
    p->readers = p->writers = 1;
    inode->mode = S_IFIFO | 0600;
    inode->nlink = 1;
    inode->fops = &pipe_fops;
    inode->atime = inode->mtime = inode->ctime = vfs_now();
    *read_end = file_open_inode(inode, O_RDONLY, &err);
    if (*read_end)
        (*read_end)->private_data = p;
    *write_end = *read_end ? file_open_inode(inode, O_WRONLY, &err) : NULL;
    iput(inode); /* the files hold it now */
    if (!*write_end) {
        if (*read_end) {
            p->writers = 0;
            file_put(*read_end); /* frees the pipe with its last end */
        } else {
            kfree(p->buf);
            kfree(p);
        }
        return -ENOMEM;
    }
    (*write_end)->private_data = p;
    return 0;
}
