/*
 * vfs.h - the virtual file system: in-memory inodes, open files, mounts, path
 * lookup and the operations every file system implements. System calls (and
 * the kernel itself) reach files only through the vfs_* functions here; a
 * file system plugs in with struct fs_type, struct super_ops, struct
 * inode_ops and struct file_ops. See docs/vfs.md.
 *
 * Buffers passed to these functions are kernel memory.
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include <proc/mutex.h>
#include <stddef.h>
#include <stdint.h>
#include <uapi/dirent.h>
#include <uapi/fcntl.h>
#include <uapi/mount.h>
#include <uapi/stat.h>

#define PATH_MAX 4096
#define NAME_MAX 255
#define SYMLOOP_MAX 40

#define MAY_EXEC 1
#define MAY_WRITE 2
#define MAY_READ 4

struct inode;
struct file;
struct super_block;
struct block_device;

/* Who is asking: the credentials permission checks use. */
struct cred {
    uint32_t uid, gid;
    uint32_t ngroups;
    uint32_t groups[16];
};

extern const struct cred cred_root;

struct super_ops {
    /* Fill in inode->mode .. ops from the file system's inode ino. */
    int (*read_inode)(struct inode *inode);
    /* Write the in-memory attributes back (called when dirty). */
    int (*write_inode)(struct inode *inode);
    /* The last reference to an inode with no links is gone: free it. */
    void (*evict_inode)(struct inode *inode);
    int (*sync)(struct super_block *sb);
    void (*put_super)(struct super_block *sb);
    int (*statfs)(struct super_block *sb, uint64_t *blocks, uint64_t *free_blocks,
                  uint64_t *files, uint64_t *free_files, uint32_t *block_size);
};

/*
 * Directory and inode operations. Names are (pointer, length), not
 * NUL-terminated, already checked by the VFS: 1..NAME_MAX bytes, no '/', not
 * "." or "..". The VFS holds dir->lock (and the rename lock) around each
 * call and has checked permissions and types; the file system checks what
 * only it knows (ENOSPC, ENOTEMPTY, EMLINK).
 */
struct inode_ops {
    int (*lookup)(struct inode *dir, const char *name, size_t len, struct inode **out);
    int (*create)(struct inode *dir, const char *name, size_t len, uint32_t mode, uint32_t rdev,
                  const struct cred *cred, struct inode **out);
    int (*mkdir)(struct inode *dir, const char *name, size_t len, uint32_t mode,
                 const struct cred *cred);
    int (*unlink)(struct inode *dir, const char *name, size_t len);
    int (*rmdir)(struct inode *dir, const char *name, size_t len);
    int (*link)(struct inode *dir, const char *name, size_t len, struct inode *target);
    int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target,
                   const struct cred *cred);
    int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len,
                  struct inode *new_dir, const char *new_name, size_t new_len);
    int (*readlink)(struct inode *inode, char *buf, size_t size);
    int (*truncate)(struct inode *inode, uint64_t size);
};

struct file_ops {
    int (*open)(struct inode *inode, struct file *file);
    void (*release)(struct file *file);
    long (*read)(struct file *file, void *buf, size_t len, uint64_t *pos);
    long (*write)(struct file *file, const void *buf, size_t len, uint64_t *pos);
    /*
     * Emit directory entries from *pos on: call emit(ctx, name, len, ino, type,
     * next_pos) for each; stop when it returns nonzero (no room). Returns 0 or -errno.
     */
    int (*readdir)(struct file *file, uint64_t *pos, void *ctx,
                   int (*emit)(void *ctx, const char *name, size_t len, uint32_t ino,
                               unsigned type, uint64_t next_pos));
    /*
     * A device request. arg is the caller's value as is: when it is a
     * pointer, it is a user address, which the driver reads and writes with
     * copy_from_user/copy_to_user. -ENOTTY for requests it does not know.
     */
    long (*ioctl)(struct file *file, unsigned long cmd, unsigned long arg);
    /*
     * What the file is ready for now: a mask of POLLIN, POLLOUT, POLLHUP,
     * POLLERR ... (uapi/poll.h). Never sleeps. A file whose readiness can
     * change calls poll_notify() (fs/poll.h) after every change, or poll and
     * select would not see it. Files without poll are always ready to read
     * and write.
     */
    unsigned (*poll)(struct file *file);
};

struct inode {
    struct super_block *sb;
    uint32_t ino;
    uint32_t mode, nlink, uid, gid, rdev;
    uint64_t size;
    uint64_t blocks; /* 512-byte units, for stat */
    struct timespec64 atime, mtime, ctime;
    const struct inode_ops *ops;
    const struct file_ops *fops;
    void *fs_data;         /* the file system's own per-inode data */
    struct mutex lock;     /* serializes operations on this inode */
    int dirty;             /* attributes changed: write_inode before eviction; under lock */
    int refcount;          /* guarded by icache_lock */
    struct mount *covered_by; /* a file system mounted on this directory, or NULL */
    struct inode *hash_next;  /* guarded by icache_lock */
};

struct fs_type {
    const char *name;
    int needs_device;  /* mount() needs a block device (devfs has none) */
    uint32_t magic;    /* statfs's f_type (uapi/statfs.h) */
    /* Read the file system on dev (or none) and fill in sb; 0 or -errno. */
    int (*mount)(struct super_block *sb, struct block_device *dev, int flags);
    struct fs_type *next;
};


struct super_block {
    struct fs_type *type;
    struct block_device *dev;
    const struct super_ops *ops;
    struct inode *root;
    uint32_t dev_id;
    int flags;   /* MS_RDONLY */
    void *fs_data;
};

struct mount {
    struct super_block *sb;
    struct inode *mountpoint; /* the covered directory (NULL for the root) */
    struct mount *parent;
    struct mount *next;
};

struct file {
    struct inode *inode;
    const struct file_ops *ops;
    uint32_t flags;   /* O_* given to open (access mode, O_APPEND, O_NONBLOCK) */
    uint64_t pos;
    int refcount;     /* atomic */
    struct mutex pos_lock;
    void *private_data;
};

/* Where a path lookup starts and with whose rights. */
struct path_ctx {
    struct inode *root; /* "/" (NULL: the root mount's root) */
    struct inode *cwd;  /* for relative paths (NULL: root) */
    const struct cred *cred;
};

/* Setup and mounts. */
void vfs_init(void);
int vfs_mount_boot_root(void);
/* The root of the root file system, referenced. */
struct inode *vfs_root_inode_ref(void);
/* Write the path of cwd (as seen from root) to buf; its length with the NUL, or -errno. */
int vfs_getcwd(struct inode *cwd, struct inode *root, char *buf, size_t size);
int vfs_register_fs(struct fs_type *type);
/* The registered file system called name, or NULL. */
const struct fs_type *vfs_find_fs(const char *name);
int vfs_mount_root(const char *fs_name, struct block_device *dev, int flags);
int vfs_mount(const char *fs_name, struct block_device *dev, const char *target,
              const struct path_ctx *ctx, int flags);
int vfs_umount(const char *target, const struct path_ctx *ctx);
int vfs_sync(void);
/* One mounted file system, as /proc/mounts lists it. */
struct vfs_mount_info {
    char device[40];    /* "/dev/hda2", or the type name for a file system without a device */
    char type[16];
    int flags;          /* MS_RDONLY */
    struct inode *root; /* the mounted root, referenced: its path is where it is mounted */
};
/* The mounts, oldest first, into info (at most max); the count. The caller iput()s each root. */
int vfs_mount_list(struct vfs_mount_info *info, int max);
/* Fill st for the file system inode lives on (statfs, fstatfs). 0 or -errno. */
struct statfs;
int vfs_statfs(struct inode *inode, struct statfs *st);

/* Inode references. */
struct inode *iget(struct super_block *sb, uint32_t ino, int *err);
struct inode *inode_new(struct super_block *sb, uint32_t ino); /* fresh, not read */
void iref(struct inode *inode);
void iput(struct inode *inode);
void inode_mark_dirty(struct inode *inode);
struct timespec64 vfs_now(void);
int vfs_permission(struct inode *inode, const struct cred *cred, int mask);

/* Paths. */
int vfs_lookup(const char *path, const struct path_ctx *ctx, int follow, struct inode **out);
int vfs_open(const char *path, int flags, uint32_t mode, const struct path_ctx *ctx,
             struct file **out);
struct file *file_open_inode(struct inode *inode, int flags, int *err);
void file_ref(struct file *f);
void file_put(struct file *f);
long vfs_read(struct file *f, void *buf, size_t len);
long vfs_write(struct file *f, const void *buf, size_t len);
long vfs_pread(struct file *f, void *buf, size_t len, uint64_t pos);
long vfs_pwrite(struct file *f, const void *buf, size_t len, uint64_t pos);
int64_t vfs_lseek(struct file *f, int64_t off, int whence);
/* Fill buf with struct dirent64 records; returns bytes used, 0 at the end, or -errno. */
long vfs_getdents(struct file *f, void *buf, size_t len);
int vfs_mkdir(const char *path, uint32_t mode, const struct path_ctx *ctx);
int vfs_mknod(const char *path, uint32_t mode, uint32_t rdev, const struct path_ctx *ctx);
int vfs_rmdir(const char *path, const struct path_ctx *ctx);
int vfs_unlink(const char *path, const struct path_ctx *ctx);
int vfs_link(const char *old_path, const char *new_path, const struct path_ctx *ctx);
int vfs_symlink(const char *target, const char *path, const struct path_ctx *ctx);
int vfs_readlink(const char *path, char *buf, size_t size, const struct path_ctx *ctx);
int vfs_rename(const char *old_path, const char *new_path, const struct path_ctx *ctx);
int vfs_stat(const char *path, struct stat *st, int follow, const struct path_ctx *ctx);
void vfs_fill_stat(struct inode *inode, struct stat *st);
int vfs_truncate(struct inode *inode, uint64_t size, const struct cred *cred);
int vfs_chmod(const char *path, uint32_t mode, const struct path_ctx *ctx);
int vfs_chown(const char *path, uint32_t uid, uint32_t gid, int follow,
              const struct path_ctx *ctx);
int vfs_utimes(const char *path, const struct timespec64 *atime, const struct timespec64 *mtime,
               const struct path_ctx *ctx);

#endif
