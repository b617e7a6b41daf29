/*
 * dirent.c - opendir/readdir/closedir over getdents. A DIR holds one
 * buffer of struct dirent64 records from the kernel and hands them out one
 * at a time, copied into a POSIX struct dirent; it refills the buffer when
 * it is used up. Records are checked before use, so a kernel bug shows up
 * as EIO rather than as a read past the buffer.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_BUF_SIZE 4096

struct __dir {
    int fd;
    size_t pos, len;                /* next record, bytes in buf */
    struct dirent entry;            /* what readdir returns */
    char buf[DIR_BUF_SIZE] __attribute__((aligned(8)));
};

DIR *fdopendir(int fd)
{
    struct stat st;
    DIR *dir;

    if (fstat(fd, &st) < 0)
        return NULL;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return NULL;
    }
    dir = malloc(sizeof *dir);
    if (!dir)
        return NULL;
    dir->fd = fd;
    dir->pos = dir->len = 0;
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    return dir;
}

DIR *opendir(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dir;

    if (fd < 0)
        return NULL;
    dir = fdopendir(fd);
    if (!dir) {
        int err = errno;
        close(fd);
        errno = err;
    }
    return dir;
}

struct dirent *readdir(DIR *dir)
{
    const struct dirent64 *rec;
    size_t name_max;

    if (dir->pos >= dir->len) {
        ssize_t n = getdents(dir->fd, dir->buf, sizeof dir->buf);
        if (n <= 0)
            return NULL; /* the end (errno unchanged) or an error (errno set) */
        dir->len = (size_t)n;
        dir->pos = 0;
    }
    rec = (const struct dirent64 *)(dir->buf + dir->pos);
    if (dir->len - dir->pos < offsetof(struct dirent64, d_name) + 1 ||
        rec->d_reclen < offsetof(struct dirent64, d_name) + 1 ||
        rec->d_reclen > dir->len - dir->pos) {
        dir->pos = dir->len;
        errno = EIO;
        return NULL;
    }
    dir->pos += rec->d_reclen;
    name_max = rec->d_reclen - offsetof(struct dirent64, d_name);
    if (name_max > sizeof dir->entry.d_name - 1)
        name_max = sizeof dir->entry.d_name - 1;
    dir->entry.d_ino = (ino_t)rec->d_ino;
    dir->entry.d_off = rec->d_off;
    dir->entry.d_reclen = sizeof dir->entry;
    dir->entry.d_type = rec->d_type;
    memcpy(dir->entry.d_name, rec->d_name, strnlen(rec->d_name, name_max));
    dir->entry.d_name[strnlen(rec->d_name, name_max)] = '\0';
    return &dir->entry;
}

void rewinddir(DIR *dir)
{
    lseek(dir->fd, 0, SEEK_SET);
    dir->pos = dir->len = 0;
}

int closedir(DIR *dir)
{
    int r = close(dir->fd);

    free(dir);
    return r;
}

int dirfd(DIR *dir)
{
    return dir->fd;
}
