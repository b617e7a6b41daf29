/*
 * popen.c - a pipe to or from a shell command: popen runs "/bin/sh -c
 * command" with its standard output (mode "r") or input (mode "w") on a
 * pipe and returns a stream on the other end; pclose closes the stream and
 * waits for the shell, returning its wait status.
 *
 * Each open pipe stream is remembered with its child's pid. As POSIX
 * requires, a new child closes the streams of earlier popen calls, so that
 * a reader's end of file does not depend on another child closing its copy.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct popen_child {
    FILE *stream;
    pid_t pid;
    struct popen_child *next;
};

static struct popen_child *children;

FILE *popen(const char *command, const char *mode)
{
    int reading, cloexec = 0, fds[2], ours, theirs, child_fd;
    struct popen_child *c;
    pid_t pid;

    if ((mode[0] != 'r' && mode[0] != 'w') || (mode[1] && strcmp(mode + 1, "e") != 0)) {
        errno = EINVAL;
        return NULL;
    }
    reading = mode[0] == 'r';
    cloexec = mode[1] == 'e';
    c = malloc(sizeof *c);
    if (!c)
        return NULL;
    if (pipe(fds) < 0)
        goto bad_free;
    ours = reading ? fds[0] : fds[1];
    theirs = reading ? fds[1] : fds[0];
    child_fd = reading ? STDOUT_FILENO : STDIN_FILENO;
    c->stream = fdopen(ours, reading ? "r" : "w");
    if (!c->stream)
        goto bad_close;
    pid = fork();
    if (pid < 0) {
        int saved = errno;
        fclose(c->stream);
        close(theirs);
        free(c);
        errno = saved;
        return NULL;
    }
    if (pid == 0) {
        for (struct popen_child *p = children; p; p = p->next)
            close(fileno(p->stream));
        close(ours);
        if (theirs != child_fd) {
            dup2(theirs, child_fd);
            close(theirs);
        }
        execl("/bin/sh", "sh", "-c", command, (char *)NULL);
        _exit(127);
    }
    close(theirs);
    if (cloexec)
        fcntl(ours, F_SETFD, FD_CLOEXEC);
    c->pid = pid;
    c->next = children;
    children = c;
    return c->stream;

bad_close:
    close(fds[0]);
    close(fds[1]);
bad_free:
    free(c);
    return NULL;
}

int pclose(FILE *f)
{
    struct popen_child **link, *c;
    pid_t pid, got;
    int status;

    for (link = &children; *link && (*link)->stream != f; link = &(*link)->next)
        ;
    c = *link;
    if (!c) {
        errno = ECHILD;
        return -1;
    }
    *link = c->next;
    pid = c->pid;
    free(c);
    fclose(f);
    do
        got = waitpid(pid, &status, 0);
    while (got < 0 && errno == EINTR);
    return got < 0 ? -1 : status;
}
