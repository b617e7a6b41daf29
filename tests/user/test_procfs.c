/*
 * test_procfs.c - /proc and the calls that came with it: a process's own
 * stat, status and cmdline agree with what it knows of itself; a child
 * appears, turns into a zombie and disappears; /proc/self; the system
 * files' numbers are plausible; nothing in /proc can be written; statfs
 * counts blocks as a file is written and removed; setting the clock and the
 * host name is root's.
 */
#define UTEST_SUITE "procfs"
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>

#define SELF_PATH "/tests/test_procfs"
#define HOLD_ARG "--hold"
#define SCRATCH "/tmp/procfs-statfs"

/* Read a whole /proc file (at most size - 1 bytes, NUL-terminated); its length or -1. */
static long read_file(const char *path, char *buf, size_t size)
{
    long n, total = 0;
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
        total += n;
    close(fd);
    buf[total] = '\0';
    return total;
}

/* Field n (1-based, proc(5) numbering) of a stat line, as a number; comm and state are 2 and 3. */
static long long stat_field(const char *line, int n)
{
    const char *p = strrchr(line, ')');
    char *end;
    long long v = 0;

    if (!p || n < 4)
        return -1;
    p += 3; /* ") S " */
    for (int field = 4; field <= n; field++) {
        v = strtoll(p, &end, 10);
        p = end;
    }
    return v;
}

static char stat_state(const char *line)
{
    const char *p = strrchr(line, ')');

    return p && p[1] ? p[2] : '?';
}

/* The number after "key" in text (meminfo, status), or -1. */
static long long value_of(const char *text, const char *key)
{
    const char *p = strstr(text, key);

    return p ? strtoll(p + strlen(key), NULL, 10) : -1;
}

UTEST(own_stat_matches_what_the_process_knows)
{
    char line[1024];

    UT_ASSERT(read_file("/proc/self/stat", line, sizeof line) > 0);
    UT_ASSERT_EQ(atoi(line), getpid());
    UT_ASSERT(strstr(line, "(test_procfs) R ") != NULL);
    UT_ASSERT_EQ(stat_field(line, 4), getppid());
    UT_ASSERT_EQ(stat_field(line, 5), getpgrp());
    UT_ASSERT_EQ(stat_field(line, 6), getsid(0));
    UT_ASSERT_EQ(stat_field(line, 18), 20 + stat_field(line, 19)); /* priority and nice */
    UT_ASSERT_EQ(stat_field(line, 20), 1);        /* one thread */
    UT_ASSERT(stat_field(line, 23) > 0);          /* vsize */
    UT_ASSERT(stat_field(line, 24) > 0);          /* rss */
}

UTEST(status_names_the_process_and_its_ids)
{
    char text[1024], want[64];

    UT_ASSERT(read_file("/proc/self/status", text, sizeof text) > 0);
    UT_ASSERT(strncmp(text, "Name:\ttest_procfs\n", 18) == 0);
    snprintf(want, sizeof want, "\nPid:\t%d\nPPid:\t%d\n", getpid(), getppid());
    UT_ASSERT(strstr(text, want) != NULL);
    UT_ASSERT_EQ(value_of(text, "\nUid:"), getuid());
    UT_ASSERT_EQ(value_of(text, "\nGid:"), getgid());
    UT_ASSERT(value_of(text, "\nVmSize:") >= value_of(text, "\nVmRSS:"));
    UT_ASSERT(value_of(text, "\nVmRSS:") > 0);
}

UTEST(self_is_a_link_to_the_callers_pid)
{
    char target[32], want[32];
    ssize_t n = readlink("/proc/self", target, sizeof target - 1);
    struct stat st;

    UT_ASSERT(n > 0);
    target[n] = '\0';
    snprintf(want, sizeof want, "%d", getpid());
    UT_ASSERT_STR(target, want);
    UT_ASSERT_EQ(lstat("/proc/self", &st), 0);
    UT_ASSERT(S_ISLNK(st.st_mode));
    UT_ASSERT_EQ(stat("/proc/self", &st), 0);
    UT_ASSERT(S_ISDIR(st.st_mode));
}

/* Is name an entry of /proc? */
static int listed(const char *name)
{
    DIR *d = opendir("/proc");
    struct dirent *e;
    int found = 0;

    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL)
        found |= strcmp(e->d_name, name) == 0;
    closedir(d);
    return found;
}

UTEST(a_child_appears_becomes_a_zombie_and_disappears)
{
    char path[64], name[16], line[1024];
    int go[2];
    pid_t pid;
    struct stat st;
    int tries;

    UT_ASSERT_EQ(pipe(go), 0);
    pid = fork();
    if (pid == 0) {
        char c;
        close(go[1]);
        read(go[0], &c, 1); /* until the parent closes its end */
        _exit(7);
    }
    close(go[0]);
    snprintf(name, sizeof name, "%d", pid);
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    UT_ASSERT(listed(name));
    UT_ASSERT(read_file(path, line, sizeof line) > 0);
    UT_ASSERT_EQ(atoi(line), pid);
    UT_ASSERT_EQ(stat_field(line, 4), getpid());
    UT_ASSERT(stat_state(line) == 'S' || stat_state(line) == 'R');
    close(go[1]);
    for (tries = 0; tries < 200; tries++) { /* up to 2 s for it to exit */
        if (read_file(path, line, sizeof line) > 0 && stat_state(line) == 'Z')
            break;
        usleep(10000);
    }
    UT_ASSERT_MSG(tries < 200, "the child never became a zombie: %s", line);
    UT_ASSERT_CHILD_EXIT(pid, 7);
    UT_ASSERT_ERRNO(stat(path, &st), ENOENT);
    snprintf(path, sizeof path, "/proc/%d", pid);
    UT_ASSERT_ERRNO(stat(path, &st), ENOENT);
    UT_ASSERT(!listed(name));
}

UTEST(an_open_file_keeps_its_text_after_the_process_exits)
{
    char path[64], line[1024];
    pid_t pid = fork();
    int fd;
    long n;

    if (pid == 0) {
        pause();
        _exit(0);
    }
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    fd = open(path, O_RDONLY);
    UT_ASSERT(fd >= 0);
    kill(pid, SIGKILL);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGKILL);
    n = read(fd, line, sizeof line - 1);
    close(fd);
    UT_ASSERT(n > 0);
    line[n] = '\0';
    UT_ASSERT(strstr(line, "Name:\ttest_procfs\n") != NULL);
}

UTEST(cmdline_is_the_argv_given_to_execve)
{
    static const char want[] = "test_procfs\0" HOLD_ARG "\0a b\0\0last";
    char *const argv[] = {"test_procfs", HOLD_ARG, "a b", "", "last", NULL};
    char *const envp[] = {"X=1", NULL};
    int ready[2], hold[2];
    char path[64], buf[256], c;
    pid_t pid;
    long n;

    UT_ASSERT_EQ(pipe(ready), 0);
    UT_ASSERT_EQ(pipe(hold), 0);
    pid = fork();
    if (pid == 0) {
        dup2(hold[0], 0);
        dup2(ready[1], 1);
        close(hold[1]);
        close(ready[0]);
        execve(SELF_PATH, argv, envp);
        _exit(127);
    }
    close(hold[0]);
    close(ready[1]);
    UT_ASSERT_EQ(read(ready[0], &c, 1), 1); /* the new program runs */
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    n = read_file(path, buf, sizeof buf);
    close(hold[1]);
    close(ready[0]);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    UT_ASSERT_EQ(n, (long)sizeof want);
    UT_ASSERT(memcmp(buf, want, sizeof want) == 0);
}

UTEST(meminfo_numbers_are_plausible)
{
    char text[1024];
    long long total, freemem, avail;

    UT_ASSERT(read_file("/proc/meminfo", text, sizeof text) > 0);
    total = value_of(text, "MemTotal:");
    freemem = value_of(text, "MemFree:");
    avail = value_of(text, "MemAvailable:");
    UT_ASSERT(total >= 8 * 1024 && total <= 4 * 1024 * 1024); /* kB: 8 MiB .. 4 GiB */
    UT_ASSERT(freemem > 0 && freemem < total);
    UT_ASSERT(avail >= freemem && avail <= total);
    UT_ASSERT(value_of(text, "Buffers:") >= 0);
    UT_ASSERT_EQ(value_of(text, "SwapTotal:"), 0);
}

UTEST(uptime_loadavg_and_version_have_their_formats)
{
    char text[256], *end;
    double up1, up2, idle;
    int running, total, last;

    UT_ASSERT(read_file("/proc/uptime", text, sizeof text) > 0);
    up1 = strtod(text, &end);
    idle = strtod(end, &end);
    UT_ASSERT(up1 > 0 && idle >= 0 && *end == '\n');
    usleep(20000);
    UT_ASSERT(read_file("/proc/uptime", text, sizeof text) > 0);
    up2 = strtod(text, NULL);
    UT_ASSERT(up2 > up1);

    UT_ASSERT(read_file("/proc/loadavg", text, sizeof text) > 0);
    end = text;
    for (int i = 0; i < 3; i++)
        UT_ASSERT(strtod(end, &end) >= 0 && *end == ' ');
    running = (int)strtol(end, &end, 10);
    UT_ASSERT(*end == '/');
    total = (int)strtol(end + 1, &end, 10);
    last = (int)strtol(end, &end, 10);
    UT_ASSERT(running >= 1 && total >= 2 && last > 0 && *end == '\n');

    UT_ASSERT(read_file("/proc/version", text, sizeof text) > 0);
    UT_ASSERT(strncmp(text, "AdventOS version ", 17) == 0);
}

UTEST(mounts_cpuinfo_and_dmesg)
{
    static char text[65536 + 1];

    UT_ASSERT(read_file("/proc/mounts", text, sizeof text) > 0);
    UT_ASSERT(strstr(text, " / adventfs rw 0 0\n") != NULL);
    UT_ASSERT(strstr(text, "proc /proc proc rw 0 0\n") != NULL);
    UT_ASSERT(read_file("/proc/cpuinfo", text, sizeof text) > 0);
    UT_ASSERT(strncmp(text, "processor\t: 0\n", 14) == 0);
    UT_ASSERT(strstr(text, "\nmodel name\t: ") != NULL);
    UT_ASSERT(read_file("/proc/dmesg", text, sizeof text) > 0);
    UT_ASSERT(strstr(text, "vfs: root file system on") != NULL);
}

UTEST(reads_in_pieces_match_one_read)
{
    char whole[1024], pieces[1024];
    long n, at = 0, got;
    int fd;

    n = read_file("/proc/self/status", whole, sizeof whole);
    UT_ASSERT(n > 0);
    fd = open("/proc/self/status", O_RDONLY);
    UT_ASSERT(fd >= 0);
    while ((got = read(fd, pieces + at, 3)) > 0)
        at += got;
    UT_ASSERT_EQ(lseek(fd, 6, SEEK_SET), 6);
    UT_ASSERT_EQ(read(fd, pieces + at, 4), 4);
    close(fd);
    UT_ASSERT_EQ(at, n);
    UT_ASSERT(memcmp(pieces, whole, (size_t)n) == 0);
    UT_ASSERT(memcmp(pieces + at, whole + 6, 4) == 0);
}

UTEST(nothing_in_proc_can_be_written)
{
    struct stat st;

    UT_ASSERT_ERRNO(open("/proc/self/stat", O_WRONLY), EACCES);
    UT_ASSERT_ERRNO(open("/proc/meminfo", O_RDWR), EACCES);
    UT_ASSERT(open("/proc/new", O_WRONLY | O_CREAT, 0644) < 0);
    UT_ASSERT(mkdir("/proc/dir", 0755) < 0);
    UT_ASSERT(unlink("/proc/uptime") < 0);
    UT_ASSERT_EQ(stat("/proc/uptime", &st), 0);
    UT_ASSERT_EQ(st.st_mode & 0777, 0444);
}

/* Free blocks of the file system holding path, or -1. */
static long long free_blocks(const char *path)
{
    struct statfs s;

    return statfs(path, &s) == 0 ? (long long)s.f_bfree : -1;
}

UTEST(statfs_counts_blocks_as_a_file_comes_and_goes)
{
    static char block[4096];
    struct statfs s;
    struct statvfs v;
    long long before, during, after;
    int fd;

    UT_ASSERT_EQ(statfs("/", &s), 0);
    UT_ASSERT_EQ(s.f_type, ADVENTFS_SUPER_MAGIC);
    UT_ASSERT(s.f_bsize >= 512 && s.f_blocks > s.f_bfree && s.f_files > s.f_ffree);
    UT_ASSERT_EQ(s.f_namelen, 255);
    UT_ASSERT_EQ(statvfs("/", &v), 0);
    UT_ASSERT_EQ(v.f_blocks, s.f_blocks);
    UT_ASSERT_EQ(v.f_frsize, s.f_bsize);

    unlink(SCRATCH);
    sync();
    before = free_blocks("/tmp");
    fd = open(SCRATCH, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 0);
    memset(block, 'x', sizeof block);
    for (int i = 0; i < 64; i++) /* 256 KiB */
        UT_ASSERT_EQ(write(fd, block, sizeof block), (long)sizeof block);
    close(fd);
    sync();
    during = free_blocks("/tmp");
    UT_ASSERT_MSG(during <= before - (64 * 4096) / (long long)s.f_bsize,
                  "free blocks %lld before, %lld after writing 256 KiB", before, during);
    UT_ASSERT_EQ(unlink(SCRATCH), 0);
    sync();
    after = free_blocks("/tmp");
    UT_ASSERT_MSG(after >= before - 1 && after > during,
                  "free blocks %lld before, %lld with the file, %lld after", before, during, after);
    UT_ASSERT_ERRNO(statfs("/no/such/path", &s), ENOENT);
}

UTEST(fstatfs_knows_proc_devfs_and_pipes)
{
    struct statfs s;
    int fds[2], fd;

    fd = open("/proc/self/stat", O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(fstatfs(fd, &s), 0);
    close(fd);
    UT_ASSERT_EQ(s.f_type, PROC_SUPER_MAGIC);
    UT_ASSERT_EQ(s.f_blocks, 0);
    UT_ASSERT_EQ(statfs("/dev/null", &s), 0);
    UT_ASSERT_EQ(s.f_type, DEVFS_SUPER_MAGIC);
    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT_EQ(fstatfs(fds[0], &s), 0);
    UT_ASSERT_EQ(s.f_type, PIPEFS_MAGIC);
    close(fds[0]);
    close(fds[1]);
    UT_ASSERT_ERRNO(fstatfs(99, &s), EBADF);
}

/* In a child that gave up root: the clock and the host name stay as they are. */
static int unprivileged_setters_fail(void)
{
    struct timeval tv = {.tv_sec = 1000000000};
    struct timespec ts = {.tv_sec = 1000000000};

    if (setuid(1000) != 0)
        return 1;
    if (settimeofday(&tv, NULL) != -1 || errno != EPERM)
        return 2;
    if (clock_settime(CLOCK_REALTIME, &ts) != -1 || errno != EPERM)
        return 3;
    if (sethostname("intruder", 8) != -1 || errno != EPERM)
        return 4;
    if (time(NULL) < 1500000000)
        return 5;
    return 0;
}

UTEST(setting_the_clock_and_host_name_is_roots)
{
    pid_t pid = fork();

    if (pid == 0)
        _exit(unprivileged_setters_fail());
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(root_moves_the_clock_and_back)
{
    struct timespec before, moved, mono1, mono2, ts;
    struct timeval tv;

    if (getuid() != 0)
        UT_SKIP("needs root");
    UT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &before), 0);
    UT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &mono1), 0);
    ts = before;
    ts.tv_sec += 86400;
    UT_ASSERT_EQ(clock_settime(CLOCK_REALTIME, &ts), 0);
    UT_ASSERT_EQ(clock_gettime(CLOCK_REALTIME, &moved), 0);
    UT_ASSERT_EQ(clock_gettime(CLOCK_MONOTONIC, &mono2), 0);
    /* back first, so that a failure below leaves the clock right */
    tv.tv_sec = moved.tv_sec - 86400;
    tv.tv_usec = moved.tv_nsec / 1000;
    UT_ASSERT_EQ(settimeofday(&tv, NULL), 0);
    UT_ASSERT(moved.tv_sec >= before.tv_sec + 86400 && moved.tv_sec <= before.tv_sec + 86400 + 5);
    UT_ASSERT(mono2.tv_sec - mono1.tv_sec <= 5); /* the monotonic clock did not jump */
    UT_ASSERT(time(NULL) - before.tv_sec <= 5);
    UT_ASSERT_ERRNO(clock_settime(CLOCK_MONOTONIC, &ts), EINVAL);
    ts.tv_nsec = 1000000000;
    UT_ASSERT_ERRNO(clock_settime(CLOCK_REALTIME, &ts), EINVAL);
}

UTEST(root_renames_the_host)
{
    struct utsname u;
    char old[65], name[65];

    if (getuid() != 0)
        UT_SKIP("needs root");
    UT_ASSERT_EQ(gethostname(old, sizeof old), 0);
    UT_ASSERT_EQ(sethostname("procfs-test", 11), 0);
    UT_ASSERT_EQ(uname(&u), 0);
    UT_ASSERT_EQ(gethostname(name, sizeof name), 0);
    UT_ASSERT_EQ(sethostname(old, strlen(old)), 0);
    UT_ASSERT_STR(u.nodename, "procfs-test");
    UT_ASSERT_STR(name, "procfs-test");
    UT_ASSERT_ERRNO(sethostname(name, 65), EINVAL);
}

/* The program run by cmdline_is_the_argv_given_to_execve: say it runs, wait for EOF. */
static int hold(void)
{
    char c;

    if (write(1, "r", 1) != 1)
        return 1;
    while (read(0, &c, 1) > 0)
        ;
    return 0;
}

/*
 * init mounts /proc from /etc/fstab, after the self-test: in a self-test
 * boot, the test mounts it for itself, and unmounts it again at the end.
 */
int main(int argc, char **argv)
{
    struct statfs s;
    int mounted = 0, status;

    if (argc > 1 && strcmp(argv[1], HOLD_ARG) == 0)
        return hold();
    if (statfs("/proc", &s) == 0 && s.f_type != PROC_SUPER_MAGIC)
        mounted = mount("proc", "/proc", "proc", 0, NULL) == 0;
    status = utest_main(argc, argv);
    if (mounted && umount("/proc") < 0)
        printf("test_procfs: cannot unmount /proc: %s\n", strerror(errno));
    return status;
}
