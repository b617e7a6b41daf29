/*
 * vfs_internal.h - what the VFS's own files share and nobody else needs.
 */
#ifndef FS_VFS_INTERNAL_H
#define FS_VFS_INTERNAL_H

#include <fs/vfs.h>

struct inode *vfs_root_inode(void);
struct mount *vfs_mount_of_root(struct inode *inode);

/* The result of a path walk that stops at the parent of the last component. */
struct nameidata {
    struct inode *parent; /* referenced */
    struct inode *inode;  /* the last component if it exists (referenced), else NULL */
    char last[NAME_MAX + 1];
    size_t last_len;
    int last_is_dots;     /* the last component is "." or ".." (or the path is "/") */
    int trailing_slash;
};

int vfs_walk_parent(const char *path, const struct path_ctx *ctx, struct nameidata *nd);
void vfs_nd_release(struct nameidata *nd);
/* Look up name in dir, following mounts downwards; referenced result. */
int vfs_lookup_child(struct inode *dir, const char *name, size_t len, struct inode **out);

#endif
