/*
 * glob_hostfs.c - opendir, readdir, closedir, stat and lstat for libc's glob
 * running on the host (tests/libc/glob/glob.mk): compiled against libc's
 * headers, so the structures are libc's, and filled in from the host's file
 * system through test_glob.c's hostfs_* helpers. Only what glob reads is
 * filled in: the entry's name and type, the file's mode.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int libc_errno;

void *hostfs_opendir(const char *path, int *err);
int hostfs_readdir(void *handle, char *name, size_t size, unsigned char *type);
void hostfs_closedir(void *handle);
int hostfs_stat(const char *path, int follow, unsigned int *mode, int *err);

struct __dir {
    void *handle;
    struct dirent entry;
};

DIR *opendir(const char *path)
{
    int err;
    void *handle = hostfs_opendir(path, &err);
    DIR *dir;

    if (!handle) {
        errno = err;
        return NULL;
    }
    dir = calloc(1, sizeof *dir);
    dir->handle = handle;
    return dir;
}

struct dirent *readdir(DIR *dir)
{
    if (!hostfs_readdir(dir->handle, dir->entry.d_name, sizeof dir->entry.d_name,
                        &dir->entry.d_type))
        return NULL;
    return &dir->entry;
}

int closedir(DIR *dir)
{
    hostfs_closedir(dir->handle);
    free(dir);
    return 0;
}

static int stat_common(const char *path, struct stat *st, int follow)
{
    unsigned int mode;
    int err;

    memset(st, 0, sizeof *st);
    if (hostfs_stat(path, follow, &mode, &err) < 0) {
        errno = err;
        return -1;
    }
    st->st_mode = mode;
    return 0;
}

int stat(const char *restrict path, struct stat *restrict st)
{
    return stat_common(path, st, 1);
}

int lstat(const char *restrict path, struct stat *restrict st)
{
    return stat_common(path, st, 0);
}
