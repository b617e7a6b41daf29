/*
 * statfs.c - statfs and fstatfs (system calls), and statvfs and fstatvfs,
 * which repackage their result in POSIX's structure.
 */
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>

int statfs(const char *path, struct statfs *buf)
{
    return __syscall_ret(__syscall2(SYS_statfs, (long)path, (long)buf));
}

int fstatfs(int fd, struct statfs *buf)
{
    return __syscall_ret(__syscall2(SYS_fstatfs, fd, (long)buf));
}

static void to_statvfs(const struct statfs *s, struct statvfs *v)
{
    v->f_bsize = s->f_bsize;
    v->f_frsize = s->f_frsize ? s->f_frsize : s->f_bsize;
    v->f_blocks = s->f_blocks;
    v->f_bfree = s->f_bfree;
    v->f_bavail = s->f_bavail;
    v->f_files = s->f_files;
    v->f_ffree = v->f_favail = s->f_ffree;
    v->f_fsid = s->f_fsid[0];
    v->f_flag = s->f_flags;
    v->f_namemax = s->f_namelen;
}

int statvfs(const char *restrict path, struct statvfs *restrict buf)
{
    struct statfs s;

    if (statfs(path, &s) < 0)
        return -1;
    to_statvfs(&s, buf);
    return 0;
}

int fstatvfs(int fd, struct statvfs *buf)
{
    struct statfs s;

    if (fstatfs(fd, &s) < 0)
        return -1;
    to_statvfs(&s, buf);
    return 0;
}
