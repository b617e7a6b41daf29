/*
 * test_fs.c - the VFS and AdventFS through the kernel's file API, on the
 * scratch disk: files, directories, names, links, permissions, open flags,
 * many files, deep trees, a sparse file above 1 GiB, running out of space and
 * of inodes. Each test removes what it made. The last test unmounts the
 * scratch file system so that the harness can check it with fsck.
 */
#include <drivers/block/blockdev.h>
#include <fs/bcache.h>
#include <fs/vfs.h>
#include <lib/format.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <test/fs_scratch.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define P(name) fs_scratch_path(path_buf, sizeof path_buf, (name))
/* A second path in the same call needs its own buffer. */
#define P2(name) fs_scratch_path(path_buf2, sizeof path_buf2, (name))
#define NEED_SCRATCH()                                                                     \
    do {                                                                                   \
        const char *why_;                                                                  \
        if (!fs_scratch_dir(&why_)) {                                                      \
            ktest_fail(__FILE__, __LINE__, "%s", why_);                                    \
            return;                                                                        \
        }                                                                                  \
    } while (0)

static char path_buf[512], path_buf2[512], path2[512];
static const struct path_ctx *ctx = &kt_root_ctx;
static const struct cred user_cred = {1000, 1000, 0, {0}};
static const struct path_ctx user_ctx = {NULL, NULL, &user_cred};

static long write_file(const char *path, const void *data, size_t len, int flags)
{
    struct file *f;
    long n;
    int err = vfs_open(path, O_WRONLY | O_CREAT | flags, 0644, ctx, &f);

    if (err < 0)
        return err;
    n = vfs_write(f, data, len);
    file_put(f);
    return n;
}

static long read_file(const char *path, void *buf, size_t max)
{
    struct file *f;
    long n, total = 0;
    int err = vfs_open(path, O_RDONLY, 0, ctx, &f);

    if (err < 0)
        return err;
    while ((size_t)total < max && (n = vfs_read(f, (uint8_t *)buf + total, max - (size_t)total)) > 0)
        total += n;
    file_put(f);
    return total;
}

static void pattern(uint8_t *p, size_t n, uint32_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed = seed * 1103515245u + 12345u;
        p[i] = (uint8_t)(seed >> 16);
    }
}

KTEST(fs_create_write_read_stat)
{
    size_t n = 300 * 1024 + 123; /* crosses the direct blocks into the indirect block */
    uint8_t *w = kmalloc(n), *r = kmalloc(n);
    struct stat st;

    NEED_SCRATCH();
    KT_ASSERT(w && r);
    pattern(w, n, 1);
    KT_ASSERT_EQ(write_file(P("data"), w, n, O_TRUNC), (long)n);
    KT_ASSERT_EQ(vfs_stat(P("data"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_size, n);
    KT_ASSERT(S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644 && st.st_nlink == 1);
    KT_ASSERT(st.st_blocks >= n / 512);
    KT_ASSERT_EQ(read_file(P("data"), r, n + 100), (long)n);
    KT_ASSERT(memcmp(w, r, n) == 0);
    KT_ASSERT_EQ(vfs_unlink(P("data"), ctx), 0);
    KT_ASSERT_EQ(vfs_stat(P("data"), &st, 1, ctx), -ENOENT);
    kfree(w);
    kfree(r);
}

KTEST(fs_open_flags)
{
    struct file *f;
    char buf[32];

    NEED_SCRATCH();
    KT_ASSERT_EQ(write_file(P("flags"), "hello", 5, O_TRUNC), 5);
    KT_ASSERT_EQ(vfs_open(P("flags"), O_RDWR | O_CREAT | O_EXCL, 0644, ctx, &f), -EEXIST);
    KT_ASSERT_EQ(write_file(P("flags"), " world", 6, O_APPEND), 6);
    KT_ASSERT_EQ(read_file(P("flags"), buf, sizeof buf), 11);
    KT_ASSERT(memcmp(buf, "hello world", 11) == 0);
    KT_ASSERT_EQ(write_file(P("flags"), "x", 1, O_TRUNC), 1);
    KT_ASSERT_EQ(read_file(P("flags"), buf, sizeof buf), 1);
    KT_ASSERT_EQ(vfs_open(P("flags"), O_RDONLY | O_DIRECTORY, 0, ctx, &f), -ENOTDIR);
    KT_ASSERT_EQ(vfs_open(P(""), O_WRONLY, 0, ctx, &f), -EISDIR);
    KT_ASSERT_EQ(vfs_open(P("missing"), O_RDONLY, 0, ctx, &f), -ENOENT);
    KT_ASSERT_EQ(vfs_open(P("flags/x"), O_RDONLY, 0, ctx, &f), -ENOTDIR);
    /* A read-only descriptor cannot write, a write-only one cannot read. */
    KT_ASSERT_EQ(vfs_open(P("flags"), O_RDONLY, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_write(f, "y", 1), -EBADF);
    file_put(f);
    KT_ASSERT_EQ(vfs_open(P("flags"), O_WRONLY, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_read(f, buf, 1), -EBADF);
    file_put(f);
    KT_ASSERT_EQ(vfs_unlink(P("flags"), ctx), 0);
}

KTEST(fs_truncate_and_holes)
{
    uint8_t buf[8192];
    struct file *f;
    struct inode *ino;

    NEED_SCRATCH();
    memset(buf, 0xab, sizeof buf);
    KT_ASSERT_EQ(write_file(P("trunc"), buf, sizeof buf, O_TRUNC), (long)sizeof buf);
    KT_ASSERT_EQ(vfs_lookup(P("trunc"), ctx, 1, &ino), 0);
    KT_ASSERT_EQ(vfs_truncate(ino, 100, &cred_root), 0);
    KT_ASSERT_EQ(ino->size, 100);
    KT_ASSERT_EQ(vfs_truncate(ino, 5000, &cred_root), 0); /* grows with zeros */
    iput(ino);
    memset(buf, 0x11, sizeof buf);
    KT_ASSERT_EQ(read_file(P("trunc"), buf, sizeof buf), 5000);
    KT_ASSERT(buf[99] == 0xab && buf[100] == 0 && buf[4999] == 0);
    /* A write far past the end leaves a hole that reads as zeros. */
    KT_ASSERT_EQ(vfs_open(P("trunc"), O_WRONLY, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_pwrite(f, "end", 3, 200000), 3);
    file_put(f);
    KT_ASSERT_EQ(vfs_open(P("trunc"), O_RDONLY, 0, ctx, &f), 0);
    memset(buf, 0x11, sizeof buf);
    KT_ASSERT_EQ(vfs_pread(f, buf, 4096, 100000), 4096);
    KT_ASSERT(buf[0] == 0 && buf[4095] == 0);
    KT_ASSERT_EQ(vfs_pread(f, buf, 10, 200000), 3);
    KT_ASSERT(memcmp(buf, "end", 3) == 0);
    KT_ASSERT_EQ(vfs_lseek(f, 0, SEEK_END), 200003);
    file_put(f);
    KT_ASSERT_EQ(vfs_unlink(P("trunc"), ctx), 0);
}

KTEST(fs_directories_and_rename)
{
    struct stat st;
    char buf[8];

    NEED_SCRATCH();
    KT_ASSERT_EQ(vfs_mkdir(P("d1"), 0755, ctx), 0);
    KT_ASSERT_EQ(vfs_mkdir(P("d1"), 0755, ctx), -EEXIST);
    KT_ASSERT_EQ(vfs_mkdir(P("d1/sub"), 0755, ctx), 0);
    KT_ASSERT_EQ(vfs_stat(P("d1"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_nlink, 3); /* entry, ".", and sub's ".." */
    KT_ASSERT_EQ(write_file(P("d1/sub/f"), "abc", 3, 0), 3);
    KT_ASSERT_EQ(vfs_rmdir(P("d1"), ctx), -ENOTEMPTY);
    KT_ASSERT_EQ(vfs_rename(P("d1"), P2("d1/sub/inside"), ctx), -EINVAL);
    /* Rename a file over another: the target is replaced. */
    KT_ASSERT_EQ(write_file(P("d1/other"), "zzzz", 4, 0), 4);
    KT_ASSERT_EQ(vfs_rename(P("d1/sub/f"), P2("d1/other"), ctx), 0);
    KT_ASSERT_EQ(read_file(P("d1/other"), buf, sizeof buf), 3);
    KT_ASSERT_EQ(vfs_stat(P("d1/sub/f"), &st, 1, ctx), -ENOENT);
    /* Move a directory to another parent: link counts and ".." follow. */
    KT_ASSERT_EQ(vfs_mkdir(P("d2"), 0755, ctx), 0);
    KT_ASSERT_EQ(vfs_rename(P("d1/sub"), P2("d2/moved"), ctx), 0);
    KT_ASSERT_EQ(vfs_stat(P("d1"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_nlink, 2);
    KT_ASSERT_EQ(vfs_stat(P("d2"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_nlink, 3);
    KT_ASSERT_EQ(vfs_stat(P("d2/moved/.."), &st, 1, ctx), 0);
    {
        struct stat d2;
        KT_ASSERT_EQ(vfs_stat(P("d2"), &d2, 1, ctx), 0);
        KT_ASSERT_EQ(st.st_ino, d2.st_ino);
    }
    KT_ASSERT_EQ(vfs_rename(P("d1/other"), P2("d2/moved"), ctx), -EISDIR);
    KT_ASSERT_EQ(vfs_rename(P("d2/moved"), P2("d1/other"), ctx), -ENOTDIR);
    KT_ASSERT_EQ(vfs_unlink(P("d1/other"), ctx), 0);
    KT_ASSERT_EQ(vfs_rmdir(P("d2/moved"), ctx), 0);
    KT_ASSERT_EQ(vfs_rmdir(P("d2"), ctx), 0);
    KT_ASSERT_EQ(vfs_rmdir(P("d1"), ctx), 0);
    KT_ASSERT_EQ(vfs_unlink(P("d1"), ctx), -ENOENT);
}

KTEST(fs_links_and_symlinks)
{
    struct stat st;
    char buf[64];
    struct inode *ino;

    NEED_SCRATCH();
    KT_ASSERT_EQ(write_file(P("target"), "content", 7, O_TRUNC), 7);
    KT_ASSERT_EQ(vfs_link(P("target"), P2("hard"), ctx), 0);
    KT_ASSERT_EQ(vfs_stat(P("target"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_nlink, 2);
    KT_ASSERT_EQ(vfs_link(P("target"), P2("hard"), ctx), -EEXIST);
    KT_ASSERT_EQ(vfs_symlink("target", P("soft"), ctx), 0);
    KT_ASSERT_EQ(read_file(P("soft"), buf, sizeof buf), 7);
    KT_ASSERT_EQ(vfs_stat(P("soft"), &st, 0, ctx), 0);
    KT_ASSERT(S_ISLNK(st.st_mode) && st.st_size == 6);
    KT_ASSERT_EQ(vfs_readlink(P("soft"), buf, sizeof buf, ctx), 6);
    KT_ASSERT(memcmp(buf, "target", 6) == 0);
    /* A long target lives in a block of its own. */
    memset(path2, 'x', 200);
    path2[200] = '\0';
    KT_ASSERT_EQ(vfs_symlink(path2, P("longlink"), ctx), 0);
    KT_ASSERT_EQ(vfs_readlink(P("longlink"), buf, 64, ctx), 64);
    KT_ASSERT_EQ(vfs_stat(P("longlink"), &st, 1, ctx), -ENOENT); /* dangling */
    /* A cycle of links ends in ELOOP. */
    KT_ASSERT_EQ(vfs_symlink("loop2", P("loop1"), ctx), 0);
    KT_ASSERT_EQ(vfs_symlink("loop1", P("loop2"), ctx), 0);
    KT_ASSERT_EQ(vfs_lookup(P("loop1"), ctx, 1, &ino), -ELOOP);
    KT_ASSERT_EQ(vfs_unlink(P("target"), ctx), 0);
    KT_ASSERT_EQ(read_file(P("hard"), buf, sizeof buf), 7); /* still there by its other name */
    KT_ASSERT_EQ(vfs_stat(P("hard"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_nlink, 1);
    KT_ASSERT_EQ(vfs_unlink(P("hard"), ctx), 0);
    KT_ASSERT_EQ(vfs_unlink(P("soft"), ctx), 0);
    KT_ASSERT_EQ(vfs_unlink(P("longlink"), ctx), 0);
    KT_ASSERT_EQ(vfs_unlink(P("loop1"), ctx), 0);
    KT_ASSERT_EQ(vfs_unlink(P("loop2"), ctx), 0);
}

KTEST(fs_permissions)
{
    struct file *f;
    struct inode *ino;

    NEED_SCRATCH();
    KT_ASSERT_EQ(write_file(P("secret"), "s", 1, O_TRUNC), 1);
    KT_ASSERT_EQ(vfs_chmod(P("secret"), 0600, ctx), 0);
    KT_ASSERT_EQ(vfs_open(P("secret"), O_RDONLY, 0, &user_ctx, &f), -EACCES);
    KT_ASSERT_EQ(vfs_chown(P("secret"), 1000, 1000, 1, ctx), 0);
    KT_ASSERT_EQ(vfs_open(P("secret"), O_RDONLY, 0, &user_ctx, &f), 0); /* now the owner */
    file_put(f);
    KT_ASSERT_EQ(vfs_chmod(P("secret"), 0644, &user_ctx), 0);
    KT_ASSERT_EQ(vfs_chown(P("secret"), 0, 0, 1, &user_ctx), -EPERM);
    /* A directory without search permission hides its contents. */
    KT_ASSERT_EQ(vfs_mkdir(P("locked"), 0700, ctx), 0);
    KT_ASSERT_EQ(write_file(P("locked/f"), "x", 1, 0), 1);
    KT_ASSERT_EQ(vfs_lookup(P("locked/f"), &user_ctx, 1, &ino), -EACCES);
    KT_ASSERT_EQ(vfs_unlink(P("locked/f"), &user_ctx), -EACCES);
    KT_ASSERT_EQ(vfs_lookup(P("locked/f"), ctx, 1, &ino), 0); /* root may */
    iput(ino);
    KT_ASSERT_EQ(vfs_unlink(P("locked/f"), ctx), 0);
    KT_ASSERT_EQ(vfs_rmdir(P("locked"), ctx), 0);
    KT_ASSERT_EQ(vfs_unlink(P("secret"), ctx), 0);
}

KTEST(fs_many_files_in_one_directory)
{
    static uint8_t dents[4096];
    char name[32];
    struct file *dir;
    long n, entries = 0;
    struct stat st;

    NEED_SCRATCH();
    KT_ASSERT_EQ(vfs_mkdir(P("many"), 0755, ctx), 0);
    for (int i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "many/file-%05d", i);
        if (write_file(P(name), name, 4, O_EXCL) != 4) {
            ktest_fail(__FILE__, __LINE__, "creating %s failed", name);
            return;
        }
    }
    KT_ASSERT_EQ(vfs_stat(P("many/file-07777"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(vfs_stat(P("many/file-10000"), &st, 1, ctx), -ENOENT);
    KT_ASSERT_EQ(vfs_open(P("many"), O_RDONLY | O_DIRECTORY, 0, ctx, &dir), 0);
    while ((n = vfs_getdents(dir, dents, sizeof dents)) > 0) {
        for (long off = 0; off < n; off += ((struct dirent64 *)(dents + off))->d_reclen)
            entries++;
    }
    file_put(dir);
    KT_ASSERT_EQ(n, 0);
    KT_ASSERT_EQ(entries, 10002); /* and "." and ".." */
    for (int i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "many/file-%05d", i);
        if (vfs_unlink(P(name), ctx) != 0) {
            ktest_fail(__FILE__, __LINE__, "removing %s failed", name);
            return;
        }
    }
    KT_ASSERT_EQ(vfs_rmdir(P("many"), ctx), 0);
}

KTEST(fs_deep_tree)
{
    char *path = kmalloc(PATH_MAX), *up = kmalloc(PATH_MAX);
    size_t len, top_len;
    struct stat st, top;
    int depth = 60;

    NEED_SCRATCH();
    KT_ASSERT(path != NULL && up != NULL);
    strlcpy(path, P("deep"), PATH_MAX);
    len = top_len = strlen(path);
    for (int i = 0; i < depth; i++) {
        KT_ASSERT_EQ(vfs_mkdir(path, 0755, ctx), 0);
        len += (size_t)snprintf(path + len, PATH_MAX - len, "/level%02d", i);
    }
    KT_ASSERT_EQ(write_file(path, "bottom", 6, 0), 6);
    KT_ASSERT_EQ(vfs_stat(path, &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_size, 6);
    /* From the deepest directory, ".." depth - 1 times names the top directory. */
    strlcpy(up, path, PATH_MAX);
    *strrchr(up, '/') = '\0';
    for (int i = 0; i < depth - 1; i++)
        strlcpy(up + strlen(up), "/..", PATH_MAX - strlen(up));
    KT_ASSERT_EQ(vfs_stat(up, &st, 1, ctx), 0);
    path[top_len] = '\0';
    KT_ASSERT_EQ(vfs_stat(path, &top, 1, ctx), 0);
    path[top_len] = '/';
    KT_ASSERT_EQ(st.st_ino, top.st_ino);
    /* Remove the file, then every directory from the bottom up. */
    KT_ASSERT_EQ(vfs_unlink(path, ctx), 0);
    for (int i = 0; i < depth; i++) {
        *strrchr(path, '/') = '\0';
        KT_ASSERT_EQ(vfs_rmdir(path, ctx), 0);
    }
    kfree(path);
    kfree(up);
}

KTEST(fs_sparse_file_above_1gib)
{
    const uint64_t far = (1ull << 30) + 12345; /* past 1 GiB: through the double indirect */
    struct file *f;
    struct stat st;
    char buf[16];

    NEED_SCRATCH();
    KT_ASSERT_EQ(vfs_open(P("sparse"), O_RDWR | O_CREAT | O_TRUNC, 0644, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_pwrite(f, "head", 4, 0), 4);
    KT_ASSERT_EQ(vfs_pwrite(f, "tail", 4, far), 4);
    KT_ASSERT_EQ(vfs_pread(f, buf, 4, far), 4);
    KT_ASSERT(memcmp(buf, "tail", 4) == 0);
    memset(buf, 0x55, sizeof buf);
    KT_ASSERT_EQ(vfs_pread(f, buf, sizeof buf, far / 2), (long)sizeof buf);
    KT_ASSERT(buf[0] == 0 && buf[15] == 0);
    file_put(f);
    KT_ASSERT_EQ(vfs_stat(P("sparse"), &st, 1, ctx), 0);
    KT_ASSERT_EQ(st.st_size, far + 4);
    KT_ASSERT(st.st_blocks < 200); /* two data blocks and a few indirect ones, not 1 GiB */
    KT_ASSERT_EQ(vfs_unlink(P("sparse"), ctx), 0);
}

KTEST(fs_out_of_space_and_inodes)
{
    static uint8_t chunk[65536];
    char name[32];
    struct file *f;
    long n = 0, total = 0;
    int files = 0, err = 0;

    NEED_SCRATCH();
    /* Fill the disk: the write that does not fit reports ENOSPC (or a short count). */
    KT_ASSERT_EQ(vfs_open(P("fill"), O_WRONLY | O_CREAT | O_TRUNC, 0644, ctx, &f), 0);
    memset(chunk, 0x77, sizeof chunk);
    for (int i = 0; i < 1 << 16; i++) {
        n = vfs_write(f, chunk, sizeof chunk);
        if (n != (long)sizeof chunk)
            break;
        total += n;
    }
    file_put(f);
    KT_ASSERT(n == -ENOSPC || (n >= 0 && n < (long)sizeof chunk));
    KT_ASSERT(total > 0);
    /* Creating more files still works until the inodes or the directory space run out. */
    for (files = 0; files < 100000; files++) {
        snprintf(name, sizeof name, "inode-%06d", files);
        err = vfs_mknod(P(name), S_IFREG | 0644, 0, ctx);
        if (err < 0)
            break;
    }
    KT_ASSERT_EQ(err, -ENOSPC);
    /* Everything is given back. */
    for (int i = 0; i < files; i++) {
        snprintf(name, sizeof name, "inode-%06d", i);
        KT_ASSERT_EQ(vfs_unlink(P(name), ctx), 0);
    }
    KT_ASSERT_EQ(vfs_unlink(P("fill"), ctx), 0);
    KT_ASSERT_EQ(write_file(P("after"), "ok", 2, O_TRUNC), 2);
    KT_ASSERT_EQ(vfs_unlink(P("after"), ctx), 0);
}

KTEST(fs_bad_names)
{
    char name[300];
    struct inode *ino;

    NEED_SCRATCH();
    memset(name, 'n', sizeof name);
    name[sizeof name - 1] = '\0';
    KT_ASSERT_EQ(vfs_mkdir(P(name), 0755, ctx), -ENAMETOOLONG);
    KT_ASSERT_EQ(vfs_lookup("", ctx, 1, &ino), -ENOENT);
    KT_ASSERT_EQ(vfs_rmdir(P("."), ctx), -EINVAL);
    KT_ASSERT_EQ(vfs_mkdir(P(".."), 0755, ctx), -EEXIST);
    KT_ASSERT_EQ(vfs_unlink(P(""), ctx), -EISDIR);
}

KTEST(devfs_devices)
{
    uint8_t a[64], b[64];
    struct file *f;

    KT_ASSERT_EQ(vfs_open("/dev/zero", O_RDONLY, 0, ctx, &f), 0);
    memset(a, 1, sizeof a);
    KT_ASSERT_EQ(vfs_read(f, a, sizeof a), (long)sizeof a);
    KT_ASSERT(a[0] == 0 && a[63] == 0);
    file_put(f);
    KT_ASSERT_EQ(vfs_open("/dev/null", O_RDWR, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_read(f, a, sizeof a), 0);
    KT_ASSERT_EQ(vfs_write(f, a, sizeof a), (long)sizeof a);
    file_put(f);
    KT_ASSERT_EQ(vfs_open("/dev/full", O_WRONLY, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_write(f, a, 1), -ENOSPC);
    file_put(f);
    KT_ASSERT_EQ(vfs_open("/dev/urandom", O_RDONLY, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_read(f, a, sizeof a), (long)sizeof a);
    KT_ASSERT_EQ(vfs_read(f, b, sizeof b), (long)sizeof b);
    KT_ASSERT(memcmp(a, b, sizeof a) != 0);
    file_put(f);
    /* The boot disk as a block device: its first sector ends in the MBR signature. */
    KT_ASSERT_EQ(vfs_open("/dev/hda", O_RDONLY, 0, ctx, &f), 0);
    KT_ASSERT_EQ(vfs_pread(f, a, 2, 510), 2);
    KT_ASSERT(a[0] == 0x55 && a[1] == 0xaa);
    file_put(f);
    KT_ASSERT_EQ(vfs_unlink("/dev/null", ctx), -EPERM);
}

KTEST(bcache_hits_and_writeback)
{
    struct block_device *dev = blockdev_find("hdb");
    struct bcache_stats before, after;
    struct buf *b;
    uint8_t saved[16];

    NEED_SCRATCH();
    KT_ASSERT(dev != NULL);
    bcache_get_stats(&before);
    b = bread(dev, 0, 4096);
    KT_ASSERT(b != NULL);
    brelse(b);
    b = bread(dev, 0, 4096); /* the second read is served from memory */
    KT_ASSERT(b != NULL);
    memcpy(saved, b->data + 3000, sizeof saved);
    brelse(b);
    bcache_get_stats(&after);
    KT_ASSERT(after.hits >= before.hits + 1);
    /* A dirty buffer is written by sync: read it back under the cache. */
    b = bread(dev, 0, 4096);
    b->data[3000] ^= 0xff;
    bdirty(b);
    brelse(b);
    KT_ASSERT_EQ(bcache_sync(dev), 0);
    {
        static uint8_t raw[4096];
        KT_ASSERT_EQ(blockdev_read(dev, 0, 8, raw), 0);
        KT_ASSERT_EQ(raw[3000], (uint8_t)(saved[0] ^ 0xffu));
    }
    b = bread(dev, 0, 4096);
    b->data[3000] = saved[0];
    bdirty(b);
    brelse(b);
    KT_ASSERT_EQ(bcache_sync(dev), 0);
}
