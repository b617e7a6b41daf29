/*
 * exec.c - running what parse.c built: and-or lists, pipelines, redirections,
 * command lookup, and process groups for job control.
 *
 * Every pipeline runs in its own process group (the first child's pid). An
 * interactive shell hands the terminal to a foreground pipeline's group and
 * takes it back when the pipeline ends or stops, so that ^C and ^Z reach the
 * pipeline and not the shell. A builtin alone in a foreground pipeline runs
 * inside the shell (cd must change the shell's directory), with its
 * redirections undone afterwards; anywhere else it runs in a child.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

#define SAVED_FD_BASE 10 /* copies of redirected descriptors live at 10 and up */

/* A descriptor a builtin's redirection replaced, and where its original waits. */
struct saved_fd {
    int fd, copy; /* copy -1: fd was closed before */
};

struct saved_fds {
    struct saved_fd v[16];
    int n;
};

static int save_fd(struct saved_fds *save, int fd)
{
    for (int i = 0; i < save->n; i++)
        if (save->v[i].fd == fd)
            return 0; /* saved by an earlier redirection of the same fd */
    if (save->n == (int)(sizeof save->v / sizeof save->v[0])) {
        sh_error("too many redirections");
        return -1;
    }
    int copy = fcntl(fd, F_DUPFD, SAVED_FD_BASE);
    if (copy >= 0)
        fcntl(copy, F_SETFD, FD_CLOEXEC);
    save->v[save->n++] = (struct saved_fd){fd, copy};
    return 0;
}

static void restore_fds(struct saved_fds *save)
{
    fflush(stdout);
    fflush(stderr);
    while (save->n > 0) {
        struct saved_fd *s = &save->v[--save->n];
        if (s->copy >= 0) {
            dup2(s->copy, s->fd);
            close(s->copy);
        } else {
            close(s->fd);
        }
    }
}

/* Perform the redirections in order; with save, remember what they replace. */
static int apply_redirs(struct redir *r, struct saved_fds *save)
{
    for (; r; r = r->next) {
        char *target = expand_single(r->word);
        int fd;

        if (!target)
            return -1;
        if (save && save_fd(save, r->fd) < 0) {
            free(target);
            return -1;
        }
        if (r->kind == REDIR_DUP) {
            if (strcmp(target, "-") == 0) {
                close(r->fd);
                free(target);
                continue;
            }
            char *end;
            long src = strtol(target, &end, 10);
            if (!*target || *end || src < 0) {
                sh_error("%s: ambiguous redirect", target);
                free(target);
                return -1;
            }
            if (src != r->fd && dup2((int)src, r->fd) < 0) {
                sh_error("%ld: %s", src, strerror(errno));
                free(target);
                return -1;
            }
            free(target);
            continue;
        }
        int flags = r->kind == REDIR_IN     ? O_RDONLY
                    : r->kind == REDIR_RDWR ? O_RDWR | O_CREAT
                    : r->kind == REDIR_OUT  ? O_WRONLY | O_CREAT | O_TRUNC
                                            : O_WRONLY | O_CREAT | O_APPEND;
        fd = open(target, flags, 0666);
        if (fd < 0) {
            sh_error("%s: %s", target, strerror(errno));
            free(target);
            return -1;
        }
        if (fd != r->fd) {
            dup2(fd, r->fd);
            close(fd);
        }
        free(target);
    }
    return 0;
}

/* A command's words expanded: assignments in front, then the arguments. */
struct expanded {
    struct fields assigns; /* "NAME=value", expanded */
    struct fields args;
};

static int expand_command(struct command *cmd, struct expanded *x)
{
    int i = 0;
    size_t eq;

    memset(x, 0, sizeof *x);
    for (; i < cmd->nwords && is_assignment(cmd->words[i], &eq); i++) {
        char *value = expand_single(cmd->words[i] + eq + 1);
        char *a = value ? malloc(eq + strlen(value) + 2) : NULL;
        if (!a) {
            free(value);
            return -1;
        }
        memcpy(a, cmd->words[i], eq + 1);
        strcpy(a + eq + 1, value);
        free(value);
        fields_add(&x->assigns, a);
    }
    for (; i < cmd->nwords; i++)
        if (expand_word(cmd->words[i], &x->args, 1) < 0)
            return -1;
    return 0;
}

static void free_expanded(struct expanded *x)
{
    fields_free(&x->assigns);
    fields_free(&x->args);
}

/* Make the assignments shell variables (a command of assignments only). */
static void assign_all(struct fields *assigns)
{
    for (int i = 0; i < assigns->n; i++) {
        char *a = assigns->v[i], *eq = strchr(a, '=');
        *eq = '\0';
        var_set(a, eq + 1, 0);
        *eq = '=';
    }
}

int exec_command(char **argv, char **envp)
{
    const char *name = argv[0];
    int saved_errno = ENOENT;

    if (strchr(name, '/')) {
        execve(name, argv, envp);
        saved_errno = errno;
    } else {
        const char *path = var_get("PATH");
        if (!path)
            path = "/bin:/usr/bin";
        for (const char *p = path;; p++) {
            const char *colon = strchr(p, ':');
            size_t dirlen = colon ? (size_t)(colon - p) : strlen(p);
            char full[1024];

            snprintf(full, sizeof full, "%.*s%s%s", (int)dirlen, p, dirlen ? "/" : "", name);
            execve(full, argv, envp);
            if (errno == ENOEXEC) {
                saved_errno = ENOEXEC;
                name = strdup(full);
                break;
            }
            if (errno != ENOENT && errno != ENOTDIR)
                saved_errno = errno;
            if (!colon)
                break;
            p = colon;
        }
    }
    if (saved_errno == ENOEXEC) {
        /* No executable format: a script without "#!"; run it with this shell. */
        int argc = 0;
        while (argv[argc])
            argc++;
        char **shargv = calloc((size_t)argc + 2, sizeof *shargv);
        if (shargv) {
            shargv[0] = "sh";
            shargv[1] = (char *)name;
            for (int i = 1; i <= argc; i++)
                shargv[i + 1] = argv[i];
            execve("/bin/sh", shargv, envp);
        }
        saved_errno = errno;
    }
    if (saved_errno == ENOENT && !strchr(argv[0], '/')) {
        sh_error("%s: command not found", argv[0]);
        return 127;
    }
    sh_error("%s: %s", argv[0], strerror(saved_errno));
    return saved_errno == ENOENT ? 127 : 126;
}

/* In a child about to become a command: default signal actions again. */
static void child_signals(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
    signal(SIGTTIN, SIG_DFL);
    signal(SIGTTOU, SIG_DFL);
    signal(SIGCHLD, SIG_DFL);
}

/* Run an expanded command in this (child) process; never returns. */
static void exec_in_child(struct command *cmd, struct expanded *x)
{
    if (apply_redirs(cmd->redirs, NULL) < 0)
        _exit(1);
    if (x->args.n == 0)
        _exit(0);
    char **args = x->args.v;
    if (is_special_exec(args[0])) {
        /* "exec cmd" in a pipeline: the child is replaced by cmd anyway. */
        if (!args[1])
            _exit(0);
        char **env = build_env(x->assigns.v, x->assigns.n);
        _exit(exec_command(args + 1, env));
    }
    builtin_fn b = find_builtin(x->args.v[0]);
    if (b) {
        int status = b(x->args.n, x->args.v);
        fflush(stdout);
        fflush(stderr);
        _exit(status);
    }
    char **env = build_env(x->assigns.v, x->assigns.n);
    _exit(exec_command(x->args.v, env));
}

/* The shell's status for a child's wait status; reports deaths by signal. */
static int status_of(int ws, int report)
{
    if (WIFEXITED(ws))
        return WEXITSTATUS(ws);
    if (WIFSIGNALED(ws)) {
        int sig = WTERMSIG(ws);
        if (report && sig != SIGINT && sig != SIGPIPE)
            fprintf(stderr, "%s\n", strsignal(sig));
        else if (report && sig == SIGINT && sh.interactive)
            fputc('\n', stderr);
        return 128 + sig;
    }
    if (WIFSTOPPED(ws)) {
        if (report)
            fprintf(stderr, "\n[stopped]\n");
        return 128 + WSTOPSIG(ws);
    }
    return 1;
}

/* Give the terminal to pgrp (interactive shells only). */
static void give_terminal(pid_t pgrp)
{
    if (sh.interactive && sh.tty_fd >= 0)
        tcsetpgrp(sh.tty_fd, pgrp);
}

/* A builtin or assignment alone in the foreground: run it in the shell. */
static int run_in_shell(struct command *cmd, struct expanded *x, builtin_fn b)
{
    struct saved_fds save = {.n = 0};
    int status;

    if (x->args.n > 0 && is_special_exec(x->args.v[0])) {
        /* exec: the redirections stay; with a command, the shell is replaced. */
        if (apply_redirs(cmd->redirs, NULL) < 0)
            return 1;
        if (x->args.n == 1)
            return 0;
        child_signals();
        char **env = build_env(x->assigns.v, x->assigns.n);
        status = exec_command(x->args.v + 1, env);
        free_env(env);
        if (!sh.interactive) {
            sh.exiting = 1;
            sh.exit_status = status;
        }
        return status;
    }
    assign_all(&x->assigns);
    if (apply_redirs(cmd->redirs, &save) < 0) {
        restore_fds(&save);
        return 1;
    }
    status = b ? b(x->args.n, x->args.v) : 0;
    restore_fds(&save);
    return status;
}

static int run_pipeline(struct pipeline *pl)
{
    pid_t pids[64], pgid = 0;
    int n = pl->ncmds, in_fd = -1, status = 0;

    if (n > (int)(sizeof pids / sizeof pids[0])) {
        sh_error("pipeline too long");
        return 1;
    }
    if (n == 1) {
        struct expanded x;
        if (expand_command(&pl->cmds[0], &x) < 0) {
            free_expanded(&x);
            return 1;
        }
        builtin_fn b = x.args.n ? find_builtin(x.args.v[0]) : NULL;
        if (x.args.n == 0 || b) {
            status = run_in_shell(&pl->cmds[0], &x, b);
            free_expanded(&x);
            return status;
        }
        free_expanded(&x);
    }
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < n; i++) {
        int fds[2] = {-1, -1};
        struct expanded x;

        if (i + 1 < n && pipe(fds) < 0) {
            sh_error("pipe: %s", strerror(errno));
            n = i;
            status = 1;
            break;
        }
        if (expand_command(&pl->cmds[i], &x) < 0) {
            free_expanded(&x);
            if (fds[0] >= 0)
                close(fds[1]);
            if (in_fd >= 0)
                close(in_fd);
            in_fd = fds[0];
            pids[i] = -1;
            status = 1;
            continue;
        }
        pid_t pid = fork();
        if (pid < 0) {
            sh_error("fork: %s", strerror(errno));
            free_expanded(&x);
            if (fds[0] >= 0) {
                close(fds[0]);
                close(fds[1]);
            }
            n = i;
            status = 1;
            break;
        }
        if (pid == 0) {
            if (sh.interactive) {
                setpgid(0, pgid);
                if (!pgid)
                    give_terminal(getpid());
            }
            child_signals();
            if (in_fd >= 0) {
                dup2(in_fd, 0);
                close(in_fd);
            }
            if (fds[1] >= 0) {
                dup2(fds[1], 1);
                close(fds[1]);
                close(fds[0]);
            }
            exec_in_child(&pl->cmds[i], &x);
        }
        if (sh.interactive) {
            if (!pgid)
                pgid = pid;
            setpgid(pid, pgid); /* also here: whichever runs first */
        }
        pids[i] = pid;
        free_expanded(&x);
        if (in_fd >= 0)
            close(in_fd);
        if (fds[1] >= 0)
            close(fds[1]);
        in_fd = fds[0];
    }
    if (in_fd >= 0)
        close(in_fd);
    if (pgid)
        give_terminal(pgid);
    for (int i = 0; i < n; i++) {
        int ws;
        if (pids[i] < 0)
            continue;
        while (waitpid(pids[i], &ws, WUNTRACED) < 0 && errno == EINTR)
            ;
        int st = status_of(ws, i == n - 1);
        if (i == n - 1)
            status = st;
    }
    give_terminal(sh.pgid);
    return status;
}

static int run_foreground(struct and_or *ao)
{
    int status = 0;

    for (int i = 0; i < ao->n; i++) {
        if (i > 0 && ((ao->ops[i] == OP_AND && status != 0) ||
                      (ao->ops[i] == OP_OR && status == 0)))
            continue;
        status = run_pipeline(&ao->pipes[i]);
        if (ao->pipes[i].negate)
            status = !status;
        sh.last_status = status;
        if (sh.exiting)
            break;
    }
    return status;
}

int run_and_or(struct and_or *ao)
{
    if (!ao->background)
        return run_foreground(ao);

    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        sh_error("fork: %s", strerror(errno));
        return 1;
    }
    if (pid == 0) {
        /* The background list: its own group, never the terminal's owner.
         * Without job control its input is /dev/null (POSIX 2.9.3). */
        int job_control = sh.interactive;
        if (job_control)
            setpgid(0, 0);
        sh.interactive = 0;
        child_signals();
        if (!job_control) {
            int null = open("/dev/null", O_RDONLY);
            if (null > 0) {
                dup2(null, 0);
                close(null);
            }
        }
        _exit(run_foreground(ao));
    }
    if (sh.interactive) {
        setpgid(pid, pid);
        fprintf(stderr, "[%d]\n", (int)pid);
    }
    sh.last_bg = pid;
    return 0;
}

void reap_background(int report)
{
    pid_t pid;
    int ws;

    while ((pid = waitpid(-1, &ws, WNOHANG)) > 0)
        if (report)
            fprintf(stderr, "[%d] done (status %d)\n", (int)pid, status_of(ws, 0));
}

int run_program(struct program *prog)
{
    for (int i = 0; i < prog->n && !sh.exiting; i++)
        sh.last_status = run_and_or(&prog->lists[i]);
    return sh.last_status;
}
