/*
 * system.c - running a shell command and waiting for it (C and POSIX
 * system): "/bin/sh -c command" in a child.
 *
 * As POSIX describes, the caller ignores SIGINT and SIGQUIT and blocks
 * SIGCHLD while it waits, so that an interrupt typed at the terminal stops
 * the command and not the program, and a SIGCHLD handler does not reap the
 * child first; the child gets the caller's original dispositions and mask.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int system(const char *command)
{
    struct sigaction ignore = {.sa_handler = SIG_IGN}, old_int, old_quit;
    sigset_t chld, old_mask;
    int status = -1, saved;
    pid_t pid;

    if (!command)
        return access("/bin/sh", X_OK) == 0; /* is there a shell? */
    sigemptyset(&ignore.sa_mask);
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    sigprocmask(SIG_BLOCK, &chld, &old_mask);
    pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    if (pid > 0) {
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                status = -1;
                break;
            }
        }
    }
    saved = errno;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    errno = saved;
    return status;
}
