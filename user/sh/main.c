/*
 * main.c - the interim shell's entry point: reads commands from the terminal,
 * a script file or -c, and runs them (sh.h explains the stages).
 *
 *   sh                 interactive when standard input is a terminal
 *   sh -c 'cmds' [name [args...]]
 *   sh FILE [args...]  ($0 is FILE, $1... the args)
 *   -i forces interactive mode. A login shell (argv[0] starting with '-',
 *   as login starts it) first runs /etc/profile and $HOME/.profile.
 *
 * The prompt is "user@host:dir$ " ("# " instead of "$ " for root), or $PS1
 * taken as it is. See docs/shell.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

struct shell sh;

static volatile sig_atomic_t interrupted;

void sh_error(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("sh: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int run_text(const char *text)
{
    struct program prog;

    switch (parse_program(text, &prog)) {
    case PARSE_OK:
        run_program(&prog);
        free_program(&prog);
        return sh.last_status;
    case PARSE_INCOMPLETE:
        sh_error("syntax error: unexpected end of input");
        return sh.last_status = 2;
    default:
        return sh.last_status = 2;
    }
}

/* ---- reading lines ---- */

struct input {
    int fd;
    int byte_at_a_time; /* standard input shared with the commands we run */
    char buf[4096];
    size_t pos, len;
};

/* One line (with its newline, if any) appended to *text; 0 at end of input. */
static int read_line(struct input *in, char **text, size_t *len, size_t *cap)
{
    size_t start = *len;

    for (;;) {
        if (in->pos == in->len) {
            ssize_t n = read(in->fd, in->buf, in->byte_at_a_time ? 1 : sizeof in->buf);
            if (n < 0 && errno == EINTR) {
                if (interrupted)
                    return -1;
                continue;
            }
            if (n <= 0)
                return *len > start;
            in->pos = 0;
            in->len = (size_t)n;
        }
        char c = in->buf[in->pos++];
        if (*len + 2 > *cap) {
            *cap = *cap ? 2 * *cap : 256;
            *text = realloc(*text, *cap);
            if (!*text) {
                sh_error("out of memory");
                exit(2);
            }
        }
        (*text)[(*len)++] = c;
        (*text)[*len] = '\0';
        if (c == '\n')
            return 1;
    }
}

static void print_prompt(int continuation)
{
    const char *ps = var_get(continuation ? "PS2" : "PS1");
    char cwd[PATH_MAX], where[PATH_MAX];
    struct utsname u;

    if (ps) {
        fputs(ps, stderr);
        return;
    }
    if (continuation) {
        fputs("> ", stderr);
        return;
    }
    struct passwd *pw = getpwuid(geteuid());
    const char *home = var_get("HOME");
    if (!getcwd(cwd, sizeof cwd))
        strcpy(cwd, "?");
    size_t hl = home ? strlen(home) : 0;
    if (hl > 1 && strncmp(cwd, home, hl) == 0 && (cwd[hl] == '/' || !cwd[hl]))
        snprintf(where, sizeof where, "~%s", cwd + hl);
    else
        snprintf(where, sizeof where, "%s", cwd);
    if (uname(&u) < 0)
        strcpy(u.nodename, "?");
    fprintf(stderr, "%s@%s:%s%s", pw ? pw->pw_name : "?", u.nodename, where,
            geteuid() == 0 ? "# " : "$ ");
}

static void on_interrupt(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Read and run commands until end of input or exit. */
static int command_loop(struct input *in)
{
    char *text = NULL;
    size_t len = 0, cap = 0;

    for (;;) {
        if (sh.interactive) {
            reap_background(1);
            print_prompt(len > 0);
        }
        interrupted = 0;
        int got = read_line(in, &text, &len, &cap);
        if (got < 0) { /* ^C: drop what was typed */
            fputc('\n', stderr);
            len = 0;
            continue;
        }
        if (got == 0) {
            if (len > 0)
                run_text(text); /* reports the unfinished command */
            break;
        }
        struct program prog;
        enum parse_status ps = parse_program(text, &prog);
        if (ps == PARSE_INCOMPLETE)
            continue; /* read the next line onto this one */
        if (ps == PARSE_OK) {
            run_program(&prog);
            free_program(&prog);
        } else {
            sh.last_status = 2;
            if (!sh.interactive)
                break; /* a syntax error ends a script */
        }
        len = 0;
        if (sh.exiting)
            break;
    }
    free(text);
    if (sh.interactive && !sh.exiting)
        fputs("exit\n", stderr);
    return sh.exiting ? sh.exit_status : sh.last_status;
}

/* Job control: make the shell the terminal's foreground process group. */
static void take_terminal(void)
{
    pid_t pgrp;

    sh.tty_fd = 0;
    while ((pgrp = tcgetpgrp(0)) >= 0 && pgrp != getpgrp())
        kill(-getpgrp(), SIGTTIN); /* started in the background: wait */
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    signal(SIGTTOU, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_interrupt}; /* no SA_RESTART: read returns */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    if (getpgrp() != getpid())
        setpgid(0, 0); /* fails harmlessly for a session leader */
    sh.pgid = getpgrp();
    tcsetpgrp(0, sh.pgid);
}

static void run_profile(const char *path)
{
    if (access(path, R_OK) == 0) {
        char *argv[] = {".", (char *)path, NULL};
        find_builtin(".")(2, argv);
    }
}

static void usage(void)
{
    fputs("usage: sh [-i] [-c command [name [arg...]] | file [arg...]]\n", stderr);
    exit(2);
}

int main(int argc, char **argv, char **envp)
{
    const char *command = NULL;
    int force_interactive = 0, i = 1;
    struct input in = {.fd = 0};

    sh.pid = getpid();
    sh.tty_fd = -1;
    vars_import(envp);
    if (!var_get("PATH"))
        var_set("PATH", "/bin:/usr/bin", 1);
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        }
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'c' && !command) {
                if (i + 1 >= argc)
                    usage();
                command = argv[++i];
                break;
            } else if (*o == 'i') {
                force_interactive = 1;
            } else if (*o == 's' || *o == 'l') {
                /* -s: read standard input (the default); -l: login shell */
            } else {
                usage();
            }
        }
    }
    sh.argv = argv + i - 1;
    sh.argc = argc - i + 1;
    if (command) {
        sh.argv[0] = i < argc ? argv[i] : argv[0];
        if (i < argc) {
            sh.argv = argv + i;
            sh.argc = argc - i;
        } else {
            sh.argv = argv;
            sh.argc = 1;
        }
        run_text(command);
        fflush(stdout);
        return sh.exiting ? sh.exit_status : sh.last_status;
    }
    if (i < argc) {
        in.fd = open(argv[i], O_RDONLY);
        if (in.fd < 0) {
            sh_error("%s: %s", argv[i], strerror(errno));
            return 127;
        }
        fcntl(in.fd, F_SETFD, FD_CLOEXEC);
        sh.argv = argv + i;
        sh.argc = argc - i;
    } else {
        sh.argv = argv;
        sh.argc = 1;
        in.byte_at_a_time = 1;
        sh.interactive = force_interactive || (isatty(0) && isatty(2));
    }
    if (sh.interactive)
        take_terminal();
    if (argv[0][0] == '-') {
        char profile[PATH_MAX];
        const char *home = var_get("HOME");
        run_profile("/etc/profile");
        if (home) {
            snprintf(profile, sizeof profile, "%s/.profile", home);
            run_profile(profile);
        }
    }
    int status = command_loop(&in);
    fflush(stdout);
    return status;
}
