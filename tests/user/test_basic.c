/*
 * test_basic.c - the first system calls: identity, files (open, read, write,
 * lseek, pread/pwrite, close, stat), the errors bad arguments must give
 * (ENOENT, EBADF, EFAULT, ...), directories, names, the working directory,
 * time, and the libc layers on top (stdio, readdir). Everything happens in
 * /tmp, which each case leaves as it found it.
 */
#define UTEST_SUITE "basic"
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>

#define KERNEL_ADDR ((void *)0xC0000000)
#define LOW_ADDR ((void *)0x10)

/* Create path with the given content; 0 or -1. */
static int make_file(const char *path, const char *content)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    size_t n = strlen(content);

    if (fd < 0)
        return -1;
    if (write(fd, content, n) != (ssize_t)n) {
        close(fd);
        return -1;
    }
    return close(fd);
}

/* Read at most size - 1 bytes of path into buf, NUL-terminated; the count or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY);
    ssize_t n;

    if (fd < 0)
        return -1;
    n = read(fd, buf, size - 1);
    close(fd);
    if (n >= 0)
        buf[n] = '\0';
    return n;
}

UTEST(getpid_is_positive)
{
    pid_t pid = getpid();

    UT_ASSERT(pid > 0);
    UT_ASSERT_EQ(getpid(), pid); /* stable */
    UT_ASSERT(getppid() > 0);
    UT_ASSERT(getppid() != pid);
}

UTEST(write_to_stdout)
{
    static const char line[] = "test_basic: this line was written to fd 1\n";

    UT_ASSERT_EQ(write(1, line, sizeof line - 1), sizeof line - 1);
    UT_ASSERT_EQ(write(1, line, 0), 0);
}

UTEST(file_create_write_read)
{
    const char *path = "/tmp/basic.rw";
    char buf[64];
    int fd;

    unlink(path);
    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 3); /* 0, 1 and 2 are taken */
    UT_ASSERT_EQ(write(fd, "hello, adventos", 15), 15);
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 15);
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
    memset(buf, 0, sizeof buf);
    UT_ASSERT_EQ(read(fd, buf, sizeof buf), 15);
    UT_ASSERT_STR(buf, "hello, adventos");
    UT_ASSERT_EQ(read(fd, buf, sizeof buf), 0); /* end of file */
    UT_ASSERT_EQ(close(fd), 0);

    /* A second open sees the data; O_TRUNC empties the file. */
    UT_ASSERT_EQ(read_file(path, buf, sizeof buf), 15);
    UT_ASSERT_STR(buf, "hello, adventos");
    fd = open(path, O_WRONLY | O_TRUNC);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(read_file(path, buf, sizeof buf), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(lseek_whence_and_errors)
{
    const char *path = "/tmp/basic.seek";
    char buf[16] = {0};
    int fd;

    UT_ASSERT_EQ(make_file(path, "0123456789abcdef"), 0);
    fd = open(path, O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(lseek(fd, -6, SEEK_END), 10);
    UT_ASSERT_EQ(read(fd, buf, 3), 3);
    UT_ASSERT_STR(buf, "abc");
    UT_ASSERT_EQ(lseek(fd, -5, SEEK_CUR), 8);
    UT_ASSERT_EQ(read(fd, buf, 2), 2);
    UT_ASSERT(memcmp(buf, "89", 2) == 0);
    UT_ASSERT_ERRNO(lseek(fd, -1, SEEK_SET), EINVAL);
    UT_ASSERT_ERRNO(lseek(fd, 0, 42), EINVAL);
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 10); /* the failed seeks moved nothing */
    /* Offsets beyond 4 GiB: the 64-bit halves must both arrive. */
    UT_ASSERT_EQ(lseek(fd, 0x100000005ll, SEEK_SET), 0x100000005ll);
    UT_ASSERT_EQ(read(fd, buf, sizeof buf), 0);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(pread_pwrite_keep_the_offset)
{
    const char *path = "/tmp/basic.pio";
    char buf[16] = {0};
    int fd;

    UT_ASSERT_EQ(make_file(path, "abcdefghij"), 0);
    fd = open(path, O_RDWR);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(lseek(fd, 2, SEEK_SET), 2);
    UT_ASSERT_EQ(pwrite(fd, "XYZ", 3, 5), 3);
    UT_ASSERT_EQ(pread(fd, buf, 4, 4), 4);
    UT_ASSERT_STR(buf, "eXYZ");
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 2);
    UT_ASSERT_ERRNO(pread(fd, buf, 1, -1), EINVAL);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(read_file(path, buf, sizeof buf), 10);
    UT_ASSERT_STR(buf, "abcdeXYZij");
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(hole_reads_as_zeros)
{
    const char *path = "/tmp/basic.hole";
    char buf[64];
    struct stat st;
    int fd;

    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(lseek(fd, 10000, SEEK_SET), 10000);
    UT_ASSERT_EQ(write(fd, "end", 3), 3);
    UT_ASSERT_EQ(fstat(fd, &st), 0);
    UT_ASSERT_EQ(st.st_size, 10003);
    memset(buf, 0x55, sizeof buf);
    UT_ASSERT_EQ(pread(fd, buf, sizeof buf, 5000), (ssize_t)sizeof buf);
    for (size_t i = 0; i < sizeof buf; i++)
        UT_ASSERT_EQ(buf[i], 0);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(large_file_round_trip)
{
    /* 256 KiB: well past the direct blocks of a 4 KiB-block file system. */
    const char *path = "/tmp/basic.large";
    static uint32_t chunk[1024];
    int fd;

    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 0);
    for (uint32_t c = 0; c < 64; c++) {
        for (uint32_t i = 0; i < 1024; i++)
            chunk[i] = c * 1024 + i;
        UT_ASSERT_EQ(write(fd, chunk, sizeof chunk), sizeof chunk);
    }
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_END), 64 * sizeof chunk);
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_SET), 0);
    for (uint32_t c = 0; c < 64; c++) {
        UT_ASSERT_EQ(read(fd, chunk, sizeof chunk), sizeof chunk);
        for (uint32_t i = 0; i < 1024; i++)
            if (chunk[i] != c * 1024 + i)
                UT_ASSERT_MSG(0, "word %u of chunk %u is %u", i, c, chunk[i]);
    }
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(truncate_and_ftruncate)
{
    const char *path = "/tmp/basic.trunc";
    struct stat st;
    char buf[16];
    int fd;

    UT_ASSERT_EQ(make_file(path, "0123456789"), 0);
    fd = open(path, O_RDWR);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(ftruncate(fd, 3), 0);
    UT_ASSERT_EQ(fstat(fd, &st), 0);
    UT_ASSERT_EQ(st.st_size, 3);
    UT_ASSERT_EQ(ftruncate(fd, 6), 0); /* growing adds zeros */
    UT_ASSERT_EQ(pread(fd, buf, sizeof buf, 0), 6);
    UT_ASSERT(memcmp(buf, "012\0\0\0", 6) == 0);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(truncate(path, 0), 0);
    UT_ASSERT_EQ(stat(path, &st), 0);
    UT_ASSERT_EQ(st.st_size, 0);
    UT_ASSERT_ERRNO(truncate("/tmp/basic.none", 0), ENOENT);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(stat_and_fstat)
{
    const char *path = "/tmp/basic.stat";
    struct stat st, st2;
    mode_t old = umask(022);
    int fd;

    UT_ASSERT_EQ(make_file(path, "twelve bytes"), 0);
    umask(old);
    UT_ASSERT_EQ(stat(path, &st), 0);
    UT_ASSERT(S_ISREG(st.st_mode));
    UT_ASSERT_EQ(st.st_mode & 07777, 0644);
    UT_ASSERT_EQ(st.st_size, 12);
    UT_ASSERT_EQ(st.st_nlink, 1);
    UT_ASSERT(st.st_ino > 0);
    UT_ASSERT_EQ(st.st_uid, getuid());
    fd = open(path, O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(fstat(fd, &st2), 0);
    UT_ASSERT_EQ(st2.st_ino, st.st_ino);
    UT_ASSERT_EQ(st2.st_dev, st.st_dev);
    UT_ASSERT_EQ(st2.st_size, 12);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink(path), 0);

    UT_ASSERT_EQ(stat("/", &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode));
    /* The image makes /tmp world-writable with the sticky bit. */
    UT_ASSERT_EQ(stat("/tmp", &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode));
    UT_ASSERT_EQ(st.st_mode & 07777, 01777);
    UT_ASSERT_EQ(stat("/bin/hello", &st), 0);
    UT_ASSERT(S_ISREG(st.st_mode) && (st.st_mode & 0111));
}

UTEST(open_errors)
{
    const char *path = "/tmp/basic.exists";

    UT_ASSERT_ERRNO(open("/tmp/basic.missing", O_RDONLY), ENOENT);
    UT_ASSERT_ERRNO(open("/no/such/dir/file", O_RDONLY), ENOENT);
    UT_ASSERT_ERRNO(open("/tmp/basic.nodir/file", O_WRONLY | O_CREAT, 0644), ENOENT);
    UT_ASSERT_ERRNO(open("", O_RDONLY), ENOENT);
    UT_ASSERT_EQ(make_file(path, "x"), 0);
    UT_ASSERT_ERRNO(open(path, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
    UT_ASSERT_ERRNO(open("/tmp/basic.exists/below", O_RDONLY), ENOTDIR);
    UT_ASSERT_ERRNO(open(path, O_RDONLY | O_DIRECTORY), ENOTDIR);
    UT_ASSERT_ERRNO(open("/tmp", O_WRONLY), EISDIR);
    UT_ASSERT_ERRNO(open("/tmp", O_RDWR), EISDIR);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(bad_fd_gives_ebadf)
{
    const char *path = "/tmp/basic.ebadf";
    struct stat st;
    char buf[4];
    int fd;

    UT_ASSERT_ERRNO(read(99, buf, 1), EBADF);
    UT_ASSERT_ERRNO(write(99, "x", 1), EBADF);
    UT_ASSERT_ERRNO(read(-1, buf, 1), EBADF);
    UT_ASSERT_ERRNO(close(99), EBADF);
    UT_ASSERT_ERRNO(close(-1), EBADF);
    UT_ASSERT_ERRNO(fstat(99, &st), EBADF);
    UT_ASSERT_ERRNO(lseek(99, 0, SEEK_SET), EBADF);
    UT_ASSERT_ERRNO(dup(99), EBADF);
    UT_ASSERT_ERRNO(dup2(99, 5), EBADF);
    UT_ASSERT_ERRNO(read(100000, buf, 1), EBADF);

    /* The access mode counts: no writing through a read-only descriptor and back. */
    UT_ASSERT_EQ(make_file(path, "data"), 0);
    fd = open(path, O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_ERRNO(write(fd, "x", 1), EBADF);
    UT_ASSERT_EQ(close(fd), 0);
    fd = open(path, O_WRONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_ERRNO(read(fd, buf, 1), EBADF);
    UT_ASSERT_EQ(close(fd), 0);
    /* A closed descriptor is gone. */
    UT_ASSERT_ERRNO(read(fd, buf, 1), EBADF);
    UT_ASSERT_ERRNO(close(fd), EBADF);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(bad_pointer_gives_efault)
{
    const char *path = "/tmp/basic.efault";
    int fd;

    /* Unmapped user memory and kernel memory alike: EFAULT, never a crash. */
    UT_ASSERT_ERRNO(write(1, LOW_ADDR, 5), EFAULT);
    UT_ASSERT_ERRNO(write(1, NULL, 1), EFAULT);
    UT_ASSERT_ERRNO(write(1, KERNEL_ADDR, 16), EFAULT);
    UT_ASSERT_EQ(make_file(path, "some data to read"), 0);
    fd = open(path, O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_ERRNO(read(fd, KERNEL_ADDR, 1), EFAULT);
    UT_ASSERT_ERRNO(read(fd, LOW_ADDR, 4), EFAULT);
    UT_ASSERT_ERRNO(fstat(fd, KERNEL_ADDR), EFAULT);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_ERRNO(open(LOW_ADDR, O_RDONLY), EFAULT);
    UT_ASSERT_ERRNO(open(KERNEL_ADDR, O_RDONLY), EFAULT);
    UT_ASSERT_ERRNO(stat(LOW_ADDR, KERNEL_ADDR), EFAULT);
    UT_ASSERT_ERRNO(stat("/", KERNEL_ADDR), EFAULT);
    UT_ASSERT_ERRNO(mkdir(KERNEL_ADDR, 0755), EFAULT);
    UT_ASSERT_ERRNO(unlink(LOW_ADDR), EFAULT);
    UT_ASSERT_ERRNO(getcwd(KERNEL_ADDR, 64) ? 0 : -1, EFAULT);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(mkdir_and_rmdir)
{
    const char *dir = "/tmp/basic.dir";
    struct stat st;

    rmdir(dir);
    UT_ASSERT_EQ(mkdir(dir, 0755), 0);
    UT_ASSERT_EQ(stat(dir, &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode));
    UT_ASSERT_EQ(st.st_nlink, 2);
    UT_ASSERT_ERRNO(mkdir(dir, 0755), EEXIST);
    UT_ASSERT_ERRNO(mkdir("/tmp/basic.none/sub", 0755), ENOENT);
    UT_ASSERT_EQ(make_file("/tmp/basic.dir/file", "x"), 0);
    UT_ASSERT_ERRNO(rmdir(dir), ENOTEMPTY);
    UT_ASSERT_ERRNO(rmdir("/tmp/basic.dir/file"), ENOTDIR);
    UT_ASSERT_EQ(unlink("/tmp/basic.dir/file"), 0);
    UT_ASSERT_EQ(rmdir(dir), 0);
    UT_ASSERT_ERRNO(rmdir(dir), ENOENT);
    UT_ASSERT_ERRNO(stat(dir, &st), ENOENT);
}

UTEST(unlink_removes_the_name)
{
    const char *path = "/tmp/basic.unlink";

    UT_ASSERT_EQ(make_file(path, "x"), 0);
    UT_ASSERT_EQ(unlink(path), 0);
    UT_ASSERT_ERRNO(open(path, O_RDONLY), ENOENT);
    UT_ASSERT_ERRNO(unlink(path), ENOENT);
    UT_ASSERT_ERRNO(unlink("/tmp"), EISDIR);
}

UTEST(unlinked_open_file_stays_readable)
{
    const char *path = "/tmp/basic.orphan";
    char buf[16] = {0};
    int fd;

    UT_ASSERT_EQ(make_file(path, "still here"), 0);
    fd = open(path, O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(unlink(path), 0);
    UT_ASSERT_EQ(read(fd, buf, sizeof buf - 1), 10);
    UT_ASSERT_STR(buf, "still here");
    UT_ASSERT_EQ(close(fd), 0);
}

UTEST(rename_moves_and_replaces)
{
    const char *a = "/tmp/basic.a", *b = "/tmp/basic.b";
    char buf[16];

    UT_ASSERT_EQ(make_file(a, "first"), 0);
    UT_ASSERT_EQ(rename(a, b), 0);
    UT_ASSERT_ERRNO(open(a, O_RDONLY), ENOENT);
    UT_ASSERT_EQ(read_file(b, buf, sizeof buf), 5);
    UT_ASSERT_STR(buf, "first");
    UT_ASSERT_EQ(make_file(a, "second"), 0);
    UT_ASSERT_EQ(rename(a, b), 0); /* replaces b */
    UT_ASSERT_EQ(read_file(b, buf, sizeof buf), 6);
    UT_ASSERT_STR(buf, "second");
    UT_ASSERT_ERRNO(rename(a, b), ENOENT);
    UT_ASSERT_EQ(mkdir("/tmp/basic.rd", 0755), 0);
    UT_ASSERT_ERRNO(rename("/tmp/basic.rd", "/tmp/basic.rd/inside"), EINVAL);
    UT_ASSERT_EQ(rmdir("/tmp/basic.rd"), 0);
    UT_ASSERT_EQ(unlink(b), 0);
}

UTEST(links_and_symlinks)
{
    const char *target = "/tmp/basic.target", *hard = "/tmp/basic.hard";
    const char *soft = "/tmp/basic.soft";
    struct stat st, lst;
    char buf[64];

    UT_ASSERT_EQ(make_file(target, "linked"), 0);
    UT_ASSERT_EQ(link(target, hard), 0);
    UT_ASSERT_EQ(stat(target, &st), 0);
    UT_ASSERT_EQ(st.st_nlink, 2);
    UT_ASSERT_EQ(stat(hard, &lst), 0);
    UT_ASSERT_EQ(lst.st_ino, st.st_ino);
    UT_ASSERT_ERRNO(link(target, hard), EEXIST);

    UT_ASSERT_EQ(symlink(target, soft), 0);
    UT_ASSERT_EQ(readlink(soft, buf, sizeof buf), (ssize_t)strlen(target));
    UT_ASSERT(memcmp(buf, target, strlen(target)) == 0);
    UT_ASSERT_EQ(lstat(soft, &lst), 0);
    UT_ASSERT(S_ISLNK(lst.st_mode));
    UT_ASSERT_EQ(stat(soft, &lst), 0); /* stat follows the link */
    UT_ASSERT_EQ(lst.st_ino, st.st_ino);
    UT_ASSERT_EQ(read_file(soft, buf, sizeof buf), 6);
    UT_ASSERT_STR(buf, "linked");
    UT_ASSERT_ERRNO(readlink(target, buf, sizeof buf), EINVAL);

    UT_ASSERT_EQ(unlink(soft), 0);
    UT_ASSERT_EQ(unlink(hard), 0);
    UT_ASSERT_EQ(stat(target, &st), 0);
    UT_ASSERT_EQ(st.st_nlink, 1);
    UT_ASSERT_EQ(unlink(target), 0);
}

UTEST(getcwd_and_chdir)
{
    const char *rel = "/tmp/basic.rel";
    char buf[PATH_MAX];
    struct stat st;
    int fd;

    UT_ASSERT_EQ(chdir("/"), 0);
    UT_ASSERT_STR(getcwd(buf, sizeof buf), "/");
    UT_ASSERT_EQ(chdir("/tmp"), 0);
    UT_ASSERT_STR(getcwd(buf, sizeof buf), "/tmp");
    /* Relative names resolve from the working directory. */
    UT_ASSERT_EQ(make_file("basic.rel", "relative"), 0);
    UT_ASSERT_EQ(stat(rel, &st), 0);
    UT_ASSERT_ERRNO(getcwd(buf, 3) ? 0 : -1, ERANGE);
    UT_ASSERT_EQ(chdir(".."), 0);
    UT_ASSERT_STR(getcwd(buf, sizeof buf), "/");
    UT_ASSERT_ERRNO(chdir(rel), ENOTDIR);
    UT_ASSERT_ERRNO(chdir("/tmp/basic.none"), ENOENT);
    UT_ASSERT_STR(getcwd(buf, sizeof buf), "/"); /* failed chdirs changed nothing */
    fd = open("/tmp", O_RDONLY | O_DIRECTORY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(fchdir(fd), 0);
    UT_ASSERT_STR(getcwd(buf, sizeof buf), "/tmp");
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink("basic.rel"), 0);
    UT_ASSERT_EQ(chdir("/"), 0);
}

UTEST(dup_shares_the_offset)
{
    const char *path = "/tmp/basic.dup";
    int fd, fd2;

    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 0);
    fd2 = dup(fd);
    UT_ASSERT(fd2 >= 0 && fd2 != fd);
    UT_ASSERT_EQ(write(fd, "abc", 3), 3);
    UT_ASSERT_EQ(lseek(fd2, 0, SEEK_CUR), 3);
    UT_ASSERT_EQ(dup2(fd, 20), 20);
    UT_ASSERT_EQ(write(20, "de", 2), 2);
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 5);
    UT_ASSERT_EQ(dup2(fd, fd), fd); /* to itself: a no-op */
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(lseek(fd2, 0, SEEK_CUR), 5); /* still open through the copies */
    UT_ASSERT_EQ(close(fd2), 0);
    UT_ASSERT_EQ(close(20), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(umask_applies_to_new_files)
{
    const char *path = "/tmp/basic.umask";
    struct stat st;
    mode_t old = umask(077);

    UT_ASSERT_EQ(make_file(path, ""), 0);
    UT_ASSERT_EQ(umask(old), 077);
    UT_ASSERT_EQ(stat(path, &st), 0);
    UT_ASSERT_EQ(st.st_mode & 0777, 0600);
    UT_ASSERT_EQ(chmod(path, 0751), 0);
    UT_ASSERT_EQ(stat(path, &st), 0);
    UT_ASSERT_EQ(st.st_mode & 07777, 0751);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(access_checks)
{
    UT_ASSERT_EQ(access("/bin/hello", X_OK), 0);
    UT_ASSERT_EQ(access("/bin/hello", R_OK), 0);
    UT_ASSERT_EQ(access("/tmp", W_OK | X_OK), 0);
    UT_ASSERT_ERRNO(access("/tmp/basic.none", F_OK), ENOENT);
}

UTEST(readdir_lists_the_root)
{
    int seen_dot = 0, seen_dotdot = 0, seen_bin = 0, seen_tests = 0, seen_tmp = 0;
    struct dirent *e;
    DIR *dir = opendir("/");

    UT_ASSERT(dir != NULL);
    errno = 0;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0)
            seen_dot++;
        else if (strcmp(e->d_name, "..") == 0)
            seen_dotdot++;
        else if (strcmp(e->d_name, "bin") == 0 && e->d_type == DT_DIR)
            seen_bin++;
        else if (strcmp(e->d_name, "tests") == 0 && e->d_type == DT_DIR)
            seen_tests++;
        else if (strcmp(e->d_name, "tmp") == 0 && e->d_type == DT_DIR)
            seen_tmp++;
    }
    UT_ASSERT_EQ(errno, 0); /* the end, not an error */
    UT_ASSERT_EQ(closedir(dir), 0);
    UT_ASSERT_EQ(seen_dot, 1);
    UT_ASSERT_EQ(seen_dotdot, 1);
    UT_ASSERT_EQ(seen_bin, 1);
    UT_ASSERT_EQ(seen_tests, 1);
    UT_ASSERT_EQ(seen_tmp, 1);
    UT_ASSERT(opendir("/bin/hello") == NULL && errno == ENOTDIR);
}

UTEST(stdio_file_round_trip)
{
    const char *path = "/tmp/basic.stdio";
    char line[64];
    FILE *f = fopen(path, "w");

    UT_ASSERT(f != NULL);
    UT_ASSERT_EQ(fprintf(f, "%d %s %x\n", 42, "words", 0xbeef), 14);
    UT_ASSERT_EQ(fputs("second line\n", f), 0);
    UT_ASSERT_EQ(fclose(f), 0);
    f = fopen(path, "r");
    UT_ASSERT(f != NULL);
    UT_ASSERT(fgets(line, sizeof line, f) != NULL);
    UT_ASSERT_STR(line, "42 words beef\n");
    UT_ASSERT(fgets(line, sizeof line, f) != NULL);
    UT_ASSERT_STR(line, "second line\n");
    UT_ASSERT(fgets(line, sizeof line, f) == NULL);
    UT_ASSERT(feof(f));
    UT_ASSERT_EQ(fclose(f), 0);
    f = fopen("/tmp/basic.none", "r");
    UT_ASSERT(f == NULL && errno == ENOENT);
    UT_ASSERT_EQ(remove(path), 0);
}

UTEST(unknown_syscall_gives_enosys)
{
    UT_ASSERT_ERRNO(syscall(0), ENOSYS);
    UT_ASSERT_ERRNO(syscall(SYSCALL_COUNT), ENOSYS);
    UT_ASSERT_ERRNO(syscall(9999), ENOSYS);
    UT_ASSERT_ERRNO(syscall(-1), ENOSYS);
}

UTEST(clocks_and_sleep)
{
    struct timespec a, b, rt;
    const struct timespec nap = {.tv_sec = 0, .tv_nsec = 20 * 1000 * 1000};
    long long elapsed;

    UT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
    UT_ASSERT(a.tv_nsec >= 0 && a.tv_nsec < 1000000000);
    UT_ASSERT_EQ(nanosleep(&nap, NULL), 0);
    UT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
    elapsed = (b.tv_sec - a.tv_sec) * 1000000000ll + (b.tv_nsec - a.tv_nsec);
    /* At least the time asked for (never an upper bound: machines are noisy). */
    UT_ASSERT_MSG(elapsed >= 20000000, "slept %lld ns, asked for 20 ms", elapsed);
    UT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &rt), 0);
    UT_ASSERT(rt.tv_sec > 1577836800); /* after 2020-01-01: the RTC was read */
    UT_ASSERT(time(NULL) >= rt.tv_sec);
    UT_ASSERT_ERRNO(clock_gettime(12345, &rt), EINVAL);
    UT_ASSERT_ERRNO(nanosleep(&(struct timespec){.tv_nsec = 1000000000}, NULL), EINVAL);
}

UTEST(uname_names_the_system)
{
    struct utsname u;

    memset(&u, 0x7f, sizeof u);
    UT_ASSERT_EQ(uname(&u), 0);
    UT_ASSERT_STR(u.sysname, "AdventOS");
    UT_ASSERT_STR(u.machine, "i386");
    UT_ASSERT(strnlen(u.release, sizeof u.release) < sizeof u.release);
    UT_ASSERT(strnlen(u.nodename, sizeof u.nodename) < sizeof u.nodename);
}

UTEST(getrandom_fills_the_buffer)
{
    unsigned char a[32], b[32];

    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    UT_ASSERT_EQ(getrandom(a, sizeof a, 0), sizeof a);
    UT_ASSERT_EQ(getrandom(b, sizeof b, 0), sizeof b);
    UT_ASSERT(memcmp(a, b, sizeof a) != 0);
}

UTEST(init_runs_tests_as_root)
{
    UT_ASSERT_EQ(getuid(), 0);
    UT_ASSERT_EQ(geteuid(), 0);
    UT_ASSERT_EQ(getgid(), 0);
    UT_ASSERT_EQ(getegid(), 0);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
