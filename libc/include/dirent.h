/*
 * dirent.h - reading directories. The kernel returns struct dirent64 records
 * (uapi/dirent.h) from getdents(); a DIR buffers them and readdir() hands
 * them out one by one as POSIX struct dirent.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>
#include <uapi/dirent.h>

struct dirent {
    ino_t d_ino;
    off_t d_off;                          /* position of the next entry */
    unsigned short d_reclen;
    unsigned char d_type;                 /* DT_* */
    char d_name[256];                     /* NAME_MAX bytes and a NUL */
};

typedef struct __dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
/* The next entry (valid until the next call), or NULL at the end (errno unchanged) or on error. */
struct dirent *readdir(DIR *dir);
void rewinddir(DIR *dir);
int closedir(DIR *dir);
int dirfd(DIR *dir);

/* The raw call: fills buf with struct dirent64 records; bytes used, 0 at the end. */
ssize_t getdents(int fd, void *buf, size_t length);

#endif
