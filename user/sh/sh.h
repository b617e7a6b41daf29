/*
 * sh.h - the interim shell: what its parts share.
 *
 * A line of input goes through four stages, one file each:
 *   parse.c   text -> a list of and-or lists of pipelines of commands, each
 *             command's words and redirections kept as raw text (quotes and
 *             all) so that expansion can see what was quoted;
 *   expand.c  a raw word -> fields: tilde, parameters, field splitting of
 *             unquoted expansions, pathname expansion (glob), quote removal;
 *   exec.c    pipelines, redirections, process groups, command lookup;
 *   builtins.c the commands that must run inside the shell (cd, exit, ...).
 * vars.c holds the shell's variables and builds the environment of children.
 * docs/shell.md describes the language this shell accepts.
 */
#ifndef SH_H
#define SH_H

#include <stddef.h>
#include <sys/types.h>

/* ---- the syntax tree (parse.c) ---- */

enum redir_kind {
    REDIR_IN,     /* [n]<word   */
    REDIR_OUT,    /* [n]>word   */
    REDIR_APPEND, /* [n]>>word  */
    REDIR_RDWR,   /* [n]<>word  */
    REDIR_DUP,    /* [n]>&word or [n]<&word (word a descriptor or "-") */
};

struct redir {
    enum redir_kind kind;
    int fd;          /* the descriptor redirected */
    char *word;      /* raw; expanded to one field at run time */
    struct redir *next;
};

struct command {
    char **words;    /* raw words, NULL-terminated (assignments included) */
    int nwords;
    struct redir *redirs;
};

struct pipeline {
    struct command *cmds;
    int ncmds;
    int negate;      /* "! pipeline" */
};

enum and_or_op { OP_NONE, OP_AND, OP_OR };

/* pipe[0] op[1] pipe[1] op[2] ... ; op[i] joins pipe[i-1] and pipe[i]. */
struct and_or {
    struct pipeline *pipes;
    enum and_or_op *ops;
    int n;
    int background;  /* ended by '&' */
};

struct program {
    struct and_or *lists;
    int n;
};

enum parse_status { PARSE_OK, PARSE_INCOMPLETE, PARSE_ERROR };

/* Parse text into *prog. PARSE_INCOMPLETE: an open quote or a trailing
 * operator asks for another line; PARSE_ERROR: a message was printed. */
enum parse_status parse_program(const char *text, struct program *prog);
void free_program(struct program *prog);

/* ---- expansion (expand.c) ---- */

struct fields {
    char **v;
    int n, cap;
};

void fields_add(struct fields *f, char *s);
void fields_free(struct fields *f);
/* Expand a raw word into fields (glob when do_glob). 0, or -1 after a message. */
int expand_word(const char *raw, struct fields *out, int do_glob);
/* Expand a raw word to exactly one string (redirection targets, assignments). */
char *expand_single(const char *raw);
/* Whether word is NAME=value (NAME a valid name); its '=' position in *eq. */
int is_assignment(const char *word, size_t *eq);

/* ---- execution (exec.c) ---- */

int run_program(struct program *prog);
/* Run an and-or list (in the foreground unless it ends with '&'). */
int run_and_or(struct and_or *ao);
void reap_background(int report);
/* Exec argv (PATH search) in this process; only returns after printing why not. */
int exec_command(char **argv, char **envp);

/* ---- builtins (builtins.c) ---- */

typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn find_builtin(const char *name);
/* "exec" and assignments-only commands need special handling in exec.c. */
int is_special_exec(const char *name);

/* ---- variables (vars.c) ---- */

const char *var_get(const char *name);
int var_set(const char *name, const char *value, int export);
void var_export(const char *name);
int var_unset(const char *name);
void vars_import(char **envp);
/* A NULL-terminated "NAME=value" array of the exported variables plus the
 * given extra assignments (which override); free with free_env(). */
char **build_env(char **extra, int nextra);
void free_env(char **env);
void vars_print_exported(void);
int valid_name(const char *s, size_t len);

/* ---- shell state (main.c) ---- */

struct shell {
    int interactive;     /* prompts, job control, ignores SIGINT/SIGQUIT/SIGTSTP */
    int last_status;     /* $? */
    pid_t last_bg;       /* $! */
    pid_t pid;           /* $$ */
    pid_t pgid;          /* the shell's own process group */
    int tty_fd;          /* the controlling terminal when interactive, else -1 */
    char **argv;         /* $0, $1 ... */
    int argc;
    int exiting;         /* the exit builtin ran */
    int exit_status;
};

extern struct shell sh;

/* Run a string of commands as if read from input (used by ., sh -c). */
int run_text(const char *text);

/* Messages: "sh: ..." on stderr. */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
