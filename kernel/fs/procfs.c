/*
 * procfs.c - the "proc" file system (see procfs.h, docs/procfs.md).
 *
 * Nothing is stored: an inode number says what a node is. Number
 * pid * 16 + i is entry i of the directory of process pid (0: the directory
 * itself, then its files); pid 0 holds the root (1), "self" (2) and the
 * system-wide files (3 ...). A node of a process that has gone cannot be
 * looked up any more; one already open keeps the text it had.
 *
 * A file's text is generated in full when it is opened, into a buffer of the
 * open file, so every read of one open sees one consistent state and reads
 * at any offset work; nothing can be written (EACCES). Directory listings
 * are generated as they are read: the process entries come in pid order, a
 * position being 16 + pid, so a listing read in pieces neither repeats nor
 * skips a process that still exists.
 */
#include <fs/procfs.h>
#include <lib/format.h>
#include <mm/kmalloc.h>
#include <proc/loadavg.h>
#include <proc/proc_info.h>
#include <proc/process.h>
#include <string.h>
#include <uapi/errno.h>
#include <uapi/statfs.h>

#define INO(pid, i) ((uint32_t)(pid) * 16 + (uint32_t)(i))
#define INO_PID(ino) ((int)((ino) / 16))
#define INO_ENTRY(ino) ((int)((ino) % 16))
#define ROOT_INO INO(0, 1)
#define SELF_INO INO(0, 2)
#define FIRST_SYS_ENTRY 3
#define PID_POS_BASE 16 /* readdir positions of process directories: 16 + pid */
#define PIDS_MAX 1024   /* the kernel's process limit */
#define TEXT_INITIAL 1024

struct sys_file {
    const char *name;
    proc_sys_show_fn show;
};

struct pid_file {
    const char *name;
    proc_pid_show_fn show;
};

/* Root entries FIRST_SYS_ENTRY + i. */
static const struct sys_file sys_files[] = {
    {"uptime", procfs_uptime}, {"meminfo", procfs_meminfo}, {"loadavg", procfs_loadavg},
    {"mounts", procfs_mounts}, {"cpuinfo", procfs_cpuinfo}, {"version", procfs_version},
    {"dmesg", procfs_dmesg},
};
#define NSYS ((int)(sizeof sys_files / sizeof sys_files[0]))

/* Process directory entries 1 + i. */
static const struct pid_file pid_files[] = {
    {"stat", procfs_pid_stat}, {"status", procfs_pid_status}, {"cmdline", procfs_pid_cmdline},
};
#define NPID ((int)(sizeof pid_files / sizeof pid_files[0]))

_Static_assert(FIRST_SYS_ENTRY + NSYS <= 16 && 1 + NPID <= 16, "entries fit in 16 numbers");

static struct timespec64 mount_time;
static const struct inode_ops procfs_root_iops, procfs_pid_iops, procfs_self_iops, procfs_file_iops;
static const struct file_ops procfs_root_fops, procfs_pid_fops, procfs_file_fops;

/* ---- text buffers ---- */

void proc_text_write(struct proc_text *t, const void *s, size_t len)
{
    if (t->err)
        return;
    if (t->len + len > t->cap) {
        size_t cap = t->cap ? t->cap : TEXT_INITIAL;
        char *bigger;
        while (cap < t->len + len)
            cap *= 2;
        if (!(bigger = kmalloc(cap))) {
            t->err = -ENOMEM;
            return;
        }
        memcpy(bigger, t->data, t->len);
        kfree(t->data);
        t->data = bigger;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, len);
    t->len += len;
}

void proc_text_printf(struct proc_text *t, const char *fmt, ...)
{
    char line[256]; /* one line or field at a time */
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    proc_text_write(t, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

/* ---- inodes ---- */

static int procfs_read_inode(struct inode *inode)
{
    int pid = INO_PID(inode->ino), entry = INO_ENTRY(inode->ino);

    inode->atime = inode->mtime = inode->ctime = mount_time;
    inode->nlink = 1;
    inode->ops = &procfs_file_iops;
    inode->fops = &procfs_file_fops;
    if (pid == 0) {
        if (inode->ino == ROOT_INO) {
            inode->mode = S_IFDIR | 0555;
            inode->nlink = 2;
            inode->ops = &procfs_root_iops;
            inode->fops = &procfs_root_fops;
        } else if (inode->ino == SELF_INO) {
            inode->mode = S_IFLNK | 0777;
            inode->ops = &procfs_self_iops;
            inode->fops = NULL;
        } else if (entry >= FIRST_SYS_ENTRY && entry < FIRST_SYS_ENTRY + NSYS) {
            inode->mode = S_IFREG | 0444;
        } else {
            return -ENOENT;
        }
        return 0;
    }
    if (entry > NPID || proc_info_ids(pid, &inode->uid, &inode->gid) < 0)
        return -ENOENT;
    if (entry == 0) {
        inode->mode = S_IFDIR | 0555;
        inode->nlink = 2;
        inode->ops = &procfs_pid_iops;
        inode->fops = &procfs_pid_fops;
    } else {
        inode->mode = S_IFREG | 0444;
    }
    return 0;
}

static int name_is(const char *name, size_t len, const char *want)
{
    return strlen(want) == len && memcmp(name, want, len) == 0;
}

/* The pid a directory name spells (decimal, no leading zero), or 0. */
static int parse_pid(const char *name, size_t len)
{
    int pid = 0;

    if (len == 0 || len > 5 || name[0] == '0')
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

static int get(struct inode *dir, uint32_t ino, struct inode **out)
{
    int err;

    *out = iget(dir->sb, ino, &err);
    return *out ? 0 : err;
}

static int procfs_root_lookup(struct inode *dir, const char *name, size_t len,
                              struct inode **out)
{
    int pid;

    if (name_is(name, len, ".."))
        return get(dir, ROOT_INO, out);
    if (name_is(name, len, "self"))
        return get(dir, SELF_INO, out);
    for (int i = 0; i < NSYS; i++)
        if (name_is(name, len, sys_files[i].name))
            return get(dir, INO(0, FIRST_SYS_ENTRY + i), out);
    if ((pid = parse_pid(name, len)) > 0)
        return get(dir, INO(pid, 0), out); /* read_inode says ENOENT if it does not exist */
    return -ENOENT;
}

static int procfs_pid_lookup(struct inode *dir, const char *name, size_t len,
                             struct inode **out)
{
    if (name_is(name, len, ".."))
        return get(dir, ROOT_INO, out);
    for (int i = 0; i < NPID; i++)
        if (name_is(name, len, pid_files[i].name))
            return get(dir, INO(INO_PID(dir->ino), 1 + i), out);
    return -ENOENT;
}

/* /proc/self: the caller's pid, a path relative to /proc. */
static int procfs_self_readlink(struct inode *inode, char *buf, size_t size)
{
    struct process *p = current_process();
    char num[16];
    int n;

    (void)inode;
    if (!p)
        return -ENOENT;
    n = snprintf(num, sizeof num, "%d", p->pid);
    if ((size_t)n > size)
        n = (int)size;
    memcpy(buf, num, (size_t)n);
    return n;
}

/* ---- directories ---- */

typedef int (*emit_fn)(void *ctx, const char *name, size_t len, uint32_t ino, unsigned type,
                       uint64_t next_pos);

static int procfs_root_readdir(struct file *file, uint64_t *pos, void *ctx, emit_fn emit)
{
    int *pids, n;

    (void)file;
    while (*pos < FIRST_SYS_ENTRY + (uint64_t)NSYS) {
        uint64_t p = *pos;
        int full;
        if (p == 0)
            full = emit(ctx, ".", 1, ROOT_INO, DT_DIR, 1);
        else if (p == 1)
            full = emit(ctx, "..", 2, ROOT_INO, DT_DIR, 2);
        else if (p == 2)
            full = emit(ctx, "self", 4, SELF_INO, DT_LNK, 3);
        else
            full = emit(ctx, sys_files[p - FIRST_SYS_ENTRY].name,
                        strlen(sys_files[p - FIRST_SYS_ENTRY].name), INO(0, p), DT_REG, p + 1);
        if (full)
            return 0;
        (*pos)++;
    }
    if (*pos < PID_POS_BASE)
        *pos = PID_POS_BASE;
    if (!(pids = kmalloc(PIDS_MAX * sizeof *pids)))
        return -ENOMEM;
    n = proc_info_pids(pids, PIDS_MAX);
    if (n > PIDS_MAX)
        n = PIDS_MAX;
    for (int i = 0; i < n; i++) {
        char name[16];
        int len;
        if ((uint64_t)pids[i] < *pos - PID_POS_BASE)
            continue;
        len = snprintf(name, sizeof name, "%d", pids[i]);
        if (emit(ctx, name, (size_t)len, INO(pids[i], 0), DT_DIR,
                 PID_POS_BASE + (uint64_t)pids[i] + 1))
            break;
        *pos = PID_POS_BASE + (uint64_t)pids[i] + 1;
    }
    kfree(pids);
    return 0;
}

static int procfs_pid_readdir(struct file *file, uint64_t *pos, void *ctx, emit_fn emit)
{
    uint32_t dir = file->inode->ino;

    while (*pos < 2 + (uint64_t)NPID) {
        uint64_t p = *pos;
        int full;
        if (p == 0)
            full = emit(ctx, ".", 1, dir, DT_DIR, 1);
        else if (p == 1)
            full = emit(ctx, "..", 2, ROOT_INO, DT_DIR, 2);
        else
            full = emit(ctx, pid_files[p - 2].name, strlen(pid_files[p - 2].name),
                        dir + (uint32_t)(p - 1), DT_REG, p + 1);
        if (full)
            break;
        (*pos)++;
    }
    return 0;
}

/* ---- files ---- */

static int procfs_file_open(struct inode *inode, struct file *file)
{
    int pid = INO_PID(inode->ino), entry = INO_ENTRY(inode->ino);
    struct process *self = current_process();
    struct proc_text *t;
    int err;

    if ((file->flags & O_ACCMODE) != O_RDONLY)
        return -EACCES;
    if (!(t = kzalloc(sizeof *t)))
        return -ENOMEM;
    if (pid == 0)
        err = sys_files[entry - FIRST_SYS_ENTRY].show(t, self ? self->root : NULL);
    else
        err = pid_files[entry - 1].show(t, pid);
    if (!err)
        err = t->err;
    if (err < 0) {
        kfree(t->data);
        kfree(t);
        return err;
    }
    file->private_data = t;
    return 0;
}

static void procfs_file_release(struct file *file)
{
    struct proc_text *t = file->private_data;

    kfree(t->data);
    kfree(t);
}

static long procfs_file_read(struct file *file, void *buf, size_t len, uint64_t *pos)
{
    struct proc_text *t = file->private_data;
    size_t n;

    if (*pos >= t->len)
        return 0;
    n = t->len - (size_t)*pos < len ? t->len - (size_t)*pos : len;
    memcpy(buf, t->data + *pos, n);
    *pos += n;
    return (long)n;
}

static const struct inode_ops procfs_root_iops = {.lookup = procfs_root_lookup};
static const struct inode_ops procfs_pid_iops = {.lookup = procfs_pid_lookup};
static const struct inode_ops procfs_self_iops = {.readlink = procfs_self_readlink};
static const struct inode_ops procfs_file_iops = {0};
static const struct file_ops procfs_root_fops = {.readdir = procfs_root_readdir};
static const struct file_ops procfs_pid_fops = {.readdir = procfs_pid_readdir};
static const struct file_ops procfs_file_fops = {
    .open = procfs_file_open,
    .release = procfs_file_release,
    .read = procfs_file_read, /* no write: opens for writing fail */
};

/* ---- the file system ---- */

static const struct super_ops procfs_sops = {.read_inode = procfs_read_inode};

static int procfs_mount(struct super_block *sb, struct block_device *dev, int flags)
{
    int err;

    (void)dev;
    (void)flags;
    sb->ops = &procfs_sops;
    sb->root = iget(sb, ROOT_INO, &err);
    return sb->root ? 0 : err;
}

static struct fs_type procfs_type = {.name = "proc", .magic = PROC_SUPER_MAGIC, .mount = procfs_mount};

void procfs_init(void)
{
    mount_time = vfs_now();
    vfs_register_fs(&procfs_type);
    loadavg_start();
}
