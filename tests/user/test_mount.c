/*
 * test_mount.c - mount and umount: a devfs mounted on a directory shows the
 * devices there and goes away again; the errors (EPERM, ENODEV, ENOENT,
 * ENOTDIR, EFAULT, EBUSY, EINVAL).
 */
#define UTEST_SUITE "mount"
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>

#define POINT "/tmp/mount-point"

/* Is name an entry of directory dir? */
static int lists(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL)
        found |= strcmp(e->d_name, name) == 0;
    closedir(d);
    return found;
}

UTEST(devfs_mounts_and_unmounts)
{
    struct stat st;

    mkdir(POINT, 0755);
    UT_ASSERT(!lists(POINT, "console"));
    UT_ASSERT_EQ(mount("none", POINT, "devfs", 0, NULL), 0);
    UT_ASSERT(lists(POINT, "console"));
    UT_ASSERT_EQ(stat(POINT "/null", &st), 0);
    UT_ASSERT(S_ISCHR(st.st_mode));
    UT_ASSERT_EQ(umount(POINT), 0);
    UT_ASSERT(!lists(POINT, "console"));
    UT_ASSERT_ERRNO(stat(POINT "/null", &st), ENOENT);
    UT_ASSERT_EQ(rmdir(POINT), 0);
}

UTEST(a_busy_mount_stays)
{
    pid_t pid;
    int ready[2];
    char c;

    mkdir(POINT, 0755);
    UT_ASSERT_EQ(mount("none", POINT, "devfs", 0, NULL), 0);
    UT_ASSERT_EQ(pipe(ready), 0);
    pid = fork();
    if (pid == 0) { /* a working directory inside keeps it busy */
        if (chdir(POINT) != 0)
            _exit(1);
        write(ready[1], "r", 1);
        pause();
        _exit(0);
    }
    UT_ASSERT_EQ(read(ready[0], &c, 1), 1);
    UT_ASSERT_ERRNO(umount(POINT), EBUSY);
    kill(pid, SIGKILL);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
    UT_ASSERT_EQ(umount(POINT), 0);
    UT_ASSERT_EQ(rmdir(POINT), 0);
    close(ready[0]);
    close(ready[1]);
}

static int unprivileged_mount(void)
{
    if (setuid(1000) != 0)
        return 1;
    if (mount("none", "/tmp", "devfs", 0, NULL) != -1 || errno != EPERM)
        return 2;
    if (umount("/dev") != -1 || errno != EPERM)
        return 3;
    return 0;
}

UTEST(errors)
{
    pid_t pid;
    int fd;

    mkdir(POINT, 0755);
    UT_ASSERT_ERRNO(mount("none", POINT, "nosuchfs", 0, NULL), ENODEV);
    UT_ASSERT_ERRNO(mount("/dev/hdz9", POINT, "adventfs", 0, NULL), ENOENT);
    UT_ASSERT_ERRNO(mount("none", "/tmp/no/such/dir", "devfs", 0, NULL), ENOENT);
    UT_ASSERT_ERRNO(mount("none", (const char *)0x10, "devfs", 0, NULL), EFAULT);
    UT_ASSERT_ERRNO(mount("none", POINT, (const char *)0x10, 0, NULL), EFAULT);
    UT_ASSERT_ERRNO(mount("none", POINT, "devfs", 0x4000, NULL), EINVAL);
    fd = open("/tmp/mount-file", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 0);
    close(fd);
    UT_ASSERT_ERRNO(mount("none", "/tmp/mount-file", "devfs", 0, NULL), ENOTDIR);
    UT_ASSERT_ERRNO(umount(POINT), EINVAL); /* not a mount point */
    UT_ASSERT_ERRNO(umount("/"), EINVAL);   /* the root stays */
    pid = fork();
    if (pid == 0)
        _exit(unprivileged_mount());
    UT_ASSERT_CHILD_EXIT(pid, 0);
    UT_ASSERT_EQ(unlink("/tmp/mount-file"), 0);
    UT_ASSERT_EQ(rmdir(POINT), 0);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
