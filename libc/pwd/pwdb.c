/*
 * pwdb.c - the lock and the atomic one-entry update of the account
 * databases (pwdb.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <libutil.h>
#include <pwdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOCK_PATH "/etc/.pwd.lock"
#define LOCK_WAIT_TRIES 150 /* 0.1 s apart */

/* Whether the lock file names a process that no longer exists. */
static int lock_is_stale(void)
{
    char buf[16];
    int fd = open(LOCK_PATH, O_RDONLY), n;

    if (fd < 0)
        return 0;
    n = (int)read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return 0; /* being written right now */
    buf[n] = '\0';
    pid_t pid = (pid_t)atoi(buf);
    return pid > 0 && kill(pid, 0) < 0 && errno == ESRCH;
}

int lckpwdf(void)
{
    const struct timespec tenth = {.tv_nsec = 100000000};

    for (int tries = 0; tries < LOCK_WAIT_TRIES; tries++) {
        int fd = open(LOCK_PATH, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd >= 0) {
            dprintf(fd, "%d\n", (int)getpid());
            close(fd);
            return 0;
        }
        if (errno != EEXIST)
            return -1;
        if (lock_is_stale())
            unlink(LOCK_PATH);
        else
            nanosleep(&tenth, NULL);
    }
    errno = EAGAIN;
    return -1;
}

int ulckpwdf(void)
{
    return unlink(LOCK_PATH);
}

/* The whole file, NUL-terminated, in a malloc'd buffer; its length in *len. */
static char *read_text(const char *path, size_t *len)
{
    char *buf, *text;

    if (read_file(path, &buf, len) < 0)
        return NULL;
    text = realloc(buf, *len + 1);
    if (!text) {
        free(buf);
        errno = ENOMEM;
        return NULL;
    }
    text[*len] = '\0';
    return text;
}

int pwdb_update(const char *path, const char *name, const char *line)
{
    struct stat st;
    size_t len, namelen = strlen(name);
    char *old, tmp[256];
    int fd, replaced = 0, failed = 0;

    if (stat(path, &st) < 0 || !(old = read_text(path, &len)))
        return -1;
    snprintf(tmp, sizeof tmp, "%s.new", path);
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        free(old);
        return -1;
    }
    for (char *s = old; *s;) {
        char *nl = strchr(s, '\n');
        size_t l = nl ? (size_t)(nl - s) : strlen(s);
        int match = l > namelen && strncmp(s, name, namelen) == 0 && s[namelen] == ':';

        if (match && !replaced) {
            replaced = 1;
            if (line)
                failed |= write_all(fd, line, strlen(line)) | write_all(fd, "\n", 1);
        } else {
            failed |= write_all(fd, s, l) | write_all(fd, "\n", 1);
        }
        s += l + (nl ? 1 : 0);
    }
    if (!replaced && line)
        failed |= write_all(fd, line, strlen(line)) | write_all(fd, "\n", 1);
    free(old);
    if (close(fd) < 0 || failed || chmod(tmp, st.st_mode & 07777) < 0 ||
        chown(tmp, st.st_uid, st.st_gid) < 0 || rename(tmp, path) < 0) {
        int saved = errno;
        unlink(tmp);
        errno = saved;
        return -1;
    }
    return 0;
}
