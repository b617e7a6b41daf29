/*
 * fs.c - system-call wrappers for names in the file system: directories,
 * links, status, permissions, the working directory.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

int mkdir(const char *path, mode_t mode)
{
    return __syscall_ret(__syscall2(SYS_mkdir, (long)path, (long)mode));
}

int rmdir(const char *path)
{
    return __syscall_ret(__syscall1(SYS_rmdir, (long)path));
}

int unlink(const char *path)
{
    return __syscall_ret(__syscall1(SYS_unlink, (long)path));
}

int rename(const char *old_path, const char *new_path)
{
    return __syscall_ret(__syscall2(SYS_rename, (long)old_path, (long)new_path));
}

int link(const char *old_path, const char *new_path)
{
    return __syscall_ret(__syscall2(SYS_link, (long)old_path, (long)new_path));
}

int symlink(const char *target, const char *link_path)
{
    return __syscall_ret(__syscall2(SYS_symlink, (long)target, (long)link_path));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
    return __syscall_ret(__syscall3(SYS_readlink, (long)path, (long)buf, (long)size));
}

int stat(const char *restrict path, struct stat *restrict st)
{
    return __syscall_ret(__syscall2(SYS_stat, (long)path, (long)st));
}

int lstat(const char *restrict path, struct stat *restrict st)
{
    return __syscall_ret(__syscall2(SYS_lstat, (long)path, (long)st));
}

int fstat(int fd, struct stat *st)
{
    return __syscall_ret(__syscall2(SYS_fstat, fd, (long)st));
}

int chdir(const char *path)
{
    return __syscall_ret(__syscall1(SYS_chdir, (long)path));
}

int fchdir(int fd)
{
    return __syscall_ret(__syscall1(SYS_fchdir, fd));
}

char *getcwd(char *buf, size_t size)
{
    char *mine = NULL;

    if (!buf) {
        if (size == 0)
            size = PATH_MAX;
        buf = mine = malloc(size);
        if (!buf)
            return NULL; /* errno is ENOMEM */
    }
    /* The kernel returns the length with the NUL, or -ERANGE when size is too small. */
    if (__syscall_ret(__syscall2(SYS_getcwd, (long)buf, (long)size)) < 0) {
        free(mine);
        return NULL;
    }
    return buf;
}

ssize_t getdents(int fd, void *buf, size_t length)
{
    return __syscall_ret(__syscall3(SYS_getdents, fd, (long)buf, (long)length));
}

mode_t umask(mode_t mask)
{
    return (mode_t)__syscall1(SYS_umask, (long)mask); /* cannot fail */
}

int chmod(const char *path, mode_t mode)
{
    return __syscall_ret(__syscall2(SYS_chmod, (long)path, (long)mode));
}

int chown(const char *path, uid_t uid, gid_t gid)
{
    return __syscall_ret(__syscall3(SYS_chown, (long)path, (long)uid, (long)gid));
}

/* Like chown, but a symbolic link at path is changed itself, not followed. */
int lchown(const char *path, uid_t uid, gid_t gid)
{
    return __syscall_ret(__syscall3(SYS_lchown, (long)path, (long)uid, (long)gid));
}

int access(const char *path, int mode)
{
    return __syscall_ret(__syscall2(SYS_access, (long)path, mode));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
    return __syscall_ret(__syscall3(SYS_mknod, (long)path, (long)mode, (long)dev));
}

int mkfifo(const char *path, mode_t mode)
{
    return mknod(path, S_IFIFO | (mode & 07777), 0);
}

int utimes(const char *path, const struct timeval times[2])
{
    struct timespec64 ts[2];

    if (!times)
        return __syscall_ret(__syscall2(SYS_utimes, (long)path, 0));
    for (int i = 0; i < 2; i++) {
        if (times[i].tv_usec < 0 || times[i].tv_usec >= 1000000) {
            errno = EINVAL;
            return -1;
        }
        ts[i].tv_sec = times[i].tv_sec;
        ts[i].tv_nsec = times[i].tv_usec * 1000;
        ts[i].pad = 0;
    }
    return __syscall_ret(__syscall2(SYS_utimes, (long)path, (long)ts));
}
