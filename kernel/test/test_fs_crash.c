/*
 * test_fs_crash.c - the two halves of the crash test (tests/system/test_fs_crash.py).
 *
 * manual_fs_crash_writer writes files crash/f<i> of known content on the
 * scratch disk, interleaved with metadata churn that is never synced (files
 * created, renamed, truncated and removed), and syncs after each f<i>,
 * printing "SYNCED <i>". The harness kills the machine at a random moment.
 * manual_fs_crash_check then mounts the disk again (the journal replays) and
 * checks that every file that was synced is whole and that every other f<i>
 * that exists holds a correct prefix of its content; it prints
 * "CRASHCHECK files=<n> bad=<m>".
 */
#include <fs/vfs.h>
#include <lib/format.h>
#include <lib/kprintf.h>
#include <mm/kmalloc.h>
#include <string.h>
#include <test/fs_scratch.h>
#include <test/ktest.h>
#include <uapi/errno.h>

#define MAX_FILES 100000
#define MAX_SIZE 40000

static const struct path_ctx *ctx = &kt_root_ctx;

static size_t size_of(int i)
{
    return 1000 + (size_t)(i * 7919 % (MAX_SIZE - 1000));
}

static void content(uint8_t *p, size_t n, int i)
{
    uint32_t x = 0x9e3779b9u * (uint32_t)(i + 1);

    for (size_t k = 0; k < n; k++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        p[k] = (uint8_t)x;
    }
}

static long write_whole(const char *path, const void *data, size_t n)
{
    struct file *f;
    long w;
    int err = vfs_open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644, ctx, &f);

    if (err < 0)
        return err;
    w = vfs_write(f, data, n);
    file_put(f);
    return w;
}

KTEST(manual_fs_crash_writer)
{
    char path[128], other[128];
    uint8_t *buf = kmalloc(MAX_SIZE);
    const char *dir;

    KT_ASSERT(buf != NULL);
    dir = fs_scratch_dir(NULL);
    KT_ASSERT(dir != NULL);
    snprintf(path, sizeof path, "%s/crash", dir);
    KT_ASSERT(vfs_mkdir(path, 0755, ctx) == 0);
    vfs_sync();
    for (int i = 0; i < MAX_FILES; i++) {
        size_t n = size_of(i);
        long w;
        /* Unsynced churn: a scratch file made, grown, renamed and removed. */
        snprintf(path, sizeof path, "%s/crash/tmp%d", dir, i);
        snprintf(other, sizeof other, "%s/crash/moved%d", dir, i);
        content(buf, n, -i);
        write_whole(path, buf, n);
        vfs_rename(path, other, ctx);
        if (i % 3)
            vfs_unlink(other, ctx);
        if (i >= 3 && (i - 3) % 3 == 0) {
            snprintf(other, sizeof other, "%s/crash/moved%d", dir, i - 3);
            vfs_unlink(other, ctx);
        }
        /* The file that counts, then sync. */
        snprintf(path, sizeof path, "%s/crash/f%d", dir, i);
        content(buf, n, i);
        w = write_whole(path, buf, n);
        if (w == -ENOSPC)
            break;
        KT_ASSERT_EQ(w, (long)n);
        KT_ASSERT_EQ(vfs_sync(), 0);
        kprintf("SYNCED %d\n", i);
    }
    kfree(buf);
}

KTEST(manual_fs_crash_check)
{
    char path[128];
    uint8_t *want = kmalloc(MAX_SIZE), *got = kmalloc(MAX_SIZE);
    const char *dir = fs_scratch_dir(NULL);
    int files = 0, bad = 0, missing_run = 0;

    KT_ASSERT(want && got && dir);
    for (int i = 0; i < MAX_FILES && missing_run < 3; i++) {
        struct file *f;
        size_t n = size_of(i);
        long r, total = 0;
        snprintf(path, sizeof path, "%s/crash/f%d", dir, i);
        if (vfs_open(path, O_RDONLY, 0, ctx, &f) < 0) {
            missing_run++; /* the writer may have died before its last files */
            continue;
        }
        if (missing_run) {
            kprintf("CRASHCHECK f%d exists after a missing file\n", i);
            bad++;
        }
        missing_run = 0;
        files = i + 1;
        while (total < (long)MAX_SIZE && (r = vfs_read(f, got + total, MAX_SIZE - total)) > 0)
            total += r;
        file_put(f);
        content(want, n, i);
        if (total > (long)n || memcmp(got, want, (size_t)total) != 0) {
            kprintf("CRASHCHECK f%d: %ld bytes, content wrong\n", i, total);
            bad++;
        } else {
            kprintf("CRASHFILE %d %ld %s\n", i, total, total == (long)n ? "whole" : "partial");
        }
    }
    kprintf("CRASHCHECK files=%d bad=%d\n", files, bad);
    KT_ASSERT_EQ(bad, 0);
    kfree(want);
    kfree(got);
}
