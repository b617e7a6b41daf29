/*
 * builtins.c - commands that act on the shell itself: cd, exit, export,
 * unset, umask, wait, ".", ":" and exec (handled in exec.c: it replaces
 * the shell or keeps its redirections).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

static int builtin_cd(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : var_get("HOME");
    char old[PATH_MAX], cwd[PATH_MAX];
    int print = 0;

    if (argc > 2) {
        sh_error("cd: too many arguments");
        return 1;
    }
    if (!dir) {
        sh_error("cd: HOME not set");
        return 1;
    }
    if (strcmp(dir, "-") == 0) {
        dir = var_get("OLDPWD");
        if (!dir) {
            sh_error("cd: OLDPWD not set");
            return 1;
        }
        print = 1;
    }
    if (!getcwd(old, sizeof old))
        old[0] = '\0';
    if (chdir(dir) < 0) {
        sh_error("cd: %s: %s", dir, strerror(errno));
        return 1;
    }
    if (old[0])
        var_set("OLDPWD", old, 0);
    if (getcwd(cwd, sizeof cwd)) {
        var_set("PWD", cwd, 0);
        if (print)
            printf("%s\n", cwd);
    }
    return 0;
}

static int builtin_exit(int argc, char **argv)
{
    int status = sh.last_status;

    if (argc > 1) {
        char *end;
        long v = strtol(argv[1], &end, 10);
        if (!*argv[1] || *end) {
            sh_error("exit: %s: numeric argument required", argv[1]);
            status = 2;
        } else {
            status = (int)(v & 0xff);
        }
    }
    sh.exiting = 1;
    sh.exit_status = status;
    return status;
}

static int builtin_export(int argc, char **argv)
{
    int status = 0;

    if (argc == 1 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
        vars_print_exported();
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        size_t eq;
        if (is_assignment(argv[i], &eq)) {
            argv[i][eq] = '\0';
            var_set(argv[i], argv[i] + eq + 1, 1);
            argv[i][eq] = '=';
        } else if (valid_name(argv[i], strlen(argv[i]))) {
            var_export(argv[i]);
        } else {
            sh_error("export: '%s': not a valid identifier", argv[i]);
            status = 1;
        }
    }
    return status;
}

static int builtin_unset(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        var_unset(argv[i]);
    return 0;
}

static int builtin_umask(int argc, char **argv)
{
    if (argc == 1) {
        mode_t m = umask(0);
        umask(m);
        printf("%04o\n", (unsigned)m);
        return 0;
    }
    char *end;
    long m = strtol(argv[1], &end, 8);
    if (!*argv[1] || *end || m < 0 || m > 0777) {
        sh_error("umask: %s: octal mode expected", argv[1]);
        return 1;
    }
    umask((mode_t)m);
    return 0;
}

static int builtin_wait(int argc, char **argv)
{
    int ws, status = 0;

    if (argc == 1) {
        while (wait(&ws) > 0)
            ;
        return 0;
    }
    for (int i = 1; i < argc; i++) {
        pid_t pid = (pid_t)atoi(argv[i]);
        if (waitpid(pid, &ws, 0) < 0) {
            status = 127;
            continue;
        }
        status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
    }
    return status;
}

static int builtin_colon(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* ". file": run the file's commands in this shell. */
static int builtin_dot(int argc, char **argv)
{
    if (argc < 2) {
        sh_error(".: filename argument required");
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        sh_error("%s: %s", argv[1], strerror(errno));
        return 1;
    }
    size_t cap = 4096, len = 0;
    char *text = malloc(cap);
    size_t got;
    while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            char *bigger = realloc(text, cap *= 2);
            if (!bigger) {
                free(text);
                text = NULL;
            } else {
                text = bigger;
            }
        }
    }
    fclose(f);
    if (!text) {
        sh_error("out of memory");
        return 1;
    }
    text[len] = '\0';
    int status = run_text(text);
    free(text);
    return status;
}

static const struct {
    const char *name;
    builtin_fn fn;
} builtins[] = {
    {"cd", builtin_cd},         {"exit", builtin_exit},   {"export", builtin_export},
    {"unset", builtin_unset},   {"umask", builtin_umask}, {"wait", builtin_wait},
    {":", builtin_colon},       {".", builtin_dot},       {"source", builtin_dot},
    {"exec", builtin_colon}, /* exec.c handles it before calling this */
};

builtin_fn find_builtin(const char *name)
{
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].name, name) == 0)
            return builtins[i].fn;
    return NULL;
}

int is_special_exec(const char *name)
{
    return strcmp(name, "exec") == 0;
}
