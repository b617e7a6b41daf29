/*
 * test_ids.c - user and group ids, process groups and sessions, nice,
 * utimes and lchown: the values the calls return and the permission rules that bind an
 * unprivileged process. Cases that change ids run in a child, so the test
 * program itself stays root.
 */
#define UTEST_SUITE "ids"
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run fn in a child; its exit status is the number of the first failed check (0: all held). */
static int in_child(int (*fn)(void))
{
    int status = -1;
    pid_t pid = fork();

    if (pid == 0)
        _exit(fn());
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}

static int drop_root(void)
{
    if (getuid() != 0 || geteuid() != 0)
        return 1;
    if (setgid(100) != 0 || getgid() != 100 || getegid() != 100)
        return 2;
    if (setuid(1000) != 0 || getuid() != 1000 || geteuid() != 1000)
        return 3;
    if (setuid(0) != -1 || errno != EPERM) /* no way back */
        return 4;
    if (setgid(0) != -1 || errno != EPERM)
        return 5;
    if (setreuid(-1, 1000) != 0 || setreuid(0, -1) != -1 || errno != EPERM)
        return 6;
    if (nice(-1) != -1 || errno != EPERM) /* only root raises priority */
        return 7;
    return 0;
}

UTEST(setuid_is_one_way_for_root)
{
    UT_ASSERT(in_child(drop_root) == 0);
}

static int new_session(void)
{
    pid_t me = getpid();

    if (setsid() != me || getsid(0) != me || getpgrp() != me)
        return 1;
    if (setsid() != -1 || errno != EPERM) /* already a group leader */
        return 2;
    if (setpgid(0, 0) != -1 || errno != EPERM) /* a session leader stays put */
        return 3;
    return 0;
}

UTEST(setsid_makes_a_new_session)
{
    UT_ASSERT(in_child(new_session) == 0);
}

static int own_group(void)
{
    pid_t me = getpid();

    if (getpgrp() == me)
        return 1; /* inherited the parent's group */
    if (setpgid(0, 0) != 0 || getpgrp() != me)
        return 2;
    if (setpgid(0, 999999) != -1 || errno != EPERM) /* no such group */
        return 3;
    if (setpgid(1, 0) != -1 || errno != ESRCH) /* not a child of ours */
        return 4;
    return 0;
}

UTEST(setpgid_moves_into_a_new_group)
{
    UT_ASSERT(in_child(own_group) == 0);
}

UTEST(getsid_of_a_missing_process_fails)
{
    UT_ASSERT(getsid(999999) == -1 && errno == ESRCH);
}

UTEST(nice_changes_the_priority)
{
    int before = nice(0);

    UT_ASSERT(nice(5) == before + 5);
    UT_ASSERT(nice(-5) == before); /* root may lower it again */
}

UTEST(utimes_sets_the_times)
{
    const char *path = "/tmp/ids-utimes";
    struct timeval tv[2] = {{.tv_sec = 1000000000}, {.tv_sec = 1234567890, .tv_usec = 500000}};
    struct stat st;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    UT_ASSERT(fd >= 0);
    close(fd);
    UT_ASSERT(utimes(path, tv) == 0);
    UT_ASSERT(stat(path, &st) == 0);
    UT_ASSERT(st.st_mtim.tv_sec == 1234567890 && st.st_mtim.tv_nsec == 500000000);
    UT_ASSERT(st.st_atim.tv_sec == 1000000000);
    UT_ASSERT(utimes(path, NULL) == 0);
    UT_ASSERT(stat(path, &st) == 0);
    UT_ASSERT(st.st_mtim.tv_sec > 1600000000); /* "now", after 2020 */
    tv[0].tv_usec = 1000000;
    UT_ASSERT(utimes(path, tv) == -1 && errno == EINVAL);
    UT_ASSERT(unlink(path) == 0);
}

/* Supplementary groups: set by root, inherited, and used for permission checks. */
static int supplementary_groups(void)
{
    gid_t set[3] = {300, 301, 302}, got[16];
    const char *path = "/tmp/ids-group-file";
    int fd;

    if (getgroups(0, NULL) != 0)
        return 1; /* root starts with none */
    if (setgroups(3, set) != 0)
        return 2;
    if (getgroups(0, NULL) != 3 || getgroups(16, got) != 3)
        return 3;
    if (got[0] != 300 || got[1] != 301 || got[2] != 302)
        return 4;
    if (getgroups(2, got) != -1 || errno != EINVAL) /* too small for the list */
        return 5;
    if (setgroups(17, set) != -1 || errno != EINVAL)
        return 6;
    if (setgroups(1, (gid_t *)0x10) != -1 || errno != EFAULT)
        return 7;
    /* A file readable only by group 301: readable through the supplementary group. */
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0640);
    if (fd < 0 || close(fd) != 0 || chown(path, 0, 301) != 0)
        return 8;
    if (setgid(100) != 0 || setuid(1000) != 0)
        return 9;
    if ((fd = open(path, O_RDONLY)) < 0)
        return 10;
    close(fd);
    if (setgroups(0, NULL) != -1 || errno != EPERM) /* only root changes them */
        return 11;
    return 0;
}

UTEST(supplementary_groups_grant_access)
{
    UT_ASSERT_EQ(in_child(supplementary_groups), 0);
    UT_ASSERT_EQ(unlink("/tmp/ids-group-file"), 0);
}

#define LCHOWN_TARGET "/tmp/ids-lchown-target"
#define LCHOWN_LINK "/tmp/ids-lchown-link"
#define LCHOWN_ROOT_LINK "/tmp/ids-lchown-root-link"

UTEST(lchown_changes_the_link_not_its_target)
{
    struct stat st;
    int fd = open(LCHOWN_TARGET, O_WRONLY | O_CREAT | O_TRUNC, 0644);

    UT_ASSERT(fd >= 0);
    close(fd);
    unlink(LCHOWN_LINK);
    UT_ASSERT(symlink("ids-lchown-target", LCHOWN_LINK) == 0);
    UT_ASSERT(lchown(LCHOWN_LINK, 1234, 567) == 0);
    UT_ASSERT(lstat(LCHOWN_LINK, &st) == 0);
    UT_ASSERT_EQ(st.st_uid, 1234);
    UT_ASSERT_EQ(st.st_gid, 567);
    UT_ASSERT(stat(LCHOWN_LINK, &st) == 0); /* the target keeps root's */
    UT_ASSERT_EQ(st.st_uid, 0);
    UT_ASSERT_EQ(st.st_gid, 0);
    /* chown follows the link: now the target changes and the link does not. */
    UT_ASSERT(chown(LCHOWN_LINK, 42, (gid_t)-1) == 0);
    UT_ASSERT(stat(LCHOWN_TARGET, &st) == 0 && st.st_uid == 42 && st.st_gid == 0);
    UT_ASSERT(lstat(LCHOWN_LINK, &st) == 0 && st.st_uid == 1234 && st.st_gid == 567);
    /* -1 keeps a field; on a file that is not a link lchown is chown. */
    UT_ASSERT(lchown(LCHOWN_LINK, (uid_t)-1, 8) == 0);
    UT_ASSERT(lstat(LCHOWN_LINK, &st) == 0 && st.st_uid == 1234 && st.st_gid == 8);
    UT_ASSERT(lchown(LCHOWN_TARGET, 0, 0) == 0);
    UT_ASSERT(stat(LCHOWN_TARGET, &st) == 0 && st.st_uid == 0 && st.st_gid == 0);
    UT_ASSERT_ERRNO(lchown("/tmp/ids-lchown-missing", 0, 0), ENOENT);
    /* A dangling link still has an owner of its own. */
    UT_ASSERT(unlink(LCHOWN_TARGET) == 0);
    UT_ASSERT(lchown(LCHOWN_LINK, 7, 7) == 0);
    UT_ASSERT(lstat(LCHOWN_LINK, &st) == 0 && st.st_uid == 7 && st.st_gid == 7);
    UT_ASSERT_ERRNO(chown(LCHOWN_LINK, 7, 7), ENOENT);
    UT_ASSERT(unlink(LCHOWN_LINK) == 0);
}

/* As user 1000 (group 100): the owner of a link may only change its group to their own. */
static int lchown_unprivileged(void)
{
    if (setgid(100) != 0 || setuid(1000) != 0)
        return 1;
    if (lchown(LCHOWN_LINK, 0, (gid_t)-1) != -1 || errno != EPERM)
        return 2; /* giving it away */
    if (lchown(LCHOWN_LINK, (uid_t)-1, 0) != -1 || errno != EPERM)
        return 3; /* a group the process is not in */
    if (lchown(LCHOWN_LINK, (uid_t)-1, 100) != 0)
        return 4;
    if (lchown(LCHOWN_LINK, 1000, (gid_t)-1) != 0)
        return 5; /* the owner it already has */
    if (lchown(LCHOWN_ROOT_LINK, (uid_t)-1, 100) != -1 || errno != EPERM)
        return 6; /* root's link, not theirs */
    if (lchown(LCHOWN_ROOT_LINK, 1000, 100) != -1 || errno != EPERM)
        return 7;
    return 0;
}

UTEST(lchown_follows_the_ownership_rules)
{
    struct stat st;

    unlink(LCHOWN_LINK);
    unlink(LCHOWN_ROOT_LINK);
    UT_ASSERT(symlink("/", LCHOWN_LINK) == 0);
    UT_ASSERT(symlink("/", LCHOWN_ROOT_LINK) == 0);
    UT_ASSERT(lchown(LCHOWN_LINK, 1000, 300) == 0);
    UT_ASSERT_EQ(in_child(lchown_unprivileged), 0);
    UT_ASSERT(lstat(LCHOWN_LINK, &st) == 0 && st.st_uid == 1000 && st.st_gid == 100);
    UT_ASSERT(lstat(LCHOWN_ROOT_LINK, &st) == 0 && st.st_uid == 0 && st.st_gid == 0);
    UT_ASSERT(unlink(LCHOWN_LINK) == 0);
    UT_ASSERT(unlink(LCHOWN_ROOT_LINK) == 0);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
