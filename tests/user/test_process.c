/*
 * test_process.c - processes: fork, exit statuses, waitpid and its errors,
 * many children at once, descriptors shared across fork, pipes, execve
 * (arguments, missing files, files that are not programs), faults that kill
 * a child, and orphans going to init.
 *
 * Children report through their exit status (or a pipe) and end with _exit:
 * see tests/user/utest.h.
 */
#define UTEST_SUITE "process"
#include "utest.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#define STORM 50

UTEST(fork_returns_zero_in_the_child)
{
    pid_t parent = getpid(), pid;

    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        /* 0: all as expected; 1..3 say which check failed. */
        if (getpid() == parent)
            _exit(1);
        if (getppid() != parent)
            _exit(2);
        _exit(0);
    }
    UT_ASSERT(pid > 0 && pid != parent);
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(exit_status_reaches_the_parent)
{
    static const int codes[] = {0, 1, 2, 3, 42, 100, 127, 128, 200, 254, 255};

    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        pid_t pid = fork();
        UT_ASSERT(pid >= 0);
        if (pid == 0)
            _exit(codes[i]);
        UT_ASSERT_CHILD_EXIT(pid, codes[i]);
    }
}

UTEST(exit_status_keeps_the_low_byte)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(256 + 7);
    UT_ASSERT_CHILD_EXIT(pid, 7);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(-1);
    UT_ASSERT_CHILD_EXIT(pid, 255);
}

UTEST(exit_in_a_child_reaches_the_parent)
{
    /* exit() (not _exit) in the child: atexit handlers run, then the status arrives. */
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0)
        exit(33);
    UT_ASSERT_CHILD_EXIT(pid, 33);
}

UTEST(waitpid_without_children_gives_echild)
{
    int status;

    UT_ASSERT_ERRNO(waitpid(-1, &status, 0), ECHILD);
    UT_ASSERT_ERRNO(wait(&status), ECHILD);
    UT_ASSERT_ERRNO(waitpid(1, &status, 0), ECHILD); /* init is not our child */
    UT_ASSERT_ERRNO(waitpid(-1, &status, WNOHANG), ECHILD);
}

UTEST(waitpid_on_a_reaped_child_gives_echild)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(0);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    UT_ASSERT_ERRNO(waitpid(pid, NULL, 0), ECHILD);
}

UTEST(wait_accepts_a_null_status)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(5);
    UT_ASSERT_EQ(waitpid(pid, NULL, 0), pid);
}

UTEST(fork_storm_all_reaped)
{
    pid_t pids[STORM];
    int seen[STORM] = {0};

    for (int i = 0; i < STORM; i++) {
        pids[i] = fork();
        UT_ASSERT_MSG(pids[i] >= 0, "fork %d failed: %s", i, utest_errno_name(errno));
        if (pids[i] == 0)
            _exit(i);
    }
    /* Reap in whatever order they end; each must come back once with its own status. */
    for (int n = 0; n < STORM; n++) {
        int status, i;
        pid_t got = wait(&status);

        UT_ASSERT_MSG(got > 0, "wait %d failed: %s", n, utest_errno_name(errno));
        for (i = 0; i < STORM && pids[i] != got; i++)
            ;
        UT_ASSERT_MSG(i < STORM, "wait returned %d, not one of our children", got);
        UT_ASSERT_EQ(seen[i], 0);
        seen[i] = 1;
        UT_ASSERT(WIFEXITED(status));
        UT_ASSERT_EQ(WEXITSTATUS(status), i);
    }
    UT_ASSERT_ERRNO(wait(NULL), ECHILD);
}

UTEST(pipe_carries_data_between_processes)
{
    int fds[2];
    char buf[32] = {0};
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    UT_ASSERT(fds[0] >= 0 && fds[1] >= 0 && fds[0] != fds[1]);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(write(fds[1], "through the pipe", 16) == 16 ? 0 : 1);
    }
    UT_ASSERT_EQ(close(fds[1]), 0);
    UT_ASSERT_EQ(read(fds[0], buf, sizeof buf - 1), 16);
    UT_ASSERT_STR(buf, "through the pipe");
    /* The only writer is gone: end of file. */
    UT_ASSERT_EQ(read(fds[0], buf, sizeof buf), 0);
    UT_ASSERT_EQ(close(fds[0]), 0);
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(waitpid_wnohang_on_a_running_child)
{
    int fds[2];
    char c;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        /* Block until the parent closes its end, then end. */
        close(fds[1]);
        _exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
    }
    UT_ASSERT_EQ(close(fds[0]), 0);
    UT_ASSERT_EQ(waitpid(pid, NULL, WNOHANG), 0);
    UT_ASSERT_EQ(close(fds[1]), 0);
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(fork_shares_open_files)
{
    const char *path = "/tmp/process.shared";
    char buf[32] = {0};
    pid_t pid;
    int fd;

    fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    UT_ASSERT(fd >= 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(write(fd, "child,", 6) == 6 ? 0 : 1);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    /* One open file, one offset: the parent's write lands after the child's. */
    UT_ASSERT_EQ(lseek(fd, 0, SEEK_CUR), 6);
    UT_ASSERT_EQ(write(fd, "parent", 6), 6);
    UT_ASSERT_EQ(pread(fd, buf, sizeof buf - 1, 0), 12);
    UT_ASSERT_STR(buf, "child,parent");
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(execve_runs_hello_with_arguments)
{
    const char *out = "/tmp/process.hello";
    char *const argv[] = {"/bin/hello", "one", "two words", NULL};
    char *const envp[] = {"PATH=/bin", NULL};
    static const char want[] = "hello from user space\n"
                               "argc=3\n"
                               "argv[0]=/bin/hello\n"
                               "argv[1]=one\n"
                               "argv[2]=two words\n";
    char buf[256] = {0};
    pid_t pid;
    int fd;

    unlink(out);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        /* hello's stdout goes to a file the parent then reads. */
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || dup2(o, 1) != 1)
            _exit(126);
        close(o);
        execve("/bin/hello", argv, envp);
        _exit(127);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
    fd = open(out, O_RDONLY);
    UT_ASSERT(fd >= 0);
    UT_ASSERT_EQ(read(fd, buf, sizeof buf - 1), sizeof want - 1);
    UT_ASSERT_STR(buf, want);
    UT_ASSERT_EQ(close(fd), 0);
    UT_ASSERT_EQ(unlink(out), 0);
}

UTEST(execvp_searches_path)
{
    char *const argv[] = {"hello", NULL};
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0)
            dup2(null, 1);
        execvp("hello", argv); /* PATH is /bin (from init) or unset (default /bin) */
        _exit(127);
    }
    UT_ASSERT_CHILD_EXIT(pid, 0);
}

UTEST(execve_of_a_missing_file_gives_enoent)
{
    char *const argv[] = {"/bin/no-such-program", NULL};
    char *const envp[] = {NULL};

    UT_ASSERT_ERRNO(execve("/bin/no-such-program", argv, envp), ENOENT);
    UT_ASSERT_ERRNO(execve("/no/such/dir/program", argv, envp), ENOENT);
    UT_ASSERT_ERRNO(execve("/tmp", argv, envp), EACCES); /* a directory */
    /* The failed execs left this process as it was. */
    UT_ASSERT(getpid() > 0);
}

/* Create path, mode 0755, holding n bytes of data. */
static int make_program(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);

    if (fd < 0)
        return -1;
    if (write(fd, data, n) != (ssize_t)n) {
        close(fd);
        return -1;
    }
    if (close(fd) < 0)
        return -1;
    return chmod(path, 0755); /* whatever the umask */
}

UTEST(execve_of_a_non_elf_file_gives_enoexec)
{
    const char *path = "/tmp/process.notelf";
    static const char text[] = "\x01\x02 this is not a program\n";
    /* An ELF header, but of a 64-bit x86-64 program: not something this kernel runs. */
    static const unsigned char elf64[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, [16] = 2, 0,
                                             62, 0, 1, 0, 0, 0};
    /* Just the magic number: a header cut short. */
    static const unsigned char truncated[] = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0};
    char *const argv[] = {(char *)path, NULL};
    char *const envp[] = {NULL};

    UT_ASSERT_EQ(make_program(path, text, sizeof text - 1), 0);
    UT_ASSERT_ERRNO(execve(path, argv, envp), ENOEXEC);
    UT_ASSERT_EQ(make_program(path, elf64, sizeof elf64), 0);
    UT_ASSERT_ERRNO(execve(path, argv, envp), ENOEXEC);
    UT_ASSERT_EQ(make_program(path, truncated, sizeof truncated), 0);
    UT_ASSERT_ERRNO(execve(path, argv, envp), ENOEXEC);
    UT_ASSERT_EQ(make_program(path, "", 0), 0);
    UT_ASSERT_ERRNO(execve(path, argv, envp), ENOEXEC);
    UT_ASSERT_EQ(unlink(path), 0);
}

UTEST(execve_bad_pointers_give_efault)
{
    char *const argv[] = {"/bin/hello", NULL};
    char *const bad_argv[] = {"/bin/hello", (char *)0xC0000000, NULL};
    char *const envp[] = {NULL};

    UT_ASSERT_ERRNO(execve((const char *)0x10, argv, envp), EFAULT);
    UT_ASSERT_ERRNO(execve("/bin/hello", (char *const *)0xC0000000, envp), EFAULT);
    UT_ASSERT_ERRNO(execve("/bin/hello", bad_argv, envp), EFAULT);
    UT_ASSERT_ERRNO(execve("/bin/hello", argv, (char *const *)0x10), EFAULT);
}

/* A global the compiler cannot assume is 0: it may neither drop the store nor trap early. */
volatile uintptr_t null_address = 0;

UTEST(null_pointer_write_kills_the_child)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        *(volatile int *)null_address = 1;
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
}

UTEST(kernel_memory_read_kills_the_child)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        volatile uint32_t *kernel = (volatile uint32_t *)0xC0100000;
        _exit((int)(*kernel & 0x7f)); /* must not get here */
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
}

UTEST(write_to_code_kills_the_child)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        volatile unsigned char *code = (volatile unsigned char *)(uintptr_t)&getpid;
        *code = 0xcc;
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
}

/* Globals the compiler cannot assume anything about: a division it must really do. */
volatile int zero_for_division = 0, one_for_division = 1;

UTEST(divide_error_kills_the_child)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0)
        _exit(one_for_division / zero_for_division);
    UT_ASSERT_CHILD_SIGNAL(pid, SIGFPE);
}

UTEST(invalid_instruction_kills_the_child)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        __asm__ volatile("ud2");
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGILL);
}

UTEST(privileged_instruction_kills_the_child)
{
    pid_t pid = fork();

    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        __asm__ volatile("cli; hlt"); /* ring 3 may not: a general protection fault */
        _exit(0);
    }
    UT_ASSERT_CHILD_SIGNAL(pid, SIGSEGV);
}

UTEST(orphans_are_adopted_by_init)
{
    int fds[2];
    char answer = 0;
    pid_t pid;

    UT_ASSERT_EQ(pipe(fds), 0);
    pid = fork();
    UT_ASSERT(pid >= 0);
    if (pid == 0) {
        pid_t grandchild = fork();
        if (grandchild < 0)
            _exit(1);
        if (grandchild == 0) {
            /* Wait (up to about 10 s) for the parent to die, then report our new parent. */
            const struct timespec tick = {.tv_nsec = 10 * 1000 * 1000};
            for (int i = 0; i < 1000 && getppid() != 1; i++)
                nanosleep(&tick, NULL);
            char c = getppid() == 1 ? 'Y' : 'N';
            write(fds[1], &c, 1);
            _exit(0);
        }
        _exit(0);
    }
    UT_ASSERT_EQ(close(fds[1]), 0);
    UT_ASSERT_CHILD_EXIT(pid, 0);
    UT_ASSERT_EQ(read(fds[0], &answer, 1), 1);
    UT_ASSERT_MSG(answer == 'Y', "the orphan's parent did not become pid 1");
    UT_ASSERT_EQ(close(fds[0]), 0);
}

UTEST(sched_yield_returns)
{
    for (int i = 0; i < 10; i++)
        UT_ASSERT_EQ(sched_yield(), 0);
}

int main(int argc, char **argv)
{
    return utest_main(argc, argv);
}
