/*
 * su - run a shell as another user.
 *
 *   su [-] [-l] [-c command] [-s shell] [user]       (user defaults to root)
 *
 * su is set-user-ID root (tools/rootfs.perms). Unless the real user is root,
 * it asks for the target user's password; a wrong one costs FAIL_DELAY
 * seconds and ends with "su: Authentication failure" and status 1.
 * With "-" or -l the shell is a login shell: the environment is cleared
 * except TERM, the directory becomes the user's home. Otherwise the
 * environment is kept, with HOME and SHELL set (and USER and LOGNAME when
 * the user is not root), as GNU su does. -c runs one command with "sh -c".
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <pwdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FAIL_DELAY 3
#define USER_PATH "/bin:/usr/bin"

static void usage(void)
{
    fprintf(stderr, "usage: su [-] [-l] [-c command] [-s shell] [user]\n");
    exit(1);
}

int main(int argc, char **argv)
{
    int login = 0;
    const char *command = NULL, *shell = NULL, *name = "root";
    int i;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0 || strcmp(argv[i], "-l") == 0 ||
            strcmp(argv[i], "--login") == 0) {
            login = 1;
        } else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
            command = argv[++i];
        } else if (strcmp(argv[i], "-s") == 0 && i + 1 < argc) {
            shell = argv[++i];
        } else if (argv[i][0] == '-') {
            usage();
        } else {
            break;
        }
    }
    if (i < argc)
        name = argv[i++];
    if (i < argc)
        usage();

    struct passwd *pw = getpwnam(name);
    if (!pw) {
        fprintf(stderr, "su: user %s does not exist\n", name);
        return 1;
    }
    if (getuid() != 0) {
        char *password = getpass("Password: ");
        int ok = pwdb_check_password(name, password);
        memset(password, 0, strlen(password));
        if (!ok) {
            sleep(FAIL_DELAY);
            fprintf(stderr, "su: Authentication failure\n");
            return 1;
        }
        /* Only root may pick a shell other than the account's. */
        shell = NULL;
    }
    if (!shell)
        shell = pw->pw_shell && *pw->pw_shell ? pw->pw_shell : "/bin/sh";
    /* Copy what the next getpwnam would overwrite, and TERM before clearenv. */
    char *home = strdup(pw->pw_dir), *user = strdup(pw->pw_name), *sh = strdup(shell);
    char *term = getenv("TERM") ? strdup(getenv("TERM")) : NULL;
    if (!home || !user || !sh) {
        fprintf(stderr, "su: out of memory\n");
        return 1;
    }
    if (initgroups(user, pw->pw_gid) < 0 || setgid(pw->pw_gid) < 0 || setuid(pw->pw_uid) < 0) {
        fprintf(stderr, "su: cannot set the user's ids: %s\n", strerror(errno));
        return 1;
    }
    if (login) {
        clearenv();
        if (term)
            setenv("TERM", term, 1);
        setenv("PATH", USER_PATH, 1);
        if (chdir(home) < 0)
            fprintf(stderr, "su: warning: cannot change directory to %s: %s\n", home,
                    strerror(errno));
    }
    setenv("HOME", home, 1);
    setenv("SHELL", sh, 1);
    if (login || pw->pw_uid != 0) {
        setenv("USER", user, 1);
        setenv("LOGNAME", user, 1);
    }

    const char *base = strrchr(sh, '/');
    char argv0[64];
    snprintf(argv0, sizeof argv0, "%s%s", login ? "-" : "", base ? base + 1 : sh);
    if (command) {
        char *args[] = {argv0, "-c", (char *)command, NULL};
        execv(sh, args);
    } else {
        char *args[] = {argv0, NULL};
        execv(sh, args);
    }
    fprintf(stderr, "su: %s: %s\n", sh, strerror(errno));
    return 126;
}
