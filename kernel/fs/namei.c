/*
 * namei.c - path lookup and the operations that change the name space.
 *
 * A walk keeps the rest of the path in a buffer; a symbolic link met on the
 * way is replaced by its target followed by the rest (restarting at "/" for
 * an absolute target), at most SYMLOOP_MAX times. ".." never leaves the
 * caller's root, and at the root of a mounted file system it continues from
 * the directory the file system is mounted on. A directory covered by a mount
 * is replaced by the mounted root. Every directory passed through needs
 * search (execute) permission.
 */
#include <fs/vfs.h>
#include <fs/vfs_internal.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <uapi/errno.h>

static struct mutex rename_lock = MUTEX_INIT("rename");

static struct inode *ctx_root(const struct path_ctx *ctx)
{
    return ctx->root ? ctx->root : vfs_root_inode();
}

int vfs_lookup_child(struct inode *dir, const char *name, size_t len, struct inode **out)
{
    struct inode *child;
    int err;

    if (!dir->ops || !dir->ops->lookup)
        return -ENOTDIR;
    mutex_lock(&dir->lock);
    err = dir->ops->lookup(dir, name, len, &child);
    mutex_unlock(&dir->lock);
    if (err < 0)
        return err;
    while (child->covered_by) {
        struct inode *root = child->covered_by->sb->root;
        iref(root);
        iput(child);
        child = root;
    }
    *out = child;
    return 0;
}

/* The parent of dir for "..", staying inside root and crossing mounts upwards. */
static struct inode *dotdot(struct inode *dir, struct inode *root, int *err)
{
    struct inode *parent;

    for (;;) {
        struct mount *m;
        if (dir == root) {
            iref(dir);
            return dir;
        }
        m = vfs_mount_of_root(dir);
        if (!m || !m->mountpoint)
            break;
        dir = m->mountpoint; /* ".." of a mounted root is ".." of its mount point */
    }
    *err = vfs_lookup_child(dir, "..", 2, &parent);
    return *err < 0 ? NULL : parent;
}

#define WALK_FOLLOW 1 /* follow a symbolic link in the last component */
#define WALK_PARENT 2 /* stop at the last component's directory */

/*
 * Walk path. Without WALK_PARENT the result is nd->inode; with it, nd->parent
 * and nd->last (and nd->inode when the last component exists; never followed).
 */
static int walk(const char *path, const struct path_ctx *ctx, int flags, struct nameidata *nd)
{
    struct inode *root = ctx_root(ctx), *cur;
    char *buf, *p;
    int links = 0, err = 0;

    memset(nd, 0, sizeof *nd);
    if (!root)
        return -ENOENT;
    if (!*path)
        return -ENOENT;
    if (strnlen(path, PATH_MAX) >= PATH_MAX)
        return -ENAMETOOLONG;
    buf = kmalloc(PATH_MAX);
    if (!buf)
        return -ENOMEM;
    strlcpy(buf, path, PATH_MAX);
    p = buf;
    cur = (*p == '/' || !ctx->cwd) ? root : ctx->cwd;
    iref(cur);

    for (;;) {
        char *name, *next;
        size_t len;
        int last, slash;
        struct inode *child;

        while (*p == '/')
            p++;
        if (!*p) { /* "/" or a path ending in "/": the directory itself */
            if (flags & WALK_PARENT) {
                nd->parent = cur; /* the walk's reference */
                iref(cur);
                nd->inode = cur;  /* and one more */
                cur = NULL;
                nd->last_is_dots = 1;
                nd->trailing_slash = 1;
                goto out;
            }
            nd->inode = cur;
            cur = NULL;
            goto out;
        }
        name = p;
        while (*p && *p != '/')
            p++;
        len = (size_t)(p - name);
        slash = *p == '/';
        next = p;
        while (*next == '/')
            next++;
        last = !*next;
        if (len > NAME_MAX) {
            err = -ENAMETOOLONG;
            goto out;
        }
        if (!S_ISDIR(cur->mode)) {
            err = -ENOTDIR;
            goto out;
        }
        if ((err = vfs_permission(cur, ctx->cred, MAY_EXEC)) < 0)
            goto out;

        if (last && (flags & WALK_PARENT)) {
            memcpy(nd->last, name, len);
            nd->last[len] = '\0';
            nd->last_len = len;
            nd->trailing_slash = slash;
            nd->parent = cur;
            cur = NULL;
            if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.')) {
                nd->last_is_dots = 1;
                goto out;
            }
            err = vfs_lookup_child(nd->parent, name, len, &nd->inode);
            if (err == -ENOENT)
                err = 0;
            goto out;
        }
        p = next;
        if (len == 1 && name[0] == '.')
            child = (iref(cur), cur);
        else if (len == 2 && name[0] == '.' && name[1] == '.')
            child = dotdot(cur, root, &err);
        else
            err = vfs_lookup_child(cur, name, len, &child);
        if (err < 0)
            goto out;

        if (S_ISLNK(child->mode) && (!last || (flags & WALK_FOLLOW) || slash)) {
            char *target;
            size_t tlen, rest = strlen(p);
            if (++links > SYMLOOP_MAX) {
                iput(child);
                err = -ELOOP;
                goto out;
            }
            target = kmalloc(PATH_MAX);
            if (!target) {
                iput(child);
                err = -ENOMEM;
                goto out;
            }
            err = child->ops && child->ops->readlink
                      ? child->ops->readlink(child, target, PATH_MAX)
                      : -EINVAL;
            iput(child);
            if (err == 0)
                err = -ENOENT; /* an empty link target names nothing */
            if (err < 0) {
                kfree(target);
                goto out;
            }
            tlen = (size_t)err;
            err = 0;
            if (tlen + 1 + rest + (slash ? 1 : 0) >= PATH_MAX) {
                kfree(target);
                err = -ENAMETOOLONG;
                goto out;
            }
            /* New remaining path: target, then "/" and the rest (or the trailing slash). */
            memmove(buf + tlen + 1, p, rest + 1);
            memcpy(buf, target, tlen);
            buf[tlen] = (rest || slash) ? '/' : '\0';
            kfree(target);
            p = buf;
            if (*p == '/') {
                iput(cur);
                cur = root;
                iref(cur);
            }
            continue;
        }
        iput(cur);
        cur = child;
        if (last) {
            if (slash && !S_ISDIR(cur->mode)) {
                err = -ENOTDIR;
                goto out;
            }
            nd->inode = cur;
            cur = NULL;
            goto out;
        }
    }
out:
    if (cur)
        iput(cur);
    kfree(buf);
    if (err < 0)
        vfs_nd_release(nd);
    return err;
}

void vfs_nd_release(struct nameidata *nd)
{
    if (nd->inode)
        iput(nd->inode);
    if (nd->parent)
        iput(nd->parent);
    nd->inode = nd->parent = NULL;
}

int vfs_lookup(const char *path, const struct path_ctx *ctx, int follow, struct inode **out)
{
    struct nameidata nd;
    int err = walk(path, ctx, follow ? WALK_FOLLOW : 0, &nd);

    if (err < 0)
        return err;
    *out = nd.inode;
    return 0;
}

int vfs_walk_parent(const char *path, const struct path_ctx *ctx, struct nameidata *nd)
{
    return walk(path, ctx, WALK_PARENT, nd);
}

/* Checks shared by every operation that adds a name to a directory. */
static int may_create(struct nameidata *nd, const struct path_ctx *ctx)
{
    if (nd->last_is_dots || nd->inode)
        return -EEXIST;
    if (nd->parent->sb->flags & MS_RDONLY)
        return -EROFS;
    if (nd->parent->nlink == 0)
        return -ENOENT; /* the directory was removed */
    return vfs_permission(nd->parent, ctx->cred, MAY_WRITE | MAY_EXEC);
}

/* May cred remove victim from dir? (write+search, and the sticky bit's rule) */
static int may_delete(struct inode *dir, struct inode *victim, const struct cred *cred)
{
    int err = vfs_permission(dir, cred, MAY_WRITE | MAY_EXEC);

    if (err < 0)
        return err;
    if (dir->sb->flags & MS_RDONLY)
        return -EROFS;
    if ((dir->mode & S_ISVTX) && cred->uid != 0 && cred->uid != victim->uid &&
        cred->uid != dir->uid)
        return -EPERM;
    if (victim->covered_by || vfs_mount_of_root(victim))
        return -EBUSY;
    return 0;
}

int vfs_mknod(const char *path, uint32_t mode, uint32_t rdev, const struct path_ctx *ctx)
{
    struct nameidata nd;
    struct inode *inode;
    int err = walk(path, ctx, WALK_PARENT, &nd);

    if (err < 0)
        return err;
    if ((err = may_create(&nd, ctx)) == 0) {
        if (!nd.parent->ops->create) {
            err = -EPERM;
        } else {
            mutex_lock(&nd.parent->lock);
            err = nd.parent->ops->create(nd.parent, nd.last, nd.last_len, mode, rdev, ctx->cred,
                                         &inode);
            mutex_unlock(&nd.parent->lock);
            if (err == 0)
                iput(inode);
        }
    }
    vfs_nd_release(&nd);
    return err;
}

int vfs_mkdir(const char *path, uint32_t mode, const struct path_ctx *ctx)
{
    struct nameidata nd;
    int err = walk(path, ctx, WALK_PARENT, &nd);

    if (err < 0)
        return err;
    if ((err = may_create(&nd, ctx)) == 0) {
        if (!nd.parent->ops->mkdir) {
            err = -EPERM;
        } else {
            mutex_lock(&nd.parent->lock);
            err = nd.parent->ops->mkdir(nd.parent, nd.last, nd.last_len, mode & 07777,
                                        ctx->cred);
            mutex_unlock(&nd.parent->lock);
        }
    }
    vfs_nd_release(&nd);
    return err;
}

int vfs_symlink(const char *target, const char *path, const struct path_ctx *ctx)
{
    struct nameidata nd;
    size_t tlen = strnlen(target, PATH_MAX);
    int err;

    if (tlen == 0)
        return -ENOENT;
    if (tlen >= PATH_MAX)
        return -ENAMETOOLONG;
    if ((err = walk(path, ctx, WALK_PARENT, &nd)) < 0)
        return err;
    if ((err = may_create(&nd, ctx)) == 0) {
        if (!nd.parent->ops->symlink) {
            err = -EPERM;
        } else {
            mutex_lock(&nd.parent->lock);
            err = nd.parent->ops->symlink(nd.parent, nd.last, nd.last_len, target, ctx->cred);
            mutex_unlock(&nd.parent->lock);
        }
    }
    vfs_nd_release(&nd);
    return err;
}

int vfs_link(const char *old_path, const char *new_path, const struct path_ctx *ctx)
{
    struct inode *old;
    struct nameidata nd;
    int err = vfs_lookup(old_path, ctx, 0, &old);

    if (err < 0)
        return err;
    if ((err = walk(new_path, ctx, WALK_PARENT, &nd)) < 0) {
        iput(old);
        return err;
    }
    if (S_ISDIR(old->mode))
        err = -EPERM; /* hard links to directories would make cycles */
    else if (old->sb != nd.parent->sb)
        err = -EXDEV;
    else if ((err = may_create(&nd, ctx)) == 0) {
        if (!nd.parent->ops->link) {
            err = -EPERM;
        } else {
            mutex_lock(&nd.parent->lock);
            err = nd.parent->ops->link(nd.parent, nd.last, nd.last_len, old);
            mutex_unlock(&nd.parent->lock);
        }
    }
    vfs_nd_release(&nd);
    iput(old);
    return err;
}

int vfs_unlink(const char *path, const struct path_ctx *ctx)
{
    struct nameidata nd;
    int err = walk(path, ctx, WALK_PARENT, &nd);

    if (err < 0)
        return err;
    if (nd.last_is_dots)
        err = -EISDIR;
    else if (!nd.inode)
        err = -ENOENT;
    else if (S_ISDIR(nd.inode->mode))
        err = -EISDIR;
    else if (nd.trailing_slash)
        err = -ENOTDIR;
    else if (!nd.parent->ops->unlink)
        err = -EPERM;
    else if ((err = may_delete(nd.parent, nd.inode, ctx->cred)) == 0) {
        mutex_lock(&nd.parent->lock);
        err = nd.parent->ops->unlink(nd.parent, nd.last, nd.last_len);
        mutex_unlock(&nd.parent->lock);
    }
    vfs_nd_release(&nd);
    return err;
}

int vfs_rmdir(const char *path, const struct path_ctx *ctx)
{
    struct nameidata nd;
    int err = walk(path, ctx, WALK_PARENT, &nd);

    if (err < 0)
        return err;
    if (nd.last_is_dots)
        err = (nd.last_len == 2) ? -ENOTEMPTY : -EINVAL;
    else if (!nd.inode)
        err = -ENOENT;
    else if (!S_ISDIR(nd.inode->mode))
        err = -ENOTDIR;
    else if (!nd.parent->ops->rmdir)
        err = -EPERM;
    else if ((err = may_delete(nd.parent, nd.inode, ctx->cred)) == 0) {
        mutex_lock(&nd.parent->lock);
        err = nd.parent->ops->rmdir(nd.parent, nd.last, nd.last_len);
        mutex_unlock(&nd.parent->lock);
    }
    vfs_nd_release(&nd);
    return err;
}

int vfs_readlink(const char *path, char *buf, size_t size, const struct path_ctx *ctx)
{
    struct inode *inode;
    int err = vfs_lookup(path, ctx, 0, &inode);

    if (err < 0)
        return err;
    if (!S_ISLNK(inode->mode) || !inode->ops || !inode->ops->readlink)
        err = -EINVAL;
    else
        err = inode->ops->readlink(inode, buf, size);
    iput(inode);
    return err;
}

/* Is ancestor an ancestor of (or equal to) dir? Walks ".." up to the file system root. */
static int is_ancestor(struct inode *ancestor, struct inode *dir)
{
    struct inode *cur = dir, *parent;
    int depth = 0, found = 0;

    iref(cur);
    while (depth++ < 4096) {
        if (cur == ancestor) {
            found = 1;
            break;
        }
        if (cur == cur->sb->root || vfs_lookup_child(cur, "..", 2, &parent) < 0)
            break;
        iput(cur);
        cur = parent;
    }
    iput(cur);
    return found;
}

int vfs_rename(const char *old_path, const char *new_path, const struct path_ctx *ctx)
{
    struct nameidata from, to;
    int err;

    if ((err = walk(old_path, ctx, WALK_PARENT, &from)) < 0)
        return err;
    if ((err = walk(new_path, ctx, WALK_PARENT, &to)) < 0) {
        vfs_nd_release(&from);
        return err;
    }
    mutex_lock(&rename_lock);
    if (from.last_is_dots || to.last_is_dots)
        err = -EBUSY;
    else if (!from.inode)
        err = -ENOENT;
    else if (from.parent->sb != to.parent->sb)
        err = -EXDEV;
    else if (!from.parent->ops->rename)
        err = -EPERM;
    else if (from.inode == to.inode)
        err = 0; /* the same file: nothing to do */
    else if ((err = may_delete(from.parent, from.inode, ctx->cred)) < 0)
        ;
    else if (to.inode && (err = may_delete(to.parent, to.inode, ctx->cred)) < 0)
        ;
    else if (!to.inode && (err = vfs_permission(to.parent, ctx->cred, MAY_WRITE | MAY_EXEC)) < 0)
        ;
    else if (to.inode && S_ISDIR(from.inode->mode) && !S_ISDIR(to.inode->mode))
        err = -ENOTDIR;
    else if (to.inode && !S_ISDIR(from.inode->mode) && S_ISDIR(to.inode->mode))
        err = -EISDIR;
    else if (!S_ISDIR(from.inode->mode) && (from.trailing_slash || to.trailing_slash))
        err = -ENOTDIR;
    else if (S_ISDIR(from.inode->mode) && is_ancestor(from.inode, to.parent))
        err = -EINVAL; /* a directory cannot move below itself */
    else {
        struct inode *a = from.parent, *b = to.parent;
        /* Lock the two directories in address order so two renames cannot deadlock. */
        if (a == b) {
            mutex_lock(&a->lock);
        } else if (a < b) {
            mutex_lock(&a->lock);
            mutex_lock(&b->lock);
        } else {
            mutex_lock(&b->lock);
            mutex_lock(&a->lock);
        }
        err = a->ops->rename(a, from.last, from.last_len, b, to.last, to.last_len);
        mutex_unlock(&a->lock);
        if (a != b)
            mutex_unlock(&b->lock);
    }
    mutex_unlock(&rename_lock);
    vfs_nd_release(&to);
    vfs_nd_release(&from);
    return err;
}
