/*
 * login - ask for a name and a password on this terminal and start the
 * user's shell.
 *
 *   login [name]
 *
 * init runs it on each terminal, as root, with the terminal as standard
 * input, output and error and as the controlling terminal. The prompts are
 * "<host> login: " and "Password: " (typed without echo). A wrong name or
 * password costs FAIL_DELAY seconds and gets "Login incorrect", the same for
 * both, so that neither the message nor the time tells which was wrong; after
 * MAX_TRIES failures login exits and init starts a new one.
 *
 * On success: the terminal is given to the user (mode 0620), the groups and
 * ids become the user's, the directory their home (or "/" with a note), the
 * environment is HOME, USER, LOGNAME, SHELL, PATH and TERM (kept from ours),
 * /etc/motd is shown, and the shell is started as a login shell ("-sh").
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <pwdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#define MAX_TRIES 3
#define FAIL_DELAY 3 /* seconds */
#define USER_PATH "/bin:/usr/bin"

/* Read a line of at most size - 1 bytes from standard input; 0 at end of input. */
static int read_name(char *buf, size_t size)
{
    size_t len = 0;
    char c;

    for (;;) {
        ssize_t n = read(0, &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return len > 0;
        if (c == '\n' || c == '\r')
            break;
        if (len < size - 1)
            buf[len++] = c;
    }
    buf[len] = '\0';
    return 1;
}

static void show_motd(void)
{
    FILE *f = fopen("/etc/motd", "r");
    char line[256];

    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        fputs(line, stdout);
    fclose(f);
}

/* Become pw's user in its home directory with a fresh environment; start its shell. */
static void __attribute__((noreturn)) start_session(struct passwd *pw)
{
    const char *term = getenv("TERM");
    const char *shell = pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh";
    char *tty = ttyname(0), argv0[64];

    if (tty) {
        /* The terminal is the user's now; others may write to it (write, talk). */
        chown(tty, pw->pw_uid, pw->pw_gid);
        chmod(tty, 0620);
    }
    if (initgroups(pw->pw_name, pw->pw_gid) < 0 || setgid(pw->pw_gid) < 0 ||
        setuid(pw->pw_uid) < 0) {
        fprintf(stderr, "login: cannot set the user's ids: %s\n", strerror(errno));
        exit(1);
    }
    if (chdir(pw->pw_dir) < 0) {
        printf("No directory %s, logging in with HOME=/\n", pw->pw_dir);
        chdir("/");
        pw->pw_dir = "/";
    }
    term = term ? strdup(term) : "vt100";
    clearenv();
    setenv("HOME", pw->pw_dir, 1);
    setenv("USER", pw->pw_name, 1);
    setenv("LOGNAME", pw->pw_name, 1);
    setenv("SHELL", shell, 1);
    setenv("PATH", USER_PATH, 1);
    setenv("TERM", term, 1);
    show_motd();
    fflush(stdout);

    const char *base = strrchr(shell, '/');
    snprintf(argv0, sizeof argv0, "-%s", base ? base + 1 : shell);
    char *argv[] = {argv0, NULL};
    execv(shell, argv);
    fprintf(stderr, "login: %s: %s\n", shell, strerror(errno));
    exit(1);
}

int main(int argc, char **argv)
{
    char name[64];
    struct utsname u;

    if (getuid() != 0) {
        fprintf(stderr, "login: must be run by root (init starts it)\n");
        return 1;
    }
    if (uname(&u) < 0)
        strcpy(u.nodename, "adventos");
    for (int tries = 0; tries < MAX_TRIES; tries++) {
        if (tries == 0 && argc > 1) {
            snprintf(name, sizeof name, "%s", argv[1]);
        } else {
            do {
                printf("%s login: ", u.nodename);
                fflush(stdout);
                if (!read_name(name, sizeof name))
                    return 1;
            } while (!name[0]);
        }
        char *password = getpass("Password: ");
        int ok = pwdb_check_password(name, password);
        memset(password, 0, strlen(password));
        if (ok) {
            struct passwd *pw = getpwnam(name);
            if (pw)
                start_session(pw);
        }
        sleep(FAIL_DELAY);
        printf("Login incorrect\n\n");
    }
    fflush(stdout);
    return 1;
}
