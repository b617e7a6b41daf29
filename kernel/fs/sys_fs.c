/*
 * sys_fs.c - the file system calls: descriptors (open, close, read, write,
 * lseek, pread, pwrite, dup, dup2, fcntl, fstat, getdents, ftruncate) and
 * names (stat, lstat, mkdir, rmdir, unlink, rename, link, symlink, readlink,
 * chdir, fchdir, getcwd, chmod, chown, lchown, truncate, access, umask, sync).
 *
 * Data moves between user memory and the VFS through a kernel bounce buffer
 * of at most IO_CHUNK bytes at a time; a bad user pointer is EFAULT (if some
 * bytes were already transferred, their count is returned, as POSIX allows).
 */
#include <fs/pipe.h>
#include <fs/vfs.h>
#include <mm/kmalloc.h>
#include <mm/vm.h>
#include <proc/process.h>
#include <string.h>
#include <syscalls.h>
#include <uapi/errno.h>

#define UNUSED_ARGS (void)tf, (void)a, (void)b, (void)c, (void)d, (void)e
#define IO_CHUNK 65536
#define F_OK 0
#define R_OK 4
#define W_OK 2
#define X_OK 1

static struct process *self(void)
{
    return current_process();
}

/* Path context of the calling process (cred lives in the caller's frame). */
#define PATH_CTX(ctx, cred)                                                                \
    struct path_ctx ctx;                                                                   \
    struct cred cred;                                                                      \
    process_path_ctx(self(), &ctx, &cred)

#define GET_PATH(var, uptr)                                                                \
    int var##_err;                                                                         \
    char *var = syscall_get_path((const char *)(uptr), &var##_err);                       \
    if (!var)                                                                              \
        return var##_err

static long transfer(int fd, uint32_t ubuf, uint32_t len, int write, int positioned,
                     uint64_t pos)
{
    struct file *f = fd_get(self(), fd);
    uint8_t *bounce;
    long done = 0, err = 0;

    if (!f)
        return -EBADF;
    if ((int32_t)len < 0 || (positioned && (int64_t)pos < 0)) {
        file_put(f);
        return -EINVAL;
    }
    bounce = kmalloc(len < IO_CHUNK ? (len ? len : 1) : IO_CHUNK);
    if (!bounce) {
        file_put(f);
        return -ENOMEM;
    }
    while ((uint32_t)done < len) {
        uint32_t n = len - (uint32_t)done < IO_CHUNK ? len - (uint32_t)done : IO_CHUNK;
        long r;
        if (write) {
            if (copy_from_user(bounce, (const void *)(ubuf + (uint32_t)done), n) < 0) {
                err = -EFAULT;
                break;
            }
            r = positioned ? vfs_pwrite(f, bounce, n, pos + (uint64_t)done)
                           : vfs_write(f, bounce, n);
        } else {
            r = positioned ? vfs_pread(f, bounce, n, pos + (uint64_t)done) : vfs_read(f, bounce, n);
            if (r > 0 && copy_to_user((void *)(ubuf + (uint32_t)done), bounce, (size_t)r) < 0) {
                err = -EFAULT;
                break;
            }
        }
        if (r < 0) {
            err = r;
            break;
        }
        done += r;
        if ((uint32_t)r < n)
            break; /* a short transfer (end of file, a terminal line): return it */
    }
    kfree(bounce);
    file_put(f);
    return done ? done : err;
}

SYSCALL_DECL(read)
{
    UNUSED_ARGS;
    return transfer((int)a, b, c, 0, 0, 0);
}

SYSCALL_DECL(write)
{
    UNUSED_ARGS;
    return transfer((int)a, b, c, 1, 0, 0);
}

SYSCALL_DECL(pread)
{
    UNUSED_ARGS;
    return transfer((int)a, b, c, 0, 1, (uint64_t)d | ((uint64_t)e << 32));
}

SYSCALL_DECL(pwrite)
{
    UNUSED_ARGS;
    return transfer((int)a, b, c, 1, 1, (uint64_t)d | ((uint64_t)e << 32));
}

SYSCALL_DECL(open)
{
    struct file *f;
    int fd, err;
    PATH_CTX(ctx, cred);
    GET_PATH(path, a);

    UNUSED_ARGS;
    err = vfs_open(path, (int)b, c & ~self()->umask & 07777, &ctx, &f);
    kfree(path);
    if (err < 0)
        return err;
    fd = fd_install(self(), f, 0, (b & O_CLOEXEC) != 0);
    if (fd < 0)
        file_put(f);
    return fd;
}

SYSCALL_DECL(close)
{
    UNUSED_ARGS;
    return fd_close(self(), (int)a);
}

/* lseek(fd, offset low, offset high, whence, uint64_t *result): the position, or -errno. */
SYSCALL_DECL(lseek)
{
    struct file *f = fd_get(self(), (int)a);
    int64_t pos;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    pos = vfs_lseek(f, (int64_t)((uint64_t)b | ((uint64_t)c << 32)), (int)d);
    file_put(f);
    if (pos < 0)
        return (long)pos;
    if (e && copy_to_user((void *)e, &pos, sizeof pos) < 0)
        return -EFAULT;
    return pos > 0x7fffffff ? (e ? 0 : -75 /* EOVERFLOW */) : (long)pos;
}

SYSCALL_DECL(dup)
{
    struct file *f = fd_get(self(), (int)a);
    int fd;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    fd = fd_install(self(), f, 0, 0);
    if (fd < 0)
        file_put(f);
    return fd;
}

SYSCALL_DECL(dup2)
{
    struct process *p = self();
    struct file *f = fd_get(p, (int)a), *old;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    if ((int)b < 0 || (int)b >= FD_MAX) {
        file_put(f);
        return -EBADF;
    }
    if (a == b) {
        file_put(f);
        return (long)b;
    }
    spin_lock(&p->fds.lock);
    old = p->fds.files[b];
    p->fds.files[b] = f;
    p->fds.cloexec[b] = 0;
    spin_unlock(&p->fds.lock);
    if (old)
        file_put(old);
    return (long)b;
}

SYSCALL_DECL(fcntl)
{
    struct process *p = self();
    struct file *f = fd_get(p, (int)a);
    long r = 0;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    switch (b) {
    case F_DUPFD:
        file_ref(f);
        r = fd_install(p, f, (int)c, 0);
        if (r < 0)
            file_put(f);
        break;
    case F_GETFD:
        r = p->fds.cloexec[a] ? FD_CLOEXEC : 0;
        break;
    case F_SETFD:
        p->fds.cloexec[a] = (c & FD_CLOEXEC) != 0;
        break;
    case F_GETFL:
        r = f->flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
        break;
    case F_SETFL:
        f->flags = (f->flags & ~(uint32_t)(O_APPEND | O_NONBLOCK)) | (c & (O_APPEND | O_NONBLOCK));
        break;
    default:
        r = -EINVAL;
    }
    file_put(f);
    return r;
}

SYSCALL_DECL(fstat)
{
    struct file *f = fd_get(self(), (int)a);
    struct stat st;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    vfs_fill_stat(f->inode, &st);
    file_put(f);
    return copy_to_user((void *)b, &st, sizeof st) < 0 ? -EFAULT : 0;
}

static long do_stat(uint32_t upath, uint32_t ust, int follow)
{
    struct stat st;
    int err;
    PATH_CTX(ctx, cred);
    GET_PATH(path, upath);

    err = vfs_stat(path, &st, follow, &ctx);
    kfree(path);
    if (err < 0)
        return err;
    return copy_to_user((void *)ust, &st, sizeof st) < 0 ? -EFAULT : 0;
}

SYSCALL_DECL(stat)
{
    UNUSED_ARGS;
    return do_stat(a, b, 1);
}

SYSCALL_DECL(lstat)
{
    UNUSED_ARGS;
    return do_stat(a, b, 0);
}

SYSCALL_DECL(getdents)
{
    struct file *f = fd_get(self(), (int)a);
    uint8_t *buf;
    long n;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    if (c > IO_CHUNK)
        c = IO_CHUNK;
    buf = kmalloc(c ? c : 1);
    if (!buf) {
        file_put(f);
        return -ENOMEM;
    }
    n = vfs_getdents(f, buf, c);
    if (n > 0 && copy_to_user((void *)b, buf, (size_t)n) < 0)
        n = -EFAULT;
    kfree(buf);
    file_put(f);
    return n;
}

/* One-path calls that return only a status. */
#define PATH_CALL(name, expr)                                                              \
    SYSCALL_DECL(name)                                                                     \
    {                                                                                      \
        int err;                                                                           \
        PATH_CTX(ctx, cred);                                                               \
        GET_PATH(path, a);                                                                 \
        UNUSED_ARGS;                                                                       \
        err = (expr);                                                                      \
        kfree(path);                                                                       \
        return err;                                                                        \
    }

PATH_CALL(mkdir, vfs_mkdir(path, b & ~self()->umask & 07777, &ctx))
PATH_CALL(rmdir, vfs_rmdir(path, &ctx))
PATH_CALL(unlink, vfs_unlink(path, &ctx))
PATH_CALL(chmod, vfs_chmod(path, b, &ctx))
PATH_CALL(chown, vfs_chown(path, b, c, 1, &ctx))
PATH_CALL(lchown, vfs_chown(path, b, c, 0, &ctx))

/* Two-path calls. */
#define TWO_PATH_CALL(name, fn)                                                            \
    SYSCALL_DECL(name)                                                                     \
    {                                                                                      \
        int err;                                                                           \
        char *second;                                                                      \
        PATH_CTX(ctx, cred);                                                               \
        GET_PATH(first, a);                                                                \
        UNUSED_ARGS;                                                                       \
        second = syscall_get_path((const char *)b, &err);                                  \
        if (second) {                                                                      \
            err = fn(first, second, &ctx);                                                 \
            kfree(second);                                                                 \
        }                                                                                  \
        kfree(first);                                                                      \
        return err;                                                                        \
    }

TWO_PATH_CALL(rename, vfs_rename)
TWO_PATH_CALL(link, vfs_link)
TWO_PATH_CALL(symlink, vfs_symlink)

SYSCALL_DECL(readlink)
{
    char *buf;
    int n;
    PATH_CTX(ctx, cred);
    GET_PATH(path, a);

    UNUSED_ARGS;
    if ((int32_t)c <= 0) {
        kfree(path);
        return -EINVAL;
    }
    buf = kmalloc(PATH_MAX);
    if (!buf) {
        kfree(path);
        return -ENOMEM;
    }
    n = vfs_readlink(path, buf, c < PATH_MAX ? c : PATH_MAX, &ctx);
    if (n > 0 && copy_to_user((void *)b, buf, (size_t)n) < 0)
        n = -EFAULT;
    kfree(buf);
    kfree(path);
    return n;
}

static long change_dir(struct inode *dir, const struct cred *cred)
{
    struct process *p = self();
    struct inode *old;
    int err;

    if (!S_ISDIR(dir->mode)) {
        iput(dir);
        return -ENOTDIR;
    }
    if ((err = vfs_permission(dir, cred, MAY_EXEC)) < 0) {
        iput(dir);
        return err;
    }
    old = p->cwd;
    p->cwd = dir;
    iput(old);
    return 0;
}

SYSCALL_DECL(chdir)
{
    struct inode *dir;
    int err;
    PATH_CTX(ctx, cred);
    GET_PATH(path, a);

    UNUSED_ARGS;
    err = vfs_lookup(path, &ctx, 1, &dir);
    kfree(path);
    return err < 0 ? err : change_dir(dir, &cred);
}

SYSCALL_DECL(fchdir)
{
    struct file *f = fd_get(self(), (int)a);
    struct inode *dir;
    PATH_CTX(ctx, cred);

    UNUSED_ARGS;
    (void)ctx;
    if (!f)
        return -EBADF;
    dir = f->inode;
    iref(dir);
    file_put(f);
    return change_dir(dir, &cred);
}

SYSCALL_DECL(getcwd)
{
    struct process *p = self();
    char *buf = kmalloc(PATH_MAX);
    int n;

    UNUSED_ARGS;
    if (!buf)
        return -ENOMEM;
    n = vfs_getcwd(p->cwd, p->root, buf, b < PATH_MAX ? b : PATH_MAX);
    if (n > 0 && copy_to_user((void *)a, buf, (size_t)n) < 0)
        n = -EFAULT;
    kfree(buf);
    return n;
}

SYSCALL_DECL(umask)
{
    struct process *p = self();
    uint32_t old = p->umask;

    UNUSED_ARGS;
    p->umask = a & 0777;
    return (long)old;
}

SYSCALL_DECL(sync)
{
    UNUSED_ARGS;
    vfs_sync();
    return 0;
}

SYSCALL_DECL(truncate)
{
    struct inode *inode;
    int err;
    PATH_CTX(ctx, cred);
    GET_PATH(path, a);

    UNUSED_ARGS;
    err = vfs_lookup(path, &ctx, 1, &inode);
    kfree(path);
    if (err < 0)
        return err;
    err = vfs_truncate(inode, (uint64_t)b | ((uint64_t)c << 32), &cred);
    iput(inode);
    return err;
}

SYSCALL_DECL(ftruncate)
{
    struct file *f = fd_get(self(), (int)a);
    int err;

    UNUSED_ARGS;
    if (!f)
        return -EBADF;
    err = (f->flags & O_ACCMODE) == O_RDONLY
              ? -EINVAL
              : vfs_truncate(f->inode, (uint64_t)b | ((uint64_t)c << 32), &cred_root);
    file_put(f);
    return err;
}

SYSCALL_DECL(access)
{
    struct inode *inode;
    int err;
    PATH_CTX(ctx, cred);
    GET_PATH(path, a);

    UNUSED_ARGS;
    if (b & ~(uint32_t)(R_OK | W_OK | X_OK)) {
        kfree(path);
        return -EINVAL;
    }
    /* access() checks with the real ids. */
    cred.uid = self()->cred.uid;
    cred.gid = self()->cred.gid;
    err = vfs_lookup(path, &ctx, 1, &inode);
    kfree(path);
    if (err < 0)
        return err;
    if (b != F_OK)
        err = vfs_permission(inode, &cred, (int)b);
    iput(inode);
    return err;
}

SYSCALL_DECL(pipe)
{
    struct file *r, *w;
    int fds[2], err;

    UNUSED_ARGS;
    if ((err = pipe_create(&r, &w)) < 0)
        return err;
    fds[0] = fd_install(self(), r, 0, (b & O_CLOEXEC) != 0);
    fds[1] = fds[0] < 0 ? -EMFILE : fd_install(self(), w, 0, (b & O_CLOEXEC) != 0);
    if (fds[1] < 0) {
        if (fds[0] >= 0)
            fd_close(self(), fds[0]);
        else
            file_put(r);
        file_put(w);
        return -EMFILE;
    }
    if (copy_to_user((void *)a, fds, sizeof fds) < 0) {
        fd_close(self(), fds[0]);
        fd_close(self(), fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* utimes(path, const struct timespec64 times[2]): NULL sets both to now. */
SYSCALL_DECL(utimes)
{
    struct timespec64 ts[2];
    int err;
    PATH_CTX(ctx, cred);
    GET_PATH(path, a);

    UNUSED_ARGS;
    if (b && copy_from_user(ts, (const void *)b, sizeof ts) < 0) {
        kfree(path);
        return -EFAULT;
    }
    if (b && (ts[0].tv_nsec < 0 || ts[0].tv_nsec >= 1000000000 || ts[1].tv_nsec < 0 ||
              ts[1].tv_nsec >= 1000000000)) {
        kfree(path);
        return -EINVAL;
    }
    err = vfs_utimes(path, b ? &ts[0] : NULL, b ? &ts[1] : NULL, &ctx);
    kfree(path);
    return err;
}
