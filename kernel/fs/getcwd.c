/*
 * getcwd.c - the path of a directory, found by walking ".." up to the root
 * and, at each step, searching the parent for the entry naming the child
 * (crossing from a mounted root to the directory it is mounted on).
 */
#include <fs/vfs.h>
#include <fs/vfs_internal.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

#define DENTS_BUF 1024

/* The name under which dir lists child (not "." or ".."); 0 or -errno. */
static int name_in(struct inode *dir, struct inode *child, char *name)
{
    uint8_t *buf = kmalloc(DENTS_BUF);
    struct file *f;
    long n;
    int err = -ENOENT;

    if (!buf)
        return -ENOMEM;
    f = file_open_inode(dir, O_RDONLY, &err);
    if (!f) {
        kfree(buf);
        return err;
    }
    err = -ENOENT;
    while (err == -ENOENT && (n = vfs_getdents(f, buf, DENTS_BUF)) > 0) {
        for (long off = 0; off < n;) {
            struct dirent64 *d = (struct dirent64 *)(buf + off);
            if (d->d_ino == child->ino && strcmp(d->d_name, ".") != 0 &&
                strcmp(d->d_name, "..") != 0) {
                strlcpy(name, d->d_name, NAME_MAX + 1);
                err = 0;
                break;
            }
            off += d->d_reclen;
        }
    }
    file_put(f);
    kfree(buf);
    return err;
}

int vfs_getcwd(struct inode *cwd, struct inode *root, char *buf, size_t size)
{
    char *path = kmalloc(PATH_MAX), *name = kmalloc(NAME_MAX + 1);
    size_t pos = PATH_MAX - 1;
    struct inode *cur = cwd, *parent;
    int err = 0;

    if (!path || !name) {
        kfree(path);
        kfree(name);
        return -ENOMEM;
    }
    path[pos] = '\0';
    iref(cur);
    while (cur != root && !err) {
        struct mount *m = vfs_mount_of_root(cur);
        size_t len;
        if (m && m->mountpoint) {
            iref(m->mountpoint);
            iput(cur);
            cur = m->mountpoint;
            continue;
        }
        if (cur == vfs_root_inode())
            break; /* the system root, though not the caller's: stop here */
        if ((err = vfs_lookup_child(cur, "..", 2, &parent)) < 0)
            break;
        if ((err = name_in(parent, cur, name)) == 0) {
            len = strlen(name);
            if (len + 1 > pos) {
                err = -ENAMETOOLONG;
            } else {
                pos -= len;
                memcpy(path + pos, name, len);
                path[--pos] = '/';
            }
        }
        iput(cur);
        cur = parent;
    }
    iput(cur);
    if (!err) {
        if (pos == PATH_MAX - 1)
            path[--pos] = '/';
        if (PATH_MAX - pos > size)
            err = -ERANGE;
        else
            memcpy(buf, path + pos, PATH_MAX - pos);
    }
    err = err ? err : (int)(PATH_MAX - pos);
    kfree(path);
    kfree(name);
    return err;
}
